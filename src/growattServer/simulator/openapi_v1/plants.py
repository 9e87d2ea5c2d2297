"""Plant endpoints: plant/list, plant/details, plant/data, plant/power, plant/energy
(openapi.md §2 rows 1–5, shapes §7.1–7.5).

A plant's energy is the PV yield of its devices (a `bat` pack has no PV of its own), so
`today_energy` equals the sum of the 5-minute `plant/power` curve and the month, year
and lifetime figures are sums of days, exactly as the physics counts them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from .. import formats
from ..physics import SLOTS_PER_DAY, Energy
from ..readings import reading, round_kwh, slot_start
from ..routing import Call, Reply, v1_route
from ..scenario import Device, Plant
from ..world import World
from .envelope import Page, fail, ok, own_plant, paging, parse_day

PLANT_WINDOW_S = 300  # §6.1: plant endpoints once per 5 minutes
CARBON_KG_PER_KWH = 0.6  # the ratio of the official plant/data example (15.7 kWh → 9.4)
MAX_DAY_SPAN = 7  # §2 row 5: time_unit=day → interval ≤ 7 days
MAX_YEAR_SPAN = 20


# -- plant aggregates from the physics --------------------------------------------------
def producers(world: World, plant: Plant) -> list[Device]:
    return [d for d in world.devices_of(plant.plant_id) if d.family != "bat"]


def plant_energy(world: World, plant: Plant, first: date, last: date, at: datetime) -> float:
    """kWh of PV over whole local days first..last, as far as they have happened."""
    total = Energy()
    for device in producers(world, plant):
        total += world.model(device.serial).between(first, last, at)
    return total.pv


def plant_lifetime(world: World, plant: Plant, at: datetime) -> float:
    return sum(world.model(d.serial).lifetime(at).pv for d in producers(world, plant))


def plant_power_now(world: World, plant: Plant) -> float:
    """W of PV in the last finished 5-minute slot."""
    return sum(reading(world, d.serial).ppv for d in producers(world, plant))


def plant_power_curve(
    world: World, plant: Plant, day: date, at: datetime
) -> list[tuple[datetime, float | None]]:
    """(slot start, W) for the 288 slots of a local day, "00:00" … "23:55" like the §7.4
    example's 288 points of one date; slots not yet finished are None."""
    models = [world.model(d.serial) for d in producers(world, plant)]
    series = [model.day(day) for model in models]
    today, finished = models[0].completed_slots(at) if models else (day, SLOTS_PER_DAY)
    done = SLOTS_PER_DAY if day < today else (finished if day == today else 0)
    points: list[tuple[datetime, float | None]] = []
    for index in range(SLOTS_PER_DAY):
        power = round(sum(s.pv[index] for s in series), 1) if index < done else None
        points.append((slot_start(plant, day, index), power))
    return points


def kwh_text(kwh: float) -> str:
    return formats.text(round_kwh(kwh))


def timezone_of(world: World, plant: Plant) -> str:
    return formats.timezone_text(formats.utc_offset_hours(world.local_now(plant)))


# -- plant/list --------------------------------------------------------------------------
def plant_list_item(call: Call, plant: Plant) -> dict[str, object]:
    world = call.world
    owner_id = call.account.user_id if call.account else 0
    return {
        "plant_id": plant.plant_id,
        "name": plant.name,
        "status": 1,
        "user_id": owner_id,
        "city": plant.city,
        "country": plant.country,
        "locale": "en-US",
        "create_date": plant.created.isoformat(),
        "peak_power": plant.nominal_power / 1000,
        # §7.1: numbers as strings here; current_power in W (one report, §9 q7).
        "total_energy": kwh_text(plant_lifetime(world, plant, call.now)),
        "current_power": formats.text(plant_power_now(world, plant)),
        "latitude": formats.text(plant.latitude, 4),
        "longitude": formats.text(plant.longitude, 4),
        "installer": "0",
        "operator": "0",
        "image_url": None,
        "latitude_d": None,
        "latitude_f": None,
    }


@v1_route("plant/list", window_s=PLANT_WINDOW_S)
def plant_list(call: Call) -> Reply:
    page = paging(call)
    if not isinstance(page, Page):
        return page
    account = call.account
    plants = call.world.plants_of(account.username) if account else []
    keyword = call.get("search_keyword")
    if keyword:
        plants = [p for p in plants if keyword.lower() in p.name.lower()]
    items = [plant_list_item(call, p) for p in page.slice(plants)]
    return ok({"count": len(plants), "plants": items})


# -- plant/details -----------------------------------------------------------------------
_EMPTY_DETAIL_FIELDS = (
    "address2",
    "installed_dc_capacity",
    "designerorganization",
    "installercontact",
    "description",
    "fixed_azimuth",
    "offtakercontact",
    "status",
    "postal",
    "weathersensor_num",
    "weathersensor_man",
    "operatorcontact",
    "plant_type",
    "fixed_tilt",
    "installerorganization",
    "jurisdictioncontact",
    "jurisdictionorganization",
    "installed_ac_capacity",
    "financiercontact",
    "designercontact",
    "state",
    "weather_type",
    "installed_panel_area",
    "grid_type",
    "operatororganization",
    "elevation",
    "irradiationsensor_type",
    "weathersensor_md",
    "tracker_type",
    "offtakerorganization",
    "financierorganization",
    "notes",
)


def plant_detail(call: Call, plant: Plant) -> dict[str, object]:
    world = call.world
    devices = producers(world, plant)
    loggers = sorted({d.datalogger for d in world.devices_of(plant.plant_id)})
    models = sorted({d.model for d in devices})
    detail: dict[str, object] = dict.fromkeys(_EMPTY_DETAIL_FIELDS, "")
    detail.update(
        {
            "name": plant.name,
            "city": plant.city,
            "country": plant.country,
            "address1": plant.address,
            "timezone": timezone_of(world, plant),
            "locale": "en_US",
            "currency": plant.currency.lower(),
            "create_date": plant.created.isoformat(),
            "peak_power": plant.nominal_power / 1000,
            "user_id": call.account.user_id if call.account else 0,
            "latitude": formats.text(plant.latitude, 4),
            "longitude": formats.text(plant.longitude, 4),
            "image_url": "",
            "ownercontact": "",
            "ownerorganization": "",
            "arrays": [{"module_man": "Growatt", "module_md": "", "num_modules": 0}],
            "dataloggers": [
                {"datalogger_man": "Growatt", "datalogger_md": "", "datalogger_num": len(loggers)}
            ],
            "inverters": [
                {
                    "inverter_man": "Growatt",
                    "inverter_md": model,
                    "inverter_num": sum(1 for d in devices if d.model == model),
                }
                for model in models
            ],
        }
    )
    return detail


@v1_route("plant/details", limit_keys=("plant_id",), window_s=PLANT_WINDOW_S)
def plant_details(call: Call) -> Reply:
    if call.get("plant_id") is None:
        return fail(10003, "error_plant_id_empty")
    plant = own_plant(call)
    if plant is None:
        return fail(10002, "error_plant_not_exist")
    return ok(plant_detail(call, plant))


# -- plant/data --------------------------------------------------------------------------
@v1_route("plant/data", limit_keys=("plant_id",), window_s=PLANT_WINDOW_S)
def plant_data(call: Call) -> Reply:
    if call.get("plant_id") is None:
        return fail(10003, "error_plant_id_empty")
    plant = own_plant(call)
    if plant is None:
        return fail(10002, "error_plant_not_exist")
    world, now = call.world, call.now
    today = world.local_today(plant)
    total = plant_lifetime(world, plant, now)
    devices = producers(world, plant)
    latest = reading(world, devices[0].serial).at if devices else world.local_now(plant)
    return ok(
        {
            "today_energy": kwh_text(plant_energy(world, plant, today, today, now)),
            "monthly_energy": kwh_text(
                plant_energy(world, plant, today.replace(day=1), today, now)
            ),
            "yearly_energy": kwh_text(
                plant_energy(world, plant, today.replace(month=1, day=1), today, now)
            ),
            "total_energy": kwh_text(total),
            # §7.3 sends a bare number; W as HA reads it (§9 q7 is unsure about kW).
            "current_power": formats.num(plant_power_now(world, plant)),
            "peak_power_actual": formats.num(plant.nominal_power / 1000),
            "carbon_offset": formats.text(total * CARBON_KG_PER_KWH),
            "efficiency": "",
            "last_update_time": formats.stamp(latest),
            "timezone": timezone_of(world, plant),
        }
    )


# -- plant/power -------------------------------------------------------------------------
@v1_route("plant/power", limit_keys=("plant_id",), window_s=PLANT_WINDOW_S)
def plant_power(call: Call) -> Reply:
    if call.get("plant_id") is None:
        return fail(10003, "error_plant_id_empty")
    plant = own_plant(call)
    if plant is None:
        return fail(10002, "error_plant_not_exist")
    day = call.world.local_today(plant)
    if call.get("date") is not None:
        parsed = parse_day(call.get("date"))
        if parsed is None:
            return fail(10003, "error_time_format")
        day = parsed
    curve = plant_power_curve(call.world, plant, day, call.now)
    # §9 q8: the official example lists the newest point first, so do we; slots that
    # have not happened yet are present with power null, so count is always 288.
    powers = [
        {"time": start.strftime("%Y-%m-%d %H:%M"), "power": power}
        for start, power in reversed(curve)
    ]
    return ok({"count": len(powers), "powers": powers})


# -- plant/energy ------------------------------------------------------------------------
def _parse_month(value: str | None) -> date | None:
    if value is None:
        return None
    for layout in ("%Y-%m-%d", "%Y-%m"):
        try:
            return datetime.strptime(value.strip(), layout).date().replace(day=1)
        except ValueError:
            continue
    return None


def _parse_year(value: str | None) -> date | None:
    if value is None:
        return None
    for layout in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return datetime.strptime(value.strip(), layout).date().replace(month=1, day=1)
        except ValueError:
            continue
    return None


def _month_end(first: date) -> date:
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def energy_rows(
    world: World, plant: Plant, unit: str, start: date, end: date, at: datetime
) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    cursor = start
    while cursor <= end:
        if unit == "day":
            last, label, following = cursor, cursor.isoformat(), cursor + timedelta(days=1)
        elif unit == "month":
            last, label = _month_end(cursor), cursor.strftime("%Y-%m")
            following = last + timedelta(days=1)
        else:
            last, label = cursor.replace(month=12, day=31), str(cursor.year)
            following = cursor.replace(year=cursor.year + 1)
        rows.append(
            {"date": label, "energy": kwh_text(plant_energy(world, plant, cursor, last, at))}
        )
        cursor = following
    return rows


def _energy_range(call: Call, unit: str) -> tuple[date, date] | Reply:
    """The validated range; every wrong date or span answers 10004 (§1.6, §9 q4)."""
    parse = {"day": parse_day, "month": _parse_month, "year": _parse_year}[unit]
    start, end = parse(call.get("start_date")), parse(call.get("end_date"))
    if start is None or end is None or end < start:
        return fail(10004, "error_time_format")
    too_wide = (
        (unit == "day" and (end - start).days > MAX_DAY_SPAN)
        or (unit == "month" and end.year - start.year > 1)
        or (unit == "year" and end.year - start.year > MAX_YEAR_SPAN)
    )
    if too_wide:
        return fail(10004, "error_time_format")
    return start, end


@v1_route("plant/energy", limit_keys=("plant_id",), window_s=PLANT_WINDOW_S)
def plant_energy_history(call: Call) -> Reply:
    if call.get("plant_id") is None:
        return fail(10003, "error_plant_id_empty")
    plant = own_plant(call)
    if plant is None:
        return fail(10002, "error_plant_not_exist")
    unit = call.get("time_unit") or "day"
    if unit not in ("day", "month", "year"):
        return fail(10004, "error_time_format")
    span = _energy_range(call, unit)
    if not isinstance(span, tuple):
        return span
    page = paging(call)
    if not isinstance(page, Page):
        return page
    rows = energy_rows(call.world, plant, unit, span[0], span[1], call.now)
    return ok({"count": len(rows), "time_unit": unit, "energys": page.slice(rows)})
