"""``AsyncOpenApiV1``: the token (OpenAPI v1) client, method for method, on asyncio.

The methods of :class:`growattServer.compat.OpenApiV1`, from the same declarations
(:mod:`growattServer.methods.openapi_v1`) on the same endpoint objects of
:mod:`growattServer.protocol.openapi_v1`. Reads are paced per
endpoint and device (5 minutes by default, see
:class:`~growattServer.engine.EngineOptions`), so Growatt's 10012 is avoided rather than
met; when it is met anyway it raises
:class:`~growattServer.errors.RateLimitedError` with ``retry_after``, or serves the last
good answer when ``serve_stale`` is set.
"""

from __future__ import annotations

import time

import aiohttp

from growattServer.engine import EngineOptions
from growattServer.engine.policy import Clock
from growattServer.methods.devices import pick_device_class
from growattServer.methods.openapi_v1 import V1Methods
from growattServer.regions import DEFAULT_SERVER_URL
from growattServer.transport.aio import DEFAULT_TIMEOUT_S

from .classic import AsyncGrowattApi
from .devices import AsyncDevice, AsyncMin, AsyncSph
from .runner import DEFAULT_IN_FLIGHT

__all__ = ["AsyncOpenApiV1"]


class AsyncOpenApiV1(V1Methods, AsyncGrowattApi):
    """Async client for the OpenAPI v1 (header ``token``); every call returns ``data``."""

    def __init__(
        self,
        token: str,
        *,
        timeout: float = DEFAULT_TIMEOUT_S,
        session: aiohttp.ClientSession | None = None,
        server_url: str = DEFAULT_SERVER_URL,
        options: EngineOptions | None = None,
        in_flight: int = DEFAULT_IN_FLIGHT,
        clock: Clock = time.time,
    ) -> None:
        """Create the client; the token travels in the ``token`` header of every call."""
        super().__init__(
            timeout=timeout,
            session=session,
            server_url=server_url,
            options=options,
            in_flight=in_flight,
            clock=clock,
        )
        self._headers["token"] = token

    # The methods are declared once in :class:`growattServer.methods.openapi_v1.V1Methods`;
    # only the device objects built here are this client's own.

    def get_device(self, device_sn: str, device_type: int) -> AsyncDevice | None:
        """An :class:`AsyncMin` for type 7, an :class:`AsyncSph` for type 5, else ``None``
        and a warning."""
        device_class = pick_device_class(device_type, AsyncMin, AsyncSph)
        return None if device_class is None else device_class(self, device_sn)
