"""Classify what the server sent back, before any endpoint reads it.

Growatt signals trouble in several ways (shinephone-api.md §2.4, §2.6, §8; openapi.md
§1.4-§1.5): HTML login pages with status 200, 302 redirects to the login page, HTML
"Error500" pages saying "you have not login", firewall pages with 403/405, login
answers with ``msg`` "502"/"507", and v1 bodies with a non-zero ``error_code``.
This module turns each into one :class:`Outcome` or one exception; it never imports
an HTTP library, so the sync and async drivers share it.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from typing import Any

from growattServer.errors import (
    AccountLockedError,
    BlockedJSONError,
    GrowattError,
    GrowattV1ApiError,
    GrowattV1ApiErrorCode,
    InvalidCredentialsError,
    MissingKeyError,
    NotJSONError,
    SessionExpiredJSONError,
    UnexpectedJSONError,
    UnexpectedResponseError,
    V1NoPrivilegeError,
    V1RateLimitedError,
)

from .request import RawResponse

__all__ = [
    "DEFAULT_LOCK_S",
    "LOGIN_ACCOUNT_LOCKED",
    "LOGIN_INVALID_CREDENTIALS",
    "Outcome",
    "classify",
    "decode_json",
    "login_failure",
    "require_key",
    "require_mapping",
    "v1_error",
]

LOGIN_INVALID_CREDENTIALS = "502"
LOGIN_ACCOUNT_LOCKED = "507"
DEFAULT_LOCK_S = 24 * 3600.0
RATE_LIMIT_TEXT = "error_frequently_access"

# Lower-case fragments that identify a page; checked in this order.
_BLOCK_MARKERS = ("ua acl", "blacklist", "has been blocked", "potential threats", "waf")
_LOGIN_MARKERS = (
    "not login",
    "not logged in",
    "login.do",
    "errornologin",
    'type="password"',
    'name="password"',
    "还未登录",
    "<title>login",
)


class Outcome(enum.Enum):
    """What kind of answer this is, as far as the transport can tell."""

    DATA = "data"
    EXPIRED = "expired"
    BLOCKED = "blocked"
    RATE_LIMITED = "rate_limited"
    SERVER_ERROR = "server_error"
    UNEXPECTED = "unexpected"


def _looks_like(text: str, markers: tuple[str, ...]) -> bool:
    lowered = text.lower()
    return any(marker in lowered for marker in markers)


def classify(raw: RawResponse) -> Outcome:
    """Sort an answer by status and body, without parsing JSON."""
    text = raw.text()
    if 300 <= raw.status < 400:
        target = raw.location.lower()
        return Outcome.EXPIRED if "login" in target else Outcome.UNEXPECTED
    if raw.status == 429:
        return Outcome.RATE_LIMITED
    if raw.status in (403, 405) or _looks_like(text, _BLOCK_MARKERS):
        return Outcome.BLOCKED
    if _looks_like(text, _LOGIN_MARKERS) and not text.lstrip().startswith(("{", "[")):
        return Outcome.EXPIRED
    if raw.status >= 500:
        return Outcome.SERVER_ERROR
    if raw.status >= 400 or not text.strip():
        return Outcome.UNEXPECTED
    return Outcome.DATA


def decode_json(raw: RawResponse, endpoint: str) -> Any:
    """Parse the body as JSON whatever the content type says (v1 sends text/plain).

    Raises a :class:`~growattServer.errors.NotJSONError` subclass naming the cause.
    """
    text = raw.text()
    outcome = classify(raw)
    error_class: type[NotJSONError] = UnexpectedJSONError
    if outcome is Outcome.EXPIRED:
        error_class = SessionExpiredJSONError
    elif outcome is Outcome.BLOCKED:
        error_class = BlockedJSONError
    if outcome in (Outcome.EXPIRED, Outcome.BLOCKED):
        raise error_class(endpoint, status=raw.status, content_type=raw.content_type, body=text)
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise UnexpectedJSONError(
            endpoint, status=raw.status, content_type=raw.content_type, body=text, pos=err.pos
        ) from None


def require_mapping(body: object, endpoint: str) -> dict[str, Any]:
    """The body (or a part of it) must be a JSON object."""
    if not isinstance(body, dict):
        kind = type(body).__name__
        msg = f"{endpoint}: expected a JSON object, got {kind}"
        raise UnexpectedResponseError(msg)
    return body


def require_key(body: Mapping[str, Any], key: str, endpoint: str) -> Any:
    """Return ``body[key]`` or raise a :class:`MissingKeyError` naming the endpoint."""
    if key not in body:
        msg = f"{endpoint}: the answer has no {key!r} member"
        raise MissingKeyError(msg)
    return body[key]


def login_failure(back: Mapping[str, Any]) -> GrowattError | None:
    """Map a failed classic login (``back.success`` false) to an exception.

    The compatibility ``login()`` returns the dict instead of raising, as
    growattServer did; the session engine raises what this returns.
    """
    if back.get("success"):
        return None
    code = str(back.get("msg", ""))
    text = back.get("error")
    server_text = str(text) if text is not None else None
    if code == LOGIN_ACCOUNT_LOCKED:
        # Growatt's 507 usually says "24" (hours); older answers say nothing: assume 24.
        retry_after = _hours_to_seconds(back.get("lockDuration")) or DEFAULT_LOCK_S
        return AccountLockedError(
            "Growatt locked the account after too many logins",
            retry_after=retry_after,
            code=code,
            server_text=server_text,
        )
    if code == LOGIN_INVALID_CREDENTIALS:
        return InvalidCredentialsError(
            "Growatt refused the user name or password (or the account lives on another server)",
            code=code,
            server_text=server_text,
        )
    return GrowattError(
        f"Growatt refused the login (msg {code!r})", code=code, server_text=server_text
    )


def _hours_to_seconds(value: object) -> float | None:
    try:
        return float(str(value)) * 3600.0
    except ValueError:
        return None


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError:
        return None


def v1_error(body: Mapping[str, Any], operation: str) -> GrowattV1ApiError | None:
    """Return the error a v1 body stands for, or ``None`` when ``error_code`` is 0.

    A missing ``error_code`` counts as an error, as it did in growattServer 2.2.0.
    """
    code = body.get("error_code", 1)
    if code == 0:
        return None
    error_msg = body.get("error_msg", "Unknown error")
    message = f"Error during {operation}"
    number = _as_int(code)
    if number == GrowattV1ApiErrorCode.NO_PRIVILEGE:
        return V1NoPrivilegeError(message, error_code=number, error_msg=error_msg)
    # 10012 also means "device does not exist" on tlxSet/mixSet: trust the text too.
    if number == GrowattV1ApiErrorCode.RATE_LIMITED and error_msg == RATE_LIMIT_TEXT:
        return V1RateLimitedError(message, error_code=number, error_msg=error_msg)
    return GrowattV1ApiError(message, error_code=number, error_msg=error_msg)
