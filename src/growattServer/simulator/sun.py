"""Where the sun is, and how much of a clear-sky day reaches a panel.

NOAA's low-precision solar position formulas (good to a fraction of a degree), which is
plenty for a believable PV curve that rises and sets at the right local times.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime


def solar_elevation(when: datetime, latitude: float, longitude: float) -> float:
    """Sun elevation above the horizon in degrees at an aware instant."""
    return elevations(when, latitude, longitude, count=1, step_minutes=0)[0]


def elevations(
    start: datetime, latitude: float, longitude: float, *, count: int, step_minutes: float
) -> list[float]:
    """Sun elevations in degrees at `count` instants `step_minutes` apart from `start`.

    Declination and the equation of time barely move within a day, so they are taken
    once, at the first instant; only the hour angle is stepped.
    """
    utc = start.astimezone(UTC)
    day_of_year = utc.timetuple().tm_yday
    hour = utc.hour + utc.minute / 60 + utc.second / 3600
    gamma = 2 * math.pi / 365 * (day_of_year - 1 + (hour - 12) / 24)
    eq_time = 229.18 * (
        0.000075
        + 0.001868 * math.cos(gamma)
        - 0.032077 * math.sin(gamma)
        - 0.014615 * math.cos(2 * gamma)
        - 0.040849 * math.sin(2 * gamma)
    )
    declination = (
        0.006918
        - 0.399912 * math.cos(gamma)
        + 0.070257 * math.sin(gamma)
        - 0.006758 * math.cos(2 * gamma)
        + 0.000907 * math.sin(2 * gamma)
        - 0.002697 * math.cos(3 * gamma)
        + 0.00148 * math.sin(3 * gamma)
    )
    lat = math.radians(latitude)
    sin_part = math.sin(lat) * math.sin(declination)
    cos_part = math.cos(lat) * math.cos(declination)
    first_minutes = hour * 60 + eq_time + 4 * longitude
    result = []
    for k in range(count):
        hour_angle = math.radians((first_minutes + k * step_minutes) / 4 - 180)
        cos_zenith = max(-1.0, min(1.0, sin_part + cos_part * math.cos(hour_angle)))
        result.append(90.0 - math.degrees(math.acos(cos_zenith)))
    return result


def clear_sky_factor(elevation_deg: float) -> float:
    """Fraction of rated PV output under a clear sky (0 at night, ~1 with the sun high).

    Output falls faster than sin(elevation) near the horizon because light crosses
    more air mass; the 1.2 exponent is a common rule-of-thumb fit.
    """
    if elevation_deg <= 0:
        return 0.0
    return float(math.sin(math.radians(elevation_deg)) ** 1.2)
