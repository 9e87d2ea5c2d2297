"""Drop-in successor of growattServer: clients for the Growatt solar cloud.

The public names are those of growattServer 2.2.0, plus the error hierarchy in
:mod:`growattServer.errors`.
"""

from .auth import hash_password
from .compat import AbstractDevice, GrowattApi, Min, OpenApiV1, Sph
from .errors import (
    GrowattError,
    GrowattParameterError,
    GrowattV1ApiError,
    GrowattV1ApiErrorCode,
)
from .protocol.classic import (
    BATT_MODE_BATTERY_FIRST,
    BATT_MODE_GRID_FIRST,
    BATT_MODE_LOAD_FIRST,
    Timespan,
)
from .protocol.openapi_v1 import DeviceType

name = "growattServer"

__all__ = [
    "BATT_MODE_BATTERY_FIRST",
    "BATT_MODE_GRID_FIRST",
    "BATT_MODE_LOAD_FIRST",
    "AbstractDevice",
    "DeviceType",
    "GrowattApi",
    "GrowattError",
    "GrowattParameterError",
    "GrowattV1ApiError",
    "GrowattV1ApiErrorCode",
    "Min",
    "OpenApiV1",
    "Sph",
    "Timespan",
    "hash_password",
]
