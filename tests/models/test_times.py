"""Time stamps, zones, and the plant's local "today"."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from growattServer.errors import ParseError
from growattServer.models import Plant, ZoneSource
from growattServer.models.series import parse_pac_chart_classic, parse_power_series_v1
from growattServer.models.times import parse_date, parse_epoch, parse_timestamp
from growattServer.models.zones import parse_gmt_offset, resolve_zone

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PERTH = ZoneInfo("Australia/Perth")


def test_local_text_gets_the_plants_zone():
    moment = parse_timestamp("2026-06-21 11:30:00", AMSTERDAM)
    assert moment == datetime(2026, 6, 21, 9, 30, tzinfo=UTC)
    assert moment.utcoffset() == timedelta(hours=2)
    assert parse_timestamp("2026-01-05 08:00", AMSTERDAM).utcoffset() == timedelta(hours=1)
    assert parse_timestamp("2026-06-21", PERTH) == datetime(2026, 6, 21, tzinfo=PERTH)


def test_java_date_uses_its_epoch_milliseconds():
    """openapi.md §7.7's example: its fields show UTC although timezoneOffset says GMT+8;
    the epoch milliseconds decide, the fields are the fallback (read as plant time)."""
    java = {
        "time": 1700000000000,
        "year": 123,
        "month": 10,
        "date": 14,
        "day": 2,
        "hours": 22,
        "minutes": 13,
        "seconds": 20,
        "timezoneOffset": -480,
    }
    moment = parse_timestamp(java, PERTH)
    assert moment == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert moment.tzinfo is PERTH
    without_epoch = {k: v for k, v in java.items() if k != "time"}
    assert parse_timestamp(without_epoch, PERTH) == datetime(2023, 11, 14, 22, 13, 20, tzinfo=PERTH)
    calendar = {"timeInMillis": 1700000000000, "firstDayOfWeek": 1}
    assert parse_timestamp(calendar, PERTH) == moment


def test_epoch_milliseconds_and_seconds():
    assert parse_epoch(1729353600000, UTC) == datetime(2024, 10, 19, 16, tzinfo=UTC)
    assert parse_epoch("1729353600", UTC) == datetime(2024, 10, 19, 16, tzinfo=UTC)
    assert parse_timestamp(1729353600000, PERTH).tzinfo is PERTH


@pytest.mark.parametrize(
    "value", ["2026-13-01 00:00:00", "yesterday", "11:187", [2026], {"year": "x"}, True, 10**20]
)
def test_bad_times_raise_parse_errors(value):
    with pytest.raises(ParseError):
        parse_timestamp(value, UTC, "tlx_detail.time")


def test_dates():
    assert parse_date("2024-10-20") == date(2024, 10, 20)
    assert parse_date("2026-06-21 11:30:00") == date(2026, 6, 21)
    assert parse_date("null") is None
    with pytest.raises(ParseError):
        parse_date("2024-02-30")


@pytest.mark.parametrize(
    ("value", "hours"),
    [
        (1, 1),
        ("8", 8),
        ("GMT+8", 8),
        ("GMT-5", -5),
        ("+1:00", 1),
        ("-3:30", -3.5),
        ("GMT+9.5", 9.5),
    ],
)
def test_growatt_offsets(value, hours):
    assert parse_gmt_offset(value) == timedelta(hours=hours)


@pytest.mark.parametrize("value", [None, True, "GMT+25", "Europe", 99])
def test_no_offset(value):
    assert parse_gmt_offset(value) is None


SUMMER = datetime(2026, 6, 21, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("offset", "country", "lat", "lng", "dst", "zone"),
    [
        (1, "Netherlands", 52.09, 5.12, False, "Europe/Amsterdam"),  # classic: standard offset
        (2, "Netherlands", 52.09, 5.12, True, "Europe/Amsterdam"),  # v1: offset in force
        (1, "Spain", 37.39, -5.98, False, "Europe/Madrid"),
        (0, "Spain", 28.1, -15.4, False, "Atlantic/Canary"),
        (8, "Australia", -31.95, 115.86, False, "Australia/Perth"),
        (10, "Australia", -33.87, 151.21, False, "Australia/Sydney"),
        (1, "Germany", None, None, False, "Europe/Berlin"),
        (-5, "United States", 40.7, -74.0, False, "America/New_York"),
        (1, None, 52.09, 5.12, False, "Europe/Amsterdam"),  # no country: nearest zone
    ],
)
def test_zone_from_offset_country_and_place(offset, country, lat, lng, dst, zone):
    found, source = resolve_zone(
        offset=timedelta(hours=offset),
        offset_may_include_dst=dst,
        country=country,
        latitude=lat,
        longitude=lng,
        at=SUMMER,
    )
    assert source is ZoneSource.LOCATED
    # the plant's clock: the same offsets all year (the name may be a same-rules neighbour)
    expected = ZoneInfo(zone)
    for month in range(1, 13):
        moment = datetime(2026, month, 1, 12, tzinfo=UTC)
        assert moment.astimezone(found).utcoffset() == moment.astimezone(expected).utcoffset()


def test_demo_plants_get_their_own_zones():
    for offset, country, lat, lng, name in [
        (1, "Netherlands", 52.0907, 5.1214, "Europe/Amsterdam"),
        (8, "Australia", -31.9523, 115.8613, "Australia/Perth"),
        (1, "Spain", 37.3891, -5.9845, "Europe/Madrid"),  # nearer Ceuta, same clock
        (10, "Australia", -33.87, 151.21, "Australia/Sydney"),
        (1, "Germany", 47.7, 8.7, "Europe/Berlin"),  # Busingen's clock is Berlin's
    ]:
        zone, _ = resolve_zone(
            offset=timedelta(hours=offset), country=country, latitude=lat, longitude=lng
        )
        assert zone == ZoneInfo(name)


def test_zone_fallbacks():
    assert resolve_zone(name="Asia/Tokyo") == (ZoneInfo("Asia/Tokyo"), ZoneSource.NAMED)
    assert resolve_zone(offset=timedelta(hours=3, minutes=15)) == (
        timezone(timedelta(hours=3, minutes=15)),
        ZoneSource.OFFSET,
    )
    assert resolve_zone() == (UTC, ZoneSource.FALLBACK)
    assert resolve_zone(country="Narnia") == (UTC, ZoneSource.FALLBACK)


def test_today_is_the_plants_local_date():
    """Just after midnight in Perth it is still the previous day in UTC."""
    plant = Plant("1427393", "Beach House Perth", PERTH, ZoneSource.LOCATED)
    just_after_midnight = datetime(2026, 6, 21, 16, 5, tzinfo=UTC)  # 00:05 on the 22nd in Perth
    assert just_after_midnight.date() == date(2026, 6, 21)
    assert plant.today(just_after_midnight) == date(2026, 6, 22)
    assert plant.local_now(just_after_midnight).hour == 0


def test_power_series_drop_the_hour_the_spring_clock_skips():
    """plant/power and invPacData read labels like the day charts: 02:30 on the
    spring-forward day in Amsterdam names no moment and is left out, not an error."""
    zone = ZoneInfo("Europe/Amsterdam")
    labels = ["2026-03-29 01:55", "2026-03-29 02:30", "2026-03-29 03:00"]
    v1 = parse_power_series_v1({"powers": [{"time": t, "power": 10} for t in labels]}, zone)
    classic = parse_pac_chart_classic({"invPacData": dict.fromkeys(labels, 10)}, zone)
    for series in (v1, classic):
        stamps = [point.time.isoformat() for point in series.points]
        assert stamps == ["2026-03-29T01:55:00+01:00", "2026-03-29T03:00:00+02:00"]
