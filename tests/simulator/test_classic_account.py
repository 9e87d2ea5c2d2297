"""Login, lockout, retired login paths, login/error pages and logout (spec §2, row 1)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import requests
from tests.conftest import DEMO_PASSWORD, DEMO_USER, SHARED_FIXTURES, classic_login

from growattServer.simulator import Simulator, growatt_password_hash

FIXTURES = SHARED_FIXTURES / "classic"


def _post_login(
    http: requests.Session, sim: Simulator, password: str, path: str = "newTwoLoginAPI.do"
) -> requests.Response:
    return http.post(
        sim.base_url + path,
        timeout=10,
        data={"userName": DEMO_USER, "password": growatt_password_hash(password)},
    )


def _no_handler_errors(sim: Simulator) -> None:
    assert all(r.outcome != "handler-error" for r in sim.journal)


def test_success_body_matches_the_capture(sim: Simulator, http: requests.Session) -> None:
    back = classic_login(http, sim.base_url)["back"]
    capture: dict[str, Any] = json.loads((FIXTURES / "newTwoLoginAPI__pr94-neo.json").read_text())
    client_side = {"userId", "userLevel"}  # the library adds these, not the server
    assert set(back) == set(capture) - client_side
    assert set(back["user"]) == set(capture["user"])
    assert isinstance(back["user"]["id"], int)
    assert back["user"]["rightlevel"] == 1
    assert "counrty" in back["user"]
    assert {p["plantId"] for p in back["data"]} == {"1427391", "1427392", "1427393"}
    assert all(isinstance(p["plantId"], str) for p in back["data"])
    _no_handler_errors(sim)


def test_cookies_are_session_and_server_id(sim: Simulator, http: requests.Session) -> None:
    response = _post_login(http, sim, DEMO_PASSWORD)
    raw = response.headers["Set-Cookie"]
    assert "JSESSIONID=" in raw
    assert "HttpOnly" in raw
    assert "Secure" not in raw
    server_id = http.cookies["SERVERID"]
    token, first, second = server_id.split("|")
    assert len(token) == 32
    assert first == second
    assert first.isdigit()


def test_bad_password_is_502_with_http_200(sim: Simulator, http: requests.Session) -> None:
    response = _post_login(http, sim, "wrong")
    assert response.status_code == 200
    assert response.json() == {"back": {"success": False, "msg": "502"}}
    missing = http.post(
        sim.base_url + "newTwoLoginAPI.do", data={"userName": DEMO_USER}, timeout=10
    )
    assert missing.json()["back"]["msg"] == "502"
    assert "JSESSIONID" not in http.cookies


def test_lockout_answers_507_with_remaining_hours(make_sim: Any, http: requests.Session) -> None:
    sim = make_sim(login_limit=2)
    for _ in range(2):
        assert _post_login(http, sim, DEMO_PASSWORD).json()["back"]["success"] is True
    body = _post_login(http, sim, DEMO_PASSWORD).json()
    assert body == {
        "back": {
            "success": False,
            "msg": "507",
            "lockDuration": "24",
            "error": "Current account has been locked for 24 hours",
        }
    }
    sim.clock.advance(timedelta(hours=20, minutes=30))
    later = _post_login(http, sim, DEMO_PASSWORD).json()["back"]
    assert later["lockDuration"] == "4"  # 3.5 h left, rounded up
    _no_handler_errors(sim)


def test_v2_login_answers_the_same(sim: Simulator, http: requests.Session) -> None:
    body = _post_login(http, sim, DEMO_PASSWORD, "newTwoLoginAPIV2.do").json()
    assert body["back"]["success"] is True
    assert isinstance(body["back"]["user"]["id"], int)


def test_retired_paths_rejected_by_default(sim: Simulator, http: requests.Session) -> None:
    for path in ("newLoginAPI.do", "LoginAPI.do"):
        response = _post_login(http, sim, DEMO_PASSWORD, path)
        assert response.status_code == 400
        assert response.headers["Content-Type"].startswith("text/html")


def test_retired_paths_can_be_accepted(make_sim: Any, http: requests.Session) -> None:
    sim = make_sim(legacy_login="accept")
    for path in ("newLoginAPI.do", "LoginAPI.do"):
        assert _post_login(http, sim, DEMO_PASSWORD, path).json()["back"]["success"] is True
    unknown_op = http.post(sim.base_url + "newLoginAPI.do", params={"op": "nothing"}, timeout=10)
    assert unknown_op.json() == {"msg": "501", "success": False}
    _no_handler_errors(sim)


def test_login_and_error_pages_need_no_session(sim: Simulator, http: requests.Session) -> None:
    page = http.get(sim.base_url + "login.do", timeout=10)
    assert page.status_code == 200
    assert "loginForm" in page.text
    error = http.get(sim.base_url + "error.do", params={"errorMess": "errorNoLogin"}, timeout=10)
    assert error.status_code == 200
    assert "errorNoLogin" in error.text


def test_logout_ends_only_that_session(make_sim: Any) -> None:
    sim = make_sim()
    first, second = requests.Session(), requests.Session()
    for session in (first, second):
        session.headers["User-Agent"] = "ShinePhone test"
        classic_login(session, sim.base_url)
    out = first.get(sim.base_url + "logout.do", allow_redirects=False, timeout=10)
    assert out.status_code == 302
    assert out.headers["Location"] == "/login.do"
    plants = {"op": "getAllPlantListTwo"}
    after = first.post(sim.base_url + "newTwoPlantAPI.do", params=plants, timeout=10)
    assert after.status_code == 500  # the default unauthenticated answer
    still = second.post(sim.base_url + "newTwoPlantAPI.do", params=plants, timeout=10)
    assert still.status_code == 200
    assert "PlantList" in still.json()
