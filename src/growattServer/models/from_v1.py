"""The token API (OpenAPI v1): plants, devices and which answer gives which reading.

Plant entries come from ``plant/list`` (place, size; ``peak_power`` in kW), completed by
``plant/data`` or ``plant/details`` (``timezone`` ``"GMT+8"``, ``currency``), openapi.md
§7.1–7.3. Devices come from ``device/list`` (§7.6); ``type`` numbers per §4.1.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from growattServer.errors import ParseError

from .device import V1_FAMILIES, Device, DeviceFamily, DeviceStatus, capabilities_for
from .fields import Fields, as_mapping
from .plant import Plant
from .records import (
    HYBRID_ENERGY,
    INVERTER_ENERGY,
    SPA_ENERGY,
    STORAGE_ENERGY,
    Source,
    inverter_reading,
    mix_record,
    spa_record,
    storage_detail_bean,
    tlx_record,
)
from .units import currency_code
from .zones import parse_gmt_offset

__all__ = ["V1_SOURCES", "parse_device_v1", "parse_plant_v1", "v1_status"]

F = DeviceFamily

#: (family, endpoint name of :mod:`growattServer.protocol.openapi_v1`) → how to read it.
#: Each is the family's ``*_last_data`` record; an inverter's uses the classic
#: ``getInverterDetailData`` keys, a storage unit's those of ``storageDetailBean``.
V1_SOURCES: Mapping[tuple[DeviceFamily, str], Source] = {
    (F.INVERTER, "inverter_energy"): Source((), inverter_reading, INVERTER_ENERGY),
    (F.TLX, "min_energy"): Source((), tlx_record, HYBRID_ENERGY),
    (F.MIX, "sph_energy"): Source((), mix_record, HYBRID_ENERGY),
    (F.STORAGE, "storage_energy"): Source((), storage_detail_bean, STORAGE_ENERGY),
    (F.SPA, "spa_energy"): Source((), spa_record, SPA_ENERGY),
}

# status numbers per family (openapi.md §4.1); anything else is offline
_COMMON = {
    0: DeviceStatus.OFFLINE,
    1: DeviceStatus.ONLINE,
    2: DeviceStatus.STANDBY,
    3: DeviceStatus.FAULT,
}
_V1_STATUS: Mapping[DeviceFamily, Mapping[int, DeviceStatus]] = {
    F.INVERTER: _COMMON,
    F.TLX: _COMMON,
    F.STORAGE: {
        0: DeviceStatus.STANDBY,
        1: DeviceStatus.ONLINE,  # charging
        2: DeviceStatus.ONLINE,  # discharging
        3: DeviceStatus.FAULT,
        4: DeviceStatus.UPGRADING,
    },
    F.MIX: {
        0: DeviceStatus.STANDBY,
        1: DeviceStatus.CHECKING,
        3: DeviceStatus.FAULT,
        4: DeviceStatus.UPGRADING,
        **dict.fromkeys(range(5, 9), DeviceStatus.ONLINE),
    },
}


def v1_status(family: DeviceFamily, code: int | None, lost: bool | None) -> DeviceStatus:
    """A ``device/list`` ``status`` number of ``family`` as a :class:`DeviceStatus`."""
    if lost:
        return DeviceStatus.OFFLINE
    if code is None:
        return DeviceStatus.UNKNOWN
    table = _V1_STATUS.get(F.MIX if family is F.SPA else family)
    if table is None:
        return DeviceStatus.UNKNOWN
    return table.get(code, DeviceStatus.OFFLINE)


def parse_plant_v1(entry: object, detail: object = None, *, at: datetime | None = None) -> Plant:
    """A plant from a ``plant/list`` entry, completed by a ``plant/data`` or
    ``plant/details`` answer (``detail``) for its zone and currency. ``at`` is when the
    detail was read (its ``"GMT+2"`` is the offset in force then)."""
    listed = as_mapping(entry, "plant")
    extra = {} if detail is None else as_mapping(detail, "plant")
    merged = {**listed, **extra}
    fields = Fields(merged, "plant", UTC)
    plant_id = fields.text("plant_id", "id")
    if plant_id is None:
        raise ParseError("plant.plant_id", None, "a plant id")
    latitude = fields.number("latitude")
    longitude = fields.number("longitude")
    if latitude is not None and abs(latitude) > 90:
        latitude = None
    if longitude is not None and abs(longitude) > 180:
        longitude = None
    return Plant.located(
        plant_id,
        fields.text("name", "plant_name") or plant_id,
        offset=parse_gmt_offset(merged.get("timezone")),
        offset_may_include_dst=True,  # "GMT+2" is the offset in force when read
        at=at,
        city=fields.text("city"),
        country=fields.text("country"),
        latitude=latitude,
        longitude=longitude,
        nominal_power_w=fields.power_w("peak_power", unit="kW"),
        currency=currency_code(fields.text("currency")),
        raw=merged,
    )


def parse_device_v1(entry: object, plant_id: str) -> Device:
    """A device from a ``device/list`` entry; unknown ``type`` numbers (meters, MAX,
    PCS, HPS, ...) give family ``UNKNOWN``."""
    record = as_mapping(entry, "device")
    fields = Fields(record, "device", UTC)
    serial = fields.text("device_sn", "sn")
    if serial is None:
        raise ParseError("device.device_sn", record.get("device_sn"), "a serial number")
    type_number = fields.number("type")
    family = V1_FAMILIES.get(int(type_number), F.UNKNOWN) if type_number is not None else F.UNKNOWN
    status = fields.number("status")
    code = None if status is None else int(status)
    return Device(
        serial=serial,
        family=family,
        plant_id=plant_id,
        type_code="" if type_number is None else str(int(type_number)),
        model=fields.text("model"),
        alias=fields.text("alias", "device_alias"),
        datalogger_serial=fields.text("datalogger_sn", "dataloggerSn"),
        status=v1_status(family, code, fields.flag("lost")),
        status_code=None if code is None else str(code),
        capabilities=capabilities_for(family, "v1", has_battery=None),
        raw=record,
    )
