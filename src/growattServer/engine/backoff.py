"""Bounded retries with exponential backoff and full jitter, for reads only.

A write is never repeated blindly: a timeout says nothing about whether Growatt applied
it, and a repeated battery command is worse than a reported failure.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["RetryPolicy"]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """``retries`` extra attempts; the n-th waits a random time up to
    ``min(cap_s, base_s * 2**(n-1))``."""

    retries: int = 2
    base_s: float = 0.5
    cap_s: float = 8.0
    random: Callable[[], float] = field(default=random.random, repr=False, compare=False)

    def delay(self, retry: int) -> float:
        """Seconds to wait before retry number ``retry`` (1-based)."""
        ceiling = min(self.cap_s, self.base_s * 2.0 ** (retry - 1))
        return ceiling * self.random()
