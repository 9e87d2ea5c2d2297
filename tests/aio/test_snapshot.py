"""GrowattClient.snapshot() against the simulated cloud: which requests a cold and a
steady-state snapshot make, and that it lists the devices the compat API lists."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from growattServer.aio import AsyncGrowattApi
from growattServer.client import GrowattClient
from growattServer.discovery import (
    CLASSIC_PLANT_READ,
    CLASSIC_VALUES,
    PACK_SOURCE,
    PLANT_READ_REUSE_S,
    noah_entries,
)
from growattServer.errors import ParseError, ServerError, UnsupportedDeviceError
from growattServer.models import (
    Device,
    DeviceFamily,
    DeviceStatus,
    TlxBatteryReading,
    ZoneSource,
)
from growattServer.simulator.faults import FaultKind, FaultRule
from growattServer.snapshot import Answers, assemble_plant
from tests.conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER

from .conftest import FAST, INVERTER, MIX, TLX

PACK = "BTD1A2B3C4"

LOGIN = "newTwoLoginAPI.do"
PLANT_LIST = "PlantListAPI.do"
PLANTS = "newTwoPlantAPI.do"
PLANT_READ_OP = "getUserCenterEnertyDataByPlantid"
NOAH_CHECK = "noahDeviceApi/noah/isPlantNoahSystem"


def client(sim, **kw) -> GrowattClient:
    return GrowattClient.classic(
        DEMO_USER, DEMO_PASSWORD, server_url=sim.base_url, clock=sim.clock.timestamp, **kw
    )


def value_reads(state) -> int:
    return len(CLASSIC_VALUES.get(state.device.type_code, ()))


def ops(sim, op: str) -> list[str]:
    """plantId of every journalled newTwoPlantAPI.do request with this op."""
    return [
        dict(r.query)["plantId"]
        for r in sim.journal.matching(PLANTS)
        if dict(r.query).get("op") == op
    ]


async def test_cold_snapshot_takes_the_plants_from_the_login_answer(make_sim):
    sim = make_sim()
    async with client(sim) as growatt:
        snapshot = await growatt.snapshot()
        login_answer = growatt.api.engine.login_answer
    assert login_answer is not None
    assert len(sim.journal.matching(LOGIN)) == 1
    assert sim.journal.matching(PLANT_LIST) == []
    listed = [str(plant["plantId"]) for plant in login_answer["data"]]
    assert [plant.plant_id for plant in snapshot.plants] == listed
    assert sorted(ops(sim, "getAllDeviceList")) == sorted(listed)


async def test_snapshot_lists_what_compat_device_list_and_noah_check_list(make_sim):
    sim = make_sim()
    async with client(sim) as growatt:
        snapshot = await growatt.snapshot()
    cold = list(sim.journal)
    async with AsyncGrowattApi(server_url=sim.base_url) as api:
        await api.login(DEMO_USER, DEMO_PASSWORD)
        for plant in snapshot.plants:
            listed = await api.device_list(plant.plant_id)
            noah = noah_entries(await api.is_plant_noah_system(plant.plant_id))
            expected = [(d["deviceSn"], d["deviceType"]) for d in [*listed, *noah]]
            assert sorted((d.serial, d.device.type_code) for d in plant.devices) == sorted(expected)
    # One listing request per plant: getAllDeviceList, never the getAllDeviceListTwo detour.
    listings = [dict(r.query) for r in cold if r.path == PLANTS]
    assert sorted(q["plantId"] for q in listings if q["op"] == "getAllDeviceList") == sorted(
        p.plant_id for p in snapshot.plants
    )
    assert not [q for q in listings if q["op"] == "getAllDeviceListTwo"]
    assert len([r for r in cold if r.path == NOAH_CHECK]) == len(snapshot.plants)
    noah = [d for p in snapshot.plants for d in p.devices if d.device.type_code == "noah"]
    assert len(noah) == 1
    assert set(noah[0].raw) == {"noah_system_status"}
    for plant in snapshot.plants:
        assert not plant.errors
        assert set(plant.raw) == {CLASSIC_PLANT_READ.endpoint.name}
        for device in plant.devices:
            assert not device.errors
            reads = {read.endpoint.name for read in CLASSIC_VALUES.get(device.device.type_code, ())}
            if device.device.family is DeviceFamily.TLX_BATTERY:
                reads = {PACK_SOURCE}  # its TLX's answer
            assert set(device.raw) == reads


async def test_a_battery_pack_is_read_from_its_tlx_without_a_request(make_sim):
    sim = make_sim()
    async with client(sim) as growatt:
        snapshot = await growatt.snapshot()
    ops_sent = [dict(r.query).get("op") for r in sim.journal]
    assert "getBatDetailData" not in ops_sent
    assert "getBatInfo" not in ops_sent
    pack, tlx = snapshot.device(PACK), snapshot.device(TLX)
    assert pack is not None
    assert tlx is not None
    assert isinstance(pack.reading, TlxBatteryReading)
    assert pack.raw[PACK_SOURCE] is tlx.raw[PACK_SOURCE]
    assert pack.reading.battery_soc_pct == tlx.reading.battery_soc_pct
    assert pack.reading.time == tlx.reading.time
    flow = pack.reading.power_flow
    assert flow.battery_charge_w == tlx.reading.power_flow.battery_charge_w
    assert flow.battery_discharge_w == tlx.reading.power_flow.battery_discharge_w
    # the plant counts the battery once
    sevilla = snapshot.plant("1427392")
    assert sevilla is not None
    charge = sum(
        d.reading.power_flow.battery_charge_w or 0
        for d in sevilla.devices
        if d.reading and d.device.family is not DeviceFamily.TLX_BATTERY
    )
    assert sevilla.power_flow.battery_charge_w == pytest.approx(charge)


async def test_a_noahs_status_comes_from_its_reading(make_sim):
    sim = make_sim()
    async with client(sim) as growatt:
        snapshot = await growatt.snapshot()
    noah = snapshot.device("0PVP50ZR24")
    assert noah is not None
    assert noah.device.status is DeviceStatus.ONLINE
    assert noah.device.status_code == "1"


def test_a_pack_with_no_single_tlx_gets_no_reading():
    """Two TLX on other dataloggers: which one the pack hangs off is unknown."""
    entry = {"plantId": "1", "plantName": "p"}
    detail = Answers(answers={PACK_SOURCE: {"data": {"bmsSoc": 50, "bdc1ChargePower": 100}}})
    devices = [
        (Device("T1", DeviceFamily.TLX, "1", "tlx", datalogger_serial="L1"), detail),
        (Device("T2", DeviceFamily.TLX, "1", "tlx", datalogger_serial="L2"), detail),
        (Device("P", DeviceFamily.TLX_BATTERY, "1", "bat", datalogger_serial="L3"), Answers()),
        (Device("Q", DeviceFamily.TLX_BATTERY, "1", "bat", datalogger_serial="L2"), Answers()),
    ]
    at = datetime(2026, 6, 21, 9, 30, tzinfo=UTC)
    state = assemble_plant("classic", entry, Answers(), devices, known=None, at=at)
    lost, found = state.devices[2], state.devices[3]
    assert lost.reading is None
    assert lost.raw == {}
    assert isinstance(found.reading, TlxBatteryReading)  # the TLX on its datalogger
    assert found.reading.power_flow.battery_charge_w == 100


async def test_steady_snapshot_reads_values_only(make_sim):
    sim = make_sim()
    async with client(sim) as growatt:
        first = await growatt.snapshot()
        sim.journal.clear()
        second = await growatt.snapshot()
        steady = len(sim.journal)
        plant_reads_soon = len(sim.journal.matching(PLANTS, PLANT_READ_OP))
        sim.journal.clear()
        sim.clock.advance(timedelta(seconds=PLANT_READ_REUSE_S))
        later = await growatt.snapshot()
    reads = sum(value_reads(d) for p in first.plants for d in p.devices)
    # The value reads, no more: the plant reads are younger than their reuse period.
    assert steady == reads
    assert plant_reads_soon == 0
    assert [p.energy for p in second.plants] == [p.energy for p in first.plants]
    # Five minutes on, one plant read per plant again, besides the value reads.
    assert len(sim.journal.matching(PLANTS, PLANT_READ_OP)) == len(first.plants)
    assert len(sim.journal) == len(first.plants) + reads
    assert all(not p.errors for p in later.plants)
    assert sim.journal.matching(LOGIN) == []
    assert sim.journal.matching(PLANTS, "getAllDeviceList") == []
    assert sim.journal.matching(NOAH_CHECK) == []
    assert [d.device for d in second.devices()] == [d.device for d in first.devices()]
    assert all(d.raw or not value_reads(d) for d in second.devices())


async def test_a_restored_session_asks_for_the_plant_list(make_sim):
    sim = make_sim()
    async with client(sim) as first:
        await first.snapshot()
        saved = first.export_state()
    sim.journal.clear()
    async with client(sim, state=saved) as second:
        snapshot = await second.snapshot()
    assert sim.journal.matching(LOGIN) == []  # no fresh login answer to take plants from
    assert len(sim.journal.matching(PLANT_LIST)) == 1
    assert len(snapshot.plants) == 3


async def test_a_cold_snapshot_asks_each_question_once(make_sim):
    """Login, one listing and one Noah check per plant, one read per value: nothing twice."""
    sim = make_sim()
    async with client(sim) as growatt:
        snapshot = await growatt.snapshot()
    sent = [(r.path, tuple(sorted(r.params().items()))) for r in sim.journal]
    assert len(sent) == len(set(sent))
    plants = len(snapshot.plants)
    reads = sum(value_reads(d) for d in snapshot.devices())
    # login, then per plant: device list, Noah check, plant read; then the value reads
    assert len(sim.journal) == 1 + 3 * plants + reads
    assert snapshot.device(INVERTER) is not None
    assert snapshot.device(MIX) is not None


async def test_a_failed_plant_read_keeps_the_known_zone_and_sums_the_devices(make_sim):
    sim = make_sim()
    async with client(sim, options=FAST) as growatt:
        first = await growatt.snapshot()
        sim.faults.add(
            FaultRule(
                FaultKind.HTTP_5XX,
                path=PLANTS,
                op="getUserCenterEnertyDataByPlantid",
                probability=1.0,
            )
        )
        sim.clock.advance(timedelta(seconds=PLANT_READ_REUSE_S))  # time to ask the plants again
        second = await growatt.snapshot()
    for before, after in zip(first.plants, second.plants, strict=True):
        assert isinstance(after.errors["plant_energy_data"], ServerError)
        assert after.plant.timezone == before.plant.timezone
        assert after.plant.timezone_source is ZoneSource.LOCATED
        # the plant's totals are now its devices' (no month or year without the plant read)
        assert after.energy is not None
        assert after.energy.month_kwh is None
        assert all(not d.errors for d in after.devices)
    tlx_plant = second.plant("1427392")
    assert tlx_plant is not None
    assert tlx_plant.energy is not None
    devices = [d.energy.today_kwh for d in tlx_plant.devices if d.energy and d.energy.today_kwh]
    assert tlx_plant.energy.today_kwh == pytest.approx(sum(devices))


def test_an_unreadable_answer_is_kept_as_that_reads_error():
    """A value that does not parse costs that read, not the snapshot."""
    entry = {"plantId": "1", "plantName": "p"}
    good = Answers(answers={"inverter_detail": {"pac": 10, "ppv": 11, "powerToday": 1.5}})
    bad = Answers(answers={"tlx_detail": {"data": {"pac": "ten watts"}}})
    devices = [
        (Device("A", DeviceFamily.INVERTER, "1", "inverter"), good),
        (Device("B", DeviceFamily.TLX, "1", "tlx"), bad),
        (Device("C", DeviceFamily.UNKNOWN, "1", "wit"), Answers(answers={"x": {}})),
    ]
    at = datetime(2026, 6, 21, 9, 30, tzinfo=UTC)
    state = assemble_plant("classic", entry, Answers(), devices, known=None, at=at)
    inverter, tlx, other = state.devices
    assert inverter.reading is not None
    assert inverter.reading.power_flow.ac_output_w == 10
    assert tlx.reading is None
    error = tlx.errors["tlx_detail"]
    assert isinstance(error, ParseError)
    assert error.field == "tlx_detail.pac"
    assert isinstance(other.errors["x"], UnsupportedDeviceError)
    assert state.plant.timezone_source is ZoneSource.FALLBACK
    assert state.energy is not None
    assert state.energy.today_kwh == 1.5  # the devices' sum, without a plant read


async def test_a_token_snapshot_reads_every_family_within_its_window(make_sim):
    """Every v1 device gets a reading; a minute later only the 10-second reads (SPH,
    storage, SPA) are asked again, the 5-minute ones reuse their last answer."""
    sim = make_sim()
    token = GrowattClient.token(DEMO_TOKEN, server_url=sim.base_url, clock=sim.clock.timestamp)
    async with token:
        first = await token.snapshot()
        sim.journal.clear()
        sim.clock.advance(timedelta(seconds=60))
        second = await token.snapshot()
    for snapshot in (first, second):
        devices = list(snapshot.devices())
        assert len(devices) == 6
        assert all(d.reading is not None and not d.errors for d in devices)
    sent = sorted(r.path.removeprefix("v1/") for r in sim.journal)
    assert sent == [
        "device/mix/mix_last_data",
        "device/spa/spa_last_data",
        "device/storage/storage_last_data",
    ]
    inverter = second.device(INVERTER)
    assert inverter is not None
    assert inverter.reading == first.device(INVERTER).reading  # the same answer again


async def test_devices_lists_without_reading_values_and_the_snapshot_reuses_the_lists(make_sim):
    sim = make_sim()
    async with client(sim) as growatt:
        devices = await growatt.devices()
        listed = list(sim.journal.snapshot())
        sim.journal.clear()
        snapshot = await growatt.snapshot()
    plants = {d.plant_id for d in devices}
    # One login (its answer lists the plants), one device list and one Noah check per plant.
    assert [r.path for r in listed].count(LOGIN) == 1
    assert len(ops(sim, "getAllDeviceList")) == 0
    assert len(listed) == 1 + 2 * len(plants)
    assert not any(dict(r.query).get("op") == PLANT_READ_OP for r in listed)
    assert [d.serial for d in devices] == [s.serial for s in snapshot.devices()]
    assert DeviceFamily.NOAH in {d.family for d in devices}
