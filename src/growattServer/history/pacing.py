"""Calls that wait out Growatt's pacing instead of failing.

The token API allows a history call about once per 10 s to 5 min per device or plant
(openapi.md §6.1); a long export is many such calls. The engine refuses a call that
comes too early with ``retry_after``; a :class:`PacedCaller` sleeps that long and asks
again. The sleep is injectable so tests move a simulated clock instead of waiting.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

from growattServer.errors import LoginThrottledError, RateLimitedError
from growattServer.protocol.request import Endpoint

__all__ = ["Fetcher", "PacedCaller", "Sleeper"]

T = TypeVar("T")
Sleeper = Callable[[float], Awaitable[None]]

#: When Growatt said "too often" without saying how long: its documented window.
DEFAULT_WAIT_S = 300.0


class Fetcher(Protocol):
    """What the history sources need of a client: ``AsyncGrowattApi.fetch``."""

    async def fetch(self, endpoint: Endpoint[T], **args: Any) -> T:
        """Call one endpoint."""
        ...


class PacedCaller:
    """``fetch`` that sleeps through rate limits, at most ``max_waits`` times a call."""

    def __init__(
        self,
        api: Fetcher,
        *,
        sleep: Sleeper = asyncio.sleep,
        on_wait: Callable[[float], None] | None = None,
        max_waits: int = 5,
    ) -> None:
        """``on_wait(seconds)`` is told before each wait (a progress bar shows it)."""
        self.api = api
        self._sleep = sleep
        self._on_wait = on_wait
        self._max_waits = max_waits

    async def fetch(self, endpoint: Endpoint[T], **args: Any) -> T:
        """Call, and on a rate limit wait as long as Growatt (or the engine) asks."""
        waits = 0
        while True:
            try:
                return await self.api.fetch(endpoint, **args)
            except LoginThrottledError:
                raise  # waiting for the login budget is the caller's decision
            except RateLimitedError as err:
                waits += 1
                if waits > self._max_waits:
                    raise
                seconds = err.retry_after if err.retry_after is not None else DEFAULT_WAIT_S
                if self._on_wait is not None:
                    self._on_wait(seconds)
                await self._sleep(seconds)
