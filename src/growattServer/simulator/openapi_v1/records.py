"""5-minute device records (the latest one and history rows) for MIN and SPH.

`tlx_last_data` and every `tlx_data.datas[]` row share one key set (§7.9), and so do
`mix_last_data` and `mix_data.datas[]` (§7.11); both are rendered from the same
`Reading` the classic API formats, so the two APIs agree for a device and an instant.
Units: powers W, energies kWh, voltages V, currents A, temperatures °C (§7.9).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .. import formats
from ..physics import SLOTS_PER_DAY, DaySeries
from ..readings import Reading, reading_from_slot, round_kwh, slot_end
from ..routing import Call, Reply
from ..scenario import Device
from ..world import World
from .envelope import Page, fail, ok, paging, parse_day

MAX_HISTORY_DAYS = 7  # §2 row 9: end − start ≤ 7 days (GS rule; GPA uses < 7, §9 q4)


@dataclass(frozen=True, slots=True)
class Slot:
    """One finished 5-minute slot of a device and what it reported."""

    series: DaySeries
    index: int
    now: Reading

    @property
    def grid_charge_w(self) -> float:
        return round(self.series.grid_charge[self.index], 1)


def latest_slot(world: World, device: Device) -> Slot:
    model = world.model(device.serial)
    series, index = model.latest(world.now())
    return slot_at(world, device, series, index)


def slot_at(world: World, device: Device, series: DaySeries, index: int) -> Slot:
    plant = world.scenario.plant(device.plant_id)
    end = slot_end(plant, series.day, index)
    return Slot(series, index, reading_from_slot(world, device, plant, series, index, end))


def kwh(value: float) -> float:
    return round_kwh(value)


def string_shares(device: Device) -> list[float]:
    """How PV splits over the strings (the same weights the live readings use)."""
    count = max(1, device.pv_strings)
    weights = [1.0 + 0.12 * (i % 2) for i in range(count)]
    total = sum(weights)
    return [w / total for w in weights]


def pv_strings(now: Reading, count: int) -> dict[str, float]:
    values: dict[str, float] = {}
    shares = string_shares(now.device)
    for i in range(1, count + 1):
        string = now.strings[i - 1] if i <= len(now.strings) else None
        values[f"vpv{i}"] = string.voltage if string else 0.0
        values[f"ipv{i}"] = string.current if string else 0.0
        values[f"ppv{i}"] = string.power if string else 0.0
        share = shares[i - 1] if i <= len(shares) else 0.0
        values[f"epv{i}Today"] = kwh(now.today.pv * share)
        values[f"epv{i}Total"] = kwh(now.total.pv * share)
    return values


def java_calendar(moment: datetime) -> dict[str, Any]:
    """The slice of a serialised java.util.Calendar the records carry (§7.9)."""
    return {
        "timeInMillis": int(moment.timestamp() * 1000),
        "time": formats.java_date(moment),
        "firstDayOfWeek": 1,
        "lenient": True,
        "minimalDaysInFirstWeek": 1,
    }


def tlx_record(slot: Slot, zone: tzinfo | None = None) -> dict[str, Any]:
    """A MIN record (§7.9 keys plus the TLX keys Home Assistant reads)."""
    now = slot.now
    device = now.device
    at = now.at.astimezone(zone) if zone else now.at
    battery = device.has_battery
    today, total = now.today, now.total
    self_power = max(0.0, now.load - now.grid_import - now.discharge)
    record: dict[str, Any] = {
        "serialNum": device.serial,
        "dataLogSn": device.datalogger,
        "time": formats.stamp(at),
        "status": 1 if device.online else -1,
        "statusText": "Normal" if device.online else "Lost",
        "lost": not device.online,
        "ppv": now.ppv,
        **pv_strings(now, 4),
        "pac": now.pac,
        "pac1": now.pac,
        "pac2": 0.0,
        "pac3": 0.0,
        "vac1": now.vac,
        "iac1": now.iac,
        "vacrs": now.vac,
        "fac": now.fac,
        "pf": 1,
        "pacToGridTotal": now.export,
        "pacToUserTotal": now.grid_import,
        "pacToLocalLoad": now.load,
        "pself": round(self_power, 1),
        "psystem": now.pac,
        "eacToday": kwh(today.ac_out),
        "eacTotal": kwh(total.ac_out),
        "epvToday": kwh(today.pv),
        "epvTotal": kwh(total.pv),
        "etoGridToday": kwh(today.export),
        "etoGridTotal": kwh(total.export),
        "etoUserToday": kwh(today.grid_import),
        "etoUserTotal": kwh(total.grid_import),
        "elocalLoadToday": kwh(today.load),
        "elocalLoadTotal": kwh(total.load),
        "eselfToday": kwh(today.self_use),
        "eselfTotal": kwh(total.self_use),
        # "system production" = the PV yield, the figure the app shows as production
        "esystemToday": kwh(today.pv),
        "esystemTotal": kwh(total.pv),
        "echargeToday": kwh(today.charge),
        "echargeTotal": kwh(total.charge),
        "edischargeToday": kwh(today.discharge),
        "edischargeTotal": kwh(total.discharge),
        "eacChargeToday": kwh(today.grid_charge),
        "eacChargeTotal": kwh(total.grid_charge),
        "bdc1ChargePower": now.charge,
        "bdc1DischargePower": now.discharge,
        "bdc1ChargeTotal": kwh(total.charge),
        "bdc1DischargeTotal": kwh(total.discharge),
        "bdc2ChargePower": 0.0,
        "bdc2DischargePower": 0.0,
        "bdc2ChargeTotal": 0.0,
        "bdc2DischargeTotal": 0.0,
        "bdc1Soc": now.soc,
        "bdc1Vbat": now.vbat,
        "bdc1Ibat": now.ibat,
        "bmsSoc": now.soc,
        "bmsSoh": 100 if battery else 0,
        "bmsWarnCode": 0,
        "batteryNo": 1 if battery else 0,
        "temp1": now.temperature,
        "temp2": round(now.temperature + 1.3, 1),
        "temp3": round(now.temperature - 0.8, 1),
        "temp4": 0.0,
        "temp5": round(now.temperature + 3.9, 1),
        "warnCode": 0,
        "faultType": 0,
        "sysFaultWord": 0,
        "uwSysWorkMode": 0,
        "timeTotal": kwh(total.ac_out / max(0.1, device.nominal_power / 1000)),
        "epsPac": 0.0,
        "again": False,
        "withTime": False,
        "tlxBean": None,
        "calendar": java_calendar(at),
    }
    return record


def mix_record(slot: Slot, zone: tzinfo | None = None) -> dict[str, Any]:
    """An SPH record (§7.11 spellings: epvtoday, esystemtoday, etogridTotal, bmsSOC)."""
    now = slot.now
    device = now.device
    at = now.at.astimezone(zone) if zone else now.at
    today, total = now.today, now.total
    strings = pv_strings(now, 2)
    return {
        "serialNum": device.serial,
        "dataLogSn": device.datalogger,
        "time": formats.stamp(at),
        "status": 5 if device.online else -1,
        "statusText": "PV Bat Online" if device.online else "Lost",
        "lost": not device.online,
        "ppv": now.ppv,
        "ppv1": strings["ppv1"],
        "ppv2": strings["ppv2"],
        "vpv1": strings["vpv1"],
        "vpv2": strings["vpv2"],
        "ipv1": strings["ipv1"],
        "ipv2": strings["ipv2"],
        "pac": now.pac,
        "vac1": now.vac,
        "iac1": now.iac,
        "fac": now.fac,
        "soc": now.soc,
        "socText": f"{formats.text(now.soc, 0)}%",
        "vbat": now.vbat,
        "pcharge1": now.charge,
        "pdischarge1": now.discharge,
        # powers in W as §7.9 states for the token API (the SPH example leaves it open)
        "pacToGridTotal": now.export,
        "pacToGridR": now.export,
        "pacToUserTotal": now.grid_import,
        "pacToUserR": now.grid_import,
        "plocalLoadTotal": now.load,
        "plocalLoadR": now.load,
        "eacToday": kwh(today.ac_out),
        "eacTotal": kwh(total.ac_out),
        "epvtoday": kwh(today.pv),
        "epvTotal": kwh(total.pv),
        "epv1Today": strings["epv1Today"],
        "epv1Total": strings["epv1Total"],
        "epv2Today": strings["epv2Today"],
        "epv2Total": strings["epv2Total"],
        "echarge1Today": kwh(today.charge),
        "echarge1Total": kwh(total.charge),
        "edischarge1Today": kwh(today.discharge),
        "edischarge1Total": kwh(total.discharge),
        # §9 q5: GPA spells the discharge counters without the 1; send both
        "edischargeToday": kwh(today.discharge),
        "edischargeTotal": kwh(total.discharge),
        "echarge1": kwh(today.charge),
        "eChargeToday": kwh(today.self_use),
        "etoUserToday": kwh(today.grid_import),
        "etoUserTotal": kwh(total.grid_import),
        "etoGridToday": kwh(today.export),
        "etogridTotal": kwh(total.export),
        "elocalLoadToday": kwh(today.load),
        "elocalLoadTotal": kwh(total.load),
        "esystemtoday": kwh(today.pv),
        "esystemTotal": kwh(total.pv),
        "eselfToday": kwh(today.self_use),
        "eselfTotal": kwh(total.self_use),
        "bmsSOC": now.soc,
        "bmsSOH": 100,
        "bmsBatteryVolt": now.vbat,
        "bmsCell1Volt": round(now.vbat / 16, 2) if now.vbat else 0.0,
        "vBus1": 370.0,
        "vBus2": 298.0,
        "vBatDsp": now.vbat,
        "upsVac1": 0.0,
        "acChargeEnergyToday": kwh(today.grid_charge),
        "acChargeEnergyTotal": kwh(total.grid_charge),
        "acChargePower": slot.grid_charge_w,
        "temp1": now.temperature,
        "temp2": round(now.temperature + 1.1, 1),
        "temp3": round(now.temperature - 0.6, 1),
        "temp4": round(now.temperature - 2.0, 1),
        "temp5": round(now.temperature + 2.5, 1),
        "warnCode": 0,
        "faultBitCode": 0,
        "errorText": "Unknown",
        "again": False,
        "withTime": False,
    }


# -- history (tlx_data / mix_data) ---------------------------------------------------------
@dataclass(frozen=True, slots=True)
class HistoryCodes:
    """The per-endpoint numbers of §1.6 (tlx_data and mix_data differ slightly)."""

    sn_empty: int
    sn_unknown: int
    bad_date: int
    too_long: int = 10004


def history_slots(
    world: World, device: Device, first: datetime, last: datetime
) -> list[tuple[DaySeries, int]]:
    """Finished slots whose end lies in [first, last), oldest first.

    Only (series, index) pairs: a full reading needs monthly and yearly sums, so only
    the rows of the requested page get one.
    """
    plant = world.scenario.plant(device.plant_id)
    model = world.model(device.serial)
    now = world.now()
    slots: list[tuple[DaySeries, int]] = []
    # the slot ending at local midnight belongs to the day before
    day = first.astimezone(plant.tz).date() - timedelta(days=1)
    final_day = min(last, now).astimezone(plant.tz).date()
    while day <= final_day:
        series = model.day(day)
        for index in range(SLOTS_PER_DAY):
            end = slot_end(plant, day, index)
            if first <= end < last and end <= now:
                slots.append((series, index))
        day += timedelta(days=1)
    return slots


def history(
    call: Call,
    device_param: str,
    families: tuple[str, ...],
    codes: HistoryCodes,
    render: Callable[[Slot, tzinfo | None], dict[str, Any]],
    lookup: Callable[[Call, str | None], Device | None],
) -> Reply:
    serial = call.get(device_param)
    if serial is None:
        return fail(codes.sn_empty, "error_sn_empty")
    device = lookup(call, serial)
    if device is None or device.family not in families:
        return fail(codes.sn_unknown, "error_device_not_exist")
    zone = _zone(call.get("timezone_id") or "UTC")
    if zone is None:
        return fail(codes.bad_date, "error_timezone")
    plant = call.world.scenario.plant(device.plant_id)
    today = call.world.local_today(plant)
    start = parse_day(call.get("start_date")) if call.get("start_date") else today
    end = parse_day(call.get("end_date")) if call.get("end_date") else today
    if start is None or end is None or end < start:
        return fail(codes.bad_date, "error_start_date")
    if (end - start).days > MAX_HISTORY_DAYS:
        return fail(codes.too_long, "error_interval_too_long")
    page = paging(call)
    if not isinstance(page, Page):
        return page
    first = datetime.combine(start, time(), tzinfo=zone)
    last = datetime.combine(end + timedelta(days=1), time(), tzinfo=zone)
    slots = history_slots(call.world, device, first, last)
    rows = [
        render(slot_at(call.world, device, series, index), zone)
        for series, index in page.slice(slots)
    ]
    return ok(
        {
            "count": len(slots),
            f"{device_param}": device.serial,
            "datalogger_sn": device.datalogger,
            # §7.9: 1-based position of the first row of the next page
            "next_page_start_id": page.number * page.size + 1,
            "datas": rows,
        }
    )


def _zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
