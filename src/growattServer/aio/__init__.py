"""Async mirrors of the drop-in classes, on aiohttp and the session engine."""

from .classic import AsyncGrowattApi
from .devices import AsyncDevice, AsyncMin, AsyncSph
from .openapi_v1 import AsyncOpenApiV1

__all__ = ["AsyncDevice", "AsyncGrowattApi", "AsyncMin", "AsyncOpenApiV1", "AsyncSph"]
