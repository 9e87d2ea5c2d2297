"""Classic PV inverter (v1 type 1): inv_data_info, last_new_data, inverterSet.

Not used by growattServer 2.2.0 but on its unmerged inverter branch (openapi.md §2,
"Not yet merged"); shapes follow the official examples in the fixtures. §1.6 lists no
codes for these, so they answer like their MIN counterparts (tlx_data_info 10001,
tlx_last_data 10002/10003, tlxSet codes). Reads: 5 minutes (§3.2 inverter row).
"""

from __future__ import annotations

from typing import Any

from .. import formats
from ..routing import Call, Reply, v1_route
from ..scenario import Device
from ..world import World
from .envelope import fail, ok, own_device
from .records import kwh, latest_slot, pv_strings
from .settings import PERCENT, VOLTS, WriteType, clock_with_seconds, on_off, power_factor, single
from .settings import write as settings_write

INVERTER = ("inverter",)
DEVICE_KEYS = ("device_sn",)
INVERTER_WINDOW_S = 300
COMMANDS = ("command_1", "command_2")
INVERTER_WRITES: dict[str, WriteType] = {
    "pv_on_off": single("onOff", on_off),
    "pv_active_p_rate": single("activeRate", PERCENT),
    "pv_reactive_p_rate": single("reactiveRate", PERCENT),
    "pv_power_factor": single("pf", power_factor),
    "pf_sys_year": single("sysTime", clock_with_seconds),
    "pv_grid_voltage_high": single("pv_grid_voltage_high", VOLTS),
    "pv_grid_voltage_low": single("pv_grid_voltage_low", VOLTS),
}


def _own_inverter(call: Call) -> Device | None:
    return own_device(call, call.get("device_sn"), *INVERTER)


def inverter_info(world: World, device: Device) -> dict[str, Any]:
    now = latest_slot(world, device).now
    return {
        "id": device.device_id,
        "model": 61748,
        "fwVersion": "G.2.0",
        "treeName": device.alias or device.serial,
        "treeID": device.serial,
        "lost": not device.online,
        "location": "",
        "updateExist": False,
        "updating": False,
        "powerMaxTime": "",
        "children": [],
        "groupID": 0,
        "level": 4,
        "bigDevice": False,
        "statusText": "inverter.status.normal" if device.online else "inverter.status.lost",
        "inverterInfoStatusCss": "vsts_table_green" if device.online else "vsts_table_gray",
        "energyMonthText": formats.text(kwh(now.month.ac_out)),
        "temperature": now.temperature,
        "ipm_temperature": 0,
        "nominalPower": device.nominal_power,
        "plantname": world.scenario.plant(device.plant_id).name,
        "lastUpdateTime": formats.java_date(now.at),
    }


def inverter_record(world: World, device: Device) -> dict[str, Any]:
    now = latest_slot(world, device).now
    strings = pv_strings(now, 8)
    energy = {key: value for key, value in strings.items() if key.startswith("epv")}
    return {
        "time": formats.stamp(now.at),
        "ppv": now.ppv,
        **strings,
        "epvTotal": kwh(now.total.pv),
        "eRacTotal": 0,
        # classic naming: energies despite the name (kWh today / lifetime)
        "powerToday": kwh(now.today.ac_out),
        "powerTotal": kwh(now.total.ac_out),
        "pac": now.pac,
        "vacr": now.vac,
        "iacr": now.iac,
        "fac": now.fac,
        "pf": 1,
        "temperature": now.temperature,
        "ipmTemperature": 0,
        "timeTotal": kwh(now.total.ac_out / max(0.1, device.nominal_power / 1000)),
        "timeTotalText": formats.text(now.total.ac_out / max(0.1, device.nominal_power / 1000)),
        "faultType": 0,
        "faultCode1": 0,
        "faultCode2": 0,
        "warnBit": 0,
        "again": False,
        **energy,
    }


@v1_route("device/inverter/inv_data_info", limit_keys=DEVICE_KEYS, window_s=INVERTER_WINDOW_S)
def inv_data_info(call: Call) -> Reply:
    device = _own_inverter(call)
    if device is None:
        return fail(10001, "error_system")
    return ok(
        inverter_info(call.world, device), device_sn=device.serial, dataloggerSn=device.datalogger
    )


@v1_route("device/inverter/last_new_data", limit_keys=DEVICE_KEYS, window_s=INVERTER_WINDOW_S)
def last_new_data(call: Call) -> Reply:
    if call.get("device_sn") is None:
        return fail(10003, "error_sn_error")
    device = _own_inverter(call)
    if device is None:
        return fail(10002, "error_inverter_not_exist")
    return ok(
        inverter_record(call.world, device), device_sn=device.serial, dataloggerSn=device.datalogger
    )


# No window: as for tlxSet/mixSet, §6.1 states none for a setter.
@v1_route("inverterSet", limit_keys=DEVICE_KEYS, window_s=0)
def inverter_set(call: Call) -> Reply:
    return settings_write(
        call, "device_sn", COMMANDS, INVERTER_WRITES, _own_inverter(call), type_param="paramId"
    )
