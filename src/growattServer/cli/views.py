"""Snapshot → the rows the commands show: the one place that reads raw answers.

``plants``, ``devices`` and ``status`` read a :class:`~growattServer.snapshot.Snapshot`
only through these functions, so moving to typed models changes this module alone.
Every row is a flat dict of JSON values (what ``--json`` prints); powers in W, energies
in kWh, ``None`` where the account's API does not say.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from growattServer.snapshot import DeviceSnapshot, PlantSnapshot, Snapshot

__all__ = ["device_rows", "flow_rows", "number", "plant_rows"]

Row = dict[str, Any]

#: v1 device ``type`` → the family name the classic API uses (openapi.md §4.1).
V1_FAMILIES = {"1": "inverter", "2": "storage", "5": "mix", "6": "spa", "7": "tlx"}
_STATUS = {"-1": "offline", "0": "standby", "1": "online", "2": "off-grid", "3": "fault"}


def number(value: object) -> float | None:
    """Growatt numbers arrive as numbers, numeric text, ``"1.73kW"`` or ``"null"``."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    digits = "".join(ch for ch in str(value) if ch.isdigit() or ch in ".-")
    try:
        return float(digits)
    except ValueError:
        return None


def _family(device: DeviceSnapshot) -> str:
    return V1_FAMILIES.get(device.kind, device.kind)


def _status(device: DeviceSnapshot) -> str | None:
    listing = device.listing
    if "deviceStatus" in listing:
        return _STATUS.get(str(listing["deviceStatus"]), str(listing["deviceStatus"]))
    if listing.get("lost") is True:
        return "offline"
    return "online" if "status" in listing else None


def _sum(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known), 1) if known else None


def device_rows(snapshot: Snapshot) -> list[Row]:
    """One row per device of every plant."""
    rows = []
    for plant in snapshot.plants:
        for device in plant.devices:
            listing = device.listing
            flow = _flow(device)
            rows.append(
                {
                    "plant_id": plant.plant_id,
                    "serial": device.serial,
                    "family": _family(device),
                    "name": listing.get("deviceAilas") or listing.get("alias") or None,
                    "model": listing.get("model") or None,
                    "status": _status(device),
                    "power_w": number(listing.get("power")) if "power" in listing else flow.pv,
                    "today_kwh": number(listing.get("eToday")),
                }
            )
    return rows


def plant_rows(snapshot: Snapshot) -> list[Row]:
    """One row per plant: its device count, current power and today's energy."""
    rows = []
    for plant in snapshot.plants:
        devices = device_rows(Snapshot([plant], 0.0))
        power = number(plant.listing.get("current_power"))
        rows.append(
            {
                "plant_id": plant.plant_id,
                "name": plant.name,
                "devices": len(plant.devices),
                "power_w": power if power is not None else _sum([d["power_w"] for d in devices]),
                "today_kwh": _sum([d["today_kwh"] for d in devices]),
                "total_kwh": number(plant.listing.get("total_energy")),
            }
        )
    return rows


# --- power flow ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Fields:
    """Where one value answer keeps the power flow; ``scale`` turns its unit into W."""

    pv: str
    load: str | None = None
    soc: str | None = None
    charge: str | None = None
    discharge: str | None = None
    export: str | None = None
    grid_import: str | None = None
    scale: float = 1.0
    member: str | None = None  # the answer wraps the values in this member


#: MIN/TLX records: the classic detail (inside ``data``) and the v1 latest record.
_MIN_FIELDS = _Fields(
    "ppv",
    "pacToLocalLoad",
    "bdc1Soc",
    "bdc1ChargePower",
    "bdc1DischargePower",
    "pacToGridTotal",
    "pacToUserTotal",
)

#: value endpoint name → its fields (classic *_KW answers are kW; the rest W).
_FLOW_FIELDS: dict[str, _Fields] = {
    "mix_system_status": _Fields(
        "ppv", "pLocalLoad", "SOC", "chargePower", "pdisCharge1", "pactogrid", "pactouser", 1000
    ),
    "tlx_detail": replace(_MIN_FIELDS, member="data"),
    "min_energy": _MIN_FIELDS,
    "sph_energy": _Fields(
        "ppv",
        "plocalLoadTotal",
        "soc",
        "pcharge1",
        "pdischarge1",
        "pacToGridTotal",
        "pacToUserTotal",
    ),
    "inverter_detail": _Fields("ppv"),
    "storage_detail": _Fields("ppv"),
    "noah_system_status": _Fields(
        "ppv", "pac", "soc", "chargePower", "disChargePower", member="obj"
    ),
}


@dataclass(frozen=True, slots=True)
class Flow:
    """Where the power of one device goes now (W); ``None`` = not reported."""

    pv: float | None = None
    load: float | None = None
    soc: float | None = None
    battery: float | None = None  # + charging, - discharging
    grid: float | None = None  # + importing, - exporting


def _read(values: Mapping[str, Any], key: str | None, scale: float = 1.0) -> float | None:
    value = number(values.get(key)) if key else None
    return None if value is None else round(value * scale, 1)


def _flow(device: DeviceSnapshot) -> Flow:
    for name, answer in device.values.items():
        fields = _FLOW_FIELDS.get(name)
        if fields is None or not isinstance(answer, Mapping):
            continue
        values: Any = answer.get(fields.member, {}) if fields.member else answer
        if not isinstance(values, Mapping):
            continue
        scale = fields.scale
        soc = _read(values, fields.soc)
        has_battery = soc is not None and soc > 0
        charge, discharge = (
            _read(values, fields.charge, scale),
            _read(values, fields.discharge, scale),
        )
        export = _read(values, fields.export, scale)
        grid_import = _read(values, fields.grid_import, scale)
        return Flow(
            pv=_read(values, fields.pv, scale),
            load=_read(values, fields.load, scale),
            soc=soc if has_battery else None,
            battery=round((charge or 0) - (discharge or 0), 1) if has_battery else None,
            grid=round((grid_import or 0) - (export or 0), 1) if fields.export else None,
        )
    return Flow()


def flow_rows(snapshot: Snapshot) -> list[Row]:
    """Per device: PV, home, battery (SOC, + charging) and grid (+ import) in W."""
    rows = []
    for plant in snapshot.plants:
        rows += [_flow_row(plant, device) for device in plant.devices if device.values]
    return rows


def _flow_row(plant: PlantSnapshot, device: DeviceSnapshot) -> Row:
    flow = _flow(device)
    return {
        "plant_id": plant.plant_id,
        "plant": plant.name,
        "serial": device.serial,
        "family": _family(device),
        "pv_w": flow.pv,
        "home_w": flow.load,
        "battery_soc": flow.soc,
        "battery_w": flow.battery,
        "grid_w": flow.grid,
        "errors": sorted(device.errors),
    }
