"""Simulated time: fixed, real-time or accelerated.

Tests and benchmarks move the clock by hand (midnight rollover, session expiry and
24-hour lockouts in milliseconds); `growatt simulate` runs it at real speed.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta


class SimClock:
    """A clock whose reading is `anchor + (monotonic elapsed) * speed` unless frozen."""

    def __init__(
        self,
        start: datetime | None = None,
        *,
        speed: float = 1.0,
        frozen: bool = False,
    ) -> None:
        if start is None:
            start = datetime.now(UTC).replace(microsecond=0)
        if start.tzinfo is None:
            raise ValueError("SimClock needs an aware start time")
        if speed <= 0:
            raise ValueError("speed must be positive")
        self._lock = threading.Lock()
        self._anchor = start.astimezone(UTC)
        self._anchor_mono = time.monotonic()
        self._speed = speed
        self._frozen = frozen

    @property
    def speed(self) -> float:
        return self._speed

    @property
    def frozen(self) -> bool:
        return self._frozen

    def now(self) -> datetime:
        with self._lock:
            return self._now_locked()

    def _now_locked(self) -> datetime:
        if self._frozen:
            return self._anchor
        elapsed = (time.monotonic() - self._anchor_mono) * self._speed
        return self._anchor + timedelta(seconds=elapsed)

    def timestamp(self) -> float:
        return self.now().timestamp()

    def set(self, when: datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("SimClock.set needs an aware datetime")
        with self._lock:
            self._anchor = when.astimezone(UTC)
            self._anchor_mono = time.monotonic()

    def advance(self, delta: timedelta) -> None:
        with self._lock:
            self._anchor = self._now_locked() + delta
            self._anchor_mono = time.monotonic()

    def freeze(self) -> None:
        with self._lock:
            self._anchor = self._now_locked()
            self._frozen = True

    def run(self, speed: float = 1.0) -> None:
        """Let time flow again, `speed` simulated seconds per real second."""
        if speed <= 0:
            raise ValueError("speed must be positive")
        with self._lock:
            self._anchor = self._now_locked()
            self._anchor_mono = time.monotonic()
            self._speed = speed
            self._frozen = False
