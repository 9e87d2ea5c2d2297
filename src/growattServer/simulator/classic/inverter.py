"""Classic string inverters, `newInverterAPI.do` (shinephone-api.md §3 rows 13–15, §4.9).

Values are JSON numbers (the detail ops are flat numeric beans); energies come from the
device's physics counters, so `powerToday` equals the sum of the day chart.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..formats import stamp, text
from ..physics import SLOT_HOURS, DaySeries
from ..readings import Reading, day_chart, reading, reading_from_slot
from ..routing import Call, Reply, classic_route, json_reply
from ..scenario import Device
from .common import data, fail_501, flat, own_device

STRING_SLOTS = 3  # vpv1..3 / ipv1..3 / ppv1..3
PANEL_STRINGS = 8  # vString1..8 / currentString1..8

PARAMETER_NAME = ",".join(
    [
        "Fac(Hz)",
        "Pac(W)",
        "E_Today(kWh)",
        "E_Total(kWh)",
        *(
            f"{k}{i}({u})"
            for i in range(1, 4)
            for k, u in (("Vpv", "V"), ("Ipv", "A"), ("Ppv", "W"))
        ),
        "Ppv(W)",
        "VacR(V)",
        "VacS(V)",
        "VacT(V)",
        "IacR(A)",
        "IacS(A)",
        "IacT(A)",
        "PacR(W)",
        "PacS(W)",
        "PacT(W)",
        "Rac(Var)",
        "E_Rac_Today(kVarh)",
        "E_Rac_Total(kVarh)",
        "T_Total(H)",
        *(f"{k}{i}({u})" for i in range(1, 9) for k, u in (("Vstring", "V"), ("Istring", "A"))),
        "StrFault",
        "StrWarning",
        "StrBreak",
        "PIDWarning",
    ]
)


def _inverter(call: Call, *names: str) -> Device | None:
    serial = next((value for name in names if (value := call.get(name)) is not None), None)
    return own_device(call, serial, "inverter")


def _string(item: Reading, index: int) -> tuple[float, float, float]:
    if index < len(item.strings):
        pv = item.strings[index]
        return pv.voltage, pv.current, pv.power
    return 0.0, 0.0, 0.0


def _string_energy(item: Reading, kwh: float, index: int) -> float:
    """Split a PV energy over the strings in proportion to their present power."""
    if index >= len(item.strings):
        return 0.0
    total = sum(pv.power for pv in item.strings)
    share = item.strings[index].power / total if total > 0 else 1 / len(item.strings)
    return round(kwh * share, 1)


def _working_hours(item: Reading) -> float:
    """Lifetime operating hours, estimated from the lifetime yield at 40 % of rating."""
    rating_kw = max(item.device.nominal_power, 1) / 1000
    return round(item.total.ac_out / (rating_kw * 0.4), 1)


def _power_factor(call: Call, device: Device) -> float:
    try:
        return float(call.world.settings(device.serial).get("pf", "1.0"))
    except ValueError:
        return 1.0


# -- row 14: getInverterDetailData ------------------------------------------------------
def detail_bean(call: Call, device: Device) -> dict[str, Any]:
    """The flat bean of §4.9 with every key Home Assistant reads (§4.17 Inverter)."""
    item = reading(call.world, device.serial, call.now)
    settings = call.world.settings(device.serial)
    bean: dict[str, Any] = {
        "again": False,
        "bigDevice": False,
        "id": device.device_id,
        "inverterBean": None,
        "inverterId": device.serial,
        "time": stamp(item.at),
        "timeCalendar": None,
        "status": 1 if item.producing else 0,
        "statusText": "Normal" if item.producing else "Waiting",
        "fac": item.fac,
        "pac": item.pac,
        "ppv": item.ppv,
        "vacr": item.vac,
        "vacs": 0,
        "vact": 0,
        "iacr": item.iac,
        "iacs": 0,
        "iact": 0,
        "pacr": item.pac,
        "pacs": 0,
        "pact": 0,
        "pf": _power_factor(call, device),
        "rac": 0,
        "eRacToday": 0,
        "eRacTotal": 0,
        "powerToday": round(item.today.ac_out, 1),
        "powerTotal": round(item.total.ac_out, 1),
        "epvTotal": round(item.total.pv, 1),
        "temperature": item.temperature,
        "ipmTemperature": round(item.temperature + 3.5, 1),
        "nBusVoltage": round(item.vac * 0.7, 1) if item.producing else 0,
        "pBusVoltage": round(item.vac * 1.6, 1) if item.producing else 0,
        "opFullwatt": device.nominal_power,
        "realOPPercent": int(float(settings.get("activeRate", "100"))),
        "timeTotal": _working_hours(item),
        "timeTotalText": text(_working_hours(item)),
        "faultType": 0,
        "pidStatus": 0,
        "strFault": 0,
        "warnCode": 0,
        "warningValue1": 0,
        "warningValue2": 0,
        "dwStringWarningValue1": 0,
        "wPIDFaultValue": 0,
        "wStringStatusValue": 0,
        "iPidPvape": 0,
        "iPidPvbpe": 0,
        "vPidPvape": 0,
        "vPidPvbpe": 0,
    }
    for index in range(STRING_SLOTS):
        voltage, current, power = _string(item, index)
        number = index + 1
        bean.update({f"vpv{number}": voltage, f"ipv{number}": current, f"ppv{number}": power})
    for number in (1, 2):
        bean[f"epv{number}Today"] = _string_energy(item, item.today.pv, number - 1)
        bean[f"epv{number}Total"] = _string_energy(item, item.total.pv, number - 1)
    for number in range(1, PANEL_STRINGS + 1):
        voltage, current, _ = _string(item, number - 1)
        bean[f"vString{number}"] = voltage
        bean[f"currentString{number}"] = current
    return bean


@classic_route("newInverterAPI.do", "getInverterDetailData")
def inverter_detail(call: Call) -> Reply:
    device = _inverter(call, "inverterId", "id")
    if device is None:
        return fail_501()
    return flat(detail_bean(call, device))


# -- row 15: getInverterDetailData_two -------------------------------------------------
@classic_route("newInverterAPI.do", "getInverterDetailData_two")
def inverter_detail_two(call: Call) -> Reply:
    """`{"data": {...}, "parameterName": "..."}` with the snake_case keys of §4.9."""
    device = _inverter(call, "inverterId", "id")
    if device is None:
        return fail_501()
    bean = detail_bean(call, device)
    values: dict[str, Any] = {
        "e_today": bean["powerToday"],
        "e_total": bean["powerTotal"],
        "e_rac_today": 0.0,
        "e_rac_total": 0.0,
        "t_total": bean["timeTotal"],
        "rac": 0.0,
        "pidwarning": 0,
        "strbreak": 0,
        "strfault": 0,
        "strwarning": 0,
    }
    for key in (
        "fac",
        "pac",
        "pacr",
        "pacs",
        "pact",
        "vacr",
        "vacs",
        "vact",
        "iacr",
        "iacs",
        "iact",
        "ppv",
    ):
        values[key] = float(bean[key])
    for number in range(1, STRING_SLOTS + 1):
        for key in ("vpv", "ipv", "ppv"):
            values[f"{key}{number}"] = float(bean[f"{key}{number}"])
    for number in range(1, PANEL_STRINGS + 1):
        values[f"vstring{number}"] = float(bean[f"vString{number}"])
        values[f"istring{number}"] = float(bean[f"currentString{number}"])
    return data(values, PARAMETER_NAME)


# -- row 13: getInverterData -------------------------------------------------------------
# PR93 (§4.9): 1 MPPT (PV) power, 2/3 MPPT1 V/A, 4/5 MPPT2 V/A, 6/7/8 phase R/S/T power,
# 9 PAC; any other type is served as type 0, taken here to be the AC power too.
# A single-phase inverter has only phase R.
POWER_COLUMNS = {"1": "pv", "6": "ac_out", "9": "ac_out"}
STRING_SERIES = {"2": (0, 0), "3": (0, 1), "4": (1, 0), "5": (1, 1)}  # (string, V=0/A=1)


def _parse_date(value: str | None, fallback: date) -> date | None:
    if value is None:
        return fallback
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _series_value(call: Call, device: Device, kind: str, series: DaySeries, index: int) -> float:
    if kind in ("7", "8"):
        return 0.0
    if kind in STRING_SERIES:
        plant = call.world.scenario.plant(device.plant_id)
        item = reading_from_slot(call.world, device, plant, series, index, call.now)
        string, measure = STRING_SERIES[kind]
        return _string(item, string)[measure]
    column: list[float] = getattr(series, POWER_COLUMNS.get(kind, "ac_out"))
    return column[index]


@classic_route("newInverterAPI.do", "getInverterData")
def inverter_data(call: Call) -> Reply:
    """The day chart `invPacData {"YYYY-MM-DD HH:MM": number}` of the finished 5-minute
    slots, with the day's totals the sibling getTlxData carries (§4.10)."""
    device = _inverter(call, "id", "inverterId")
    if device is None:
        return fail_501()
    plant = call.world.scenario.plant(device.plant_id)
    day = _parse_date(call.get("date"), call.world.local_today(plant))
    if day is None:
        return fail_501()
    kind = call.get("type") or "1"
    chart: dict[str, float] = {}
    energy = 0.0
    for label, series, index in day_chart(call.world, device.serial, day, call.now):
        chart[f"{day.isoformat()} {label}"] = round(
            _series_value(call, device, kind, series, index), 1
        )
        energy += series.ac_out[index] * SLOT_HOURS / 1000
    now = reading(call.world, device.serial, call.now)
    return json_reply(
        {
            "date": day.isoformat(),
            "invPacData": chart,
            "eToday": text(energy),
            "eTotal": text(now.total.ac_out),
            "power": text(now.pac),
            "nominalPower": str(device.nominal_power),
        }
    )
