"""Property tests: mutated answers give a model or a GrowattError, nothing else.

Keys are removed, values replaced by "null"/""/None, wrong types, odd unit strings and
huge numbers, in real answers of every family (captured ones and the simulator's).
"""

from __future__ import annotations

import asyncio
import copy
import json
import math
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from growattServer.aio import AsyncGrowattApi, AsyncOpenApiV1
from growattServer.engine import EngineOptions
from growattServer.errors import GrowattError
from growattServer.models import (
    DeviceFamily,
    Parsed,
    parse_answer,
    parse_device_classic,
    parse_device_v1,
    parse_plant_classic,
    parse_plant_energy,
    parse_plant_v1,
)
from growattServer.models.flow import PowerFlow
from growattServer.protocol import classic as ep
from growattServer.protocol import openapi_v1 as v1
from tests.conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER, SHARED_FIXTURES

F = DeviceFamily
ZONE = ZoneInfo("Europe/Amsterdam")
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ODD_VALUES = st.sampled_from(
    [
        None,
        "null",
        "",
        "--",
        '"null"',
        "None",
        [],
        {},
        [1, 2],
        {"x": 1},
        True,
        False,
        "abc",
        "12 kW",
        "3 MWh",
        "45%",
        "0.8kWp",
        "1.029064E8 ",
        "1e400",
        "-1e400",
        "9" * 400,
        1e308,
        -1e308,
        10**30,
        -(10**30),
        -5,
        "2026-13-45 99:99:99",
        {"time": "x"},
        {"year": 10**9, "month": 1, "date": 1},
        "NaN",
        "1.5_1718000000000",
        "€ 1.20",
    ]
)

FIXTURE_ANSWERS = [
    (F.INVERTER, "inverter_detail", "classic/newInverterAPI-getInverterDetailData__pr94-neo.json"),
    (F.TLX, "tlx_detail", "classic/newTlxApi-getTlxDetailData__pr94-neo.json"),
    (F.TLX, "tlx_system_status", "classic/newTlxApi-getSystemStatus_KW__pr94-neo.json"),
    (F.MIX, "mix_info", "classic/newMixApi-getMixInfo__pr94-mix-reconstructed.json"),
    (
        F.STORAGE,
        "storage_params",
        "classic/newStorageAPI-getStorageParams_sacolar__spf-guard-sbu-discharging.json",
    ),
    (F.NOAH, "noah_system_status", "classic/noahDeviceApi-getSystemStatus__pr94-annotated.json"),
    (F.TLX, "min_energy", "v1/device-tlx-tlx_last_data__showdoc-officialdoc.json"),
    (F.TLX_BATTERY, "tlx_detail", "classic/newTlxApi-getTlxDetailData__pr94-neo.json"),
    (F.INVERTER, "inverter_energy", "v1/device-inverter-last_new_data__showdoc-officialdoc.json"),
]


async def _live_answers(base_url: str) -> dict[str, object]:
    """One answer of every read the snapshot makes, both APIs, from the simulator."""
    found: dict[str, object] = {}
    async with AsyncGrowattApi(server_url=base_url) as api:
        await api.login(DEMO_USER, DEMO_PASSWORD)
        for key, endpoint, args in [
            ("inverter_detail", ep.INVERTER_DETAIL, {"inverter_id": "NTCMA2B04Q"}),
            ("tlx_detail", ep.TLX_DETAIL, {"tlx_id": "BZP0C4N08J"}),
            (
                "mix_system_status",
                ep.MIX_SYSTEM_STATUS,
                {"mix_id": "WPD3C1A0K7", "plant_id": "1427391"},
            ),
            ("mix_totals", ep.MIX_TOTALS, {"mix_id": "WPD3C1A0K7", "plant_id": "1427391"}),
            ("storage_params", ep.STORAGE_PARAMS, {"storage_id": "DWB1CHB0AZ"}),
            ("noah_system_status", ep.NOAH_SYSTEM_STATUS, {"serial_number": "0PVP50ZR24"}),
            (
                "tlx_battery_info_detailed",
                ep.TLX_BATTERY_INFO_DETAILED,
                {"plant_id": "1427392", "serial_num": "BTD1A2B3C4"},
            ),
            ("plant_energy_data", ep.PLANT_ENERGY_DATA, {"plant_id": "1427391"}),
            ("all_devices", ep.ALL_DEVICES, {"plant_id": "1427392"}),
        ]:
            found[key] = await api.fetch(endpoint, **args)
    unpaced = EngineOptions(v1_default_window_s=0, v1_windows={})
    async with AsyncOpenApiV1(DEMO_TOKEN, server_url=base_url, options=unpaced) as api:
        found["min_energy"] = await api.fetch(v1.MIN_ENERGY, device_sn="BZP0C4N08J")
        found["sph_energy"] = await api.fetch(v1.SPH_ENERGY, device_sn="WPD3C1A0K7")
        found["inverter_energy"] = await api.fetch(v1.INVERTER_ENERGY, device_sn="NTCMA2B04Q")
        found["storage_energy"] = await api.fetch(v1.STORAGE_ENERGY, device_sn="DWB1CHB0AZ")
        found["spa_energy"] = await api.fetch(v1.SPA_ENERGY, device_sn="JNK0CJ1A9B")
        found["plant_list"] = await api.fetch(v1.PLANT_LIST)
        found["plant_energy_overview"] = await api.fetch(
            v1.PLANT_ENERGY_OVERVIEW, plant_id="1427391"
        )
        found["device_list"] = await api.fetch(v1.DEVICE_LIST, plant_id="1427391")
    return found


@pytest.fixture(scope="module")
def live(sim):
    return asyncio.run(_live_answers(sim.base_url))


LIVE_READS = [
    (F.INVERTER, "inverter_detail"),
    (F.TLX, "tlx_detail"),
    (F.MIX, "mix_system_status"),
    (F.MIX, "mix_totals"),
    (F.STORAGE, "storage_params"),
    (F.NOAH, "noah_system_status"),
    (F.TLX_BATTERY, "tlx_battery_info_detailed"),
    (F.TLX, "min_energy"),
    (F.MIX, "sph_energy"),
    (F.TLX_BATTERY, "tlx_detail"),
    (F.INVERTER, "inverter_energy"),
    (F.STORAGE, "storage_energy"),
    (F.SPA, "spa_energy"),
]


def _records(node: object) -> list[dict]:
    """Every JSON object in an answer (the wrapper and the records inside)."""
    if isinstance(node, dict):
        return [node, *(r for v in node.values() for r in _records(v))]
    if isinstance(node, list):
        return [r for v in node for r in _records(v)]
    return []


@st.composite
def mutated(draw, answer: object) -> object:
    payload = copy.deepcopy(answer)
    records = _records(payload)
    for _ in range(draw(st.integers(min_value=1, max_value=12))):
        if not records:
            break
        record = draw(st.sampled_from(records))
        if not record:
            continue
        key = draw(st.sampled_from(sorted(record)))
        if draw(st.booleans()):
            del record[key]
            records = _records(payload)
        else:
            record[key] = copy.deepcopy(draw(ODD_VALUES))  # never the same object twice
    return payload


def check_parsed(parsed: Parsed) -> None:
    assert isinstance(parsed, Parsed)
    if parsed.reading is not None:
        flow = parsed.reading.power_flow
        assert isinstance(flow, PowerFlow)
        for name in (
            "pv_w",
            "load_w",
            "grid_import_w",
            "grid_export_w",
            "battery_charge_w",
            "battery_discharge_w",
            "ac_output_w",
        ):
            value = getattr(flow, name)
            assert value is None or (value >= 0 and math.isfinite(value))
    if parsed.energy is not None:
        for counter in parsed.energy.quantities.values():
            assert all(
                v is None or math.isfinite(v) for v in (counter.today_kwh, counter.total_kwh)
            )


def _parse_or_growatt_error(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except GrowattError:
        return None


@pytest.mark.parametrize(("family", "endpoint", "name"), FIXTURE_ANSWERS)
@PROPERTY
@given(data=st.data())
def test_mutated_captured_answers(family, endpoint, name, data):
    answer = json.loads((SHARED_FIXTURES / name).read_text(encoding="utf-8"))
    if name.startswith("v1/"):
        answer = answer["data"]
    parsed = _parse_or_growatt_error(
        parse_answer, family, endpoint, data.draw(mutated(answer)), ZONE
    )
    if parsed is not None:
        check_parsed(parsed)


@pytest.mark.parametrize(("family", "endpoint"), LIVE_READS)
@PROPERTY
@given(data=st.data())
def test_mutated_simulator_answers(live, family, endpoint, data):
    parsed = _parse_or_growatt_error(
        parse_answer, family, endpoint, data.draw(mutated(live[endpoint])), ZONE
    )
    if parsed is not None:
        check_parsed(parsed)


@PROPERTY
@given(data=st.data())
def test_mutated_plants_and_devices(live, data):
    at = datetime(2026, 6, 21, 9, 30, tzinfo=UTC)
    entry = {"plantId": "1427391", "plantName": "Zonnedak Utrecht"}
    detail = data.draw(mutated(live["plant_energy_data"]))
    _parse_or_growatt_error(parse_plant_classic, data.draw(mutated(entry)), detail, at=at)
    _parse_or_growatt_error(parse_plant_energy, detail)
    plants = live["plant_list"]["plants"]
    v1_entry = data.draw(mutated(data.draw(st.sampled_from(plants))))
    v1_detail = data.draw(mutated(live["plant_energy_overview"]))
    _parse_or_growatt_error(parse_plant_v1, v1_entry, v1_detail, at=at)
    _parse_or_growatt_error(parse_plant_energy, v1_detail)
    device = data.draw(mutated(data.draw(st.sampled_from(live["all_devices"]))))
    _parse_or_growatt_error(parse_device_classic, device, "1427392")
    v1_device = data.draw(mutated(data.draw(st.sampled_from(live["device_list"]["devices"]))))
    _parse_or_growatt_error(parse_device_v1, v1_device, "1427391")


@settings(max_examples=80, deadline=None)
@given(
    family=st.sampled_from(list(F)),
    endpoint=st.sampled_from([e for _f, e in LIVE_READS] + ["nope"]),
    payload=st.recursive(
        st.one_of(st.none(), st.booleans(), st.floats(), st.integers(), st.text(max_size=8)),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=4)
        ),
        max_leaves=12,
    ),
)
def test_arbitrary_json_gives_a_model_or_a_growatt_error(family, endpoint, payload):
    parsed = _parse_or_growatt_error(parse_answer, family, endpoint, payload, ZONE)
    if parsed is not None:
        check_parsed(parsed)
