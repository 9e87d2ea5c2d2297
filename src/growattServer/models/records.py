"""Field mappings from one answer object to a reading or to energy totals, per family.

One function per record shape; where the classic and the v1 API send the same keys
(TLX: ``getTlxDetailData``'s ``data`` and ``tlx_last_data``), they share it. Key
spellings are Growatt's, misspellings included (shinephone-api.md §4.9–4.13, §4.17;
openapi.md §7.9–7.11).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TypeVar

from .energy import EnergyCounter, EnergyQuantity, EnergyTotals
from .fields import Fields
from .readings import (
    InverterReading,
    MixReading,
    NoahReading,
    PvString,
    Reading,
    SpaReading,
    StorageReading,
    TlxBatteryReading,
    TlxReading,
)

__all__ = [
    "HYBRID_ENERGY",
    "INVERTER_ENERGY",
    "NOAH_ENERGY",
    "PLANT_ENERGY",
    "SPA_ENERGY",
    "STORAGE_ENERGY",
    "TLX_BATTERY_ENERGY",
    "TLX_PACK_ENERGY",
    "Source",
    "energy_totals",
    "inverter_reading",
    "mix_record",
    "noah_reading",
    "plant_energy",
    "spa_record",
    "status_kw_mix",
    "status_kw_tlx",
    "storage_detail_bean",
    "storage_info",
    "tlx_battery",
    "tlx_pack",
    "tlx_record",
]

H = TypeVar("H", MixReading, SpaReading)
S = TypeVar("S", MixReading, TlxReading)

# quantity → (keys of "today", keys of lifetime), spelling variants most specific first
EnergyKeys = Mapping[EnergyQuantity, tuple[tuple[str, ...], tuple[str, ...]]]

#: TLX and MIX, both APIs: getTlxDetailData, getEnergyOverview (TLX and MIX),
#: tlx_last_data, mix_last_data. ``eChargeToday`` is left out on purpose: for these
#: families it is self-consumption, not battery charge (§4.11).
HYBRID_ENERGY: EnergyKeys = {
    EnergyQuantity.PRODUCED: (("epvToday", "epvtoday"), ("epvTotal",)),
    EnergyQuantity.AC_OUTPUT: (("eacToday",), ("eacTotal",)),
    EnergyQuantity.GRID_IMPORT: (("etoUserToday", "etouser"), ("etoUserTotal",)),
    EnergyQuantity.GRID_EXPORT: (("etoGridToday",), ("etoGridTotal", "etogridTotal")),
    EnergyQuantity.BATTERY_CHARGE: (
        ("echargeToday", "echarge1Today", "echargetoday", "eBatChargeToday"),
        ("echargeTotal", "echarge1Total", "echargetotal", "eBatChargeTotal"),
    ),
    EnergyQuantity.BATTERY_DISCHARGE: (
        ("edischargeToday", "edischarge1Today", "eBatDisChargeToday"),
        ("edischargeTotal", "edischarge1Total", "eBatDisChargeTotal"),
    ),
    EnergyQuantity.LOAD: (("elocalLoadToday",), ("elocalLoadTotal",)),
}
_PV_STRING_TODAY = tuple(f"epv{n}Today" for n in range(1, 5))

#: SPA, v1 ``spa_last_data``: the SPH counters, but its PV is the PV inverter its meter
#: sees (``epvInverter*``); SPH spellings are kept as a fallback.
SPA_ENERGY: EnergyKeys = {
    **HYBRID_ENERGY,
    EnergyQuantity.PRODUCED: (
        ("epvInverterToday", "epvToday", "epvtoday"),
        ("epvInverterTotal", "epvTotal"),
    ),
}

#: SPF storage: storageDetailBean and getEnergyOverviewData_sacolar (§4.17 Storage).
STORAGE_ENERGY: EnergyKeys = {
    EnergyQuantity.PRODUCED: (("epvToday",), ("epvTotal",)),
    EnergyQuantity.AC_OUTPUT: (("eopDischrToday",), ("eopDischrTotal",)),
    EnergyQuantity.GRID_IMPORT: (("eToUserToday",), ("eToUserTotal",)),
    EnergyQuantity.BATTERY_CHARGE: (("eChargeToday",), ("eChargeTotal",)),
    EnergyQuantity.BATTERY_DISCHARGE: (("eBatDisChargeToday",), ("eBatDisChargeTotal",)),
    EnergyQuantity.LOAD: (("useEnergyToday",), ("useEnergyTotal",)),
}

#: String inverters count what they fed out (getInverterDetailData, ..._two); that is
#: also what Growatt's plant totals add for them.
INVERTER_ENERGY: EnergyKeys = {
    EnergyQuantity.PRODUCED: (("powerToday", "e_today"), ("powerTotal", "e_total")),
    EnergyQuantity.AC_OUTPUT: (("powerToday", "e_today"), ("powerTotal", "e_total")),
}

#: Noah getSystemStatus: only its AC output is counted (eac*).
NOAH_ENERGY: EnergyKeys = {
    EnergyQuantity.PRODUCED: (("eacToday",), ("eacTotal",)),
    EnergyQuantity.AC_OUTPUT: (("eacToday",), ("eacTotal",)),
}

#: TLX battery pack getBatDetailData: the lifetime discharge only.
TLX_BATTERY_ENERGY: EnergyKeys = {
    EnergyQuantity.BATTERY_DISCHARGE: ((), ("dischargeTotal",)),
}


#: A TLX battery pack read from its TLX's detail: the TLX's battery counters (all its
#: packs; ``echarge*``/``edischarge*``), else the first battery converter's lifetime ones.
TLX_PACK_ENERGY: EnergyKeys = {
    EnergyQuantity.BATTERY_CHARGE: (("echargeToday",), ("echargeTotal", "bdc1ChargeTotal")),
    EnergyQuantity.BATTERY_DISCHARGE: (
        ("edischargeToday",),
        ("edischargeTotal", "bdc1DischargeTotal"),
    ),
}

#: Plant totals: getUserCenterEnertyDataByPlantid, PlantListAPI rows, plant beans, v1
#: plant/data and plant/list. Growatt counts PV yield (string inverters: AC output).
PLANT_ENERGY = (
    ("todayValue", "todayStr", "todayEnergy", "eToday", "today_energy"),
    ("monthValue", "monthStr", "energyMonth", "monthly_energy"),
    ("yearValue", "yearStr", "energyYear", "yearly_energy"),
    ("totalValue", "totalStr", "totalEnergy", "eTotal", "total_energy"),
)


@dataclass(frozen=True, slots=True)
class Source:
    """How to read one endpoint's answer for one family: where the record is inside it
    (``path`` of keys), and which mappings apply to it. With ``merge``, the record is
    those members of that object merged, later ones winning (Home Assistant merges
    ``storageBean`` and ``storageDetailBean`` the same way)."""

    path: tuple[str, ...]
    reading: Callable[[Fields], Reading] | None
    energy: EnergyKeys | None
    merge: tuple[str, ...] = ()


def plant_energy(fields: Fields) -> EnergyTotals:
    """A plant's produced kWh per period (``PLANT_ENERGY`` keys)."""
    today, month, year, total = (fields.energy_kwh(*keys) for keys in PLANT_ENERGY)
    return EnergyTotals(produced=EnergyCounter(today, month, year, total))


def energy_totals(fields: Fields, keys: EnergyKeys) -> EnergyTotals:
    """The counters ``keys`` names; PV today falls back to the per-string sum (TLX detail
    has no ``epvToday``, §4.10)."""
    counters = {q: fields.counter(*keys[q]) for q in keys}
    produced = counters.get(EnergyQuantity.PRODUCED)
    if produced is not None and produced.today_kwh is None:
        counters[EnergyQuantity.PRODUCED] = EnergyCounter(
            today_kwh=fields.energy_sum(*_PV_STRING_TODAY), total_kwh=produced.total_kwh
        )
    return EnergyTotals.from_counters(counters)


def _strings(fields: Fields, count: int, power_unit: str = "W") -> tuple[PvString, ...]:
    """PV inputs 1..count that the answer has any value for."""
    strings = []
    for n in range(1, count + 1):
        voltage = fields.voltage_v(f"vpv{n}", f"vPv{n}")
        current = fields.current_a(f"ipv{n}", f"iPv{n}")
        power = fields.power_w(f"ppv{n}", f"pPv{n}", unit=power_unit)
        if (voltage, current, power) != (None, None, None):
            strings.append(PvString(voltage, current, power))
    return tuple(strings)


def _tlx_battery_present(fields: Fields) -> bool:
    return any(
        (fields.number(key) or 0) > 0
        for key in ("batteryNo", "bdcStatus", "bmsStatus", "bdc1Status")
    )


def tlx_record(fields: Fields) -> TlxReading:
    """TLX record: classic ``getTlxDetailData`` ``data`` and v1 ``tlx_last_data``."""
    return TlxReading(
        time=fields.time("time"),
        raw=fields.raw,
        pv_power_w=fields.power_w("ppv"),
        pv_strings=_strings(fields, 4),
        ac_power_w=fields.power_w("pac"),
        ac_voltage_v=fields.voltage_v("vac1", "vacr"),
        ac_frequency_hz=fields.frequency_hz("fac"),
        load_w=fields.power_w("pacToLocalLoad"),
        grid_import_w=fields.power_w("pacToUserTotal"),
        grid_export_w=fields.power_w("pacToGridTotal"),
        battery_charge_w=fields.power_sum("bdc1ChargePower", "bdc2ChargePower"),
        battery_discharge_w=fields.power_sum("bdc1DischargePower", "bdc2DischargePower"),
        battery_soc_pct=fields.percent("bmsSoc", "bdc1Soc", "soc1"),
        battery_voltage_v=fields.voltage_v("bdc1Vbat", "bmsVbat"),
        temperature_c=fields.temperature_c("temp1"),
        battery_present=_tlx_battery_present(fields),
    )


def _sph_like(fields: Fields, kind: type[H]) -> H:
    """SPH record values: v1 ``mix_last_data`` (§7.11 spellings)."""
    return kind(
        time=fields.time("time"),
        raw=fields.raw,
        pv_power_w=fields.power_w("ppv"),
        pv_strings=_strings(fields, 2),
        ac_power_w=fields.power_w("pac"),
        ac_voltage_v=fields.voltage_v("vac1"),
        ac_frequency_hz=fields.frequency_hz("fac"),
        load_w=fields.power_w("plocalLoadTotal", "pLocalLoad"),
        grid_import_w=fields.power_w("pacToUserTotal"),
        grid_export_w=fields.power_w("pacToGridTotal"),
        battery_charge_w=fields.power_w("pcharge1", "pCharge1"),
        battery_discharge_w=fields.power_w("pdischarge1", "pDischarge1"),
        battery_soc_pct=fields.percent("soc", "bmsSOC", "socText"),
        battery_voltage_v=fields.voltage_v("vbat", "bmsBatteryVolt"),
        temperature_c=fields.temperature_c("temp1"),
    )


def mix_record(fields: Fields) -> MixReading:
    """SPH record: v1 ``mix_last_data``, classic ``getMixInfo`` (battery values only)."""
    return _sph_like(fields, MixReading)


def spa_record(fields: Fields) -> SpaReading:
    """SPA record, v1 ``spa_last_data``: SPH keys, except that its PV is the PV inverter
    its meter sees (``ppvInverter``) and it has no PV strings of its own."""
    return replace(
        _sph_like(fields, SpaReading),
        pv_power_w=fields.power_w("ppvInverter", "ppv"),
        pv_strings=(),
    )


def _status_kw(fields: Fields, kind: type[S]) -> S:
    """``getSystemStatus_KW`` (TLX and MIX, §4.10/§4.11): strings in ``unit`` (kW)."""
    unit = fields.text("unit") or "kW"
    return kind(
        raw=fields.raw,
        pv_power_w=fields.power_w("ppv", unit=unit),
        pv_strings=_strings(fields, 4, power_unit=unit),
        ac_power_w=fields.power_w("pac", unit=unit),
        ac_voltage_v=fields.voltage_v("vAc1", "vac1"),
        ac_frequency_hz=fields.frequency_hz("fAc"),
        load_w=fields.power_w("pLocalLoad", unit=unit),
        grid_import_w=fields.power_w("pactouser", unit=unit),
        grid_export_w=fields.power_w("pactogrid", unit=unit),
        battery_charge_w=fields.power_w("chargePower", unit=unit),
        battery_discharge_w=fields.power_w("pdisCharge1", "pdisCharge", unit=unit),
        battery_soc_pct=fields.percent("SOC", "soc1"),
        battery_voltage_v=fields.voltage_v("vBat"),
    )


def status_kw_mix(fields: Fields) -> MixReading:
    """MIX ``getSystemStatus_KW`` (no time stamp in this answer)."""
    return _status_kw(fields, MixReading)


def status_kw_tlx(fields: Fields) -> TlxReading:
    """TLX ``getSystemStatus_KW``: a battery when ``wBatteryType``/``bdcStatus`` say so."""
    present = any((fields.number(k) or 0) > 0 for k in ("wBatteryType", "bdcStatus"))
    return replace(_status_kw(fields, TlxReading), battery_present=present)


def inverter_reading(fields: Fields) -> InverterReading:
    """Classic ``getInverterDetailData`` (flat) or ``..._two`` ``data`` (snake keys)."""
    return InverterReading(
        time=fields.time("time"),
        raw=fields.raw,
        pv_power_w=fields.power_w("ppv"),
        pv_strings=_strings(fields, 3),
        ac_power_w=fields.power_w("pac"),
        ac_voltage_v=fields.voltage_v("vacr"),
        ac_current_a=fields.current_a("iacr"),
        ac_frequency_hz=fields.frequency_hz("fac"),
        temperature_c=fields.temperature_c("temperature"),
    )


def storage_detail_bean(fields: Fields) -> StorageReading:
    """SPF ``getStorageParams_sacolar``: ``storageBean`` and ``storageDetailBean``
    merged. ``pCharge`` may be signed (negative = discharging, HA) when ``pDischarge``
    is absent; PV is ``pPv1 + pPv2`` (``storageBean``), else ``ppv + ppv2`` (detail)."""
    charge = fields.power_w("pCharge")
    discharge = fields.power_w("pDischarge")
    if discharge is None and charge is not None:
        charge, discharge = max(0.0, charge), max(0.0, -charge)
    pv = fields.power_sum("pPv1", "pPv2")
    if pv is None:
        pv = fields.power_sum("ppv", "ppv2")
    return StorageReading(
        time=fields.time("time"),
        raw=fields.raw,
        pv_power_w=pv,
        pv_strings=(
            PvString(fields.voltage_v("vpv"), None, fields.power_w("pPv1", "ppv")),
            PvString(fields.voltage_v("vpv2"), None, fields.power_w("pPv2", "ppv2")),
        ),
        output_power_w=fields.power_w("outPutPower"),
        output_voltage_v=fields.voltage_v("outPutVolt"),
        output_frequency_hz=fields.frequency_hz("freqOutPut"),
        load_percent=fields.percent("loadPercent"),
        grid_import_w=fields.power_w("pAcInPut"),
        grid_voltage_v=fields.voltage_v("vGrid"),
        grid_frequency_hz=fields.frequency_hz("freqGrid"),
        battery_charge_w=charge,
        battery_discharge_w=discharge,
        battery_soc_pct=fields.percent("capacity", "bmsSoc"),
        battery_voltage_v=fields.voltage_v("vBat"),
    )


def storage_info(fields: Fields) -> StorageReading:
    """SPF ``getStorageInfo_sacolar`` (row 31): signed ``pbat`` (+ charging) and ``pGuid``
    (+ drawn from the grid)."""
    battery = fields.power_w("pbat")
    grid = fields.power_w("pGuid")
    return StorageReading(
        raw=fields.raw,
        pv_power_w=fields.power_w("ppv"),
        pv_strings=(PvString(fields.voltage_v("vpv"), fields.current_a("ipv"), None),),
        grid_import_w=None if grid is None else max(0.0, grid),
        grid_voltage_v=fields.voltage_v("vGuid"),
        battery_charge_w=None if battery is None else max(0.0, battery),
        battery_discharge_w=None if battery is None else max(0.0, -battery),
        battery_voltage_v=fields.voltage_v("vbat"),
    )


def noah_reading(fields: Fields) -> NoahReading:
    """Noah ``getSystemStatus`` ``obj`` (§4.13): plain numeric strings, W and %."""
    mode = fields.number("workMode")
    count = fields.number("batteryNum")
    return NoahReading(
        raw=fields.raw,
        status_code=fields.text("status"),
        pv_power_w=fields.power_w("ppv"),
        ac_power_w=fields.power_w("pac"),
        battery_charge_w=fields.power_w("chargePower"),
        battery_discharge_w=fields.power_w("disChargePower"),
        battery_soc_pct=fields.percent("soc"),
        battery_count=None if count is None else int(count),
        work_mode=None if mode is None else int(mode),
    )


def tlx_pack(fields: Fields) -> TlxBatteryReading:
    """A TLX battery pack from its TLX's ``getTlxDetailData`` ``data`` (the BDC fields),
    so the pack costs no request of its own: net power of both battery converters
    (+ charging), the BMS state of charge and voltage."""
    charge = fields.power_sum("bdc1ChargePower", "bdc2ChargePower")
    discharge = fields.power_sum("bdc1DischargePower", "bdc2DischargePower")
    net = None
    if charge is not None or discharge is not None:
        # both are non-negative flows; clamped, their difference cannot overflow
        net = max(0.0, charge or 0.0) - max(0.0, discharge or 0.0)
    return TlxBatteryReading(
        time=fields.time("time"),
        raw=fields.raw,
        battery_power_w=net,
        battery_soc_pct=fields.percent("bmsSoc", "bdc1Soc", "soc1"),
        battery_voltage_v=fields.voltage_v("bmsVbat", "bdc1Vbat"),
    )


def tlx_battery(fields: Fields) -> TlxBatteryReading:
    """TLX battery pack: ``getBatDetailData`` ``data`` or ``getBatInfo`` ``obj``."""
    return TlxBatteryReading(
        time=fields.time("lastUpdateTimeText", "time"),
        raw=fields.raw,
        battery_power_w=fields.power_w("chargeOrDisPower"),
        battery_soc_pct=fields.percent("soc"),
        battery_voltage_v=fields.voltage_v("vbat"),
    )
