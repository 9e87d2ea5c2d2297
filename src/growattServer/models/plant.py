"""A plant (a Growatt "power station"): where it is, its zone, size and currency."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from .zones import ZoneSource

__all__ = ["Plant"]


@dataclass(frozen=True, slots=True)
class Plant:
    """One plant.

    ``timezone`` is the plant's zone as :func:`~growattServer.models.zones.resolve_zone`
    found it from Growatt's offset, country and coordinates; ``timezone_source`` says how
    (``FALLBACK`` means nothing was known and UTC is used). ``nominal_power_w`` is the
    installed peak power in W; ``currency`` an ISO 4217 code.
    """

    plant_id: str
    name: str
    timezone: tzinfo = UTC
    timezone_source: ZoneSource = ZoneSource.FALLBACK
    city: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    nominal_power_w: float | None = None
    currency: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def local_now(self, now: datetime | None = None) -> datetime:
        """``now`` (default: this machine's clock) on the plant's wall clock."""
        return (now or datetime.now(UTC)).astimezone(self.timezone)

    def today(self, now: datetime | None = None) -> date:
        """The plant's local date: the day Growatt's "today" counters belong to."""
        return self.local_now(now).date()
