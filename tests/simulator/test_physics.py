"""The power model: energy balance, battery limits, counters that agree, the sun."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from growattServer.simulator import SimClock, SimulatorConfig, load_scenario
from growattServer.simulator.physics import SLOT_HOURS, SLOTS_PER_DAY, DeviceModel
from growattServer.simulator.readings import day_chart, reading
from growattServer.simulator.sun import solar_elevation
from growattServer.simulator.world import World

START = datetime(2026, 6, 21, 9, 30, tzinfo=UTC)


def make_world(start: datetime = START, **overrides: object) -> World:
    config = SimulatorConfig(start=start, frozen_clock=True, **overrides)  # type: ignore[arg-type]
    return World(load_scenario("demo"), config, SimClock(start, frozen=True))


def models(world: World) -> list[DeviceModel]:
    return [world.model(d.serial) for d in world.scenario.devices if d.family != "bat"]


def test_every_slot_balances() -> None:
    world = make_world()
    for model in models(world):
        for offset in range(3):
            series = model.day(START.date() - timedelta(days=offset))
            for i in range(SLOTS_PER_DAY):
                supply = series.pv[i] + series.discharge[i] + series.grid_import[i]
                demand = series.load[i] + series.charge[i] + series.export[i]
                if model.device.family == "inverter":
                    # A string inverter converts DC PV to AC with losses and knows no load.
                    supply = series.ac_out[i] + series.grid_import[i]
                assert supply == pytest.approx(demand, abs=1e-6), (model.device.serial, i)


def test_battery_soc_stays_within_limits_for_a_week() -> None:
    world = make_world()
    for model in models(world):
        if not model.device.has_battery:
            continue
        controls = model.controls_at(START)
        for offset in range(7):
            series = model.day(START.date() - timedelta(days=offset))
            assert min(series.soc) >= min(controls.soc_min, model.device.initial_soc) - 0.5
            assert max(series.soc) <= controls.soc_max + 1e-9
            assert all(0 <= s <= 100 for s in series.soc)


def test_soc_carries_over_midnight() -> None:
    world = make_world()
    model = world.model("WPD3C1A0K7")
    yesterday = model.day(START.date() - timedelta(days=1))
    today = model.day(START.date())
    assert today.start_soc == yesterday.soc[-1]


def test_today_counter_equals_the_integral_of_the_five_minute_chart() -> None:
    world = make_world()
    for device in world.scenario.devices:
        if device.family == "bat":
            continue
        plant = world.scenario.plant(device.plant_id)
        points = day_chart(world, device.serial, world.local_today(plant))
        integral = sum(series.pv[i] for _, series, i in points) * SLOT_HOURS / 1000
        counted = reading(world, device.serial).today.pv
        assert counted == pytest.approx(integral, rel=0.01, abs=1e-9), device.serial


def test_month_and_year_aggregate_the_days() -> None:
    world = make_world()
    model = world.model("BZP0C4N08J")
    first = START.date().replace(day=1)
    days = [first + timedelta(days=n) for n in range((START.date() - first).days + 1)]
    by_day = sum(model.between(d, d, START).pv for d in days)
    assert model.between(first, START.date(), START).pv == pytest.approx(by_day)
    year = model.between(date(2026, 1, 1), date(2026, 12, 31), START).pv
    months = (
        sum(
            model.between(date(2026, m, 1), date(2026, m + 1, 1) - timedelta(days=1), START).pv
            for m in range(1, 12)
        )
        + model.between(date(2026, 12, 1), date(2026, 12, 31), START).pv
    )
    assert year == pytest.approx(months)


def test_lifetime_total_is_start_value_plus_simulated_days() -> None:
    world = make_world()
    model = world.model("NTCMA2B04Q")
    total = model.lifetime(START).pv
    simulated = model.between(model.epoch, START.date(), START).pv
    assert total == pytest.approx(model.device.initial_pv_kwh + simulated)


def test_counters_reset_at_local_midnight_and_grow_during_the_day() -> None:
    # 22:10 UTC on 21 June is 00:10 on 22 June in Amsterdam.
    just_after = datetime(2026, 6, 21, 22, 10, tzinfo=UTC)
    world = make_world(just_after)
    model = world.model("NTCMA2B04Q")
    assert model.today(just_after).pv == 0
    day_before = model.today(just_after - timedelta(minutes=11))
    assert day_before.pv == pytest.approx(model.day_energy(date(2026, 6, 21)).pv)
    assert model.today(START).pv < model.today(START + timedelta(hours=3)).pv


def test_lifetime_totals_never_decrease() -> None:
    world = make_world()
    model = world.model("WPD3C1A0K7")
    readings = [model.lifetime(START + timedelta(hours=h)).pv for h in range(0, 72, 3)]
    assert readings == sorted(readings)


def test_pv_follows_the_sun() -> None:
    world = make_world()
    utrecht = world.model("NTCMA2B04Q")
    series = utrecht.day(date(2026, 6, 21))
    assert series.pv[0] == 0  # midnight
    assert series.pv[-1] == 0
    peak = series.pv.index(max(series.pv))
    assert 11 * 12 <= peak <= 16 * 12  # solar noon is ~13:40 CEST in Utrecht
    assert max(series.pv) > 0.2 * utrecht.device.pv_kwp * 1000
    winter = utrecht.day(date(2026, 12, 21)) if utrecht.epoch <= date(2026, 12, 21) else None
    assert winter is None or sum(winter.pv) < sum(series.pv)
    # Perth is in winter in June and its day is in UTC's night.
    assert solar_elevation(datetime(2026, 6, 21, 4, 0, tzinfo=UTC), -31.95, 115.86) > 0
    assert solar_elevation(datetime(2026, 6, 21, 16, 0, tzinfo=UTC), -31.95, 115.86) < 0


def test_same_seed_same_history_other_seed_other_weather() -> None:
    first = make_world().model("WPD3C1A0K7").day(date(2026, 6, 20))
    again = make_world().model("WPD3C1A0K7").day(date(2026, 6, 20))
    other = make_world(seed=7).model("WPD3C1A0K7").day(date(2026, 6, 20))
    assert first.pv == again.pv
    assert first.pv != other.pv


def test_switching_the_inverter_off_stops_production_from_then_on() -> None:
    world = make_world()
    model = world.model("NTCMA2B04Q")
    before = model.day(START.date())
    world.write_settings("NTCMA2B04Q", {"onOff": "0"})
    after = model.day(START.date())
    _, done = model.completed_slots(START)
    assert after.pv[:done] == before.pv[:done]  # the past is not rewritten
    assert sum(after.pv[done + 1 :]) == 0
    assert sum(before.pv[done + 1 :]) > 0


def test_battery_first_window_with_ac_charge_charges_from_the_grid_at_night() -> None:
    world = make_world()
    world.write_settings(
        "BZP0C4N08J",
        {
            "forcedTimeStart1": "1:0",
            "forcedTimeStop1": "4:0",
            "time1Mode": "1",
            "forcedStopSwitch1": "1",
            "acChargeEnable": "1",
            "wchargeSOCLowLimit": "100",
        },
    )
    model = world.model("BZP0C4N08J")
    series = model.day(START.date() + timedelta(days=1))
    night = range(1 * 12, 4 * 12)
    assert sum(series.grid_charge[i] for i in night) > 0
    assert all(series.grid_charge[i] == 0 for i in range(5 * 12, 24 * 12))


def test_export_limit_caps_export() -> None:
    world = make_world()
    tlx = world.model("BZP0C4N08J")
    world.write_settings("BZP0C4N08J", {"exportLimit": "1", "exportLimitPowerRate": "10"})
    limit = tlx.device.nominal_power * 0.10
    series = tlx.day(START.date() + timedelta(days=1))
    assert max(series.export) <= limit + 1e-6


def test_simulated_clock_can_freeze_jump_and_run_fast() -> None:
    clock = SimClock(START, frozen=True)
    assert clock.now() == START
    clock.advance(timedelta(hours=24))
    assert clock.now() == START + timedelta(hours=24)
    clock.run(speed=3600)
    later = clock.now()
    assert later >= START + timedelta(hours=24)
    clock.freeze()
    frozen_at = clock.now()
    assert clock.now() == frozen_at
