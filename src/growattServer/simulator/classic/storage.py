"""Off-grid storage units (SPF), `newStorageAPI.do` `*_sacolar` ops (shinephone-api.md
§3 rows 31–33, §4.12, §4.17 Storage).

Row 31 sends strings, row 32 numbers (the captures), row 33 strings inside `obj`.
Home Assistant merges row 32's `storageDetailBean` with row 33's `obj`, so both carry
the energy counters and they are the same numbers.
"""

from __future__ import annotations

from typing import Any

from ..formats import stamp, text
from ..readings import Reading, reading
from ..routing import Call, Reply, classic_route
from ..scenario import Device
from .common import fail_501, flat, obj, own_device

GRID_VOLTAGE = 230.0
GRID_FREQUENCY = 50.0


def _storage(call: Call, serial: str | None) -> Device | None:
    return own_device(call, serial, "storage")


def _owned_other(call: Call, serial: str | None) -> bool:
    """An own device of another family (the NEO capture answers those with zeros)."""
    return own_device(call, serial) is not None


def _pv(item: Reading, index: int) -> tuple[float, float, float]:
    if index < len(item.strings):
        string = item.strings[index]
        return string.voltage, string.current, string.power
    return 0.0, 0.0, 0.0


def _amps(watts: float, volts: float) -> float:
    return round(watts / volts, 1) if volts else 0.0


def _status_text(item: Reading) -> str:
    if not item.online:
        return "Lost"
    if item.charge and item.ppv:
        return "PV charge and Discharge" if item.pac else "PV charge"
    if item.discharge:
        return "Discharging"
    if not item.pac:
        return "Standby"
    return "PV Supply" if item.ppv else "Bypass"


def energy_fields(item: Reading) -> dict[str, float]:
    """The counters of §4.17 Storage, kWh. eop = what the inverter output fed the loads,
    eac(Dis)Charge = grid energy into the battery / through the bypass to the loads."""
    values: dict[str, float] = {}
    for period, energy in (("Today", item.today), ("Total", item.total)):
        bypass = max(0.0, energy.grid_import - energy.grid_charge)
        values.update(
            {
                f"epv{period}": energy.pv,
                f"eCharge{period}": energy.charge,
                f"eBatDisCharge{period}": energy.discharge,
                f"eacCharge{period}": energy.grid_charge,
                f"eacDisCharge{period}": bypass,
                f"eopDischr{period}": energy.ac_out,
                f"eToUser{period}": energy.grid_import,
                f"useEnergy{period}": energy.load,
            }
        )
    return {key: round(value, 1) for key, value in values.items()}


# -- row 31: getStorageInfo_sacolar -------------------------------------------------------
def _zero_info() -> dict[str, str]:
    return {
        "batSn": "",
        "iGuid": "+0.0",
        "ibat": "0.0",
        "ipv": "0.0",
        "pGuid": "+0.0",
        "pbat": "0.0",
        "ppv": "0.0",
        "vGuid": "0.0",
        "vbat": "0.0",
        "vpv": "0.0",
    }


def _signed(value: float) -> str:
    return f"{value:+.1f}"


@classic_route("newStorageAPI.do", "getStorageInfo_sacolar")
def storage_info(call: Call) -> Reply:
    serial = call.get("storageId")
    device = _storage(call, serial)
    if device is None:
        return flat(_zero_info()) if _owned_other(call, serial) else fail_501()
    item = reading(call.world, device.serial, call.now)
    grid_w = item.grid_import
    return flat(
        {
            "batSn": f"BAT{device.serial[3:]}",
            "iGuid": _signed(_amps(grid_w, GRID_VOLTAGE)),
            "ibat": f"{item.ibat:.1f}",
            "ipv": f"{sum(s.current for s in item.strings):.1f}",
            "pGuid": _signed(grid_w),
            "pbat": f"{item.battery_power:.1f}",
            "ppv": f"{item.ppv:.1f}",
            "vGuid": f"{GRID_VOLTAGE if grid_w else 0.0:.1f}",
            "vbat": f"{item.vbat:.1f}",
            "vpv": f"{_pv(item, 0)[0]:.1f}",
        }
    )


# -- row 32: getStorageParams_sacolar -------------------------------------------------------
def detail_bean(call: Call, device: Device) -> dict[str, Any]:
    """`storageDetailBean`: numbers, with every key Home Assistant reads. `pCharge` and
    `pDischarge` are both positive, as in the SPF captures."""
    item = reading(call.world, device.serial, call.now)
    vpv1, _, ppv1 = _pv(item, 0)
    vpv2, _, ppv2 = _pv(item, 1)
    output_volts = GRID_VOLTAGE if item.online else 0.0
    bean: dict[str, Any] = {
        "serialNum": device.serial,
        "alias": device.alias,
        "lost": not item.online,
        "time": stamp(item.at),
        "statusText": _status_text(item),
        "capacity": item.soc,
        "bmsSoc": item.soc,
        "vBat": item.vbat,
        "ppv": ppv1,
        "ppv2": ppv2,
        "vpv": vpv1,
        "vpv2": vpv2,
        "iChargePV1": _amps(min(ppv1, item.charge), item.vbat),
        "iChargePV2": _amps(max(0.0, min(ppv2, item.charge - ppv1)), item.vbat),
        "pCharge": item.charge,
        "pDischarge": item.discharge,
        "chgCurr": _amps(item.charge, item.vbat),
        "pAcInPut": item.grid_import,
        "iAcCharge": _amps(max(0.0, item.charge - item.ppv), item.vbat),
        "vGrid": round(item.vac, 1),
        "freqGrid": item.fac,
        "outPutPower": item.pac,
        "outPutVolt": output_volts,
        "freqOutPut": GRID_FREQUENCY,
        "outPutCurrent": _amps(item.pac, output_volts),
        "rateVA": device.nominal_power,
        "loadPercent": round(item.pac / max(device.nominal_power, 1) * 100, 1),
    }
    bean.update(energy_fields(item))
    return bean


def storage_bean(call: Call, device: Device) -> dict[str, Any]:
    """`storageBean`, the device's settings side (keys of the SPF captures)."""
    item = reading(call.world, device.serial, call.now)
    settings = call.world.settings(device.serial)
    return {
        "serialNum": device.serial,
        "alias": device.alias,
        "dataLogSn": device.datalogger,
        "model": device.model,
        "lost": not item.online,
        "lastUpdateTimeText": stamp(item.at),
        "sysTime": settings.get("sysTime")
        or stamp(call.world.local_now(call.world.scenario.plant(device.plant_id)))[:16],
        "loadPercent": round(item.pac / max(device.nominal_power, 1) * 100, 1),
        "outPutPower": item.pac,
        "outputConfig": "0",
        "pGrid": item.grid_import,
        "pPv1": _pv(item, 0)[2],
        "pPv2": _pv(item, 1)[2],
        "ppv": item.ppv,
        "onOff": settings.get("onOff", "1"),
        "activeRate": settings.get("activeRate", "100"),
        "wchargeSOCLowLimit": settings.get("wchargeSOCLowLimit", "100"),
        "wdisChargeSOCLowLimit": settings.get("wdisChargeSOCLowLimit", "20"),
    }


@classic_route("newStorageAPI.do", "getStorageParams_sacolar")
def storage_params(call: Call) -> Reply:
    device = _storage(call, call.get("storageId"))
    if device is None:
        return fail_501()
    return flat(
        {"storageBean": storage_bean(call, device), "storageDetailBean": detail_bean(call, device)}
    )


# -- row 33: getEnergyOverviewData_sacolar ------------------------------------------------
@classic_route("newStorageAPI.do", "getEnergyOverviewData_sacolar")
def storage_energy_overview(call: Call) -> Reply:
    """`obj` of strings (the SPF capture), the same counters as `storageDetailBean`."""
    device = _storage(call, call.get("storageSn") or call.get("storageId"))
    plant_id = call.get("plantId")
    if device is None or (plant_id is not None and plant_id != str(device.plant_id)):
        return fail_501()
    item = reading(call.world, device.serial, call.now)
    return obj({key: text(value) for key, value in energy_fields(item).items()})
