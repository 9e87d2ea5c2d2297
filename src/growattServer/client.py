"""``GrowattClient``: the high-level async client, one per account.

    async with GrowattClient.classic("user", "password") as client:
        snapshot = await client.snapshot()

``snapshot()`` fetches every plant, every device and its current values concurrently
(at most 4 requests in flight per account by default) and returns them typed
(:class:`~growattServer.models.AccountSnapshot`). Plant and device lists change
rarely and the token API allows few list calls a day, so they are re-read only after
``discovery_ttl_s``; a steady-state snapshot is then one round trip of value reads,
with no login.

Growatt allows some reads only every few minutes (the token API's device and plant
reads: once per 5 minutes). A snapshot taken sooner reuses that read's last answer
instead of asking: nothing is sent, and the reading's own ``time`` tells its age.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Literal, Self

import aiohttp

from growattServer.aio import AsyncGrowattApi, AsyncOpenApiV1
from growattServer.aio.runner import DEFAULT_IN_FLIGHT
from growattServer.discovery import (
    CLASSIC_PLANT_READ,
    CLASSIC_VALUES,
    V1_PLANT_READ,
    V1_VALUES,
    ValueRead,
    noah_entries,
)
from growattServer.engine import ClassicCredentials, EngineOptions
from growattServer.engine.policy import Clock
from growattServer.errors import (
    AuthError,
    ClientRateLimitedError,
    GrowattError,
    UnexpectedResponseError,
)
from growattServer.models import AccountSnapshot, Device, Plant, PlantState
from growattServer.protocol import classic as ep
from growattServer.protocol import openapi_v1 as v1
from growattServer.regions import DEFAULT_SERVER_URL
from growattServer.settings import DeviceSettings
from growattServer.settings.client import DEFAULT_SETTLE_S
from growattServer.snapshot import Answers, assemble_plant, device_of, plant_id_of
from growattServer.transport.aio import DEFAULT_TIMEOUT_S

__all__ = ["GrowattClient"]

_LOGGER = logging.getLogger(__name__)

JSONDict = dict[str, Any]
Listing = list[tuple[JSONDict, list[JSONDict]]]
#: (endpoint name, plant id, serial number) of one value read
ReadKey = tuple[str, str, str]

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
        self._known_plants: dict[str, Plant] = {}  # the last plant read that succeeded
        # the last answer of each read and when it came (for reads not asked every time)
        self._last_answers: dict[ReadKey, tuple[float, Any]] = {}

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

    # --- settings --------------------------------------------------------------------------------

    def settings(
        self,
        serial: str,
        family: str,
        *,
        settle_s: float = DEFAULT_SETTLE_S,
        read_back: bool = True,
    ) -> DeviceSettings:
        """Checked writes to one device: the schema refuses bad values before anything
        is sent, and each write is read back (:mod:`growattServer.settings`).

        ``family``: classic ``tlx``, ``mix``, ``spa``, ``inverter``, ``noah`` or ``plant``
        (``serial`` is then the plant id); token ``min`` or ``sph``. Every object this
        returns for one client shares that client's per-device write locks."""
        return DeviceSettings(self.api, serial, family, settle_s=settle_s, read_back=read_back)

    # --- devices ---------------------------------------------------------------------------------

    async def devices(self, *, rediscover: bool = False) -> list[Device]:
        """Every device of every plant, typed, without reading their values: the
        plant list and one device listing per plant (cached like the snapshot's)."""
        now = self._clock()
        if self._listing is None or rediscover or now - self._listed_at >= self.discovery_ttl_s:
            entries = await self._plants()
            listed, extra = await asyncio.gather(
                asyncio.gather(*(self._devices_of(entry) for entry in entries)),
                asyncio.gather(*(self._extra_devices(entry) for entry in entries)),
            )
            self._listing = [
                (entry, [*devices, *(found or [])])
                for entry, devices, found in zip(entries, listed, extra, strict=True)
            ]
            complete = all(found is not None for found in extra)
            self._listed_at = now if complete else float("-inf")
        return [
            device
            for entry, devices in self._listing
            for device_entry in devices
            if (device := device_of(self.kind, device_entry, plant_id_of(entry))) is not None
        ]

    # --- snapshot --------------------------------------------------------------------------------

    async def snapshot(self, *, rediscover: bool = False) -> AccountSnapshot:
        """Every plant, device, latest reading and energy total, typed. Auth errors
        raise; a failed or unreadable value read is kept in that device's (or plant's)
        ``errors``.

        A cold snapshot is pipelined: a plant's value reads start as soon as its own
        device list arrives, while other plants are still being listed."""
        now = self._clock()
        taken_at = datetime.fromtimestamp(now, UTC)
        fresh = now - self._listed_at < self.discovery_ttl_s
        if self._listing is not None and fresh and not rediscover:
            plants = await asyncio.gather(
                *(self._read_plant(entry, devices, taken_at) for entry, devices in self._listing)
            )
            return AccountSnapshot(list(plants), taken_at)
        entries = await self._plants()
        # Every plant's list request is queued before any follow-up, so the first
        # round trip after the plant list carries as many of them as the limit allows.
        listings = [asyncio.ensure_future(self._devices_of(entry)) for entry in entries]
        extras = [asyncio.ensure_future(self._extra_devices(entry)) for entry in entries]
        try:
            done = await asyncio.gather(
                *(
                    self._discover_and_read(entry, listing, extra, taken_at)
                    for entry, listing, extra in zip(entries, listings, extras, strict=True)
                )
            )
        except BaseException:
            for task in (*listings, *extras):
                task.cancel()
            raise
        self._listing = [(entry, devices) for entry, devices, _plant, _complete in done]
        complete = all(found for _entry, _devices, _plant, found in done)
        self._listed_at = now if complete else float("-inf")  # incomplete: list again next time
        return AccountSnapshot([plant for _entry, _devices, plant, _complete in done], taken_at)

    async def _discover_and_read(
        self,
        entry: JSONDict,
        listing: asyncio.Future[list[JSONDict]],
        extra: asyncio.Future[list[JSONDict] | None],
        taken_at: datetime,
    ) -> tuple[JSONDict, list[JSONDict], PlantState, bool]:
        """One plant: its device list, then at once its value reads; devices found by
        a second discovery call (Noah) are read as soon as that call answers."""
        listed = await listing
        listed_reads = asyncio.ensure_future(self._fetch_plant(entry, listed))
        try:
            found = await extra
            (plant_reads, device_reads), more = await asyncio.gather(
                listed_reads, self._fetch_devices(plant_id_of(entry), found or [])
            )
        except BaseException:
            listed_reads.cancel()
            raise
        devices = [*listed, *(found or [])]
        state = self._assemble(entry, plant_reads, [*device_reads, *more], taken_at)
        return entry, devices, state, found is not None

    async def _read_plant(
        self, entry: JSONDict, device_entries: list[JSONDict], taken_at: datetime
    ) -> PlantState:
        """One plant's plant read and its devices' value reads, concurrently."""
        plant_reads, device_reads = await self._fetch_plant(entry, device_entries)
        return self._assemble(entry, plant_reads, device_reads, taken_at)

    def _assemble(
        self,
        entry: JSONDict,
        plant_reads: Answers,
        device_reads: list[tuple[Device, Answers]],
        taken_at: datetime,
    ) -> PlantState:
        plant_id = plant_id_of(entry)
        state = assemble_plant(
            self.kind,
            entry,
            plant_reads,
            device_reads,
            known=self._known_plants.get(plant_id),
            at=taken_at,
        )
        if not plant_reads.errors and plant_reads.answers:
            self._known_plants[plant_id] = state.plant
        return state

    async def _fetch_plant(
        self, entry: JSONDict, device_entries: list[JSONDict]
    ) -> tuple[Answers, list[tuple[Device, Answers]]]:
        """The plant read and the device reads of one plant, all in flight together."""
        plant_id = plant_id_of(entry)
        plant_read = CLASSIC_PLANT_READ if self.kind == "classic" else V1_PLANT_READ
        plant_reads, devices = await asyncio.gather(
            self._fetch((plant_read,), plant_id, ""),
            self._fetch_devices(plant_id, device_entries),
        )
        return plant_reads, devices

    async def _fetch_devices(
        self, plant_id: str, device_entries: list[JSONDict]
    ) -> list[tuple[Device, Answers]]:
        devices = [
            device
            for entry in device_entries
            if (device := device_of(self.kind, entry, plant_id)) is not None
        ]
        answers = await asyncio.gather(
            *(
                self._fetch(self._reads(device.type_code), plant_id, device.serial)
                for device in devices
            )
        )
        return list(zip(devices, answers, strict=True))

    async def _fetch(self, reads: tuple[ValueRead, ...], plant_id: str, serial: str) -> Answers:
        """Run ``reads`` concurrently; auth errors raise, other Growatt errors are kept.

        A read younger than its ``reuse_s`` is not sent again, and neither is one the
        pacing refuses (too soon for Growatt): their last answer still stands."""
        now = self._clock()
        keyed = [(read, (read.endpoint.name, plant_id, serial)) for read in reads]
        ask = [
            (read, key)
            for read, key in keyed
            if key not in self._last_answers or now - self._last_answers[key][0] >= read.reuse_s
        ]
        results = await asyncio.gather(
            *(self.api.fetch(read.endpoint, **read.args(plant_id, serial)) for read, _key in ask),
            return_exceptions=True,
        )
        failures: dict[ReadKey, GrowattError] = {}
        for (_read, key), result in zip(ask, results, strict=True):
            if isinstance(result, AuthError):
                raise result
            if isinstance(result, GrowattError):
                if not isinstance(result, ClientRateLimitedError) or key not in self._last_answers:
                    failures[key] = result
            elif isinstance(result, BaseException):
                raise result
            else:
                self._last_answers[key] = (now, result)
        outcome = Answers()
        for read, key in keyed:
            name = read.endpoint.name
            failure = failures.get(key)
            if failure is not None:
                outcome.errors[name] = failure
            elif key in self._last_answers:
                outcome.answers[name] = self._last_answers[key][1]
        return outcome

    def _reads(self, kind: str) -> tuple[ValueRead, ...]:
        table = CLASSIC_VALUES if self.kind == "classic" else V1_VALUES
        return table.get(kind, ())

    # --- discovery -------------------------------------------------------------------------------

    async def _plants(self) -> list[JSONDict]:
        return await (self._classic_plants() if self.kind == "classic" else self._v1_plants())

    async def _classic_plants(self) -> list[JSONDict]:
        engine = self.api.engine
        before = engine.state.generation if engine.state.has_session else None
        await self.api.ensure_session()
        answer = engine.login_answer if engine.state.generation != before else None
        if answer is not None and isinstance(answer.get("data"), list):
            # We just logged in, and the login answer lists the plants (shinephone-api.md §2.3).
            return _dict_list(answer["data"], "login")
        back = await self.api.plant_list(str(engine.state.user_id))
        return _dict_list(back.get("data"), "plant_list")

    async def _v1_plants(self) -> list[JSONDict]:
        data = await self.api.fetch(v1.PLANT_LIST)
        return _dict_list(_member(data, "plants"), "plant_list")

    async def _devices_of(self, plant: JSONDict) -> list[JSONDict]:
        """Every device of the plant in one request.

        ``getAllDeviceList`` lists the devices of any plant (growattServer up to 1.5.0
        read every plant's devices from it; shinephone-api.md §3 row 5, §4.4). The compat
        ``device_list`` asks ``getAllDeviceListTwo`` first and falls back to it only for
        TLX plants, which costs a second round trip for exactly those plants.
        """
        if self.kind == "classic":
            answer = await self.api.fetch(ep.ALL_DEVICES, plant_id=plant.get("plantId"))
            return _dict_list(answer, "all_devices")
        data = await self.api.fetch(v1.DEVICE_LIST, plant_id=plant.get("plant_id"))
        return _dict_list(_member(data, "devices"), "device_list")

    async def _extra_devices(self, plant: JSONDict) -> list[JSONDict] | None:
        """Devices the lists leave out: a classic plant's Noah. ``None`` when the
        question failed (the snapshot goes on without; the next one asks again)."""
        if self.kind != "classic":
            return []
        try:
            answer = await self.api.fetch(ep.IS_PLANT_NOAH_SYSTEM, plant_id=plant.get("plantId"))
        except AuthError:
            raise
        except GrowattError as err:
            _LOGGER.debug("isPlantNoahSystem failed for plant %s: %s", plant.get("plantId"), err)
            return None
        return noah_entries(answer)


def _member(data: object, key: str) -> object:
    return data.get(key) if isinstance(data, dict) else None


def _dict_list(value: object, name: str) -> list[JSONDict]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        msg = f"{name}: expected a list of objects"
        raise UnexpectedResponseError(msg)
    return value
