"""The TLX/MIN settings both APIs share (``tlxSet``: shinephone-api.md §5.4, openapi.md §5.2).

The classic and v1 catalogs differ in wire details (zero-padded hours, on/off words)
and in the keys their settings reads use; :class:`TlxStyle` carries those.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..params import TimeOfDay
from ..schema import Setting
from .common import (
    SPEC_TIME,
    TLX_MODES,
    choice,
    clock_time,
    grid_voltage_limits,
    percent,
    segment_apart,
    single,
    soc_order,
    switch,
    window_rule,
)

SEGMENTS = 9
_DISCHARGE_STOPS = (("discharge_stop_soc", "value"), ("on_grid_discharge_stop_soc", "value"))
_CHARGE_STOP = (("charge_stop_soc", "value"),)


#: The setting behind each typed method, the same on both APIs.
TLX_ROLES = {
    "charge_power": "charge_power",
    "charge_stop_soc": "charge_stop_soc",
    "discharge_power": "discharge_power",
    "discharge_stop_soc": "on_grid_discharge_stop_soc",
    "ac_charge": "ac_charge",
    "clock": "pf_sys_year",
    "on_off": "tlx_on_off",
    "active_power_rate": "pv_active_p_rate",
    "export_limit": "backflow_setting",
    "time_segment": "time_segment{}",
}


@dataclass(frozen=True)
class TlxStyle:
    """What differs between the classic and the v1 ``tlxSet``.

    ``reads`` maps a one-value setting to the keys its settings read shows it under.
    """

    pad: bool
    on_word: str
    off_word: str
    reads: Mapping[str, tuple[str, ...]]


def time_segment(index: int, pad: bool) -> Setting:
    """``time_segment<N>``: mode, start, end, enabled (six wire params)."""
    return Setting(
        f"time_segment{index}",
        f"time-of-use segment {index}: battery mode between start and end",
        (
            choice("mode", "battery mode in the window", TLX_MODES, "shinephone-api.md §5.4"),
            TimeOfDay("start", "window start", "", SPEC_TIME, pad=pad),
            TimeOfDay("end", "window end", "", SPEC_TIME, pad=pad),
            switch("enabled", "segment enabled"),
        ),
        rules=(window_rule(),),
        context=(segment_apart(index, SEGMENTS),),
        reads={
            "mode": (f"time{index}Mode",),
            "start": (f"forcedTimeStart{index}",),
            "end": (f"forcedTimeStop{index}",),
            "enabled": (f"forcedStopSwitch{index}",),
        },
        notes="segments must not overlap, even disabled ones (shinephone-api.md §5.4); "
        "no midnight wrap (v1 code 10013)",
    )


def tlx_core(style: TlxStyle) -> tuple[Setting, ...]:
    """Battery power and SOC limits, AC charge, clock, segments, on/off, grid limits."""
    reads = style.reads
    return (
        single(
            "charge_power",
            "battery charge power",
            percent("value", "charge power"),
            reads["charge_power"],
        ),
        single(
            "charge_stop_soc",
            "stop charging at this state of charge",
            percent("value", "charge stop SOC"),
            reads["charge_stop_soc"],
            context=(soc_order("value", _DISCHARGE_STOPS, above=True),),
        ),
        single(
            "discharge_power",
            "battery discharge power",
            percent("value", "discharge power"),
            reads["discharge_power"],
        ),
        single(
            "discharge_stop_soc",
            "stop discharging at this state of charge (off-grid)",
            percent("value", "discharge stop SOC"),
            reads["discharge_stop_soc"],
            context=(soc_order("value", _CHARGE_STOP, above=False),),
        ),
        single(
            "on_grid_discharge_stop_soc",
            "stop discharging at this state of charge while on grid",
            percent("value", "on-grid discharge stop SOC"),
            reads["on_grid_discharge_stop_soc"],
            context=(soc_order("value", _CHARGE_STOP, above=False),),
        ),
        single(
            "ac_charge",
            "charge the battery from the grid (AC)",
            switch("value", "AC charge enabled"),
            reads["ac_charge"],
        ),
        single("pf_sys_year", "set the inverter clock", clock_time(), reads["pf_sys_year"]),
        *(time_segment(index, style.pad) for index in range(1, SEGMENTS + 1)),
        single(
            "tlx_on_off",
            "switch the inverter on or off",
            switch(
                "value",
                "inverter on",
                style.on_word,
                style.off_word,
                source="shinephone-api.md §5.4 (PLC), openapi.md §5.2",
            ),
            reads["tlx_on_off"],
        ),
        single(
            "tlx_off_grid_enable",
            "off-grid (EPS) output",
            switch("value", "off-grid enabled", source="openapi.md §5.2"),
            reads["tlx_off_grid_enable"],
        ),
        *grid_voltage_limits(reads["pv_grid_voltage_high"], reads["pv_grid_voltage_low"]),
    )
