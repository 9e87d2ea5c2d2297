"""How trouble surfaces: expired sessions, refused logins, v1 error codes, broken answers."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest
import requests

from growattServer import (
    GrowattApi,
    GrowattError,
    GrowattV1ApiError,
    GrowattV1ApiErrorCode,
    OpenApiV1,
)
from growattServer.errors import (
    BlockedJSONError,
    RateLimitedError,
    SessionExpiredError,
    UnexpectedJSONError,
)
from growattServer.simulator import FaultKind, FaultRule, Simulator, Unauthenticated
from tests.conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER

from .conftest import failure_of
from .wire_table import PLANT, TLX, USER_ID

MakeSim = Callable[..., Simulator]


def _classic(sim: Simulator) -> GrowattApi:
    api = GrowattApi()
    api.server_url = sim.base_url
    return api


@pytest.mark.parametrize(
    "mode",
    [Unauthenticated.LOGIN_PAGE_200, Unauthenticated.REDIRECT_302, Unauthenticated.ERROR_NO_LOGIN],
)
def test_expired_session_is_a_named_json_error(make_sim: MakeSim, mode: Unauthenticated) -> None:
    api = _classic(make_sim(unauthenticated=mode))
    for action in (lambda: api.plant_info(PLANT), lambda: api.plant_list(USER_ID)):
        error = failure_of(action)
        assert isinstance(error, SessionExpiredError)
        assert isinstance(error, json.JSONDecodeError)
        assert isinstance(error, requests.RequestException)  # as growattServer's .json() was
        assert "session has expired" in str(error)


def test_expired_session_html_500_stays_http_error(make_sim: MakeSim) -> None:
    api = _classic(make_sim(unauthenticated=Unauthenticated.HTML_500))
    with pytest.raises(requests.HTTPError) as caught:
        api.plant_info(PLANT)
    assert caught.value.response.status_code == 500


def test_refused_login_returns_the_dict(make_sim: MakeSim) -> None:
    api = _classic(make_sim())
    answer = api.login(DEMO_USER, "wrong password")
    assert answer["success"] is False
    assert answer["msg"] == "502"
    assert "userId" not in answer


def test_locked_account_returns_507(make_sim: MakeSim) -> None:
    api = _classic(make_sim(login_limit=1))
    api.login(DEMO_USER, DEMO_PASSWORD)
    answer = api.login(DEMO_USER, DEMO_PASSWORD)
    assert answer["success"] is False
    assert answer["msg"] == "507"


def test_good_login_adds_user_id(make_sim: MakeSim) -> None:
    api = _classic(make_sim())
    answer = api.login(DEMO_USER, DEMO_PASSWORD)
    assert answer["success"] is True
    assert answer["userId"] == answer["user"]["id"]
    assert answer["userLevel"] == answer["user"]["rightlevel"]


def test_wrong_token_is_no_privilege(make_sim: MakeSim) -> None:
    api = OpenApiV1(token="0" * 32)
    api.server_url = make_sim().base_url
    error = failure_of(api.plant_list)
    assert isinstance(error, GrowattV1ApiError)
    assert error.error_code == GrowattV1ApiErrorCode.NO_PRIVILEGE


def test_v1_rate_limit_is_rate_limited(make_sim: MakeSim) -> None:
    api = OpenApiV1(token=DEMO_TOKEN)
    api.server_url = make_sim(v1_rate_limit=True).base_url
    api.min_detail(TLX)
    with pytest.raises(GrowattV1ApiError) as caught:
        api.min_detail(TLX)
    assert caught.value.error_code == GrowattV1ApiErrorCode.RATE_LIMITED
    assert isinstance(caught.value, RateLimitedError)


def test_waf_page_is_http_error(make_sim: MakeSim) -> None:
    api = OpenApiV1(token=DEMO_TOKEN)
    sim = make_sim()
    sim.add_fault(FaultRule(FaultKind.WAF_405, path="v1/*", probability=1.0))
    api.server_url = sim.base_url
    with pytest.raises(requests.HTTPError) as caught:
        api.plant_list()
    assert caught.value.response.status_code == 405


def test_truncated_json_is_json_and_growatt_error(make_sim: MakeSim) -> None:
    api = OpenApiV1(token=DEMO_TOKEN)
    sim = make_sim()
    sim.add_fault(FaultRule(FaultKind.TRUNCATED, path="v1/*", probability=1.0))
    api.server_url = sim.base_url
    error = failure_of(api.plant_list)
    assert isinstance(error, UnexpectedJSONError)
    assert isinstance(error, json.JSONDecodeError)
    assert isinstance(error, GrowattError)
    assert not isinstance(error, BlockedJSONError)


def test_connection_failure_stays_requests_error() -> None:
    api = GrowattApi(timeout=2.0)
    api.server_url = "http://127.0.0.1:9/"
    with pytest.raises(requests.ConnectionError):
        api.plant_info(PLANT)


def test_segment_failure_raises_growatt_error(make_sim: MakeSim) -> None:
    api = _classic(make_sim())
    # Segment 10 does not exist: the server refuses, the method raises.
    error = failure_of(
        lambda: (
            api.login(DEMO_USER, DEMO_PASSWORD),
            api.update_tlx_inverter_time_segment(TLX, 10, 1, dt.time(1), dt.time(2), True),
        )
    )
    assert isinstance(error, GrowattError)
    assert "Failed to update TLX inverter time segment" in str(error)
