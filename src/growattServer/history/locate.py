"""Which plant a device belongs to, what family it is, and the plant's time zone.

A history export needs all three before its first history call: the family picks the
endpoint, the plant id is an argument of most classic charts, and the zone turns
Growatt's local "HH:MM" labels into aware timestamps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from growattServer.errors import GrowattParameterError, UnexpectedResponseError
from growattServer.protocol import classic as ep
from growattServer.protocol import openapi_v1 as v1
from growattServer.protocol.dates import offsets_in_classic_answer, parse_offset

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
    """

    api: ApiKind
    plant_id: str
    serial: str | None
    family: str
    zone: dt.tzinfo

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
) -> Target:
    """Find the device (or plant) in the account; ``zone`` overrides the plant's offset.

    Raises :class:`~growattServer.errors.GrowattParameterError` when the account has
    no such device or plant.
    """
    if serial is None and plant_id is None:
        msg = "name a device (serial number) or a plant (id)"
        raise GrowattParameterError(msg)
    plants, offsets = await (_classic_plants(api) if kind == "classic" else _v1_plants(api))
    candidates = [plant_id] if plant_id is not None else plants
    if plant_id is not None and plant_id not in plants:
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
    if zone is None:
        offset = offsets.get(where)
        if offset is None and kind == "token":
            details = await api.fetch(v1.PLANT_DETAILS, plant_id=where)
            offset = parse_offset(details.get("timezone")) if isinstance(details, dict) else None
        zone = dt.timezone(offset) if offset is not None else dt.UTC
    return Target(kind, where, serial, family, zone)


async def _classic_plants(api: Fetcher) -> tuple[list[str], dict[str, dt.timedelta]]:
    beans = await api.fetch(ep.PLANT_LIST_TWO)
    ids = [str(bean.get("id")) for bean in beans if isinstance(bean, dict)]
    return ids, offsets_in_classic_answer(beans)


async def _v1_plants(api: Fetcher) -> tuple[list[str], dict[str, dt.timedelta]]:
    data = await api.fetch(v1.PLANT_LIST)
    plants = data.get("plants") if isinstance(data, dict) else None
    if not isinstance(plants, list):
        msg = "plant_list: no plants in the answer"
        raise UnexpectedResponseError(msg)
    return [str(plant.get("plant_id")) for plant in plants if isinstance(plant, dict)], {}


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
