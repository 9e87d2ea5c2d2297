"""The session engine: one policy for every call, whichever driver performs it.

For a call it decides, in order: may we ask at all (client-side pacing, v1)? do we
need a session (classic)? what does the answer mean (data, expired session, blocked,
server trouble, rate limit)? and then re-logs in once, retries a read with backoff, or
raises a typed error. For a login it checks the lock and the login budget first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from growattServer.errors import (
    AccountLockedError,
    AuthError,
    BlockedError,
    GrowattConnectionError,
    GrowattError,
    InvalidCredentialsError,
    RateLimitedError,
    ServerError,
    SessionExpiredError,
    UnexpectedJSONError,
    UnexpectedResponseError,
)
from growattServer.protocol import classic as classic_endpoints
from growattServer.protocol.answers import DEFAULT_LOCK_S, Outcome, classify, login_failure
from growattServer.protocol.request import Args, Endpoint, RawResponse, Request

from .backoff import RetryPolicy
from .budget import LoginBudget
from .errors import ClientRateLimitedError, LoginThrottledError, public_error
from .limiter import DEFAULT_V1_WINDOW_S, DEFAULT_V1_WINDOWS, RateKey, RateLimiter, rate_key
from .state import SessionState, account_fingerprint
from .steps import Exchange, NeedSession, Plan, Send, Wait

__all__ = ["ClassicCredentials", "Clock", "Engine", "EngineOptions"]

_LOGGER = logging.getLogger("growattServer.engine")

T = TypeVar("T")
Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class ClassicCredentials:
    """User name and password of a ShinePhone account (the password never in a repr)."""

    username: str
    password: str = field(repr=False)
    is_password_hashed: bool = False


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """Every knob of the policy, with conservative defaults.

    ``v1_windows`` maps a v1 path to its pacing window in seconds (0 = unpaced), by
    default the documented windows (:data:`~growattServer.engine.limiter.DEFAULT_V1_WINDOWS`);
    paths it does not name get ``v1_default_window_s``. ``v1_windows={}`` with
    ``v1_default_window_s=0`` switches client-side pacing off. ``serve_stale`` answers a
    rate-limited read with its last good answer instead of raising.
    """

    budget: LoginBudget = field(default_factory=LoginBudget)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    v1_default_window_s: float = DEFAULT_V1_WINDOW_S
    v1_windows: Mapping[str, float] = field(default_factory=lambda: DEFAULT_V1_WINDOWS)
    serve_stale: bool = False


class Engine:
    """The policy of one account: its session state, login budget and pacing."""

    def __init__(
        self,
        *,
        server_url: str,
        clock: Clock,
        options: EngineOptions | None = None,
        credentials: ClassicCredentials | None = None,
        state: Mapping[str, Any] | None = None,
    ) -> None:
        """``state`` is what :meth:`export_state` returned earlier, for this account."""
        self.options = options or EngineOptions()
        self.clock = clock
        self.server_url = server_url
        self.credentials: ClassicCredentials | None = None
        self.state = SessionState(server_url=server_url)
        self.limiter = RateLimiter(self.options.v1_default_window_s, self.options.v1_windows)
        self.login_answer: dict[str, Any] | None = None
        self._credentials_refused = False
        self.set_credentials(credentials)
        if state is not None:
            self.import_state(state)

    # --- credentials and persisted state -----------------------------------------------------

    def set_credentials(self, credentials: ClassicCredentials | None) -> None:
        """Use these credentials from now on; a different account starts a fresh state."""
        if credentials == self.credentials:
            return
        fingerprint = (
            account_fingerprint(self.server_url, credentials.username) if credentials else ""
        )
        if fingerprint != self.state.account:
            self.state = SessionState(server_url=self.server_url, account=fingerprint)
            self.login_answer = None
        self.credentials = credentials
        self._credentials_refused = False

    def set_server_url(self, server_url: str) -> None:
        """Sessions belong to one server: moving starts a fresh state."""
        if server_url == self.server_url:
            return
        self.server_url = server_url
        username = self.credentials.username if self.credentials else None
        fingerprint = account_fingerprint(server_url, username) if username else ""
        self.state = SessionState(server_url=server_url, account=fingerprint)
        self.login_answer = None

    def session_answer(self) -> dict[str, Any]:
        """What a ``login()`` that found a session returns: the login's ``back``, or for a
        session restored from saved state (no login seen) its user id alone."""
        if self.login_answer is not None:
            return self.login_answer
        user_id = self.state.user_id
        return {"success": True, "msg": "", "userId": user_id, "user": {"id": user_id}}

    def export_state(self) -> dict[str, Any]:
        """Session cookies, login history and lock as JSON-serialisable data (a secret)."""
        self.state.login_times = self.options.budget.prune(self.state.login_times, self.clock())
        return self.state.to_dict()

    def sign_in_as(
        self, credentials: ClassicCredentials, saved: Mapping[str, Any] | None = None
    ) -> None:
        """Use these credentials, adopting ``saved`` state if it is this account's.

        Clients hold a saved state until the credentials are known, because the state
        says which account and server it belongs to.
        """
        self.set_credentials(credentials)
        if saved is not None:
            self.import_state(saved)

    def import_state(self, data: Mapping[str, Any]) -> bool:
        """Adopt a persisted state if it belongs to this account and server."""
        candidate = SessionState.from_dict(dict(data))
        if candidate.server_url != self.server_url or candidate.account != self.state.account:
            _LOGGER.debug("ignoring a session state saved for another account or server")
            return False
        candidate.generation = self.state.generation + 1
        self.state = candidate
        return True

    @property
    def can_login(self) -> bool:
        """Credentials are known."""
        return self.credentials is not None

    # --- a classic login -------------------------------------------------------------------------

    def login(self) -> Plan[int]:
        """Log in if the lock and the budget allow it; returns the session generation."""
        credentials = self.credentials
        if credentials is None:
            msg = "no classic session and no credentials to log in with"
            raise AuthError(msg)
        now = self.clock()
        if self.state.locked_until > now:
            msg = "the account is locked by Growatt; not trying to log in before the lock ends"
            raise AccountLockedError(msg, retry_after=self.state.locked_until - now, code="507")
        if self._credentials_refused:
            msg = "Growatt refused these credentials before; not trying them again"
            raise InvalidCredentialsError(msg, code="502")
        budget = self.options.budget
        wait = budget.wait_time(self.state.login_times, now)
        if wait > 0:
            msg = f"login budget spent ({budget.max_logins} per {budget.window_s:g} s)"
            raise LoginThrottledError(msg, retry_after=wait)
        self.state.login_times = [*budget.prune(self.state.login_times, now), now]
        args = {
            "username": credentials.username,
            "password": credentials.password,
            "is_password_hashed": credentials.is_password_hashed,
        }
        endpoint = classic_endpoints.LOGIN
        request = endpoint.request(args)
        _LOGGER.debug("logging in (login %d in the budget window)", len(self.state.login_times))
        exchange: Exchange = yield Send(request)
        self._raise_for_outcome(classify(exchange.raw), exchange.raw, request)
        try:
            back = endpoint.read(exchange.raw, args)
        except GrowattError as err:
            raise public_error(err) from None
        failure = login_failure(back)
        if failure is not None:
            self._note_login_failure(failure, now)
            raise failure
        self.login_answer = back
        generation = self.state.start_session(dict(exchange.cookies), _text(back.get("userId")))
        _LOGGER.debug("logged in; session generation %d", generation)
        return generation

    def _note_login_failure(self, failure: GrowattError, now: float) -> None:
        if isinstance(failure, AccountLockedError):
            lock = failure.retry_after if failure.retry_after else DEFAULT_LOCK_S
            self.state.locked_until = now + lock
            _LOGGER.warning("Growatt locked the account; no login for %.0f s", lock)
        elif isinstance(failure, InvalidCredentialsError):
            self._credentials_refused = True
        self.state.forget_session(None)

    # --- any other call --------------------------------------------------------------------------

    def call(self, endpoint: Endpoint[T], args: Args) -> Plan[T]:
        """Plan one endpoint call: pacing, session, retries, re-login, typed errors."""
        request = endpoint.request(args)
        key = self._rate_key(request, args)
        if key is not None:
            wait = self.limiter.wait_time(key, self.clock())
            if wait > 0:
                msg = f"{request.name}: asked again before Growatt allows it"
                return cast(
                    "T", self._stale_or_raise(key, ClientRateLimitedError(msg, retry_after=wait))
                )
        classic = request.api == "classic"
        stale: int | None = None
        relogged = False
        retries = 0
        while True:
            generation: int | None = None
            if classic and (stale is not None or not self.state.has_session):
                generation = yield NeedSession(stale)
            elif classic:
                generation = self.state.generation
            if key is not None:
                self.limiter.sent(key, self.clock())
            try:
                exchange: Exchange = yield Send(request, self.state.cookies if classic else {})
            except GrowattConnectionError:
                if not self._may_retry(request, retries):
                    raise
                retries += 1
                yield Wait(self.options.retry.delay(retries))
                continue
            raw = exchange.raw
            outcome = classify(raw)
            if outcome is Outcome.EXPIRED and classic:
                _LOGGER.debug("%s: the session has expired", request.name)
                self.state.forget_session(generation)
                if relogged or not self.can_login:
                    msg = f"{request.name}: the session expired and could not be renewed"
                    raise SessionExpiredError(msg, code=raw.status)
                relogged = True
                stale = generation
                continue
            if outcome is Outcome.SERVER_ERROR and self._may_retry(request, retries):
                retries += 1
                yield Wait(self.options.retry.delay(retries))
                continue
            self._raise_for_outcome(outcome, raw, request)
            if classic:
                self.state.merge_cookies(dict(exchange.cookies))
            try:
                result = endpoint.read(raw, args)
            except RateLimitedError as err:
                if key is not None:
                    self.limiter.refused(key, self.clock(), err.retry_after)
                    return cast("T", self._stale_or_raise(key, public_error(err)))
                raise public_error(err) from None
            except UnexpectedJSONError as err:
                # A cut-off body is a transport accident; a read may ask again.
                if not self._may_retry(request, retries):
                    raise public_error(err) from None
                retries += 1
                yield Wait(self.options.retry.delay(retries))
                continue
            except GrowattError as err:
                raise public_error(err) from None
            if key is not None:
                self.limiter.remember(key, result)
            return result

    # --- helpers ----------------------------------------------------------------------------------

    def _rate_key(self, request: Request, args: Args) -> RateKey | None:
        if request.api != "v1" or request.is_write:
            return None
        key = rate_key(request, args)
        return key if self.limiter.window(key) > 0 else None

    def _may_retry(self, request: Request, retries: int) -> bool:
        return not request.is_write and retries < self.options.retry.retries

    def _stale_or_raise(self, key: RateKey, error: GrowattError) -> Any:
        if self.options.serve_stale:
            found, answer = self.limiter.last_good(key)
            if found:
                _LOGGER.debug("%s: rate limited, serving the last good answer", key[0])
                return answer
        raise error

    @staticmethod
    def _raise_for_outcome(outcome: Outcome, raw: RawResponse, request: Request) -> None:
        name = request.name
        if outcome is Outcome.DATA:
            return
        if outcome is Outcome.BLOCKED:
            msg = f"{name}: blocked by the firewall in front of Growatt (HTTP {raw.status})"
            raise BlockedError(msg, code=raw.status)
        if outcome is Outcome.RATE_LIMITED:
            msg = f"{name}: Growatt asks to slow down (HTTP {raw.status})"
            raise RateLimitedError(msg, code=raw.status)
        if outcome is Outcome.SERVER_ERROR:
            msg = f"{name}: Growatt answered HTTP {raw.status}"
            raise ServerError(msg, code=raw.status)
        if outcome is Outcome.EXPIRED:
            msg = f"{name}: the server answered with its login page (HTTP {raw.status})"
            raise UnexpectedResponseError(msg, code=raw.status)
        msg = f"{name}: unexpected answer (HTTP {raw.status}, {raw.content_type or 'no type'})"
        raise UnexpectedResponseError(msg, code=raw.status)


def _text(value: object) -> str | None:
    return None if value is None else str(value)
