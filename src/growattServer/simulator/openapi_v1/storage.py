"""Off-grid storage (SPF, v1 type 2): device/storage/storage_last_data (openapi.md §3.2).

Not used by growattServer; the path, its `storage_sn` form field and the 10-second
window are from §3.2/§6.1. The record uses the keys of the classic `storageDetailBean`
(the SD1 storage pages name the same fields: `capacity`, `outPutPower`, `pAcInPut`,
`pCharge`, `pDischarge`, `eopDischrToday`, ...) [inferred], rendered from the same
reading, so both APIs agree. §1.6 lists no codes here: they follow `mix_last_data`.
"""

from __future__ import annotations

from typing import Any

from ..classic.storage import detail_bean
from ..readings import Reading, reading
from ..routing import Call, Reply, v1_route
from ..scenario import Device
from .envelope import last_data

DEVICE_KEYS = ("device_sn", "storage_sn")
STORAGE_WINDOW_S = 10  # §6.1: storage once per 10 s


def storage_status(now: Reading) -> int:
    """§4.1 / SD1: 0 operating (idle battery), 1 charging, 2 discharging; -1 lost."""
    if not now.online:
        return -1
    if now.charge > 0:
        return 1
    return 2 if now.discharge > 0 else 0


def storage_record(call: Call, now: Reading) -> dict[str, Any]:
    """The classic detail bean's keys, without the load counters the v1 record lacks."""
    record = {
        key: value
        for key, value in detail_bean(call, now.device).items()
        if not key.startswith("useEnergy")
    }
    record.update(
        {
            "dataLogSn": now.device.datalogger,
            "status": storage_status(now),
            "capacityText": f"{record['capacity']} %",
        }
    )
    return record


@v1_route("device/storage/storage_last_data", limit_keys=DEVICE_KEYS, window_s=STORAGE_WINDOW_S)
def storage_last_data(call: Call) -> Reply:
    def render(device: Device) -> dict[str, Any]:
        return storage_record(call, reading(call.world, device.serial, call.now))

    return last_data(call, "storage_sn", "storage", render)
