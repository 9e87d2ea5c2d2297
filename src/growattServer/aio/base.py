"""What every async facade shares: the aiohttp session, the engine and its runner.

A session passed in is the caller's (Home Assistant's shared one, say): it is used and
never closed. Without one, the client opens its own on first use and closes it in
:meth:`AsyncClientBase.close` / ``async with``.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any, Self, TypeVar

import aiohttp

from growattServer.engine import ClassicCredentials, Engine, EngineOptions
from growattServer.engine.policy import Clock
from growattServer.engine.steps import Exchange
from growattServer.methods.plan import AsyncFacade
from growattServer.protocol.dates import PlantClock
from growattServer.protocol.request import Endpoint, Request
from growattServer.regions import DEFAULT_SERVER_URL, resolve_server_url
from growattServer.transport import aio as transport

from .runner import DEFAULT_IN_FLIGHT, PlanRunner

__all__ = ["AsyncClientBase"]

T = TypeVar("T")


class AsyncClientBase(AsyncFacade):
    """Session ownership, headers, base URLs and the one ``_call`` every method uses."""

    def __init__(
        self,
        *,
        agent: str,
        server_url: str = DEFAULT_SERVER_URL,
        timeout: float = transport.DEFAULT_TIMEOUT_S,
        session: aiohttp.ClientSession | None = None,
        options: EngineOptions | None = None,
        state: Mapping[str, Any] | None = None,
        in_flight: int = DEFAULT_IN_FLIGHT,
        clock: Clock = time.time,
    ) -> None:
        """Nothing is sent, and no session opened, until a method is awaited."""
        self.timeout = timeout
        self._headers: dict[str, str] = {"User-Agent": agent}
        self._server_url = resolve_server_url(server_url)
        self._session = session
        self._owns_session = session is None
        self._engine = Engine(server_url=self._server_url, clock=clock, options=options)
        self._pending_state = state
        self._runner = PlanRunner(self._engine, self._send, in_flight=in_flight)
        self._clock = PlantClock()

    # --- configuration -------------------------------------------------------------------------

    @property
    def server_url(self) -> str:
        """Base URL of the classic calls; a region key such as ``"north_america"`` works too."""
        return self._server_url

    @server_url.setter
    def server_url(self, value: str) -> None:
        self._server_url = resolve_server_url(value)
        self._engine.set_server_url(self._server_url)

    @property
    def engine(self) -> Engine:
        """The session policy (state, budget, pacing) of this client."""
        return self._engine

    def use_credentials(self, credentials: ClassicCredentials) -> None:
        self._engine.sign_in_as(credentials, self._pending_state)
        self._pending_state = None

    def export_state(self) -> dict[str, Any]:
        """Cookies, login history and lock, JSON-serialisable. Store it like a password."""
        return self._engine.export_state()

    # --- the session ---------------------------------------------------------------------------

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = transport.new_session()
            self._owns_session = True
        return self._session

    async def close(self) -> None:
        """Close the HTTP session if this client opened it; an injected one stays open."""
        if self._owns_session and self._session is not None:
            await self._session.close()
            self._session = None

    async def __aenter__(self) -> Self:
        """``async with`` closes an owned session on the way out."""
        return self

    async def __aexit__(self, *_exc: object) -> None:
        """Close what we opened."""
        await self.close()

    # --- one call ------------------------------------------------------------------------------

    def _base_url(self, request: Request) -> str:
        return self._server_url

    async def _send(self, request: Request, cookies: dict[str, str]) -> Exchange:
        return await transport.send(
            self._http(),
            self._base_url(request),
            request,
            headers=self._headers,
            cookies=cookies,
            request_timeout=self.timeout,
        )

    async def ensure_session(self) -> None:
        """Log in now unless a session is held (classic); one login at a time."""
        await self._runner.ensure_session()

    async def fetch(self, endpoint: Endpoint[T], **args: Any) -> T:
        """Call any endpoint object of :mod:`growattServer.protocol` through the engine."""
        return await self._call(endpoint, **args)

    async def _call(self, endpoint: Endpoint[T], **args: Any) -> T:
        """Run one endpoint through the engine. Every method ends here."""
        result = await self._runner.run(self._engine.call(endpoint, args))
        learn = getattr(endpoint, "plant_offsets", None)
        if learn is not None:
            for plant_id, offset in learn(result, args).items():
                self._clock.learn(plant_id, offset)
        return result

    def __repr__(self) -> str:
        """Safe to log: no credentials, no token, no cookies."""
        session = self._engine.state.has_session
        return f"{type(self).__name__}(server_url={self._server_url!r}, session={session})"
