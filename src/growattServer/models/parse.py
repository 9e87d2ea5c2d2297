"""From an endpoint's answer to a reading and energy totals, for any family and API.

The answer is what ``api.fetch(endpoint)`` returns (and what a snapshot keeps in
``DeviceState.raw`` under the endpoint's name); :data:`SOURCES` says where the record
sits in it and which mapping of :mod:`.records` reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, tzinfo

from growattServer.errors import ParseError, UnsupportedDeviceError

from .device import DeviceFamily
from .energy import EnergyTotals
from .fields import Fields, as_mapping
from .from_classic import CLASSIC_SOURCES
from .from_v1 import V1_SOURCES
from .readings import Reading
from .records import Source, energy_totals, plant_energy

__all__ = [
    "SOURCES",
    "Parsed",
    "parse_answer",
    "parse_energy",
    "parse_plant_energy",
    "parse_reading",
]

#: (family, endpoint name) → :class:`~.records.Source`, both APIs.
SOURCES: Mapping[tuple[DeviceFamily, str], Source] = {**CLASSIC_SOURCES, **V1_SOURCES}


@dataclass(frozen=True, slots=True)
class Parsed:
    """What one answer told: a reading, energy totals, or both."""

    reading: Reading | None
    energy: EnergyTotals | None


def _source(family: DeviceFamily | str, endpoint: str) -> Source:
    try:
        source = SOURCES.get((DeviceFamily(family), endpoint))
    except ValueError:  # not a family name at all
        source = None
    if source is None:
        msg = f"no {family} values are read from {endpoint!r}"
        raise UnsupportedDeviceError(msg)
    return source


def parse_answer(family: DeviceFamily, endpoint: str, payload: object, zone: tzinfo) -> Parsed:
    """Read ``payload`` (``endpoint``'s answer for a device of ``family``); times are in
    ``zone``. Raises :class:`~growattServer.errors.UnsupportedDeviceError` for a pair
    not in :data:`SOURCES`, :class:`~growattServer.errors.ParseError` for a bad value."""
    source = _source(family, endpoint)
    record = as_mapping(payload, endpoint, *source.path)
    if source.merge:
        found = [part for name in source.merge if isinstance(part := record.get(name), Mapping)]
        if not found:
            raise ParseError(f"{endpoint}.{source.merge[-1]}", None, "a JSON object")
        record = {key: value for part in found for key, value in part.items()}
    fields = Fields(record, endpoint, zone)
    reading = source.reading(fields) if source.reading is not None else None
    energy = energy_totals(fields, source.energy) if source.energy is not None else None
    return Parsed(reading, energy)


def parse_reading(family: DeviceFamily, endpoint: str, payload: object, zone: tzinfo) -> Reading:
    """The reading in ``payload``; raises ``UnsupportedDeviceError`` if the endpoint
    carries only energy counters."""
    reading = parse_answer(family, endpoint, payload, zone).reading
    if reading is None:
        raise UnsupportedDeviceError(f"{endpoint!r} carries no reading")
    return reading


def parse_energy(
    family: DeviceFamily, endpoint: str, payload: object, zone: tzinfo
) -> EnergyTotals:
    """The energy totals in ``payload``; raises ``UnsupportedDeviceError`` if the
    endpoint carries none."""
    energy = parse_answer(family, endpoint, payload, zone).energy
    if energy is None:
        raise UnsupportedDeviceError(f"{endpoint!r} carries no energy counters")
    return energy


def parse_plant_energy(payload: object, source: str = "plant") -> EnergyTotals:
    """A plant's produced kWh per period from classic ``getUserCenterEnertyDataByPlantid``,
    a ``PlantListAPI`` row, a plant bean, or v1 ``plant/data``/``plant/list`` entries."""
    record = as_mapping(payload, source)
    return plant_energy(Fields(record, source, UTC))
