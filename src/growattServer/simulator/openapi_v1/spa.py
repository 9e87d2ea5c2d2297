"""SPA (AC-coupled battery inverter, v1 type 6): device/spa/spa_last_data (openapi.md §3.2).

Not used by growattServer; the path, its `spa_sn` form field and the 10-second window
are from §3.2/§6.1. The record follows the SD1 SPA page as GrowattPublicApiPy names its
keys [inferred]: SPH-like (`pac`, `pcharge1`, `soc`, `pacToGridTotal`, `etogridTotal`,
...), but the PV is what the SPA's meter sees of the PV inverter beside it
(`ppvInverter`, `epvInverterToday`), and there are no PV strings or `ppv`/`epv*`.
§1.6 lists no codes here: they follow `mix_last_data`.
"""

from __future__ import annotations

import re
from typing import Any

from ..routing import Call, Reply, v1_route
from .envelope import last_data
from .records import Slot, kwh, latest_slot, mix_record

DEVICE_KEYS = ("device_sn", "spa_sn")
SPA_WINDOW_S = 10  # §6.1: SPA once per 10 s


# The SPH record's PV keys: an SPA has no PV input of its own.
_SPH_PV_KEYS = ("ppv", "esystemtoday", "esystemTotal", "epvtoday", "epvTotal")


def spa_record(slot: Slot) -> dict[str, Any]:
    """The SPH record without its PV inputs, plus the metered PV inverter's power and
    counters (in this simulation, the PV the SPA's model produces)."""
    now = slot.now
    record = {
        key: value
        for key, value in mix_record(slot).items()
        if key not in _SPH_PV_KEYS and not re.fullmatch(r"[vip]pv\d|epv\d(Today|Total)", key)
    }
    record.update(
        {
            "ppvInverter": now.ppv,
            "epvInverterToday": kwh(now.today.pv),
            "epvInverterTotal": kwh(now.total.pv),
        }
    )
    return record


@v1_route("device/spa/spa_last_data", limit_keys=DEVICE_KEYS, window_s=SPA_WINDOW_S)
def spa_last_data(call: Call) -> Reply:
    return last_data(call, "spa_sn", "spa", lambda d: spa_record(latest_slot(call.world, d)))
