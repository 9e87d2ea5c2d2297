"""Classic handlers: the Noah balcony battery, shinephone-api.md §3 rows 34–37, §4.13, §5.7.

Every answer uses the `{"msg": "", "result": 1, "obj": ...}` envelope. Failures keep it
with `result` 0: msg "501" for an unknown or foreign serial/plant (the app-wide code, §8)
and "inv_set_failure" for a rejected setting (the i18n key settings writes use, §4.14);
the real failure texts are unknown. Values are plain numeric strings, as the Noah/Nexa
client NMQ models them (§4.13, §11 q7).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import formats
from ..readings import Reading, reading
from ..routing import Call, Reply, classic_route
from ..scenario import Device, Plant
from ..settings_state import SEGMENTS_NOAH, hm_to_minutes
from .common import noah_reply, own_device, own_plant

NOAH_PATH = "noahDeviceApi/noah/"
NOAH_MAX_OUTPUT_W = 800  # the balcony limit Noah/Nexa output is set within (§5.7 Nexa 0–800 W)
SOC_HIGH_RANGE = (70, 100)  # NMQ clamps the upper charge limit to 70–100 % (§5.7)
SOC_LOW_RANGE = (0, 30)  # ... and the lower one to 0–30 %
SET_FAILURE = "inv_set_failure"


@dataclass(frozen=True, slots=True)
class Currency:
    key: str  # unitList key
    text: str  # unitList value, noah.moneyUnitText
    code: str  # Plant.currency
    symbol: str


CURRENCIES = (
    Currency("Euro", "euro", "EUR", "€"),
    Currency("DOLLAR", "dollar", "USD", "$"),
    Currency("POUND", "pound", "GBP", "£"),
    Currency("AUD", "aud", "AUD", "$"),
    Currency("RMB", "rmb", "CNY", "¥"),
)


def currency_of(plant: Plant) -> Currency:
    return next((c for c in CURRENCIES if c.code == plant.currency), CURRENCIES[0])


def not_found() -> Reply:
    return noah_reply(None, result=0, msg="501")


def noah_of(call: Call, *names: str) -> Device | None:
    serial = next((call.get(n) for n in names if call.get(n) is not None), None)
    return own_device(call, serial, "noah")


# -- row 34: isPlantNoahSystem -----------------------------------------------------------
@classic_route(NOAH_PATH + "isPlantNoahSystem")
def is_plant_noah_system(call: Call) -> Reply:
    """isPlantHaveNoah: the plant has a Noah; isPlantNoahSystem: it has nothing else."""
    plant = own_plant(call, call.get("plantId"))
    if plant is None:
        return not_found()
    devices = call.world.devices_of(plant.plant_id)
    noahs = [d for d in devices if d.family == "noah"]
    return noah_reply(
        {
            "plantId": str(plant.plant_id),
            "plantName": plant.name,
            "deviceSn": noahs[0].serial if noahs else "",
            "isPlantNoahSystem": bool(noahs) and len(noahs) == len(devices),
            "isPlantHaveNoah": bool(noahs),
            "isPlantHaveNexa": False,
        }
    )


# -- row 35: getSystemStatus -------------------------------------------------------------
def work_mode(call: Call, device: Device, now: Reading) -> str:
    """0 load first / 1 battery first: the enabled segment in force, else the default."""
    settings = call.world.settings(device.serial)
    local = now.at.astimezone(now.plant.tz)
    minute = local.hour * 60 + local.minute
    for i in range(1, SEGMENTS_NOAH + 1):
        if settings.get(f"segment{i}Enable") != "1":
            continue
        start = hm_to_minutes(settings.get(f"segment{i}Start", "0:0"))
        end = hm_to_minutes(settings.get(f"segment{i}End", "0:0"))
        inside = start <= minute < end if start <= end else (minute >= start or minute < end)
        if start != end and inside:
            return settings.get(f"segment{i}Mode", "0")
    return settings.get("defaultMode", "0")


def noah_status(now: Reading) -> str:
    """NMQ: "1" online, "-1" offline ("5" heating is not simulated)."""
    return "1" if now.online else "-1"


@classic_route(NOAH_PATH + "getSystemStatus")
def noah_system_status(call: Call) -> Reply:
    device = noah_of(call, "deviceSn", "serialNum")
    if device is None:
        return not_found()
    now = reading(call.world, device.serial, call.now)
    plant = now.plant
    text = formats.text
    return noah_reply(
        {
            "chargePower": text(now.charge),
            "disChargePower": text(now.discharge),
            "pac": text(now.pac),
            "ppv": text(now.ppv),
            "soc": text(now.soc, 0),
            "workMode": work_mode(call, device, now),
            "batteryNum": "1",
            "eacToday": text(now.today.ac_out),
            "eacTotal": text(now.total.ac_out),
            "profitToday": text(now.today.ac_out * plant.price_per_kwh),
            "profitTotal": text(now.total.ac_out * plant.price_per_kwh),
            "moneyUnit": plant.currency_symbol,
            "plantId": str(plant.plant_id),
            "alias": device.alias,
            "associatedInvSn": "",
            "status": noah_status(now),
        }
    )


# -- row 36: getNoahInfoBySn -------------------------------------------------------------
def time_segments(settings: dict[str, str]) -> dict[str, str]:
    """ "mode_H:M_H:M_powerW" per configured segment (§4.13); unused slots are left out so
    a client picks the next free number for a new one (§5.7). The format has no enable
    field, so a disabled segment still shows."""
    segments = {}
    for i in range(1, SEGMENTS_NOAH + 1):
        start, end = settings[f"segment{i}Start"], settings[f"segment{i}End"]
        if start == end and settings[f"segment{i}Enable"] != "1":
            continue
        segments[f"time_segment{i}"] = (
            f"{settings[f'segment{i}Mode']}_{start}_{end}_{settings[f'segment{i}Power']}"
        )
    return segments


def noah_bean(call: Call, device: Device, plant: Plant) -> dict[str, Any]:
    s = call.world.settings(device.serial)
    return {
        "time_segment": time_segments(s),
        "batSns": [f"{device.serial}B1"],
        "associatedInvSn": None,
        "plantId": plant.plant_id,
        "chargingSocHighLimit": s["chargingSocHighLimit"],
        "chargingSocLowLimit": s["chargingSocLowLimit"],
        "defaultPower": s["defaultPower"],
        "defaultMode": s["defaultMode"],
        "allowGridCharging": s["allowGridCharging"],
        "version": "11.10.09.07.5001",
        "deviceSn": device.serial,
        "formulaMoney": formats.text(plant.price_per_kwh, 2),
        "alias": device.alias,
        "model": device.model,
        "plantName": plant.name,
        "tempType": "0",
        "moneyUnitText": currency_of(plant).text,
    }


@classic_route(NOAH_PATH + "getNoahInfoBySn")
def noah_info(call: Call) -> Reply:
    device = noah_of(call, "deviceSn", "serialNum")
    if device is None:
        return not_found()
    plant = call.world.scenario.plant(device.plant_id)
    plants = [
        {"plantId": p.plant_id, "plantImgName": None, "plantName": p.name}
        for p in call.world.plants_of(plant.owner)
    ]
    return noah_reply(
        {
            "neoList": [],
            "unitList": {c.key: c.text for c in CURRENCIES},
            "noah": noah_bean(call, device, plant),
            "plantList": plants,
        }
    )


# -- row 37: set -------------------------------------------------------------------------
class NoahSetError(ValueError):
    """A Noah setting the server refuses."""


def param(call: Call, index: int) -> str:
    value = call.get(f"param{index}")
    if value is None:
        raise NoahSetError(f"param{index} missing")
    return value.strip()


def whole(call: Call, index: int, low: int, high: int) -> str:
    text = param(call, index)
    if not text.isdigit() or not low <= int(text) <= high:
        raise NoahSetError(f"param{index}={text!r} outside {low}..{high}")
    return str(int(text))


def set_default_power(call: Call, _device: Device) -> dict[str, str]:
    return {"defaultPower": whole(call, 1, 0, NOAH_MAX_OUTPUT_W)}


def set_charging_soc(call: Call, _device: Device) -> dict[str, str]:
    return {
        "chargingSocHighLimit": whole(call, 1, *SOC_HIGH_RANGE),
        "chargingSocLowLimit": whole(call, 2, *SOC_LOW_RANGE),
    }


def set_segment(index: int, call: Call) -> dict[str, str]:
    """mode 0/1, start HH MM, end HH MM, power W, enable 0/1 (§5.7)."""
    start = f"{whole(call, 2, 0, 23)}:{whole(call, 3, 0, 59)}"
    end = f"{whole(call, 4, 0, 23)}:{whole(call, 5, 0, 59)}"
    return {
        f"segment{index}Mode": whole(call, 1, 0, 1),
        f"segment{index}Start": start,
        f"segment{index}End": end,
        f"segment{index}Power": whole(call, 6, 0, NOAH_MAX_OUTPUT_W),
        f"segment{index}Enable": whole(call, 7, 0, 1),
    }


def segment_index(kind: str) -> int | None:
    suffix = kind.removeprefix("time_segment")
    if suffix == kind or not suffix.isdigit() or not 1 <= int(suffix) <= SEGMENTS_NOAH:
        return None
    return int(suffix)


def plant_money(call: Call, device: Device) -> tuple[Plant, dict[str, Any]]:
    """updatePlantMoney: plantId, price per kWh, unit (a unitList key or value)."""
    plant = own_plant(call, param(call, 1))
    if plant is None or plant.plant_id != device.plant_id:
        raise NoahSetError("plant not the Noah's")
    price_text = param(call, 2)
    try:
        price = float(price_text)
    except ValueError as err:
        raise NoahSetError(f"price {price_text!r}") from err
    if not 0 <= price < 100:
        raise NoahSetError(f"price {price_text!r} out of range")
    unit = param(call, 3)
    currency = next((c for c in CURRENCIES if unit in (c.key, c.text)), None)
    if currency is None:
        raise NoahSetError(f"unit {unit!r} not in unitList")
    return plant, {
        "price_per_kwh": price,
        "currency": currency.code,
        "currency_symbol": currency.symbol,
    }


def rejected(call: Call, reason: str) -> Reply:
    call.world.counters.rejected_writes += 1
    reply = noah_reply(None, result=0, msg=SET_FAILURE)
    reply.outcome = f"rejected:{SET_FAILURE}:{reason}"
    return reply


def answer_write(call: Call, device: Device, apply: Callable[[], None]) -> Reply:
    """Apply as `write_outcome` says; "error-but-apply" answers the failure although the
    change is made, "reject" answers it and changes nothing."""
    if call.world.settle_write(device.serial, apply):
        return noah_reply(None)
    return noah_reply(None, result=0, msg=SET_FAILURE)


@classic_route(NOAH_PATH + "set")
def noah_set(call: Call) -> Reply:
    device = noah_of(call, "serialNum", "deviceSn")
    if device is None:
        return not_found()
    kind = call.get("type") or ""
    world = call.world
    try:
        if kind == "updatePlantMoney":
            plant, changes = plant_money(call, device)
            return answer_write(call, device, lambda: world.update_plant(plant.plant_id, changes))
        index = segment_index(kind)
        if index is not None:
            settings = set_segment(index, call)
        elif kind == "default_power":
            settings = set_default_power(call, device)
        elif kind == "charging_soc":
            settings = set_charging_soc(call, device)
        else:
            raise NoahSetError(f"unknown type {kind!r}")
    except NoahSetError as problem:
        return rejected(call, str(problem))
    return answer_write(call, device, lambda: world.write_settings(device.serial, settings))
