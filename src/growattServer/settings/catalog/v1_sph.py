"""OpenAPI v1 SPH (MIX): ``mixSet`` (openapi.md §5.3), read back from
``device/mix/mix_data_info`` (§7.10)."""

from __future__ import annotations

from growattServer.protocol import openapi_v1 as v1

from ..params import Clock, PowerFactor
from ..readback import ReadSource, mapping_or_empty
from ..schema import Schema
from ..write import V1SetChannel
from .common import VOLTS_HIGH, VOLTS_LOW, choice, percent, single, switch, volts
from .windows import active_power_rate, charge_windows, discharge_windows, export_limit

SOURCE = "openapi.md §5.3"
GPA = "openapi.md §5.3 (GPA)"

SCHEMA = Schema(
    api="v1",
    family="sph",
    title="SPH / MIX (OpenAPI v1 mixSet)",
    channel=V1SetChannel(v1.SPH_WRITE),
    settings=(
        charge_windows(
            "mix_ac_charge_time_period",
            pad=False,
            master_switch=True,
            reads={
                "charge_power": ("chargePowerCommand",),
                "charge_stop_soc": ("wchargeSOCLowLimit1", "wchargeSOCLowLimit"),
                "ac_charge": ("acChargeEnable",),
            },
            discharge_setting="mix_ac_discharge_time_period",
        ),
        discharge_windows(
            "mix_ac_discharge_time_period",
            pad=False,
            reads={
                "discharge_power": ("disChargePowerCommand",),
                "discharge_stop_soc": ("wdisChargeSOCLowLimit2", "wdisChargeSOCLowLimit"),
            },
            charge_setting="mix_ac_charge_time_period",
        ),
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
        single(
            "pv_grid_voltage_high",
            "grid voltage upper limit",
            volts("upper grid voltage limit", VOLTS_HIGH),
            ("pv_grid_voltage_high",),
        ),
        single(
            "pv_grid_voltage_low",
            "grid voltage lower limit",
            volts("lower grid voltage limit", VOLTS_LOW),
            ("pv_grid_voltage_low",),
        ),
        single(
            "mix_off_grid_enable",
            "off-grid (EPS) output",
            switch("value", "off-grid enabled", source=SOURCE),
            ("offGridEnable", "epsFunEn"),
        ),
        single(
            "mix_ac_discharge_frequency",
            "off-grid output frequency",
            choice("value", "frequency", {"0": "50hz", "1": "60hz"}, SOURCE),
            ("epsFreqSet",),
        ),
        single(
            "mix_ac_discharge_voltage",
            "off-grid output voltage",
            choice("value", "voltage", {"0": "230v", "1": "208v", "2": "240v"}, SOURCE),
            ("epsVoltSet",),
        ),
        single(
            "pv_pf_cmd_memory_state",
            "store power factor commands",
            switch("value", "store PF commands", source=SOURCE),
            ("pfCmdMemoryState",),
        ),
        active_power_rate(("activeRate",)),
        single(
            "pv_reactive_p_rate",
            "reactive power rate",
            percent("value", "reactive power", SOURCE),
            ("reactiveRate",),
        ),
        single(
            "pv_power_factor",
            "power factor",
            PowerFactor("value", "power factor", "", SOURCE),
            ("pf",),
            notes="bands from openapi.md §5.3 (GS docs say 0–100; the safer bands win)",
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
    roles={
        "clock": "pf_sys_year",
        "ac_charge_windows": "mix_ac_charge_time_period",
        "ac_discharge_windows": "mix_ac_discharge_time_period",
        "on_off": "pv_on_off",
        "active_power_rate": "pv_active_p_rate",
        "export_limit": "backflow_setting",
    },
    notes="pv_reactive_p_rate_two and set_any_reg are left out: their values are undocumented",
)
