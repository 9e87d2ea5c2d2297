"""Building blocks every catalog uses: parameter shapes, windows, and the rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from ..params import (
    Choice,
    DateTime,
    Decimal,
    Integer,
    Param,
    PowerFactor,
    SettingValueError,
    Switch,
    TimeOfDay,
)
from ..schema import ContextRule, DeviceView, Rule, Setting, Values

#: Battery modes of a TLX time segment (shinephone-api.md §5.4, openapi.md §5.2).
TLX_MODES = {"0": "load_first", "1": "battery_first", "2": "grid_first"}
#: Noah segment modes (shinephone-api.md §5.7).
NOAH_MODES = {"0": "load_first", "1": "battery_first"}
#: Three windows per SPH/SPA charge or discharge setting (§5.2, §5.3).
WINDOWS = 3

SPEC_PERCENT = "shinephone-api.md §5.8: percentages 0–100"
SPEC_TIME = "shinephone-api.md §5.8: hours 0–23, minutes 0–59"
SPEC_DATETIME = (
    "shinephone-api.md §4.14/§5.4: YYYY-MM-DD HH:MM:SS; [inferred] years 2000–2099 as a "
    "sanity bound"
)
# The spec only gives examples (263.0/186.0 V classic, 270/180 V v1); these bands hold
# every example and are disjoint, so low < high holds whatever the other one is.
VOLTS_HIGH = (240.0, 300.0)
VOLTS_LOW = (150.0, 220.0)
SPEC_VOLTS = (
    "[inferred] the spec gives only examples (263.0/186.0, 270/180 V); high 240–300, "
    "low 150–220 hold them all and keep low below high"
)


def percent(name: str, description: str, source: str = SPEC_PERCENT) -> Integer:
    """0..100 %."""
    return Integer(name, description, "%", source, low=0, high=100)


def switch(
    name: str,
    description: str,
    on: str = "1",
    off: str = "0",
    source: str = "shinephone-api.md §5.8: enable flags 0/1",
    default: bool | None = None,
) -> Switch:
    """On/off with its wire words."""
    return Switch(name, description, "", source, default, on=on, off=off)


def choice(name: str, description: str, options: Mapping[str, str], source: str) -> Choice:
    """One of a few coded options."""
    return Choice(name, description, "", source, options=options)


def clock_time(description: str = "date and time on the device clock") -> DateTime:
    """``pf_sys_year``: a date-time with seconds."""
    return DateTime("value", description, "", SPEC_DATETIME)


def volts(description: str, band: tuple[float, float]) -> Decimal:
    """A grid voltage limit, one decimal."""
    return Decimal("value", description, "V", SPEC_VOLTS, low=band[0], high=band[1], places=1)


def single(
    name: str, description: str, param: Param, reads: Sequence[str] = (), **kw: Any
) -> Setting:
    """A setting with one value (``param1``), the parameter named ``value``."""
    return Setting(name, description, (param,), reads={param.name: tuple(reads)}, **kw)


def grid_voltage_limits(high: Sequence[str], low: Sequence[str]) -> tuple[Setting, ...]:
    """``pv_grid_voltage_high`` / ``pv_grid_voltage_low``; ``high``/``low`` are the keys a
    settings read shows them under."""
    return (
        single(
            "pv_grid_voltage_high",
            "grid voltage upper limit",
            volts("upper grid voltage limit", VOLTS_HIGH),
            high,
        ),
        single(
            "pv_grid_voltage_low",
            "grid voltage lower limit",
            volts("lower grid voltage limit", VOLTS_LOW),
            low,
        ),
    )


def off_grid_output(
    prefix: str, reads: Mapping[str, Sequence[str]], source: str
) -> tuple[Setting, ...]:
    """``<prefix>_ac_discharge_frequency`` and ``…_voltage``: the off-grid output's
    frequency (0 = 50 Hz, 1 = 60 Hz) and voltage (0 = 230, 1 = 208, 2 = 240 V)."""
    return (
        single(
            f"{prefix}_ac_discharge_frequency",
            "off-grid output frequency",
            choice("value", "frequency", {"0": "50hz", "1": "60hz"}, source),
            reads["frequency"],
        ),
        single(
            f"{prefix}_ac_discharge_voltage",
            "off-grid output voltage",
            choice("value", "voltage", {"0": "230v", "1": "208v", "2": "240v"}, source),
            reads["voltage"],
        ),
    )


def reactive_and_power_factor(source: str, notes: str = "") -> tuple[Setting, ...]:
    """``pv_reactive_p_rate`` (0–100 %) and ``pv_power_factor`` (the two PF bands)."""
    return (
        single(
            "pv_reactive_p_rate",
            "reactive power rate",
            percent("value", "reactive power", source),
            ("reactiveRate",),
        ),
        single(
            "pv_power_factor",
            "power factor",
            PowerFactor("value", "power factor", "", source),
            ("pf",),
            notes=notes,
        ),
    )


# --- windows -----------------------------------------------------------------------------


def window_params(prefix: str, pad: bool, what: str) -> tuple[Param, ...]:
    """Start, end and enable of one window (five wire params: HH, MM, HH, MM, 0/1)."""
    return (
        TimeOfDay(f"{prefix}start", f"{what} start", "", SPEC_TIME, pad=pad),
        TimeOfDay(f"{prefix}end", f"{what} end", "", SPEC_TIME, pad=pad),
        switch(f"{prefix}enabled", f"{what} enabled"),
    )


def _minutes(moment: dt.time) -> int:
    return moment.hour * 60 + moment.minute


def check_window(values: Values, prefix: str) -> None:
    """The end after the start; an unused window (start = end) must be disabled.

    No window wraps midnight: the v1 API answers 10013 "end time earlier than start
    time" (openapi.md §1.6), so a night window is two windows.
    """
    start, end = values[f"{prefix}start"], values[f"{prefix}end"]
    if _minutes(end) > _minutes(start):
        return
    if _minutes(end) == _minutes(start) and not values[f"{prefix}enabled"]:
        return
    field = f"{prefix}end"
    raise SettingValueError(
        field,
        end.strftime("%H:%M"),
        f"after {prefix}start",
        f"must be after {prefix}start {start.strftime('%H:%M')} (no midnight wrap: split "
        "a night window in two; an unused window is start = end and disabled)",
    )


def window_rule(prefix: str = "") -> Rule:
    """:func:`check_window` as a rule."""
    return Rule(
        f"{prefix}end after {prefix}start; start = end only when disabled",
        lambda values: check_window(values, prefix),
    )


def overlaps(a: tuple[dt.time, dt.time], b: tuple[dt.time, dt.time]) -> bool:
    """Half-open windows [start, end) share a minute."""
    return max(_minutes(a[0]), _minutes(b[0])) < min(_minutes(a[1]), _minutes(b[1]))


def windows_apart_rule(prefixes: Sequence[str]) -> Rule:
    """The windows of one write do not overlap, enabled or not."""

    def check(values: Values) -> None:
        spans = [(p, (values[f"{p}start"], values[f"{p}end"])) for p in prefixes]
        for index, (name, span) in enumerate(spans):
            for other, other_span in spans[:index]:
                if overlaps(span, other_span):
                    raise SettingValueError(
                        f"{name}start",
                        span[0].strftime("%H:%M"),
                        "windows apart",
                        f"{name[:-1]} overlaps {other[:-1]}",
                    )

    return Rule("the windows do not overlap each other", check)


def window_prefixes(count: int = WINDOWS) -> tuple[str, ...]:
    """``window1_`` .. ``window3_``."""
    return tuple(f"window{i}_" for i in range(1, count + 1))


def window_reads(kind: str, prefixes: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """SPH/MIX beans: ``forced{kind}TimeStart{i}`` / ``…TimeStop{i}`` / ``…StopSwitch{i}``."""
    reads: dict[str, tuple[str, ...]] = {}
    for index, prefix in enumerate(prefixes, start=1):
        reads[f"{prefix}start"] = (f"forced{kind}TimeStart{index}",)
        reads[f"{prefix}end"] = (f"forced{kind}TimeStop{index}",)
        reads[f"{prefix}enabled"] = (f"forced{kind}StopSwitch{index}",)
    return reads


# --- rules against the device's current values --------------------------------------------


def segment_apart(index: int, count: int, name: str = "time_segment{}") -> ContextRule:
    """A segment must not overlap any other segment of the device, even a disabled one
    (shinephone-api.md §5.4)."""

    def check(values: Values, device: DeviceView) -> None:
        mine = (values["start"], values["end"])
        for other in range(1, count + 1):
            if other == index:
                continue
            shown = device.values(name.format(other))
            if (
                "start" in shown
                and "end" in shown
                and overlaps(mine, (shown["start"], shown["end"]))
            ):
                raise SettingValueError(
                    "start",
                    values["start"].strftime("%H:%M"),
                    "segments apart",
                    f"overlaps {name.format(other)} "
                    f"({shown['start']:%H:%M}-{shown['end']:%H:%M}), even if that one is "
                    "disabled; change or clear it first",
                )

    return ContextRule("does not overlap the device's other segments, enabled or not", check)


def soc_order(param: str, others: Sequence[tuple[str, str]], above: bool) -> ContextRule:
    """A stop SOC stays on its side of the device's other stop SOCs: a charge stop at or
    above every discharge stop (``above``), a discharge stop at or below the charge stop."""
    relation = "at or above" if above else "at or below"
    names = ", ".join(s if p == "value" else f"{s}.{p}" for s, p in others)

    def check(values: Values, device: DeviceView) -> None:
        mine = values[param]
        for setting, other_param in others:
            theirs = device.value(setting, other_param)
            if theirs is None:
                continue
            if (mine < theirs) if above else (mine > theirs):
                raise SettingValueError(
                    param,
                    mine,
                    f"{relation} {setting} ({theirs} %)",
                    f"must be {relation} the device's {setting} of {theirs} %",
                )

    return ContextRule(f"{param} {relation} the device's {names}", check)
