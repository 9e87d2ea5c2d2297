"""The ``aiohttp`` driver: sends a :class:`Request`, returns an :class:`Exchange`.

It never follows a redirect to a login page (that redirect *is* the answer: the session
expired), carries cookies explicitly instead of through the session's cookie jar (the
engine owns them, persists them, and an injected jar may be shared or may ignore
cookies from IP hosts), bounds every request with ``asyncio.timeout``, and turns every
aiohttp or socket failure into a :class:`~growattServer.errors.GrowattConnectionError`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from urllib.parse import urlencode, urljoin

import aiohttp

from growattServer.engine.steps import Exchange
from growattServer.errors import GrowattConnectionError, GrowattTimeoutError
from growattServer.protocol.answers import Outcome, classify
from growattServer.protocol.request import RawResponse, Request

__all__ = ["DEFAULT_TIMEOUT_S", "new_session", "send"]

_LOGGER = logging.getLogger("growattServer.transport")

#: Seconds for a whole request, body included. Growatt is slow, never this slow.
DEFAULT_TIMEOUT_S = 30.0
_MAX_HOPS = 5
_FORM_TYPE = "application/x-www-form-urlencoded"


def new_session() -> aiohttp.ClientSession:
    """A session for one client: no cookie jar, since the engine carries the cookies."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar())


async def send(
    session: aiohttp.ClientSession,
    base_url: str,
    request: Request,
    *,
    headers: Mapping[str, str],
    cookies: Mapping[str, str],
    request_timeout: float = DEFAULT_TIMEOUT_S,
) -> Exchange:
    """Send one request (following ordinary redirects when it allows them)."""
    _LOGGER.debug(
        "%s %s (%s)", request.method, request.path, ", ".join(request.field_names()) or "no fields"
    )
    try:
        async with asyncio.timeout(request_timeout):
            exchange = await _send(session, base_url, request, headers, cookies)
    except TimeoutError:
        msg = f"{request.name}: no answer within {request_timeout:g} s"
        raise GrowattTimeoutError(msg) from None
    except (aiohttp.ClientError, OSError) as err:
        # The aiohttp message may hold the URL; the class name says enough.
        msg = f"{request.name}: connection failed ({type(err).__name__})"
        raise GrowattConnectionError(msg) from None
    _LOGGER.debug("%s %s -> HTTP %s", request.method, request.path, exchange.raw.status)
    return exchange


async def _send(
    session: aiohttp.ClientSession,
    base_url: str,
    request: Request,
    headers: Mapping[str, str],
    cookies: Mapping[str, str],
) -> Exchange:
    method: str = request.method
    url = base_url + request.path
    params: list[tuple[str, str]] | None = list(request.query) or None
    body = _body(request)
    all_headers = dict(headers)
    if request.form:
        all_headers["Content-Type"] = _FORM_TYPE
    jar: dict[str, str] = {}
    for _hop in range(_MAX_HOPS):
        async with session.request(
            method,
            url,
            params=params,
            data=body,
            headers=all_headers,
            cookies=dict(cookies) or None,
            allow_redirects=False,
        ) as response:
            raw = RawResponse(
                response.status,
                {name.lower(): value for name, value in response.headers.items()},
                await response.read(),
            )
            jar.update({name: morsel.value for name, morsel in response.cookies.items()})
        if not (300 <= raw.status < 400 and raw.location and request.allow_redirects):
            break
        if classify(raw) is Outcome.EXPIRED:
            break  # the login page is the answer, not a place to go
        method, url, params, body = "GET", urljoin(url, raw.location), None, None
        all_headers.pop("Content-Type", None)
    return Exchange(raw, jar)


def _body(request: Request) -> bytes | aiohttp.FormData | None:
    if request.multipart is not None:
        form = aiohttp.FormData(default_to_multipart=True)
        for name, value in request.multipart:
            form.add_field(name, value)
        return form
    if request.form:
        return urlencode(list(request.form)).encode("ascii")
    return None
