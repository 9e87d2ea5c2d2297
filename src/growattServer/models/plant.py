"""A plant (a Growatt "power station"): where it is, its zone, size and currency."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from .zones import ZoneSource, resolve_zone

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

    @classmethod
    def located(
        cls,
        plant_id: str,
        name: str,
        *,
        offset: timedelta | None,
        offset_may_include_dst: bool,
        at: datetime | None,
        city: str | None,
        country: str | None,
        latitude: float | None,
        longitude: float | None,
        nominal_power_w: float | None,
        currency: str | None,
        raw: Mapping[str, Any],
    ) -> Plant:
        """A plant whose zone is found from Growatt's offset and its place (both APIs)."""
        zone, source = resolve_zone(
            offset=offset,
            offset_may_include_dst=offset_may_include_dst,
            country=country,
            latitude=latitude,
            longitude=longitude,
            at=at,
        )
        return cls(
            plant_id=plant_id,
            name=name,
            timezone=zone,
            timezone_source=source,
            city=city,
            country=country,
            latitude=latitude,
            longitude=longitude,
            nominal_power_w=nominal_power_w,
            currency=currency,
            raw=raw,
        )

    def local_now(self, now: datetime | None = None) -> datetime:
        """``now`` (default: this machine's clock) on the plant's wall clock."""
        return (now or datetime.now(UTC)).astimezone(self.timezone)

    def today(self, now: datetime | None = None) -> date:
        """The plant's local date: the day Growatt's "today" counters belong to."""
        return self.local_now(now).date()
