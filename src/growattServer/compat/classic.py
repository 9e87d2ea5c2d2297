"""``GrowattApi``: growattServer's synchronous classic client, method for method.

The methods are declared once, as plans, in :mod:`growattServer.methods.classic`
(shared with :class:`~growattServer.aio.AsyncGrowattApi`); inheriting
:class:`~growattServer.methods.plan.SyncFacade` makes them plain methods that send each
endpoint through :meth:`GrowattApi._call`, the single place where a request is sent
(and where the session engine will hook in). Return values are the raw dicts and lists
growattServer returned.

Where growattServer hurt its users, this class differs on purpose (see ``docs/compat.md``):

* every request has a timeout (``timeout=``, default :data:`DEFAULT_TIMEOUT`);
* default dates are the plant's local date (else this machine's), not the UTC date;
* an answer that is not JSON raises an error that is a ``json.JSONDecodeError`` *and*
  a :class:`~growattServer.errors.GrowattError` saying why (session expired, blocked,
  unexpected); HTTP 4xx/5xx still raise ``requests.HTTPError``;
* a missing envelope key raises :class:`~growattServer.errors.MissingKeyError`, never a
  bare ``KeyError``;
* ``server_url`` accepts Home Assistant's region keys;
* passwords, hashes, tokens and cookies never reach logs, messages or ``repr()``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

import requests

from growattServer.engine import ClassicCredentials, Engine, EngineOptions
from growattServer.engine.policy import Clock
from growattServer.engine.steps import Exchange
from growattServer.errors import AuthError, GrowattError, NotJSONError, RateLimitedError
from growattServer.methods.classic import DEFAULT_AGENT, ClassicMethods, JSONDict, user_agent
from growattServer.methods.plan import SyncFacade
from growattServer.protocol import classic as ep
from growattServer.protocol.dates import PlantClock
from growattServer.protocol.request import Args, RawResponse, Request
from growattServer.regions import DEFAULT_SERVER_URL, resolve_server_url
from growattServer.settings.guard import check_write
from growattServer.transport.sync import (
    DEFAULT_TIMEOUT,
    Timeout,
    as_requests_error,
    exchange,
    install_status_hook,
    send,
)

from .managed import SyncPlanRunner

__all__ = ["DEFAULT_AGENT", "GrowattApi"]

_LOGGER = logging.getLogger("growattServer")


T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class _Endpoint(Protocol[T_co]):
    @property
    def name(self) -> str:
        """Name used in logs and error messages."""
        ...

    def request(self, args: Args) -> Request: ...

    def read(self, raw: RawResponse, args: Args) -> T_co: ...


class GrowattApi(ClassicMethods, SyncFacade):
    """Client for the ShinePhone API (user name + password, cookie session).

    ``add_random_user_id`` appends `` - NNNNN`` (5 random digits) to the User-Agent;
    ``agent_identifier`` replaces its base text. ``timeout`` is in seconds (a number or
    a ``(connect, read)`` pair) and applies to every request; it may be changed later
    through the ``timeout`` attribute. ``session`` is the ``requests.Session`` used.

    ``managed=True`` (opt-in) puts the session engine of the async clients behind
    every call: ``login()`` logs in only when no session is held (so calling it on
    every refresh is safe), an expired session is renewed once and the call retried,
    logins stay within ``options``' budget and never happen while Growatt's 507 lock
    lasts, token-API calls are paced, reads are retried with backoff, and failures are
    typed :class:`~growattServer.errors.GrowattError` subclasses. ``state`` is what
    :meth:`export_state` returned before. Without it, each call is one request, exactly
    as growattServer sent it.

    ``validate_settings=True`` (opt-in) checks every settings write against the schema
    of :mod:`growattServer.settings` first: a value it refuses raises
    :class:`~growattServer.errors.GrowattParameterError` and nothing is sent.
    """

    agent_identifier: str = DEFAULT_AGENT

    def __init__(
        self,
        add_random_user_id: bool = False,
        agent_identifier: str | None = None,
        *,
        timeout: Timeout = DEFAULT_TIMEOUT,
        managed: bool = False,
        options: EngineOptions | None = None,
        state: Mapping[str, Any] | None = None,
        clock: Clock = time.time,
        validate_settings: bool = False,
    ) -> None:
        """Create the client; nothing is sent until a method is called."""
        self._check_write: Callable[[Any, Args], None] | None = (
            check_write if validate_settings else None
        )
        self.agent_identifier = user_agent(
            self.agent_identifier, add_random_user_id, agent_identifier
        )
        self.timeout: Timeout = timeout
        self._server_url = DEFAULT_SERVER_URL
        self._clock = PlantClock()
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": self.agent_identifier})
        self._engine: Engine | None = None
        self._runner: SyncPlanRunner | None = None
        self._pending_state = state  # adopted at login(), once the account is known
        if managed:
            # The engine reads status codes itself, so no raise_for_status hook here.
            self._engine = Engine(server_url=self._server_url, clock=clock, options=options)
            self._runner = SyncPlanRunner(self._engine, self._exchange)
        else:
            install_status_hook(self.session)

    # --- plumbing ----------------------------------------------------------------------------

    @property
    def server_url(self) -> str:
        """Base URL of every classic call; a region key such as ``"north_america"`` works too."""
        return self._server_url

    @server_url.setter
    def server_url(self, value: str) -> None:
        self._server_url = resolve_server_url(value)
        if self._engine is not None:
            self._engine.set_server_url(self._server_url)

    def _base_url(self, request: Request) -> str:
        return self.server_url

    def export_state(self) -> dict[str, Any]:
        """Managed mode: cookies, login history and lock as JSON-serialisable data, to
        pass back as ``state=`` after a restart (a secret: store it like a password)."""
        if self._engine is None:
            msg = "export_state needs GrowattApi(managed=True)"
            raise GrowattError(msg)
        return self._engine.export_state()

    def _exchange(self, request: Request, cookies: dict[str, str]) -> Exchange:
        return exchange(
            self.session, self._base_url(request), request, cookies=cookies, timeout=self.timeout
        )

    def _call(self, endpoint: _Endpoint[T], **args: Any) -> T:
        """Send one endpoint's request and read its answer. Every method ends here."""
        if self._check_write is not None:
            self._check_write(endpoint, args)
        if self._runner is not None and self._engine is not None:
            result = self._runner.run(self._engine.call(endpoint, args))
        else:
            request = endpoint.request(args)
            raw = send(self.session, self._base_url(request), request, self.timeout)
            try:
                result = endpoint.read(raw, args)
            except NotJSONError as err:
                _LOGGER.debug("%s: %s", endpoint.name, type(err).__name__)
                raise as_requests_error(err) from None
        learn = getattr(endpoint, "plant_offsets", None)
        if learn is not None:
            for plant_id, offset in learn(result, args).items():
                self._clock.learn(plant_id, offset)
        return result

    def __repr__(self) -> str:
        """Safe to log: no credentials, no cookies."""
        engine = self._engine
        logged_in = engine.state.has_session if engine is not None else bool(self.session.cookies)
        return f"{type(self).__name__}(server_url={self.server_url!r}, session_cookies={logged_in})"

    # --- the methods ------------------------------------------------------------------------
    # Every public method but ``login`` is declared once in
    # :class:`growattServer.methods.classic.ClassicMethods` and made a plain method here.

    def login(self, username: str, password: str, is_password_hashed: bool = False) -> JSONDict:
        """Log in; returns ``back`` (+ ``userId``/``userLevel`` on success). A refused
        login returns the dict with ``success: False`` and ``msg`` ("502", "507", ...).

        In managed mode it logs in only when no session is held for this account (and
        within the login budget); a refusal still comes back as a dict, never raised.

        Written here and in ``AsyncGrowattApi`` on purpose: the async ``login`` raises on
        refusal, this one answers like growattServer."""
        if self._runner is None or self._engine is None:
            return self._call(
                ep.LOGIN,
                username=username,
                password=password,
                is_password_hashed=is_password_hashed,
            )
        credentials = ClassicCredentials(username, password, is_password_hashed)
        self._engine.sign_in_as(credentials, self._pending_state)
        self._pending_state = None
        try:
            self._runner.ensure_session()
        except (AuthError, RateLimitedError) as refused:
            back: JSONDict = {
                "success": False,
                "msg": str(refused.code or ""),
                "error": str(refused),
            }
            return back
        return self._engine.session_answer()
