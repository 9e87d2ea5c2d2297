"""growattServer 2.2.0's synchronous classes, rebuilt on :mod:`growattServer.protocol`."""

from .classic import GrowattApi
from .devices import AbstractDevice, Min, Sph
from .openapi_v1 import OpenApiV1

__all__ = ["AbstractDevice", "GrowattApi", "Min", "OpenApiV1", "Sph"]
