"""``GrowattClient``: the high-level async client, one per account.

    async with GrowattClient.classic("user", "password") as client:
        snapshot = await client.snapshot()

``snapshot()`` fetches every plant, every device and its current values concurrently
(at most 4 requests in flight per account by default). Plant and device lists change
rarely and the token API allows few list calls a day, so they are re-read only after
``discovery_ttl_s``; a steady-state snapshot is then one round trip of value reads,
with no login.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from typing import Any, Literal, Self

import aiohttp

from growattServer.aio import AsyncGrowattApi, AsyncOpenApiV1
from growattServer.aio.runner import DEFAULT_IN_FLIGHT
from growattServer.discovery import CLASSIC_VALUES, V1_VALUES, ValueRead
from growattServer.engine import ClassicCredentials, EngineOptions
from growattServer.engine.policy import Clock
from growattServer.errors import AuthError, GrowattError, UnexpectedResponseError
from growattServer.protocol import classic as ep
from growattServer.protocol import openapi_v1 as v1
from growattServer.regions import DEFAULT_SERVER_URL
from growattServer.snapshot import DeviceSnapshot, PlantSnapshot, Snapshot
from growattServer.transport.aio import DEFAULT_TIMEOUT_S

__all__ = ["GrowattClient"]

JSONDict = dict[str, Any]
Listing = list[tuple[JSONDict, list[JSONDict]]]

CLASSIC_DISCOVERY_TTL_S = 3600.0
#: plant/list is allowed about 10 times a day (openapi.md §6.1).
TOKEN_DISCOVERY_TTL_S = 6 * 3600.0


class GrowattClient:
    """One Growatt account, classic (user name + password) or token."""

    def __init__(
        self,
        api: AsyncGrowattApi,
        kind: Literal["classic", "token"],
        *,
        discovery_ttl_s: float,
        clock: Clock,
    ) -> None:
        """Use :meth:`classic` or :meth:`token`."""
        self.api = api
        self.kind = kind
        self.discovery_ttl_s = discovery_ttl_s
        self._clock = clock
        self._listing: Listing | None = None
        self._listed_at = 0.0

    @classmethod
    def classic(
        cls,
        username: str,
        password: str,
        *,
        server_url: str = DEFAULT_SERVER_URL,
        session: aiohttp.ClientSession | None = None,
        state: Mapping[str, Any] | None = None,
        options: EngineOptions | None = None,
        timeout: float = DEFAULT_TIMEOUT_S,
        in_flight: int = DEFAULT_IN_FLIGHT,
        discovery_ttl_s: float = CLASSIC_DISCOVERY_TTL_S,
        clock: Clock = time.time,
    ) -> GrowattClient:
        """A ShinePhone account. Logs in lazily, on the first call that needs it; with
        ``state`` from :meth:`export_state` it reuses that session instead."""
        api = AsyncGrowattApi(
            timeout=timeout,
            session=session,
            server_url=server_url,
            options=options,
            state=state,
            in_flight=in_flight,
            clock=clock,
        )
        api.use_credentials(ClassicCredentials(username, password))
        return cls(api, "classic", discovery_ttl_s=discovery_ttl_s, clock=clock)

    @classmethod
    def token(
        cls,
        token: str,
        *,
        server_url: str = DEFAULT_SERVER_URL,
        session: aiohttp.ClientSession | None = None,
        options: EngineOptions | None = None,
        timeout: float = DEFAULT_TIMEOUT_S,
        in_flight: int = DEFAULT_IN_FLIGHT,
        discovery_ttl_s: float = TOKEN_DISCOVERY_TTL_S,
        clock: Clock = time.time,
    ) -> GrowattClient:
        """An OpenAPI v1 token."""
        api = AsyncOpenApiV1(
            token,
            timeout=timeout,
            session=session,
            server_url=server_url,
            options=options,
            in_flight=in_flight,
            clock=clock,
        )
        return cls(api, "token", discovery_ttl_s=discovery_ttl_s, clock=clock)

    # --- lifecycle -------------------------------------------------------------------------------

    def export_state(self) -> dict[str, Any]:
        """Session cookies, login history and lock (classic); store it like a password."""
        return self.api.export_state()

    async def close(self) -> None:
        """Close the HTTP session if the client opened it."""
        await self.api.close()

    async def __aenter__(self) -> Self:
        """``async with`` closes an owned session on the way out."""
        return self

    async def __aexit__(self, *_exc: object) -> None:
        """Close what we opened."""
        await self.close()

    def __repr__(self) -> str:
        """No credentials, no token, no cookies."""
        return f"GrowattClient({self.kind}, {self.api!r})"

    # --- snapshot --------------------------------------------------------------------------------

    async def snapshot(self, *, rediscover: bool = False) -> Snapshot:
        """Every plant, device and current value. Auth errors raise; a failed value
        read is kept in that device's ``errors``."""
        listing = await self._discover(force=rediscover)
        plants: list[PlantSnapshot] = []
        jobs: list[tuple[DeviceSnapshot, ValueRead, str]] = []
        for plant_entry, device_entries in listing:
            plant_id = str(plant_entry.get("plantId", plant_entry.get("plant_id", "")))
            name = str(plant_entry.get("plantName", plant_entry.get("name", "")))
            plant = PlantSnapshot(plant_id, name, plant_entry)
            for entry in device_entries:
                device = self._device(entry)
                plant.devices.append(device)
                jobs += [(device, read, plant_id) for read in self._reads(device.kind)]
            plants.append(plant)
        results = await asyncio.gather(
            *(
                self.api.fetch(read.endpoint, **read.args(plant_id, device.serial))
                for device, read, plant_id in jobs
            ),
            return_exceptions=True,
        )
        for (device, read, _plant_id), result in zip(jobs, results, strict=True):
            if isinstance(result, AuthError):
                raise result
            if isinstance(result, GrowattError):
                device.errors[read.endpoint.name] = result
            elif isinstance(result, BaseException):
                raise result
            else:
                device.values[read.endpoint.name] = result
        return Snapshot(plants, self._clock())

    def _device(self, entry: JSONDict) -> DeviceSnapshot:
        if self.kind == "classic":
            return DeviceSnapshot(
                str(entry.get("deviceSn", "")), str(entry.get("deviceType", "")), entry
            )
        return DeviceSnapshot(str(entry.get("device_sn", "")), str(entry.get("type", "")), entry)

    def _reads(self, kind: str) -> tuple[ValueRead, ...]:
        table = CLASSIC_VALUES if self.kind == "classic" else V1_VALUES
        return table.get(kind, ())

    async def _discover(self, *, force: bool) -> Listing:
        now = self._clock()
        fresh = now - self._listed_at < self.discovery_ttl_s
        if self._listing is not None and fresh and not force:
            return self._listing
        plants = await (self._classic_plants() if self.kind == "classic" else self._v1_plants())
        devices = await asyncio.gather(*(self._devices_of(plant) for plant in plants))
        self._listing = list(zip(plants, devices, strict=True))
        self._listed_at = now
        return self._listing

    async def _classic_plants(self) -> list[JSONDict]:
        await self.api.ensure_session()  # the plant list needs the user id
        back = await self.api.plant_list(str(self.api.engine.state.user_id))
        return _dict_list(back.get("data"), "plant_list")

    async def _v1_plants(self) -> list[JSONDict]:
        data = await self.api.fetch(v1.PLANT_LIST)
        return _dict_list(_member(data, "plants"), "plant_list")

    async def _devices_of(self, plant: JSONDict) -> list[JSONDict]:
        if self.kind == "classic":
            answer = await self.api.fetch(ep.ALL_DEVICES, plant_id=plant.get("plantId"))
            return _dict_list(answer, "all_devices")
        data = await self.api.fetch(v1.DEVICE_LIST, plant_id=plant.get("plant_id"))
        return _dict_list(_member(data, "devices"), "device_list")


def _member(data: object, key: str) -> object:
    return data.get(key) if isinstance(data, dict) else None


def _dict_list(value: object, name: str) -> list[JSONDict]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        msg = f"{name}: expected a list of objects"
        raise UnexpectedResponseError(msg)
    return value
