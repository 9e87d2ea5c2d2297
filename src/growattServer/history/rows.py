"""What a history export is made of: rows, the windows they are fetched in, resolutions."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["Columns", "HistoryRow", "Resolution", "Scalar", "Window", "scalars"]

#: A value a row carries: what a CSV cell, a JSON value and a Parquet column can hold.
Scalar = float | int | str | bool | None


class Resolution(enum.StrEnum):
    """How far apart the rows of an export are."""

    FIVE_MINUTES = "5min"
    DAY = "day"
    MONTH = "month"


class Columns(enum.StrEnum):
    """Which values a row carries.

    ``NORMALISED``: the package's units and names (:mod:`growattServer.models`): W for
    5-minute rows (``pv_w``, ``load_w``, ... ``None`` where the family has no such
    value), kWh per quantity for day and month rows (``produced_kwh``, ...).
    ``RAW``: Growatt's own field names and units. ``ALL``: the normalised columns, then
    the raw ones.
    """

    NORMALISED = "normalised"
    RAW = "raw"
    ALL = "all"


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One moment of history: ``time`` is time-zone aware, in the plant's zone.

    A 5-minute row from a chart is stamped as Growatt labels it: 00:00–23:55, each point
    the 5 minutes from its label (``00:00`` is the day's first row); a v1 record with the
    time it was taken; a day or month row with the local midnight it starts at.
    """

    time: dt.datetime
    values: Mapping[str, Scalar] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Window:
    """One request range: the local days ``first``..``last`` (both included).

    Consecutive windows never share a day, so the rows of an export are the rows of its
    windows, each exactly once.
    """

    first: dt.date
    last: dt.date

    @property
    def label(self) -> str:
        """``2026-06-01`` or ``2026-06-01..2026-06-06``."""
        if self.first == self.last:
            return self.first.isoformat()
        return f"{self.first.isoformat()}..{self.last.isoformat()}"


def scalars(record: Mapping[str, object], *, skip: tuple[str, ...] = ()) -> dict[str, Scalar]:
    """The flat values of a record; nested objects (Java calendars, beans) are left out."""
    flat: dict[str, Scalar] = {}
    for key, value in record.items():
        if key in skip:
            continue
        if value is None or isinstance(value, bool | int | float | str):
            flat[key] = value
    return flat
