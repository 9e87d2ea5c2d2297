"""History in the plant's real zone (daylight saving time included) and in the package's
units, compared with the simulator's physics for the same 5-minute slots."""

from __future__ import annotations

import collections
import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest

from growattServer.aio import AsyncOpenApiV1
from growattServer.history import Columns, HistoryRow, Resolution, history_source, iter_history
from growattServer.history import locate as locate_target
from growattServer.models import ZoneSource
from growattServer.protocol import classic as ep
from tests.aio.conftest import FAST
from tests.conftest import DEMO_TOKEN

from .test_history import classic_api

MIX, TLX = "WPD3C1A0K7", "BZP0C4N08J"  # Utrecht, Sevilla
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CET, CEST = dt.timedelta(hours=1), dt.timedelta(hours=2)
#: Chart values are kW with two decimals: ±5 W.
KW_ROUNDING_W = 5.0


async def export_rows(sim, serial, first, last, **options) -> list[HistoryRow]:
    async with classic_api(sim) as api:
        target = await locate_target(api, "classic", serial=serial)
        resolution = options.pop("resolution", Resolution.FIVE_MINUTES)
        source = history_source(api, target, resolution, first, last, **options)
        return [row async for row in iter_history(source)]


def per_day(rows: list[HistoryRow]) -> dict[dt.date, list[HistoryRow]]:
    days: dict[dt.date, list[HistoryRow]] = collections.defaultdict(list)
    for row in rows:
        days[row.time.date()].append(row)  # a chart row is stamped with its slot's start
    return days


async def test_classic_utrecht_locates_its_iana_zone_without_extra_requests(make_sim):
    sim = make_sim()
    async with classic_api(sim) as api:
        before = len(sim.journal)
        target = await locate_target(api, "classic", serial=MIX)
        asked = sim.journal.snapshot()[before:]
    assert target.zone == AMSTERDAM
    assert target.zone_source is ZoneSource.LOCATED
    # the plant list (its beans carry offset, country, coordinates) and one device list
    assert len(asked) == 2


async def test_spring_forward_day_has_276_slots_stamped_with_the_offset_in_force(make_sim):
    rows = await export_rows(make_sim(), MIX, dt.date(2026, 3, 28), dt.date(2026, 3, 30))
    days = per_day(rows)
    assert [len(days[d]) for d in sorted(days)] == [288, 276, 288]
    sunday = days[dt.date(2026, 3, 29)]
    assert all(r.time.tzinfo == AMSTERDAM for r in rows)
    assert [r.time.utcoffset() for r in sunday[:24]] == [CET] * 24  # 00:00 .. 01:55
    assert sunday[24].time.isoformat() == "2026-03-29T03:00:00+02:00"
    assert {r.time.utcoffset() for r in sunday[24:]} == {CEST}
    # one row every 5 minutes of real time, across the skipped hour too
    gaps = {b.time.timestamp() - a.time.timestamp() for a, b in itertools.pairwise(rows)}
    assert gaps == {300}


async def test_fall_back_day_is_stamped_winter_time_after_the_repeated_hour(make_sim):
    """Classic day charts are keyed "HH:MM", so the repeated hour (02:00-02:55) can be in
    the answer only once: its first occurrence (summer time). The simulator answers 288
    labels for this day; a chart with 300 slots cannot be written as such an object."""
    sim = make_sim(start=dt.datetime(2026, 11, 2, 12, tzinfo=dt.UTC))
    rows = await export_rows(sim, MIX, dt.date(2026, 10, 24), dt.date(2026, 10, 26))
    by_label = {r.time.strftime("%m-%d %H:%M"): r.time for r in rows}
    assert by_label["10-24 12:00"].utcoffset() == CEST
    assert by_label["10-25 02:30"].isoformat() == "2026-10-25T02:30:00+02:00"
    assert by_label["10-25 03:00"].isoformat() == "2026-10-25T03:00:00+01:00"
    assert by_label["10-26 12:00"].utcoffset() == CET
    assert len({r.time for r in rows}) == len(rows) == 3 * 288
    stamps = [r.time.timestamp() for r in rows]
    assert stamps == sorted(stamps)


async def test_tz_still_overrides_the_plant_zone(make_sim):
    sim = make_sim()
    async with classic_api(sim) as api:
        target = await locate_target(api, "classic", serial=MIX, zone=dt.UTC)
    assert target.zone is dt.UTC
    assert target.zone_source is None


@pytest.mark.parametrize(
    ("serial", "expected", "absent"),
    [
        # MIX chart: no battery charge column; TLX chart: no battery discharge column
        (MIX, {"pv_w": "pv", "load_w": "load", "grid_import_w": "grid_import",
               "grid_export_w": "export", "battery_discharge_w": "discharge"},
         ("battery_charge_w", "battery_soc_pct", "ac_output_w")),
        (TLX, {"pv_w": "pv", "load_w": "load", "grid_import_w": "grid_import",
               "grid_export_w": "export", "battery_charge_w": "charge",
               "ac_output_w": "ac_out"},
         ("battery_discharge_w", "battery_soc_pct")),
    ],
)  # fmt: skip
async def test_normalised_5_minute_columns_are_the_physics_in_watts(
    make_sim, serial, expected, absent
):
    sim = make_sim()
    day = dt.date(2026, 6, 10)
    rows = await export_rows(sim, serial, day, day)
    series = sim.world.model(serial).day(day)
    checked = 0
    for index in (40, 130, 150, 200, 250):  # night, morning, noon, afternoon, evening
        values = rows[index].values
        for column, physics in expected.items():
            assert values[column] == pytest.approx(
                getattr(series, physics)[index], abs=KW_ROUNDING_W
            ), (serial, index, column)
            checked += 1
        assert all(values[column] is None for column in absent)
    assert checked == 5 * len(expected)
    assert any(rows[i].values["pv_w"] > 1000 for i in (130, 150, 200))  # a sunny slot


async def test_normalised_day_rows_are_kwh_per_quantity(make_sim):
    sim = make_sim()
    first, last = dt.date(2026, 6, 8), dt.date(2026, 6, 10)
    rows = await export_rows(sim, TLX, first, last, resolution=Resolution.DAY)
    model = sim.world.model(TLX)
    names = {
        "produced_kwh": "pv",
        "ac_output_kwh": "ac_out",
        "grid_import_kwh": "grid_import",
        "grid_export_kwh": "export",
        "battery_charge_kwh": "charge",
        "battery_discharge_kwh": "discharge",
        "load_kwh": "load",
    }
    for row in rows:
        assert list(row.values) == list(names)  # the quantities the TLX chart gives
        energy = model.day_energy(row.time.date())
        for column, physics in names.items():
            assert row.values[column] == pytest.approx(getattr(energy, physics), abs=0.1)


async def test_normalised_v1_records_equal_the_physics(make_sim):
    sim = make_sim()
    day = dt.date(2026, 6, 10)
    async with AsyncOpenApiV1(DEMO_TOKEN, server_url=sim.base_url, options=FAST) as api:
        target = await locate_target(api, "token", serial=TLX, now=sim.world.now())
        assert str(target.zone) == "Europe/Madrid"
        source = history_source(api, target, Resolution.FIVE_MINUTES, day, day)
        rows = [row async for row in iter_history(source)]
    assert rows[0].time.isoformat() == "2026-06-10T00:05:00+02:00"
    series = sim.world.model(TLX).day(day)
    for index in (40, 150, 200):
        values = rows[index].values
        assert values["pv_w"] == pytest.approx(series.pv[index], abs=1)
        assert values["load_w"] == pytest.approx(series.load[index], abs=1)
        assert values["grid_export_w"] == pytest.approx(series.export[index], abs=1)
        assert values["battery_charge_w"] == pytest.approx(series.charge[index], abs=1)
        assert values["battery_soc_pct"] == pytest.approx(series.soc[index], abs=1)


async def test_raw_columns_are_growatts_answer_unchanged(make_sim):
    sim = make_sim()
    day = dt.date(2026, 6, 10)
    rows = await export_rows(sim, TLX, day, day, columns=Columns.RAW)
    async with classic_api(sim) as api:
        answer = await api.fetch(
            ep.TLX_ENERGY_PROD_CONS,
            plant_id="1427392",
            tlx_id=TLX,
            day=day,
            timespan=ep.Timespan.hour,
        )
    chart = answer["chartData"]
    assert [dict(r.values) for r in rows] == [
        {key: float(value) for key, value in chart[f"{r.time:%H:%M}"].items()} for r in rows
    ]
    both = await export_rows(sim, TLX, day, day, columns=Columns.ALL)
    assert list(both[0].values)[:2] == ["pv_w", "load_w"]
    assert {k: v for k, v in both[0].values.items() if k in chart["00:00"]} == rows[0].values


async def test_the_export_key_names_zone_and_columns(make_sim):
    sim = make_sim()
    day = dt.date(2026, 6, 10)
    async with classic_api(sim) as api:
        located = await locate_target(api, "classic", serial=TLX)
        given = await locate_target(api, "classic", serial=TLX, zone=dt.UTC)
        keys = {
            history_source(api, target, Resolution.FIVE_MINUTES, day, day, columns=c).key
            for target in (located, given)
            for c in Columns
        }
    assert len(keys) == 2 * len(Columns)
