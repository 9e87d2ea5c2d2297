"""Which day "today" is, for a plant.

growattServer 2.x defaulted every classic date to the UTC date, so between local
midnight and UTC midnight users east of Greenwich asked for yesterday
(shinephone-api.md §6). Here the default is the plant's own date when its UTC offset is
known (learnt from answers that carry it), else the local date of this machine.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["PlantClock", "date_text", "offsets_in_classic_answer"]

_GMT = re.compile(r"^(?:GMT|UTC)?\s*([+-]?\d{1,2})(?::?(\d{2}))?$")


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class PlantClock:
    """Today's date per plant; ``now`` is injectable for tests."""

    def __init__(self, now: Callable[[], dt.datetime] = _utc_now) -> None:
        self._now = now
        self._offsets: dict[str, dt.timedelta] = {}

    def learn(self, plant_id: object, offset: dt.timedelta) -> None:
        """Remember a plant's UTC offset."""
        self._offsets[str(plant_id)] = offset

    def offset(self, plant_id: object) -> dt.timedelta | None:
        """The plant's UTC offset if an answer told us."""
        return self._offsets.get(str(plant_id))

    def today(self, plant_id: object = None) -> dt.date:
        """The plant's date if its offset is known, otherwise this machine's date."""
        now = self._now()
        offset = self.offset(plant_id) if plant_id is not None else None
        if offset is not None:
            return (now.astimezone(dt.UTC) + offset).date()
        return now.astimezone().date()


def parse_offset(value: object) -> dt.timedelta | None:
    """Read a plant time zone: ``1``, ``"8"``, ``"GMT+8"``, ``"+1:00"``."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        hours = float(value)
        return dt.timedelta(hours=hours) if -14 <= hours <= 14 else None
    match = _GMT.match(str(value).strip())
    if not match:
        return None
    hours = int(match.group(1))
    minutes = int(match.group(2) or 0)
    if not -14 <= hours <= 14:
        return None
    sign = -1 if match.group(1).startswith("-") else 1
    return dt.timedelta(hours=hours) + sign * dt.timedelta(minutes=minutes)


def offsets_in_classic_answer(body: object) -> dict[str, dt.timedelta]:
    """Plant beans carry ``id`` and ``timezone``; collect every one found."""
    found: dict[str, dt.timedelta] = {}

    def visit(node: object) -> None:
        if isinstance(node, Mapping):
            bean: Mapping[str, Any] = node
            if "timezone" in bean and ("id" in bean or "plantId" in bean):
                offset = parse_offset(bean["timezone"])
                if offset is not None:
                    found[str(bean.get("id", bean.get("plantId")))] = offset
            for child in bean.values():
                visit(child)
        elif isinstance(node, list):
            for child in node:
                visit(child)

    visit(body)
    return found


def date_text(day: dt.date | dt.datetime | str, *, month_only: bool = False) -> str:
    """``YYYY-MM-DD``, or ``YYYY-MM`` for month spans; text is sent as given."""
    if isinstance(day, str):
        return day
    return day.strftime("%Y-%m" if month_only else "%Y-%m-%d")
