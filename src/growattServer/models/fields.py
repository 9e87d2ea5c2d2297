"""Reading named fields out of one answer object, with the unit parsers.

Every accessor takes one or more keys (spelling variants, most specific first) and
uses the first one present with a value; a ParseError names ``<source>.<key>``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import datetime, tzinfo
from typing import Any

from growattServer.errors import ParseError

from . import units
from .energy import EnergyCounter
from .times import parse_timestamp

__all__ = ["Fields", "as_mapping"]

Parser = Callable[[object, str], float | None]


def as_mapping(payload: object, source: str, *path: str) -> Mapping[str, Any]:
    """``payload`` (then ``payload[path[0]][path[1]]…``) as a JSON object, or a ParseError."""
    node: object = payload
    where = source
    for key in path:
        if not isinstance(node, Mapping):
            break
        node = node.get(key)
        where = f"{where}.{key}"
    if not isinstance(node, Mapping):
        raise ParseError(where, node, "a JSON object")
    return node


class Fields:
    """Typed access to one answer object (``source`` names it in errors)."""

    def __init__(self, payload: Mapping[str, Any], source: str, zone: tzinfo) -> None:
        """Wrap an object already checked to be a mapping."""
        self.raw = payload
        self.source = source
        self.zone = zone

    def _first(self, keys: tuple[str, ...]) -> tuple[str, object] | None:
        for key in keys:
            value = self.raw.get(key)
            if value is not None and not (
                isinstance(value, str) and value.strip().lower() in units.MISSING_TEXTS
            ):
                return key, value
        return None

    def _read(self, parse: Parser, keys: tuple[str, ...]) -> float | None:
        found = self._first(keys)
        if found is None:
            return None
        key, value = found
        return parse(value, f"{self.source}.{key}")

    def has(self, *keys: str) -> bool:
        """Whether any of ``keys`` holds a value."""
        return self._first(keys) is not None

    def number(self, *keys: str) -> float | None:
        """A plain number."""
        return self._read(units.parse_number, keys)

    def power_w(self, *keys: str, unit: str = "W") -> float | None:
        """Power in W; bare numbers are in ``unit``."""
        return self._read(lambda v, f: units.parse_power_w(v, f, unit), keys)

    def energy_kwh(self, *keys: str) -> float | None:
        """Energy in kWh."""
        return self._read(units.parse_energy_kwh, keys)

    def percent(self, *keys: str) -> float | None:
        """A percentage."""
        return self._read(units.parse_percent, keys)

    def voltage_v(self, *keys: str) -> float | None:
        """Voltage in V."""
        return self._read(units.parse_voltage_v, keys)

    def current_a(self, *keys: str) -> float | None:
        """Current in A."""
        return self._read(units.parse_current_a, keys)

    def frequency_hz(self, *keys: str) -> float | None:
        """Frequency in Hz."""
        return self._read(units.parse_frequency_hz, keys)

    def temperature_c(self, *keys: str) -> float | None:
        """Temperature in °C."""
        return self._read(units.parse_temperature_c, keys)

    def text(self, *keys: str) -> str | None:
        """A label or identifier."""
        found = self._first(keys)
        return None if found is None else units.parse_text(found[1], f"{self.source}.{found[0]}")

    def flag(self, *keys: str) -> bool | None:
        """A yes/no flag."""
        found = self._first(keys)
        return None if found is None else units.parse_bool(found[1], f"{self.source}.{found[0]}")

    def time(self, *keys: str) -> datetime | None:
        """A time stamp, in the plant's zone."""
        found = self._first(keys)
        if found is None:
            return None
        return parse_timestamp(found[1], self.zone, f"{self.source}.{found[0]}")

    def _sum(self, keys: tuple[str, ...], values: list[float | None]) -> float | None:
        known = [v for v in values if v is not None]
        if not known:
            return None
        total = sum(known)
        if not math.isfinite(total):
            raise ParseError(f"{self.source}.{'+'.join(keys)}", total, "a finite sum")
        return total

    def energy_sum(self, *keys: str) -> float | None:
        """The sum of the energies present (per-string counters); ``None`` if none is."""
        return self._sum(keys, [self.energy_kwh(key) for key in keys])

    def power_sum(self, *keys: str, unit: str = "W") -> float | None:
        """The sum of the powers present; ``None`` if none is."""
        return self._sum(keys, [self.power_w(key, unit=unit) for key in keys])

    def counter(self, today: tuple[str, ...], total: tuple[str, ...]) -> EnergyCounter:
        """An energy counter from its "today" and lifetime keys."""
        return EnergyCounter(today_kwh=self.energy_kwh(*today), total_kwh=self.energy_kwh(*total))
