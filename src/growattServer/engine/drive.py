"""What every driver of engine plans does the same way, whatever its I/O.

A driver (asyncio in ``aio/runner.py``, threads in ``compat/managed.py``) only decides
*how* to send, sleep and wait for the login lock; advancing a plan and deciding whether
a login is still needed live here, once.
"""

from __future__ import annotations

from typing import Any

from growattServer.errors import GrowattError

from .policy import Engine
from .steps import Plan, Step

__all__ = ["advance", "session_to_use"]


def advance(plan: Plan[Any], reply: Any, failure: GrowattError | None) -> tuple[bool, Any]:
    """Feed the last step's reply (or throw its failure) into the plan.

    Returns ``(True, value)`` when the plan has finished, ``(False, next_step)``
    otherwise; an exception the plan does not handle propagates.
    """
    try:
        step: Step = plan.throw(failure) if failure is not None else plan.send(reply)
    except StopIteration as done:
        return True, done.value
    return False, step


def session_to_use(engine: Engine, stale: int | None) -> int | None:
    """The generation to use without logging in, or ``None`` if a login is needed.

    Called under the driver's login lock: when N calls saw the same session expire,
    the first logs in and the others find a newer generation here.
    """
    state = engine.state
    if state.has_session and state.generation != stale:
        return state.generation
    return None
