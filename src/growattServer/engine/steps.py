"""The steps a plan asks its driver to perform, and what the driver sends back."""

from __future__ import annotations

from collections.abc import Generator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from growattServer.protocol.request import RawResponse, Request

__all__ = ["Exchange", "NeedSession", "Plan", "Send", "Step", "Wait"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Send:
    """Send ``request`` with these cookies; the driver answers with an :class:`Exchange`
    or throws a transport error (``GrowattConnectionError`` and subclasses) into the plan."""

    request: Request
    cookies: Mapping[str, str] = field(default_factory=dict, repr=False)


@dataclass(frozen=True, slots=True)
class Wait:
    """Sleep before the next attempt (backoff)."""

    seconds: float


@dataclass(frozen=True, slots=True)
class NeedSession:
    """Make sure a classic session exists; the driver answers with its generation.

    ``stale`` is the generation the plan saw expire. The driver serialises these steps
    (one login in flight per account) and logs in only when the current session is
    missing or is still that stale one, so N concurrent expiries cost one login.
    """

    stale: int | None = None


Step = Send | Wait | NeedSession


@dataclass(frozen=True, slots=True)
class Exchange:
    """One answer and the cookies it set (name → value)."""

    raw: RawResponse
    cookies: Mapping[str, str] = field(default_factory=dict, repr=False)


#: A plan yields steps, receives their results, and returns the call's value.
Plan = Generator[Step, Any, T]
