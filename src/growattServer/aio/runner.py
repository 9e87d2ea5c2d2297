"""Runs engine plans on asyncio: sends, sleeps, and one login at a time.

Everything the engine decides stays in the engine; this module only performs its
steps. It bounds the requests in flight per account (a semaphore), and serialises
logins with a lock so that N requests that see the same expired session cause one
login between them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from growattServer.engine import Engine, NeedSession, Plan, Send, Wait
from growattServer.engine.drive import advance, session_to_use
from growattServer.engine.steps import Exchange
from growattServer.errors import GrowattError
from growattServer.protocol.request import Request

__all__ = ["DEFAULT_IN_FLIGHT", "PlanRunner", "Sender"]

T = TypeVar("T")

#: Requests in flight per account: enough for a snapshot to overlap, few enough that
#: Growatt's firewall sees an app, not a crawler.
DEFAULT_IN_FLIGHT = 4

Sender = Callable[[Request, dict[str, str]], Awaitable[Exchange]]
Sleeper = Callable[[float], Awaitable[None]]


class PlanRunner:
    """Performs the steps of :class:`~growattServer.engine.Engine` plans."""

    def __init__(
        self,
        engine: Engine,
        sender: Sender,
        *,
        in_flight: int = DEFAULT_IN_FLIGHT,
        sleep: Sleeper = asyncio.sleep,
    ) -> None:
        """``sender`` performs one HTTP exchange (see :mod:`growattServer.transport.aio`)."""
        self.engine = engine
        self._sender = sender
        self._sleep = sleep
        self._slots = asyncio.Semaphore(in_flight)
        self._login_lock = asyncio.Lock()

    async def run(self, plan: Plan[T]) -> T:
        """Drive a plan to its value (or its exception)."""
        reply: Any = None
        failure: GrowattError | None = None
        while True:
            finished, step = advance(plan, reply, failure)
            if finished:
                result: T = step
                return result
            reply, failure = None, None
            try:
                reply = await self._perform(step)
            except GrowattError as err:
                failure = err

    async def _perform(self, step: Send | Wait | NeedSession) -> Any:
        if isinstance(step, Send):
            async with self._slots:
                return await self._sender(step.request, dict(step.cookies))
        if isinstance(step, Wait):
            await self._sleep(step.seconds)
            return None
        return await self.ensure_session(step.stale)

    async def ensure_session(self, stale: int | None = None) -> int:
        """Log in unless a session exists that is not ``stale``; one login at a time."""
        async with self._login_lock:
            current = session_to_use(self.engine, stale)
            if current is not None:
                return current  # somebody else already logged in again
            return await self.run(self.engine.login())
