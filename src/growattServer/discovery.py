"""Which endpoints list plants and devices, and which read a device's current values.

One table per API, so adding a device family is one line. Every entry names an
endpoint object of :mod:`growattServer.protocol`; nothing here builds a request.

Classic device discovery follows the compat ``device_list`` rule: ``plant_info``'s
``deviceList``, and ``getAllDeviceList`` only when that is empty (TLX plants). Noah
batteries are in neither list; ``isPlantNoahSystem`` names them (shinephone-api.md
§4.13, §7): :func:`noah_entries`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from growattServer.protocol import classic as ep
from growattServer.protocol import openapi_v1 as v1
from growattServer.protocol.request import Endpoint

__all__ = [
    "CLASSIC_PLANT_READ",
    "CLASSIC_VALUES",
    "NOAH_KIND",
    "PACK_SOURCE",
    "V1_PLANT_READ",
    "V1_VALUES",
    "ValueRead",
    "noah_entries",
]

#: The ``deviceType`` a Noah found by ``isPlantNoahSystem`` gets in a snapshot.
NOAH_KIND = "noah"
# Any of these true in ``isPlantNoahSystem``'s ``obj`` means ``deviceSn`` is a Noah (or Nexa).
_NOAH_FLAGS = ("isPlantNoahSystem", "isPlantHaveNoah", "isPlantHaveNexa")


@dataclass(frozen=True, slots=True)
class ValueRead:
    """An endpoint and how to fill its arguments from (plant id, serial number).

    ``reuse_s``: a snapshot within this many seconds of the last answer reuses it
    instead of asking again (0: ask every snapshot)."""

    endpoint: Endpoint[Any]
    args: Callable[[str, str], dict[str, Any]]
    reuse_s: float = 0.0


#: classic ``deviceType`` → current-value reads (families with no read are listed only).
#: Each family's reads give its power flows and its energy counters: MIX needs two
#: (``getSystemStatus_KW`` has no counters), the others one. A TLX battery pack (``bat``)
#: is read from its TLX's answer (:data:`PACK_SOURCE`). SPA has no read op: the library
#: has none (shinephone-api.md §7), the ``newMixApi.do`` ops answer 501 for another
#: family's serial (§7), and ``getEnergyStorageData`` sums a plant's MIX, SPA and SPF.
CLASSIC_VALUES: dict[str, tuple[ValueRead, ...]] = {
    "inverter": (ValueRead(ep.INVERTER_DETAIL, lambda _p, sn: {"inverter_id": sn}),),
    "tlx": (ValueRead(ep.TLX_DETAIL, lambda _p, sn: {"tlx_id": sn}),),
    "mix": (
        ValueRead(ep.MIX_SYSTEM_STATUS, lambda p, sn: {"mix_id": sn, "plant_id": p}),
        ValueRead(ep.MIX_TOTALS, lambda p, sn: {"mix_id": sn, "plant_id": p}),
    ),
    # storageDetailBean has the flows, the state of charge and the counters (row 32)
    "storage": (ValueRead(ep.STORAGE_PARAMS, lambda _p, sn: {"storage_id": sn}),),
    NOAH_KIND: (ValueRead(ep.NOAH_SYSTEM_STATUS, lambda _p, sn: {"serial_number": sn}),),
}

#: The read of a TLX whose answer also holds its battery packs' values (the BDC fields).
PACK_SOURCE = ep.TLX_DETAIL.name

#: Growatt's records change every 5 minutes (the datalogger's upload interval), and a
#: plant read only adds the plant's own energy per period and its zone, place and size:
#: asked at most once per 5 minutes, it keeps a steady snapshot to the device reads.
PLANT_READ_REUSE_S = 300.0

#: Per plant: its energy per period, and the plant bean with its zone, place, size and
#: currency (shinephone-api.md §4.6).
CLASSIC_PLANT_READ = ValueRead(
    ep.PLANT_ENERGY_DATA, lambda p, _sn: {"plant_id": p}, reuse_s=PLANT_READ_REUSE_S
)


def _latest(endpoint: Endpoint[Any]) -> tuple[ValueRead, ...]:
    """One v1 ``*_last_data`` read by serial: flows and counters in one record."""
    return (ValueRead(endpoint, lambda _p, sn: {"device_sn": sn}),)


#: v1 device ``type`` → current-value reads, the family's latest record (openapi.md §2,
#: §3.2). The engine paces each to its documented window (inverter and MIN 5 minutes,
#: SPH, storage and SPA 10 s); a snapshot sooner reuses the last answer.
V1_VALUES: dict[str, tuple[ValueRead, ...]] = {
    str(int(v1.DeviceType.INVERTER)): _latest(v1.INVERTER_ENERGY),
    str(int(v1.DeviceType.STORAGE)): _latest(v1.STORAGE_ENERGY),
    str(int(v1.DeviceType.SPH)): _latest(v1.SPH_ENERGY),
    str(int(v1.DeviceType.SPA)): _latest(v1.SPA_ENERGY),
    str(int(v1.DeviceType.MIN)): _latest(v1.MIN_ENERGY),
}

#: Per plant: its energy per period and its ``"GMT+2"`` offset (openapi.md §7.3;
#: Growatt allows it once per 5 minutes per plant).
V1_PLANT_READ = ValueRead(
    v1.PLANT_ENERGY_OVERVIEW, lambda p, _sn: {"plant_id": p}, reuse_s=PLANT_READ_REUSE_S
)


def noah_entries(answer: object) -> list[dict[str, Any]]:
    """The Noah listed by an ``isPlantNoahSystem`` answer, as a device-list entry
    (its ``obj`` plus ``deviceType`` ``"noah"``); none when the plant has no Noah."""
    obj = answer.get("obj") if isinstance(answer, dict) else None
    if not isinstance(obj, dict) or not obj.get("deviceSn"):
        return []
    if not any(_is_true(obj.get(flag)) for flag in _NOAH_FLAGS):
        return []
    return [{**obj, "deviceSn": str(obj["deviceSn"]), "deviceType": NOAH_KIND}]


def _is_true(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")
