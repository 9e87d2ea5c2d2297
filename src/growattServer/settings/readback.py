"""Reading settings back: where each family's settings show, and what a write achieved.

Growatt's write answers are unreliable both ways: a device may answer success and
ignore the value, or answer an error and apply it (openapi.md §5.1, user-needs.md
§2.2). So after a write the client reads the settings again and compares: the read
decides, and the answer only adds a note. No read for the family, or a read that
fails, means :attr:`Outcome.UNKNOWN`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from growattServer.protocol.request import Endpoint

if TYPE_CHECKING:
    from .schema import Setting, Values
    from .write import ValidatedWrite

__all__ = ["Judgement", "Outcome", "ReadSource", "SupportsFetch", "WriteResult", "judge"]

T = TypeVar("T")


class Outcome(enum.StrEnum):
    """What a write achieved, as far as the read-back shows."""

    APPLIED = "applied"  # the device shows every readable value as asked
    NOT_APPLIED = "not_applied"  # the device shows something else
    UNKNOWN = "unknown"  # nothing readable, or the read failed
    DRY_RUN = "dry_run"  # nothing was sent


class SupportsFetch(Protocol):
    """What the settings client needs of an API object: ``fetch`` of an endpoint
    through its engine (:class:`~growattServer.aio.AsyncGrowattApi` and
    :class:`~growattServer.aio.AsyncOpenApiV1` have it)."""

    async def fetch(self, endpoint: Endpoint[T], **args: Any) -> T:
        """Send one endpoint through the engine (pacing, session, typed errors)."""
        ...


@dataclass(frozen=True)
class ReadSource:
    """The read that shows a family's settings: an endpoint, the argument that names
    the device, and how to flatten its answer into ``key → value``."""

    endpoint: Endpoint[Any]
    serial_arg: str
    flatten: Callable[[Any], Mapping[str, Any]]

    @property
    def name(self) -> str:
        """The endpoint's name."""
        return self.endpoint.name

    async def read(self, api: SupportsFetch, serial: str) -> Mapping[str, Any]:
        """One read, through the API's engine (so within its rate budget)."""
        answer = await api.fetch(self.endpoint, **{self.serial_arg: serial})
        return self.flatten(answer)


def mapping_or_empty(answer: Any) -> Mapping[str, Any]:
    """The answer itself when it is an object, else nothing."""
    return answer if isinstance(answer, Mapping) else {}


def member(key: str) -> Callable[[Any], Mapping[str, Any]]:
    """``answer[key]`` when it is an object (``obj`` of a classic answer)."""
    return lambda answer: mapping_or_empty(mapping_or_empty(answer).get(key))


@dataclass(frozen=True)
class Judgement:
    """How the read-back compares with what was asked."""

    outcome: Outcome
    shown: dict[str, Any] = field(default_factory=dict)
    differing: tuple[str, ...] = ()
    unreadable: tuple[str, ...] = ()


def judge(setting: Setting, asked: Values, flat: Mapping[str, Any]) -> Judgement:
    """APPLIED when every readable parameter shows what was asked, NOT_APPLIED when one
    differs, UNKNOWN when none is readable."""
    shown = setting.read_values(flat)
    unreadable = tuple(name for name in setting.param_names if name not in shown)
    differing = tuple(
        param.name
        for param in setting.params
        if param.name in shown and not param.same(asked[param.name], shown[param.name])
    )
    if differing:
        outcome = Outcome.NOT_APPLIED
    elif shown:
        outcome = Outcome.APPLIED
    else:
        outcome = Outcome.UNKNOWN
    return Judgement(outcome, shown, differing, unreadable)


@dataclass(frozen=True)
class WriteResult:
    """What became of one write.

    ``sent`` is False for a dry run. ``answer`` is the server's answer (``None`` when the
    write raised), ``error`` what the answer or the exception said went wrong, and
    ``note`` explains the outcome in a sentence. ``shown`` holds the read-back values.
    """

    write: ValidatedWrite
    outcome: Outcome
    sent: bool
    answer: Any = None
    error: str | None = None
    note: str = ""
    shown: dict[str, Any] = field(default_factory=dict)

    @property
    def applied(self) -> bool:
        """True only when the read-back shows the values."""
        return self.outcome is Outcome.APPLIED

    def describe(self) -> dict[str, Any]:
        """Plain data for a CLI or a log line."""
        setting = self.write.setting
        return {
            **self.write.describe(),
            "outcome": self.outcome.value,
            "sent": self.sent,
            "error": self.error,
            "note": self.note,
            "shown": {name: setting.param(name).display(v) for name, v in self.shown.items()},
        }
