"""Parsing the simulator's answers to the reads a snapshot does not make: the other
endpoints of each family, and the chart series, both APIs."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from growattServer.aio import AsyncGrowattApi, AsyncOpenApiV1
from growattServer.engine import EngineOptions
from growattServer.errors import GrowattV1ApiError
from growattServer.models import (
    DeviceFamily,
    SeriesKind,
    StorageReading,
    TlxBatteryReading,
    TlxReading,
    parse_answer,
    parse_day_chart_classic,
    parse_energy,
    parse_energy_series_v1,
    parse_pac_chart_classic,
    parse_period_chart_classic,
    parse_power_series_v1,
    parse_reading,
)
from growattServer.protocol import classic as ep
from growattServer.protocol import openapi_v1 as v1
from growattServer.protocol.classic import Timespan
from growattServer.simulator.physics import SLOT_MINUTES
from growattServer.simulator.readings import reading
from tests.conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER

F = DeviceFamily
MADRID = ZoneInfo("Europe/Madrid")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TLX, BAT, STORAGE, MIX, SEVILLA, UTRECHT = (
    "BZP0C4N08J",
    "BTD1A2B3C4",
    "DWB1CHB0AZ",
    "WPD3C1A0K7",
    "1427392",
    "1427391",
)
UNPACED = EngineOptions(v1_default_window_s=0, v1_windows={})


@pytest.fixture
async def classic(sim):
    async with AsyncGrowattApi(server_url=sim.base_url) as api:
        await api.login(DEMO_USER, DEMO_PASSWORD)
        yield api


@pytest.fixture
async def token(sim):
    async with AsyncOpenApiV1(DEMO_TOKEN, server_url=sim.base_url, options=UNPACED) as api:
        yield api


def now(sim, serial):
    return reading(sim.world, serial, sim.world.now())


async def test_tlx_status_and_overview(sim, classic):
    status = await classic.fetch(ep.TLX_SYSTEM_STATUS, plant_id=SEVILLA, tlx_id=TLX)
    flow = parse_reading(F.TLX, "tlx_system_status", status, MADRID).power_flow
    real = now(sim, TLX)
    assert flow.pv_w == pytest.approx(real.ppv, abs=10)
    assert flow.load_w == pytest.approx(real.load, abs=10)
    assert flow.grid_export_w == pytest.approx(real.export, abs=10)
    assert flow.battery_soc_pct == pytest.approx(real.soc)
    overview = await classic.fetch(ep.TLX_ENERGY_OVERVIEW, plant_id=SEVILLA, tlx_id=TLX)
    energy = parse_energy(F.TLX, "tlx_energy_overview", overview, MADRID)
    today = sim.world.model(TLX).today(sim.world.now())
    assert energy.today_kwh == pytest.approx(today.pv, abs=0.06)
    assert energy.load.today_kwh == pytest.approx(today.load, abs=0.06)


async def test_tlx_battery_pack(sim, classic):
    detail = await classic.fetch(ep.TLX_BATTERY_INFO_DETAILED, plant_id=SEVILLA, serial_num=BAT)
    pack = parse_reading(F.TLX_BATTERY, "tlx_battery_info_detailed", detail, MADRID)
    assert isinstance(pack, TlxBatteryReading)
    real = now(sim, TLX)  # the pack shares its inverter's model
    assert pack.battery_soc_pct == pytest.approx(real.soc)
    assert pack.battery_power_w == pytest.approx(real.charge - real.discharge, abs=0.1)
    info = await classic.fetch(ep.TLX_BATTERY_INFO, serial_num=BAT)
    brief = parse_reading(F.TLX_BATTERY, "tlx_battery_info", info, MADRID)
    assert brief.time == real.at
    tlx = await classic.fetch(ep.TLX_DETAIL, tlx_id=TLX)
    inverter = parse_reading(F.TLX, "tlx_detail", tlx, MADRID)
    assert isinstance(inverter, TlxReading)
    assert inverter.has_battery
    assert inverter.battery_soc_pct == pack.battery_soc_pct


async def test_storage_info_and_overview(sim, classic):
    info = await classic.fetch(ep.STORAGE_DETAIL, storage_id=STORAGE)
    parsed = parse_reading(F.STORAGE, "storage_detail", info, MADRID)
    assert isinstance(parsed, StorageReading)
    real = now(sim, STORAGE)
    assert parsed.pv_power_w == pytest.approx(real.ppv, abs=0.1)
    assert parsed.battery_voltage_v == pytest.approx(real.vbat)
    overview = await classic.fetch(ep.STORAGE_ENERGY_OVERVIEW, plant_id=SEVILLA, storage_id=STORAGE)
    energy = parse_energy(F.STORAGE, "storage_energy_overview", overview, MADRID)
    total = sim.world.model(STORAGE).lifetime(sim.world.now())
    assert energy.total_kwh == pytest.approx(total.pv, abs=0.06)
    assert energy.load.total_kwh == pytest.approx(total.load, abs=0.06)


async def test_mix_info_and_inverter_detail_two(sim, classic):
    info = await classic.fetch(ep.MIX_INFO, mix_id=MIX, plant_id=UTRECHT)
    parsed = parse_answer(F.MIX, "mix_info", info, AMSTERDAM)
    real = now(sim, MIX)
    assert parsed.reading is not None
    assert parsed.reading.battery_soc_pct == pytest.approx(real.soc)  # "55%" style text
    assert parsed.reading.battery_charge_w == pytest.approx(real.charge, abs=0.1)
    assert parsed.energy is not None
    assert parsed.energy.today_kwh == pytest.approx(
        sim.world.model(MIX).today(sim.world.now()).pv, abs=0.06
    )
    two = await classic.fetch(ep.INVERTER_DETAIL_TWO, inverter_id="NTCMA2B04Q")
    inverter = parse_answer(F.INVERTER, "inverter_detail_two", two, AMSTERDAM)
    assert inverter.reading is not None
    assert inverter.reading.power_flow.ac_output_w == pytest.approx(now(sim, "NTCMA2B04Q").pac)


async def test_classic_day_charts(sim, classic):
    day = sim.world.now().astimezone(MADRID).date()
    finished = sim.world.model(TLX).completed_slots(sim.world.now())[1]
    series_today = sim.world.model(TLX).day(day)
    pac = await classic.fetch(ep.TLX_DATA, tlx_id=TLX, day=day)
    chart = parse_pac_chart_classic(pac, MADRID)
    assert chart.kind is SeriesKind.POWER
    assert len(chart.points) == finished
    steps = {b.time - a.time for a, b in zip(chart.points, chart.points[1:], strict=False)}
    assert steps == {timedelta(minutes=SLOT_MINUTES)}
    assert chart.values()[-1] == pytest.approx(series_today.pv[finished - 1], abs=0.1)
    flows = await classic.fetch(
        ep.TLX_ENERGY_PROD_CONS, plant_id=SEVILLA, tlx_id=TLX, day=day, timespan=Timespan.hour
    )
    load = parse_day_chart_classic(flows, day, "sysOut", MADRID)
    assert load.unit == "W"
    assert load.values()[-1] == pytest.approx(series_today.load[finished - 1], abs=10)
    month = await classic.fetch(
        ep.TLX_ENERGY_PROD_CONS, plant_id=SEVILLA, tlx_id=TLX, day=day, timespan=Timespan.day
    )
    days = parse_period_chart_classic(month, "epv3", MADRID)
    assert days.kind is SeriesKind.DAILY_ENERGY
    assert days.points[0].time.date() == day.replace(day=1)
    yesterday = sim.world.model(TLX).between(
        day - timedelta(days=1), day - timedelta(days=1), sim.world.now()
    )
    assert days.values()[day.day - 2] == pytest.approx(yesterday.pv, abs=0.06)


async def test_v1_power_and_energy_series(sim, token):
    zone = AMSTERDAM
    day = sim.world.now().astimezone(zone).date()
    powers = await token.fetch(v1.PLANT_POWER_OVERVIEW, plant_id=UTRECHT, day=day)
    curve = parse_power_series_v1(powers, zone)
    assert len(curve.points) == 288
    assert curve.points[0].time < curve.points[-1].time
    assert curve.points[-1].value is None  # the evening has not happened yet
    known = [p for p in curve.points if p.value is not None]
    # a point is labelled with its slot's start, a reading with the time it was taken
    latest = max(now(sim, s).at for s in ("NTCMA2B04Q", MIX))
    assert known[-1].time == latest - timedelta(minutes=5)
    history = await token.fetch(
        v1.PLANT_ENERGY_HISTORY,
        plant_id=UTRECHT,
        start_date=day - timedelta(days=2),
        end_date=day,
        time_unit="day",
        page="",
        perpage="",
    )
    energy = parse_energy_series_v1(history, zone)
    assert [p.time.date() for p in energy.points] == [day - timedelta(days=d) for d in (2, 1, 0)]
    assert all(p.time.tzinfo is zone for p in energy.points)
    assert energy.values()[-1] == pytest.approx(
        sum(
            sim.world.model(s).today(sim.world.now()).pv
            for s in ("NTCMA2B04Q", MIX, "JNK0CJ1A9B", "0PVP50ZR24")
        ),
        abs=0.06,
    )


async def test_tlx_pack_from_the_tlx_detail_is_its_own_answer(sim, classic):
    """The snapshot reads a pack from its TLX's detail: the same values getBatDetailData
    gives, without asking for them."""
    tlx = await classic.fetch(ep.TLX_DETAIL, tlx_id=TLX)
    derived = parse_answer(F.TLX_BATTERY, "tlx_detail", tlx, MADRID)
    own = await classic.fetch(ep.TLX_BATTERY_INFO_DETAILED, plant_id=SEVILLA, serial_num=BAT)
    asked = parse_answer(F.TLX_BATTERY, "tlx_battery_info_detailed", own, MADRID)
    assert isinstance(derived.reading, TlxBatteryReading)
    assert isinstance(asked.reading, TlxBatteryReading)
    assert derived.reading.battery_power_w == pytest.approx(asked.reading.battery_power_w)
    assert derived.reading.battery_soc_pct == asked.reading.battery_soc_pct
    assert derived.reading.time == now(sim, TLX).at
    assert derived.energy is not None
    assert asked.energy is not None
    discharged = derived.energy.of("battery_discharge").total_kwh
    assert discharged == pytest.approx(asked.energy.of("battery_discharge").total_kwh, abs=0.06)


async def test_v1_latest_records_agree_with_the_classic_answers(sim, classic, token):
    """Inverter, SPF storage and SPA through the token API: the simulator's values, and for
    inverter and storage the same reading the classic API gives."""
    inverter = parse_reading(
        F.INVERTER,
        "inverter_energy",
        await token.fetch(v1.INVERTER_ENERGY, device_sn="NTCMA2B04Q"),
        AMSTERDAM,
    )
    inverter_classic = parse_reading(
        F.INVERTER,
        "inverter_detail",
        await classic.fetch(ep.INVERTER_DETAIL, inverter_id="NTCMA2B04Q"),
        AMSTERDAM,
    )
    assert inverter.power_flow == inverter_classic.power_flow
    assert inverter.time == now(sim, "NTCMA2B04Q").at
    storage = parse_answer(
        F.STORAGE,
        "storage_energy",
        await token.fetch(v1.STORAGE_ENERGY, device_sn=STORAGE),
        MADRID,
    )
    storage_classic = parse_answer(
        F.STORAGE,
        "storage_params",
        await classic.fetch(ep.STORAGE_PARAMS, storage_id=STORAGE),
        MADRID,
    )
    assert storage.reading is not None
    assert storage_classic.reading is not None
    assert storage.reading.power_flow == storage_classic.reading.power_flow
    assert storage.energy is not None
    assert storage_classic.energy is not None
    assert storage.energy.produced == storage_classic.energy.produced
    spa = parse_answer(
        F.SPA, "spa_energy", await token.fetch(v1.SPA_ENERGY, device_sn="JNK0CJ1A9B"), AMSTERDAM
    )
    real = now(sim, "JNK0CJ1A9B")
    assert spa.reading is not None
    flow = spa.reading.power_flow
    assert flow.pv_w == pytest.approx(real.ppv)
    assert flow.load_w == pytest.approx(real.load)
    assert flow.battery_soc_pct == pytest.approx(real.soc)
    assert spa.reading.time == real.at
    assert spa.energy is not None
    assert spa.energy.today_kwh == pytest.approx(real.today.pv, abs=0.06)


@pytest.mark.parametrize(
    ("endpoint", "serial", "code"),
    [
        (v1.STORAGE_ENERGY, "JNK0CJ1A9B", 10002),  # the SPA is not a storage unit
        (v1.SPA_ENERGY, STORAGE, 10002),
        (v1.SPA_ENERGY, None, 10003),  # no serial
    ],
)
async def test_v1_latest_records_refuse_other_families(token, endpoint, serial, code):
    with pytest.raises(GrowattV1ApiError) as err:
        await token.fetch(endpoint, device_sn=serial)
    assert err.value.error_code == code
