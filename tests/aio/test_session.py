"""The session engine against the simulated cloud: one login, renewal on every expiry
variant, no lockout, persisted state, owned vs injected HTTP sessions, no secrets."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import aiohttp
import pytest

from growattServer.aio import AsyncGrowattApi, AsyncOpenApiV1
from growattServer.auth import hash_password
from growattServer.client import GrowattClient
from growattServer.engine import EngineOptions, LoginBudget, LoginThrottledError
from growattServer.engine.errors import ClientRateLimitedError
from growattServer.errors import AccountLockedError, GrowattError, InvalidCredentialsError
from growattServer.simulator.config import Unauthenticated
from tests.conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER

from .conftest import FAST, TLX

LOGIN_PATH = "newTwoLoginAPI.do"


def classic_api(sim, **kw) -> AsyncGrowattApi:
    return AsyncGrowattApi(server_url=sim.base_url, clock=sim.clock.timestamp, **kw)


async def test_logs_in_once_and_reuses_the_session(make_sim):
    sim = make_sim()
    async with classic_api(sim, options=FAST) as api:
        await api.login(DEMO_USER, DEMO_PASSWORD)
        for _ in range(3):
            await api.login(DEMO_USER, DEMO_PASSWORD)  # HA calls it every refresh
            await asyncio.gather(*(api.tlx_detail(TLX) for _ in range(6)))
    assert sim.world.counters.logins == 1


@pytest.mark.parametrize("variant", list(Unauthenticated))
async def test_every_expiry_variant_renews_once_for_all_concurrent_calls(make_sim, variant):
    sim = make_sim(unauthenticated=variant)
    async with classic_api(sim, options=FAST) as api:
        await api.login(DEMO_USER, DEMO_PASSWORD)
        sim.clock.advance(timedelta(minutes=10))  # past the login cooldown
        before = await api.tlx_detail(TLX)
        sim.world.expire_all_sessions()
        answers = await asyncio.gather(*(api.tlx_detail(TLX) for _ in range(8)))
    assert answers == [before] * 8
    assert sim.world.counters.logins == 2
    assert sim.world.counters.expired_hits >= 1


async def test_wrong_password_raises_and_is_never_retried(make_sim):
    sim = make_sim()
    async with classic_api(sim, options=FAST) as api:
        with pytest.raises(InvalidCredentialsError) as err:
            await api.login(DEMO_USER, "wrong")
        assert err.value.code == "502"
        with pytest.raises(InvalidCredentialsError):
            await api.tlx_detail(TLX)
    assert len(sim.journal.matching(LOGIN_PATH)) == 1


async def test_locked_account_is_left_alone_until_the_lock_ends(make_sim):
    sim = make_sim(login_limit=0, lock_duration_s=7200)
    async with classic_api(sim, options=FAST) as api:
        with pytest.raises(AccountLockedError) as err:
            await api.login(DEMO_USER, DEMO_PASSWORD)
        assert err.value.retry_after is not None
        assert err.value.retry_after > 3600
        for _ in range(3):
            with pytest.raises(AccountLockedError):
                await api.tlx_detail(TLX)
        assert len(sim.journal.matching(LOGIN_PATH)) == 1
        assert sim.world.counters.lockouts == 1


async def test_login_budget_stops_short_of_a_lockout(make_sim):
    sim = make_sim(login_limit=3, login_window_s=3600)
    options = EngineOptions(budget=LoginBudget(max_logins=2, window_s=3600, cooldown_s=0))
    async with classic_api(sim, options=options) as api:
        await api.login(DEMO_USER, DEMO_PASSWORD)
        sim.world.expire_all_sessions()
        await api.tlx_detail(TLX)  # second login
        sim.world.expire_all_sessions()
        with pytest.raises(LoginThrottledError) as err:
            await api.tlx_detail(TLX)
        assert err.value.retry_after is not None
    assert sim.world.counters.logins == 2
    assert sim.world.counters.lockouts == 0


async def test_saved_state_lets_a_restarted_process_skip_the_login(make_sim):
    sim = make_sim()
    async with GrowattClient.classic(DEMO_USER, DEMO_PASSWORD, server_url=sim.base_url) as first:
        await first.snapshot()
        saved = first.export_state()
    async with GrowattClient.classic(
        DEMO_USER, DEMO_PASSWORD, server_url=sim.base_url, state=saved
    ) as second:
        snapshot = await second.snapshot()
    assert snapshot.device(TLX) is not None
    assert sim.world.counters.logins == 1


async def test_a_day_of_polling_logs_in_once_per_expiry(make_sim):
    """24 h, a snapshot every 5 minutes, sessions expiring every 6 hours."""
    sim = make_sim(session_lifetime_s=6 * 3600, login_limit=10, login_window_s=3600)
    async with GrowattClient.classic(
        DEMO_USER, DEMO_PASSWORD, server_url=sim.base_url, clock=sim.clock.timestamp
    ) as client:
        for _ in range(24 * 12):
            snapshot = await client.snapshot()
            assert all(not d.errors for p in snapshot.plants for d in p.devices)
            sim.clock.advance(timedelta(minutes=5))
    expiries = 3  # the sessions of 00:00, 06:00 and 12:00 expire; 18:00's lives past 24:00
    assert sim.world.counters.logins == expiries + 1
    assert sim.world.counters.lockouts == 0


async def test_a_day_of_token_polling_never_meets_10012(make_sim):
    sim = make_sim(v1_rate_limit=True)
    async with GrowattClient.token(
        DEMO_TOKEN, server_url=sim.base_url, clock=sim.clock.timestamp
    ) as client:
        for _ in range(24 * 12):
            snapshot = await client.snapshot()
            assert all(not d.errors for p in snapshot.plants for d in p.devices)
            sim.clock.advance(timedelta(minutes=5))
    assert sim.world.counters.v1_rate_limited == 0
    assert len(sim.journal.matching("v1/plant/list")) == 4  # rediscovered every 6 h


async def test_documented_windows_pace_each_path_on_its_own(make_sim):
    """openapi.md §6.1: tlx_last_data 5 min, mix_last_data 10 s, tlx_set_info unpaced."""
    sim = make_sim(v1_rate_limit=True)
    async with GrowattClient.token(
        DEMO_TOKEN, server_url=sim.base_url, clock=sim.clock.timestamp
    ) as client:
        first = await client.snapshot()
        sim.clock.advance(timedelta(seconds=15))
        again = await client.snapshot()
        for _ in range(2):
            await client.api.min_settings(TLX)
        with pytest.raises(ClientRateLimitedError):  # asked directly, the pace is an error
            await client.api.min_energy(TLX)
    tlx, before = again.device(TLX), first.device(TLX)
    assert tlx is not None
    assert before is not None
    # Too soon for tlx_last_data: the snapshot keeps its last answer, sends nothing.
    assert tlx.errors == {}
    assert tlx.reading == before.reading
    assert tlx.reading is not None
    assert len(sim.journal.matching("v1/device/tlx/tlx_last_data")) == 2  # 2 MIN, once each
    assert len(sim.journal.matching("v1/device/mix/mix_last_data")) == 2  # 1 SPH, twice
    assert len(sim.journal.matching("v1/device/tlx/tlx_set_info")) == 2
    assert sim.world.counters.v1_rate_limited == 0


async def test_server_10012_is_a_typed_error_with_retry_after(make_sim):
    sim = make_sim(v1_rate_limit=True)
    async with AsyncOpenApiV1(DEMO_TOKEN, server_url=sim.base_url, options=FAST) as api:
        await api.min_energy(TLX)
        with pytest.raises(GrowattError) as err:
            await api.min_energy(TLX)  # client pacing is off in FAST: Growatt refuses
    assert err.value.code == 10012
    assert getattr(err.value, "retry_after", None) == 300


async def test_injected_session_stays_open_and_owned_session_closes(make_sim):
    sim = make_sim()
    async with aiohttp.ClientSession() as mine:
        async with GrowattClient.classic(
            DEMO_USER, DEMO_PASSWORD, server_url=sim.base_url, session=mine
        ) as client:
            await client.snapshot()
        assert not mine.closed
    api = classic_api(sim)
    await api.login(DEMO_USER, DEMO_PASSWORD)
    owned = api._session
    assert owned is not None
    await api.close()
    assert owned.closed


async def test_debug_logs_and_reprs_hold_no_secrets(make_sim, caplog):
    sim = make_sim(unauthenticated=Unauthenticated.LOGIN_PAGE_200)
    caplog.set_level(logging.DEBUG)
    async with GrowattClient.classic(
        DEMO_USER, DEMO_PASSWORD, server_url=sim.base_url, clock=sim.clock.timestamp
    ) as client:
        await client.snapshot()
        sim.clock.advance(timedelta(minutes=10))
        sim.world.expire_all_sessions()
        await client.snapshot()
        state = client.export_state()
        texts = [caplog.text, repr(client), repr(client.api.engine.state), repr(client.api.engine)]
    async with GrowattClient.token(DEMO_TOKEN, server_url=sim.base_url) as token_client:
        await token_client.snapshot()
        texts.append(repr(token_client))
    with pytest.raises(InvalidCredentialsError) as err:
        async with classic_api(sim) as api:
            await api.login(DEMO_USER, "wrong-pass")
    texts += [caplog.text, str(err.value), repr(err.value)]
    secrets = [DEMO_PASSWORD, "wrong-pass", DEMO_TOKEN, *state["cookies"].values()]
    secrets += [hash_password(DEMO_PASSWORD), hash_password("wrong-pass")]
    assert state["cookies"]
    for text in texts:
        for secret in secrets:
            assert secret not in text
