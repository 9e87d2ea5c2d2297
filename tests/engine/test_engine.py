"""The session policy on its own: plans stepped by hand, clock injected, no network."""

from __future__ import annotations

import json
from typing import Any

import pytest

from growattServer.engine import (
    ClassicCredentials,
    ClientRateLimitedError,
    Engine,
    EngineOptions,
    Exchange,
    LoginBudget,
    LoginThrottledError,
    NeedSession,
    Send,
    SessionState,
    public_error,
)
from growattServer.errors import (
    AccountLockedError,
    GrowattError,
    InvalidCredentialsError,
    MissingKeyError,
    SessionExpiredError,
    SessionExpiredJSONError,
    UnexpectedResponseError,
)
from growattServer.protocol import classic as ep
from growattServer.protocol import openapi_v1 as v1
from growattServer.protocol.request import RawResponse

SERVER = "https://server.example/"
JSON = {"content-type": "application/json"}


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def engine(clock: Clock, **options: Any) -> Engine:
    return Engine(
        server_url=SERVER,
        clock=clock,
        options=EngineOptions(**options),
        credentials=ClassicCredentials("someone", "s3cret-pass"),
    )


def answer(body: dict[str, Any]) -> Exchange:
    return Exchange(RawResponse(200, JSON, json.dumps(body).encode()), {"JSESSIONID": "C00K1E"})


def login_ok() -> Exchange:
    return answer({"back": {"success": True, "msg": "", "user": {"id": 42, "rightlevel": 1}}})


def run_login(eng: Engine, reply: Exchange) -> int:
    plan = eng.login()
    step = next(plan)
    assert isinstance(step, Send)
    with pytest.raises(StopIteration) as done:
        plan.send(reply)
    return int(done.value.value)


def test_budget_allows_max_logins_per_window_with_cooldown():
    budget = LoginBudget(max_logins=2, window_s=100, cooldown_s=10)
    assert budget.wait_time([], 0) == 0
    assert budget.wait_time([0.0], 5) == 5  # cooldown
    assert budget.wait_time([0.0, 20.0], 30) == 70  # window full until t=100
    assert budget.wait_time([0.0, 20.0], 100) == 0


def test_login_keeps_cookies_and_user_id():
    clock = Clock()
    eng = engine(clock)
    assert run_login(eng, login_ok()) == 1
    assert eng.state.cookies == {"JSESSIONID": "C00K1E"}
    assert eng.state.user_id == "42"


def test_locked_answer_blocks_every_later_login_until_it_ends():
    clock = Clock()
    eng = engine(clock)
    plan = eng.login()
    next(plan)
    locked = {"back": {"success": False, "msg": "507", "lockDuration": "24", "error": "locked"}}
    with pytest.raises(AccountLockedError) as first:
        plan.send(answer(locked))
    assert first.value.retry_after == 24 * 3600
    clock.now += 3600
    with pytest.raises(AccountLockedError) as second:
        next(eng.login())  # refused before any Send
    assert second.value.retry_after == 23 * 3600
    clock.now += 23 * 3600 + 1
    assert isinstance(next(eng.login()), Send)


def test_refused_credentials_are_never_tried_twice():
    eng = engine(Clock())
    plan = eng.login()
    next(plan)
    with pytest.raises(InvalidCredentialsError) as err:
        plan.send(answer({"back": {"success": False, "msg": "502"}}))
    assert err.value.code == "502"
    with pytest.raises(InvalidCredentialsError):
        next(eng.login())


def test_login_budget_refuses_before_sending():
    clock = Clock()
    eng = engine(clock, budget=LoginBudget(max_logins=1, window_s=600, cooldown_s=0))
    run_login(eng, login_ok())
    with pytest.raises(LoginThrottledError) as err:
        next(eng.login())
    assert err.value.retry_after == 600


def test_concurrent_expiry_asks_for_one_renewal_of_the_stale_generation():
    clock = Clock()
    eng = engine(clock)
    generation = run_login(eng, login_ok())
    plan = eng.call(ep.TLX_DETAIL, {"tlx_id": "SN"})
    first = next(plan)
    assert isinstance(first, Send)
    login_page = RawResponse(200, {"content-type": "text/html"}, b"<html>not login</html>")
    renewal = plan.send(Exchange(login_page))
    assert renewal == NeedSession(stale=generation)
    assert not eng.state.has_session
    eng.state.start_session({"JSESSIONID": "NEW"}, "42")  # the driver logged in
    again = plan.send(generation + 1)
    assert isinstance(again, Send)
    assert again.cookies == {"JSESSIONID": "NEW"}
    with pytest.raises(SessionExpiredError):
        plan.send(Exchange(login_page))  # expired again: one renewal per call only


def test_v1_pacing_refuses_early_or_serves_the_last_good_answer():
    clock = Clock()
    for stale in (False, True):
        eng = engine(clock, serve_stale=stale)
        plan = eng.call(v1.MIN_ENERGY, {"device_sn": "SN1"})
        next(plan)
        with pytest.raises(StopIteration) as done:
            plan.send(answer({"error_code": 0, "error_msg": "", "data": {"v": 1}}))
        assert done.value.value == {"v": 1}
        again = eng.call(v1.MIN_ENERGY, {"device_sn": "SN1"})
        if stale:
            with pytest.raises(StopIteration) as cached:
                next(again)
            assert cached.value.value == {"v": 1}
        else:
            with pytest.raises(ClientRateLimitedError) as err:
                next(again)
            assert 0 < (err.value.retry_after or 0) <= 300
        other_device = eng.call(v1.MIN_ENERGY, {"device_sn": "SN2"})
        assert isinstance(next(other_device), Send)
        other_device.close()


def test_state_round_trips_through_json_and_hides_cookies():
    state = SessionState(SERVER, "abc", {"JSESSIONID": "C00K1E"}, "42", [1.0, 2.0], 9.0)
    copy = SessionState.from_dict(json.loads(json.dumps(state.to_dict())))
    assert copy.to_dict() == state.to_dict()
    assert "C00K1E" not in repr(state)


def test_state_of_another_account_is_ignored():
    clock = Clock()
    eng = engine(clock)
    run_login(eng, login_ok())
    saved = eng.export_state()
    other = Engine(server_url=SERVER, clock=clock, credentials=ClassicCredentials("else", "pw"))
    assert other.import_state(saved) is False
    assert not other.state.has_session
    same = engine(clock)
    assert same.import_state(saved) is True
    assert same.state.cookies == {"JSESSIONID": "C00K1E"}


def test_public_errors_are_not_keyerror_or_jsondecodeerror():
    expired = SessionExpiredJSONError("x", status=500, content_type="text/html", body="<html>")
    missing = MissingKeyError("x: the answer has no 'back' member")
    for error, kind in ((expired, SessionExpiredError), (missing, UnexpectedResponseError)):
        plain = public_error(error)
        assert isinstance(plain, kind)
        assert isinstance(plain, GrowattError)
        assert not isinstance(plain, KeyError | json.JSONDecodeError)
