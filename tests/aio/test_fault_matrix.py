"""Every simulator fault against every read endpoint: the right data after retries, or
the right typed error, and never an aiohttp, KeyError or JSONDecodeError escaping."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from growattServer.aio import AsyncGrowattApi, AsyncOpenApiV1
from growattServer.engine import EngineOptions, RetryPolicy
from growattServer.errors import (
    BlockedError,
    GrowattConnectionError,
    GrowattError,
    GrowattTimeoutError,
    ServerError,
    UnexpectedResponseError,
)
from growattServer.protocol.classic import Timespan
from growattServer.simulator import Simulator
from growattServer.simulator.faults import FaultKind, FaultRule
from tests.conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER, relaxed_config

from .conftest import INVERTER, MIX, PLANT_A, PLANT_B, STORAGE, TLX

TIMEOUT_S = 0.3  # only while a slow-body fault is armed
NORMAL_TIMEOUT_S = 10.0
OPTIONS = EngineOptions(
    retry=RetryPolicy(retries=2, base_s=0.001, cap_s=0.002), v1_default_window_s=0, v1_windows={}
)

# (facade method, arguments): every read of AsyncGrowattApi / AsyncOpenApiV1 with I/O.
CLASSIC_READS: list[tuple[str, dict[str, Any]]] = [
    ("plant_list", {"user_id": "3021745"}),
    ("plant_detail", {"plant_id": PLANT_A, "timespan": Timespan.day}),
    ("plant_list_two", {}),
    ("plant_info", {"plant_id": PLANT_A}),
    ("plant_energy_data", {"plant_id": PLANT_A}),
    ("plant_settings", {"plant_id": PLANT_A}),
    ("dashboard_data", {"plant_id": PLANT_A}),
    ("inverter_data", {"inverter_id": INVERTER}),
    ("inverter_detail", {"inverter_id": INVERTER}),
    ("inverter_detail_two", {"inverter_id": INVERTER}),
    ("classic_inverter_info", {"device_sn": INVERTER}),
    ("tlx_data", {"tlx_id": TLX}),
    ("tlx_detail", {"tlx_id": TLX}),
    ("tlx_params", {"tlx_id": TLX}),
    ("tlx_system_status", {"plant_id": PLANT_B, "tlx_id": TLX}),
    ("tlx_energy_overview", {"plant_id": PLANT_B, "tlx_id": TLX}),
    ("tlx_energy_prod_cons", {"plant_id": PLANT_B, "tlx_id": TLX}),
    ("tlx_all_settings", {"tlx_id": TLX}),
    ("tlx_enabled_settings", {"tlx_id": TLX}),
    ("tlx_battery_info", {"serial_num": TLX}),
    ("tlx_battery_info_detailed", {"plant_id": PLANT_B, "serial_num": TLX}),
    ("mix_info", {"mix_id": MIX, "plant_id": PLANT_A}),
    ("mix_totals", {"mix_id": MIX, "plant_id": PLANT_A}),
    ("mix_system_status", {"mix_id": MIX, "plant_id": PLANT_A}),
    ("mix_detail", {"mix_id": MIX, "plant_id": PLANT_A}),
    ("get_mix_inverter_settings", {"serial_number": MIX}),
    ("storage_detail", {"storage_id": STORAGE}),
    ("storage_params", {"storage_id": STORAGE}),
    ("storage_energy_overview", {"plant_id": PLANT_B, "storage_id": STORAGE}),
    ("is_plant_noah_system", {"plant_id": PLANT_A}),
]
V1_READS: list[tuple[str, dict[str, Any]]] = [
    ("plant_list", {}),
    ("plant_details", {"plant_id": PLANT_A}),
    ("plant_energy_overview", {"plant_id": PLANT_A}),
    ("plant_power_overview", {"plant_id": PLANT_A}),
    ("plant_energy_history", {"plant_id": PLANT_A}),
    ("device_list", {"plant_id": PLANT_A}),
    ("min_detail", {"device_sn": TLX}),
    ("min_energy", {"device_sn": TLX}),
    ("min_settings", {"device_sn": TLX}),
    ("min_energy_history", {"device_sn": TLX}),
    ("sph_detail", {"device_sn": MIX}),
    ("sph_energy", {"device_sn": MIX}),
    ("sph_energy_history", {"device_sn": MIX}),
]

# A fault on the first attempt only: the retry must bring the right data.
TRANSIENT = {
    FaultKind.LATENCY: {"value": 0.01},
    FaultKind.HTTP_5XX: {"status": 502},
    FaultKind.RESET: {},
    FaultKind.TRUNCATED: {},
    FaultKind.SLOW_BODY: {"value": TIMEOUT_S * 3},
}
# A fault on every attempt: the error it must become (WAF is never retried).
PERSISTENT: dict[FaultKind, tuple[dict[str, Any], type[GrowattError]]] = {
    FaultKind.HTTP_5XX: ({"status": 503}, ServerError),
    FaultKind.RESET: ({}, GrowattConnectionError),
    FaultKind.TRUNCATED: ({}, UnexpectedResponseError),
    FaultKind.SLOW_BODY: ({"value": TIMEOUT_S * 3}, GrowattTimeoutError),
    FaultKind.WAF_405: ({}, BlockedError),
}
CASES = [("classic", *read) for read in CLASSIC_READS] + [("v1", *read) for read in V1_READS]


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    with Simulator.running("demo", relaxed_config()) as server:
        yield server


def client(sim: Simulator, api: str) -> AsyncGrowattApi:
    if api == "v1":
        return AsyncOpenApiV1(
            DEMO_TOKEN, server_url=sim.base_url, options=OPTIONS, timeout=NORMAL_TIMEOUT_S
        )
    return AsyncGrowattApi(server_url=sim.base_url, options=OPTIONS, timeout=NORMAL_TIMEOUT_S)


async def call(api: AsyncGrowattApi, method: str, args: dict[str, Any]) -> Any:
    """Log in (classic) and make the call once without faults."""
    if not isinstance(api, AsyncOpenApiV1):
        await api.login(DEMO_USER, DEMO_PASSWORD)
    return await getattr(api, method)(**args)


def last_path(sim: Simulator) -> str:
    return sim.journal[-1].path


def rule(kind: FaultKind, path: str, schedule: frozenset[int], **fields: Any) -> FaultRule:
    return FaultRule(kind, path=path, schedule=schedule, **fields)


@pytest.mark.parametrize("kind", list(TRANSIENT))
@pytest.mark.parametrize(("api", "method", "args"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
async def test_transient_fault_is_retried_to_the_right_data(sim, kind, api, method, args):
    async with client(sim, api) as facade:
        expected = await call(facade, method, args)
        path = last_path(sim)
        sim.faults.clear()
        sim.add_fault(rule(kind, path, frozenset({1}), **TRANSIENT[kind]))
        if kind is FaultKind.SLOW_BODY:
            facade.timeout = TIMEOUT_S
        try:
            answer = await getattr(facade, method)(**args)
        finally:
            sim.faults.clear()
    assert json.dumps(answer, sort_keys=True, default=str) == json.dumps(
        expected, sort_keys=True, default=str
    )


@pytest.mark.parametrize("kind", list(PERSISTENT))
@pytest.mark.parametrize(("api", "method", "args"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
async def test_persistent_fault_is_the_right_typed_error(sim, kind, api, method, args):
    if kind is FaultKind.TRUNCATED and method == "classic_inverter_info":
        pytest.skip("an HTML page: the simulator truncates JSON answers only")
    fields, error = PERSISTENT[kind]
    async with client(sim, api) as facade:
        await call(facade, method, args)
        path = last_path(sim)
        sim.faults.clear()
        sim.add_fault(rule(kind, path, frozenset(range(1, 10)), **fields))
        if kind is FaultKind.SLOW_BODY:
            facade.timeout = TIMEOUT_S
        before = len(sim.journal)
        try:
            with pytest.raises(error) as caught:
                await getattr(facade, method)(**args)
        finally:
            sim.faults.clear()
    assert not isinstance(caught.value, KeyError | json.JSONDecodeError)
    attempts = len(sim.journal) - before
    if kind is FaultKind.WAF_405:
        assert attempts == 1  # a firewall page is not asked twice
    elif kind is FaultKind.RESET:
        assert 3 <= attempts <= 6  # aiohttp itself re-sends an idempotent GET once on reset
    else:
        assert attempts == 3
