"""What a device reports at an instant, in plain units, for every endpoint to render.

Classic and v1 handlers format the same `Reading`, so both APIs agree on every value.
Units: W, kWh, V, A, Hz, °C, %.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .physics import SLOT_MINUTES, SLOTS_PER_DAY, DaySeries, Energy
from .scenario import Device, Plant
from .world import World

NIGHT_THRESHOLD_W = 5.0


@dataclass(frozen=True, slots=True)
class PvString:
    voltage: float
    current: float
    power: float


@dataclass(frozen=True, slots=True)
class Reading:
    device: Device
    plant: Plant
    at: datetime  # end of the last finished 5-minute slot, plant-local
    online: bool
    producing: bool
    ppv: float
    strings: tuple[PvString, ...]
    pac: float  # inverter AC output
    vac: float
    iac: float
    fac: float
    load: float
    charge: float
    discharge: float
    export: float
    grid_import: float
    soc: float
    vbat: float
    ibat: float  # + charging, - discharging
    temperature: float
    today: Energy
    month: Energy
    year: Energy
    total: Energy

    @property
    def battery_power(self) -> float:
        """+ charging, - discharging (the sign convention Growatt's chargeOrDisPower uses)."""
        return self.charge - self.discharge


def _noise(*parts: object) -> random.Random:
    return random.Random(":".join(str(p) for p in parts))


def _split_strings(
    device: Device, ppv: float, irradiance_hint: float, rng: random.Random
) -> tuple[PvString, ...]:
    count = max(1, device.pv_strings)
    weights = [1.0 + 0.12 * (i % 2) for i in range(count)]
    total = sum(weights)
    strings = []
    for weight in weights:
        power = ppv * weight / total
        if power < 1:
            strings.append(PvString(0.0, 0.0, 0.0))
            continue
        voltage = 280 + 90 * min(1.0, irradiance_hint) ** 0.3 + rng.uniform(-3, 3)
        if device.family in ("noah",) or device.nominal_power <= 1000:
            voltage = voltage / 9  # micro-inverters and balcony packs run single panels
        strings.append(PvString(round(voltage, 1), round(power / voltage, 1), round(power, 1)))
    return tuple(strings)


def slot_start(plant: Plant, day: date, index: int) -> datetime:
    """The wall time slot ``index`` of a local day begins at (its chart label)."""
    return datetime.combine(day, time(), tzinfo=plant.tz) + timedelta(minutes=index * SLOT_MINUTES)


def slot_end(plant: Plant, day: date, index: int) -> datetime:
    """The wall time slot ``index`` ends at (when its record is taken)."""
    return slot_start(plant, day, index + 1)


def slot_label(index: int) -> str:
    """A day chart's "HH:MM" key of slot ``index``: its start, "00:00" … "23:55"."""
    minutes = index * SLOT_MINUTES
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def reading(world: World, serial: str, at: datetime | None = None) -> Reading:
    """The device's latest 5-minute data at `at` (default: now)."""
    at = at or world.now()
    device = world.scenario.device(serial)
    plant = world.scenario.plant(device.plant_id)
    model = world.model(serial)
    series, index = model.latest(at)
    return reading_from_slot(world, device, plant, series, index, at)


def reading_from_slot(
    world: World, device: Device, plant: Plant, series: DaySeries, index: int, at: datetime
) -> Reading:
    """The reading of one slot, with the counters as they stand at `at`.

    Memoised: a reading only changes when the controls change (the model's version) or
    another slot finishes by `at` (the counters), and the same slot is read many times
    per request (plant lists sum their devices, charts walk the day).
    """
    model = world.model(device.serial)
    key = (device.serial, id(model), model.version, series.day, index, model.completed_slots(at))
    cached = world.reading_cache.get(key)
    if cached is None:
        cached = _build_reading(world, device, plant, series, index, at)
        if len(world.reading_cache) > 20_000:
            world.reading_cache.clear()
        world.reading_cache[key] = cached
    return cached


def _build_reading(
    world: World, device: Device, plant: Plant, series: DaySeries, index: int, at: datetime
) -> Reading:
    model = world.model(device.serial)
    rng = _noise(world.seed, device.serial, series.day.isoformat(), index)
    ppv = series.pv[index]
    rated = max(1.0, model.device.pv_kwp * 1000)
    producing = ppv > NIGHT_THRESHOLD_W
    pac = series.ac_out[index]
    vac = round(230 + rng.uniform(-2.5, 2.5), 1)
    local_day = at.astimezone(plant.tz).date()
    month_start = local_day.replace(day=1)
    year_start = local_day.replace(month=1, day=1)
    soc = series.soc[index]
    capacity = model.device.battery_kwh
    vbat = round(48 + 0.08 * soc + rng.uniform(-0.2, 0.2), 1) if capacity else 0.0
    net_battery = series.charge[index] - series.discharge[index]
    rating = max(device.nominal_power, model.device.nominal_power, 1)
    load_ratio = min(1.0, (pac + abs(net_battery)) / rating)
    temperature = round(22 + 18 * load_ratio + rng.uniform(-1, 1), 1)
    strings: tuple[PvString, ...]
    if device.family == "bat":
        # A battery pack reports only its own side of the hybrid it hangs off.
        ppv, pac, strings = 0.0, 0.0, ()
    else:
        strings = _split_strings(model.device, ppv, ppv / rated, rng)
    return Reading(
        device=device,
        plant=plant,
        at=slot_end(plant, series.day, index),
        online=device.online,
        producing=producing,
        ppv=round(ppv, 1),
        strings=strings,
        pac=round(pac, 1),
        vac=vac,
        iac=round(pac / vac, 1) if pac > 0 else 0.0,
        fac=round(50 + rng.uniform(-0.03, 0.03), 2),
        load=round(series.load[index], 1),
        charge=round(series.charge[index], 1),
        discharge=round(series.discharge[index], 1),
        export=round(series.export[index], 1),
        grid_import=round(series.grid_import[index], 1),
        soc=round(soc) if capacity else 0,
        vbat=vbat,
        ibat=round(net_battery / vbat, 1) if vbat else 0.0,
        temperature=temperature if producing or net_battery else round(18 + rng.uniform(-1, 1), 1),
        today=model.today(at),
        month=model.between(month_start, local_day, at),
        year=model.between(year_start, local_day, at),
        total=model.lifetime(at),
    )


def day_chart(
    world: World, serial: str, day: date, at: datetime | None = None
) -> list[tuple[str, DaySeries, int]]:
    """The finished 5-minute slots of a local day: ("HH:MM" of the slot start, series, index).

    Growatt's day charts run "00:00" … "23:55" (shinephone-api.md §4.10; the captured
    getEnergyProdAndCons_KW day), each key the 5 minutes from its label. A slot appears
    once it is over: slots not finished by `at` are left out.
    """
    at = at or world.now()
    model = world.model(serial)
    series = model.day(day)
    today, finished = model.completed_slots(at)
    if day > today:
        return []
    last = finished if day == today else SLOTS_PER_DAY
    return [(slot_label(index), series, index) for index in range(last)]


def is_night(reading_: Reading) -> bool:
    return not reading_.producing


def round_kwh(value: float) -> float:
    """Energy the way Growatt stores it: one decimal."""
    return math.floor(value * 10 + 0.5) / 10
