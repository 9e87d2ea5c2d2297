"""How a request finds its handler, and what handlers receive and return.

Classic ShinePhone endpoints are keyed by path plus `op` (or `action`), exactly as the
real server multiplexes them; OpenAPI v1 endpoints by their path under `v1/`.
Handlers are plain functions of a `Call` returning a `Reply`: the world is in memory,
so nothing needs to await.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .scenario import Account
from .world import Session, World

JSON_TYPE = "application/json;charset=UTF-8"
HTML_TYPE = "text/html;charset=UTF-8"


@dataclass(slots=True)
class Reply:
    body: str
    status: int = 200
    content_type: str = JSON_TYPE
    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)  # name -> Set-Cookie value
    outcome: str = "ok"


# Growatt sends UTF-8 text as is ("€", "°C") and no spaces between tokens.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def json_reply(payload: Any, *, status: int = 200, outcome: str = "ok") -> Reply:
    return Reply(
        _ENCODER.encode(payload),
        status=status,
        outcome=outcome,
    )


def html_reply(page: str, *, status: int = 200, outcome: str = "ok") -> Reply:
    return Reply(page, status=status, content_type=HTML_TYPE, outcome=outcome)


@dataclass(slots=True)
class Call:
    """One request as a handler sees it."""

    world: World
    method: str
    path: str
    params: dict[str, str]
    now: datetime
    session: Session | None = None
    account: Account | None = None
    token: str | None = None
    client_ip: str = ""

    def get(self, name: str) -> str | None:
        """A parameter, with an empty string meaning 'not supplied' (as Growatt reads it)."""
        value = self.params.get(name)
        return value if value not in (None, "") else None

    def raw(self, name: str) -> str | None:
        """A parameter exactly as sent, empty string included."""
        return self.params.get(name)


Handler = Callable[[Call], Reply]


@dataclass(frozen=True, slots=True)
class Route:
    handler: Handler
    auth: bool = True
    # v1 only: parameters naming what the rate limiter keys on, and its window override
    limit_keys: tuple[str, ...] = ()
    window_s: float | None = None


class Router:
    def __init__(self) -> None:
        self.classic: dict[tuple[str, str | None], Route] = {}
        self.v1: dict[str, Route] = {}
        self._classic_paths: set[str] = set()

    def classic_route(
        self, path: str, op: str | None = None, *, auth: bool = True
    ) -> Callable[[Handler], Handler]:
        """Register a ShinePhone handler for `path` (no leading slash) and `op`/`action`."""

        def register(handler: Handler) -> Handler:
            key = (path, op)
            if key in self.classic:
                raise ValueError(f"classic route {key} registered twice")
            self.classic[key] = Route(handler, auth=auth)
            self._classic_paths.add(path)
            return handler

        return register

    def v1_route(
        self, path: str, *, limit_keys: tuple[str, ...] = (), window_s: float | None = None
    ) -> Callable[[Handler], Handler]:
        """Register an OpenAPI v1 handler for `path` (relative to `v1/`).

        `window_s` is the documented per-endpoint rate window (openapi.md §6.1);
        0 means the endpoint is not limited, None means the configured default.
        """

        def register(handler: Handler) -> Handler:
            if path in self.v1:
                raise ValueError(f"v1 route {path} registered twice")
            self.v1[path] = Route(handler, auth=True, limit_keys=limit_keys, window_s=window_s)
            return handler

        return register

    def find_classic(self, path: str, op: str | None) -> Route | None:
        return self.classic.get((path, op)) or self.classic.get((path, None))

    def classic_paths(self) -> set[str]:
        return self._classic_paths


ROUTER = Router()
classic_route = ROUTER.classic_route
v1_route = ROUTER.v1_route
