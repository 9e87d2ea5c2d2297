"""Typed models of what Growatt answers: one unit convention, tz-aware times, both APIs.

Power W, energy kWh, voltage V, current A, frequency Hz, temperature °C, state of
charge %, money ``Decimal`` with an ISO currency code; times in the plant's zone.
Parsers are pure functions from answer objects to models; they raise only
:class:`~growattServer.errors.GrowattError` subclasses (``ParseError``,
``UnsupportedDeviceError``). Every model keeps the answer it came from in ``raw``.
See ``docs/models.md``.
"""

from .account import AccountSnapshot, DeviceState, PlantState
from .device import Capabilities, Device, DeviceFamily, DeviceStatus
from .energy import EnergyCounter, EnergyQuantity, EnergyTotals
from .flow import PowerFlow
from .from_classic import parse_device_classic, parse_plant_classic
from .from_v1 import parse_device_v1, parse_plant_v1
from .guard import MonotonicGuard
from .parse import Parsed, parse_answer, parse_energy, parse_plant_energy, parse_reading
from .plant import Plant
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
from .series import (
    Point,
    PowerSeries,
    Series,
    SeriesKind,
    parse_day_chart_classic,
    parse_energy_series_v1,
    parse_pac_chart_classic,
    parse_period_chart_classic,
    parse_power_series_v1,
)
from .units import Money
from .zones import ZoneSource

__all__ = [
    "AccountSnapshot",
    "Capabilities",
    "Device",
    "DeviceFamily",
    "DeviceState",
    "DeviceStatus",
    "EnergyCounter",
    "EnergyQuantity",
    "EnergyTotals",
    "InverterReading",
    "MixReading",
    "Money",
    "MonotonicGuard",
    "NoahReading",
    "Parsed",
    "Plant",
    "PlantState",
    "Point",
    "PowerFlow",
    "PowerSeries",
    "PvString",
    "Reading",
    "Series",
    "SeriesKind",
    "SpaReading",
    "StorageReading",
    "TlxBatteryReading",
    "TlxReading",
    "ZoneSource",
    "parse_answer",
    "parse_day_chart_classic",
    "parse_device_classic",
    "parse_device_v1",
    "parse_energy",
    "parse_energy_series_v1",
    "parse_pac_chart_classic",
    "parse_period_chart_classic",
    "parse_plant_classic",
    "parse_plant_energy",
    "parse_plant_v1",
    "parse_power_series_v1",
    "parse_reading",
]
