"""Which time zone a plant is in, from what Growatt tells about it.

Growatt keeps a UTC offset per plant, not a zone: classic plant beans carry
``timezone`` as whole hours (``1`` for a Dutch plant, without daylight saving time,
shinephone-api.md §4.3, §6), v1 ``plant/data``/``plant/details`` a ``"GMT+2"`` text
(openapi.md §7.2–7.3). An offset alone gets daylight saving time wrong half the year,
so the offset is matched to an IANA zone of the plant's country (``country`` text,
ISO 3166 names from tzdata's ``iso3166.tab``), the nearest to the plant's coordinates
(tzdata's ``zone.tab``). The order, recorded in :class:`ZoneSource`:

1. ``NAMED``: the answer names an IANA zone;
2. ``LOCATED``: a zone of the plant's country (any zone if the country is unknown)
   whose standard offset, or for v1 its offset at the time of the answer, equals
   Growatt's, nearest to the plant's coordinates (of zones that have kept the same
   clock since 1990, the country's first in ``zone.tab``: ``Europe/Madrid`` rather
   than ``Africa/Ceuta`` for Sevilla); without coordinates the country's first
   matching zone; without an offset, the nearest zone of the country when coordinates
   are known, or the country's only zone;
3. ``OFFSET``: no zone matches: a fixed offset (no daylight saving time);
4. ``FALLBACK``: nothing is known: UTC.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["ZoneSource", "parse_gmt_offset", "resolve_zone"]

_GMT = re.compile(r"^(?:GMT|UTC)?\s*([+-]?)(\d{1,2}(?:\.\d+)?)(?::(\d{2}))?$", re.IGNORECASE)
_MAX_OFFSET_H = 14
# Country texts Growatt writes that iso3166.tab spells differently.
_COUNTRY_ALIASES = {
    "united kingdom": "GB",
    "uk": "GB",
    "england": "GB",
    "great britain": "GB",
    "usa": "US",
    "united states of america": "US",
    "america": "US",
    "czechia": "CZ",
    "russia": "RU",
    "south korea": "KR",
    "korea": "KR",
    "vietnam": "VN",
    "taiwan": "TW",
}


class ZoneSource(StrEnum):
    """How a plant's zone was found (see the module docstring)."""

    NAMED = "named"
    LOCATED = "located"
    OFFSET = "offset"
    FALLBACK = "fallback"


@dataclass(frozen=True, slots=True)
class _Zone:
    country: str
    latitude: float
    longitude: float
    name: str


def _tab(name: str) -> str:
    """A tzdata table: the ``tzdata`` package's copy, else the system's."""
    try:
        return resources.files("tzdata").joinpath("zoneinfo", name).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        system = Path("/usr/share/zoneinfo") / name
        return system.read_text("utf-8") if system.is_file() else ""


def _degrees(text: str, width: int) -> float:
    sign = -1.0 if text[0] == "-" else 1.0
    digits = text[1:]
    whole, minutes = float(digits[:width]), float(digits[width : width + 2])
    seconds = float(digits[width + 2 :] or 0)
    return sign * (whole + minutes / 60 + seconds / 3600)


@cache
def _zones() -> tuple[_Zone, ...]:
    zones = []
    for line in _tab("zone.tab").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        match = re.match(r"^([+-]\d+)([+-]\d+)$", parts[1]) if len(parts) >= 3 else None
        if match is None:
            continue
        zones.append(
            _Zone(parts[0], _degrees(match.group(1), 2), _degrees(match.group(2), 3), parts[2])
        )
    return tuple(zones)


@cache
def _countries() -> dict[str, str]:
    names = dict(_COUNTRY_ALIASES)
    for line in _tab("iso3166.tab").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        code, name = line.split("\t", 1)
        names[name.strip().lower()] = code.strip()
        names[code.strip().lower()] = code.strip()
    return names


@cache
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def parse_gmt_offset(value: object) -> timedelta | None:
    """A Growatt zone offset: ``1``, ``"8"``, ``"GMT+8"``, ``"+1:00"``, ``"GMT+9.5"``;
    ``None`` for anything else or beyond ±14 h."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        hours = float(value)
        valid = math.isfinite(hours) and abs(hours) <= _MAX_OFFSET_H
        return timedelta(hours=hours) if valid else None
    match = _GMT.match(str(value).strip())
    if match is None:
        return None
    hours = float(match.group(2)) + int(match.group(3) or 0) / 60
    if hours > _MAX_OFFSET_H:
        return None
    return timedelta(hours=-hours if match.group(1) == "-" else hours)


def _standard_offset(zone: ZoneInfo, year: int) -> timedelta:
    """The smaller of the January and July offsets: the one without daylight saving."""
    offsets = [datetime(year, month, 1, tzinfo=zone).utcoffset() for month in (1, 7)]
    return min(o for o in offsets if o is not None)


@cache
def _clock_since_1990(name: str, year: int) -> tuple[timedelta | None, ...]:
    """A zone's UTC offsets on the 1st and 15th of every month from 1990 to next year."""
    zone = _zone(name)
    if zone is None:
        return ()
    return tuple(
        datetime(y, month, day, 12, tzinfo=zone).utcoffset()
        for y in range(1990, year + 2)
        for month in range(1, 13)
        for day in (1, 15)
    )


def _distance(zone: _Zone, latitude: float, longitude: float) -> float:
    north = zone.latitude - latitude
    east = (zone.longitude - longitude) * math.cos(math.radians(latitude))
    return north * north + east * east


def resolve_zone(
    *,
    name: str | None = None,
    offset: timedelta | None = None,
    offset_may_include_dst: bool = False,
    country: str | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    at: datetime | None = None,
) -> tuple[tzinfo, ZoneSource]:
    """The plant's zone and how it was found (module docstring). ``at`` is when the
    offset was given (v1 answers give the offset in force then)."""
    if name:
        named = _zone(name)
        if named is not None:
            return named, ZoneSource.NAMED
    moment = at or datetime.now(UTC)
    code = _countries().get(country.strip().lower()) if country else None
    candidates = [z for z in _zones() if code is None or z.country == code]
    if offset is not None:
        matching = []
        for candidate in candidates:
            zone = _zone(candidate.name)
            if zone is None:
                continue
            now_offset = moment.astimezone(zone).utcoffset()
            if _standard_offset(zone, moment.year) == offset or (
                offset_may_include_dst and now_offset == offset
            ):
                matching.append(candidate)
        candidates = matching
    elif code is None or (latitude is None and len(candidates) != 1):
        return UTC, ZoneSource.FALLBACK
    if candidates and (code is not None or latitude is not None):
        chosen = candidates[0]  # zone.tab lists a country's main zone first
        if latitude is not None and longitude is not None:
            lat, lng = latitude, longitude
            chosen = min(candidates, key=lambda z: _distance(z, lat, lng))
            # Of the country's zones that have kept the same clock since 1990, the one
            # zone.tab lists first: Europe/Madrid, not Africa/Ceuta, for Sevilla.
            clock = _clock_since_1990(chosen.name, moment.year)
            chosen = next(
                (
                    z
                    for z in candidates
                    if z.country == chosen.country
                    and _clock_since_1990(z.name, moment.year) == clock
                ),
                chosen,
            )
        zone = _zone(chosen.name)
        if zone is not None:
            return zone, ZoneSource.LOCATED
    if offset is not None:
        return timezone(offset), ZoneSource.OFFSET
    return UTC, ZoneSource.FALLBACK
