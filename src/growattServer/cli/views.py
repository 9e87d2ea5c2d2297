"""Typed snapshot → the rows the commands show.

``plants``, ``devices`` and ``status`` read an
:class:`~growattServer.models.AccountSnapshot` only through these functions. Every row
is a flat dict of JSON values (what ``--json`` prints); powers in W, energies in kWh,
``None`` where the account's API does not say.
"""

from __future__ import annotations

from typing import Any

from growattServer.models import (
    AccountSnapshot,
    DeviceFamily,
    DeviceState,
    EnergyQuantity,
    EnergyTotals,
    PlantState,
    PowerFlow,
)

__all__ = ["device_rows", "energy_rows", "flow_numbers", "flow_rows", "plant_rows"]

Row = dict[str, Any]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _difference(gain: float | None, loss: float | None) -> float | None:
    """``gain - loss``, or ``None`` when neither is reported."""
    if gain is None and loss is None:
        return None
    return round((gain or 0.0) - (loss or 0.0), 1)


def device_rows(snapshot: AccountSnapshot) -> list[Row]:
    """One row per device of every plant."""
    return [_device_row(plant, state) for plant in snapshot.plants for state in plant.devices]


def _device_row(plant: PlantState, state: DeviceState) -> Row:
    device, flow = state.device, state.power_flow
    return {
        "plant_id": plant.plant_id,
        "serial": device.serial,
        "family": str(device.family),
        "name": device.alias,
        "model": device.model,
        "status": str(device.status),
        "power_w": _rounded(flow.pv_w if flow is not None else None),
        "today_kwh": _rounded(state.energy.today_kwh if state.energy is not None else None),
    }


def plant_rows(snapshot: AccountSnapshot) -> list[Row]:
    """One row per plant: its place, device count, current PV power and energy."""
    rows = []
    for plant in snapshot.plants:
        energy = plant.energy
        rows.append(
            {
                "plant_id": plant.plant_id,
                "name": plant.name,
                "city": plant.plant.city,
                "timezone": str(plant.plant.timezone),
                "devices": len(plant.devices),
                "power_w": _rounded(plant.power_flow.pv_w),
                "today_kwh": _rounded(energy.today_kwh if energy is not None else None),
                "total_kwh": _rounded(energy.total_kwh if energy is not None else None),
            }
        )
    return rows


def flow_rows(snapshot: AccountSnapshot) -> list[Row]:
    """Per device with a reading: PV, home, battery (SOC, + charging) and grid
    (+ importing) in W, and the reads that failed."""
    return [
        _flow_row(plant, state, state.power_flow)
        for plant in snapshot.plants
        for state in plant.devices
        if state.reading is not None or state.errors
    ]


def _flow_row(plant: PlantState, state: DeviceState, flow: PowerFlow | None) -> Row:
    return {
        "plant_id": plant.plant_id,
        "plant": plant.name,
        "serial": state.serial,
        "family": str(state.device.family),
        **flow_numbers(flow or PowerFlow()),
        "errors": sorted(state.errors),
    }


def flow_numbers(flow: PowerFlow) -> Row:
    """A device's or plant's flow as the status columns: PV, home, battery SOC, battery
    (+ charging) and grid (+ importing), in W."""
    return {
        "pv_w": _rounded(flow.pv_w),
        "home_w": _rounded(flow.load_w),
        "battery_soc": _rounded(flow.battery_soc_pct),
        "battery_w": _difference(flow.battery_charge_w, flow.battery_discharge_w),
        "grid_w": _difference(flow.grid_import_w, flow.grid_export_w),
    }


#: The quantities the devices count beside what the plant produced.
_DEVICE_QUANTITIES = (
    EnergyQuantity.LOAD,
    EnergyQuantity.GRID_IMPORT,
    EnergyQuantity.GRID_EXPORT,
    EnergyQuantity.BATTERY_CHARGE,
    EnergyQuantity.BATTERY_DISCHARGE,
)


def energy_rows(snapshot: AccountSnapshot) -> list[Row]:
    """Per plant, today's kWh: produced (the plant's own figure), then home, grid and
    battery summed over the devices that count them (``None`` where none does)."""
    rows = []
    for plant in snapshot.plants:
        devices = _devices_energy(plant)
        row: Row = {
            "plant_id": plant.plant_id,
            "plant": plant.name,
            "produced_kwh": _rounded(plant.energy.today_kwh if plant.energy else None),
        }
        for quantity in _DEVICE_QUANTITIES:
            row[f"{quantity}_kwh"] = _rounded(devices.of(quantity).today_kwh)
        rows.append(row)
    return rows


def _devices_energy(plant: PlantState) -> EnergyTotals:
    """The plant's devices' totals summed; a TLX battery pack counts in its inverter."""
    summed = EnergyTotals()
    for state in plant.devices:
        if state.energy is not None and state.device.family is not DeviceFamily.TLX_BATTERY:
            summed = summed.plus(state.energy)
    return summed
