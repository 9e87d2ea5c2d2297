"""``OpenApiV1``: growattServer's synchronous token client, method for method.

As in growattServer it subclasses :class:`GrowattApi` (so ``isinstance`` checks and
the classic methods keep working) but ``plant_list`` and ``device_list`` take the v1
arguments. Differences on purpose (see ``docs/compat.md``): the v1 base URL follows
``server_url`` whenever it is read, so setting ``server_url`` after construction (as
Home Assistant does) selects the region; default dates are local, not UTC; requests
time out.
"""

from __future__ import annotations

import time

from growattServer.engine import EngineOptions
from growattServer.engine.policy import Clock
from growattServer.methods.devices import pick_device_class
from growattServer.methods.openapi_v1 import V1Methods, python_agent
from growattServer.transport.sync import DEFAULT_TIMEOUT, Timeout

from .classic import GrowattApi
from .devices import AbstractDevice, Min, Sph

__all__ = ["OpenApiV1"]


class OpenApiV1(V1Methods, GrowattApi):
    """Client for the OpenAPI v1 (header ``token``); every call returns ``data``.

    A non-zero ``error_code`` raises :class:`~growattServer.GrowattV1ApiError`
    (10011 as :class:`~growattServer.errors.V1NoPrivilegeError`, 10012 with
    ``error_frequently_access`` as :class:`~growattServer.errors.V1RateLimitedError`,
    both subclasses).
    """

    def __init__(
        self,
        token: str,
        *,
        timeout: Timeout = DEFAULT_TIMEOUT,
        managed: bool = False,
        options: EngineOptions | None = None,
        clock: Clock = time.time,
        validate_settings: bool = False,
    ) -> None:
        """Create the client; the token travels in the ``token`` header of every call.

        ``managed=True`` paces calls below Growatt's documented per-endpoint limits and
        retries reads, and ``validate_settings=True`` checks settings writes against the
        schema before sending, as :class:`GrowattApi` explains."""
        super().__init__(
            agent_identifier=python_agent(),
            timeout=timeout,
            managed=managed,
            options=options,
            clock=clock,
            validate_settings=validate_settings,
        )
        self.session.headers.update({"token": token})

    # The methods are declared once in :class:`growattServer.methods.openapi_v1.V1Methods`;
    # only the device objects built here are this client's own.

    def get_device(self, device_sn: str, device_type: int) -> AbstractDevice | None:
        """A :class:`Min` for type 7, a :class:`Sph` for type 5, else ``None`` and a warning."""
        device_class = pick_device_class(device_type, Min, Sph)
        return None if device_class is None else device_class(self, device_sn)
