"""Drop-in successor of growattServer: clients for the Growatt solar cloud.

The public names are those of growattServer 2.2.0, the typed error hierarchy, the
async clients (`GrowattClient`, `AsyncGrowattApi`, `AsyncOpenApiV1`) and the main
typed models (`AccountSnapshot`, `Plant`, `Device`, ...; all of them are in
`growattServer.models`). Clients and models are loaded on first use, so that
`import growattServer` stays as light as the sync API needs.
"""

from typing import TYPE_CHECKING, Any

from .auth import hash_password
from .compat import AbstractDevice, GrowattApi, Min, OpenApiV1, Sph
from .errors import (
    AccountLockedError,
    AuthError,
    BlockedError,
    ClientRateLimitedError,
    GrowattConnectionError,
    GrowattError,
    GrowattParameterError,
    GrowattTimeoutError,
    GrowattV1ApiError,
    GrowattV1ApiErrorCode,
    InvalidCredentialsError,
    LoginThrottledError,
    ParseError,
    RateLimitedError,
    ServerError,
    SessionExpiredError,
    TokenInvalidError,
    UnexpectedResponseError,
    UnsupportedDeviceError,
)
from .protocol.classic import (
    BATT_MODE_BATTERY_FIRST,
    BATT_MODE_GRID_FIRST,
    BATT_MODE_LOAD_FIRST,
    Timespan,
)
from .protocol.openapi_v1 import DeviceType

if TYPE_CHECKING:
    from .aio import AsyncGrowattApi, AsyncOpenApiV1
    from .client import GrowattClient
    from .models import (
        AccountSnapshot,
        Device,
        DeviceFamily,
        EnergyTotals,
        MonotonicGuard,
        Plant,
        PowerFlow,
        Reading,
    )

name = "growattServer"

_LAZY = {
    "AsyncGrowattApi": "aio",
    "AsyncOpenApiV1": "aio",
    "GrowattClient": "client",
    # the typed models (growattServer.models has the rest)
    "AccountSnapshot": "models",
    "Device": "models",
    "DeviceFamily": "models",
    "EnergyTotals": "models",
    "MonotonicGuard": "models",
    "Plant": "models",
    "PowerFlow": "models",
    "Reading": "models",
}


def __getattr__(attribute: str) -> Any:
    """Import the aiohttp-based clients and the models only when someone asks for them."""
    module = _LAZY.get(attribute)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {attribute!r}")
    from importlib import import_module  # noqa: PLC0415

    return getattr(import_module(f".{module}", __name__), attribute)


__all__ = [
    "BATT_MODE_BATTERY_FIRST",
    "BATT_MODE_GRID_FIRST",
    "BATT_MODE_LOAD_FIRST",
    "AbstractDevice",
    "AccountLockedError",
    "AccountSnapshot",
    "AsyncGrowattApi",
    "AsyncOpenApiV1",
    "AuthError",
    "BlockedError",
    "ClientRateLimitedError",
    "Device",
    "DeviceFamily",
    "DeviceType",
    "EnergyTotals",
    "GrowattApi",
    "GrowattClient",
    "GrowattConnectionError",
    "GrowattError",
    "GrowattParameterError",
    "GrowattTimeoutError",
    "GrowattV1ApiError",
    "GrowattV1ApiErrorCode",
    "InvalidCredentialsError",
    "LoginThrottledError",
    "Min",
    "MonotonicGuard",
    "OpenApiV1",
    "ParseError",
    "Plant",
    "PowerFlow",
    "RateLimitedError",
    "Reading",
    "ServerError",
    "SessionExpiredError",
    "Sph",
    "Timespan",
    "TokenInvalidError",
    "UnexpectedResponseError",
    "UnsupportedDeviceError",
    "hash_password",
]
