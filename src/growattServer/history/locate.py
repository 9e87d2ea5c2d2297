"""Which plant a device belongs to, what family it is, and the plant's time zone.

A history export needs all three before its first history call: the family picks the
endpoint, the plant id is an argument of most classic charts, and the zone turns
Growatt's local "HH:MM" labels into aware timestamps.

The zone is the plant's IANA zone as the models find it
(:class:`~growattServer.models.Plant`: Growatt's offset matched to the plant's country
and coordinates), so stamps follow daylight saving time. Cost: classic, nothing extra
(the ``getAllPlantListTwo`` beans already carry offset, country and coordinates);
token API, one ``plant/details`` read for the plant found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from growattServer.errors import GrowattParameterError, UnexpectedResponseError
from growattServer.models import Plant, ZoneSource, parse_plant_classic, parse_plant_v1
from growattServer.protocol import classic as ep
from growattServer.protocol import openapi_v1 as v1

from .pacing import Fetcher

__all__ = ["PLANT", "ApiKind", "Target", "locate"]

ApiKind = Literal["classic", "token"]
#: The ``family`` of a target that is a whole plant.
PLANT = "plant"


@dataclass(frozen=True, slots=True)
class Target:
    """What to export: a plant (``serial`` ``None``) or one of its devices.

    ``family`` is the classic ``deviceType`` (``"tlx"``, ``"mix"``, ``"inverter"``…),
    the v1 device ``type`` as text (``"7"`` MIN, ``"5"`` SPH), or ``"plant"``.
    ``zone_source`` says how the plant's zone was found; ``None`` when the caller gave it.
    """

    api: ApiKind
    plant_id: str
    serial: str | None
    family: str
    zone: dt.tzinfo
    zone_source: ZoneSource | None = None

    @property
    def name(self) -> str:
        """The serial number, or ``plant <id>``."""
        return self.serial or f"plant {self.plant_id}"


async def locate(
    api: Fetcher,
    kind: ApiKind,
    *,
    serial: str | None = None,
    plant_id: str | None = None,
    zone: dt.tzinfo | None = None,
    now: dt.datetime | None = None,
) -> Target:
    """Find the device (or plant) in the account and its plant's zone.

    ``zone`` overrides the plant's zone. ``now`` is when this runs (default: this
    machine's clock): the token API gives the offset in force at that moment. Raises
    :class:`~growattServer.errors.GrowattParameterError` when the account has no such
    device or plant.
    """
    if serial is None and plant_id is None:
        msg = "name a device (serial number) or a plant (id)"
        raise GrowattParameterError(msg)
    entries = await (_classic_plants(api) if kind == "classic" else _v1_plants(api))
    candidates = [plant_id] if plant_id is not None else list(entries)
    if plant_id is not None and plant_id not in entries:
        msg = f"this account has no plant {plant_id}"
        raise GrowattParameterError(msg)
    found: tuple[str, str] | None = (plant_id, PLANT) if serial is None and plant_id else None
    if serial is not None:
        for candidate in candidates:
            family = await _family_in_plant(api, kind, candidate, serial)
            if family is not None:
                found = (candidate, family)
                break
    if found is None:
        msg = f"this account has no device {serial}"
        raise GrowattParameterError(msg)
    where, family = found
    if zone is not None:
        return Target(kind, where, serial, family, zone)
    plant = await _plant(api, kind, entries[where], now or dt.datetime.now(dt.UTC))
    return Target(kind, where, serial, family, plant.timezone, plant.timezone_source)


async def _plant(api: Fetcher, kind: ApiKind, entry: dict[str, Any], now: dt.datetime) -> Plant:
    """The typed plant, as a snapshot builds it (its zone from offset, country, place)."""
    if kind == "classic":
        return parse_plant_classic(entry, at=now)
    details = await api.fetch(v1.PLANT_DETAILS, plant_id=str(entry.get("plant_id")))
    return parse_plant_v1(entry, details if isinstance(details, dict) else None, at=now)


async def _classic_plants(api: Fetcher) -> dict[str, dict[str, Any]]:
    beans = await api.fetch(ep.PLANT_LIST_TWO)
    return {str(bean.get("id")): bean for bean in beans if isinstance(bean, dict)}


async def _v1_plants(api: Fetcher) -> dict[str, dict[str, Any]]:
    data = await api.fetch(v1.PLANT_LIST)
    plants = data.get("plants") if isinstance(data, dict) else None
    if not isinstance(plants, list):
        msg = "plant_list: no plants in the answer"
        raise UnexpectedResponseError(msg)
    return {str(plant.get("plant_id")): plant for plant in plants if isinstance(plant, dict)}


async def _family_in_plant(api: Fetcher, kind: ApiKind, plant_id: str, serial: str) -> str | None:
    devices: Any
    if kind == "classic":
        devices = await api.fetch(ep.ALL_DEVICES, plant_id=plant_id)
        serial_key, family_key = "deviceSn", "deviceType"
    else:
        data = await api.fetch(v1.DEVICE_LIST, plant_id=plant_id)
        devices = data.get("devices") if isinstance(data, dict) else None
        serial_key, family_key = "device_sn", "type"
    for device in devices or []:
        if isinstance(device, dict) and str(device.get(serial_key)) == serial:
            return str(device.get(family_key))
    return None
