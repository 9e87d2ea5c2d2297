"""Classic handlers: settings writes through `newTcpsetAPI.do` (shinephone-api.md §3 rows
38–42, §5.1–5.4, §5.8).

`op=mixSetApiNew` (SPH), `op=spaSetApi` (SPA) and `op=tlxSet` (TLX) each take `serialNum`,
`type` and `param1..N`, from the query string or the form body (`call.params` merges
them). A write is validated completely before anything changes, then applied in one
`world.write_settings` call with the canonical keys of `settings_state.py`, so the
settings reads of both APIs show it.

Answers are `{"success": bool, "msg": "..."}` (§4.14). The real `msg` values of this
endpoint are unknown (§11 q5); we use the i18n keys the sibling `tcpSet.do` is captured
sending: "inv_set_success", "inv_set_failure" (bad or missing value) and
"inv_set_time_format" (a datetime without seconds). An unknown, foreign or wrong-family
`serialNum` gets the generic `{"msg": "501", "success": false}` (§4.15).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from ..routing import Call, Reply, classic_route, json_reply
from ..scenario import Device
from ..settings_state import SEGMENTS_MIX, SEGMENTS_TLX, hm_to_minutes
from .common import fail_501, own_device, set_result

PATH = "newTcpsetAPI.do"
SUCCESS = "inv_set_success"
FAILURE = "inv_set_failure"
TIME_FORMAT = "inv_set_time_format"
MINUTES_PER_DAY = 24 * 60
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")

Changes = dict[str, str]


class RejectedWriteError(ValueError):
    """A write the server refuses; `msg` is what it answers, `reason` goes to the journal."""

    def __init__(self, reason: str, msg: str = FAILURE) -> None:
        super().__init__(reason)
        self.reason = reason
        self.msg = msg


# -- reading parameters ------------------------------------------------------------------
def param(call: Call, index: int) -> str:
    value = call.get(f"param{index}")
    if value is None:
        raise RejectedWriteError(f"param{index} missing")
    return value.strip()


def integer(call: Call, index: int, low: int, high: int) -> int:
    """A whole number in [low, high]; zero-padded "07" is fine (clients send "%H")."""
    text = param(call, index)
    if not text.isdigit() or not low <= int(text) <= high:
        raise RejectedWriteError(f"param{index}={text!r} outside {low}..{high}")
    return int(text)


def percent(call: Call, index: int) -> str:
    return str(integer(call, index, 0, 100))


def flag(call: Call, index: int) -> str:
    return str(integer(call, index, 0, 1))


def clock(call: Call, first: int) -> str:
    """Two params HH, MM → Growatt's unpadded "H:M" (§5.8: hours 0–23, minutes 0–59)."""
    return f"{integer(call, first, 0, 23)}:{integer(call, first + 1, 0, 59)}"


def system_time(call: Call) -> Changes:
    """pf_sys_year: "YYYY-MM-DD HH:MM:SS"; anything else is inv_set_time_format (§4.14)."""
    text = param(call, 1)
    if not _DATETIME.fullmatch(text):
        raise RejectedWriteError(f"time {text!r} without seconds", TIME_FORMAT)
    try:
        datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError as err:
        raise RejectedWriteError(f"time {text!r} impossible", TIME_FORMAT) from err
    return {"sysTime": text}


def single(key: str, read: Callable[[Call, int], str]) -> Callable[[Call, Device], Changes]:
    """A type with one parameter stored under one canonical key."""

    def parse(call: Call, _device: Device) -> Changes:
        return {key: read(call, 1)}

    return parse


def volts(call: Call, index: int) -> str:
    """Grid voltage limits: a decimal in a plausible 150–300 V band [inferred]."""
    text = param(call, index)
    try:
        value = float(text)
    except ValueError as err:
        raise RejectedWriteError(f"param{index}={text!r} not a number") from err
    if not 150.0 <= value <= 300.0:
        raise RejectedWriteError(f"param{index}={text!r} outside 150..300 V")
    return f"{value:.1f}"


def on_off(call: Call, index: int) -> str:
    """tlx_on_off / pv_on_off: 1 on, 0 off; the "0001"/"0000" spelling of tcpSet is accepted."""
    text = param(call, index)
    mapping = {"1": "1", "0": "0", "0001": "1", "0000": "0"}
    if text not in mapping:
        raise RejectedWriteError(f"param{index}={text!r} not on/off")
    return mapping[text]


def active_rate(call: Call, _device: Device) -> Changes:
    """pv_active_p_rate: param1 %, param2 'store' 0/1 (optional; PLC)."""
    if call.get("param2") is not None:
        flag(call, 2)
    return {"activeRate": percent(call, 1)}


def backflow(call: Call, _device: Device) -> Changes:
    """backflow_setting: param1 export limit on/off, param2 allowed export % (PLC)."""
    changes = {"exportLimit": flag(call, 1)}
    if call.get("param2") is not None:
        changes["exportLimitPowerRate"] = percent(call, 2)
    return changes


# -- TLX (§5.4) --------------------------------------------------------------------------
def covered_minutes(start: str, stop: str) -> set[int]:
    """Minutes of day a window [start, stop) covers; it may wrap past midnight."""
    first, last = hm_to_minutes(start), hm_to_minutes(stop)
    if first == last:
        return set()
    if first < last:
        return set(range(first, last))
    return set(range(first, MINUTES_PER_DAY)) | set(range(0, last))


def tlx_segment(index: int) -> Callable[[Call, Device], Changes]:
    """time_segmentN: mode 0–2, start HH MM, end HH MM, enable 0/1; no overlap with any
    other segment, enabled or not (§5.4 note)."""

    def parse(call: Call, device: Device) -> Changes:
        mode = str(integer(call, 1, 0, 2))
        start, stop = clock(call, 2), clock(call, 4)
        enabled = flag(call, 6)
        mine = covered_minutes(start, stop)
        current = call.world.settings(device.serial)
        for other in range(1, SEGMENTS_TLX + 1):
            if other == index:
                continue
            theirs = covered_minutes(
                current.get(f"forcedTimeStart{other}", "0:0"),
                current.get(f"forcedTimeStop{other}", "0:0"),
            )
            if mine & theirs:
                raise RejectedWriteError(f"time_segment{index} overlaps time_segment{other}")
        return {
            f"time{index}Mode": mode,
            f"forcedTimeStart{index}": start,
            f"forcedTimeStop{index}": stop,
            f"forcedStopSwitch{index}": enabled,
        }

    return parse


TLX_TYPES: dict[str, Callable[[Call, Device], Changes]] = {
    "charge_power": single("chargePowerCommand", percent),
    "charge_stop_soc": single("wchargeSOCLowLimit", percent),
    "discharge_power": single("disChargePowerCommand", percent),
    "discharge_stop_soc": single("wdisChargeSOCLowLimit", percent),
    "on_grid_discharge_stop_soc": single("onGridDischargeStopSOC", percent),
    "ac_charge": single("acChargeEnable", flag),
    "pf_sys_year": lambda call, _device: system_time(call),
    "pv_active_p_rate": active_rate,
    "tlx_on_off": single("onOff", on_off),
    "tlx_off_grid_enable": single("offGridEnable", flag),
    "backflow_setting": backflow,
    "pv_grid_voltage_high": single("pv_grid_voltage_high", volts),
    "pv_grid_voltage_low": single("pv_grid_voltage_low", volts),
    **{f"time_segment{i}": tlx_segment(i) for i in range(1, SEGMENTS_TLX + 1)},
}


# -- MIX / SPA (§5.2, §5.3) --------------------------------------------------------------
def mix_slots(call: Call, kind: str, first: int) -> Changes:
    """3 slots × (start HH, start MM, end HH, end MM, enable) from param `first` on."""
    changes: Changes = {}
    for slot in range(1, SEGMENTS_MIX + 1):
        base = first + 5 * (slot - 1)
        changes[f"forced{kind}TimeStart{slot}"] = clock(call, base)
        changes[f"forced{kind}TimeStop{slot}"] = clock(call, base + 2)
        changes[f"forced{kind}StopSwitch{slot}"] = flag(call, base + 4)
    return changes


def mix_ac_charge(call: Call, _device: Device) -> Changes:
    """18 params: power %, stop SOC %, AC-charge master enable, then the 3 slots."""
    return {
        "chargePowerCommand": percent(call, 1),
        "wchargeSOCLowLimit1": percent(call, 2),
        "acChargeEnable": flag(call, 3),
        **mix_slots(call, "Charge", 4),
    }


def ac_discharge(call: Call, _device: Device) -> Changes:
    """17 params: power %, stop SOC %, then the 3 slots (grid-first discharge)."""
    return {
        "disChargePowerCommand": percent(call, 1),
        "wdisChargeSOCLowLimit2": percent(call, 2),
        **mix_slots(call, "Discharge", 3),
    }


def spa_ac_charge(call: Call, _device: Device) -> Changes:
    """17 params, no master enable: an AC-coupled unit charges from AC whenever a slot is
    enabled, so the enable follows the slots [inferred]."""
    slots = mix_slots(call, "Charge", 3)
    any_enabled = any(
        slots[f"forcedChargeStopSwitch{i}"] == "1" for i in range(1, SEGMENTS_MIX + 1)
    )
    return {
        "chargePowerCommand": percent(call, 1),
        "wchargeSOCLowLimit1": percent(call, 2),
        "acChargeEnable": "1" if any_enabled else "0",
        **slots,
    }


COMMON_MIX_TYPES: dict[str, Callable[[Call, Device], Changes]] = {
    "pf_sys_year": lambda call, _device: system_time(call),
    "pv_active_p_rate": active_rate,
    "pv_on_off": single("onOff", on_off),
    "backflow_setting": backflow,
}

MIX_TYPES: dict[str, Callable[[Call, Device], Changes]] = {
    **COMMON_MIX_TYPES,
    "mix_ac_charge_time_period": mix_ac_charge,
    "mix_ac_discharge_time_period": ac_discharge,
    "mix_off_grid_enable": single("offGridEnable", flag),
    "mix_load_flast_value_multi": single("wdisChargeSOCLowLimit1", percent),
}

SPA_TYPES: dict[str, Callable[[Call, Device], Changes]] = {
    **COMMON_MIX_TYPES,
    "spa_ac_charge_time_period": spa_ac_charge,
    "spa_ac_discharge_time_period": ac_discharge,
}


# -- the write itself --------------------------------------------------------------------
def rejected(call: Call, problem: RejectedWriteError) -> Reply:
    call.world.counters.rejected_writes += 1
    return json_reply(
        {"success": False, "msg": problem.msg}, outcome=f"rejected:{problem.msg}:{problem.reason}"
    )


def apply_changes(call: Call, device: Device, changes: Changes) -> Reply:
    """Honour `write_outcome`: apply, ignore (claim success), error-but-apply, reject."""
    world = call.world
    if world.settle_write(device.serial, lambda: world.write_settings(device.serial, changes)):
        return set_result(True, SUCCESS)
    return set_result(False, FAILURE)


def write(call: Call, family: str, types: dict[str, Callable[[Call, Device], Changes]]) -> Reply:
    device = own_device(call, call.get("serialNum"), family)
    if device is None:
        return fail_501()
    parse = types.get(call.get("type") or "")
    if parse is None:
        return rejected(call, RejectedWriteError(f"unknown type {call.get('type')!r}"))
    try:
        changes = parse(call, device)
    except RejectedWriteError as problem:
        return rejected(call, problem)
    return apply_changes(call, device, changes)


@classic_route(PATH, op="tlxSet")
def tlx_set(call: Call) -> Reply:
    return write(call, "tlx", TLX_TYPES)


@classic_route(PATH, op="mixSetApiNew")
def mix_set(call: Call) -> Reply:
    return write(call, "mix", MIX_TYPES)


@classic_route(PATH, op="spaSetApi")
def spa_set(call: Call) -> Reply:
    return write(call, "spa", SPA_TYPES)
