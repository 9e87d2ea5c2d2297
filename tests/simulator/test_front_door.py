"""What every request meets before an endpoint: sessions, lockouts, User-Agent, WAF, faults."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import requests
from tests.conftest import APP_AGENT, DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER, classic_login

from growattServer.simulator import FaultKind, FaultRule, Simulator, growatt_password_hash

DETAIL = "newTlxApi.do"
DETAIL_QUERY = {"op": "getTlxDetailData", "id": "BZP0C4N08J"}


def login_raw(session: requests.Session, base: str, password: str) -> dict[str, Any]:
    response = session.post(
        base + "newTwoLoginAPI.do", data={"userName": DEMO_USER, "password": password}, timeout=10
    )
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("password", "5f4dcc3b5aa765d61d8327deb882cf99"),
        ("123456", "e1cadc3949ba59abbe56e057f2cf883e"),
        ("Growatt!2024", "11619e584779c8148ea06f5fc6d86f78"),
        ("banaan", "31d674be46e1ba6b54388a671cc9accb"),
        ("test", "c98f6bcd4621d373cade4e832627b4f6"),
        ("", "d41d8cd98fc0b2c4e980c998ecf8427e"),
    ],
)
def test_password_hash_matches_the_spec_vectors(password: str, expected: str) -> None:
    assert growatt_password_hash(password) == expected


def test_login_sets_session_cookies_and_plain_md5_is_refused(
    make_sim: Any, http: requests.Session
) -> None:
    sim: Simulator = make_sim()
    import hashlib

    plain = hashlib.md5(DEMO_PASSWORD.encode()).hexdigest()  # noqa: S324 - the wire format
    if plain != growatt_password_hash(DEMO_PASSWORD):
        assert login_raw(http, sim.base_url, plain)["back"]["msg"] == "502"
    back = login_raw(http, sim.base_url, growatt_password_hash(DEMO_PASSWORD))["back"]
    assert back["success"] is True
    assert len(http.cookies["JSESSIONID"]) == 32
    assert http.cookies["SERVERID"].count("|") == 2


def test_wrong_password_is_502_and_never_creates_a_session(
    make_sim: Any, http: requests.Session
) -> None:
    sim: Simulator = make_sim()
    back = login_raw(http, sim.base_url, growatt_password_hash("wrong"))["back"]
    assert back == {"success": False, "msg": "502"} or (
        back["success"] is False and back["msg"] == "502"
    )
    assert "JSESSIONID" not in http.cookies


def test_too_many_logins_lock_the_account_for_24_simulated_hours(
    make_sim: Any, http: requests.Session
) -> None:
    sim: Simulator = make_sim(login_limit=3, login_window_s=3600)
    good = growatt_password_hash(DEMO_PASSWORD)
    for _ in range(3):
        assert login_raw(http, sim.base_url, good)["back"]["success"] is True
    locked = login_raw(http, sim.base_url, good)["back"]
    assert locked["success"] is False
    assert locked["msg"] == "507"
    assert locked["lockDuration"] == "24"
    assert "locked" in locked["error"]
    sim.clock.advance(timedelta(hours=23, minutes=59))
    assert login_raw(http, sim.base_url, good)["back"]["msg"] == "507"  # still locked
    sim.clock.advance(timedelta(minutes=2))
    assert login_raw(http, sim.base_url, good)["back"]["success"] is True
    assert sim.world.counters.lockouts == 1


@pytest.mark.parametrize(
    ("mode", "status", "marker"),
    [
        ("500-html", 500, "you have not login"),
        ("200-login-page", 200, "loginForm"),
        ("302", 302, "/login.do"),
        ("errorNoLogin", 302, "errorNoLogin"),
    ],
)
def test_every_unauthenticated_variant(
    make_sim: Any, http: requests.Session, mode: str, status: int, marker: str
) -> None:
    from growattServer.simulator import Unauthenticated

    sim: Simulator = make_sim(unauthenticated=Unauthenticated(mode))
    response = http.get(
        sim.base_url + DETAIL, params=DETAIL_QUERY, allow_redirects=False, timeout=10
    )
    assert response.status_code == status
    where = response.headers.get("Location", "") if status == 302 else response.text
    assert marker in where
    assert "json" not in response.headers.get("Content-Type", "")


def test_session_expires_after_its_lifetime(make_sim: Any, http: requests.Session) -> None:
    sim: Simulator = make_sim(session_lifetime_s=6 * 3600)
    classic_login(http, sim.base_url)
    fresh = http.get(sim.base_url + DETAIL, params=DETAIL_QUERY, timeout=10)
    assert fresh.status_code == 200
    sim.clock.advance(timedelta(hours=6))
    expired = http.get(sim.base_url + DETAIL, params=DETAIL_QUERY, timeout=10)
    assert expired.status_code == 500
    assert sim.journal[-1].outcome == "expired"


@pytest.mark.parametrize("agent", [None, "", "python-requests/2.31.0"])
def test_missing_or_blacklisted_user_agent_gets_403_html(make_sim: Any, agent: str | None) -> None:
    sim: Simulator = make_sim()
    headers = {} if agent is None else {"User-Agent": agent}
    with requests.Session() as session:
        if agent is None:
            session.headers.pop("User-Agent", None)
        response = session.get(
            sim.base_url + "PlantListAPI.do", params={"userId": "1"}, headers=headers, timeout=10
        )
    assert response.status_code == 403
    assert "blacklist" in response.text


def test_user_agent_filter_can_be_switched_off(make_sim: Any) -> None:
    sim: Simulator = make_sim(ua_filter=False)
    response = requests.post(
        sim.base_url + "newTwoLoginAPI.do",
        timeout=10,
        data={"userName": DEMO_USER, "password": growatt_password_hash(DEMO_PASSWORD)},
    )
    assert response.status_code == 200


def test_classic_request_budget_answers_the_waf_page(make_sim: Any, http: requests.Session) -> None:
    sim: Simulator = make_sim(classic_budget=3, classic_budget_window_s=60)
    statuses = [http.get(sim.base_url + "login.do", timeout=10).status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [405, 405]


def test_v1_unknown_token_is_permission_denied(make_sim: Any, http: requests.Session) -> None:
    sim: Simulator = make_sim()
    body = http.get(sim.base_url + "v1/plant/list", headers={"token": "0" * 32}, timeout=10).json()
    assert body["error_code"] == 10011
    assert body["error_msg"] == "error_permission_denied"


def test_v1_rate_limit_per_endpoint_and_device(make_sim: Any, v1: requests.Session) -> None:
    sim: Simulator = make_sim(v1_rate_limit=True)
    url = sim.base_url + "v1/device/tlx/tlx_last_data"
    first = v1.post(url, data={"tlx_sn": "BZP0C4N08J"}, timeout=10).json()
    second = v1.post(url, data={"tlx_sn": "BZP0C4N08J"}, timeout=10).json()
    assert first["error_code"] == 0
    assert (second["error_code"], second["error_msg"]) == (10012, "error_frequently_access")
    sim.clock.advance(timedelta(minutes=5))
    assert v1.post(url, data={"tlx_sn": "BZP0C4N08J"}, timeout=10).json()["error_code"] == 0
    assert sim.world.counters.v1_rate_limited == 1


# -- faults ---------------------------------------------------------------------------------
def test_fault_5xx_by_schedule(make_sim: Any, http: requests.Session) -> None:
    sim: Simulator = make_sim()
    sim.add_fault(
        FaultRule(FaultKind.HTTP_5XX, path="login.do", schedule=frozenset({2}), status=503)
    )
    statuses = [http.get(sim.base_url + "login.do", timeout=10).status_code for _ in range(3)]
    assert statuses == [200, 503, 200]


def test_fault_waf_page(make_sim: Any, http: requests.Session) -> None:
    sim: Simulator = make_sim()
    sim.add_fault(FaultRule(FaultKind.WAF_405, path="*", probability=1.0))
    response = http.get(sim.base_url + "login.do", timeout=10)
    assert response.status_code == 405
    assert "blocked" in response.text


def test_fault_reset_drops_the_connection(make_sim: Any, http: requests.Session) -> None:
    sim: Simulator = make_sim()
    sim.add_fault(FaultRule(FaultKind.RESET, path="v1/*", probability=1.0))
    with pytest.raises(requests.ConnectionError):
        http.get(sim.base_url + "v1/plant/list", headers={"token": DEMO_TOKEN}, timeout=10)


def test_fault_truncated_json(make_sim: Any, v1: requests.Session) -> None:
    sim: Simulator = make_sim()
    sim.add_fault(FaultRule(FaultKind.TRUNCATED, path="v1/plant/list", probability=1.0))
    response = v1.get(sim.base_url + "v1/plant/list", timeout=10)
    assert response.status_code == 200
    with pytest.raises(requests.JSONDecodeError):
        response.json()


def test_fault_slow_body_trips_a_read_timeout(make_sim: Any, v1: requests.Session) -> None:
    sim: Simulator = make_sim()
    sim.add_fault(FaultRule(FaultKind.SLOW_BODY, path="v1/plant/list", probability=1.0, value=3.0))
    # Depending on where the stall hits, requests raises ReadTimeout or ConnectionError.
    with pytest.raises((requests.Timeout, requests.ConnectionError)):
        v1.get(sim.base_url + "v1/plant/list", timeout=(5, 0.2))


def test_faults_are_repeatable_for_a_seed(make_sim: Any) -> None:
    def run() -> list[int]:
        sim: Simulator = make_sim(seed=42)
        sim.add_fault(FaultRule(FaultKind.HTTP_5XX, path="login.do", probability=0.5))
        with requests.Session() as session:
            session.headers["User-Agent"] = APP_AGENT
            return [
                session.get(sim.base_url + "login.do", timeout=10).status_code for _ in range(20)
            ]

    first, second = run(), run()
    assert first == second
    assert 200 in first
    assert 502 in first
