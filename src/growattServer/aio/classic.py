"""``AsyncGrowattApi``: the classic (ShinePhone) client, method for method, on asyncio.

The methods, arguments and return shapes are those of
:class:`growattServer.compat.GrowattApi`: both inherit the one declaration of each
method in :mod:`growattServer.methods.classic`, on the endpoint objects of
:mod:`growattServer.protocol.classic`. The differences are
those of the async API: every error is a typed
:class:`~growattServer.errors.GrowattError` (never ``KeyError``, ``JSONDecodeError`` or
an aiohttp exception); the session is renewed when it expires, once, with one login
for all concurrent calls; logins stay within a budget; ``login`` raises when refused.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import aiohttp

from growattServer.engine import ClassicCredentials, EngineOptions
from growattServer.engine.policy import Clock
from growattServer.methods.classic import DEFAULT_AGENT, ClassicMethods, JSONDict, user_agent
from growattServer.regions import DEFAULT_SERVER_URL
from growattServer.transport.aio import DEFAULT_TIMEOUT_S

from .base import AsyncClientBase
from .runner import DEFAULT_IN_FLIGHT

__all__ = ["AsyncGrowattApi"]


class AsyncGrowattApi(ClassicMethods, AsyncClientBase):
    """Async client for the ShinePhone API (user name + password, cookie session).

    ``add_random_user_id`` and ``agent_identifier`` shape the User-Agent as in
    :class:`~growattServer.compat.GrowattApi`. ``session`` is an optional
    ``aiohttp.ClientSession`` (left open); ``state`` is what :meth:`export_state`
    returned before (it is adopted at :meth:`login` when it belongs to that account);
    ``options`` tunes the login budget, retries and pacing.
    """

    agent_identifier: str = DEFAULT_AGENT

    def __init__(
        self,
        add_random_user_id: bool = False,
        agent_identifier: str | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT_S,
        session: aiohttp.ClientSession | None = None,
        server_url: str = DEFAULT_SERVER_URL,
        options: EngineOptions | None = None,
        state: Mapping[str, Any] | None = None,
        in_flight: int = DEFAULT_IN_FLIGHT,
        clock: Clock = time.time,
    ) -> None:
        """Create the client; nothing is sent until a method is awaited."""
        self.agent_identifier = user_agent(
            self.agent_identifier, add_random_user_id, agent_identifier
        )
        super().__init__(
            agent=self.agent_identifier,
            server_url=server_url,
            timeout=timeout,
            session=session,
            options=options,
            state=state,
            in_flight=in_flight,
            clock=clock,
        )

    # --- the methods ------------------------------------------------------------------------
    # Every public method but ``login`` is declared once in
    # :class:`growattServer.methods.classic.ClassicMethods` and made an ``async def`` here.

    async def login(
        self, username: str, password: str, is_password_hashed: bool = False
    ) -> JSONDict:
        """Log in, or reuse the session this client already holds for this account.

        Returns ``back`` with ``userId``/``userLevel`` like :meth:`GrowattApi.login`, but a
        refused login *raises* (:class:`~growattServer.errors.InvalidCredentialsError` for
        msg 502, :class:`~growattServer.errors.AccountLockedError` for 507) instead of
        returning ``success: False``. Calling it on every refresh is safe: it logs in
        only when there is no session, within the login budget.

        Written here and in ``GrowattApi`` on purpose: that one answers a refusal with a
        dict, as growattServer did, and always sends the login.
        """
        self.use_credentials(ClassicCredentials(username, password, is_password_hashed))
        await self._runner.ensure_session()
        return self.engine.session_answer()
