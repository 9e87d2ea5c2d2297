"""Charge and discharge window settings of SPH/MIX and SPA (shinephone-api.md §5.2–5.3,
openapi.md §5.3): power, stop SOC, then three windows of start, end and enable."""

from __future__ import annotations

from collections.abc import Mapping

from ..params import Param
from ..schema import ContextRule, Setting
from .common import (
    percent,
    single,
    soc_order,
    switch,
    window_params,
    window_prefixes,
    window_reads,
    window_rule,
    windows_apart_rule,
)

_PREFIXES = window_prefixes()


def _windows(pad: bool, what: str) -> tuple[Param, ...]:
    params: list[Param] = []
    for index, prefix in enumerate(_PREFIXES, start=1):
        params.extend(window_params(prefix, pad, f"{what} window {index}"))
    return tuple(params)


def charge_windows(
    name: str,
    pad: bool,
    *,
    master_switch: bool,
    reads: Mapping[str, tuple[str, ...]] | None,
    discharge_setting: str,
    notes: str = "",
) -> Setting:
    """``*_ac_charge_time_period``: charge power, stop SOC, [AC-charge switch], 3 windows.

    ``reads`` maps the head parameters to bean keys (``None``: not readable)."""
    head: tuple[Param, ...] = (
        percent("charge_power", "charge power in the windows"),
        percent("charge_stop_soc", "stop charging at this state of charge"),
    )
    if master_switch:
        head += (switch("ac_charge", "charge from the grid (AC) in the windows"),)
    context: tuple[ContextRule, ...] = ()
    all_reads: dict[str, tuple[str, ...]] = {}
    if reads is not None:
        all_reads = {**reads, **window_reads("Charge", _PREFIXES)}
        context = (
            soc_order("charge_stop_soc", ((discharge_setting, "discharge_stop_soc"),), above=True),
        )
    return Setting(
        name,
        "battery-first windows: charge (from PV, or the grid when AC charge is on)",
        (*head, *_windows(pad, "charge")),
        rules=(*(window_rule(p) for p in _PREFIXES), windows_apart_rule(_PREFIXES)),
        context=context,
        reads=all_reads,
        notes=notes or "all three windows are always sent; an unused one is 00:00-00:00, off",
    )


def discharge_windows(
    name: str,
    pad: bool,
    *,
    reads: Mapping[str, tuple[str, ...]] | None,
    charge_setting: str,
    notes: str = "",
) -> Setting:
    """``*_ac_discharge_time_period``: discharge power, stop SOC, 3 windows."""
    context: tuple[ContextRule, ...] = ()
    all_reads: dict[str, tuple[str, ...]] = {}
    if reads is not None:
        all_reads = {**reads, **window_reads("Discharge", _PREFIXES)}
        context = (
            soc_order("discharge_stop_soc", ((charge_setting, "charge_stop_soc"),), above=False),
        )
    return Setting(
        name,
        "grid-first windows: discharge the battery to the load and the grid",
        (
            percent("discharge_power", "discharge power in the windows"),
            percent("discharge_stop_soc", "stop discharging at this state of charge"),
            *_windows(pad, "discharge"),
        ),
        rules=(*(window_rule(p) for p in _PREFIXES), windows_apart_rule(_PREFIXES)),
        context=context,
        reads=all_reads,
        notes=notes or "all three windows are always sent; an unused one is 00:00-00:00, off",
    )


def export_limit(reads: Mapping[str, tuple[str, ...]], source: str, notes: str = "") -> Setting:
    """``backflow_setting`` as on/off plus the export allowed in percent."""
    return Setting(
        "backflow_setting",
        "export limit (anti-backflow): on/off and the export allowed",
        (
            switch("enabled", "export limit on", source=source),
            percent("power_rate", "export allowed, % of rated power", source=source),
        ),
        reads=reads,
        notes=notes,
    )


def active_power_rate(reads: tuple[str, ...]) -> Setting:
    """``pv_active_p_rate``: output limit in percent."""
    return single(
        "pv_active_p_rate", "active power limit", percent("value", "active power rate"), reads
    )


#: The setting behind each typed method on SPH/MIX, the same on both APIs.
MIX_ROLES = {
    "clock": "pf_sys_year",
    "ac_charge_windows": "mix_ac_charge_time_period",
    "ac_discharge_windows": "mix_ac_discharge_time_period",
    "on_off": "pv_on_off",
    "active_power_rate": "pv_active_p_rate",
    "export_limit": "backflow_setting",
}


def mix_windows(pad: bool) -> tuple[Setting, Setting]:
    """``mix_ac_charge_time_period`` and ``mix_ac_discharge_time_period`` with the keys
    SPH/MIX settings reads show them under (openapi.md §5.3)."""
    charge = "mix_ac_charge_time_period"
    discharge = "mix_ac_discharge_time_period"
    return (
        charge_windows(
            charge,
            pad=pad,
            master_switch=True,
            reads={
                "charge_power": ("chargePowerCommand",),
                "charge_stop_soc": ("wchargeSOCLowLimit1", "wchargeSOCLowLimit"),
                "ac_charge": ("acChargeEnable",),
            },
            discharge_setting=discharge,
        ),
        discharge_windows(
            discharge,
            pad=pad,
            reads={
                "discharge_power": ("disChargePowerCommand",),
                "discharge_stop_soc": ("wdisChargeSOCLowLimit2", "wdisChargeSOCLowLimit"),
            },
            charge_setting=charge,
        ),
    )
