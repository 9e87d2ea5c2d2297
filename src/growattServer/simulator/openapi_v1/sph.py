"""SPH / MIX endpoints (openapi.md §2 rows 15–21, shapes §7.10–7.11, writes §5.3).

Rate windows per §6.1: mix_last_data once per 10 s, mix_data once per 5 minutes;
mix_data_info, readMixParam and mixSet state none (0).
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from .. import formats
from ..routing import Call, Reply, v1_route
from ..scenario import Device
from ..world import World
from .envelope import fail, ok, own_device
from .records import HistoryCodes, Slot, history, latest_slot, mix_record
from .settings import MIX_REGISTERS, MIX_WRITES, bean, param_names, read_parameter, readable, write

MIX = ("mix",)
DEVICE_KEYS = ("device_sn", "mix_sn")
MIX_PARAMS = 18
SNAKE_ECHO = (
    "pv_on_off",
    "backflow_setting",
    "mix_off_grid_enable",
    "pf_sys_year",
    "mix_ac_discharge_frequency",
    "mix_ac_discharge_voltage",
)
MIX_READABLE = readable(MIX_WRITES)


def mix_info(world: World, device: Device) -> dict[str, Any]:
    """mix_data_info data: static info and the settings, flat (§7.10)."""
    slot = latest_slot(world, device)
    now = slot.now
    values = world.settings(device.serial)
    info: dict[str, Any] = dict.fromkeys(SNAKE_ECHO, "")
    info.update(bean(values))
    info.update(
        {
            "serialNum": device.serial,
            "dataLogSn": device.datalogger,
            "alias": device.alias or device.serial,
            "addr": 1,
            "fwVersion": "RA1.0",
            "innerVersion": "RAAA0E0B",
            "model": 1000000000000,
            "deviceType": 1,
            "status": 5 if device.online else -1,
            "statusText": "mix.status.normal" if device.online else "mix.status.lost",
            "lost": not device.online,
            "pmax": device.nominal_power,
            "vnormal": 360.0,
            # GS's helpers read the unsuffixed SOC keys (§9 q5): the ones the physics uses
            "wchargeSOCLowLimit": typed_int(values, "wchargeSOCLowLimit1", 100),
            "wdisChargeSOCLowLimit": typed_int(values, "wdisChargeSOCLowLimit2", 10),
            "epsFunEn": typed_int(values, "offGridEnable", 0),
            "batteryType": 1,
            "vbatStartforCharge": 58.0,
            "vbatStopForDischarge": 46.0,
            "sysTime": values.get("sysTime")
            or formats.stamp(world.local_now(world.scenario.plant(device.plant_id))),
            "lastUpdateTime": formats.java_date(now.at),
            "lastUpdateTimeText": formats.stamp(now.at),
        }
    )
    return info


def typed_int(values: dict[str, str], key: str, default: int) -> int:
    try:
        return int(float(values.get(key, default)))
    except ValueError:
        return default


def _own_mix(call: Call, serial: str | None) -> Device | None:
    return own_device(call, serial, *MIX)


@v1_route("device/mix/mix_data_info", limit_keys=DEVICE_KEYS, window_s=0)
def mix_data_info(call: Call) -> Reply:
    device = _own_mix(call, call.get("device_sn"))
    if device is None:
        return fail(10001, "error_system")  # §1.6 lists only 10001 here
    return ok(mix_info(call.world, device), device_sn=device.serial, dataloggerSn=device.datalogger)


@v1_route("device/mix/mix_last_data", limit_keys=DEVICE_KEYS, window_s=10)
def mix_last_data(call: Call) -> Reply:
    serial = call.get("mix_sn")
    if serial is None:
        return fail(10003, "error_sn_error")
    device = _own_mix(call, serial)
    if device is None:
        return fail(10002, "error_mix_not_exist")
    return ok(
        mix_record(latest_slot(call.world, device)),
        mix_sn=device.serial,
        dataloggerSn=device.datalogger,
    )


def _render_mix(slot: Slot, zone: tzinfo | None) -> dict[str, Any]:
    return mix_record(slot, zone)


@v1_route("device/mix/mix_data", limit_keys=DEVICE_KEYS, window_s=300)
def mix_data(call: Call) -> Reply:
    # §1.6 mix_data: 10002 SN error (empty or unknown alike), 10003 date, 10005 not exist
    codes = HistoryCodes(sn_empty=10002, sn_unknown=10005, bad_date=10003)
    return history(call, "mix_sn", MIX, codes, _render_mix, _own_mix)


@v1_route("readMixParam", limit_keys=DEVICE_KEYS, window_s=0)
def read_mix_param(call: Call) -> Reply:
    return read_parameter(call, _own_mix(call, call.get("device_sn")), MIX_READABLE, MIX_REGISTERS)


@v1_route("mixSet", limit_keys=DEVICE_KEYS, window_s=0)
def mix_set(call: Call) -> Reply:
    device = _own_mix(call, call.get("mix_sn"))
    return write(call, "mix_sn", param_names(MIX_PARAMS), MIX_WRITES, device)
