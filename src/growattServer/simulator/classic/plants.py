"""Plant endpoints of the ShinePhone API (shinephone-api.md §3 rows 2–5, 7, 9–12; §4.1–4.8).

Every figure is a sum over the plant's devices of what `readings`/`physics` say, so the
plant list, the plant bean, the device list and the charts agree with each other and
with the device endpoints (see `common.device_yield` for what a device contributes).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from ..config import DeviceListLayout
from ..formats import (
    co2_text,
    energy_text,
    java_date,
    money_text,
    power_text,
    stamp,
    text,
    timezone_text,
)
from ..physics import Energy
from ..readings import Reading, day_chart, reading
from ..routing import Call, Reply, classic_route, json_reply
from ..scenario import Device, Plant
from .common import back, device_yield, fail_501, own_plant, plant_devices, yield_power

# Default environmental factors of a new plant (getPlant capture, PR94): kg per kWh.
DEFAULT_FORMULAS = {"formulaCo2": 0.4, "formulaCoal": 0.4, "formulaSo2": 0.0, "formulaTree": 0.055}
CURRENCY_SYMBOLS = {
    "EUR": "€",
    "USD": "$",
    "AUD": "$",
    "GBP": "£",
    "CNY": "¥",
    "JPY": "¥",
    "CHF": "CHF",
    "PLN": "zł",
    "SEK": "kr",
    "NZD": "$",
    "ZAR": "R",
}
UNIT_MAP = {code: code for code in sorted(CURRENCY_SYMBOLS)}
NO_COORDINATE = "null°null′null″"


# -- plant figures -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PlantFigures:
    power_w: float
    today: float
    month: float
    year: float
    total: float
    readings: tuple[Reading, ...]


def figures(call: Call, plant: Plant) -> PlantFigures:
    readings = tuple(reading(call.world, d.serial, call.now) for d in plant_devices(call, plant))
    return PlantFigures(
        power_w=sum(yield_power(r.device, r) for r in readings),
        today=sum(device_yield(r.device, r.today) for r in readings),
        month=sum(device_yield(r.device, r.month) for r in readings),
        year=sum(device_yield(r.device, r.year) for r in readings),
        total=sum(device_yield(r.device, r.total) for r in readings),
        readings=readings,
    )


def formula(call: Call, plant: Plant, name: str) -> float:
    """An environmental factor: updatePlant's value if one was saved, else the default."""
    saved = call.world.plant_extra.get(plant.plant_id, {}).get(name)
    try:
        return float(saved) if saved is not None else DEFAULT_FORMULAS[name]
    except ValueError:
        return DEFAULT_FORMULAS[name]


def standard_offset_hours(plant: Plant) -> float:
    """Growatt stores one integer zone per plant, without DST: the standard offset."""
    year = datetime.now().year
    offsets = []
    for month in (1, 7):
        offset = datetime(year, month, 1, tzinfo=plant.tz).utcoffset()
        offsets.append(offset.total_seconds() / 3600 if offset is not None else 0.0)
    return min(offsets)


def plant_timezone(call: Call, plant: Plant) -> int | float:
    saved = call.world.plant_extra.get(plant.plant_id, {}).get("timezone")
    hours = float(saved) if saved is not None else standard_offset_hours(plant)
    return int(hours) if hours == int(hours) else hours


def timezone_value(hours: float) -> str:
    """'+1:00', '-3:30'."""
    sign = "+" if hours >= 0 else "-"
    minutes = round(abs(hours) * 60)
    return f"{sign}{minutes // 60}:{minutes % 60:02d}"


def kw_short(watts: float) -> str:
    """kW with at most two decimals and no trailing zeros ("0.8", "5.48", "0")."""
    return f"{round(watts / 1000, 2):g}"


def kwp_text(watts: float) -> str:
    return f"{kw_short(watts)}kWp"


def battery_devices(call: Call, plant: Plant) -> list[Device]:
    return [d for d in call.world.devices_of(plant.plant_id) if d.has_battery]


# -- the plant bean (getAllPlantListTwo, getPlant, getUserCenterEnertyDataByPlantid) ---
def _storage_fields(call: Call, plant: Plant) -> dict[str, Any]:
    devices = battery_devices(call, plant)
    readings = [reading(call.world, d.serial, call.now) for d in devices]
    soc = readings[0].soc if readings else 0
    return {
        "storage_BattoryPercentage": soc,  # sic
        "storage_eChargeToday": round(sum(r.today.charge for r in readings), 1),
        "storage_eDisChargeToday": round(sum(r.today.discharge for r in readings), 1),
        "storage_TodayToGrid": round(sum(r.today.export for r in readings), 1),
        "storage_TodayToUser": round(sum(r.today.grid_import for r in readings), 1),
        "storage_TotalToGrid": round(sum(r.total.export for r in readings), 1),
        "storage_TotalToUser": round(sum(r.total.grid_import for r in readings), 1),
    }


def _money_fields(call: Call, plant: Plant, numbers: PlantFigures) -> dict[str, Any]:
    price = plant.price_per_kwh
    co2, coal = formula(call, plant, "formulaCo2"), formula(call, plant, "formulaCoal")
    so2, tree = formula(call, plant, "formulaSo2"), formula(call, plant, "formulaTree")
    return {
        "etodayMoney": round(numbers.today * price, 2),
        "etodayMoneyText": text(numbers.today * price),
        "etotalMoney": round(numbers.total * price, 2),
        "etotalMoneyText": text(numbers.total * price),
        "emonthMoneyText": text(numbers.month * price),
        "EYearMoneyText": text(numbers.year * price),
        "emonthCo2Text": text(numbers.month * co2),
        "emonthCoalText": text(numbers.month * coal),
        "emonthSo2Text": text(numbers.month * so2),
        "etodayCo2Text": text(numbers.today * co2),
        "etodayCoalText": text(numbers.today * coal),
        "etodaySo2Text": text(numbers.today * so2),
        "etotalCo2Text": text(numbers.total * co2),
        "etotalCoalText": text(numbers.total * coal),
        "etotalSo2Text": text(numbers.total * so2),
        "etotalFormulaTreeText": text(numbers.total * tree, 2),
        "formulaCo2": co2,
        "formulaCoal": coal,
        "formulaSo2": so2,
        "formulaTree": tree,
        "formulaMoney": price,
        "formulaMoneyStr": f"{price:g}",
        "formulaMoneyUnitId": plant.currency,
        "moneyUnitText": plant.currency_symbol,
        "fixedPowerPrice": price,
        "flatPeriodPrice": price,
        "peakPeriodPrice": price,
        "valleyPeriodPrice": price,
    }


def plant_bean(
    call: Call, plant: Plant, numbers: PlantFigures, *, epoch_ms_date: bool = False
) -> dict[str, Any]:
    """The plant bean of §4.3 (keys and types as the PR94 captures show them)."""
    created = datetime.combine(plant.created, time(), tzinfo=plant.tz)
    devices = call.world.devices_of(plant.plant_id)
    zone = plant_timezone(call, plant)
    bean: dict[str, Any] = {
        "id": plant.plant_id,
        "plantName": plant.name,
        "alias": "",
        "userAccount": plant.owner,
        "nominalPower": plant.nominal_power,
        "nominalPowerStr": kwp_text(plant.nominal_power),
        "currentPac": round(numbers.power_w / 1000, 2),  # kW, like currentPacStr
        "currentPacStr": f"{kw_short(numbers.power_w)}kW",
        "currentPacTxt": kw_short(numbers.power_w),
        "eToday": round(numbers.today, 1),
        "eTotal": round(numbers.total, 1),
        "energyMonth": round(numbers.month, 1),
        "energyYear": round(numbers.year, 1),
        "city": plant.city,
        "country": plant.country,
        "plantAddress": plant.address,
        "plant_lat": str(plant.latitude),
        "plant_lng": str(plant.longitude),
        "timezone": zone,
        "timezoneText": timezone_text(zone),
        "timezoneValue": timezone_value(zone),
        "createDate": int(created.timestamp() * 1000) if epoch_ms_date else java_date(created),
        "createDateText": plant.created.isoformat(),
        "createDateTextA": "",
        "deviceCount": len(devices),
        "hasDeviceOnLine": int(any(d.online for d in devices)),
        "hasStorage": int(bool(battery_devices(call, plant))),
        "status": 0,
        "plantType": plant.plant_type,
        "treeID": f"PLANT_{plant.plant_id}",
        "treeName": plant.name,
        "latitudeText": NO_COORDINATE,
        "longitudeText": NO_COORDINATE,
        "alarmValue": 0,
        "children": [],
        "companyName": "",
        "dataLogList": [],
        "defaultPlant": False,
        "designCompany": "0",
        "envTemp": 0,
        "eventMessBeanList": [],
        "gridCompany": "",
        "gridLfdi": "",
        "gridPort": "",
        "gridServerUrl": "",
        "imgPath": "css/img/plant.gif",
        "installMapName": "",
        "irradiance": 0,
        "isShare": False,
        "latitude_d": "",
        "latitude_f": "",
        "latitude_m": "",
        "level": 1,
        "locationImgName": "",
        "logoImgName": "",
        "longitude_d": "",
        "longitude_f": "",
        "longitude_m": "",
        "mapCity": "",
        "mapLat": "",
        "mapLng": "",
        "map_areaId": 0,
        "map_cityId": 0,
        "map_countryId": 0,
        "map_provinceId": 0,
        "onLineEnvCount": 0,
        "pairViewUserAccount": "",
        "panelTemp": 0,
        "paramBean": None,
        "parentID": "",
        "phoneNum": "",
        "plantFromBean": None,
        "plantImgName": "",
        "plantNmi": "",
        "prMonth": "",
        "prToday": "",
        "protocolId": "",
        "remark": "",
        "tempType": 0,
        "unitMap": None,
        "userBean": None,
        "windAngle": 0,
        "windSpeed": 0,
    }
    bean.update(_money_fields(call, plant, numbers))
    bean.update(_storage_fields(call, plant))
    return bean


# -- row 2: PlantListAPI.do ---------------------------------------------------------
@classic_route("PlantListAPI.do")
def plant_list(call: Call) -> Reply:
    """`{"back": {success, data, totalData}}` with the unit-switching strings of §4.1.
    A `userId` other than the session's own gets an empty list (no plants of theirs)."""
    account = call.account
    user_id = call.get("userId")
    plants = call.world.plants_of(account.username) if account is not None else []
    if account is not None and user_id is not None and user_id != str(account.user_id):
        plants = []
    rows, power, today, total, money = [], 0.0, 0.0, 0.0, 0.0
    co2 = 0.0
    storage = False
    for plant in plants:
        numbers = figures(call, plant)
        has_storage = bool(battery_devices(call, plant))
        plant_money = numbers.total * plant.price_per_kwh
        rows.append(
            {
                "plantId": str(plant.plant_id),
                "plantName": plant.name,
                "currentPower": power_text(numbers.power_w),
                "todayEnergy": energy_text(numbers.today),
                "totalEnergy": energy_text(numbers.total),
                "plantMoneyText": money_text(plant_money),
                "isHaveStorage": "true" if has_storage else "false",
            }
        )
        power, today, total = power + numbers.power_w, today + numbers.today, total + numbers.total
        money += plant_money
        co2 += numbers.total * formula(call, plant, "formulaCo2")
        storage = storage or has_storage
    # CO2Sum is kg labelled "T" (101.5 kWh → "40.6 T" in the capture): reproduced as is.
    totals = {
        "CO2Sum": co2_text(co2),
        "currentPowerSum": power_text(power),
        "eTotalMoneyText": money_text(money),
        "isHaveStorage": str(storage).lower(),
        "todayEnergySum": energy_text(today),
        "totalEnergySum": energy_text(total),
    }
    return back({"success": True, "data": rows, "totalData": totals})


# -- charts over a plant ---------------------------------------------------------------
def _period_yield(call: Call, plant: Plant, first: date, last: date) -> float:
    total = 0.0
    for device in plant_devices(call, plant):
        energy = call.world.model(device.serial).between(first, last, call.now)
        total += device_yield(device, energy)
    return total


def _parse_day(value: str | None, fallback: date) -> date | None:
    """'YYYY-MM-DD', 'YYYY-MM' (first of month) or 'YYYY' (1 January); None if garbage."""
    if value is None:
        return fallback
    found = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
    if found is None:
        return None
    year, month, day = (int(g) if g else 1 for g in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_days(call: Call, plant: Plant, anchor: date) -> dict[str, float]:
    days = calendar.monthrange(anchor.year, anchor.month)[1]
    out = {}
    for number in range(1, days + 1):
        day = anchor.replace(day=number)
        out[f"{number:02d}"] = _period_yield(call, plant, day, day)
    return out


def year_months(call: Call, plant: Plant, anchor: date) -> dict[str, float]:
    out = {}
    for month in range(1, 13):
        first = date(anchor.year, month, 1)
        last = first.replace(day=calendar.monthrange(anchor.year, month)[1])
        out[f"{month:02d}"] = _period_yield(call, plant, first, last)
    return out


def all_years(call: Call, plant: Plant) -> dict[str, float]:
    """Years since the plant was created (the scenario's pre-history is only in lifetime
    counters, so early years read 0)."""
    today = call.world.local_today(plant)
    return {
        str(year): _period_yield(call, plant, date(year, 1, 1), date(year, 12, 31))
        for year in range(plant.created.year, today.year + 1)
    }


def day_points(call: Call, plant: Plant, day: date) -> dict[str, float]:
    """Plant power (W) of each finished 5-minute slot of a local day, keyed 'HH:MM'."""
    points: dict[str, float] = {}
    for device in plant_devices(call, plant):
        column = "ac_out" if device.family == "inverter" else "pv"
        for label, series, index in day_chart(call.world, device.serial, day, call.now):
            points[label] = points.get(label, 0.0) + getattr(series, column)[index]
    return points


# -- row 3: PlantDetailAPI.do -------------------------------------------------------
@classic_route("PlantDetailAPI.do")
def plant_detail(call: Call) -> Reply:
    """`type` per the PR94 capture (§4.2, §11 q3): 1 = the days of the month of `date`
    ("01".."31", kWh), 2 = the months of its year, 3 and 4 = every year of the plant.
    0 (the library's `Timespan.hour`, undocumented) = the day's 5-minute power in W,
    keyed "HH:MM" as the third-party note describes. `currentEnergy` is the period's sum."""
    plant = own_plant(call, call.get("plantId"))
    if plant is None:
        return back({"success": False, "msg": "501"})
    kind = call.get("type") or "1"
    anchor = _parse_day(call.get("date"), call.world.local_today(plant))
    if anchor is None or kind not in ("0", "1", "2", "3", "4"):
        return back({"success": False, "msg": "501"})
    if kind == "0":
        watts = day_points(call, plant, anchor)
        series = {k: text(v) for k, v in watts.items()}
        period = sum(watts.values()) * 5 / 60 / 1000
    else:
        values = (
            month_days(call, plant, anchor)
            if kind == "1"
            else year_months(call, plant, anchor)
            if kind == "2"
            else all_years(call, plant)
        )
        series = {k: text(v) for k, v in values.items()}
        period = sum(values.values())
    plant_data = {
        "plantId": str(plant.plant_id),
        "plantName": plant.name,
        "currentEnergy": energy_text(period),
        "plantMoneyText": money_text(period * plant.price_per_kwh),
    }
    return back({"success": True, "plantData": plant_data, "data": series})


# -- row 4: getAllPlantListTwo ------------------------------------------------------
@classic_route("newTwoPlantAPI.do", "getAllPlantListTwo")
def plant_list_two(call: Call) -> Reply:
    """`{"PlantList": [plant bean]}`; the paging and filter fields are accepted and
    honoured loosely (a `plantName` filter matches a substring)."""
    wanted = (call.get("plantName") or "").lower()
    plants = call.world.plants_of(call.account.username) if call.account is not None else []
    beans = [
        plant_bean(call, plant, figures(call, plant))
        for plant in plants
        if wanted in plant.name.lower()
    ]
    return json_reply({"PlantList": beans})


# -- rows 5 and 7: device lists ---------------------------------------------------------
DEVICE_TYPE = {
    "inverter": "inverter",
    "tlx": "tlx",
    "mix": "mix",
    "storage": "storage",
    "spa": "spa",
    "bat": "bat",
    "noah": "noah",
}


def device_status(item: Reading) -> str:
    """'-1' lost, '0' standby (no sun, no battery flow), '1' online (§4.5)."""
    if not item.online:
        return "-1"
    if item.producing or item.charge or item.discharge:
        return "1"
    return "0"


def device_entry(call: Call, device: Device, *, with_plant: bool) -> dict[str, Any]:
    """One `deviceList`/`invList` entry (§4.5), `deviceAilas` sic."""
    item = reading(call.world, device.serial, call.now)
    if device.family == "bat":
        power, today, total = (
            item.discharge - item.charge,
            item.today.discharge,
            item.total.discharge,
        )
    else:
        power = yield_power(device, item)
        today, total = device_yield(device, item.today), device_yield(device, item.total)
    entry: dict[str, Any] = {
        "deviceSn": device.serial,
        "deviceAilas": device.alias,
        "deviceType": DEVICE_TYPE[device.family],
        "deviceStatus": device_status(item),
        "datalogSn": device.datalogger,
        "power": text(power),
        "powerStr": f"{kw_short(power)}kW",
        "eToday": text(today),
        "eTodayStr": f"{text(today)}kWh",
        "energy": text(total),
        "lost": not device.online,
        "location": "",
        "type": 0,
        # type2 "5" is what a NEO/MIN (tlx) reports in the capture; other families 0.
        "type2": "5" if device.family == "tlx" else "0",
        "isParallel": "false",
        "bMerterConnectFlag": 0,
        "bdc1Soc": item.soc if device.family in ("tlx", "bat") else 0,
        "bdc2Soc": 0,
        "prePto": "-1",
        "xe_ct": "0",
    }
    if device.has_battery or device.family == "bat":
        entry["capacity"] = f"{item.soc} %"
    if with_plant:
        entry["plantId"] = device.plant_id
    return entry


def datalog_entries(call: Call, plant: Plant) -> list[dict[str, Any]]:
    loggers: dict[str, bool] = {}
    for device in call.world.devices_of(plant.plant_id):
        loggers[device.datalogger] = loggers.get(device.datalogger, False) or device.online
    now = stamp(call.world.local_now(plant))
    entries = []
    for serial, online in loggers.items():
        entries.append(
            {
                "alias": serial,
                "datalog_sn": serial,
                "device_type": "ShineWeFi",
                "deviceTypeIndicate": "55",
                "type": "55",
                "lost": not online,
                "update_interval": "5",
                "update_time": now,
                "client_url": "/10.10.0.100:12345",
                "isGprs4G": "0",
                "keys": ["Signal", "Connection Status", "Last Update", "Data Update Interval"],
                "values": [
                    "Good" if online else "Poor",
                    "Online" if online else "Offline",
                    now,
                    "5",
                ],
                "meter": {},
                "simInfo": None,
                "unit_id": "",
                "lfdi": "0",
            }
        )
    return entries


def _split_lists(call: Call, plant: Plant) -> dict[str, list[dict[str, Any]]]:
    """Which list each device lands in (§4.4, §7). Noah never appears: clients discover
    it through isPlantNoahSystem (§7, open question §11 q7).

    In the default layout a plant with a TLX device has an empty `deviceList` (the only
    captures are TLX plants, §4.4): clients then fall back to getAllDeviceList, which
    lists every device, so no device of a mixed plant goes missing.
    """
    layout = call.world.config.device_list_layout
    devices = call.world.devices_of(plant.plant_id)
    tlx_plant = any(d.family == "tlx" for d in devices)
    lists: dict[str, list[dict[str, Any]]] = {
        name: []
        for name in (
            "deviceList",
            "invList",
            "batList",
            "boostList",
            "chargerList",
            "meterList",
            "ogbList",
            "pidList",
            "sphList",
            "storageList",
            "witList",
        )
    }
    for device in devices:
        if device.family == "noah":
            continue
        entry = device_entry(call, device, with_plant=True)
        own_list = {
            "inverter": "invList",
            "tlx": "invList",
            "bat": "batList",
            "mix": "sphList",
            "storage": "storageList",
        }.get(device.family)
        if own_list is not None:
            lists[own_list].append(entry)
        in_device_list = layout is DeviceListLayout.ALL_IN_DEVICELIST or not tlx_plant
        if in_device_list:
            lists["deviceList"].append(entry)
    return lists


def _plant_storage_flow(call: Call, plant: Plant) -> dict[str, str]:
    readings = [reading(call.world, d.serial, call.now) for d in battery_devices(call, plant)]
    grid = sum(r.export - r.grid_import for r in readings)
    return {
        "storagePgrid": text(grid),
        "storagePuser": text(-grid),
        "storageTodayPpv": text(sum(r.ppv for r in readings)),
        "todayDischarge": text(sum(r.today.discharge for r in readings)),
        "useEnergy": text(sum(r.today.load for r in readings)),
    }


@classic_route("newTwoPlantAPI.do", "getAllDeviceListTwo")
def device_list_two(call: Call) -> Reply:
    """Row 5, flat (§4.4). `plantMoneyText` is today's money "0.1/€" (exactly one '/')."""
    plant = own_plant(call, call.get("plantId"))
    if plant is None:
        return fail_501()
    numbers = figures(call, plant)
    price = plant.price_per_kwh
    body: dict[str, Any] = dict(_split_lists(call, plant))
    body.update(
        {
            "datalogList": datalog_entries(call, plant),
            "Co2Reduction": text(numbers.total * formula(call, plant, "formulaCo2"), 2),
            "todayEnergy": text(numbers.today),
            "totalEnergy": text(numbers.total),
            "invTodayPpv": text(numbers.power_w),
            "nominalPower": plant.nominal_power,
            "nominal_Power": plant.nominal_power,
            "plantMoneyText": f"{text(numbers.today * price)}/{plant.currency_symbol}",
            "totalMoneyText": text(numbers.total * price, 2),
            "isHaveOptimizer": 0,
            "optimizerType": 0,
            "ammeterType": "0",
            "isHavePumper": "0",
        }
    )
    body.update(_plant_storage_flow(call, plant))
    return json_reply(body)


@classic_route("newTwoPlantAPI.do", "getAllDeviceList")
def device_list(call: Call) -> Reply:
    """Row 7: every device of the plant in `deviceList`, TLX and battery packs included
    (the library's fallback for TLX plants). Noah is left out, as in row 5."""
    plant = own_plant(call, call.get("plantId"))
    if plant is None:
        return fail_501()
    entries = [
        device_entry(call, d, with_plant=False)
        for d in call.world.devices_of(plant.plant_id)
        if d.family != "noah"
    ]
    return json_reply({"deviceList": entries})


# -- row 9: getUserCenterEnertyDataByPlantid ----------------------------------------
def _weather(call: Call, plant: Plant, numbers: PlantFigures) -> dict[str, Any]:
    temperatures = [r.temperature for r in numbers.readings] or [15.0]
    sunny = numbers.power_w > 0.2 * plant.nominal_power
    temperature = round(min(temperatures) - 4)
    return {
        "cond_code": "100" if sunny else "101",
        "cond_txt": "Sunny" if sunny else "Cloudy",
        "msg": "",
        "newTmp": f"{temperature:.1f}°C",
        "success": True,
        "tmp": str(temperature),
    }


@classic_route("newTwoPlantAPI.do", "getUserCenterEnertyDataByPlantid")
def plant_energy_data(call: Call) -> Reply:
    plant = own_plant(call, call.get("plantId"))
    if plant is None:
        return fail_501()
    numbers = figures(call, plant)
    co2, coal = formula(call, plant, "formulaCo2"), formula(call, plant, "formulaCoal")
    tree = formula(call, plant, "formulaTree")
    body: dict[str, Any] = {
        "alarmValue": 0,
        "eventMessBeanList": [],
        "isHaveTigo": 0,
        "optimezerMap": {"isHaveOptimezer": 0},
        "plantNumber": 1,
    }
    for name, value in (
        ("today", numbers.today),
        ("month", numbers.month),
        ("year", numbers.year),
        ("total", numbers.total),
    ):
        body[f"{name}Str"] = f"{text(value)}kWh"
        body[f"{name}Value"] = f"{value:.1f}"
    body.update(
        {
            "formulaCo2Str": f"{text(numbers.total * co2)}kg",
            "formulaCo2Vlue": f"{numbers.total * co2:.1f}",  # sic
            "formulaCoalStr": f"{text(numbers.total * coal)}kg",
            "formulaCoalValue": f"{numbers.total * coal:.1f}",
            "treeStr": str(round(numbers.total * tree)),
            "treeValue": f"{numbers.total * tree:.1f}",
            "nominalPowerStr": kwp_text(plant.nominal_power),
            "nominalPowerValue": f"{float(plant.nominal_power):.1f}",
            "powerValue": f"{numbers.power_w:.1f}",
            "powerValueStr": f"{kw_short(numbers.power_w)}kW",
            "weatherMap": _weather(call, plant, numbers),
            "plantBean": plant_bean(call, plant, numbers, epoch_ms_date=True),
        }
    )
    return json_reply(body)


# -- row 10: getPlant -----------------------------------------------------------------
@classic_route("newPlantAPI.do", "getPlant")
def plant_settings(call: Call) -> Reply:
    """The flat plant bean plus `unitMap`: everything the updatePlant form is built from."""
    plant = own_plant(call, call.get("plantId"))
    if plant is None:
        return fail_501()
    bean = plant_bean(call, plant, figures(call, plant))
    bean["unitMap"] = dict(UNIT_MAP)
    return json_reply(bean)


# -- row 11: updatePlant ----------------------------------------------------------------
UPDATE_FIELDS = (
    "plantCoal",
    "plantSo2",
    "accountName",
    "plantID",
    "plantFirm",
    "plantCountry",
    "plantType",
    "plantIncome",
    "plantAddress",
    "plantTimezone",
    "plantLng",
    "plantCity",
    "plantCo2",
    "plantMoney",
    "plantPower",
    "plantLat",
    "plantDate",
    "plantName",
)


class BadFieldError(ValueError):
    pass


def _number(form: dict[str, str], name: str, low: float, high: float) -> float:
    try:
        value = float(form[name])
    except ValueError as err:
        raise BadFieldError(name) from err
    if not low <= value <= high:
        raise BadFieldError(name)
    return value


def _plant_changes(form: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """Plant attributes and echoed extras from the 18 form fields; BadFieldError if any is
    missing or unreadable (the docs say the server errors then, §5.6)."""
    missing = [name for name in UPDATE_FIELDS if name not in form]
    if missing or not form["plantName"].strip():
        raise BadFieldError(",".join(missing) or "plantName")
    try:
        created = date.fromisoformat(form["plantDate"])
    except ValueError as err:
        raise BadFieldError("plantDate") from err
    currency = form["plantMoney"].strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise BadFieldError("plantMoney")
    changes: dict[str, Any] = {
        "name": form["plantName"].strip(),
        "city": form["plantCity"],
        "country": form["plantCountry"],
        "address": form["plantAddress"],
        "latitude": _number(form, "plantLat", -90, 90),
        "longitude": _number(form, "plantLng", -180, 180),
        "nominal_power": int(_number(form, "plantPower", 1, 1e9)),
        "price_per_kwh": _number(form, "plantIncome", 0, 1e6),
        "currency": currency,
        "currency_symbol": CURRENCY_SYMBOLS.get(currency, currency),
        "created": created,
        "plant_type": int(_number(form, "plantType", 0, 99)),
    }
    extras = {
        "formulaCo2": format(_number(form, "plantCo2", 0, 1e3), "g"),
        "formulaCoal": format(_number(form, "plantCoal", 0, 1e3), "g"),
        "formulaSo2": format(_number(form, "plantSo2", 0, 1e3), "g"),
        # The integer zone is stored as sent and shown back; the IANA zone the physics
        # runs on stays (a bare offset cannot say when DST applies).
        "timezone": format(_number(form, "plantTimezone", -12, 14), "g"),
        "plantFirm": form["plantFirm"],
    }
    return changes, extras


def _update_answer(success: bool, msg: str = "") -> Reply:
    """The answer shape is unknown (§4.14); the sibling op updAllDevice of the same servlet
    answers `{"success": ...}` (§9), so this does too."""
    return json_reply(
        {"success": success, "msg": msg}, outcome="ok" if success else f"rejected:{msg}"
    )


@classic_route("newTwoPlantAPI.do", "updatePlant")
def update_plant(call: Call) -> Reply:
    plant = own_plant(call, call.get("plantID") or call.get("plantId"))
    if plant is None:
        call.world.counters.rejected_writes += 1
        return _update_answer(False, "501")
    form = {name: value for name in UPDATE_FIELDS if (value := call.raw(name)) is not None}
    try:
        changes, extras = _plant_changes(form)
    except BadFieldError:
        call.world.counters.rejected_writes += 1
        return _update_answer(False, "501")
    if form["accountName"] != plant.owner:
        call.world.counters.rejected_writes += 1
        return _update_answer(False, "501")
    world = call.world

    def apply() -> None:
        world.update_plant(plant.plant_id, changes)
        world.plant_extra.setdefault(plant.plant_id, {}).update(extras)
        world.counters.writes += 1

    if world.settle_write(str(plant.plant_id), apply):
        return _update_answer(True)
    return _update_answer(False, "501")


# -- row 12: getEnergyStorageData -------------------------------------------------------
# The mix dashboard: it sums the storage-type devices (mix, spa, storage) of the plant.
# A TLX-only plant gets zeros, which is what the library docstring reports (§4.8).
DASHBOARD_FAMILIES = ("mix", "spa", "storage")
KEY_NAMES = ["Solar", "Load Consumption", "Export To Grid", "From Battery"]


def _ratio(part: float, whole: float) -> str:
    return f"{part / whole * 100:.1f}%" if whole > 0 else "0%"


def _kwh(value: float) -> str:
    return f"{text(value)}kWh"


def dashboard_totals(energy: Energy, lifetime_charge: float) -> dict[str, Any]:
    """The energy split of the dashboard. Derived from the capture's arithmetic:
    eCharge = eChargeToday1 + eAcCharge, elocalLoad = eChargeToday2 + etouser,
    eChargeToday2 = echarge1 + eChargeToday2Echarge1, ratios pairwise of those."""
    produced = energy.pv
    exported = min(energy.export, produced)
    used_on_site = produced - exported
    load = energy.load
    from_grid = min(energy.grid_import, load)
    own_supply = load - from_grid
    from_battery = min(energy.discharge, own_supply)
    solar_direct = own_supply - from_battery
    return {
        "eCharge": _kwh(produced),
        "eChargeToday1": _kwh(used_on_site),
        "eAcCharge": _kwh(exported),
        "elocalLoad": _kwh(load),
        "etouser": _kwh(from_grid),
        "eChargeToday2": _kwh(own_supply),
        "echarge1": _kwh(from_battery),
        "eChargeToday2Echarge1": _kwh(solar_direct),
        "photovoltaic": _kwh(solar_direct),
        "echargeToat": _kwh(lifetime_charge),  # sic; the lifetime battery charge
        "ratio1": _ratio(used_on_site, produced),
        "ratio2": _ratio(exported, produced),
        "ratio3": _ratio(own_supply, load),
        "ratio4": _ratio(from_grid, load),
        "ratio5": _ratio(from_battery, own_supply),
        "ratio6": _ratio(solar_direct, own_supply),
        "keyNames": list(KEY_NAMES),
    }


def _day_chart(call: Call, devices: list[Device], day: date) -> dict[str, dict[str, str]]:
    sums: dict[str, list[float]] = {}
    for device in devices:
        for label, series, index in day_chart(call.world, device.serial, day, call.now):
            row = sums.setdefault(label, [0.0, 0.0, 0.0, 0.0])
            row[0] += series.grid_import[index]
            row[1] += series.pv[index]
            row[2] += series.ac_out[index]
            row[3] += series.load[index]
    return {
        label: {
            "pacToUser": kw_short(v[0]),
            "ppv": kw_short(v[1]),
            "sysOut": kw_short(v[2]),
            "userLoad": kw_short(v[3]),
        }
        for label, v in sums.items()
    }


def _period(kind: str, anchor: date, plant: Plant, call: Call) -> tuple[date, date]:
    if kind == "1":
        return anchor.replace(day=1), anchor.replace(
            day=calendar.monthrange(anchor.year, anchor.month)[1]
        )
    if kind == "2":
        return date(anchor.year, 1, 1), date(anchor.year, 12, 31)
    if kind == "3":
        return plant.created, call.world.local_today(plant)
    return anchor, anchor


@classic_route("newPlantAPI.do", "getEnergyStorageData")
def dashboard_data(call: Call) -> Reply:
    """Row 12 (`action=`), flat, all strings with units (§4.8). type 0 = the day's
    5-minute chart keyed "HH:MM" in kW; 1/2/3 = month/year/lifetime totals with the
    chart left empty (their chart shape is undocumented, §11 q8)."""
    plant = own_plant(call, call.get("plantId"))
    if plant is None:
        return fail_501()
    kind = call.get("type") or "0"
    anchor = _parse_day(call.get("date"), call.world.local_today(plant))
    if anchor is None or kind not in ("0", "1", "2", "3"):
        return fail_501()
    devices = [d for d in call.world.devices_of(plant.plant_id) if d.family in DASHBOARD_FAMILIES]
    first, last = _period(kind, anchor, plant, call)
    energy, lifetime_charge = Energy(), 0.0
    for device in devices:
        model = call.world.model(device.serial)
        energy = energy + model.between(first, last, call.now)
        lifetime_charge += model.lifetime(call.now).charge
    body: dict[str, Any] = {
        "chartData": _day_chart(call, devices, anchor) if kind == "0" else {},
        "chartDataUnit": "kW",
    }
    body.update(dashboard_totals(energy, lifetime_charge))
    return json_reply(body)


# -- §9 extra: newPlantDetailAPI.do ---------------------------------------------------
@classic_route("newPlantDetailAPI.do")
def plant_power_chart(call: Call) -> Reply:
    """type 1 = the day's 5-minute power (W) keyed "YYYY-MM-DD HH:MM", 2 = days of the
    month, 3 = months of the year, 4 = years (kWh) — §4.2 last paragraph, §9."""
    plant = own_plant(call, call.get("plantId"))
    if plant is None:
        return back({"success": False, "msg": "501"})
    kind = call.get("type") or "1"
    anchor = _parse_day(call.get("date"), call.world.local_today(plant))
    if anchor is None or kind not in ("1", "2", "3", "4"):
        return back({"success": False, "msg": "501"})
    if kind == "1":
        values = {
            f"{anchor.isoformat()} {k}": v for k, v in day_points(call, plant, anchor).items()
        }
    elif kind == "2":
        values = {f"{anchor:%Y-%m}-{k}": v for k, v in month_days(call, plant, anchor).items()}
    elif kind == "3":
        values = {f"{anchor:%Y}-{k}": v for k, v in year_months(call, plant, anchor).items()}
    else:
        values = all_years(call, plant)
    return back({"success": True, "data": {k: text(v) for k, v in values.items()}})
