"""Classic handlers: TLX inverters (MIN/MIC/MOD/NEO, TL-XH hybrids) and their `bat` packs.

shinephone-api.md §3 rows 16–25 and §9 getMonthPac/getYearPac/getTotalPac; shapes §4.10,
keys §4.17. Every value is rendered from `readings` so these ops agree with each other,
with the plant endpoints and with the v1 API.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from .. import formats
from ..physics import DaySeries, Energy
from ..readings import Reading, day_chart, reading, round_kwh
from ..routing import Call, Reply, classic_route, json_reply
from ..scenario import Device, Plant
from ..settings_state import SEGMENTS_TLX
from .common import data, fail_501, flat, obj, own_device

TLX_PATH = "newTlxApi.do"
WEIGHT_ODD_STRING = 1.12  # readings splits PV over strings with weights 1, 1.12, 1, ...


# -- shared with mix.py: dates, periods, energy text -------------------------------------
def bad_date() -> Reply:
    """The real answer to an unreadable `date` (PyPi_GrowattServer#25 capture, a MIX op)."""
    return json_reply({"result": 0, "obj": None, "msg": "504"}, outcome="bad-date")


def parse_day(call: Call, plant: Plant, name: str = "date") -> date:
    """`date` as YYYY-MM-DD, YYYY-MM or YYYY (clients send all three, §6); missing = today.

    Raises ValueError for garbage, which handlers answer with `bad_date()`.
    """
    text = call.get(name)
    if text is None:
        return call.world.local_today(plant)
    parts = text.strip().split("-")
    if len(parts) > 3 or not all(p.isdigit() for p in parts):
        raise ValueError(text)
    numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
    return date(numbers[0], numbers[1], numbers[2])


def kwh(value: float) -> float:
    """Energy as a JSON number, one decimal like Growatt stores it."""
    return round_kwh(value)


def kwh_text(value: float) -> str:
    return formats.text(round_kwh(value))


def percent_text(part: float, whole: float) -> str:
    return f"{formats.text(100 * part / whole if whole > 0 else 0.0)}%"


def self_use(energy: Energy) -> float:
    """PV energy the house used directly."""
    return energy.self_use


def period_totals(call: Call, device: Device, kind: int, anchor: date) -> list[Energy]:
    """Energy per day of the month (kind 1), per month of the year (2), per year of the
    six ending at `anchor`'s year (3); what has not happened yet counts zero."""
    model = call.world.model(device.serial)
    at = call.now
    if kind == 1:
        days = calendar.monthrange(anchor.year, anchor.month)[1]
        return [
            model.between(anchor.replace(day=d), anchor.replace(day=d), at)
            for d in range(1, days + 1)
        ]
    if kind == 2:
        return [
            model.between(
                date(anchor.year, m, 1),
                date(anchor.year, m, calendar.monthrange(anchor.year, m)[1]),
                at,
            )
            for m in range(1, 13)
        ]
    return [
        model.between(date(y, 1, 1), date(y, 12, 31), at)
        for y in range(anchor.year - 5, anchor.year + 1)
    ]


def period_label(kind: int, anchor: date) -> str:
    """The `chartData.date` echo: YYYY-MM-DD / YYYY-MM / YYYY for kinds 1/2/3 (PR94)."""
    if kind == 1:
        return anchor.isoformat()
    if kind == 2:
        return anchor.strftime("%Y-%m")
    return str(anchor.year)


def chart_type(call: Call) -> int | None:
    raw = call.get("type") or "0"
    return int(raw) if raw in ("0", "1", "2", "3") else None


def energy_breakdown(energy: Energy) -> dict[str, str]:
    """The e*/ratio strings of getEnergyProdAndCons_KW (TLX §4.10, MIX §4.11).

    Meanings follow the Home Assistant sensor descriptions: eCharge = system production
    (self-consumption + export), eChargeToday = load from solar, eChargeToday1 = self
    consumption (solar + battery), echarge1 = load from battery, etouser = grid import,
    eAcCharge = export (§4.11). echargeToat/eChargeToday2 carry battery charge totals
    [inferred]; ratio1..6 are the shares the app's pie charts show [inferred].
    """
    consumed = max(0.0, energy.load - energy.grid_import)
    solar_load = self_use(energy)
    production = consumed + energy.export
    return {
        "eAcCharge": kwh_text(energy.export),
        "eCharge": kwh_text(production),
        "eChargeToday": kwh_text(solar_load),
        "eChargeToday1": kwh_text(consumed),
        "eChargeToday2": kwh_text(energy.charge - energy.grid_charge),
        "echarge1": kwh_text(energy.discharge),
        "echargeToat": kwh_text(energy.charge),
        "elocalLoad": kwh_text(energy.load),
        "etouser": kwh_text(energy.grid_import),
        "photovoltaic": kwh_text(energy.pv),
        "ratio1": percent_text(consumed, production),
        "ratio2": percent_text(energy.export, production),
        "ratio3": percent_text(solar_load, energy.load),
        "ratio4": percent_text(energy.discharge, energy.load),
        "ratio5": percent_text(energy.grid_import, energy.load),
        "ratio6": percent_text(energy.charge - energy.grid_charge, energy.pv),
        "unit": "kWh",
        "unit2": "kW",
    }


def slot_self_use(series: DaySeries, index: int) -> float:
    return max(0.0, series.load[index] - series.grid_import[index] - series.discharge[index])


# -- lookups -----------------------------------------------------------------------------
def tlx_of(call: Call, *names: str) -> Device | None:
    """The TLX named by the first of `names` supplied, if the account owns it."""
    serial = next((call.get(n) for n in names if call.get(n) is not None), None)
    return own_device(call, serial, "tlx")


def plant_matches(call: Call, device: Device) -> bool:
    """A supplied `plantId` must be the device's plant (the server scopes by plant)."""
    plant_id = call.get("plantId")
    return plant_id is None or plant_id == str(device.plant_id)


@dataclass(frozen=True, slots=True)
class Status:
    code: int
    text: str  # getTlxDetailData statusText
    key: str  # i18n key of getTlxParams/getSystemStatus_KW


def status_of(now: Reading) -> Status:
    """-1 lost, 0 waiting, 1 normal (§4.10 captures show -1 'tlx.status.lost', 0 'Standby')."""
    if not now.online:
        return Status(-1, "Lost", "tlx.status.lost")
    if now.producing or now.charge or now.discharge:
        return Status(1, "Normal", "tlx.status.normal")
    return Status(0, "Standby", "tlx.status.waiting")


def string_value(now: Reading, index: int, field: str) -> float:
    if index >= len(now.strings):
        return 0.0
    value: float = getattr(now.strings[index], field)
    return value


def string_share(device: Device, index: int) -> float:
    """The share of PV energy string `index` produced (readings' fixed weights)."""
    count = max(1, device.pv_strings)
    if index >= count:
        return 0.0
    weights = [1.0 + (WEIGHT_ODD_STRING - 1.0) * (i % 2) for i in range(count)]
    return weights[index] / sum(weights)


# -- row 16: getTlxData ------------------------------------------------------------------
def _pac_series_value(
    call: Call, device: Device, series: DaySeries, index: int, kind: int
) -> float:
    """type 1 PV W, 2/3 PV1 V/A, 4/5 PV2 V/A, 6 AC W (§4.10)."""
    if kind == 6:
        return round(series.ac_out[index], 1)
    if kind in (2, 3, 4, 5):
        from ..readings import reading_from_slot  # noqa: PLC0415 - only this path needs it

        plant = call.world.scenario.plant(device.plant_id)
        slot = reading_from_slot(call.world, device, plant, series, index, call.now)
        field = "voltage" if kind in (2, 4) else "current"
        return string_value(slot, 0 if kind in (2, 3) else 1, field)
    return round(series.pv[index], 1)


@classic_route(TLX_PATH, op="getTlxData")
def tlx_data(call: Call) -> Reply:
    device = tlx_of(call, "id", "tlxId")
    if device is None:
        return fail_501()
    plant = call.world.scenario.plant(device.plant_id)
    try:
        day = parse_day(call, plant)
    except ValueError:
        return bad_date()
    kind_text = call.get("type") or "1"
    kind = int(kind_text) if kind_text in ("1", "2", "3", "4", "5", "6") else 1
    stamp_day = day.isoformat()
    points = {
        f"{stamp_day} {label}": _pac_series_value(call, device, series, index, kind)
        for label, series, index in day_chart(call.world, device.serial, day, call.now)
    }
    now = reading(call.world, device.serial, call.now)
    settings = call.world.settings(device.serial)
    limit_w = device.nominal_power * float(settings.get("exportLimitPowerRate", "0") or 0) / 100
    return flat(
        {
            "date": stamp_day,
            "dryContactStatus": 0,
            "eToday": kwh_text(now.today.ac_out),
            "eTotal": kwh_text(now.total.ac_out),
            "exportLimit": int(settings.get("exportLimit", "0") or 0),
            "exportLimitPower": formats.text(limit_w),
            "exportLimitPower2": "0",
            "invPacData": points,
            "nominalPower": str(device.nominal_power),
            "power": formats.text(now.pac),
        }
    )


# -- row 17: getTlxDetailData ------------------------------------------------------------
DETAIL_PARAMETER_NAME = (
    "Fac(Hz),Pac(W),Ppv(W),Ppv1(W),Ppv2(W),Vpv1(V),Ipv1(A),Vpv2(V),Ipv2(A),Vac1(V),Iac1(A),"
    "Pac1(W),VacRs(V),EacToday(kWh),EacTotal(kWh),Epv1Today(kWh),Epv2Today(kWh),"
    "Temp1(℃),Temp2(℃),Temp3(℃),Temp4(℃),Temp5(℃),PacToUserTotal(W),PacToGridTotal(W),"
    "PacToLocalLoad(W),EtoUserToday(kWh),EtoUserTotal(kWh),EtoGridToday(kWh),"
    "EtoGridTotal(kWh),ElocalLoadToday(kWh),ElocalLoadTotal(kWh),Epv1Total(kWh),"
    "Epv2Total(kWh),EpvTotal(kWh),BsystemWorkMode,BgridType"
)


def _pv_string_values(device: Device, now: Reading) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for i in range(4):
        n = i + 1
        values[f"vpv{n}"] = string_value(now, i, "voltage")
        values[f"ipv{n}"] = string_value(now, i, "current")
        values[f"ppv{n}"] = string_value(now, i, "power")
        values[f"epv{n}Today"] = kwh(now.today.pv * string_share(device, i))
        values[f"epv{n}Total"] = kwh(now.total.pv * string_share(device, i))
    return values


def _battery_values(device: Device, now: Reading) -> dict[str, Any]:
    """bdc1 is the DC-DC converter of the first battery; bdc2 is absent (zeros)."""
    has_battery = device.has_battery
    values: dict[str, Any] = {}
    for n in (1, 2):
        live = has_battery and n == 1
        values.update(
            {
                f"bdc{n}ChargePower": now.charge if live else 0,
                f"bdc{n}ChargeTotal": kwh(now.total.charge) if live else 0,
                f"bdc{n}DischargePower": now.discharge if live else 0,
                f"bdc{n}DischargeTotal": kwh(now.total.discharge) if live else 0,
                f"bdc{n}FaultType": 0,
                f"bdc{n}Ibb": 0,
                f"bdc{n}Illc": 0,
                f"bdc{n}Ibat": now.ibat if live else 0,
                f"bdc{n}Mode": (2 if now.discharge else 1 if now.charge else 0) if live else 0,
                f"bdc{n}Soc": now.soc if live else 0,
                f"bdc{n}Status": 1 if live else 0,
                f"bdc{n}Temp1": now.temperature if live else 0,
                f"bdc{n}Temp2": round(now.temperature - 2, 1) if live else 0,
                f"bdc{n}Vbat": now.vbat if live else 0,
                f"bdc{n}Vbus1": 380.0 if live else 0,
                f"bdc{n}Vbus2": 0,
                f"bdc{n}WarnCode": 0,
            }
        )
    bms = {
        "CommunicationType": 1 if has_battery else 0,
        "CvVolt": 57.6 if has_battery else 0,
        "Error2": 0,
        "Error3": 0,
        "Error4": 0,
        "FaultType": 0,
        "FwVersion": "",
        "Ibat": now.ibat,
        "Icycle": 0,
        "Info": 0,
        "IosStatus": 0,
        "MaxCurr": 100 if has_battery else 0,
        "McuVersion": "",
        "PackInfo": 0,
        "Soc": now.soc,
        "Soh": 100 if has_battery else 0,
        "Status": 1 if has_battery else 0,
        "Temp1Bat": round(now.temperature - 4, 1) if has_battery else 0,
        "UsingCap": 100 if has_battery else 0,
        "Vbat": now.vbat,
        "Vdelta": 0,
        "Warn2": 0,
        "WarnCode": 0,
    }
    values.update({f"bms{k}": v for k, v in bms.items()})
    values.update(
        {
            "batSn": None,
            "batteryNo": 1 if has_battery else 0,
            "batterySN": None,
            "bdcBusRef": 0,
            "bdcDerateReason": 0,
            "bdcFaultSubCode": 0,
            "bdcStatus": 1 if has_battery else 0,
            "bdcVbus2Neg": 0,
            "bdcWarnSubCode": 0,
            "soc1": now.soc,
            "soc2": 0,
        }
    )
    return values


def _energy_values(now: Reading) -> dict[str, Any]:
    today, total = now.today, now.total
    pairs = {
        "eac": ("ac_out", None),
        "echarge": ("charge", None),
        "edischarge": ("discharge", None),
        "etoGrid": ("export", None),
        "etoUser": ("grid_import", None),
        "elocalLoad": ("load", None),
        "eacCharge": ("grid_charge", None),
    }
    values: dict[str, Any] = {}
    for prefix, (name, _) in pairs.items():
        values[f"{prefix}Today"] = kwh(getattr(today, name))
        values[f"{prefix}Total"] = kwh(getattr(total, name))
    # esystem: what the system delivered (PV + battery); eself: PV used on site [inferred]
    values["esystemToday"] = kwh(today.pv + today.discharge)
    values["esystemTotal"] = kwh(total.pv + total.discharge)
    values["eselfToday"] = kwh(self_use(today))
    values["eselfTotal"] = kwh(self_use(total))
    values["epvTotal"] = kwh(total.pv)  # no epvToday in this op (§4.10)
    for n in (1, 2):
        values[f"eex{n}Today"] = 0
        values[f"eex{n}Total"] = 0
    return values


def _ac_values(now: Reading) -> dict[str, Any]:
    vac_line = round(now.vac * 3**0.5, 1)
    return {
        "fac": now.fac,
        "pac": now.pac,
        "pac1": now.pac,
        "pac2": 0,
        "pac3": 0,
        "pacr": now.pac,
        "iac1": now.iac,
        "iac2": 0,
        "iac3": 0,
        "iacr": now.iac,
        "vac1": now.vac,
        "vac2": 0,
        "vac3": 0,
        "vacr": now.vac,
        "vacRs": vac_line,
        "vacSt": 0,
        "vacTr": 0,
        "vacrs": now.vac,
        "pf": 1 if now.pac else 0,
        "pacToGridTotal": now.export,
        "pacToUserTotal": now.grid_import,
        "pacToLocalLoad": now.load,
        "psystem": round(now.ppv + now.discharge, 1),
        "pself": round(max(0.0, now.load - now.grid_import - now.discharge), 1),
        "pex1": 0,
        "pex2": 0,
        "ppv": now.ppv,
        "loadPercent": round(100 * now.pac / max(1, now.device.nominal_power), 1),
        "realOPPercent": round(100 * now.pac / max(1, now.device.nominal_power)),
    }


def _static_detail_values(device: Device) -> dict[str, Any]:
    """Keys the capture shows that the simulation has no physics for."""
    values: dict[str, Any] = {
        "address": 1,
        "again": False,
        "alias": device.alias,
        "bMerterConnectFlag": 0,
        "bgridType": 0,
        "bsystemWorkMode": 0,
        "calendar": None,
        "dataLogSn": device.datalogger,
        "day": None,
        "dcVoltage": 0,
        "dciR": 0,
        "dciS": 0,
        "dciT": 0,
        "debug1": None,
        "debug2": None,
        "deratingMode": 0,
        "dryContactStatus": 0,
        "errorText": "Unknown",
        "faultType": 0,
        "faultType1": 0,
        "gfci": 0,
        "invDelayTime": 0,
        "isAgain": False,
        "iso": 0,
        "mtncMode": 0,
        "mtncRqst": 0,
        "nBusVoltage": 0,
        "newWarnCode": 0,
        "newWarnSubCode": 0,
        "opFullwatt": 0,
        "operatingMode": 0,
        "pBusVoltage": 0,
        "serialNum": device.serial,
        "tMtncStrt": None,
        "tWinEnd": None,
        "tWinStart": None,
        "tlxBean": None,
        "warnCode": 0,
        "warnCode1": 0,
        "warnText": "Unknown",
        "winMode": 0,
        "winOffGridSOC": 0,
        "winOnGridSOC": 0,
        "winRequest": 0,
        "withTime": False,
    }
    for n in range(8):
        values[f"sysFaultWord{n or ''}"] = 0
    for name in (
        "epsFac",
        "epsIac1",
        "epsIac2",
        "epsIac3",
        "epsPac",
        "epsPac1",
        "epsPac2",
        "epsPac3",
        "epsPf",
        "epsVac1",
        "epsVac2",
        "epsVac3",
    ):
        values[name] = 0
    return values


def detail_values(device: Device, now: Reading) -> dict[str, Any]:
    status = status_of(now)
    values = _static_detail_values(device)
    values.update(_pv_string_values(device, now))
    values.update(_battery_values(device, now))
    values.update(_energy_values(now))
    values.update(_ac_values(now))
    temperature = now.temperature
    values.update(
        {f"temp{n}": round(temperature - 3 * (n - 1), 1) if n <= 3 else 0 for n in range(1, 6)}
    )
    values.update(
        {
            "lost": not now.online,
            "status": status.code,
            "statusText": status.text,
            "time": formats.stamp(now.at),
            "timeTotal": 0,
            "totalWorkingTime": 0,
            "uwSysWorkMode": 1 if status.code == 1 else 0,
        }
    )
    return dict(sorted(values.items()))


@classic_route(TLX_PATH, op="getTlxDetailData")
def tlx_detail(call: Call) -> Reply:
    device = tlx_of(call, "id", "tlxId")
    if device is None:
        return fail_501()
    now = reading(call.world, device.serial, call.now)
    return data(detail_values(device, now), DETAIL_PARAMETER_NAME)


# -- row 18: getTlxParams ----------------------------------------------------------------
# Captured getTlxParams keys with no simulated meaning, at their captured values.
_PARAMS_BEAN_STATIC: dict[str, Any] = {
    "bagingTestStep": 0,
    "batTempLowerLimitC": 0,
    "batTempLowerLimitD": 0,
    "batTempUpperLimitC": 0,
    "batTempUpperLimitD": 0,
    "bctAdjust": 0,
    "bctMode": 0,
    "bdcAuthversion": 0,
    "bmsCommunicationType": 0,
    "bmsSoftwareVersion": "",
    "liBatteryFwVersion": "",
    "liBatteryManufacturers": "",
    "monitorVersion": "",
    "powerMax": "",
    "powerMaxText": "",
    "powerMaxTime": "",
    "safetyVersion": 0,
    "trakerModel": 0,
    "vbatStartForDischarge": 0,
    "vbatStopForCharge": 0,
    "vbatStopForDischarge": 0,
    "vbatWarnClr": 0,
    "vbatWarning": 0,
    "vppOpen": 0,
    "wselectBaudrate": 0,
}


def _params_bean(call: Call, device: Device, now: Reading) -> dict[str, Any]:
    status = status_of(now)
    local = now.at
    settings = call.world.settings(device.serial)
    return {
        "addr": 1,
        "alias": device.alias,
        "batParallelNum": 1 if device.has_battery else 0,
        "batSeriesNum": 0,
        "batSysEnergy": int(device.battery_kwh * 10),
        "batteryType": 1 if device.has_battery else 0,
        "bcuVersion": "",
        "bdc1Model": "0",
        "bdc1Sn": "",
        "bdc1Version": "",
        "bdcMode": 0,
        "children": [],
        "comAddress": 1,
        "communicationVersion": "GJAA-0003",
        "countrySelected": 1,
        "dataLogSn": device.datalogger,
        "deviceType": 5,
        "dtc": 5203,
        "eToday": kwh(now.today.ac_out),
        "eTotal": kwh(now.total.ac_out),
        "energyDayMap": {},
        "energyMonth": kwh(now.month.ac_out),
        "energyMonthText": kwh_text(now.month.ac_out),
        "fwVersion": "GJ1.0",
        "groupId": -1,
        "hwVersion": "",
        "id": device.device_id,
        "imgPath": "./css/img/status_green.gif"
        if status.code == 1
        else "./css/img/status_gray.gif",
        "innerVersion": "GJAA03xx",
        "lastUpdateTime": formats.java_date(local),
        "lastUpdateTimeText": formats.stamp(local),
        "level": 4,
        "location": "",
        "lost": not now.online,
        "manufacturer": "   PV Inverter  ",
        "modbusVersion": 307,
        "model": device.device_id,
        "modelText": "S00B00D00T00P0FU00M0000",
        "mppt": 0,
        "optimezerList": [],
        "pCharge": now.charge,
        "pDischarge": now.discharge,
        "parentID": f"LIST_{device.datalogger}_22",
        "plantId": device.plant_id,
        "plantname": "",
        "pmax": device.nominal_power,
        "portName": "port_name",
        "power": now.pac,
        "priorityChoose": 0,
        "record": None,
        "restartTime": 65,
        "serialNum": device.serial,
        "startTime": 65,
        "status": status.code,
        "statusText": status.key,
        "strNum": 0,
        "sysTime": settings.get("sysTime", ""),
        "tcpServerIp": "47.91.67.66",
        "timezone": round(formats.utc_offset_hours(local)),
        "tlxSetbean": None,
        "treeID": f"ST_{device.serial}",
        "treeName": "",
        "updating": False,
        "userName": "",
        "vnormal": 280,
        **_PARAMS_BEAN_STATIC,
    }


@classic_route(TLX_PATH, op="getTlxParams")
def tlx_params(call: Call) -> Reply:
    device = tlx_of(call, "id", "tlxId")
    if device is None:
        return fail_501()
    now = reading(call.world, device.serial, call.now)
    return flat(
        {"inverterType": device.model, "region": "", "newBean": _params_bean(call, device, now)}
    )


# -- row 19: getSystemStatus_KW ----------------------------------------------------------
def system_status(device: Device, now: Reading) -> dict[str, str]:
    status = status_of(now)
    kw = formats.kw
    soc = formats.text(now.soc, 0)
    values = {
        "SOC": soc,
        "SOC2": "0",
        "soc1": soc,
        "soc2": "0",
        "socType": "1",
        "chargePower": kw(now.charge),
        "chargePower1": kw(now.charge),
        "chargePower2": "0",
        "pdisCharge": kw(now.discharge),
        "pdisCharge1": kw(now.discharge),
        "pdisCharge2": "0",
        "pLocalLoad": kw(now.load),
        "pac": kw(now.pac),
        "pactogrid": kw(now.export),
        "pactouser": kw(now.grid_import),
        "pex": "0",
        "pmax": kw(device.nominal_power),
        "ppv": kw(now.ppv),
        "fAc": formats.text(now.fac, 2),
        "vAc1": formats.text(now.vac),
        "vac1": formats.text(now.vac),
        "vBat": formats.text(now.vbat),
        "upsFac": "0",
        "upsVac1": "0",
        "unit": "kW",
        "status": str(status.code),
        "invStatus": str(status.code),
        "lost": status.key,
        "operatingMode": "0",
        "priorityChoose": "0",
        "uwSysWorkMode": "1" if status.code == 1 else "0",
        "wBatteryType": "1" if device.has_battery else "0",
        "bdcStatus": "1" if device.has_battery else "0",
        "bMerterConnectFlag": "0",
        "bmsBatteryEnergy": f"{formats.text(device.battery_kwh * now.soc / 100)}kWh",
        "dType": "5",
        "deviceType": "2",
        "isMasterOne": "0",
        "prePto": "-1",
        "tbModuleNum": "0",
        "tips": "2",
    }
    for i in range(4):
        values[f"pPv{i + 1}"] = kw(string_value(now, i, "power"))
        values[f"vPv{i + 1}"] = formats.text(string_value(now, i, "voltage"))
    return values


@classic_route(TLX_PATH, op="getSystemStatus_KW")
def tlx_system_status(call: Call) -> Reply:
    device = tlx_of(call, "id", "tlxId")
    if device is None or not plant_matches(call, device):
        return fail_501()
    return obj(system_status(device, reading(call.world, device.serial, call.now)))


# -- row 20: getEnergyOverview -----------------------------------------------------------
@classic_route(TLX_PATH, op="getEnergyOverview")
def tlx_energy_overview(call: Call) -> Reply:
    device = tlx_of(call, "id", "tlxId")
    if device is None or not plant_matches(call, device):
        return fail_501()
    now = reading(call.world, device.serial, call.now)
    return obj({**energy_overview(now, discharge="edischarge"), "isMasterOne": "0"})


def energy_overview(now: Reading, *, discharge: str) -> dict[str, str]:
    """The getEnergyOverview counters TLX and MIX share; they differ in the discharge
    keys (`edischargeToday` for TLX, `edischarge1Today` for MIX, §4.10/§4.11)."""
    today, total = now.today, now.total
    return {
        "echargetoday": kwh_text(today.charge),
        "echargetotal": kwh_text(total.charge),
        f"{discharge}Today": kwh_text(today.discharge),
        f"{discharge}Total": kwh_text(total.discharge),
        "elocalLoadToday": kwh_text(today.load),
        "elocalLoadTotal": kwh_text(total.load),
        "epvToday": kwh_text(today.pv),
        "epvTotal": kwh_text(total.pv),
        "etoGridToday": kwh_text(today.export),
        "etogridTotal": kwh_text(total.export),
    }


# -- row 21: getEnergyProdAndCons_KW -----------------------------------------------------
def _kw_number(watts: float) -> float:
    return round(watts / 1000, 2)


def tlx_day_points(call: Call, device: Device, day: date) -> dict[str, dict[str, float]]:
    """Type 0: every finished 5-minute slot, kW as numbers. sysOut/userLoad = house load
    (the real MIX entry has sysOut equal to grid import at night), pacToGrid = export,
    pacToUser = import, outP = inverter AC output, chargePower = battery charge."""
    points = {}
    for label, s, i in day_chart(call.world, device.serial, day, call.now):
        points[label] = {
            "chargePower": _kw_number(s.charge[i]),
            "outP": _kw_number(s.ac_out[i]),
            "pacToGrid": _kw_number(s.export[i]),
            "pacToUser": _kw_number(s.grid_import[i]),
            "pex": _kw_number(s.export[i]),
            "ppv": _kw_number(s.pv[i]),
            "pself": _kw_number(slot_self_use(s, i)),
            "sysOut": _kw_number(s.load[i]),
            "userLoad": _kw_number(s.load[i]),
        }
    return points


def tlx_period_arrays(call: Call, device: Device, kind: int, anchor: date) -> dict[str, Any]:
    """Types 1/2/3: kWh arrays (§4.10); column meanings as in `tlx_day_points`."""
    totals = period_totals(call, device, kind, anchor)
    return {
        "date": period_label(kind, anchor),
        "acCharge": [kwh(e.grid_charge) for e in totals],
        "charge": [kwh(e.charge) for e in totals],
        "eac": [kwh(e.ac_out) for e in totals],
        "echarge": [kwh(e.discharge) for e in totals],
        "epv3": [kwh(e.pv) for e in totals],
        "pacToGrid": [kwh(e.export) for e in totals],
        "pex": [kwh(e.grid_import) for e in totals],
        "pself": [kwh(self_use(e)) for e in totals],
        "sysOut": [kwh(e.load) for e in totals],
    }


def sum_energy(parts: list[Energy]) -> Energy:
    total = Energy()
    for part in parts:
        total += part
    return total


@classic_route(TLX_PATH, op="getEnergyProdAndCons_KW")
def tlx_energy_prod_cons(call: Call) -> Reply:
    device = tlx_of(call, "id", "tlxId")
    if device is None or not plant_matches(call, device):
        return fail_501()
    plant = call.world.scenario.plant(device.plant_id)
    kind = chart_type(call)
    try:
        anchor = parse_day(call, plant)
    except ValueError:
        return bad_date()
    if kind is None:
        return bad_date()
    model = call.world.model(device.serial)
    if kind == 0:
        chart: dict[str, Any] = tlx_day_points(call, device, anchor)
        period = model.between(anchor, anchor, call.now)
    else:
        chart = tlx_period_arrays(call, device, kind, anchor)
        period = sum_energy(period_totals(call, device, kind, anchor))
    now = reading(call.world, device.serial, call.now)
    settings = call.world.settings(device.serial)
    return obj(
        {
            "chartData": chart,
            **energy_breakdown(period),
            "isMasterOne": "0",
            "keyNames": [
                "Photovoltaic Output",
                "Load Consumption",
                "Imported From Grid",
                "From Battery",
            ],
            "newBean": {
                "dryContactStatus": 0,
                "exportLimit": int(settings.get("exportLimit", "0") or 0),
                "exportLimitPower2": "0kW",
                "pac": f"{formats.kw(now.pac)}kW",
            },
        }
    )


# -- row 22: getTlxSetData ---------------------------------------------------------------
# Keys of the captured bean (PR94 NEO) the simulation does not model, with the captured
# values; the settings store overrides the ones it knows.
_SET_BEAN_STATIC: dict[str, Any] = {
    "afci_enabled": "-1",
    "afci_reset": "-1",
    "afci_self_check": "-1",
    "afci_thresholdd": "-1",
    "afci_thresholdh": "-1",
    "afci_thresholdl": "-1",
    "brazilRule": "0",
    "compatibleFlag": "0",
    "delay_time": "10000.0",
    "demand_manage_enable": "0",
    "dtc": "5203",
    "fail_safe_curr": "0",
    "fft_threshold_count": "-1",
    "gen_charge_enable": "0",
    "gen_ctrl": "0",
    "gen_rated_power": "0",
    "grid_type": "0",
    "h_1_freq_1": "51.5",
    "h_1_freq_2": "51.5",
    "h_1_volt_1": "287.5",
    "h_1_volt_2": "287.5",
    "isLGBattery": "0",
    "l_1_freq": "47.5",
    "l_1_freq_1": "47.5",
    "l_1_freq_2": "47.5",
    "l_1_volt_1": "184.0",
    "l_1_volt_2": "103.5",
    "l_2_freq": "47.5",
    "loading_rate": "9.0",
    "max_allow_curr": "0",
    "modbusVersion": "307",
    "off_net_box": "0",
    "onGridMode": "-1",
    "onGridStatus": "-1",
    "peak_shaving_enable": "0",
    "power_down_enable": "0",
    "pre_pto": "0",
    "priorityChoose": "0",
    "prot_enable": "0",
    "pvPfCmdMemoryState": "0",
    "pv_grid_frequency_high": "50.1",
    "pv_grid_frequency_low": "47.65",
    "q_percent_max": "43.0",
    "qv_h1": "236.9",
    "qv_h2": "246.1",
    "qv_l1": "223.1",
    "qv_l2": "213.9",
    "restart_loading_rate": "9.0",
    "safetyCorrespondNumList": [],
    "safetyNum": "0",
    "safety_correspond_num": "0",
    "seasonYearTime": "0_0_0",
    "showPeakShaving": "0",
    "sysMtncAvail": "0",
    "system_work_mode": "0",
    "tlx_ac_discharge_frequency": "0",
    "tlx_ac_discharge_voltage": "0",
    "tlx_backflow_default_power": "0.0",
    "tlx_cc_current": "0.0",
    "tlx_cv_voltage": "0.0",
    "tlx_dry_contact_enable": "0",
    "tlx_dry_contact_off_power": "0.0",
    "tlx_dry_contact_power": "0.0",
    "tlx_exter_comm_Off_GridEn": "0",
    "tlx_lcd_Language": "0",
    "tlx_limit_device": "0",
    "tlx_one_key_set_bdc_mode": "0",
    "ub_ac_charging_stop_soc": "0",
    "ub_peak_shaving_backup_soc": "0",
    "usBatteryType": "0",
    "uw_ac_charging_max_power_limit": "0.0",
    "uw_demand_mgt_downstrm_power_limit": "0.0",
    "uw_demand_mgt_revse_power_limit": "0.0",
    "winModeEndTime": "",
    "winModeFlag": "0",
    "winModeOffGridDischargeStopSOC": "10",
    "winModeOnGridDischargeStopSOC": "10",
    "winModeStartTime": "",
    "winterOrMaintain": "0",
    "yearSettingFlag": "0",
    "year_time1": "0_0_0_0_0_0_0",
}


def _season_keys() -> dict[str, str]:
    values = {}
    for season in range(1, 5):
        values[f"season{season}MonthTime"] = "0_0_0"
        for n in range(1, 10):
            values[f"season{season}Time{n}"] = "0_0_0_0_0_0_0"
    for special in (1, 2):
        values[f"special{special}MonthTime"] = "0_0_0"
        for n in range(1, 10):
            values[f"special{special}Time{n}"] = "0_0_0_0_0_0"
    for n in range(2, 10):
        values[f"year_time{n}"] = ""
    for n in range(1, 5):
        values[f"tlx_pflinep{n}_lp"] = "255"
        values[f"tlx_pflinep{n}_pf"] = "1.0"
    return values


def system_time(call: Call, device: Device, settings: dict[str, str]) -> str:
    """The device clock: a written pf_sys_year, else the plant's local time."""
    if settings.get("sysTime"):
        return settings["sysTime"]
    plant = call.world.scenario.plant(device.plant_id)
    return formats.stamp(call.world.local_now(plant))


def tlx_set_bean(call: Call, device: Device) -> dict[str, Any]:
    s = call.world.settings(device.serial)
    rate = float(s.get("exportLimitPowerRate", "0") or 0)
    bean: dict[str, Any] = {**_SET_BEAN_STATIC, **_season_keys()}
    bean.update(
        {
            "acChargeEnable": s["acChargeEnable"],
            "ac_charge": s["acChargeEnable"],
            "activeRate": s["activeRate"],
            "chargePowerCommand": s["chargePowerCommand"],
            "charge_power": s["chargePowerCommand"],
            "wchargeSOCLowLimit": s["wchargeSOCLowLimit"],
            "charge_stop_soc": s["wchargeSOCLowLimit"],
            "disChargePowerCommand": s["disChargePowerCommand"],
            "discharge_power": s["disChargePowerCommand"],
            "wdisChargeSOCLowLimit": s["wdisChargeSOCLowLimit"],
            "discharge_stop_soc": s["wdisChargeSOCLowLimit"],
            "on_grid_discharge_stop_soc": s["onGridDischargeStopSOC"],
            "exportLimit": s["exportLimit"],
            "exportLimitPowerRateStr": f"{rate:.1f}",
            "normalPower": str(device.nominal_power),
            "pf_sys_year": system_time(call, device, s),
            "pv_grid_voltage_high": s.get("pv_grid_voltage_high", "253.0"),
            "pv_grid_voltage_low": s.get("pv_grid_voltage_low", "195.5"),
            "tlx_on_off": s["onOff"],
            "tlx_off_grid_enable": s.get("offGridEnable", "0"),
            "tlx_pf": s.get("pf", "1.0"),
        }
    )
    for i in range(1, SEGMENTS_TLX + 1):
        start, stop = s[f"forcedTimeStart{i}"], s[f"forcedTimeStop{i}"]
        mode, enabled = s[f"time{i}Mode"], s[f"forcedStopSwitch{i}"]
        bean.update(
            {
                f"forcedTimeStart{i}": start,
                f"forcedTimeStop{i}": stop,
                f"time{i}Mode": mode,
                f"forcedStopSwitch{i}": enabled,
                f"time_segment{i}": f"{mode}_{start}_{stop}_{enabled}",
            }
        )
    return dict(sorted(bean.items()))


@classic_route(TLX_PATH, op="getTlxSetData")
def tlx_set_data(call: Call) -> Reply:
    device = tlx_of(call, "serialNum", "id")
    if device is None:
        return fail_501()
    return obj({"tlxSetBean": tlx_set_bean(call, device)})


# -- row 23: newLoginAPI.do?op=getSetPass ------------------------------------------------
_ENABLED_SETTINGS = (
    "ac_charge",
    "backflow_setting",
    "charge_power",
    "charge_stop_soc",
    "discharge_power",
    "discharge_stop_soc",
    "pf_sys_year",
    "pv_active_p_rate",
    "pv_grid_frequency_high",
    "pv_grid_frequency_low",
    "pv_grid_voltage_high",
    "pv_grid_voltage_low",
    "pv_reactive_p_rate",
    *(f"time_segment{i}" for i in range(1, 10)),
    "tlx_ac_discharge_frequency",
    "tlx_ac_discharge_time_period",
    "tlx_ac_discharge_voltage",
    "tlx_backflow_default_power",
    "tlx_cc_current",
    "tlx_custom_pf_curve",
    "tlx_cv_voltage",
    "tlx_dry_contact_enable",
    "tlx_dry_contact_off_power",
    "tlx_dry_contact_power",
    "tlx_exter_comm_Off_GridEn",
    "tlx_lcd_Language",
    "tlx_limit_device",
    "tlx_off_grid_enable",
    "tlx_on_off",
    "tlx_optimezer_set_param_multi",
    "tlx_reset_to_factory",
)


@classic_route("newLoginAPI.do", op="getSetPass")
def tlx_enabled_settings(call: Call) -> Reply:
    """`msg` is the day's settings password, growatt + YYYYMMDD (§4.10). The date is the
    plant's local date: the server's own clock decides, not the client's `stringTime`
    [inferred]. `tlx_on_off` is "0" as in the only capture."""
    device = own_device(call, call.get("deviceSn") or call.get("serialNum"), "tlx")
    if device is None:
        return fail_501()
    plant = call.world.scenario.plant(device.plant_id)
    password = "growatt" + call.world.local_today(plant).strftime("%Y%m%d")
    enable = {name: "0" if name == "tlx_on_off" else "1" for name in _ENABLED_SETTINGS}
    return json_reply(
        {"result": 1, "msg": password, "obj": {"haveAfci": False, "switch": True, "enable": enable}}
    )


# -- rows 24/25: the battery pack --------------------------------------------------------
def battery_of(call: Call, *names: str) -> Device | None:
    """A `bat` pack, or a TLX with a battery (the library passes either serial)."""
    serial = next((call.get(n) for n in names if call.get(n) is not None), None)
    device = own_device(call, serial, "bat", "tlx")
    if device is None:
        return None
    if device.family == "tlx" and not device.has_battery:
        return None
    return device


def battery_status(now: Reading) -> str:
    """0 standby, 1 charging, 2 discharging [inferred]."""
    if not now.online:
        return "-1"
    if now.charge > 0:
        return "1"
    return "2" if now.discharge > 0 else "0"


@classic_route(TLX_PATH, op="getBatInfo")
def tlx_battery_info(call: Call) -> Reply:
    """Only `lost` is documented (§4.10); the rest is a small plausible bean [inferred]."""
    device = battery_of(call, "serialNum", "id")
    if device is None:
        return obj({})
    now = reading(call.world, device.serial, call.now)
    return obj(
        {
            "alias": device.alias,
            "serialNum": device.serial,
            "model": device.model,
            "lost": not now.online,
            "soc": formats.text(now.soc, 0),
            "status": battery_status(now),
            "vbat": formats.text(now.vbat),
            "chargeOrDisPower": formats.text(now.battery_power),
            "lastUpdateTimeText": formats.stamp(now.at),
        }
    )


@classic_route(TLX_PATH, op="getBatDetailData")
def tlx_battery_detail(call: Call) -> Reply:
    device = battery_of(call, "id", "serialNum")
    if device is None or not plant_matches(call, device):
        return fail_501()
    now = reading(call.world, device.serial, call.now)
    return data(
        {
            "bmNum": "1",
            "chargeOrDisPower": formats.text(now.battery_power),
            "dischargeTotal": kwh_text(now.total.discharge),
            "errorCode": "0",
            "errorSubCode": "0",
            "soc": formats.text(now.soc, 0),
            "status": battery_status(now),
            "systemWorkStatus": "1" if now.online else "0",
            "warnCode": "0",
            "warnSubCode": "0",
        },
        "",
    )


# -- §9: getMonthPac / getYearPac / getTotalPac ------------------------------------------
def _pac_map(call: Call, kind: int) -> Reply:
    """A bare map label → kWh (the getTotalPac capture keys years: {"2024": 9.1}). Month
    and year variants key days "1".."31" and months "1".."12" [inferred]."""
    device = tlx_of(call, "id", "tlxId")
    if device is None:
        return fail_501()
    plant = call.world.scenario.plant(device.plant_id)
    try:
        anchor = parse_day(call, plant)
    except ValueError:
        return bad_date()
    totals = period_totals(call, device, kind, anchor)
    if kind == 3:
        labels = [str(anchor.year - 5 + i) for i in range(len(totals))]
        pairs = [(label, e) for label, e in zip(labels, totals, strict=True) if e.ac_out > 0]
    else:
        pairs = [(str(i + 1), e) for i, e in enumerate(totals)]
    return flat({label: kwh(e.ac_out) for label, e in pairs})


@classic_route(TLX_PATH, op="getMonthPac")
def tlx_month_pac(call: Call) -> Reply:
    return _pac_map(call, 1)


@classic_route(TLX_PATH, op="getYearPac")
def tlx_year_pac(call: Call) -> Reply:
    return _pac_map(call, 2)


@classic_route(TLX_PATH, op="getTotalPac")
def tlx_total_pac(call: Call) -> Reply:
    return _pac_map(call, 3)
