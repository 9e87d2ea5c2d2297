"""Classic string inverters: ``tcpSet.do?action=inverterSet`` (shinephone-api.md §5.5),
read back from the ``commonDeviceSetC/setInverter`` page (row 46, §4.16)."""

from __future__ import annotations

from growattServer.protocol import classic as ep

from ..params import PowerFactor
from ..readback import ReadSource, mapping_or_empty
from ..schema import Schema, Setting
from ..write import InverterSetChannel
from .common import choice, clock_time, grid_voltage_limits, percent, single, switch

SOURCE = "shinephone-api.md §5.5"

SCHEMA = Schema(
    api="classic",
    family="inverter",
    title="Classic inverter (ShinePhone tcpSet.do)",
    channel=InverterSetChannel(),
    settings=(
        single(
            "pv_on_off",
            "switch the inverter on or off",
            switch("value", "inverter on", "0001", "0000", source=SOURCE),
            ("onOff",),
        ),
        single(
            "pv_active_p_rate",
            "active power limit",
            percent("value", "active power rate", SOURCE),
            ("activeRate",),
        ),
        Setting(
            "pv_reactive_p_rate",
            "reactive power rate and its direction",
            (
                percent("value", "reactive power rate", SOURCE),
                choice(
                    "direction",
                    "reactive power direction (command_2)",
                    {"over": "inductive", "under": "capacitive"},
                    SOURCE,
                ),
            ),
            reads={"value": ("reactiveRate",)},
        ),
        single("pf_sys_year", "set the inverter clock", clock_time(), ("sysTime",)),
        single(
            "pv_power_factor",
            "power factor",
            PowerFactor("value", "power factor", "", SOURCE),
            ("pf",),
        ),
        *grid_voltage_limits(("voltageHighLimit",), ("voltageLowLimit",)),
    ),
    reader=ReadSource(ep.CLASSIC_INVERTER_INFO, "device_sn", mapping_or_empty),
    roles={
        "on_off": "pv_on_off",
        "active_power_rate": "pv_active_p_rate",
        "clock": "pf_sys_year",
    },
)
