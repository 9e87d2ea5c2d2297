"""How Growatt writes values: unit strings, Java dates, "H:M" times, money (spec §4, §6, §8)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any


def num(value: float, digits: int = 1) -> float:
    """A JSON number with Growatt's usual one-decimal precision (ints stay ints)."""
    rounded = round(value, digits)
    return int(rounded) if rounded == int(rounded) and digits == 0 else rounded


def text(value: float, digits: int = 1) -> str:
    """A number sent as a string ("12.3", "0")."""
    rounded = round(value, digits)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.{digits}f}"


def energy_text(kwh: float, space: bool = True) -> str:
    """'9.3 kWh', switching to MWh/GWh as the plant list does ("102.91 MWh")."""
    sep = " " if space else ""
    if abs(kwh) >= 1_000_000:
        return f"{kwh / 1_000_000:.2f}{sep}GWh"
    if abs(kwh) >= 1000:
        return f"{kwh / 1000:.2f}{sep}MWh"
    return f"{text(kwh)}{sep}kWh"


def power_text(watts: float, space: bool = True) -> str:
    """'0 W' below a kilowatt, '1.2 kW' above (the W/kW switching of the plant list)."""
    sep = " " if space else ""
    if abs(watts) >= 1000:
        return f"{text(watts / 1000, 2)}{sep}kW"
    return f"{text(watts)}{sep}W"


def kw(watts: float) -> str:
    """kW as a string, for the *_KW endpoints ("0.93")."""
    return text(watts / 1000, 2)


def co2_text(tonnes: float) -> str:
    """'40.6 T', switching to 'KT' for big plants."""
    if tonnes >= 1000:
        return f"{tonnes / 1000:.2f} KT"
    return f"{text(tonnes)} T"


def money_text(amount: float) -> str:
    """Money the plant list way: value and a trailing space ("1.2 ")."""
    return f"{text(amount)} "


def java_date(moment: datetime) -> dict[str, Any]:
    """A java.util.Date as Jackson serialises it (year since 1900, 0-based month)."""
    offset = moment.utcoffset()
    offset_minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    return {
        "date": moment.day,
        "day": (moment.weekday() + 1) % 7,  # Java: Sunday = 0
        "hours": moment.hour,
        "minutes": moment.minute,
        "month": moment.month - 1,
        "seconds": moment.second,
        "time": int(moment.timestamp() * 1000),
        "timezoneOffset": -offset_minutes,
        "year": moment.year - 1900,
    }


def stamp(moment: datetime) -> str:
    """'YYYY-MM-DD HH:MM:SS' in the moment's own zone."""
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def day_text(day: date) -> str:
    return day.isoformat()


def hm(minutes: int) -> str:
    """Minutes of day → Growatt's unpadded 'H:M' ("6:30", "0:0")."""
    return f"{minutes // 60}:{minutes % 60}"


def timezone_text(hours: float) -> str:
    """'GMT+1' / 'GMT-5' / 'GMT+9.5'."""
    sign = "+" if hours >= 0 else "-"
    value = abs(hours)
    return f"GMT{sign}{int(value) if value == int(value) else value}"


def utc_offset_hours(moment: datetime) -> float:
    offset = moment.utcoffset()
    return offset.total_seconds() / 3600 if offset is not None else 0.0
