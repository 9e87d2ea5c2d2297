"""Envelopes and lookups shared by the classic handlers (shinephone-api.md §4.15).

Append-only while several people work here: add helpers, do not change the meaning of
existing ones.
"""

from __future__ import annotations

from typing import Any

from ..routing import Call, Reply, json_reply
from ..scenario import Device, Plant


def back(payload: dict[str, Any]) -> Reply:
    """`{"back": {...}}`: login, PlantListAPI, PlantDetailAPI."""
    return json_reply({"back": payload})


def obj(payload: Any, *, result: int = 1, msg: str = "") -> Reply:
    """`{"result":1,"msg":"","obj":{...}}`: newTlxApi/newMixApi/newStorageAPI ops that
    the library reads `obj` from. The siblings are unconfirmed (§4.15) but harmless."""
    return json_reply({"result": result, "msg": msg, "obj": payload})


def data(payload: dict[str, Any], parameter_name: str = "") -> Reply:
    """`{"data": {...}, "parameterName": "..."}`: the *DetailData ops."""
    return json_reply({"data": payload, "parameterName": parameter_name})


def flat(payload: dict[str, Any]) -> Reply:
    return json_reply(payload)


def fail_501() -> Reply:
    """Wrong device family, unknown id or missing parameter (§4.15 last row, #3)."""
    return json_reply({"msg": "501", "success": False}, outcome="fail-501")


def set_result(success: bool, msg: str) -> Reply:
    """newTcpsetAPI.do / tcpSet.do write answers: `{"success": bool, "msg": "..."}`."""
    return json_reply(
        {"success": success, "msg": msg}, outcome="ok" if success else f"rejected:{msg}"
    )


def noah_reply(payload: Any, *, result: int = 1, msg: str = "") -> Reply:
    """noahDeviceApi answers: `{"msg": "", "result": 1, "obj": ...}`."""
    return json_reply(
        {"msg": msg, "result": result, "obj": payload},
        outcome="ok" if result == 1 else f"rejected:{msg}",
    )


def own_plant(call: Call, plant_id: str | None) -> Plant | None:
    """The plant if it exists and belongs to the logged-in account."""
    return call.world.owned_plant(call.account, plant_id)


def own_device(call: Call, serial: str | None, *families: str) -> Device | None:
    """The device if it exists, belongs to the account and is of one of `families`."""
    return call.world.owned_device(call.account, serial, *families)


# -- plant aggregates (added for the plant endpoints; shared so every plant view agrees) ----


def plant_devices(call: Call, plant: Plant) -> list[Device]:
    """The devices whose yield counts for the plant: a `bat` pack shares its inverter's
    model, so counting it would count the same energy twice."""
    return [d for d in call.world.devices_of(plant.plant_id) if d.family != "bat"]


def device_yield(device: Device, energy: Any) -> float:
    """kWh a device contributes to its plant's energy: a string inverter's AC output
    (its eac), every other family's PV harvest (Growatt's plant totals count solar)."""
    return float(energy.ac_out if device.family == "inverter" else energy.pv)


def yield_power(device: Device, reading: Any) -> float:
    """W a device contributes to the plant's current power (same rule as `device_yield`)."""
    return float(reading.pac if device.family == "inverter" else reading.ppv)
