"""Classic inverter settings: `tcpSet.do?action=inverterSet` writes and the
`commonDeviceSetC/setInverter` HTML page that shows them (shinephone-api.md §3 rows 43–46,
§4.14, §4.16, §5.5).

Writes land in the inverter's canonical settings (`settings_state` inverter keys), so the
HTML page, the detail beans and OpenAPI v1 all read the same values back.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..formats import stamp
from ..readings import reading
from ..routing import Call, Reply, classic_route, html_reply
from ..scenario import Device
from .common import own_device, set_result

SUCCESS, FAILURE, TIME_FORMAT = "inv_set_success", "inv_set_failure", "inv_set_time_format"
# Sensible grid limits for a 230 V inverter; the spec gives only 263.0 / 186.0 (§5.5).
VOLTAGE_HIGH_RANGE = (230.0, 300.0)
VOLTAGE_LOW_RANGE = (150.0, 230.0)


class RejectedError(ValueError):
    """A write the server refuses; `args[0]` is the answer's msg."""


def _percent(value: str) -> str:
    if not re.fullmatch(r"\d{1,3}", value) or not 0 <= int(value) <= 100:
        raise RejectedError(FAILURE)
    return str(int(value))


def _volts(value: str, low: float, high: float) -> str:
    try:
        volts = float(value)
    except ValueError as err:
        raise RejectedError(FAILURE) from err
    if not low <= volts <= high:
        raise RejectedError(FAILURE)
    return f"{volts:.1f}"


# -- one translator per paramId: (command_1, command_2, current settings) -> changes ----
def _on_off(first: str, _second: str, _now: dict[str, str]) -> dict[str, str]:
    states = {"0001": "1", "0000": "0"}
    if first not in states:
        raise RejectedError(FAILURE)
    return {"onOff": states[first]}


def _active_rate(first: str, _second: str, _now: dict[str, str]) -> dict[str, str]:
    return {"activeRate": _percent(first)}


def _reactive_rate(first: str, second: str, now: dict[str, str]) -> dict[str, str]:
    """command_2 "over" (inductive) / "under" (capacitive); empty keeps the current mode."""
    mode = second or now.get("reactiveMode", "over")
    if mode not in ("over", "under"):
        raise RejectedError(FAILURE)
    return {"reactiveRate": _percent(first), "reactiveMode": mode}


def _system_time(first: str, _second: str, _now: dict[str, str]) -> dict[str, str]:
    """'YYYY-MM-DD HH:MM:SS' exactly; anything else is the documented time-format error."""
    try:
        moment = datetime.strptime(first, "%Y-%m-%d %H:%M:%S")
    except ValueError as err:
        raise RejectedError(TIME_FORMAT) from err
    return {"sysTime": stamp(moment)}


def _power_factor(first: str, _second: str, _now: dict[str, str]) -> dict[str, str]:
    try:
        factor = float(first)
    except ValueError as err:
        raise RejectedError(FAILURE) from err
    if not 0.8 <= abs(factor) <= 1.0:
        raise RejectedError(FAILURE)
    return {"pf": f"{factor:g}" if factor not in (1.0, -1.0) else f"{factor:.1f}"}


def _voltage_high(first: str, _second: str, now: dict[str, str]) -> dict[str, str]:
    volts = _volts(first, *VOLTAGE_HIGH_RANGE)
    if float(volts) <= float(now.get("pv_grid_voltage_low", "0")):
        raise RejectedError(FAILURE)
    return {"pv_grid_voltage_high": volts}


def _voltage_low(first: str, _second: str, now: dict[str, str]) -> dict[str, str]:
    volts = _volts(first, *VOLTAGE_LOW_RANGE)
    if float(volts) >= float(now.get("pv_grid_voltage_high", "999")):
        raise RejectedError(FAILURE)
    return {"pv_grid_voltage_low": volts}


TRANSLATORS: dict[str, Callable[[str, str, dict[str, str]], dict[str, str]]] = {
    "pv_on_off": _on_off,
    "pv_active_p_rate": _active_rate,
    "pv_reactive_p_rate": _reactive_rate,
    "pf_sys_year": _system_time,
    "pv_power_factor": _power_factor,
    "pv_grid_voltage_high": _voltage_high,
    "pv_grid_voltage_low": _voltage_low,
}


def _reject(call: Call, msg: str) -> Reply:
    call.world.counters.rejected_writes += 1
    return set_result(False, msg)


@classic_route("tcpSet.do", "inverterSet")
def inverter_set(call: Call) -> Reply:
    """Rows 43–45. Validate everything first, then apply in one `write_settings` call."""
    device = own_device(call, call.get("serialNum"), "inverter")
    translate = TRANSLATORS.get(call.get("paramId") or "")
    first = call.get("command_1")
    if device is None or translate is None or first is None:
        return _reject(call, FAILURE)
    try:
        changes = translate(
            first.strip(), (call.get("command_2") or "").strip(), call.world.settings(device.serial)
        )
    except RejectedError as err:
        return _reject(call, str(err.args[0]))
    world = call.world
    if world.settle_write(device.serial, lambda: world.write_settings(device.serial, changes)):
        return set_result(True, SUCCESS)
    return set_result(False, FAILURE)


# -- row 46: the settings page ------------------------------------------------------------
PAGE = """<!DOCTYPE html>
<html>
<head><meta charset="UTF-8"><title>Inverter settings</title></head>
<body class="setInverter">
<div id="setInverterBox"></div>
<script type="text/javascript">
var plantId = '{plant_id}';
var inv=JSON.parse('{inv}');
var invType = 'inv';
</script>
</body>
</html>"""

MISSING_PAGE = """<!DOCTYPE html>
<html>
<head><meta charset="UTF-8"><title>Inverter settings</title></head>
<body class="setInverter"><p>No device</p></body>
</html>"""


def inverter_view(call: Call, device: Device) -> dict[str, Any]:
    """The keys of §4.16, rendered from the canonical settings (strings as listed)."""
    settings = call.world.settings(device.serial)
    plant = call.world.scenario.plant(device.plant_id)
    item = reading(call.world, device.serial, call.now)
    local_now = stamp(call.world.local_now(plant))
    return {
        "sn": device.serial,
        "alias": device.alias,
        "datalogSn": device.datalogger,
        "plantId": str(device.plant_id),
        "model": device.model,
        "deviceModel": device.model,
        "modelText": device.model,
        "fwVersion": "AH1.0",
        "innerVersion": "AHAA0305",
        "nominalPower": str(device.nominal_power),
        "timezone": "0",
        "isBig": "0",
        "haveAfci": "0",
        "location": plant.city,
        "pfModel": "0",
        "pvPfCmdMemoryState": "0",
        "wideVoltageEnable": "0",
        "workingFrequencyMin": "47.53",
        "workingFrequencyMax": "51.5",
        "onOff": settings.get("onOff", "1"),
        "activeRate": settings.get("activeRate", "100"),
        "reactiveRate": settings.get("reactiveRate", "0"),
        "pf": settings.get("pf", "1.0"),
        "voltageHighLimit": settings.get("pv_grid_voltage_high", "263.0"),
        "voltageLowLimit": settings.get("pv_grid_voltage_low", "186.0"),
        "sysTime": settings.get("sysTime") or local_now,
        "lost": "false" if device.online else "true",
        "status": "1" if item.producing else "0",
        "lastUpdateTime": stamp(item.at),
    }


def _js_literal(value: dict[str, Any]) -> str:
    """JSON that is still valid JSON as page text (clients regex it out and parse it)
    and cannot close the single-quoted JS string: a `'` becomes the JSON escape."""
    encoded = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return encoded.replace("'", "\\u0027")


@classic_route("commonDeviceSetC/setInverter")
def inverter_page(call: Call) -> Reply:
    """Row 46, an HTML page; a serial that is not one of the account's inverters gets
    the page without an `inv` literal (the library then raises)."""
    device = own_device(call, call.get("invSn") or call.get("sn"), "inverter")
    if device is None:
        return html_reply(MISSING_PAGE, outcome="no-device")
    page = PAGE.replace("{plant_id}", str(device.plant_id))
    return html_reply(page.replace("{inv}", _js_literal(inverter_view(call, device))))
