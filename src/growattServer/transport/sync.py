"""The ``requests`` driver: sends a :class:`Request`, returns a :class:`RawResponse`.

It keeps growattServer's transport contract: the session carries a response hook that
calls ``raise_for_status()``, so HTTP 4xx/5xx surface as ``requests.HTTPError``, and
connection trouble stays a ``requests`` exception. Unlike growattServer, every request
has a timeout, and TLS verification cannot be switched off here.
"""

from __future__ import annotations

import logging
from typing import Any

import requests

from growattServer.engine.steps import Exchange
from growattServer.errors import (
    BlockedJSONError,
    GrowattConnectionError,
    GrowattTimeoutError,
    NotJSONError,
    SessionExpiredJSONError,
    UnexpectedJSONError,
)
from growattServer.protocol.request import RawResponse, Request

__all__ = [
    "DEFAULT_TIMEOUT",
    "Timeout",
    "as_requests_error",
    "exchange",
    "install_status_hook",
    "send",
]

_LOGGER = logging.getLogger("growattServer")

Timeout = float | tuple[float, float]

#: (connect, read) seconds. Growatt's servers are slow, but never this slow.
DEFAULT_TIMEOUT: Timeout = (10.0, 60.0)


def _raise_for_status(response: requests.Response, *_args: object, **_kwargs: object) -> None:
    response.raise_for_status()


def install_status_hook(session: requests.Session) -> None:
    """Make every 4xx/5xx raise ``requests.HTTPError``, as growattServer's session did."""
    session.hooks["response"] = [_raise_for_status]


def send(
    session: requests.Session, base_url: str, request: Request, timeout: Timeout
) -> RawResponse:
    """Send one request; redirects are followed unless the request says otherwise."""
    return _raw(_request(session, base_url, request, timeout))


def exchange(
    session: requests.Session,
    base_url: str,
    request: Request,
    *,
    cookies: dict[str, str],
    timeout: Timeout,
) -> Exchange:
    """One exchange for the session engine: the engine owns the cookies (it sends them
    and keeps the ones set here), and transport failures come back typed."""
    try:
        response = _request(session, base_url, request, timeout, cookies)
    except requests.Timeout:
        msg = f"{request.name or request.path}: Growatt did not answer in time"
        raise GrowattTimeoutError(msg) from None
    except requests.RequestException as err:
        msg = f"{request.name or request.path}: {type(err).__name__}"
        raise GrowattConnectionError(msg) from None
    return Exchange(_raw(response), dict(response.cookies.items()))


def _raw(response: requests.Response) -> RawResponse:
    headers = {name.lower(): value for name, value in response.headers.items()}
    return RawResponse(response.status_code, headers, response.content)


def _request(
    session: requests.Session,
    base_url: str,
    request: Request,
    timeout: Timeout,
    cookies: dict[str, str] | None = None,
) -> requests.Response:
    files: Any = None
    if request.multipart is not None:
        # (None, value) parts: named fields without file names, as growattServer sent.
        files = [(name, (None, value)) for name, value in request.multipart]
    data: Any = None if request.form is None else list(request.form)
    _LOGGER.debug(
        "%s %s (%s)", request.method, request.path, ", ".join(request.field_names()) or "no fields"
    )
    response = session.request(
        request.method,
        base_url + request.path,
        params=list(request.query) or None,
        data=data,
        files=files,
        allow_redirects=request.allow_redirects,
        timeout=timeout,
        verify=True,
        cookies=cookies,
    )
    _LOGGER.debug("%s %s -> HTTP %s", request.method, request.path, response.status_code)
    return response


# --- JSON errors that are also requests errors ------------------------------------------------
# growattServer's ``response.json()`` raised requests.exceptions.JSONDecodeError, which is a
# RequestException too; Home Assistant's coordinator relies on that to report a request
# error instead of an "unexpected" one. These keep both ancestries.


def _requests_flavour(base: type[NotJSONError]) -> type[NotJSONError]:
    class Flavoured(base, requests.exceptions.JSONDecodeError):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            base.__init__(self, *args, **kwargs)
            self.response = None
            self.request = None

    Flavoured.__name__ = base.__name__
    Flavoured.__qualname__ = base.__qualname__
    return Flavoured


_FLAVOURS: dict[type[NotJSONError], type[NotJSONError]] = {
    cls: _requests_flavour(cls)
    for cls in (SessionExpiredJSONError, BlockedJSONError, UnexpectedJSONError)
}


def as_requests_error(error: NotJSONError) -> NotJSONError:
    """The same error, also a ``requests.exceptions.JSONDecodeError``."""
    flavour = _FLAVOURS.get(type(error))
    if flavour is None:
        return error
    return flavour(
        error.endpoint,
        status=error.status,
        content_type=error.content_type,
        body=error.doc,
        pos=error.pos,
    )
