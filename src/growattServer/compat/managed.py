"""Engine plans on blocking I/O, for the opt-in managed mode of the sync clients.

The same engine as the async clients (login budget, lock memory, one re-login per
expiry, pacing, read retries); this module only performs its steps with ``requests``
and ``time.sleep``, and serialises logins across threads.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from growattServer.engine import Engine, NeedSession, Plan, Send, Wait
from growattServer.engine.drive import advance, session_to_use
from growattServer.engine.steps import Exchange
from growattServer.errors import GrowattError
from growattServer.protocol.request import Request

__all__ = ["SyncPlanRunner"]

T = TypeVar("T")

Sender = Callable[[Request, dict[str, str]], Exchange]


class SyncPlanRunner:
    """Performs the steps of :class:`~growattServer.engine.Engine` plans in this thread."""

    def __init__(
        self, engine: Engine, sender: Sender, *, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        """``sender`` performs one HTTP exchange (see :func:`transport.sync.exchange`)."""
        self.engine = engine
        self._sender = sender
        self._sleep = sleep
        self._login_lock = threading.Lock()

    def run(self, plan: Plan[T]) -> T:
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
                reply = self._perform(step)
            except GrowattError as err:
                failure = err

    def _perform(self, step: Send | Wait | NeedSession) -> Any:
        if isinstance(step, Send):
            return self._sender(step.request, dict(step.cookies))
        if isinstance(step, Wait):
            self._sleep(step.seconds)
            return None
        return self.ensure_session(step.stale)

    def ensure_session(self, stale: int | None = None) -> int:
        """Log in unless a session exists that is not ``stale``; one login at a time."""
        with self._login_lock:
            current = session_to_use(self.engine, stale)
            if current is not None:
                return current
            return self.run(self.engine.login())
