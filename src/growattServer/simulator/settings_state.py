"""Server-side settings of each device, and what they mean for the physics.

Each device keeps one flat map of canonical setting keys (the camelCase names the
settings beans use, values as the strings Growatt stores). Classic and v1 handlers
render their answers from it and write into it, so a write through either API shows
in every later read. `controls_for` turns the map into the few numbers the power
model needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .scenario import Device

SEGMENTS_TLX = 9
SEGMENTS_MIX = 3
SEGMENTS_NOAH = 9


def _grid_tied_defaults() -> dict[str, str]:
    """What every grid-tied inverter has: on/off, power limits, grid voltage limits."""
    return {
        "onOff": "1",
        "activeRate": "100",
        "reactiveRate": "0",
        "pf": "1.0",
        "sysTime": "",
        "pv_grid_voltage_high": "263.0",
        "pv_grid_voltage_low": "186.0",
    }


def _hybrid_defaults() -> dict[str, str]:
    """A grid-tied inverter with a battery: export limit and charge/discharge power."""
    return {
        **_grid_tied_defaults(),
        "exportLimit": "0",
        "exportLimitPowerRate": "0",
        "acChargeEnable": "0",
        "chargePowerCommand": "100",
        "disChargePowerCommand": "100",
        "epsFreqSet": "0",  # off-grid frequency: 0 = 50 Hz, 1 = 60 Hz (openapi.md §5.2/§5.3)
        "epsVoltSet": "0",  # off-grid voltage: 0 = 230 V, 1 = 208 V, 2 = 240 V
    }


def _tlx_defaults() -> dict[str, str]:
    values = {
        **_hybrid_defaults(),
        "wchargeSOCLowLimit": "100",
        "wdisChargeSOCLowLimit": "10",
        "onGridDischargeStopSOC": "10",
        "offGridEnable": "1",
    }
    for i in range(1, SEGMENTS_TLX + 1):
        values[f"forcedTimeStart{i}"] = "0:0"
        values[f"forcedTimeStop{i}"] = "0:0"
        values[f"time{i}Mode"] = "0"
        values[f"forcedStopSwitch{i}"] = "0"
    # One realistic night-charging window, disabled, so reads are not all zeros.
    values.update({"forcedTimeStart1": "1:0", "forcedTimeStop1": "5:0", "time1Mode": "1"})
    return values


def _mix_defaults() -> dict[str, str]:
    values = {
        **_hybrid_defaults(),
        "wchargeSOCLowLimit1": "100",
        "wchargeSOCLowLimit2": "100",
        "wdisChargeSOCLowLimit1": "100",
        "wdisChargeSOCLowLimit2": "10",
        "priorityChoose": "0",
        "offGridEnable": "0",
        "pfCmdMemoryState": "0",
        "reactiveRateTwo": "0",
        "loadFirstControl": "0",  # 0 three-phase sum, 1 single phase (§5.3)
        "singleExport": "0",
    }
    for kind in ("Charge", "Discharge"):
        for i in range(1, SEGMENTS_MIX + 1):
            values[f"forced{kind}TimeStart{i}"] = "0:0"
            values[f"forced{kind}TimeStop{i}"] = "0:0"
            values[f"forced{kind}StopSwitch{i}"] = "0"
    return values


def _inverter_defaults() -> dict[str, str]:
    return {**_grid_tied_defaults(), "reactiveMode": "over"}


def _storage_defaults() -> dict[str, str]:
    return {
        "onOff": "1",
        "activeRate": "100",
        "wchargeSOCLowLimit": "100",
        "wdisChargeSOCLowLimit": "20",
        "sysTime": "",
    }


def _noah_defaults() -> dict[str, str]:
    values = {
        "chargingSocHighLimit": "100",
        "chargingSocLowLimit": "10",
        "defaultPower": "200",
        "defaultMode": "0",
        "allowGridCharging": "0",
    }
    for i in range(1, SEGMENTS_NOAH + 1):
        values[f"segment{i}Mode"] = "0"
        values[f"segment{i}Start"] = "0:0"
        values[f"segment{i}End"] = "0:0"
        values[f"segment{i}Power"] = "0"
        values[f"segment{i}Enable"] = "0"
    # The app creates one evening window when a Noah is first set up.
    values.update(
        {
            "segment1Start": "17:0",
            "segment1End": "23:0",
            "segment1Power": "300",
            "segment1Enable": "1",
        }
    )
    return values


_DEFAULTS = {
    "tlx": _tlx_defaults,
    "mix": _mix_defaults,
    "spa": _mix_defaults,
    "inverter": _inverter_defaults,
    "storage": _storage_defaults,
    "noah": _noah_defaults,
}


def default_settings(device: Device) -> dict[str, str]:
    factory = _DEFAULTS.get(device.family)
    values = factory() if factory else {}
    values.update(device.settings)
    return values


@dataclass(frozen=True, slots=True)
class Window:
    """A daily window in local minutes [start, end); end < start wraps midnight."""

    mode: int  # 0 load first, 1 battery first, 2 grid first
    start: int
    end: int
    power_w: int = 0  # Noah: output power during the window

    def covers(self, minute: int) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= minute < self.end
        return minute >= self.start or minute < self.end


@dataclass(frozen=True, slots=True)
class Controls:
    on: bool = True
    active_rate: int = 100
    export_limit_w: float | None = None
    soc_max: float = 100.0
    soc_min: float = 10.0
    charge_rate: int = 100
    discharge_rate: int = 100
    ac_charge: bool = False
    windows: tuple[Window, ...] = ()
    output_w: float = 0.0  # Noah default output power

    def window_at(self, minute: int) -> Window | None:
        for window in self.windows:
            if window.covers(minute):
                return window
        return None


def hm_to_minutes(text: str) -> int:
    """'6:30' or '06:30' → 390; anything unreadable counts as midnight."""
    try:
        hours, minutes = text.split(":")
        return (int(hours) * 60 + int(minutes)) % 1440
    except ValueError:
        return 0


def _num(values: dict[str, str], key: str, default: float) -> float:
    try:
        return float(values.get(key, default))
    except ValueError:
        return default


def controls_for(device: Device, values: dict[str, str]) -> Controls:
    family = device.family
    on = values.get("onOff", "1") in ("1", "0001")
    rate = int(_num(values, "activeRate", 100))
    export_limit = None
    if values.get("exportLimit", "0") == "1":
        export_limit = device.nominal_power * _num(values, "exportLimitPowerRate", 100) / 100
    windows: list[Window] = []
    if family == "tlx":
        for i in range(1, SEGMENTS_TLX + 1):
            if values.get(f"forcedStopSwitch{i}") == "1":
                windows.append(
                    Window(
                        int(_num(values, f"time{i}Mode", 0)),
                        hm_to_minutes(values.get(f"forcedTimeStart{i}", "0:0")),
                        hm_to_minutes(values.get(f"forcedTimeStop{i}", "0:0")),
                    )
                )
        return Controls(
            on,
            rate,
            export_limit,
            soc_max=_num(values, "wchargeSOCLowLimit", 100),
            soc_min=_num(values, "onGridDischargeStopSOC", 10),
            charge_rate=int(_num(values, "chargePowerCommand", 100)),
            discharge_rate=int(_num(values, "disChargePowerCommand", 100)),
            ac_charge=values.get("acChargeEnable") == "1",
            windows=tuple(windows),
        )
    if family in ("mix", "spa"):
        for kind, mode in (("Charge", 1), ("Discharge", 2)):
            for i in range(1, SEGMENTS_MIX + 1):
                if values.get(f"forced{kind}StopSwitch{i}") == "1":
                    start = values.get(f"forced{kind}TimeStart{i}", "")
                    stop = values.get(f"forced{kind}TimeStop{i}", "")
                    windows.append(Window(mode, hm_to_minutes(start), hm_to_minutes(stop)))
        return Controls(
            on,
            rate,
            export_limit,
            soc_max=_num(values, "wchargeSOCLowLimit1", 100),
            soc_min=_num(values, "wdisChargeSOCLowLimit2", 10),
            charge_rate=int(_num(values, "chargePowerCommand", 100)),
            discharge_rate=int(_num(values, "disChargePowerCommand", 100)),
            ac_charge=values.get("acChargeEnable") == "1",
            windows=tuple(windows),
        )
    if family == "noah":
        for i in range(1, SEGMENTS_NOAH + 1):
            if values.get(f"segment{i}Enable") == "1":
                windows.append(
                    Window(
                        int(_num(values, f"segment{i}Mode", 0)),
                        hm_to_minutes(values.get(f"segment{i}Start", "0:0")),
                        hm_to_minutes(values.get(f"segment{i}End", "0:0")),
                        int(_num(values, f"segment{i}Power", 0)),
                    )
                )
        return Controls(
            True,
            100,
            None,
            soc_max=_num(values, "chargingSocHighLimit", 100),
            soc_min=_num(values, "chargingSocLowLimit", 10),
            ac_charge=values.get("allowGridCharging") == "1",
            windows=tuple(windows),
            output_w=_num(values, "defaultPower", 0),
        )
    if family == "storage":
        return Controls(
            on,
            rate,
            None,
            soc_max=_num(values, "wchargeSOCLowLimit", 100),
            soc_min=_num(values, "wdisChargeSOCLowLimit", 20),
        )
    return Controls(on, rate, export_limit)
