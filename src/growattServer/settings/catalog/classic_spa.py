"""Classic SPA (AC-coupled): ``newTcpsetAPI.do?op=spaSetApi`` (shinephone-api.md §5.3).

The library has no settings read for SPA, so nothing is read back (outcome UNKNOWN)
and the rules that need the device's current values are skipped.
"""

from __future__ import annotations

from growattServer.protocol import classic as ep

from ..schema import Schema
from ..write import TypeParamsChannel
from .common import clock_time, single, switch
from .windows import active_power_rate, charge_windows, discharge_windows

GPA = "openapi.md §5.4 (GPA spaSet names); [inferred] the same on spaSetApi"

SCHEMA = Schema(
    api="classic",
    family="spa",
    title="SPA, AC-coupled (ShinePhone spaSetApi)",
    channel=TypeParamsChannel(ep.UPDATE_AC_INVERTER_SETTING),
    settings=(
        charge_windows(
            "spa_ac_charge_time_period",
            pad=True,
            master_switch=False,
            reads=None,
            discharge_setting="spa_ac_discharge_time_period",
            notes="17 params, no AC-charge switch; every one sent, zeros included (§5.3)",
        ),
        discharge_windows(
            "spa_ac_discharge_time_period",
            pad=True,
            reads=None,
            charge_setting="spa_ac_charge_time_period",
            notes=GPA,
        ),
        single("pf_sys_year", "set the inverter clock", clock_time(), notes=GPA),
        single(
            "pv_on_off",
            "switch the inverter on or off",
            switch("value", "inverter on", source=GPA),
            notes=GPA,
        ),
        active_power_rate(()),
    ),
    reader=None,
    roles={
        "clock": "pf_sys_year",
        "ac_charge_windows": "spa_ac_charge_time_period",
        "ac_discharge_windows": "spa_ac_discharge_time_period",
        "on_off": "pv_on_off",
        "active_power_rate": "pv_active_p_rate",
    },
    notes="no settings read exists for SPA: writes are reported UNKNOWN",
)
