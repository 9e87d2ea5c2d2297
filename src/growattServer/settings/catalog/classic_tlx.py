"""Classic TLX (MIN/MIC/MOD/NEO, TL-XH): ``newTcpsetAPI.do?op=tlxSet`` (shinephone-api.md
§5.4), read back from ``getTlxSetData`` (``tlxSetBean``, row 22)."""

from __future__ import annotations

from growattServer.protocol import classic as ep

from ..readback import ReadSource, mapping_or_empty
from ..schema import Schema, Setting
from ..write import TypeParamsChannel
from .common import percent, switch
from .tlx import TLX_ROLES, TlxStyle, tlx_core
from .windows import export_limit

STYLE = TlxStyle(
    pad=True,  # §5.4: "%H", zero-padded
    on_word="1",  # §5.4 (PLC): 1 on / 0 off
    off_word="0",
    reads={
        "charge_power": ("chargePowerCommand", "charge_power"),
        "charge_stop_soc": ("wchargeSOCLowLimit", "charge_stop_soc"),
        "discharge_power": ("disChargePowerCommand", "discharge_power"),
        "discharge_stop_soc": ("wdisChargeSOCLowLimit", "discharge_stop_soc"),
        "on_grid_discharge_stop_soc": ("on_grid_discharge_stop_soc",),
        "ac_charge": ("acChargeEnable", "ac_charge"),
        "pf_sys_year": ("pf_sys_year", "sysTime"),
        "tlx_on_off": ("tlx_on_off", "onOff"),
        "tlx_off_grid_enable": ("tlx_off_grid_enable",),
        "pv_grid_voltage_high": ("pv_grid_voltage_high",),
        "pv_grid_voltage_low": ("pv_grid_voltage_low",),
    },
)

ACTIVE_POWER_RATE = Setting(
    "pv_active_p_rate",
    "active power limit",
    (
        percent("value", "active power rate", "shinephone-api.md §5.4 (PLC)"),
        switch(
            "store",
            "keep the limit after a restart",
            source="shinephone-api.md §5.4 (PLC)",
            default=False,
        ),
    ),
    reads={"value": ("activeRate",)},
    notes="[inferred] 'store' defaults to off: writing flash on every change wears it",
)

SCHEMA = Schema(
    api="classic",
    family="tlx",
    title="TLX / MIN (ShinePhone tlxSet)",
    channel=TypeParamsChannel(ep.UPDATE_TLX_INVERTER_SETTING),
    settings=(
        *tlx_core(STYLE),
        ACTIVE_POWER_RATE,
        export_limit(
            {"enabled": ("exportLimit",), "power_rate": ("exportLimitPowerRateStr",)},
            "shinephone-api.md §4.10 enable list; user-needs.md §2.2 (#81)",
            notes="[inferred] parameters undocumented for classic TLX; sent as on/off + % "
            "like MIX (PLC), the safe subset of the v1 0/1/2",
        ),
    ),
    reader=ReadSource(ep.TLX_ALL_SETTINGS, "tlx_id", mapping_or_empty),
    roles=TLX_ROLES,
)
