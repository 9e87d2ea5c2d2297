"""What :meth:`GrowattClient.snapshot` returns: plants, their devices, current values.

Values are the raw endpoint answers for now, keyed by endpoint name; typed models come
later. A device whose read failed keeps its error instead of sinking the snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from growattServer.errors import GrowattError

__all__ = ["DeviceSnapshot", "PlantSnapshot", "Snapshot"]


@dataclass(slots=True)
class DeviceSnapshot:
    """One device: its entry in the device list, and what its value endpoints said."""

    serial: str
    kind: str  # classic ``deviceType`` ("tlx", "mix", ...) or v1 ``type`` ("7", "5", ...)
    listing: dict[str, Any]
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, GrowattError] = field(default_factory=dict)


@dataclass(slots=True)
class PlantSnapshot:
    """One plant: its entry in the plant list, and its devices."""

    plant_id: str
    name: str
    listing: dict[str, Any]
    devices: list[DeviceSnapshot] = field(default_factory=list)


@dataclass(slots=True)
class Snapshot:
    """Every plant of the account, at ``taken_at`` (epoch seconds, the client's clock)."""

    plants: list[PlantSnapshot]
    taken_at: float

    def device(self, serial: str) -> DeviceSnapshot | None:
        """The device with this serial number, if the account has it."""
        for plant in self.plants:
            for device in plant.devices:
                if device.serial == serial:
                    return device
        return None
