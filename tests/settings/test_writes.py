"""Read-back outcomes, per-device serialisation, dry runs and the compat opt-in check,
against the simulator's configurable write behaviour."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from growattServer.aio import AsyncGrowattApi, AsyncOpenApiV1
from growattServer.compat import GrowattApi, OpenApiV1
from growattServer.errors import GrowattParameterError, UnsupportedDeviceError
from growattServer.settings import (
    DeviceSettings,
    Outcome,
    SettingsClient,
    SettingValueError,
    all_schemas,
)
from growattServer.simulator import Simulator
from tests.aio.conftest import FAST
from tests.conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER

from .conftest import DEVICES, is_write, writes

TLX, MIX, INVERTER = (
    DEVICES[("classic", "tlx")],
    DEVICES[("classic", "mix")],
    DEVICES[("classic", "inverter")],
)


@pytest.fixture
async def clients(make_sim: Callable[..., Simulator]) -> AsyncIterator[Callable[..., Any]]:
    """``await clients(**sim_config)`` → (sim, classic client, v1 client), closed after."""
    opened: list[Any] = []

    async def start(**config: Any) -> tuple[Simulator, AsyncGrowattApi, AsyncOpenApiV1]:
        sim = make_sim(**config)
        kw: dict[str, Any] = {"server_url": sim.base_url, "clock": sim.clock.timestamp}
        classic = AsyncGrowattApi(options=FAST, **kw)
        token = AsyncOpenApiV1(DEMO_TOKEN, options=FAST, **kw)
        opened.extend((classic, token))
        await classic.login(DEMO_USER, DEMO_PASSWORD)
        return sim, classic, token

    yield start
    for client in opened:
        await client.close()


# --- read-back ------------------------------------------------------------------------------


@pytest.mark.parametrize("api", ["classic", "v1"])
async def test_applied_when_the_device_shows_the_value(clients, api):
    sim, classic, token = await clients()
    device = DeviceSettings(token if api == "v1" else classic, TLX, "tlx", settle_s=0)
    result = await device.set_charge_stop_soc(90)
    assert result.outcome is Outcome.APPLIED
    assert result.error is None
    assert result.shown == {"value": 90}
    assert sim.world.settings(TLX)["wchargeSOCLowLimit"] == "90"


@pytest.mark.parametrize("api", ["classic", "v1"])
async def test_silently_ignored_write_is_not_applied(clients, api):
    sim, classic, token = await clients(write_outcomes={TLX: "ignore"})
    device = DeviceSettings(token if api == "v1" else classic, TLX, "tlx", settle_s=0)
    result = await device.set_charge_power(40)
    assert result.outcome is Outcome.NOT_APPLIED
    assert result.error is None  # the server said success
    assert "ignored" in result.note
    assert result.shown == {"value": 100}
    assert len(writes(sim)) == 1  # and it was not sent again


@pytest.mark.parametrize("api", ["classic", "v1"])
async def test_error_answer_but_applied_is_applied_with_a_note(clients, api):
    sim, classic, token = await clients(write_outcome="error-but-apply")
    device = DeviceSettings(token if api == "v1" else classic, TLX, "tlx", settle_s=0)
    result = await device.set_time_segment(4, "grid_first", "17:00", "19:30")
    assert result.outcome is Outcome.APPLIED
    assert result.error  # the answer reported a failure
    assert "error but applied" in result.note
    assert sim.world.settings(TLX)["forcedTimeStart4"] == "17:0"
    assert len(writes(sim)) == 1


async def test_rejected_write_is_not_applied_and_never_retried(clients):
    sim, classic, _ = await clients(write_outcome="reject")
    device = DeviceSettings(classic, INVERTER, "inverter", settle_s=0)
    result = await device.set_active_power_rate(60)
    assert result.outcome is Outcome.NOT_APPLIED
    assert result.error == "inv_set_failure"
    assert sim.world.settings(INVERTER)["activeRate"] == "100"
    assert len(writes(sim)) == 1


async def test_no_read_back_available_is_unknown(clients):
    sim, classic, _ = await clients()
    spa = DeviceSettings(classic, DEVICES[("classic", "spa")], "spa", settle_s=0)
    result = await spa.set_on_off(False)
    assert result.outcome is Outcome.UNKNOWN
    assert "no settings read" in result.note
    assert sim.world.settings(spa.serial)["onOff"] == "0"


async def test_read_back_off_is_unknown_and_reads_nothing(clients):
    sim, classic, _ = await clients()
    device = DeviceSettings(classic, TLX, "tlx", read_back=False)
    before = len(sim.journal)
    result = await device.set_discharge_power(70)
    assert result.outcome is Outcome.UNKNOWN
    assert len(sim.journal) - before == 1


async def test_read_back_waits_settle_time_once(clients):
    _, classic, _ = await clients()
    pauses: list[float] = []

    async def sleep(seconds: float) -> None:
        pauses.append(seconds)

    device = DeviceSettings(classic, TLX, "tlx", settle_s=2.5, sleep=sleep)
    assert (await device.set_ac_charge(True)).applied
    assert pauses == [2.5]


# --- device rules, dry run, introspection -----------------------------------------------------


async def test_segment_overlapping_a_disabled_one_is_refused_after_a_read_only(clients):
    sim, classic, _ = await clients()
    device = DeviceSettings(classic, TLX, "tlx", settle_s=0)
    # the demo TLX keeps a disabled 01:00-05:00 window in segment 1
    before = len(sim.journal)
    with pytest.raises(SettingValueError) as refused:
        await device.set_time_segment(2, "battery_first", "04:00", "06:00")
    assert refused.value.field == "time_segment2.start"
    assert "time_segment1" in str(refused.value)
    assert [r.op for r in sim.journal.snapshot()[before:]] == ["getTlxSetData"]


async def test_charge_stop_below_a_discharge_stop_is_refused(clients):
    sim, _, token = await clients()
    device = DeviceSettings(token, TLX, "min", settle_s=0)
    with pytest.raises(SettingValueError) as refused:
        await device.set_charge_stop_soc(5)  # on-grid discharge stop is 10 %
    assert "discharge_stop_soc of 10 %" in str(refused.value)
    assert writes(sim) == []


async def test_dry_run_returns_the_exact_request_and_sends_nothing(clients):
    sim, _, token = await clients()
    device = DeviceSettings(token, MIX, "sph", settle_s=0)
    before = len(sim.journal)
    result = await device.set_ac_charge_windows(
        80, 95, [(dt.time(1, 30), dt.time(4, 0))], ac_charge=True, dry_run=True
    )
    assert result.outcome is Outcome.DRY_RUN
    assert result.sent is False
    assert writes(sim, before) == []
    request = result.write.request
    assert (request.method, request.path) == ("POST", "mixSet")
    form = dict(request.form or ())
    assert form["type"] == "mix_ac_charge_time_period"
    assert [form[f"param{i}"] for i in range(1, 9)] == ["80", "95", "1", "1", "30", "4", "0", "1"]
    assert form["param18"] == "0"
    assert str(result.write).startswith("POST mixSet\nform: mix_sn=WPD3C1A0K7&type=")
    assert result.write.describe()["values"]["window1_start"] == "01:30"


async def test_dry_run_of_a_plant_setting_reads_the_form_but_writes_nothing(clients):
    sim, classic, _ = await clients()
    plant = DeviceSettings(classic, "1427391", "plant")
    prepared = await plant.prepare("nominal_power", nominal_power=9800)
    parts = dict(prepared.request.multipart or ())
    assert parts["plantPower"] == "9800"
    assert parts["plantName"] == "Zonnedak Utrecht"
    assert len(parts) == 18
    assert writes(sim) == []


def test_errors_name_field_value_and_range():
    schema_device = DeviceSettings(AsyncGrowattApi(), TLX, "tlx")
    with pytest.raises(SettingValueError) as refused:
        schema_device.validate("charge_power", value=130)
    error = refused.value
    assert (error.field, error.value, error.allowed) == ("charge_power.value", 130, "0..100 %")
    assert "charge_power.value" in str(error)
    assert "130" in str(error)
    assert "0..100 %" in str(error)
    unused = {
        f"window{i}_{part}": value
        for i in (2, 3)
        for part, value in (("start", "0:00"), ("end", "0:00"), ("enabled", False))
    }
    mix = DeviceSettings(AsyncGrowattApi(), MIX, "mix")
    with pytest.raises(SettingValueError, match="window1_end") as backwards:
        mix.validate(
            "mix_ac_charge_time_period",
            charge_power=100,
            charge_stop_soc=100,
            ac_charge=True,
            window1_start="05:00",
            window1_end="01:00",
            window1_enabled=True,
            **unused,
        )
    assert "no midnight wrap" in str(backwards.value)


async def test_unsupported_roles_and_families_are_typed_errors(clients):
    _, classic, token = await clients()
    with pytest.raises(UnsupportedDeviceError):
        await DeviceSettings(classic, INVERTER, "inverter").set_charge_power(50)
    with pytest.raises(UnsupportedDeviceError):
        DeviceSettings(token, TLX, "noah")
    with pytest.raises(SettingValueError, match="segment"):
        await DeviceSettings(token, TLX, "min").set_time_segment(10, 0, "01:00", "02:00")


def test_every_schema_describes_itself_as_plain_data():
    client = SettingsClient(AsyncOpenApiV1(DEMO_TOKEN))
    assert [s.family for s in client.schemas()] == ["min", "sph"]
    data = client.schema("tlx").describe()
    assert data["family"] == "min"
    charge = next(s for s in data["settings"] if s["name"] == "charge_stop_soc")
    (value,) = charge["params"]
    assert value["type"] == "integer"
    assert (value["min"], value["max"], value["unit"]) == (0, 100, "%")
    assert value["readable"] is True
    assert charge["device_rules"]
    for schema in all_schemas():  # every schema is plain, JSON-ready data
        assert json.loads(json.dumps(schema.describe()))["settings"]


# --- one write at a time per device -----------------------------------------------------------


async def test_concurrent_writes_to_one_device_go_one_at_a_time(clients):
    sim, classic, _ = await clients()
    first = DeviceSettings(classic, TLX, "tlx", settle_s=0)
    second = DeviceSettings(classic, TLX, "tlx", settle_s=0)  # another object, same lock
    before = len(sim.journal)
    results = await asyncio.gather(
        *(d.set_charge_power(p) for d, p in ((first, 20), (second, 30), (first, 40)))
    )
    assert all(r.applied for r in results)
    # write, read-back, write, read-back ...: no write went out while another was open
    ops = ["W" if is_write(r) else "R" for r in sim.journal.snapshot()[before:]]
    assert ops == ["W", "R"] * 3


async def test_writes_to_different_devices_do_not_wait_for_each_other(clients):
    sim, classic, _ = await clients()
    tlx = DeviceSettings(classic, TLX, "tlx", settle_s=0)
    inverter = DeviceSettings(classic, INVERTER, "inverter", settle_s=0)
    async with tlx.lock, asyncio.timeout(30):  # the TLX is busy ...
        result = await inverter.set_on_off(False)  # ... the inverter is not held up
    assert result.applied
    assert sim.world.settings(INVERTER)["onOff"] == "0"


# --- the compat classes -----------------------------------------------------------------------


def _compat(sim: Simulator, **kw: Any) -> GrowattApi:
    api = GrowattApi(**kw)
    api.server_url = sim.base_url
    api.login(DEMO_USER, DEMO_PASSWORD)
    return api


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("update_tlx_inverter_setting", (TLX, "charge_power", 101)),
        ("update_tlx_inverter_setting", (TLX, "set_any_reg", ["0", "1"])),
        ("update_mix_inverter_setting", (MIX, "pv_on_off", ["2"])),
        ("set_classic_inverter_active_power_rate", (INVERTER, -5)),
        (
            "update_classic_inverter_setting",
            (
                {
                    "action": "inverterSet",
                    "serialNum": INVERTER,
                    "paramId": "pf_sys_year",
                    "command_1": "2026-06-21 10:00",
                    "command_2": "",
                },
                {},
            ),
        ),
        ("update_noah_settings", (DEVICES[("classic", "noah")], "charging_soc", ["60", "10"])),
        ("update_plant_settings", ("1427391", {"plantPower": "lots"}, {})),
        ("update_tlx_inverter_time_segment", (TLX, 3, 1, dt.time(6, 0), dt.time(5, 0), True)),
    ],
)
def test_compat_opt_in_check_refuses_with_no_request(make_sim, method, args):
    sim = make_sim()
    api = _compat(sim, validate_settings=True)
    before = len(sim.journal)
    with pytest.raises(GrowattParameterError):
        getattr(api, method)(*args)
    assert len(sim.journal) == before


def test_compat_opt_in_check_lets_valid_writes_through_unchanged(make_sim):
    sim = make_sim()
    checked = _compat(sim, validate_settings=True)
    answer = checked.update_tlx_inverter_time_segment(TLX, 3, 2, dt.time(6, 0), dt.time(7, 0), True)
    assert answer["success"] is True
    record = sim.journal[-1]
    assert dict(record.form)["param2"] == "06"
    v1 = OpenApiV1(DEMO_TOKEN, validate_settings=True)
    v1.server_url = sim.base_url
    assert v1.min_write_parameter(TLX, "charge_stop_soc", 85) == ""
    with pytest.raises(GrowattParameterError):
        v1.sph_write_parameter(MIX, "pv_power_factor", "0.5")


def test_compat_default_sends_what_it_is_given(make_sim):
    sim = make_sim()
    api = _compat(sim)
    answer = api.update_tlx_inverter_setting(TLX, "charge_power", 101)
    assert answer == {"success": False, "msg": "inv_set_failure"}  # the server refused it
    assert dict(sim.journal[-1].query)["param1"] == "101"


async def test_no_secret_in_reprs_or_dry_runs(clients):
    _, classic, _ = await clients()
    device = DeviceSettings(classic, TLX, "tlx")
    result = await device.set_charge_power(50, dry_run=True)
    cookies = classic.export_state()["cookies"]
    shown = repr(device) + str(result.write) + repr(result) + str(result.describe())
    assert DEMO_PASSWORD not in shown
    assert cookies
    assert not any(value in shown for value in cookies.values())


# --- read before write, and the knob on every write handler -----------------------------------


async def test_keep_current_changes_one_part_and_keeps_the_rest(clients):
    sim, classic, _ = await clients()
    mix = DeviceSettings(classic, MIX, "mix", settle_s=0)
    windows = [("01:00", "04:30"), ("22:00", "23:00", False)]
    assert (await mix.set_ac_charge_windows(90, 95, windows)).applied
    result = await mix.write("mix_ac_charge_time_period", keep_current=True, charge_power=60)
    assert result.applied
    held = sim.world.settings(MIX)
    assert held["chargePowerCommand"] == "60"
    assert (held["forcedChargeTimeStart1"], held["forcedChargeTimeStop1"]) == ("1:0", "4:30")
    assert (held["forcedChargeTimeStart2"], held["forcedChargeStopSwitch2"]) == ("22:0", "0")
    assert held["wchargeSOCLowLimit1"] == "95"


async def test_keep_current_checks_what_is_given_before_reading(clients):
    sim, classic, _ = await clients()
    tlx = DeviceSettings(classic, TLX, "tlx", settle_s=0)
    before = len(sim.journal)
    with pytest.raises(SettingValueError, match="power_rate"):
        await tlx.write("backflow_setting", keep_current=True, power_rate=150)
    assert len(sim.journal) == before
    result = await tlx.set_export_limit(True)  # the export % stays what the device has
    assert result.applied
    assert sim.world.settings(TLX)["exportLimit"] == "1"
    assert sim.world.settings(TLX)["exportLimitPowerRate"] == "0"


KNOBS = [
    ("reject", Outcome.NOT_APPLIED),
    ("ignore", Outcome.NOT_APPLIED),
    ("error-but-apply", Outcome.APPLIED),
]


@pytest.mark.parametrize(("knob", "expected"), KNOBS)
async def test_every_write_handler_honours_the_per_device_knob(clients, knob, expected):
    noah, plant = DEVICES[("classic", "noah")], DEVICES[("classic", "plant")]
    _, classic, token = await clients(
        write_outcomes=dict.fromkeys((MIX, noah, plant, INVERTER), knob)
    )
    calls = [
        DeviceSettings(classic, noah, "noah", settle_s=0).set_default_power(350),
        DeviceSettings(classic, plant, "plant", settle_s=0).write("timezone", timezone=2),
        DeviceSettings(token, MIX, "sph", settle_s=0).set_active_power_rate(55),
        DeviceSettings(classic, MIX, "mix", settle_s=0).set_on_off(False),
        DeviceSettings(classic, INVERTER, "inverter", settle_s=0).set_active_power_rate(45),
    ]
    results = [await call for call in calls]
    assert [r.outcome for r in results] == [expected] * len(calls)
    assert all((r.error is None) is (knob == "ignore") for r in results)
    # the device without an override still applies
    untouched = await DeviceSettings(classic, TLX, "tlx", settle_s=0).set_charge_power(33)
    assert untouched.applied
