"""The opt-in managed mode: the sync clients on the same session engine as the async ones.

Home Assistant's coordinator calls ``login()`` and then its reads on every 5-minute
refresh. Unmanaged, that is a login per refresh and Growatt locks the account; managed,
the same code logs in once per session lifetime.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from growattServer import GrowattApi, OpenApiV1
from growattServer.engine import EngineOptions
from growattServer.errors import ClientRateLimitedError, GrowattError
from growattServer.simulator import Simulator, Unauthenticated
from tests.conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER

PLANT, TLX = "1427392", "BZP0C4N08J"
LOGIN = "newTwoLoginAPI.do"


def managed(sim: Simulator, **options: Any) -> GrowattApi:
    api = GrowattApi(
        agent_identifier="managed-tests",
        managed=True,
        clock=sim.clock.timestamp,
        options=EngineOptions(**options) if options else None,
    )
    api.server_url = sim.base_url
    return api


def refresh(api: GrowattApi) -> None:
    """What one Home Assistant classic refresh does for a TLX plant."""
    assert api.login(DEMO_USER, DEMO_PASSWORD)["success"] is True
    assert "deviceList" in api.plant_info(PLANT)
    assert "eacToday" in api.tlx_detail(TLX)["data"]


def test_a_day_of_home_assistant_refreshes_logs_in_once_per_session(make_sim: Any) -> None:
    sim: Simulator = make_sim(session_lifetime_s=6 * 3600, login_limit=10)
    api = managed(sim)
    for _ in range(24 * 12):
        refresh(api)
        sim.clock.advance(timedelta(minutes=5))
    assert len(sim.journal.matching(LOGIN)) == 4  # 3 expiries + the first login
    assert sim.world.counters.lockouts == 0


def test_the_same_refreshes_unmanaged_get_the_account_locked(make_sim: Any) -> None:
    sim: Simulator = make_sim(login_limit=10)
    api = GrowattApi(agent_identifier="unmanaged-tests")
    api.server_url = sim.base_url
    answers = []
    for _ in range(12):  # one hour of 5-minute refreshes
        answers.append(api.login(DEMO_USER, DEMO_PASSWORD))
        sim.clock.advance(timedelta(minutes=5))
    assert answers[-1]["msg"] == "507"
    assert sim.world.counters.lockouts == 1


@pytest.mark.parametrize("mode", list(Unauthenticated))
def test_every_expiry_variant_is_renewed_once_and_the_read_answers(
    make_sim: Any, mode: Unauthenticated
) -> None:
    sim: Simulator = make_sim(unauthenticated=mode)
    api = managed(sim)
    refresh(api)
    sim.clock.advance(timedelta(minutes=5))  # the login budget wants a minute between logins
    sim.world.expire_all_sessions()
    assert "eacToday" in api.tlx_detail(TLX)["data"]
    assert len(sim.journal.matching(LOGIN)) == 2


def test_a_refused_login_is_a_dict_and_is_not_repeated(make_sim: Any) -> None:
    sim: Simulator = make_sim()
    api = managed(sim)
    first = api.login(DEMO_USER, "wrong password")
    again = api.login(DEMO_USER, "wrong password")
    assert (first["success"], first["msg"]) == (False, "502")
    assert (again["success"], again["msg"]) == (False, "502")
    assert len(sim.journal.matching(LOGIN)) == 1


def test_a_locked_account_is_left_alone_until_the_lock_ends(make_sim: Any) -> None:
    sim: Simulator = make_sim(login_limit=0)
    api = managed(sim)
    assert api.login(DEMO_USER, DEMO_PASSWORD)["msg"] == "507"
    sim.clock.advance(timedelta(hours=23))
    assert api.login(DEMO_USER, DEMO_PASSWORD)["msg"] == "507"
    assert len(sim.journal.matching(LOGIN)) == 1  # the second answer came from memory


def test_saved_state_spares_the_next_process_a_login(make_sim: Any) -> None:
    sim: Simulator = make_sim()
    first = managed(sim)
    refresh(first)
    saved = first.export_state()
    second = GrowattApi(managed=True, state=saved, clock=sim.clock.timestamp)
    second.server_url = sim.base_url
    refresh(second)
    assert len(sim.journal.matching(LOGIN)) == 1


def test_the_token_api_is_paced_below_growatts_limit(make_sim: Any) -> None:
    sim: Simulator = make_sim(v1_rate_limit=True)
    api = OpenApiV1(DEMO_TOKEN, managed=True, clock=sim.clock.timestamp)
    api.server_url = sim.base_url
    assert "eacToday" in api.min_energy(TLX)
    with pytest.raises(ClientRateLimitedError) as refused:
        api.min_energy(TLX)
    assert refused.value.retry_after is not None
    assert len(sim.journal.matching("v1/device/tlx/tlx_last_data")) == 1  # refused here
    sim.clock.advance(timedelta(minutes=5))
    assert "eacToday" in api.min_energy(TLX)
    assert sim.world.counters.v1_rate_limited == 0


def test_unmanaged_clients_have_no_state_to_export() -> None:
    with pytest.raises(GrowattError):
        GrowattApi().export_state()
