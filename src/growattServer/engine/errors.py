"""The engine's own refusals, and the public face of every error.

The async API promises typed errors only: no ``KeyError``, no ``JSONDecodeError``, no
HTTP-library exception. The protocol layer raises classes that are *also* those (for
growattServer compatibility), so :func:`public_error` re-raises them as their plain
``GrowattError`` parent with the same code and server text.
"""

from __future__ import annotations

from growattServer.errors import (
    BlockedError,
    ClientRateLimitedError,
    GrowattError,
    LoginThrottledError,
    MissingKeyError,
    NotJSONError,
    SessionExpiredError,
    UnexpectedResponseError,
)

__all__ = ["ClientRateLimitedError", "LoginThrottledError", "public_error"]  # re-exported


def public_error(error: GrowattError) -> GrowattError:
    """The same error without its ``KeyError``/``JSONDecodeError`` compatibility ancestry."""
    plain: type[GrowattError] | None = None
    if isinstance(error, NotJSONError):
        if isinstance(error, SessionExpiredError):
            plain = SessionExpiredError
        elif isinstance(error, BlockedError):
            plain = BlockedError
        else:
            plain = UnexpectedResponseError
        message = error.msg  # JSONDecodeError keeps the text without position noise here
    elif isinstance(error, MissingKeyError):
        plain = UnexpectedResponseError
        message = str(error)
    if plain is None:
        return error
    converted = plain(message, code=error.code, server_text=error.server_text)
    converted.__cause__ = None
    return converted
