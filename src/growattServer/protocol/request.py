"""What goes over the wire, described without any HTTP library.

An endpoint turns a method's arguments into a :class:`Request` and a
:class:`RawResponse` into the value the method returns. The drivers in
``transport/`` (``requests`` now, ``aiohttp`` next) only move bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

__all__ = [
    "Api",
    "Args",
    "Endpoint",
    "Field",
    "Pairs",
    "RawResponse",
    "Request",
    "arg",
    "computed",
    "const",
    "pairs_from",
    "wire_text",
]

Pairs = tuple[tuple[str, str], ...]
Args = Mapping[str, Any]
Api = Literal["classic", "v1"]
T_co = TypeVar("T_co", covariant=True)


@dataclass(frozen=True, slots=True)
class Request:
    """One HTTP request, relative to a base URL.

    ``form`` is ``None`` when there is no url-encoded body (a POST whose fields all
    travel in the query then goes out with ``Content-Length: 0``); ``multipart`` is
    ``None`` unless the body is ``multipart/form-data``.
    """

    method: Literal["GET", "POST"]
    path: str
    # Values stay out of the repr: a login form carries the password hash.
    query: Pairs = field(default=(), repr=False)
    form: Pairs | None = field(default=None, repr=False)
    multipart: Pairs | None = field(default=None, repr=False)
    allow_redirects: bool = True
    is_write: bool = False
    api: Api = "classic"
    name: str = ""

    def field_names(self) -> list[str]:
        """Names of every parameter, for logs that must not show values."""
        names = [name for name, _ in self.query]
        names += [name for name, _ in self.form or ()]
        names += [name for name, _ in self.multipart or ()]
        return names


@dataclass(frozen=True, slots=True)
class RawResponse:
    """What came back: status, headers (names in lower case) and the body bytes."""

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header, or an empty string."""
        return self.headers.get("content-type", "")

    @property
    def location(self) -> str:
        """The ``Location`` header of a redirect, or an empty string."""
        return self.headers.get("location", "")

    def text(self) -> str:
        """The body as text; Growatt answers in UTF-8."""
        return self.body.decode("utf-8", errors="replace")


class Endpoint(Protocol[T_co]):
    """One server call: builds its request and reads its answer. No I/O."""

    @property
    def name(self) -> str:
        """Name used in logs and error messages."""
        ...

    def request(self, args: Args) -> Request:
        """Build the request for these method arguments."""
        ...

    def read(self, raw: RawResponse, args: Args) -> T_co:
        """Turn the answer into what the compatibility method returns."""
        ...


# --- declarative parameters ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Field:
    """One named wire parameter and where its value comes from.

    ``value`` gets the method's arguments; a ``None`` result leaves the parameter out,
    as ``requests`` does for ``None`` values.
    """

    wire: str
    value: Callable[[Args], object]


def arg(wire: str, name: str | None = None) -> Field:
    """The wire parameter ``wire`` carries the method argument ``name``."""
    key = name or wire
    return Field(wire, lambda args: args.get(key))


def const(wire: str, value: str) -> Field:
    """A parameter whose value never changes, such as ``op``."""
    return Field(wire, lambda _args: value)


def computed(wire: str, function: Callable[[Args], object]) -> Field:
    """A parameter derived from several arguments."""
    return Field(wire, function)


def wire_text(value: object) -> str:
    """Stringify a value the way ``requests`` does when it encodes a form."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return str(value)


def pairs_from(fields: Iterable[Field], args: Args) -> Pairs:
    """Evaluate fields in order, leaving out those whose value is ``None``."""
    result: list[tuple[str, str]] = []
    for item in fields:
        value = item.value(args)
        if value is not None:
            result.append((item.wire, wire_text(value)))
    return tuple(result)
