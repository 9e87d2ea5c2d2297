"""An opt-in filter for counters that only grow: lifetime totals and "today" counters.

Growatt's counters misbehave around midnight (shinephone-api.md §6; user-needs.md F8):
"today" drops to 0 at the plant's midnight, then briefly shows yesterday's final
value again ("midnight bounce"); lifetime totals sometimes read 0 or a little less
for one poll. Fed every reading, :class:`MonotonicGuard` passes what is plausible and
holds the last good value otherwise:

* ``None`` (no reading) → the last good value;
* a value below the last one (a transient zero, a small step back) → the last good
  value, until the same lower level has been seen ``confirm`` times in a row (a real
  reset: a replaced device) and is then taken as the new level;
* ``resets_daily``: at the first reading of a new plant-local day the counter starts
  again (0 or the value read); during the first ``bounce_window`` of the day a value
  back at yesterday's final level is yesterday's and is ignored.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

__all__ = ["MonotonicGuard"]


class MonotonicGuard:
    """Guards one counter (see the module docstring). ``zone`` is the plant's zone:
    its midnight is when a daily counter resets."""

    def __init__(
        self,
        *,
        resets_daily: bool = False,
        zone: tzinfo | None = None,
        tolerance: float = 0.0,
        confirm: int = 3,
        bounce_window: timedelta = timedelta(hours=2),
    ) -> None:
        """``tolerance`` is how far below the last value a reading may be and still
        count as the same level (float noise); ``confirm`` how many lower readings in a
        row make a real reset."""
        self.resets_daily = resets_daily
        self.zone = zone
        self.tolerance = tolerance
        self.confirm = max(1, confirm)
        self.bounce_window = bounce_window
        self.value: float | None = None
        self._day: date | None = None
        self._yesterday_final: float | None = None
        self._lower: list[float] = []

    def _local(self, at: datetime) -> datetime:
        return at.astimezone(self.zone) if self.zone is not None else at

    def _new_day(self, local: datetime) -> bool:
        day = local.date()
        if self._day is None:
            self._day = day
            return False
        if day > self._day:
            self._day = day
            return True
        return False

    def update(self, reading: float | None, at: datetime) -> float | None:
        """Feed one reading taken at ``at`` (tz-aware); returns the guarded value."""
        local = self._local(at)
        if self.resets_daily and self._new_day(local):
            self._yesterday_final = self.value
            self.value = 0.0
            self._lower.clear()
        if reading is None:
            return self.value
        if self.value is None or reading >= self.value - self.tolerance:
            if self._is_bounce(reading, local):
                return self.value
            self.value = max(reading, self.value if self.value is not None else reading)
            self._lower.clear()
            return self.value
        return self._lower_reading(reading)

    def _is_bounce(self, reading: float, local: datetime) -> bool:
        """Yesterday's final "today" value, shortly after the plant's midnight."""
        if not self.resets_daily or self._yesterday_final is None or not self._yesterday_final:
            return False
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        early = local - midnight < self.bounce_window
        return early and reading >= self._yesterday_final - self.tolerance

    def _lower_reading(self, reading: float) -> float | None:
        """Hold the last value; take the lower level once it has been seen ``confirm``
        times in a row without going back down."""
        if self._lower and reading < self._lower[-1] - self.tolerance:
            self._lower.clear()
        self._lower.append(reading)
        if reading > 0 and len(self._lower) >= self.confirm:
            self.value = reading
            self._lower.clear()
        return self.value
