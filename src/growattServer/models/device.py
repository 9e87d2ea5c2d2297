"""Devices: family, status and what each family can do, the same for both APIs.

Families (shinephone-api.md §7; openapi.md §4.1): the classic ``deviceType`` string and
the v1 ``type`` number map onto one :class:`DeviceFamily`; anything else is
``UNKNOWN`` (listed, never read: :func:`~growattServer.models.parse_reading` raises
:class:`~growattServer.errors.UnsupportedDeviceError` for it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "CLASSIC_FAMILIES",
    "FAMILY_CAPABILITIES",
    "V1_FAMILIES",
    "Capabilities",
    "Device",
    "DeviceFamily",
    "DeviceStatus",
]


class DeviceFamily(StrEnum):
    """A Growatt device family; the value is the classic ``deviceType``."""

    INVERTER = "inverter"  # string PV inverter (v1 type 1)
    TLX = "tlx"  # MIN/MIC/MOD/MID/NEO, TL-X and TL-XH hybrids (v1 type 7)
    MIX = "mix"  # SPH hybrid (v1 type 5)
    STORAGE = "storage"  # SPF off-grid storage (v1 type 2)
    SPA = "spa"  # AC-coupled battery inverter (v1 type 6)
    NOAH = "noah"  # balcony battery (classic isPlantNoahSystem; v4 only otherwise)
    TLX_BATTERY = "bat"  # a battery pack of a TLX hybrid (classic deviceType "bat")
    UNKNOWN = "unknown"  # any other type: listed, not read


#: classic ``deviceType`` → family (shinephone-api.md §7).
CLASSIC_FAMILIES: Mapping[str, DeviceFamily] = {
    "inverter": DeviceFamily.INVERTER,
    "tlx": DeviceFamily.TLX,
    "tlxh": DeviceFamily.TLX,
    "min": DeviceFamily.TLX,
    "mix": DeviceFamily.MIX,
    "sph": DeviceFamily.MIX,
    "storage": DeviceFamily.STORAGE,
    "spa": DeviceFamily.SPA,
    "noah": DeviceFamily.NOAH,
    "bat": DeviceFamily.TLX_BATTERY,
}

#: v1 ``device/list`` ``type`` → family (openapi.md §4.1).
V1_FAMILIES: Mapping[int, DeviceFamily] = {
    1: DeviceFamily.INVERTER,
    2: DeviceFamily.STORAGE,
    5: DeviceFamily.MIX,
    6: DeviceFamily.SPA,
    7: DeviceFamily.TLX,
}


class DeviceStatus(StrEnum):
    """What a device is doing, across the families' status numbers (``Device.status_code``
    keeps the raw one)."""

    ONLINE = "online"  # working normally (producing, charging, discharging)
    STANDBY = "standby"  # connected, idle (night, waiting)
    OFFLINE = "offline"  # no contact with the cloud ("lost")
    FAULT = "fault"
    CHECKING = "checking"  # self-check
    UPGRADING = "upgrading"  # firmware update, maintenance
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What a device of this family reports and accepts.

    ``settings_api`` names the write operation for this family on the API the device was
    found through (classic ``newTcpsetAPI.do`` ``op``/``tcpSet.do`` ``action``, or the v1
    path), ``None`` when none is known. ``time_segments`` is how many charge/discharge
    time windows the settings hold (0: none).
    """

    has_pv: bool = False
    has_battery: bool = False
    has_grid_meter: bool = False  # reports grid import/export power
    has_load: bool = False  # reports the house load
    settings_api: str | None = None
    time_segments: int = 0


# (classic settings op, v1 settings path); shinephone-api.md §5, openapi.md §5
_SETTINGS = {
    DeviceFamily.INVERTER: ("inverterSet", "inverterSet"),
    DeviceFamily.TLX: ("tlxSet", "tlxSet"),
    DeviceFamily.MIX: ("mixSetApiNew", "mixSet"),
    DeviceFamily.SPA: ("spaSetApi", None),
    DeviceFamily.STORAGE: (None, "storageSet"),
    DeviceFamily.NOAH: ("noahSet", None),
}

#: The family defaults; a TLX's ``has_battery`` is settled by its listing or reading.
FAMILY_CAPABILITIES: Mapping[DeviceFamily, Capabilities] = {
    DeviceFamily.INVERTER: Capabilities(has_pv=True),
    DeviceFamily.TLX: Capabilities(
        has_pv=True, has_grid_meter=True, has_load=True, time_segments=9
    ),
    DeviceFamily.MIX: Capabilities(
        has_pv=True, has_battery=True, has_grid_meter=True, has_load=True, time_segments=3
    ),
    DeviceFamily.STORAGE: Capabilities(
        has_pv=True, has_battery=True, has_grid_meter=True, has_load=True
    ),
    DeviceFamily.SPA: Capabilities(
        has_battery=True, has_grid_meter=True, has_load=True, time_segments=3
    ),
    DeviceFamily.NOAH: Capabilities(has_pv=True, has_battery=True, time_segments=9),
    DeviceFamily.TLX_BATTERY: Capabilities(has_battery=True),
    DeviceFamily.UNKNOWN: Capabilities(),
}


def capabilities_for(family: DeviceFamily, api: str, *, has_battery: bool | None) -> Capabilities:
    """The family's capabilities on ``api`` ("classic" or "v1"); ``has_battery`` overrides."""
    base = FAMILY_CAPABILITIES[family]
    classic_op, v1_path = _SETTINGS.get(family, (None, None))
    return Capabilities(
        has_pv=base.has_pv,
        has_battery=base.has_battery if has_battery is None else has_battery,
        has_grid_meter=base.has_grid_meter,
        has_load=base.has_load,
        settings_api=classic_op if api == "classic" else v1_path,
        time_segments=base.time_segments,
    )


@dataclass(frozen=True, slots=True)
class Device:
    """One device of a plant, from a classic or v1 device list.

    ``type_code`` is what the list said (classic ``deviceType``, v1 ``type`` as text);
    ``status_code`` the raw status (classic ``deviceStatus``, v1 ``status``).
    """

    serial: str
    family: DeviceFamily
    plant_id: str
    type_code: str
    model: str | None = None
    alias: str | None = None
    datalogger_serial: str | None = None
    status: DeviceStatus = DeviceStatus.UNKNOWN
    status_code: str | None = None
    capabilities: Capabilities = field(default_factory=Capabilities)
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
