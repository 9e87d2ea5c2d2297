"""What `growatt demo` reads: one typed snapshot, then today's PV curve of every plant.

No single classic call charts a whole plant, so a plant's curve is the sum of the day
charts that together cover its PV devices, each device once:

* the plant dashboard (``getEnergyStorageData``) charts its MIX, SPA and SPF devices
  together (shinephone-api.md §4.8), one call for all of them;
* a string inverter has ``getInverterData``, a TLX ``getTlxData`` (§4.9, §4.10);
* a TLX battery pack's PV is its inverter's; a Noah has no day chart and is left out
  (the curve says so).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from growattServer.aio import AsyncGrowattApi
from growattServer.client import GrowattClient
from growattServer.engine import EngineOptions
from growattServer.errors import GrowattError
from growattServer.models import AccountSnapshot, DeviceFamily, PlantState
from growattServer.models.series import (
    Point,
    Series,
    SeriesKind,
    parse_day_chart_classic,
    parse_pac_chart_classic,
)
from growattServer.protocol import classic as ep

__all__ = ["DemoData", "PlantCurve", "plant_curve", "read_demo", "summed"]

#: The families the plant dashboard charts together.
DASHBOARD_FAMILIES = frozenset({DeviceFamily.MIX, DeviceFamily.SPA, DeviceFamily.STORAGE})
#: Families with no PV of their own to chart.
NO_PV = frozenset({DeviceFamily.TLX_BATTERY})


@dataclass(frozen=True, slots=True)
class PlantCurve:
    """A plant's PV power today (W, 5-minute points, plant time), the serials it sums,
    the PV devices no chart covers, and the chart reads that failed."""

    series: Series
    covers: tuple[str, ...]
    missing: tuple[str, ...] = ()
    errors: dict[str, GrowattError] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DemoData:
    """The snapshot and, by plant id, each plant's curve."""

    snapshot: AccountSnapshot
    curves: dict[str, PlantCurve]


ChartRead = Callable[[], Awaitable[Series]]


async def read_demo(
    username: str,
    password: str,
    *,
    server_url: str,
    clock: Callable[[], float],
    options: EngineOptions | None = None,
) -> DemoData:
    """Log in once, take a snapshot, then read every plant's day charts concurrently."""
    async with GrowattClient.classic(
        username, password, server_url=server_url, clock=clock, options=options
    ) as client:
        snapshot = await client.snapshot()
        curves = await asyncio.gather(
            *(plant_curve(client.api, plant, snapshot.taken_at) for plant in snapshot.plants)
        )
    return DemoData(snapshot, {p.plant_id: c for p, c in zip(snapshot.plants, curves, strict=True)})


async def plant_curve(api: AsyncGrowattApi, plant: PlantState, now: datetime) -> PlantCurve:
    """The plant's PV curve for its local day at ``now``."""
    zone, day = plant.plant.timezone, plant.plant.today(now)

    def pv_column(answer: Any) -> Series:
        return parse_day_chart_classic(answer, day, "ppv", zone)

    def pac(answer: Any) -> Series:
        return parse_pac_chart_classic(answer, zone)

    reads: dict[tuple[str, ...], ChartRead] = {}
    missing: list[str] = []
    dashboard = tuple(d.serial for d in plant.devices if d.device.family in DASHBOARD_FAMILIES)
    if dashboard:
        # Timespan.hour is type 0: the day in 5-minute points (shinephone-api.md §6).
        reads[dashboard] = _chart(
            api,
            ep.DASHBOARD_DATA,
            pv_column,
            plant_id=plant.plant_id,
            day=day,
            timespan=ep.Timespan.hour,
        )
    for state in plant.devices:
        family, serial = state.device.family, state.serial
        if family is DeviceFamily.INVERTER:
            reads[(serial,)] = _chart(api, ep.INVERTER_DATA, pac, inverter_id=serial, day=day)
        elif family is DeviceFamily.TLX:
            reads[(serial,)] = _chart(api, ep.TLX_DATA, pac, tlx_id=serial, day=day)
        elif family not in DASHBOARD_FAMILIES | NO_PV:
            missing.append(serial)
    answers = await asyncio.gather(*(read() for read in reads.values()), return_exceptions=True)
    charts: list[Series] = []
    covers: list[str] = []
    errors: dict[str, GrowattError] = {}
    for serials, answer in zip(reads, answers, strict=True):
        if isinstance(answer, GrowattError):
            errors[", ".join(serials)] = answer
        elif isinstance(answer, BaseException):
            raise answer
        else:
            charts.append(answer)
            covers.extend(serials)
    return PlantCurve(summed(charts), tuple(covers), tuple(missing), errors)


def _chart(
    api: AsyncGrowattApi,
    endpoint: ep.ClassicEndpoint[Any],
    parse: Callable[[Any], Series],
    **args: Any,
) -> ChartRead:
    """A day-chart read, not started yet."""

    async def read() -> Series:
        return parse(await api.fetch(endpoint, **args))

    return read


def summed(charts: Iterable[Series]) -> Series:
    """Power series added point by point; a time no chart has a value for stays empty."""
    totals: dict[datetime, float | None] = {}
    for chart in charts:
        for point in chart.points:
            known = totals.get(point.time)
            if point.value is None:
                totals.setdefault(point.time, None)
            else:
                totals[point.time] = point.value + (known or 0.0)
    points = tuple(Point(moment, value) for moment, value in sorted(totals.items()))
    return Series(SeriesKind.POWER, points)
