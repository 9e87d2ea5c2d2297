"""Everything this package raises, in one hierarchy.

``GrowattError`` is the root. The compatibility facade keeps growattServer 2.2.0's
contract on top of it: HTTP 4xx/5xx stay ``requests.HTTPError`` and transport failures
stay ``requests`` exceptions; an answer that is not JSON raises one of the
``*JSONError`` classes below, which are ``json.JSONDecodeError`` *and* a
``GrowattError`` that names the cause.

No exception built here carries a password, a password hash, a token or a cookie: the
messages are written from status codes, server codes and server texts only.

How the classes map onto Home Assistant's three outcomes, one branch each:

* ``AuthError`` (``InvalidCredentialsError``, ``AccountLockedError``,
  ``TokenInvalidError``): *auth failed*, ask the user (``ConfigEntryAuthFailed``);
* ``GrowattConnectionError`` (timeouts, 5xx, firewall pages, resets) and
  ``RateLimitedError``: *not ready*, try again later (``ConfigEntryNotReady`` at setup,
  ``UpdateFailed`` on refresh); ``retry_after`` says when, where known;
* every other ``GrowattError`` (``UnexpectedResponseError``,
  ``UnsupportedDeviceError``, …): *error*, a bug or an unsupported device
  (``ConfigEntryError``).
"""

from __future__ import annotations

import json
from enum import IntEnum

__all__ = [
    "AccountLockedError",
    "AuthError",
    "BlockedError",
    "BlockedJSONError",
    "ClientRateLimitedError",
    "GrowattConnectionError",
    "GrowattError",
    "GrowattParameterError",
    "GrowattTimeoutError",
    "GrowattV1ApiError",
    "GrowattV1ApiErrorCode",
    "InvalidCredentialsError",
    "LoginThrottledError",
    "MissingKeyError",
    "NotJSONError",
    "ParseError",
    "RateLimitedError",
    "ServerError",
    "SessionExpiredError",
    "SessionExpiredJSONError",
    "TokenInvalidError",
    "UnexpectedJSONError",
    "UnexpectedResponseError",
    "UnsupportedDeviceError",
    "V1NoPrivilegeError",
    "V1RateLimitedError",
]


class GrowattV1ApiErrorCode(IntEnum):
    """Generic ``error_code`` values of the OpenAPI v1 (openapi.md §1.5).

    Endpoint-specific codes reuse some of these numbers with other meanings (for
    ``tlxSet``/``mixSet`` 10012 is "device does not exist"), so a code alone does not
    prove a rate limit: :func:`growattServer.protocol.answers.v1_error` also looks at
    ``error_msg``.
    """

    SUCCESS = 0
    NO_PRIVILEGE = 10011
    RATE_LIMITED = 10012
    PAGE_SIZE_TOO_LARGE = 10013
    PAGE_COUNT_TOO_LARGE = 10014
    WRONG_DOMAIN = -1


class GrowattError(Exception):
    """Root of every error this package raises itself.

    ``code`` and ``server_text`` carry what the server said (a login ``msg`` such as
    ``"507"``, a v1 ``error_code``, an HTTP status), when there is something.
    """

    def __init__(
        self,
        message: str = "",
        *,
        code: int | str | None = None,
        server_text: str | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.server_text = server_text


class GrowattParameterError(GrowattError):
    """An argument was refused before anything was sent."""


# --- authentication -----------------------------------------------------------------


class AuthError(GrowattError):
    """The server refused who we are."""


class InvalidCredentialsError(AuthError):
    """Wrong user name or password, or an account that lives on another region."""


class AccountLockedError(AuthError):
    """Too many logins: Growatt locked the account (login ``msg`` ``"507"``).

    ``retry_after`` is the lock duration in seconds when the server said it.
    """

    def __init__(
        self,
        message: str = "",
        *,
        retry_after: float | None = None,
        code: int | str | None = None,
        server_text: str | None = None,
    ) -> None:
        super().__init__(message, code=code, server_text=server_text)
        self.retry_after = retry_after


class TokenInvalidError(AuthError):
    """The OpenAPI token was refused (``error_code`` 10011)."""


# --- transport-level trouble --------------------------------------------------------


class GrowattConnectionError(GrowattError):
    """The server could not be reached or did not answer usefully."""


class GrowattTimeoutError(GrowattConnectionError):
    """The server did not answer in time."""


class ServerError(GrowattConnectionError):
    """The server answered with an HTTP 5xx status."""


class BlockedError(GrowattConnectionError):
    """A firewall or CDN in front of Growatt refused the request (403/405 pages)."""


class RateLimitedError(GrowattError):
    """Asked too often. ``retry_after`` is in seconds when known."""

    def __init__(
        self,
        message: str = "",
        *,
        retry_after: float | None = None,
        code: int | str | None = None,
        server_text: str | None = None,
    ) -> None:
        super().__init__(message, code=code, server_text=server_text)
        self.retry_after = retry_after


class LoginThrottledError(RateLimitedError):
    """The login budget is spent: logging in now would risk Growatt's 24-hour lock."""


class ClientRateLimitedError(RateLimitedError):
    """Asked sooner than Growatt allows; refused here, before Growatt could say 10012."""


class UnexpectedResponseError(GrowattError):
    """The answer did not have the shape this endpoint always has."""


class ParseError(UnexpectedResponseError):
    """A value in an answer could not be read as what it should be.

    ``field`` names where it was (``"tlx_detail.pac"``), ``value`` is what was there
    (cut to 80 characters in the message; answers carry readings, never secrets).
    """

    def __init__(self, field: str, value: object, expected: str) -> None:
        shown = repr(value)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        super().__init__(f"{field}: cannot read {shown} as {expected}")
        self.field = field
        self.value = value
        self.expected = expected


class UnsupportedDeviceError(GrowattError):
    """The device family has no implementation here."""


class SessionExpiredError(AuthError):
    """The classic cookie session is gone: the server answered with its login page."""


# --- compatibility shapes -------------------------------------------------------------


class MissingKeyError(UnexpectedResponseError, KeyError):
    """An expected key is absent from the answer.

    It is still a ``KeyError`` so code written for growattServer (Home Assistant's
    config flow catches ``KeyError``) keeps working, but it names the endpoint.
    """

    def __str__(self) -> str:
        # KeyError.__str__ would repr() the message and wrap it in quotes.
        return str(self.args[0]) if self.args else ""


class NotJSONError(GrowattError, json.JSONDecodeError):
    """An answer that should be JSON is not.

    It is a ``json.JSONDecodeError`` (what growattServer raised) and a
    ``GrowattError``; the subclass says why. ``status`` and ``content_type`` describe
    the answer; ``doc`` holds at most the first 200 characters of the body.
    """

    reason = "the answer is not JSON"

    def __init__(
        self,
        endpoint: str,
        *,
        status: int,
        content_type: str,
        body: str,
        pos: int = 0,
    ) -> None:
        message = f"{endpoint}: {self.reason} (HTTP {status}, {content_type or 'no content type'})"
        json.JSONDecodeError.__init__(self, message, body[:200], min(pos, 200))
        self.code = status
        self.server_text = None
        self.endpoint = endpoint
        self.status = status
        self.content_type = content_type

    def __reduce__(self) -> tuple[object, ...]:
        return (Exception.__new__, (type(self),), self.__dict__)


class SessionExpiredJSONError(NotJSONError, SessionExpiredError):
    """The login page (or a redirect to it) came back instead of JSON."""

    reason = "the session has expired: the server answered with its login page"


class BlockedJSONError(NotJSONError, BlockedError):
    """A firewall or CDN page came back instead of JSON."""

    reason = "the request was blocked by a firewall in front of Growatt"


class UnexpectedJSONError(NotJSONError, UnexpectedResponseError):
    """Anything else that is not JSON: an empty body, truncated JSON, another page."""

    reason = "the answer is not valid JSON"


# --- OpenAPI v1 ---------------------------------------------------------------------


class GrowattV1ApiError(GrowattError):
    """An OpenAPI v1 answer whose ``error_code`` is not 0.

    Both codes are optional so that ``GrowattV1ApiError("msg")`` works as it did in
    growattServer 1.9 and in Home Assistant's tests.
    """

    def __init__(
        self,
        message: str,
        error_code: int | None = None,
        error_msg: str | None = None,
    ) -> None:
        super().__init__(message, code=error_code, server_text=error_msg)
        self.message = message
        self.error_code = error_code
        self.error_msg = error_msg

    def __str__(self) -> str:
        if self.error_code is None:
            return self.message
        return f"{self.message}: [{self.error_code}] {self.error_msg}"


class V1NoPrivilegeError(GrowattV1ApiError, TokenInvalidError):
    """``error_code`` 10011: the token may not see this (or is wrong)."""


class V1RateLimitedError(GrowattV1ApiError, RateLimitedError):
    """``error_code`` 10012 with ``error_frequently_access``: asked too often."""

    def __init__(
        self,
        message: str,
        error_code: int | None = None,
        error_msg: str | None = None,
    ) -> None:
        super().__init__(message, error_code, error_msg)
        # Growatt documents "once per 5 minutes" for this code.
        self.retry_after: float | None = 300.0
