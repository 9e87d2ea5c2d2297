"""Answer classification and decoding, fed with captured real bodies."""

from __future__ import annotations

import json

import pytest

from growattServer.errors import (
    AccountLockedError,
    BlockedJSONError,
    GrowattError,
    GrowattV1ApiError,
    InvalidCredentialsError,
    MissingKeyError,
    RateLimitedError,
    SessionExpiredJSONError,
    TokenInvalidError,
    UnexpectedJSONError,
)
from growattServer.protocol.answers import Outcome, classify, decode_json, login_failure, v1_error
from growattServer.protocol.request import RawResponse
from tests.conftest import SHARED_FIXTURES

FIXTURES = SHARED_FIXTURES
HTML = {"content-type": "text/html;charset=UTF-8"}


def fixture(name: str) -> bytes:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"fixture {name} not available")
    return path.read_bytes()


def test_error500_not_logged_in_page_is_expired() -> None:
    raw = RawResponse(500, HTML, fixture("classic/expired-session-error500-en__noah-mqtt-87.html"))
    assert classify(raw) is Outcome.EXPIRED


def test_login_page_with_200_raises_session_expired_json_error() -> None:
    page = b"<html><head><title>Login</title></head><form action='login.do'>"
    page += b"<input type='text' name='account'><input type=\"password\" name=\"password\"></form>"
    with pytest.raises(SessionExpiredJSONError) as caught:
        decode_json(RawResponse(200, HTML, page), "plant_info")
    error = caught.value
    assert isinstance(error, json.JSONDecodeError)
    assert isinstance(error, GrowattError)
    assert "plant_info" in str(error)
    assert "session has expired" in str(error)


def test_redirect_to_login_is_expired() -> None:
    raw = RawResponse(302, {"location": "http://x/login.do"}, b"")
    assert classify(raw) is Outcome.EXPIRED
    with pytest.raises(SessionExpiredJSONError):
        decode_json(raw, "plant_list")
    portal = RawResponse(302, {"location": "/error.do?errorMess=errorNoLogin"}, b"")
    assert classify(portal) is Outcome.EXPIRED


def test_waf_and_cdn_pages_are_blocked() -> None:
    waf = b"<html>Sorry, your request has been blocked as it may cause potential threats</html>"
    with pytest.raises(BlockedJSONError):
        decode_json(RawResponse(200, HTML, waf), "login")
    tengine = b"<html><body>403 Forbidden. UA ACL = blacklist</body></html>"
    assert classify(RawResponse(403, HTML, tengine)) is Outcome.BLOCKED


@pytest.mark.parametrize(
    "body", [b"", b'{"back": {"success": tr', b"null-ish", b"<html>oops</html>"]
)
def test_other_non_json_is_unexpected(body: bytes) -> None:
    with pytest.raises(UnexpectedJSONError) as caught:
        decode_json(RawResponse(200, {"content-type": "text/plain"}, body), "tlx_detail")
    assert isinstance(caught.value, json.JSONDecodeError)
    assert not isinstance(caught.value, SessionExpiredJSONError)


def test_json_under_text_plain_is_accepted() -> None:
    raw = RawResponse(
        200, {"content-type": "text/plain;charset=UTF-8"}, b'{"error_code":0,"data":1}'
    )
    assert decode_json(raw, "mix_data") == {"error_code": 0, "data": 1}


def test_json_mentioning_login_is_still_data() -> None:
    raw = RawResponse(200, {}, b'{"msg": "login.do is not a page here"}')
    assert classify(raw) is Outcome.DATA


def test_login_failures_map_to_auth_errors() -> None:
    locked = json.loads(fixture("classic/newTwoLoginAPI-507-locked__spf-guard-readme.json"))
    error = login_failure(locked)
    assert isinstance(error, AccountLockedError)
    assert error.retry_after == 24 * 3600
    assert error.code == "507"
    assert error.server_text == "Current account has been locked for 24 hours"
    assert isinstance(login_failure({"success": False, "msg": "502"}), InvalidCredentialsError)
    generic = login_failure(
        json.loads(fixture("classic/newTwoLoginAPI-501__sincze-plugin-44.json"))["back"]
    )
    assert isinstance(generic, GrowattError)
    assert not isinstance(generic, InvalidCredentialsError)
    assert login_failure({"success": True}) is None


def test_v1_error_codes() -> None:
    limited = v1_error(
        json.loads(fixture("v1/error-10012-error_frequently_access__energytracker-test.json")), "x"
    )
    assert isinstance(limited, RateLimitedError)
    assert isinstance(limited, GrowattV1ApiError)
    assert limited.error_code == 10012
    denied = v1_error(
        json.loads(fixture("v1/error-10011-error_permission_denied__gogrowatt-testdata.json")), "y"
    )
    assert isinstance(denied, TokenInvalidError)
    assert str(denied) == "Error during y: [10011] error_permission_denied"
    # tlxSet's own 10012 means "device does not exist": not a rate limit.
    other = v1_error({"error_code": 10012, "error_msg": "device does not exist"}, "z")
    assert not isinstance(other, RateLimitedError)
    missing = v1_error({"data": 1}, "w")
    assert isinstance(missing, GrowattV1ApiError)
    assert v1_error({"error_code": 0, "data": None}, "ok") is None


def test_missing_key_error_is_keyerror_and_growatt_error() -> None:
    error = MissingKeyError("login: the answer has no 'back' member")
    assert isinstance(error, KeyError)
    assert isinstance(error, GrowattError)
    assert str(error) == "login: the answer has no 'back' member"
