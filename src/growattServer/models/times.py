"""Time stamps: Growatt's local texts, Java ``Date``/``Calendar`` objects and epoch numbers,
into timezone-aware datetimes in the plant's zone.

* ``"YYYY-MM-DD HH:MM:SS"``, ``"YYYY-MM-DD HH:MM"``, ``"YYYY-MM-DD"`` (also with a ``T``):
  wall-clock time where the plant is (shinephone-api.md §6; openapi.md §7.9), so the
  plant's zone is attached. In the repeated hour at the end of daylight saving time the
  first occurrence is taken (Growatt's text does not say which).
* A serialised ``java.util.Date`` ``{time: epoch-ms, year: since 1900, month: 0-based,
  date, hours, minutes, seconds, timezoneOffset}`` (openapi.md §7.12) or a ``Calendar``
  ``{timeInMillis, ...}``: the epoch milliseconds decide; without them the fields are
  read as wall-clock time in the plant's zone.
* Epoch numbers: milliseconds (from 10^11 on) or seconds, as in plant beans'
  ``createDate``.
* Chart labels ``"HH:MM"`` (or ``"YYYY-MM-DD HH:MM"``): 5-minute day charts run
  ``"00:00"`` … ``"23:55"`` (shinephone-api.md §4.10, openapi.md §7.4, a captured
  ``getEnergyProdAndCons_KW`` day), each point the 5 minutes from its label, so a label
  is its wall time on the chart's day; ``"00:00"`` is the day's first point.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any

from growattServer.errors import ParseError

from .units import MISSING_TEXTS

__all__ = [
    "on_the_wall_clock",
    "parse_chart_label",
    "parse_date",
    "parse_epoch",
    "parse_java_date",
    "parse_timestamp",
]

_STAMP = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?)?$"
)
_MS_FROM = 10**11  # below: seconds (year 5138 in seconds, 1973 in milliseconds)
_EPOCH_LIMIT = 10**14  # milliseconds: about the year 5138; beyond is not a time stamp


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip().lower() in MISSING_TEXTS)


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse_epoch(value: object, zone: tzinfo, field: str = "value") -> datetime | None:
    """Epoch milliseconds or seconds (number or numeric text) → aware datetime in ``zone``."""
    if _missing(value):
        return None
    if isinstance(value, bool):
        raise ParseError(field, value, "an epoch time")
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if not isinstance(value, int | float) or not -_EPOCH_LIMIT < value < _EPOCH_LIMIT:
        raise ParseError(field, value, "an epoch time")
    seconds = value / 1000 if abs(value) >= _MS_FROM else float(value)
    try:
        return datetime.fromtimestamp(seconds, UTC).astimezone(zone)
    except (OverflowError, OSError, ValueError) as err:
        raise ParseError(field, value, "an epoch time") from err


def parse_java_date(value: Mapping[str, Any], zone: tzinfo, field: str = "value") -> datetime:
    """A serialised Java ``Date`` or ``Calendar`` (see the module docstring)."""
    for key in ("time", "timeInMillis"):
        stamp = value.get(key)
        if isinstance(stamp, Mapping):
            return parse_java_date(stamp, zone, f"{field}.{key}")
        if not _missing(stamp):
            found = parse_epoch(stamp, zone, f"{field}.{key}")
            if found is not None:
                return found
    year, month, day, hours, minutes, seconds = (
        _whole(value.get(k)) for k in ("year", "month", "date", "hours", "minutes", "seconds")
    )
    if year is None or month is None or day is None:
        raise ParseError(field, value, "a Java date")
    try:
        return datetime(
            year + 1900, month + 1, day, hours or 0, minutes or 0, seconds or 0, tzinfo=zone
        )
    except (ValueError, OverflowError) as err:
        raise ParseError(field, value, "a Java date") from err


def parse_timestamp(value: object, zone: tzinfo, field: str = "value") -> datetime | None:
    """Any of the forms in the module docstring → aware datetime in ``zone``; ``None`` when
    missing."""
    if _missing(value):
        return None
    if isinstance(value, Mapping):
        return parse_java_date(value, zone, field)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return parse_epoch(value, zone, field)
    if not isinstance(value, str):
        raise ParseError(field, value, "a time")
    text = value.strip()
    if text.isdigit():
        return parse_epoch(text, zone, field)
    match = _STAMP.match(text)
    if match is None:
        raise ParseError(field, value, "a time")
    year, month, day, hours, minutes, seconds = (int(part or 0) for part in match.groups())
    try:
        return datetime(year, month, day, hours, minutes, seconds, tzinfo=zone)
    except (ValueError, OverflowError) as err:
        raise ParseError(field, value, "a time") from err


def parse_date(value: object, field: str = "value") -> date | None:
    """``"YYYY-MM-DD"`` (a longer stamp's date part is taken) → date."""
    if _missing(value):
        return None
    if not isinstance(value, str):
        raise ParseError(field, value, "a date")
    match = _STAMP.match(value.strip())
    if match is None:
        raise ParseError(field, value, "a date")
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except (ValueError, OverflowError) as err:
        raise ParseError(field, value, "a date") from err


def on_the_wall_clock(moment: datetime) -> bool:
    """Whether an aware wall time exists in its zone (not in the hour skipped in spring)."""
    there_and_back = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return there_and_back.replace(tzinfo=None) == moment.replace(tzinfo=None)


def parse_chart_label(
    label: object, zone: tzinfo, field: str = "value", day: date | None = None
) -> datetime | None:
    """A 5-minute chart label → its wall time in ``zone``: ``"HH:MM"`` on ``day``, or
    ``"YYYY-MM-DD HH:MM"``. ``"00:00"`` is the day's first point (the 5 minutes from
    midnight). ``None`` when the wall clock skips that time (the hour lost in spring):
    the label names no moment. The repeated autumn hour gives its first occurrence.
    """
    text = label.strip() if isinstance(label, str) else ""
    date_text, _, clock = text.rpartition(" ")
    on_day = parse_date(date_text, field) if date_text else day
    hours, colon, minutes = clock.partition(":")
    if on_day is None or not colon or not (hours.isdigit() and minutes.isdigit()):
        raise ParseError(field, label, "an HH:MM chart time")
    try:
        moment = datetime.combine(on_day, time(int(hours), int(minutes)), tzinfo=zone)
    except ValueError as err:
        raise ParseError(field, label, "an HH:MM chart time") from err
    return moment if on_the_wall_clock(moment) else None
