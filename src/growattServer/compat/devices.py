"""Device objects behind ``OpenApiV1.get_device``: ``Min`` (type 7) and ``Sph`` (type 5).

Each is a serial number bound to a client; its methods, declared once in
:mod:`growattServer.methods.devices` (shared with the async devices), call the matching
``OpenApiV1.min_*`` / ``sph_*`` method, so there is one code path per endpoint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from growattServer.methods.devices import DeviceBase, MinMethods, SphMethods
from growattServer.methods.plan import SyncFacade

if TYPE_CHECKING:
    from .openapi_v1 import OpenApiV1

__all__ = ["AbstractDevice", "Min", "Sph"]


class AbstractDevice(DeviceBase["OpenApiV1"], SyncFacade):
    """A device of one family; use :class:`Min` or :class:`Sph`."""

    api: OpenApiV1


class Min(MinMethods, AbstractDevice):
    """MIN / TLX inverter (v1 ``type`` 7)."""


class Sph(SphMethods, AbstractDevice):
    """SPH / MIX hybrid inverter (v1 ``type`` 5)."""
