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
from typing import Any, Protocol, TypeVar

import requests

from growattServer.errors import NotJSONError
from growattServer.methods.classic import DEFAULT_AGENT, ClassicMethods, JSONDict, user_agent
from growattServer.methods.plan import SyncFacade
from growattServer.protocol import classic as ep
from growattServer.protocol.dates import PlantClock
from growattServer.protocol.request import Args, RawResponse, Request
from growattServer.regions import DEFAULT_SERVER_URL, resolve_server_url
from growattServer.transport.sync import (
    DEFAULT_TIMEOUT,
    Timeout,
    as_requests_error,
    install_status_hook,
    send,
)

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
    """

    agent_identifier: str = DEFAULT_AGENT

    def __init__(
        self,
        add_random_user_id: bool = False,
        agent_identifier: str | None = None,
        *,
        timeout: Timeout = DEFAULT_TIMEOUT,
    ) -> None:
        """Create the client; nothing is sent until a method is called."""
        self.agent_identifier = user_agent(
            self.agent_identifier, add_random_user_id, agent_identifier
        )
        self.timeout: Timeout = timeout
        self._server_url = DEFAULT_SERVER_URL
        self._clock = PlantClock()
        self.session = requests.Session()
        install_status_hook(self.session)
        self.session.headers.update({"User-Agent": self.agent_identifier})

    # --- plumbing ----------------------------------------------------------------------------

    @property
    def server_url(self) -> str:
        """Base URL of every classic call; a region key such as ``"north_america"`` works too."""
        return self._server_url

    @server_url.setter
    def server_url(self, value: str) -> None:
        self._server_url = resolve_server_url(value)

    def _base_url(self, request: Request) -> str:
        return self.server_url

    def _call(self, endpoint: _Endpoint[T], **args: Any) -> T:
        """Send one endpoint's request and read its answer. Every method ends here."""
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
        logged_in = bool(self.session.cookies)
        return f"{type(self).__name__}(server_url={self.server_url!r}, session_cookies={logged_in})"

    # --- the methods ------------------------------------------------------------------------
    # Every public method but ``login`` is declared once in
    # :class:`growattServer.methods.classic.ClassicMethods` and made a plain method here.

    def login(self, username: str, password: str, is_password_hashed: bool = False) -> JSONDict:
        """Log in; returns ``back`` (+ ``userId``/``userLevel`` on success). A refused
        login returns the dict with ``success: False`` and ``msg`` ("502", "507", ...).

        Written here and in ``AsyncGrowattApi`` on purpose: the async ``login`` raises on
        refusal and reuses a held session, this one answers like growattServer."""
        return self._call(
            ep.LOGIN, username=username, password=password, is_password_hashed=is_password_hashed
        )
