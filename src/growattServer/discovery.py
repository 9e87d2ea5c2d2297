"""Which endpoints list plants and devices, and which read a device's current values.

One table per API, so adding a device family is one line. Every entry names an
endpoint object of :mod:`growattServer.protocol`; nothing here builds a request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from growattServer.protocol import classic as ep
from growattServer.protocol import openapi_v1 as v1
from growattServer.protocol.request import Endpoint

__all__ = ["CLASSIC_VALUES", "V1_VALUES", "ValueRead"]


@dataclass(frozen=True, slots=True)
class ValueRead:
    """An endpoint and how to fill its arguments from (plant id, serial number)."""

    endpoint: Endpoint[Any]
    args: Callable[[str, str], dict[str, Any]]


#: classic ``deviceType`` → current-value reads (families with no read are listed only).
CLASSIC_VALUES: dict[str, tuple[ValueRead, ...]] = {
    "inverter": (ValueRead(ep.INVERTER_DETAIL, lambda _p, sn: {"inverter_id": sn}),),
    "tlx": (ValueRead(ep.TLX_DETAIL, lambda _p, sn: {"tlx_id": sn}),),
    "mix": (ValueRead(ep.MIX_SYSTEM_STATUS, lambda p, sn: {"mix_id": sn, "plant_id": p}),),
    "storage": (ValueRead(ep.STORAGE_DETAIL, lambda _p, sn: {"storage_id": sn}),),
    "noah": (ValueRead(ep.NOAH_SYSTEM_STATUS, lambda _p, sn: {"serial_number": sn}),),
}

#: v1 device ``type`` → current-value reads.
V1_VALUES: dict[str, tuple[ValueRead, ...]] = {
    str(int(v1.DeviceType.MIN)): (ValueRead(v1.MIN_ENERGY, lambda _p, sn: {"device_sn": sn}),),
    str(int(v1.DeviceType.SPH)): (ValueRead(v1.SPH_ENERGY, lambda _p, sn: {"device_sn": sn}),),
}
