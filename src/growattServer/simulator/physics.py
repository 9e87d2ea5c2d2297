"""The power model: what every device does in each 5-minute slot of a local day.

A day is computed in one pass of 288 slots from the battery state at its start, the
weather of the day (seeded, so the same seed gives the same history) and the device's
controls in force at each slot. Counters are sums of slot energies, so "today", the
5-minute chart, the daily/monthly/yearly aggregates and the lifetime total always agree.

Energy balance per slot (W): pv + discharge + grid_import = load + charge + grid_export.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import ClassVar

from .scenario import Device, Plant
from .settings_state import Controls
from .sun import clear_sky_factor, elevations

SLOT_MINUTES = 5
SLOTS_PER_DAY = 24 * 60 // SLOT_MINUTES
SLOT_HOURS = SLOT_MINUTES / 60
BATTERY_EFFICIENCY = 0.95
PV_DERATE = 0.85  # wiring, temperature and inverter losses at full sun
CLASSIC_INVERTER_EFFICIENCY = 0.97


@dataclass(slots=True)
class DaySeries:
    """One local day of one device, columnar: index i is the slot starting at i*5 minutes."""

    day: date
    pv: list[float]
    load: list[float]
    charge: list[float]
    discharge: list[float]
    grid_charge: list[float]
    export: list[float]
    grid_import: list[float]
    ac_out: list[float]
    soc: list[float]  # at the end of the slot
    start_soc: float
    _prefix: dict[str, list[float]] = field(default_factory=dict, init=False, repr=False)

    FIELDS: ClassVar[tuple[str, ...]] = (
        "pv",
        "load",
        "charge",
        "discharge",
        "grid_charge",
        "export",
        "grid_import",
        "ac_out",
    )

    def energy(self, name: str, slots: int = SLOTS_PER_DAY) -> float:
        """kWh of series `name` over the first `slots` slots."""
        prefix = self._prefix.get(name)
        if prefix is None:
            prefix = [0.0]
            running = 0.0
            for value in getattr(self, name):
                running += value * SLOT_HOURS / 1000
                prefix.append(running)
            self._prefix[name] = prefix
        return prefix[max(0, min(slots, SLOTS_PER_DAY))]


@dataclass(frozen=True, slots=True)
class Energy:
    """Energy counters in kWh."""

    pv: float = 0.0
    load: float = 0.0
    charge: float = 0.0
    discharge: float = 0.0
    grid_charge: float = 0.0
    export: float = 0.0
    grid_import: float = 0.0
    ac_out: float = 0.0

    # Written out field by field: counters are summed on every request.
    def __add__(self, other: Energy) -> Energy:
        return Energy(
            self.pv + other.pv,
            self.load + other.load,
            self.charge + other.charge,
            self.discharge + other.discharge,
            self.grid_charge + other.grid_charge,
            self.export + other.export,
            self.grid_import + other.grid_import,
            self.ac_out + other.ac_out,
        )

    def __sub__(self, other: Energy) -> Energy:
        return Energy(
            self.pv - other.pv,
            self.load - other.load,
            self.charge - other.charge,
            self.discharge - other.discharge,
            self.grid_charge - other.grid_charge,
            self.export - other.export,
            self.grid_import - other.grid_import,
            self.ac_out - other.ac_out,
        )

    def astuple(self) -> tuple[float, ...]:
        return (
            self.pv,
            self.load,
            self.charge,
            self.discharge,
            self.grid_charge,
            self.export,
            self.grid_import,
            self.ac_out,
        )

    @property
    def self_use(self) -> float:
        """PV energy consumed on site (not exported)."""
        return max(0.0, self.load - self.grid_import - self.discharge)


def _seeded(*parts: object) -> random.Random:
    return random.Random(":".join(str(p) for p in parts))


def _load_shape() -> list[float]:
    """A household day: night base, a morning bump, a daytime plateau, an evening peak."""
    shape = []
    for i in range(SLOTS_PER_DAY):
        hour = (i + 0.5) * SLOT_HOURS
        value = 0.35
        value += 0.6 * math.exp(-(((hour - 7.5) / 1.0) ** 2) / 2)
        value += 0.25 if 9 <= hour < 17 else 0.0
        value += 1.1 * math.exp(-(((hour - 19.0) / 1.8) ** 2) / 2)
        shape.append(value)
    total = sum(shape) * SLOT_HOURS
    return [v / total for v in shape]  # integrates to 1 kWh·(1/1000) per W... scaled below


LOAD_SHAPE = _load_shape()


class PlantWeather:
    """The sun and the clouds over one plant, per local day (shared by its devices)."""

    def __init__(self, plant: Plant, seed: int) -> None:
        self.plant = plant
        self.seed = seed
        self._cache: dict[date, list[float]] = {}

    def slot_start_utc(self, day: date, index: int) -> datetime:
        local = datetime.combine(day, time(), tzinfo=self.plant.tz) + timedelta(
            minutes=index * SLOT_MINUTES
        )
        return local.astimezone(UTC)

    def irradiance(self, day: date) -> list[float]:
        """Fraction of rated PV per slot (clear-sky curve times clouds)."""
        cached = self._cache.get(day)
        if cached is not None:
            return cached
        rng = _seeded(self.seed, "weather", self.plant.plant_id, day.isoformat())
        roll = rng.random()
        if roll < 0.5:
            cloudiness = rng.uniform(0.0, 0.15)
        elif roll < 0.8:
            cloudiness = rng.uniform(0.2, 0.6)
        else:
            cloudiness = rng.uniform(0.6, 0.9)
        midnight = datetime.combine(day, time(), tzinfo=self.plant.tz).astimezone(UTC)
        # Slot midpoints in absolute time, so DST days stay continuous.
        suns = elevations(
            midnight + timedelta(minutes=SLOT_MINUTES / 2),
            self.plant.latitude,
            self.plant.longitude,
            count=SLOTS_PER_DAY,
            step_minutes=SLOT_MINUTES,
        )
        values = []
        cover = rng.random()
        for elevation in suns:
            cover = min(1.0, max(0.0, 0.8 * cover + 0.2 * rng.random()))
            values.append(clear_sky_factor(elevation) * (1.0 - cloudiness * cover))
        self._cache[day] = values
        return values


class DeviceModel:
    """Computes and caches the days of one device; knows its controls over time."""

    def __init__(
        self, device: Device, weather: PlantWeather, epoch: date, initial_controls: Controls
    ) -> None:
        self.device = device
        self.weather = weather
        self.epoch = epoch
        self._timeline: list[tuple[float, Controls]] = [(float("-inf"), initial_controls)]
        self._days: dict[date, DaySeries] = {}
        self._daily_totals: dict[tuple[date, int], Energy] = {}  # (day, slots) -> kWh
        self._cumulative: dict[date, Energy] = {}  # epoch..day inclusive
        self.version = 0  # bumped whenever the controls change what the model computes
        self._between: dict[tuple[date, date, date, int], Energy] = {}
        self._last_slots: tuple[float, tuple[date, int]] = (float("nan"), (epoch, 0))

    # -- controls -----------------------------------------------------------------
    def set_controls(self, at: datetime, controls: Controls) -> None:
        """From `at` on the device behaves per `controls`; recompute what follows."""
        ts = at.timestamp()
        keep = [(t, c) for t, c in self._timeline if t < ts]
        self._timeline = [*keep, (ts, controls)]
        first_stale = self.local_date(at)
        for day in [d for d in self._days if d >= first_stale]:
            del self._days[day]
        for day in [d for d in self._cumulative if d >= first_stale]:
            del self._cumulative[day]
        for key in [k for k in self._daily_totals if k[0] >= first_stale]:
            del self._daily_totals[key]
        self._between.clear()
        self.version += 1

    def controls_at(self, at: datetime) -> Controls:
        index = bisect.bisect_right(self._timeline, at.timestamp(), key=lambda tc: tc[0]) - 1
        return self._timeline[max(index, 0)][1]

    # -- time helpers -------------------------------------------------------------
    def local_date(self, at: datetime) -> date:
        return at.astimezone(self.weather.plant.tz).date()

    def completed_slots(self, at: datetime) -> tuple[date, int]:
        """The local day of `at` and how many of its slots have finished by then."""
        # One request asks this many times for the same instant; remember the last one.
        stamp = at.timestamp()
        if self._last_slots[0] == stamp:
            return self._last_slots[1]
        local = at.astimezone(self.weather.plant.tz)
        minutes = local.hour * 60 + local.minute
        result = (local.date(), minutes // SLOT_MINUTES)
        self._last_slots = (stamp, result)
        return result

    # -- the model ----------------------------------------------------------------
    def day(self, day: date) -> DaySeries:
        """The device's day; before the simulated history starts, nothing was recorded."""
        cached = self._days.get(day)
        if cached is not None:
            return cached
        if day < self.epoch:
            return self._silent_day(day)
        # Walk forward from the last computed day so the battery state carries over.
        if self.device.has_battery and day > self.epoch:
            previous = day - timedelta(days=1)
            if previous not in self._days:
                start = previous
                while start > self.epoch and (start - timedelta(days=1)) not in self._days:
                    start -= timedelta(days=1)
                cursor = start
                while cursor < day:
                    self.day(cursor)
                    cursor += timedelta(days=1)
            start_soc = self._days[previous].soc[-1]
        else:
            start_soc = self.device.initial_soc
        series = self._compute(day, start_soc)
        self._days[day] = series
        return series

    def _silent_day(self, day: date) -> DaySeries:
        zeros = [0.0] * SLOTS_PER_DAY
        soc = [self.device.initial_soc if self.device.has_battery else 0.0] * SLOTS_PER_DAY
        columns = dict.fromkeys(DaySeries.FIELDS, zeros)  # read-only, so one list serves all
        return DaySeries(day=day, soc=soc, start_soc=soc[0], **columns)

    def _compute(self, day: date, start_soc: float) -> DaySeries:
        device = self.device
        sun = self.weather.irradiance(day)
        rng = _seeded(self.weather.seed, "load", device.serial, day.isoformat())
        rated_pv = device.pv_kwp * 1000 * PV_DERATE
        load_scale = device.daily_load_kwh * 1000
        capacity_wh = device.battery_kwh * 1000
        has_battery = device.has_battery
        columns: dict[str, list[float]] = {name: [] for name in DaySeries.FIELDS}
        socs: list[float] = []
        soc = start_soc
        midnight = datetime.combine(day, time(), tzinfo=self.weather.plant.tz)
        change_points = [t for t, _ in self._timeline[1:]]
        controls = self.controls_at(midnight)
        next_change = 0
        midnight_ts = midnight.timestamp()
        while next_change < len(change_points) and change_points[next_change] <= midnight_ts:
            next_change += 1
        for i in range(SLOTS_PER_DAY):
            slot_ts = midnight_ts + i * SLOT_MINUTES * 60
            if next_change < len(change_points) and change_points[next_change] <= slot_ts:
                controls = self.controls_at(datetime.fromtimestamp(slot_ts, UTC))
                while next_change < len(change_points) and change_points[next_change] <= slot_ts:
                    next_change += 1
            pv = rated_pv * sun[i] if controls.on else 0.0
            load = load_scale * LOAD_SHAPE[i] * (0.85 + 0.3 * rng.random())
            if device.family == "inverter":
                load = 0.0
            values = self._slot(i, pv, load, soc, controls, capacity_wh, has_battery)
            if has_battery and capacity_wh > 0:
                soc += (
                    (values[2] * BATTERY_EFFICIENCY - values[3] / BATTERY_EFFICIENCY)
                    * SLOT_HOURS
                    / capacity_wh
                    * 100
                )
                soc = min(100.0, max(0.0, soc))
            for name, value in zip(DaySeries.FIELDS, values, strict=True):
                columns[name].append(value)
            socs.append(soc if has_battery else 0.0)
        return DaySeries(day=day, soc=socs, start_soc=start_soc, **columns)

    def _slot(
        self,
        index: int,
        pv: float,
        load: float,
        soc: float,
        controls: Controls,
        capacity_wh: float,
        has_battery: bool,
    ) -> tuple[float, ...]:
        """One slot's (pv, load, charge, discharge, grid_charge, export, import, ac_out)."""
        device = self.device
        ac_cap = device.nominal_power * controls.active_rate / 100
        if device.family == "inverter" or not has_battery:
            ac_out = min(
                pv * (CLASSIC_INVERTER_EFFICIENCY if device.family == "inverter" else 1), ac_cap
            )
            pv = ac_out / CLASSIC_INVERTER_EFFICIENCY if device.family == "inverter" else ac_out
            net = ac_out - load
            export, grid_import = max(0.0, net), max(0.0, -net)
            if controls.export_limit_w is not None and export > controls.export_limit_w:
                cut = export - controls.export_limit_w
                export -= cut
                ac_out -= cut
                pv = ac_out / CLASSIC_INVERTER_EFFICIENCY if device.family == "inverter" else ac_out
            return (pv, load, 0.0, 0.0, 0.0, export, grid_import, ac_out)

        per_slot = SLOT_HOURS
        room_w = max(
            0.0, (controls.soc_max - soc) / 100 * capacity_wh / per_slot / BATTERY_EFFICIENCY
        )
        avail_w = max(
            0.0, (soc - controls.soc_min) / 100 * capacity_wh / per_slot * BATTERY_EFFICIENCY
        )
        max_charge = device.battery_power * controls.charge_rate / 100
        max_discharge = device.battery_power * controls.discharge_rate / 100
        minute = index * SLOT_MINUTES
        window = controls.window_at(minute)
        mode = window.mode if window else 0
        charge_pv = grid_charge = discharge = 0.0

        if device.family == "noah":
            # Balcony battery: PV charges the pack, the pack feeds a set output power.
            target = (
                window.power_w
                if window and mode == 0
                else (0.0 if mode == 1 else controls.output_w)
            )
            direct = min(pv, target)
            discharge = min(target - direct, avail_w, max(device.nominal_power, 0))
            charge_pv = min(pv - direct, room_w, float(device.battery_power or 800))
            pv = direct + charge_pv  # the rest is curtailed by the MPPT
            ac_out = direct + discharge
            net = ac_out - load
            return (pv, load, charge_pv, discharge, 0.0, max(0.0, net), max(0.0, -net), ac_out)

        if mode == 1:  # battery first: fill the battery, from the grid too if allowed
            charge_pv = min(pv, max_charge, room_w)
            if controls.ac_charge:
                grid_charge = max(0.0, min(max_charge, room_w) - charge_pv)
        elif mode == 2:  # grid first: empty the battery into the grid
            discharge = min(max_discharge, avail_w)
        else:  # load first
            surplus = pv - load
            if surplus > 0:
                charge_pv = min(surplus, max_charge, room_w)
            else:
                discharge = min(-surplus, max_discharge, avail_w)

        ac_out = pv - charge_pv + discharge
        if ac_out > ac_cap:  # inverter clipping: the MPPT backs off the panels
            cut = min(ac_out - ac_cap, pv - charge_pv)
            pv -= cut
            ac_out -= cut
        net = ac_out - load - grid_charge
        export, grid_import = max(0.0, net), max(0.0, -net)
        if device.family == "storage" and export > 0:
            # Off-grid units cannot export: the surplus is never harvested.
            pv -= export
            ac_out -= export
            export = 0.0
        if controls.export_limit_w is not None and export > controls.export_limit_w:
            cut = export - controls.export_limit_w
            from_battery = min(cut, discharge)
            discharge -= from_battery
            pv -= cut - from_battery
            ac_out -= cut
            export -= cut
        charge = charge_pv + grid_charge
        return (pv, load, charge, discharge, grid_charge, export, grid_import, ac_out)

    # -- counters -----------------------------------------------------------------
    def day_energy(self, day: date, slots: int = SLOTS_PER_DAY) -> Energy:
        """kWh of the first `slots` slots of a day (memoised: counters are read often)."""
        key = (day, min(slots, SLOTS_PER_DAY))
        cached = self._daily_totals.get(key)
        if cached is not None:
            return cached
        series = self.day(day)
        energy = Energy(*(series.energy(name, slots) for name in DaySeries.FIELDS))
        self._daily_totals[key] = energy
        return energy

    def today(self, at: datetime) -> Energy:
        day, slots = self.completed_slots(at)
        return self.day_energy(day, slots)

    def between(self, first: date, last: date, at: datetime) -> Energy:
        """Sum of whole days first..last, clipped to what has happened by `at`.

        Answered from memoised running totals, so a month or a year costs the same as a
        day: every read of a counter is on the request path.
        """
        today, slots = self.completed_slots(at)
        key = (first, last, today, slots)
        cached = self._between.get(key)
        if cached is not None:
            return cached
        if len(self._between) > 4096:
            self._between.clear()
        self._between[key] = result = self._sum_between(first, last, today, slots)
        return result

    def _sum_between(self, first: date, last: date, today: date, slots: int) -> Energy:
        end = min(last, today)
        if end < first:
            return Energy()
        yesterday = today - timedelta(days=1)
        total = self._through(min(end, yesterday)) - self._through(first - timedelta(days=1))
        if end == today and today >= self.epoch:
            total += self.day_energy(today, slots)
        return total

    def lifetime(self, at: datetime) -> Energy:
        """Lifetime counters: the scenario's starting value plus every simulated day."""
        today, slots = self.completed_slots(at)
        simulated = self._through(today - timedelta(days=1)) + (
            self.day_energy(today, slots) if today >= self.epoch else Energy()
        )
        offset = Energy(
            pv=self.device.initial_pv_kwh,
            ac_out=self.device.initial_pv_kwh * 0.96,
            export=self.device.initial_pv_kwh * 0.55,
            load=self.device.initial_pv_kwh * 0.8,
            grid_import=self.device.initial_pv_kwh * 0.35,
            charge=self.device.initial_pv_kwh * 0.2 if self.device.has_battery else 0,
            discharge=self.device.initial_pv_kwh * 0.18 if self.device.has_battery else 0,
        )
        return offset + simulated

    def _through(self, last: date) -> Energy:
        """Whole days epoch..last, memoised so a lifetime read is O(1) once warm."""
        if last < self.epoch:
            return Energy()
        cached = self._cumulative.get(last)
        if cached is not None:
            return cached
        cursor = last
        while cursor > self.epoch and cursor - timedelta(days=1) not in self._cumulative:
            cursor -= timedelta(days=1)
        running = self._cumulative.get(cursor - timedelta(days=1), Energy())
        while cursor <= last:
            running += self.day_energy(cursor)
            self._cumulative[cursor] = running
            cursor += timedelta(days=1)
        return running

    def latest(self, at: datetime) -> tuple[DaySeries, int]:
        """The series and index of the last finished slot at `at` (may be yesterday's)."""
        day, slots = self.completed_slots(at)
        if slots == 0:
            previous = day - timedelta(days=1)
            return self.day(previous), SLOTS_PER_DAY - 1
        return self.day(day), slots - 1
