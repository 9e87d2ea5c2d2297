"""OpenAPI v1 MIN (TLX): ``tlxSet`` (openapi.md §5.2), read back from
``device/tlx/tlx_set_info`` (§7.8)."""

from __future__ import annotations

from growattServer.protocol import openapi_v1 as v1

from ..readback import ReadSource, mapping_or_empty
from ..schema import Schema
from ..write import V1SetChannel
from .common import choice, off_grid_output, reactive_and_power_factor, single
from .tlx import TLX_ROLES, TlxStyle, tlx_core
from .windows import active_power_rate

SOURCE = "openapi.md §5.2"

STYLE = TlxStyle(
    pad=False,  # growattServer's v1 methods send str(hour)
    on_word="0001",  # §5.2: 0000 off / 0001 on
    off_word="0000",
    reads={
        "charge_power": ("chargePowerCommand", "charge_power"),
        "charge_stop_soc": ("wchargeSOCLowLimit",),
        "discharge_power": ("disChargePowerCommand",),
        "discharge_stop_soc": ("wdisChargeSOCLowLimit",),
        # [inferred] not among the documented bean keys; the snake echo is
        "on_grid_discharge_stop_soc": ("onGridDischargeStopSOC", "on_grid_discharge_stop_soc"),
        "ac_charge": ("acChargeEnable", "ac_charge"),
        "pf_sys_year": ("sysTime", "pf_sys_year"),
        "tlx_on_off": ("onOff", "tlx_on_off"),
        "tlx_off_grid_enable": ("epsFunEn", "tlx_off_grid_enable"),
        "pv_grid_voltage_high": ("pv_grid_voltage_high",),
        "pv_grid_voltage_low": ("pv_grid_voltage_low",),
    },
)

SCHEMA = Schema(
    api="v1",
    family="min",
    title="MIN / TLX (OpenAPI v1 tlxSet)",
    channel=V1SetChannel(v1.MIN_WRITE),
    settings=(
        *tlx_core(STYLE),
        single(
            "backflow_setting",
            "export limitation (anti-backflow)",
            choice("value", "export limit mode", {"0": "off", "1": "meter", "2": "ct"}, SOURCE),
            ("exportLimit", "backflow_setting"),
        ),
        *off_grid_output(
            "tlx",
            {
                "frequency": ("epsFreqSet", "tlx_ac_discharge_frequency"),
                "voltage": ("epsVoltSet", "tlx_ac_discharge_voltage"),
            },
            SOURCE,
        ),
        active_power_rate(("activeRate",)),
        *reactive_and_power_factor(SOURCE),
    ),
    reader=ReadSource(v1.MIN_SETTINGS, "device_sn", mapping_or_empty),
    roles=TLX_ROLES,
    notes="set_any_reg (raw registers) is left out on purpose: no range can be checked",
)
