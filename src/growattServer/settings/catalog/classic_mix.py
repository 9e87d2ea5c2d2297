"""Classic MIX (SPH hybrids): ``newTcpsetAPI.do?op=mixSetApiNew`` (shinephone-api.md §5.2),
read back from ``getMixSetParams`` (row 30, a third-party shape: flat ``obj``)."""

from __future__ import annotations

from growattServer.protocol import classic as ep

from ..readback import ReadSource, member
from ..schema import Schema
from ..write import TypeParamsChannel
from .common import clock_time, percent, single, switch
from .windows import MIX_ROLES, active_power_rate, export_limit, mix_windows

WEB_ONLY = "web-portal name from PLC, unverified on the app endpoint (shinephone-api.md §5.2)"

SCHEMA = Schema(
    api="classic",
    family="mix",
    title="MIX / SPH (ShinePhone mixSetApiNew)",
    channel=TypeParamsChannel(ep.UPDATE_MIX_INVERTER_SETTING),
    settings=(
        single("pf_sys_year", "set the inverter clock", clock_time(), ("sysTime",)),
        *mix_windows(pad=True),
        single(
            "mix_load_flast_value_multi",
            "load-first discharge stop SOC",
            percent("value", "stop SOC", WEB_ONLY),
            ("wdisChargeSOCLowLimit1",),
            notes=WEB_ONLY,
        ),
        single(
            "mix_off_grid_enable",
            "off-grid (EPS) output",
            switch("value", "off-grid enabled", source=WEB_ONLY),
            ("offGridEnable",),
            notes=WEB_ONLY,
        ),
        single(
            "pv_on_off",
            "switch the inverter on or off",
            switch("value", "inverter on", source=WEB_ONLY),
            ("onOff",),
            notes=WEB_ONLY,
        ),
        active_power_rate(("activeRate",)),
        export_limit(
            {"enabled": ("exportLimit",), "power_rate": ("exportLimitPowerRate",)},
            WEB_ONLY,
            notes=WEB_ONLY,
        ),
    ),
    reader=ReadSource(ep.MIX_INVERTER_SETTINGS, "serial_number", member("obj")),
    roles=MIX_ROLES,
)
