"""Chart series: points of (tz-aware time, value), oldest first, with their unit.

Power curves are in W, at 5-minute steps; energy series in kWh per day, month or
year, each point stamped with the local midnight its period starts at.

Shapes read (shinephone-api.md §4.9, §4.10, §4.11, §6; openapi.md §7.4, §7.5):

* v1 ``plant/power``: ``{"powers": [{"time": "YYYY-MM-DD HH:MM", "power": W | null}]}``,
  newest first on the wire;
* classic ``getTlxData``/``getInverterData``: ``{"invPacData": {"YYYY-MM-DD HH:MM": W}}``;
* classic ``getEnergyProdAndCons_KW`` (TLX, MIX) and ``getEnergyStorageData``, one day:
  ``{"chartData": {"HH:MM": {column: kW}}}`` (``unit2``/``chartDataUnit`` name the unit);
* the same ops for a month/year/6 years: ``{"chartData": {"date": "YYYY-MM-DD" |
  "YYYY-MM" | "YYYY", column: [kWh, ...]}}`` (days of the month, months, six years);
* v1 ``plant/energy``: ``{"time_unit": "day"|"month"|"year", "energys": [{"date", "energy"}]}``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Any

from growattServer.errors import ParseError

from .fields import as_mapping
from .times import parse_chart_label, parse_date
from .units import parse_energy_kwh, parse_power_w

__all__ = [
    "Point",
    "PowerSeries",
    "Series",
    "SeriesKind",
    "parse_day_chart_classic",
    "parse_energy_series_v1",
    "parse_pac_chart_classic",
    "parse_period_chart_classic",
    "parse_power_series_v1",
]


class SeriesKind(StrEnum):
    """What a series holds."""

    POWER = "power"  # W, one point per 5 minutes
    DAILY_ENERGY = "daily_energy"  # kWh per day
    MONTHLY_ENERGY = "monthly_energy"  # kWh per month
    YEARLY_ENERGY = "yearly_energy"  # kWh per year


_UNITS = {
    SeriesKind.POWER: "W",
    SeriesKind.DAILY_ENERGY: "kWh",
    SeriesKind.MONTHLY_ENERGY: "kWh",
    SeriesKind.YEARLY_ENERGY: "kWh",
}


@dataclass(frozen=True, slots=True)
class Point:
    """One value at one time; ``value`` is ``None`` where Growatt has no data yet."""

    time: datetime
    value: float | None


@dataclass(frozen=True, slots=True)
class Series:
    """Points oldest first; ``unit`` is ``"W"`` or ``"kWh"`` (see ``kind``)."""

    kind: SeriesKind
    points: tuple[Point, ...]
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def unit(self) -> str:
        """``"W"`` for power, ``"kWh"`` for energy."""
        return _UNITS[self.kind]

    def values(self) -> list[float | None]:
        """The values, oldest first."""
        return [p.value for p in self.points]


#: A 5-minute power curve (the same class; ``kind`` is ``POWER``).
PowerSeries = Series


def _series(kind: SeriesKind, points: list[Point], raw: Mapping[str, Any]) -> Series:
    return Series(kind, tuple(sorted(points, key=lambda p: p.time)), raw)


def _midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone)


def parse_power_series_v1(payload: object, zone: tzinfo) -> Series:
    """v1 ``plant/power`` data → W every 5 minutes."""
    data = as_mapping(payload, "plant_power")
    powers = data.get("powers")
    if not isinstance(powers, Sequence) or isinstance(powers, str):
        raise ParseError("plant_power.powers", powers, "a list")
    points = []
    for index, item in enumerate(powers):
        entry = as_mapping(item, f"plant_power.powers[{index}]")
        stamp = parse_chart_label(entry.get("time"), zone, f"plant_power.powers[{index}].time")
        if stamp is None:  # a label in the hour the spring clock skips names no moment
            continue
        value = parse_power_w(entry.get("power"), f"plant_power.powers[{index}].power")
        points.append(Point(stamp, value))
    return _series(SeriesKind.POWER, points, data)


def parse_pac_chart_classic(payload: object, zone: tzinfo) -> Series:
    """Classic ``invPacData`` (``getTlxData``, ``getInverterData``) → W."""
    data = as_mapping(payload, "chart")
    chart = as_mapping(data, "chart", "invPacData")
    points = []
    for key, value in chart.items():
        stamp = parse_chart_label(key, zone, f"chart.invPacData.{key}")
        if stamp is None:  # skipped by the spring clock
            continue
        points.append(Point(stamp, parse_power_w(value, f"chart.invPacData.{key}")))
    return _series(SeriesKind.POWER, points, data)


def parse_day_chart_classic(payload: object, day: date, column: str, zone: tzinfo) -> Series:
    """One ``column`` (``"ppv"``, ``"pacToGrid"``, ``"sysOut"``, ...) of a classic day
    ``chartData`` keyed ``"00:00"`` … ``"23:55"`` → W, each point stamped with its label's
    wall time on ``day`` (the local date that was asked for); see
    :func:`~growattServer.models.times.parse_chart_label`."""
    data = as_mapping(payload, "chart")
    chart = as_mapping(data, "chart", "chartData")
    unit = data.get("unit2") or data.get("chartDataUnit") or "kW"
    unit = unit if isinstance(unit, str) else "kW"
    points = []
    for key, slot in chart.items():
        where = f"chart.chartData.{key}"
        moment = parse_chart_label(key, zone, where, day)
        values = as_mapping(slot, where)
        if moment is not None:  # a label the wall clock skips names no moment
            power = parse_power_w(values.get(column), f"{where}.{column}", unit)
            points.append(Point(moment, power))
    return _series(SeriesKind.POWER, points, data)


def _period_starts(label: str, count: int) -> tuple[SeriesKind, list[date]]:
    """The periods of a month/year/six-year chart whose ``date`` echo is ``label``."""
    parts = label.strip().split("-")
    if not all(part.isdigit() for part in parts) or not 1 <= len(parts) <= 3:
        raise ParseError("chart.chartData.date", label, "YYYY-MM-DD, YYYY-MM or YYYY")
    year = int(parts[0])
    try:
        if len(parts) == 3:
            first = date(year, int(parts[1]), 1)
            return SeriesKind.DAILY_ENERGY, [first + timedelta(days=i) for i in range(count)]
        if len(parts) == 2:
            return SeriesKind.MONTHLY_ENERGY, [date(year, m, 1) for m in range(1, count + 1)]
        return SeriesKind.YEARLY_ENERGY, [date(year - count + 1 + i, 1, 1) for i in range(count)]
    except ValueError as err:
        raise ParseError("chart.chartData.date", label, "a period in range") from err


def parse_period_chart_classic(payload: object, column: str, zone: tzinfo) -> Series:
    """One ``column`` of a classic month (``type=1``), year (2) or six-year (3) chart →
    kWh per day, month or year. Which one follows from the ``date`` echo's length."""
    data = as_mapping(payload, "chart")
    chart = as_mapping(data, "chart", "chartData")
    label = chart.get("date")
    values = chart.get(column)
    if not isinstance(label, str):
        raise ParseError("chart.chartData.date", label, "a date text")
    if not isinstance(values, Sequence) or isinstance(values, str):
        raise ParseError(f"chart.chartData.{column}", values, "a list")
    kind, starts = _period_starts(label, len(values))
    points = [
        Point(_midnight(start, zone), parse_energy_kwh(value, f"chart.chartData.{column}[{i}]"))
        for i, (start, value) in enumerate(zip(starts, values, strict=True))
    ]
    return _series(kind, points, data)


_TIME_UNITS = {
    "day": SeriesKind.DAILY_ENERGY,
    "month": SeriesKind.MONTHLY_ENERGY,
    "year": SeriesKind.YEARLY_ENERGY,
}


def parse_energy_series_v1(payload: object, zone: tzinfo) -> Series:
    """v1 ``plant/energy`` data → kWh per day, month or year (``time_unit``)."""
    data = as_mapping(payload, "plant_energy")
    kind = _TIME_UNITS.get(str(data.get("time_unit") or "day"))
    if kind is None:
        raise ParseError("plant_energy.time_unit", data.get("time_unit"), "day, month or year")
    rows = data.get("energys")
    if not isinstance(rows, Sequence) or isinstance(rows, str):
        raise ParseError("plant_energy.energys", rows, "a list")
    points = []
    for index, item in enumerate(rows):
        where = f"plant_energy.energys[{index}]"
        entry = as_mapping(item, where)
        text = entry.get("date")
        padded = text + "-01" * (2 - text.count("-")) if isinstance(text, str) else text
        start = parse_date(padded, f"{where}.date")
        if start is None:
            raise ParseError(f"{where}.date", text, "a date")
        points.append(Point(_midnight(start, zone), parse_energy_kwh(entry.get("energy"), where)))
    return _series(kind, points, data)
