"""Device objects behind ``AsyncOpenApiV1.get_device``: ``AsyncMin`` (type 7) and ``AsyncSph``
(type 5), the async forms of :mod:`growattServer.compat.devices`.

Each is a serial number bound to a client; its methods, declared once in
:mod:`growattServer.methods.devices` (shared with the sync devices), await the matching
``AsyncOpenApiV1.min_*`` / ``sph_*`` method, so there is one code path per endpoint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from growattServer.methods.devices import DeviceBase, MinMethods, SphMethods
from growattServer.methods.plan import AsyncFacade

if TYPE_CHECKING:
    from .openapi_v1 import AsyncOpenApiV1

__all__ = ["AsyncDevice", "AsyncMin", "AsyncSph"]


class AsyncDevice(DeviceBase["AsyncOpenApiV1"], AsyncFacade):
    """A device of one family; use :class:`AsyncMin` or :class:`AsyncSph`."""

    api: AsyncOpenApiV1


class AsyncMin(MinMethods, AsyncDevice):
    """MIN / TLX inverter (v1 ``type`` 7)."""


class AsyncSph(SphMethods, AsyncDevice):
    """SPH / MIX hybrid inverter (v1 ``type`` 5)."""
