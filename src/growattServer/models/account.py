"""What :meth:`GrowattClient.snapshot` returns: every plant, its devices, their latest
readings and energy totals, typed; the raw answers stay beside them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from growattServer.errors import GrowattError

from .device import Device, DeviceFamily
from .energy import EnergyTotals
from .flow import PowerFlow
from .plant import Plant
from .readings import Reading

__all__ = ["AccountSnapshot", "DeviceState", "PlantState"]


@dataclass(slots=True)
class DeviceState:
    """One device: its reading and energy totals (``None`` when no read gave them),
    the errors of the reads that failed, and every raw answer by endpoint name."""

    device: Device
    reading: Reading | None = None
    energy: EnergyTotals | None = None
    errors: dict[str, GrowattError] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def serial(self) -> str:
        """The device's serial number."""
        return self.device.serial

    @property
    def power_flow(self) -> PowerFlow | None:
        """The reading's flows, if there is a reading."""
        return None if self.reading is None else self.reading.power_flow


@dataclass(slots=True)
class PlantState:
    """One plant and its devices.

    ``energy`` is the plant's own totals when its plant read succeeded (Growatt's
    figure: PV yield, AC output for string inverters), else the sum of its devices'.
    ``errors``/``raw`` hold the plant-level reads.
    """

    plant: Plant
    devices: list[DeviceState] = field(default_factory=list)
    energy: EnergyTotals | None = None
    errors: dict[str, GrowattError] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def plant_id(self) -> str:
        """The plant's id."""
        return self.plant.plant_id

    @property
    def name(self) -> str:
        """The plant's name."""
        return self.plant.name

    @property
    def power_flow(self) -> PowerFlow:
        """The devices' flows summed (a TLX battery pack's flows are its inverter's and
        are not added again); a flow no device reports is ``None``."""
        return PowerFlow.total(
            state.reading.power_flow
            for state in self.devices
            if state.reading is not None and state.device.family is not DeviceFamily.TLX_BATTERY
        )


@dataclass(slots=True)
class AccountSnapshot:
    """Every plant of the account at ``taken_at`` (tz-aware, UTC)."""

    plants: list[PlantState]
    taken_at: datetime

    def devices(self) -> Iterator[DeviceState]:
        """Every device of every plant."""
        for plant in self.plants:
            yield from plant.devices

    def device(self, serial: str) -> DeviceState | None:
        """The device with this serial number, if the account has it."""
        return next((d for d in self.devices() if d.serial == serial), None)

    def plant(self, plant_id: str) -> PlantState | None:
        """The plant with this id, if the account has it."""
        return next((p for p in self.plants if p.plant_id == str(plant_id)), None)
