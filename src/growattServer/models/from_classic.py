"""The classic (ShinePhone) API: plants, devices and which answer gives which reading.

Plant entries come from the login answer (``plantId``, ``plantName`` only),
``PlantListAPI.do`` or a plant bean (``getAllPlantListTwo``, ``getPlant``, the
``plantBean`` of ``getUserCenterEnertyDataByPlantid``: zone, place, size, currency,
shinephone-api.md §4.3). Devices come from ``getAllDeviceList``/``getAllDeviceListTwo``
entries (§4.5) and the Noah found by ``isPlantNoahSystem`` (§4.13).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from growattServer.errors import ParseError

from .device import CLASSIC_FAMILIES, Device, DeviceFamily, DeviceStatus, capabilities_for
from .fields import Fields, as_mapping
from .plant import Plant
from .records import (
    HYBRID_ENERGY,
    INVERTER_ENERGY,
    NOAH_ENERGY,
    STORAGE_ENERGY,
    TLX_BATTERY_ENERGY,
    TLX_PACK_ENERGY,
    Source,
    inverter_reading,
    mix_record,
    noah_reading,
    status_kw_mix,
    status_kw_tlx,
    storage_detail_bean,
    storage_info,
    tlx_battery,
    tlx_pack,
    tlx_record,
)
from .units import currency_code
from .zones import parse_gmt_offset

__all__ = [
    "CLASSIC_SOURCES",
    "classic_status",
    "noah_status",
    "parse_device_classic",
    "parse_plant_classic",
]

F = DeviceFamily

#: (family, endpoint name of :mod:`growattServer.protocol.classic`) → how to read it.
CLASSIC_SOURCES: Mapping[tuple[DeviceFamily, str], Source] = {
    (F.INVERTER, "inverter_detail"): Source((), inverter_reading, INVERTER_ENERGY),
    (F.INVERTER, "inverter_detail_two"): Source(("data",), inverter_reading, INVERTER_ENERGY),
    (F.TLX, "tlx_detail"): Source(("data",), tlx_record, HYBRID_ENERGY),
    (F.TLX, "tlx_system_status"): Source((), status_kw_tlx, None),
    (F.TLX, "tlx_energy_overview"): Source((), None, HYBRID_ENERGY),
    (F.MIX, "mix_system_status"): Source((), status_kw_mix, None),
    (F.MIX, "mix_totals"): Source((), None, HYBRID_ENERGY),
    (F.MIX, "mix_info"): Source((), mix_record, HYBRID_ENERGY),
    (F.STORAGE, "storage_params"): Source(
        (), storage_detail_bean, STORAGE_ENERGY, merge=("storageBean", "storageDetailBean")
    ),
    (F.STORAGE, "storage_detail"): Source((), storage_info, None),
    (F.STORAGE, "storage_energy_overview"): Source((), None, STORAGE_ENERGY),
    (F.NOAH, "noah_system_status"): Source(("obj",), noah_reading, NOAH_ENERGY),
    (F.TLX_BATTERY, "tlx_battery_info_detailed"): Source(
        ("data",), tlx_battery, TLX_BATTERY_ENERGY
    ),
    (F.TLX_BATTERY, "tlx_battery_info"): Source((), tlx_battery, None),
    # a pack's values are in its TLX's detail (the BDC fields): no request of its own
    (F.TLX_BATTERY, "tlx_detail"): Source(("data",), tlx_pack, TLX_PACK_ENERGY),
}

# deviceStatus (PR94 examples/neo_800_example.py, shinephone-api.md §4.5)
_CLASSIC_STATUS = {
    "-1": DeviceStatus.OFFLINE,
    "0": DeviceStatus.STANDBY,
    "1": DeviceStatus.ONLINE,
    "2": DeviceStatus.ONLINE,  # running off-grid
    "3": DeviceStatus.FAULT,
    "4": DeviceStatus.UPGRADING,  # maintenance
    "5": DeviceStatus.CHECKING,
}


# Noah getSystemStatus ``status`` (shinephone-api.md §4.13, NMQ)
_NOAH_STATUS = {
    "1": DeviceStatus.ONLINE,
    "-1": DeviceStatus.OFFLINE,
    "5": DeviceStatus.ONLINE,  # heating its battery: connected and working
}


def noah_status(code: str | None) -> DeviceStatus:
    """A Noah ``getSystemStatus`` ``status`` as a :class:`DeviceStatus`."""
    return DeviceStatus.UNKNOWN if code is None else _NOAH_STATUS.get(code, DeviceStatus.UNKNOWN)


def classic_status(code: str | None, lost: bool | None) -> DeviceStatus:
    """A classic ``deviceStatus`` (or Noah ``status``) as a :class:`DeviceStatus`."""
    if lost:
        return DeviceStatus.OFFLINE
    if code is None:
        return DeviceStatus.UNKNOWN
    return _CLASSIC_STATUS.get(code, DeviceStatus.UNKNOWN)


def _coordinate(fields: Fields, key: str, limit: float) -> float | None:
    value = fields.number(key)
    return value if value is not None and abs(value) <= limit else None


def _bean(detail: object) -> Mapping[str, Any]:
    """The plant bean in a detail answer: its ``plantBean`` (energy data) or itself."""
    if isinstance(detail, Mapping) and isinstance(detail.get("plantBean"), Mapping):
        bean: Mapping[str, Any] = detail["plantBean"]
        return bean
    return as_mapping(detail, "plant")


def parse_plant_classic(
    entry: object, detail: object = None, *, at: datetime | None = None
) -> Plant:
    """A plant from a list entry, completed by a plant bean or energy-data answer
    (``detail``) for its zone, place, size and currency. ``at`` is when they were read."""
    listed = as_mapping(entry, "plant")
    bean = {} if detail is None else _bean(detail)
    merged = {**listed, **bean}
    fields = Fields(merged, "plant", UTC)
    plant_id = fields.text("plantId", "id", "plant_id")
    if plant_id is None:
        raise ParseError("plant.plantId", None, "a plant id")
    latitude = _coordinate(fields, "plant_lat", 90)
    longitude = _coordinate(fields, "plant_lng", 180)
    if latitude == 0 and longitude == 0:  # Growatt's "not set"
        latitude = longitude = None
    offset = parse_gmt_offset(merged.get("timezone"))
    if offset is None:
        offset = parse_gmt_offset(merged.get("timezoneValue"))
    nominal = fields.power_w("nominalPower", "nominal_Power")
    if nominal is None:
        nominal = fields.power_w("nominalPowerStr", "nominalPowerValue")
    return Plant.located(
        plant_id,
        fields.text("plantName", "name") or plant_id,
        offset=offset,  # whole hours without daylight saving time (§4.3)
        offset_may_include_dst=False,
        at=at,
        city=fields.text("city"),
        country=fields.text("country", "counrty"),
        latitude=latitude,
        longitude=longitude,
        nominal_power_w=nominal,
        currency=currency_code(fields.text("formulaMoneyUnitId"))
        or currency_code(fields.text("moneyUnitText")),
        raw=merged,
    )


def parse_device_classic(entry: object, plant_id: str) -> Device:
    """A device from a ``getAllDeviceList``/``deviceList`` entry or a Noah entry
    (``deviceType`` ``"noah"``). Unknown types give family ``UNKNOWN``."""
    record = as_mapping(entry, "device")
    fields = Fields(record, "device", UTC)
    serial = fields.text("deviceSn", "sn", "serialNum")
    if serial is None:
        raise ParseError("device.deviceSn", record.get("deviceSn"), "a serial number")
    type_code = (fields.text("deviceType") or "").lower()
    family = CLASSIC_FAMILIES.get(type_code, DeviceFamily.UNKNOWN)
    has_battery = None
    if family is DeviceFamily.TLX:
        has_battery = fields.has("capacity") or (fields.percent("bdc1Soc") or 0) > 0
    code = fields.text("deviceStatus", "status")
    return Device(
        serial=serial,
        family=family,
        plant_id=fields.text("plantId") or plant_id,
        type_code=type_code,
        model=fields.text("deviceModel", "model"),
        alias=fields.text("deviceAilas", "deviceAlias", "alias"),
        datalogger_serial=fields.text("datalogSn", "dataLogSn"),
        status=classic_status(code, fields.flag("lost")),
        status_code=code,
        capabilities=capabilities_for(family, "classic", has_battery=has_battery),
        raw=record,
    )
