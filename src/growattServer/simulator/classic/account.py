"""Login, logout and the HTML pages around them (shinephone-api.md §2, §3 row 1, §10.1).

Every login answer is HTTP 200 with a `{"back": {...}}` body; the check itself, the
lockout and the session live in `World.login`, this module only renders the outcome.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from .. import pages
from ..formats import stamp
from ..routing import Call, Reply, classic_route, html_reply
from ..scenario import Account
from ..world import LoginOutcome, LoginResult, Session
from .common import back, fail_501

# The retired login paths answer like this when the server no longer serves them (#28).
LEGACY_REJECTED_400 = """<html><head><title>400 Bad Request</title></head>
<body><center><h1>400 Bad Request</h1></center><hr><center>Tengine</center></body></html>"""

ERROR_PAGE = """<!DOCTYPE html>
<html>
<head><meta charset="UTF-8"><title>Error</title></head>
<body><div class="errorPage"><p>{message}</p>
<a href="./login.do" target="_top">Login Page</a></div></body>
</html>"""

LOCK_TEXT = "Current account has been locked for {hours} hours"


# -- the answers ---------------------------------------------------------------------
def _session_cookies(session: Session, now: datetime) -> dict[str, str]:
    """JSESSIONID and the load balancer's SERVERID (§2.5). No `Secure` flag: the
    simulator serves plain http on loopback, where a Secure cookie never comes back."""
    seconds = int(now.timestamp())
    return {
        "JSESSIONID": f"{session.session_id}; Path=/; HttpOnly",
        "SERVERID": f"{session.server_id}|{seconds}|{seconds};Path=/",
    }


def _account_since(call: Call, account: Account) -> date:
    plants = call.world.plants_of(account.username)
    return min((p.created for p in plants), default=date(2023, 1, 1))


def _user_bean(call: Call, account: Account, password_hash: str) -> dict[str, Any]:
    """`back.user` with the keys of §2.3; `id` is a JSON integer, `counrty` is sic."""
    plants = call.world.plants_of(account.username)
    local_now = call.now.astimezone(UTC) + timedelta(hours=account.timezone_hours)
    created = datetime.combine(_account_since(call, account), time(9, 0))
    return {
        "uid": "",
        "userLanguage": account.language,
        "inverterGroup": [],
        "timeZone": account.timezone_hours,
        "lat": "",
        "lng": "",
        "dataAcqList": [],
        "type": 2,
        "accountName": account.username,
        "accountNameOss": account.username,
        "password": password_hash,
        "isValiPhone": 0,
        "isValiEmail": 0,
        "kind": 0,
        "mailNotice": True,
        "id": account.user_id,
        "lastLoginIp": call.client_ip,
        "lastLoginTime": stamp(local_now),
        "userDeviceType": -1,
        "phoneNum": "",
        "approved": False,
        "area": account.area,
        "smsNotice": False,
        "isAgent": 0,
        "token": "",
        "nickName": "",
        "parentUserId": 0,
        "customerCode": "",
        "counrty": plants[0].country if plants else "",
        "isPhoneNumReg": 0,
        "createDate": stamp(created),
        "rightlevel": 1,
        "appType": "c",
        "serverUrl": "",
        "roleId": 0,
        "enabled": True,
        "agentCode": "",
        "inverterList": [],
        "email": account.email,
        "company": "",
        "activeName": "",
        "codeIndex": 1,
        "appAlias": "",
        "isBigCustomer": 0,
        "noticeType": "",
        "cpowerAuth": "",
        "cpowerToken": "",
        "distributorEnable": "1",
        "installerEnable": "1",
        "registerType": "0",
        "userIconPath": "",
        "vipPoints": 0,
        "workerCode": "",
        "wxOpenid": "",
    }


def _success(call: Call, account: Account, session: Session, password_hash: str) -> Reply:
    plants = call.world.plants_of(account.username)
    device_count = sum(len(call.world.devices_of(p.plant_id)) for p in plants)
    reply = back(
        {
            "success": True,
            "msg": "",
            "app_code": "1",
            "service": "1",
            "quality": "0",
            "deviceCount": str(device_count),
            "isOpenSmartFamily": 0,
            "isCheckUserAuth": True,
            "isEicUserAddSmartDevice": True,
            "isOpenDeviceList": 1,
            "isOpenDeviceParams": 0,
            "isViewDeviceInfo": False,
            "totalData": {},
            "data": [{"plantId": str(p.plant_id), "plantName": p.name} for p in plants],
            "user": _user_bean(call, account, password_hash),
        }
    )
    reply.cookies.update(_session_cookies(session, call.now))
    return reply


def _locked(result: LoginResult) -> Reply:
    hours = max(1, math.ceil(result.locked_for_s / 3600))  # remaining hours, rounded up
    reply = back(
        {
            "success": False,
            "msg": "507",
            "lockDuration": str(hours),
            "error": LOCK_TEXT.format(hours=hours),
        }
    )
    reply.outcome = "locked"
    return reply


def _bad_credentials() -> Reply:
    reply = back({"success": False, "msg": "502"})
    reply.outcome = "rejected:502"
    return reply


def _login(call: Call) -> Reply:
    username, password_hash = call.get("userName"), call.get("password")
    if username is None or password_hash is None:
        return _bad_credentials()
    result = call.world.login(username, password_hash)
    if result.outcome is LoginOutcome.LOCKED:
        return _locked(result)
    if result.outcome is LoginOutcome.BAD_CREDENTIALS:
        return _bad_credentials()
    if result.account is None or result.session is None:
        return _bad_credentials()
    return _success(call, result.account, result.session, password_hash)


# -- the routes ------------------------------------------------------------------------
@classic_route("newTwoLoginAPI.do", auth=False)
def login(call: Call) -> Reply:
    """Row 1: `userName` + Growatt-hashed `password` (form or query)."""
    return _login(call)


@classic_route("newTwoLoginAPIV2.do", auth=False)
def login_v2(call: Call) -> Reply:
    """The 2025 app login: the extended fields of §2.2 are accepted and ignored."""
    return _login(call)


def _legacy(call: Call) -> Reply:
    if call.world.config.legacy_login == "accept":
        return _login(call)
    return html_reply(LEGACY_REJECTED_400, status=400, outcome="retired-login")


@classic_route("newLoginAPI.do", auth=False)
def login_retired(call: Call) -> Reply:
    """The 2021–2022 login path; its `op=getSetPass` sibling is a separate route, so an
    op arriving here is one the servlet does not have."""
    if call.get("op") or call.get("action"):
        return fail_501()
    return _legacy(call)


@classic_route("LoginAPI.do", auth=False)
def login_oldest(call: Call) -> Reply:
    return _legacy(call)


@classic_route("login.do", auth=False)
def login_page(call: Call) -> Reply:
    """Where the unauthenticated 302 points: the HTML login page."""
    return html_reply(pages.LOGIN_PAGE)


@classic_route("error.do", auth=False)
def error_page(call: Call) -> Reply:
    """The web portal's error page (`errorMess=errorNoLogin` after a lost session)."""
    message = call.get("errorMess") or "error"
    safe = "".join(ch for ch in message if ch.isalnum() or ch in " ._-")
    return html_reply(ERROR_PAGE.format(message=safe))


@classic_route("logout.do")
def logout(call: Call) -> Reply:
    """Ends this session only, then sends the client to the login page."""
    if call.session is not None:
        call.world.end_session(call.session.session_id)
    reply = html_reply("", status=302, outcome="logout")
    reply.headers["Location"] = "/login.do"
    return reply
