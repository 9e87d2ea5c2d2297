"""MIN / TLX endpoints (openapi.md §2 rows 7–13, shapes §7.7–7.9, writes §5.2).

Rate windows per §6.1: tlx_data_info and tlx_last_data once per 5 minutes, tlx_data
(history) once per 10 s; tlx_set_info, readMinParam and tlxSet state none (0).
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from .. import formats
from ..routing import Call, Reply, v1_route
from ..scenario import Device
from ..world import World
from .envelope import fail, ok, own_device
from .records import HistoryCodes, Slot, history, latest_slot, tlx_record
from .settings import TLX_REGISTERS, TLX_WRITES, bean, param_names, read_parameter, readable, write

TLX = ("tlx",)
DEVICE_KEYS = ("device_sn", "tlx_sn")
TLX_PARAMS = 19
SEASONS = 4
# Snake-case echo fields of the bean: "" unless the store holds a value (§5.2 note).
SNAKE_ECHO = (
    "tlx_on_off",
    "charge_power",
    "ac_charge",
    "pv_grid_voltage_high",
    "pv_grid_voltage_low",
    "tlx_off_grid_enable",
    "pf_sys_year",
    "tlx_ac_discharge_frequency",
    "tlx_ac_discharge_voltage",
    "backflow_setting",
)
TLX_READABLE = readable(TLX_WRITES)


def tlx_bean(world: World, device: Device) -> dict[str, Any]:
    """The flat settings object of tlx_set_info, also nested as tlxSetbean (§7.8)."""
    values = world.settings(device.serial)
    plant = world.scenario.plant(device.plant_id)
    local = world.local_now(plant)
    rendered: dict[str, Any] = dict.fromkeys(SNAKE_ECHO, "")
    for season in range(1, SEASONS + 1):
        rendered[f"season{season}MonthTime"] = "0_0_0"
        for slot in range(1, 10):
            rendered[f"season{season}Time{slot}"] = "0_0_0_0_0_0_0"
    rendered.update(bean(values))
    rendered.update(
        {
            "epsFunEn": int(values.get("offGridEnable", "0") or 0),
            "epsFreqSet": int(values.get("epsFreqSet", "0") or 0),
            "epsVoltSet": int(values.get("epsVoltSet", "0") or 0),
            "sysTime": values.get("sysTime") or formats.stamp(local),
            "lastUpdateTimeText": formats.stamp(local),
            "serialNum": device.serial,
        }
    )
    return rendered


def tlx_info(world: World, device: Device) -> dict[str, Any]:
    """tlx_data_info data (§7.7 keys, plus those of the official example)."""
    slot = latest_slot(world, device)
    now = slot.now
    values = world.settings(device.serial)
    plant = world.scenario.plant(device.plant_id)
    return {
        "serialNum": device.serial,
        "alias": device.alias or device.serial,
        "dataLogSn": device.datalogger,
        "addr": 1,
        "fwVersion": "TJ1.0",
        "innerVersion": "TJAA08020036",
        "modelText": "S25B00D00T00P0FU01M0080",
        "model": 2666130979655057522,
        "deviceType": 5 if device.has_battery else 0,
        "dtc": 5203 if device.nominal_power <= 1000 else 5100,
        "pmax": device.nominal_power,
        "vnormal": 360,
        "status": 1 if device.online else -1,
        "statusText": "tlx.status.operating" if device.online else "tlx.status.lost",
        "lost": not device.online,
        "power": now.pac,
        "eToday": formats.num(now.today.ac_out),
        "eTotal": formats.num(now.total.ac_out),
        "timezone": int(formats.utc_offset_hours(now.at)),
        "treeID": f"ST_{device.serial}",
        "wselectBaudrate": 0,
        "optimezerList": [],
        "children": [],
        "batteryType": 1 if device.has_battery else 0,
        "bagingTestStep": 0,
        "priorityChoose": int(values.get("priorityChoose", "0") or 0),
        "bdc1Sn": "BDC" + device.serial[3:] if device.has_battery else "",
        "bdc1Version": " -0",
        "bdcAuthversion": 0,
        "batParallelNum": 1 if device.has_battery else 0,
        "bmsCommunicationType": 0,
        "trakerModel": 0,
        "restartTime": 300,
        "startTime": 300,
        "batTempLowerLimitD": 0,
        "batTempLowerLimitC": 0,
        "location": "",
        "plantname": plant.name,
        "level": 4,
        "modbusVersion": 305,
        "imgPath": "./css/img/status_green.gif",
        "userName": "",
        "lastUpdateTime": formats.java_date(now.at),
        "lastUpdateTimeText": formats.stamp(now.at),
        "tlxSetbean": tlx_bean(world, device),
    }


def _own_tlx(call: Call, serial: str | None) -> Device | None:
    return own_device(call, serial, *TLX)


@v1_route("device/tlx/tlx_data_info", limit_keys=DEVICE_KEYS, window_s=300)
def tlx_data_info(call: Call) -> Reply:
    device = _own_tlx(call, call.get("device_sn"))
    if device is None:
        return fail(10001, "error_system")  # §1.6 lists only 10001 here
    return ok(tlx_info(call.world, device), device_sn=device.serial, dataloggerSn=device.datalogger)


@v1_route("device/tlx/tlx_last_data", limit_keys=DEVICE_KEYS, window_s=300)
def tlx_last_data(call: Call) -> Reply:
    serial = call.get("tlx_sn")
    if serial is None:
        return fail(10003, "error_sn_error")
    device = _own_tlx(call, serial)
    if device is None:
        return fail(10002, "error_min_not_exist")
    return ok(
        tlx_record(latest_slot(call.world, device)),
        tlx_sn=device.serial,
        dataloggerSn=device.datalogger,
    )


def _render_tlx(slot: Slot, zone: tzinfo | None) -> dict[str, Any]:
    return tlx_record(slot, zone)


@v1_route("device/tlx/tlx_data", limit_keys=DEVICE_KEYS, window_s=10)
def tlx_data(call: Call) -> Reply:
    codes = HistoryCodes(sn_empty=10002, sn_unknown=10005, bad_date=10003)
    return history(call, "tlx_sn", TLX, codes, _render_tlx, _own_tlx)


@v1_route("device/tlx/tlx_set_info", limit_keys=DEVICE_KEYS, window_s=0)
def tlx_set_info(call: Call) -> Reply:
    device = _own_tlx(call, call.get("device_sn"))
    if device is None:
        return fail(10001, "error_system")
    # §7.8: the sibling spellings are inferred (§9 q3)
    return ok(
        tlx_bean(call.world, device), device_sn=device.serial, datalogger_sn=device.datalogger
    )


@v1_route("readMinParam", limit_keys=DEVICE_KEYS, window_s=0)
def read_min_param(call: Call) -> Reply:
    return read_parameter(call, _own_tlx(call, call.get("device_sn")), TLX_READABLE, TLX_REGISTERS)


@v1_route("tlxSet", limit_keys=DEVICE_KEYS, window_s=0)
def tlx_set(call: Call) -> Reply:
    device = _own_tlx(call, call.get("tlx_sn"))
    return write(call, "tlx_sn", param_names(TLX_PARAMS), TLX_WRITES, device)
