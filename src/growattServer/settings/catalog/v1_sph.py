"""OpenAPI v1 SPH (MIX): ``mixSet`` (openapi.md §5.3), read back from
``device/mix/mix_data_info`` (§7.10)."""

from __future__ import annotations

from growattServer.protocol import openapi_v1 as v1

from ..params import Clock
from ..readback import ReadSource, mapping_or_empty
from ..schema import Schema
from ..write import V1SetChannel
from .common import (
    choice,
    grid_voltage_limits,
    off_grid_output,
    percent,
    reactive_and_power_factor,
    single,
    switch,
)
from .windows import MIX_ROLES, active_power_rate, export_limit, mix_windows

SOURCE = "openapi.md §5.3"
GPA = "openapi.md §5.3 (GPA)"

SCHEMA = Schema(
    api="v1",
    family="sph",
    title="SPH / MIX (OpenAPI v1 mixSet)",
    channel=V1SetChannel(v1.SPH_WRITE),
    settings=(
        *mix_windows(pad=False),
        export_limit(
            {
                "enabled": ("exportLimit", "backflow_setting"),
                "power_rate": ("exportLimitPowerRate",),
            },
            SOURCE,
        ),
        single(
            "pv_on_off",
            "switch the inverter on or off",
            switch("value", "inverter on", "0001", "0000", source=f"{SOURCE} (GPA/SD1 words)"),
            ("onOff", "pv_on_off"),
        ),
        single(
            "pf_sys_year",
            "set the inverter clock (time of day)",
            Clock("value", "time of day on the device clock", "", f"{SOURCE}: HH:MM"),
            ("sysTime",),
            notes="SPH takes HH:MM, MIN a full date-time (openapi.md §9 q6)",
        ),
        *grid_voltage_limits(("pv_grid_voltage_high",), ("pv_grid_voltage_low",)),
        single(
            "mix_off_grid_enable",
            "off-grid (EPS) output",
            switch("value", "off-grid enabled", source=SOURCE),
            ("offGridEnable", "epsFunEn"),
        ),
        *off_grid_output("mix", {"frequency": ("epsFreqSet",), "voltage": ("epsVoltSet",)}, SOURCE),
        single(
            "pv_pf_cmd_memory_state",
            "store power factor commands",
            switch("value", "store PF commands", source=SOURCE),
            ("pfCmdMemoryState",),
        ),
        active_power_rate(("activeRate",)),
        *reactive_and_power_factor(
            SOURCE, notes="bands from openapi.md §5.3 (GS docs say 0–100; the safer bands win)"
        ),
        single(
            "mix_load_flast_value_multi",
            "load-first discharge stop SOC",
            percent("value", "stop SOC", GPA),
            ("wdisChargeSOCLowLimit1",),
        ),
        single(
            "mix_load_first_control",
            "load-first control",
            choice(
                "value", "load first control", {"0": "three_phase_sum", "1": "single_phase"}, GPA
            ),
            ("loadFirstControl",),
        ),
        single(
            "mix_single_export",
            "single-phase anti-backflow",
            switch("value", "single-phase export limit", source=GPA),
            ("singleExport",),
        ),
    ),
    reader=ReadSource(v1.SPH_DETAIL, "device_sn", mapping_or_empty),
    roles=MIX_ROLES,
    notes="pv_reactive_p_rate_two and set_any_reg are left out: their values are undocumented",
)
