"""device/list (openapi.md §2 row 6, shape §7.6, type numbers §4.1).

Only families the token API knows as devices are listed: inverter 1, storage 2,
SPH/mix 5, SPA 6, MIN/tlx 7. A `bat` pack is part of its MIN, and a Noah is reachable
only through v4 (§3.3 "NOAH only via v4"), so neither appears here.
"""

from __future__ import annotations

from .. import formats
from ..readings import Reading, reading
from ..routing import Call, Reply, v1_route
from ..scenario import Device
from .envelope import Page, fail, ok, own_plant, paging

V1_TYPES = {"inverter": 1, "storage": 2, "mix": 5, "spa": 6, "tlx": 7}
OFFLINE_STATUS = -1  # §4.1: "other = offline"


def device_status(device: Device, now: Reading) -> int:
    """The family-specific `status` number of §4.1."""
    if not device.online:
        return OFFLINE_STATUS
    if device.family == "storage":
        if now.charge > 0:
            return 1
        return 2 if now.discharge > 0 else 0
    if device.family in ("mix", "spa"):
        return 5  # 5–8 normal
    if device.family == "inverter":
        return 1 if now.producing else 0  # a PV-only inverter sleeps at night
    return 1


def device_item(call: Call, device: Device) -> dict[str, object]:
    now = reading(call.world, device.serial)
    return {
        "device_sn": device.serial,
        "device_id": device.device_id,
        "datalogger_sn": device.datalogger,
        "type": V1_TYPES[device.family],
        "model": device.model,
        "manufacturer": "Growatt",
        "status": device_status(device, now),
        "lost": not device.online,
        "last_update_time": formats.stamp(now.at),
    }


@v1_route("device/list", limit_keys=("plant_id",), window_s=300)
def device_list(call: Call) -> Reply:
    if call.get("plant_id") is None:
        return fail(10002, "error_plant_id_empty")
    plant = own_plant(call)
    if plant is None:
        return fail(10003, "error_plant_not_exist")
    page = paging(call)
    if not isinstance(page, Page):
        return page
    devices = [d for d in call.world.devices_of(plant.plant_id) if d.family in V1_TYPES]
    return ok(
        {"count": len(devices), "devices": [device_item(call, d) for d in page.slice(devices)]}
    )
