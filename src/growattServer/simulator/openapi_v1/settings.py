"""Settings through the token API: the beans read back, readMinParam/readMixParam, and
the tlxSet/mixSet writes (openapi.md §5).

Writes translate the wire's `type` + `param1..N` into the canonical keys of
`settings_state` and store them with one `world.write_settings` call, the store the
classic API reads and writes too; an invalid write changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .. import formats
from ..routing import Call, Reply
from ..scenario import Device
from ..settings_state import SEGMENTS_MIX, SEGMENTS_TLX
from .envelope import fail, ok

# §1.6 tlxSet / mixSet codes
DEVICE_OFFLINE = 10003
SN_EMPTY = 10004
TYPE_UNKNOWN = 10006
VALUE_EMPTY = 10007
OUT_OF_RANGE = 10008
TIME_FORMAT = 10009
DEVICE_UNKNOWN = 10012
END_BEFORE_START = 10013
# §1.6 readMinParam / readMixParam codes
READ_DEVICE_UNKNOWN = 10002
READ_DEVICE_OFFLINE = 10003
READ_TYPE_UNKNOWN = 10009

# Register mode (§5.1 set_any_reg): the few holding registers we give a meaning to;
# any other register is remembered as `register<n>` so a read returns what was written.
TLX_REGISTERS = {0: "onOff", 3: "activeRate", 4: "reactiveRate"}
MIX_REGISTERS = {0: "onOff", 3: "activeRate", 4: "reactiveRate"}
REGISTER_PREFIX = "register"


class InvalidParamError(Exception):
    """A write parameter the server refuses, with the §1.6 code to answer."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# -- parameter checks: each takes the raw string and returns the value to store ----------
Check = Callable[[str], str]


def integer(low: int, high: int) -> Check:
    def check(raw: str) -> str:
        try:
            value = int(raw.strip())
        except ValueError:
            raise InvalidParamError(OUT_OF_RANGE, "error_value_out_of_range") from None
        if not low <= value <= high:
            raise InvalidParamError(OUT_OF_RANGE, "error_value_out_of_range")
        return str(value)

    return check


def number(low: float, high: float) -> Check:
    def check(raw: str) -> str:
        try:
            value = float(raw.strip())
        except ValueError:
            raise InvalidParamError(OUT_OF_RANGE, "error_value_out_of_range") from None
        if not low <= value <= high:
            raise InvalidParamError(OUT_OF_RANGE, "error_value_out_of_range")
        return formats.text(value, 1) if value != int(value) else f"{value:.1f}"

    return check


def on_off(raw: str) -> str:
    """§9 q6: `0000`/`0001` (SD1, GPA) and `0`/`1` (GS docs) are both accepted."""
    value = raw.strip()
    if value in ("0", "0000"):
        return "0"
    if value in ("1", "0001"):
        return "1"
    raise InvalidParamError(OUT_OF_RANGE, "error_value_out_of_range")


def power_factor(raw: str) -> str:
    try:
        value = float(raw.strip())
    except ValueError:
        raise InvalidParamError(OUT_OF_RANGE, "error_value_out_of_range") from None
    if not (0.8 <= abs(value) <= 1.0):
        raise InvalidParamError(OUT_OF_RANGE, "error_value_out_of_range")
    return str(value)


def clock_with_seconds(raw: str) -> str:
    """`YYYY-MM-DD hh:mm:ss`, seconds required (§5.2 pf_sys_year)."""
    try:
        return formats.stamp(datetime.strptime(raw.strip(), "%Y-%m-%d %H:%M:%S"))
    except ValueError:
        raise InvalidParamError(TIME_FORMAT, "error_time_format") from None


PERCENT = integer(0, 100)
FLAG = integer(0, 1)
HOUR = integer(0, 23)
MINUTE = integer(0, 59)
# The spec gives only examples (270 / 180 V, §5.2); we accept a generous grid range.
VOLTS = number(100.0, 350.0)


@dataclass(frozen=True, slots=True)
class WriteType:
    """One `type` of tlxSet/mixSet: the checks of its params, then the canonical changes."""

    checks: tuple[Check, ...]
    changes: Callable[[list[str], Device, Call], dict[str, str]]
    reads: str | None = None  # the one key a read by the same name returns


def single(key: str, check: Check) -> WriteType:
    return WriteType((check,), lambda values, _device, _call: {key: values[0]}, reads=key)


def _window(values: list[str]) -> tuple[str, str, str]:
    """(start "H:M", stop "H:M", enable) of five params; stop before start is 10013."""
    start_h, start_m, stop_h, stop_m, enable = (int(v) for v in values)
    if stop_h * 60 + stop_m < start_h * 60 + start_m:
        raise InvalidParamError(END_BEFORE_START, "error_end_time_before_start_time")
    return f"{start_h}:{start_m}", f"{stop_h}:{stop_m}", str(enable)


WINDOW_CHECKS = (HOUR, MINUTE, HOUR, MINUTE, FLAG)


def register_write(registers: dict[int, str]) -> WriteType:
    def changes(values: list[str], _device: Device, _call: Call) -> dict[str, str]:
        register = int(values[0])
        return {registers.get(register, f"{REGISTER_PREFIX}{register}"): values[1]}

    return WriteType((integer(0, 65535), integer(0, 65535)), changes)


# -- MIN / tlx (§5.2) ----------------------------------------------------------------------
def tlx_segment(slot: int) -> WriteType:
    def changes(values: list[str], _device: Device, _call: Call) -> dict[str, str]:
        start, stop, enable = _window(values[1:6])
        return {
            f"time{slot}Mode": values[0],
            f"forcedTimeStart{slot}": start,
            f"forcedTimeStop{slot}": stop,
            f"forcedStopSwitch{slot}": enable,
        }

    return WriteType((integer(0, 2), *WINDOW_CHECKS), changes)


TLX_WRITES: dict[str, WriteType] = {
    **{f"time_segment{i}": tlx_segment(i) for i in range(1, SEGMENTS_TLX + 1)},
    "ac_charge": single("acChargeEnable", FLAG),
    "charge_power": single("chargePowerCommand", PERCENT),
    "charge_stop_soc": single("wchargeSOCLowLimit", PERCENT),
    "discharge_power": single("disChargePowerCommand", PERCENT),
    "discharge_stop_soc": single("wdisChargeSOCLowLimit", PERCENT),
    # not in the v1 table but a documented tlxSet type of the web portal (HA writes it)
    "on_grid_discharge_stop_soc": single("onGridDischargeStopSOC", PERCENT),
    "backflow_setting": single("exportLimit", integer(0, 2)),
    "tlx_on_off": single("onOff", on_off),
    "pf_sys_year": single("sysTime", clock_with_seconds),
    "pv_grid_voltage_high": single("pv_grid_voltage_high", VOLTS),
    "pv_grid_voltage_low": single("pv_grid_voltage_low", VOLTS),
    "tlx_off_grid_enable": single("offGridEnable", FLAG),
    "tlx_ac_discharge_frequency": single("epsFreqSet", FLAG),
    "tlx_ac_discharge_voltage": single("epsVoltSet", integer(0, 2)),
    "pv_active_p_rate": single("activeRate", PERCENT),
    "pv_reactive_p_rate": single("reactiveRate", PERCENT),
    "pv_power_factor": single("pf", power_factor),
    "set_any_reg": register_write(TLX_REGISTERS),
}


# -- SPH / mix (§5.3) ----------------------------------------------------------------------
def _mix_windows(kind: str, values: list[str]) -> dict[str, str]:
    changes: dict[str, str] = {}
    for slot in range(1, SEGMENTS_MIX + 1):
        start, stop, enable = _window(values[(slot - 1) * 5 : slot * 5])
        changes[f"forced{kind}TimeStart{slot}"] = start
        changes[f"forced{kind}TimeStop{slot}"] = stop
        changes[f"forced{kind}StopSwitch{slot}"] = enable
    return changes


def _mix_charge(values: list[str], _device: Device, _call: Call) -> dict[str, str]:
    # The charge stop SOC is wchargeSOCLowLimit1, the key the physics honours as the
    # battery-first ceiling (§9 q5: GS reads it unsuffixed; the bean shows both).
    return {
        "chargePowerCommand": values[0],
        "wchargeSOCLowLimit1": values[1],
        "acChargeEnable": values[2],
        **_mix_windows("Charge", values[3:18]),
    }


def _mix_discharge(values: list[str], _device: Device, _call: Call) -> dict[str, str]:
    # Grid-first discharge stops at wdisChargeSOCLowLimit2 (the `…1` one is load first).
    return {
        "disChargePowerCommand": values[0],
        "wdisChargeSOCLowLimit2": values[1],
        **_mix_windows("Discharge", values[2:17]),
    }


def _mix_clock(raw: str) -> str:
    """§9 q6: SPH sends `HH:MM`; a full date-time with seconds is accepted as for MIN."""
    if re.fullmatch(r"\d{1,2}:\d{1,2}", raw.strip()):
        hours, minutes = (int(p) for p in raw.strip().split(":"))
        if hours > 23 or minutes > 59:
            raise InvalidParamError(TIME_FORMAT, "error_time_format")
        return raw.strip()
    return clock_with_seconds(raw)


def _mix_sys_time(values: list[str], device: Device, call: Call) -> dict[str, str]:
    value = values[0]
    if ":" in value and " " not in value:  # a bare time: today, on the device's clock
        plant = call.world.scenario.plant(device.plant_id)
        hours, minutes = (int(p) for p in value.split(":"))
        moment = call.world.local_now(plant).replace(hour=hours, minute=minutes, second=0)
        value = formats.stamp(moment)
    return {"sysTime": value}


def _backflow(values: list[str], _device: Device, _call: Call) -> dict[str, str]:
    return {"exportLimit": values[0], "exportLimitPowerRate": values[1]}


MIX_WRITES: dict[str, WriteType] = {
    "mix_ac_charge_time_period": WriteType(
        (PERCENT, PERCENT, FLAG, *WINDOW_CHECKS * 3), _mix_charge
    ),
    "mix_ac_discharge_time_period": WriteType(
        (PERCENT, PERCENT, *WINDOW_CHECKS * 3), _mix_discharge
    ),
    "backflow_setting": WriteType((FLAG, PERCENT), _backflow),
    "pv_on_off": single("onOff", on_off),
    "pf_sys_year": WriteType((_mix_clock,), _mix_sys_time, reads="sysTime"),
    "pv_grid_voltage_high": single("pv_grid_voltage_high", VOLTS),
    "pv_grid_voltage_low": single("pv_grid_voltage_low", VOLTS),
    "mix_off_grid_enable": single("offGridEnable", FLAG),
    "mix_ac_discharge_frequency": single("epsFreqSet", FLAG),
    "mix_ac_discharge_voltage": single("epsVoltSet", integer(0, 2)),
    "pv_pf_cmd_memory_state": single("pfCmdMemoryState", FLAG),
    "pv_active_p_rate": single("activeRate", PERCENT),
    "pv_reactive_p_rate": single("reactiveRate", PERCENT),
    "pv_reactive_p_rate_two": single("reactiveRateTwo", PERCENT),
    "pv_power_factor": single("pf", power_factor),
    "mix_load_flast_value_multi": single("wdisChargeSOCLowLimit1", PERCENT),
    "mix_load_first_control": single("loadFirstControl", FLAG),
    "mix_single_export": single("singleExport", FLAG),
    "set_any_reg": register_write(MIX_REGISTERS),
}


def validated_changes(
    kind: WriteType, params: list[str], device: Device, call: Call
) -> dict[str, str]:
    """Check every param the type uses, then build the canonical changes (or raise)."""
    used = params[: len(kind.checks)]
    if any(value.strip() == "" for value in used):
        raise InvalidParamError(VALUE_EMPTY, "error_value_empty")
    values = [check(value) for check, value in zip(kind.checks, used, strict=True)]
    return kind.changes(values, device, call)


def param_names(count: int) -> tuple[str, ...]:
    return tuple(f"param{i}" for i in range(1, count + 1))


def write(
    call: Call,
    sn_param: str,
    value_names: tuple[str, ...],
    writes: dict[str, WriteType],
    device: Device | None,
    type_param: str = "type",
) -> Reply:
    """tlxSet / mixSet / inverterSet: validate all, then apply all at once (or nothing)."""
    world = call.world
    if call.get(sn_param) is None:
        return fail(SN_EMPTY, "error_device_sn_empty")
    if device is None:
        return fail(DEVICE_UNKNOWN, "error_device_not_exist")
    if not device.online:
        return fail(DEVICE_OFFLINE, "error_device_offline")
    kind = writes.get(call.get(type_param) or "")
    if kind is None:
        world.counters.rejected_writes += 1
        return fail(TYPE_UNKNOWN, "error_type_not_exist")
    params = [call.raw(name) or "" for name in value_names]
    try:
        changes = validated_changes(kind, params, device, call)
    except InvalidParamError as refused:
        world.counters.rejected_writes += 1
        return fail(refused.code, refused.message)
    # §5.1: an error answer does not prove the device refused the setting (the
    # "error-but-apply" knob); "reject" answers the same error and changes nothing.
    if world.settle_write(device.serial, lambda: world.write_settings(device.serial, changes)):
        return ok("")
    return fail(10001, "error_system")


# -- reading one parameter (readMinParam / readMixParam, §5.1) ----------------------------
def readable(writes: dict[str, WriteType]) -> dict[str, str]:
    """Write types that set exactly one key can be read back by the same name."""
    return {name: kind.reads for name, kind in writes.items() if kind.reads}


def read_parameter(
    call: Call, device: Device | None, names: dict[str, str], registers: dict[int, str]
) -> Reply:
    if device is None:
        return fail(READ_DEVICE_UNKNOWN, "error_device_not_exist")
    if not device.online:
        return fail(READ_DEVICE_OFFLINE, "error_device_offline")
    values = call.world.settings(device.serial)
    name = call.get("paramId")
    if name == "set_any_reg":
        try:
            register = int(call.get("startAddr") or call.get("endAddr") or "")
        except ValueError:
            return fail(READ_TYPE_UNKNOWN, "error_type_not_exist")
        key = registers.get(register, f"{REGISTER_PREFIX}{register}")
        return ok(values.get(key, "0"))
    named = names.get(name or "")
    if named is None:
        return fail(READ_TYPE_UNKNOWN, "error_type_not_exist")
    value = values.get(named, "")
    if named == "sysTime" and not value:
        plant = call.world.scenario.plant(device.plant_id)
        value = formats.stamp(call.world.local_now(plant))
    return ok(value)


# -- beans ---------------------------------------------------------------------------------
_STRING_KEY = re.compile(r"(Time(Start|Stop)\d|^sysTime$|_)")


def typed(key: str, value: str) -> Any:
    """Store strings → the JSON types the beans use: numbers as numbers, times as text."""
    if _STRING_KEY.search(key):
        return value
    if re.fullmatch(r"-?\d+", value):
        return int(value)
    if re.fullmatch(r"-?\d+\.\d+", value):
        return float(value)
    return value


def bean(values: dict[str, str]) -> dict[str, Any]:
    return {
        key: typed(key, value)
        for key, value in values.items()
        if not key.startswith(REGISTER_PREFIX)
    }
