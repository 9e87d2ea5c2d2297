"""What :meth:`GrowattClient.snapshot` returns, assembled from the raw answers.

The client does the I/O; here the plant, device and value answers become the typed
:class:`~growattServer.models.AccountSnapshot`. A read that failed, or an answer that
does not parse, is kept in that plant's or device's ``errors`` under the endpoint name;
the rest of the snapshot stands.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal

from growattServer.discovery import PACK_SOURCE
from growattServer.errors import GrowattError
from growattServer.models import (
    AccountSnapshot,
    Device,
    DeviceFamily,
    DeviceState,
    EnergyTotals,
    NoahReading,
    Plant,
    PlantState,
    TlxReading,
    parse_answer,
    parse_device_classic,
    parse_device_v1,
    parse_plant_classic,
    parse_plant_energy,
    parse_plant_v1,
)
from growattServer.models.from_classic import noah_status

__all__ = ["AccountSnapshot", "Answers", "DeviceState", "PlantState", "assemble_plant"]

_LOGGER = logging.getLogger(__name__)

ApiKind = Literal["classic", "token"]


@dataclass(slots=True)
class Answers:
    """The raw outcome of one target's reads: answers and errors by endpoint name."""

    answers: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, GrowattError] = field(default_factory=dict)


def plant_id_of(entry: Mapping[str, Any]) -> str:
    """A plant list entry's id, classic (``plantId``) or v1 (``plant_id``)."""
    return str(entry.get("plantId", entry.get("plant_id", "")))


def device_of(kind: ApiKind, entry: Mapping[str, Any], plant_id: str) -> Device | None:
    """The typed device of a list entry; ``None`` (logged) for an entry without serial."""
    parse = parse_device_classic if kind == "classic" else parse_device_v1
    try:
        return parse(entry, plant_id)
    except GrowattError as err:
        _LOGGER.warning("device list entry of plant %s skipped: %s", plant_id, err)
        return None


def _plant(
    kind: ApiKind, entry: Mapping[str, Any], plant: Answers, known: Plant | None, at: datetime
) -> Plant:
    """The plant, from its list entry and its plant read; when that read failed, the one
    known from an earlier snapshot (its zone does not change)."""
    parse = parse_plant_classic if kind == "classic" else parse_plant_v1
    detail = next(iter(plant.answers.values()), None)
    if detail is not None:
        try:
            return parse(entry, detail, at=at)
        except GrowattError as err:
            plant.errors.setdefault("plant", err)
    return known if known is not None else parse(entry, at=at)


def _device_state(device: Device, reads: Answers, plant: Plant, at: datetime) -> DeviceState:
    """A device's reading and totals from its answers, in the order they were asked."""
    state = DeviceState(device, errors=dict(reads.errors), raw=dict(reads.answers))
    for name, answer in reads.answers.items():
        try:
            parsed = parse_answer(device.family, name, answer, plant.timezone)
        except GrowattError as err:
            state.errors[name] = err
            continue
        if state.reading is None:
            state.reading = parsed.reading
        if parsed.energy is not None:
            state.energy = (
                parsed.energy if state.energy is None else state.energy.merged(parsed.energy)
            )
    if state.energy is not None:
        state.energy = state.energy.on_day(plant.today(at))
    reading = state.reading
    if isinstance(reading, TlxReading) and reading.has_battery != device.capabilities.has_battery:
        # The listing cannot always tell a TL-XH from a NEO; the reading can.
        capabilities = replace(device.capabilities, has_battery=reading.has_battery)
        state.device = replace(device, capabilities=capabilities)
    if isinstance(reading, NoahReading) and reading.status_code is not None:
        # isPlantNoahSystem, the Noah's only listing, has no status; its reading has.
        code = reading.status_code
        state.device = replace(device, status=noah_status(code), status_code=code)
    return state


def _parent_tlx(pack: Device, devices: list[tuple[Device, Answers]]) -> Answers | None:
    """The reads of the TLX a battery pack hangs off: the plant's TLX on the pack's
    datalogger, else the plant's only TLX; ``None`` when that is ambiguous."""
    tlx = [(d, reads) for d, reads in devices if d.family is DeviceFamily.TLX]
    same_logger = [(d, reads) for d, reads in tlx if d.datalogger_serial == pack.datalogger_serial]
    candidates = same_logger or tlx
    return candidates[0][1] if len(candidates) == 1 else None


def with_pack_reads(devices: list[tuple[Device, Answers]]) -> list[tuple[Device, Answers]]:
    """Give each TLX battery pack its TLX's :data:`PACK_SOURCE` outcome (answer or
    error): the pack's values are in it, so it needs no request of its own."""
    out = []
    for device, own in devices:
        parent = None
        if device.family is DeviceFamily.TLX_BATTERY and not (own.answers or own.errors):
            parent = _parent_tlx(device, devices)
        if parent is None:
            out.append((device, own))
            continue
        shared = Answers(
            {k: v for k, v in parent.answers.items() if k == PACK_SOURCE},
            {k: v for k, v in parent.errors.items() if k == PACK_SOURCE},
        )
        out.append((device, shared))
    return out


def _devices_energy(states: list[DeviceState]) -> EnergyTotals | None:
    totals = [
        s.energy
        for s in states
        if s.energy is not None and s.device.family is not DeviceFamily.TLX_BATTERY
    ]
    if not totals:
        return None
    summed = totals[0]
    for more in totals[1:]:
        summed = summed.plus(more)
    return summed


def assemble_plant(
    kind: ApiKind,
    entry: Mapping[str, Any],
    plant_reads: Answers,
    devices: list[tuple[Device, Answers]],
    *,
    known: Plant | None,
    at: datetime,
) -> PlantState:
    """One plant's typed state from its raw answers, read at ``at``."""
    plant = _plant(kind, entry, plant_reads, known, at)
    state = PlantState(plant, errors=dict(plant_reads.errors), raw=dict(plant_reads.answers))
    state.devices = [
        _device_state(device, reads, plant, at) for device, reads in with_pack_reads(devices)
    ]
    energy: EnergyTotals | None = None
    for name, answer in plant_reads.answers.items():
        try:
            energy = parse_plant_energy(answer, name)
        except GrowattError as err:
            state.errors[name] = err
    if energy is None or energy.is_empty:
        energy = _devices_energy(state.devices)
    state.energy = None if energy is None else energy.on_day(plant.today(at))
    return state
