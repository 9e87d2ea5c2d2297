"""Where each kind of history comes from, and how a window of it becomes rows.

Each source knows its windows (what one request may cover) and reads one window into
rows in time order. Raw columns keep Growatt's own field names and units (classic
charts: kW for power, kWh for energy; v1 records: W and kWh; plant charts: W and kWh);
normalised columns are computed from them with the models' mappings
(:mod:`growattServer.models.charts`, :mod:`~growattServer.models.records`): flows in W
for 5-minute rows, kWh per quantity for day and month rows.

Growatt's chart labels are the plant's wall clock, and 5-minute rows from charts
(classic day charts, ``getInverterData``, v1 ``plant/power``) are stamped as Growatt
labels them: 00:00–23:55, each point the 5 minutes from its label ("00:00" is the day's
first row). A label that does not exist on the wall clock (the hour skipped when
daylight saving time starts) names no moment and is left out; a label the clock shows
twice (when it ends) is its first occurrence. v1 records (``tlx_data``/``mix_data``)
carry the time each was taken.

| API | target | 5min | day | month |
|---|---|---|---|---|
| classic | tlx, mix | ``getEnergyProdAndCons_KW`` 0, a day | type 1, a month | type 2, a year |
| classic | inverter | ``getInverterData``, a day per call | – | – |
| classic | plant | ``PlantDetailAPI`` type 0 | type 1 | type 2 |
| token | MIN (7), SPH (5) | ``tlx_data``/``mix_data``, ≤ 7 days, 100 a page | – | – |
| token | plant | ``plant/power``, a day per call | ``plant/energy``, ≤ 7 days | a year |
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from growattServer.errors import UnexpectedResponseError, UnsupportedDeviceError
from growattServer.models import EnergyQuantity, PowerFlow, Reading
from growattServer.models.charts import (
    day_chart_flow,
    energy_columns,
    flow_columns,
    period_chart_energy,
)
from growattServer.models.fields import Fields
from growattServer.models.records import mix_record, tlx_record
from growattServer.models.times import parse_chart_label
from growattServer.protocol import classic as ep
from growattServer.protocol import openapi_v1 as v1
from growattServer.protocol.request import Endpoint

from .locate import PLANT, Target
from .pacing import Fetcher
from .rows import Columns, HistoryRow, Resolution, Scalar, Window, scalars
from .windows import day_windows, month_windows, next_month, span_windows, year_windows

__all__ = ["HistorySource", "PagedHistorySource", "history_source", "window_pages"]

ONE_DAY = dt.timedelta(days=1)
#: v1 history pages hold at most 100 rows (openapi.md §2 row 9).
V1_PAGE_SIZE = 100
#: Local days per v1 record window: with the UTC day on either side it stays within
#: the documented 7-day limit for every offset.
V1_RECORD_WINDOW_DAYS = 6
#: plant/energy in day mode: at most 7 days apart (openapi.md §2 row 5).
V1_ENERGY_WINDOW_DAYS = 7


class HistorySource(Protocol):
    """The windows of an export, and one window's rows."""

    @property
    def key(self) -> str:
        """Names what is exported (a resumed export must be the same)."""
        ...

    def windows(self) -> list[Window]:
        """Every window, oldest first."""
        ...

    async def fetch(self, window: Window) -> list[HistoryRow]:
        """The rows of one window, in time order."""
        ...


@runtime_checkable
class PagedHistorySource(HistorySource, Protocol):
    """A source whose windows come in several answers (pages), each usable on its own.

    An export encodes each page as it arrives instead of holding a whole window of rows
    (a v1 record window is ~1,700 rows of ~100 values: ~20 MB as Python objects).
    """

    def pages(self, window: Window) -> AsyncIterator[list[HistoryRow]]:
        """The rows of one window, one answer at a time; not necessarily in time order."""
        ...


async def window_pages(source: HistorySource, window: Window) -> AsyncIterator[list[HistoryRow]]:
    """A window's rows page by page when the source offers that, else all at once."""
    if isinstance(source, PagedHistorySource):
        async for page in source.pages(window):
            yield page
    else:
        yield await source.fetch(window)


#: Raw values of one row → its normalised values.
Normaliser = Callable[[Fields], Mapping[str, Scalar]]


@dataclass(frozen=True, slots=True)
class _Base:
    api: Fetcher
    target: Target
    resolution: Resolution
    first: dt.date
    last: dt.date
    columns: Columns = Columns.NORMALISED

    @property
    def key(self) -> str:
        t = self.target
        return (
            f"{t.api}:{t.family}:{t.plant_id}:{t.serial or ''}:{self.resolution.value}:"
            f"{self.first.isoformat()}:{self.last.isoformat()}:{t.zone}:{self.columns.value}"
        )

    def shaped(self, raw: dict[str, Scalar], normalise: Normaliser) -> dict[str, Scalar]:
        """The values a row carries for :attr:`columns`, from Growatt's raw ones."""
        if self.columns is Columns.RAW:
            return raw
        normalised = dict(normalise(Fields(raw, self.target.name, self.target.zone)))
        return normalised if self.columns is Columns.NORMALISED else {**normalised, **raw}

    def windows(self) -> list[Window]:
        if self.resolution is Resolution.DAY:
            return month_windows(self.first, self.last)
        if self.resolution is Resolution.MONTH:
            return year_windows(self.first, self.last)
        return day_windows(self.first, self.last)

    def at(self, day: dt.date) -> dt.datetime:
        """The midnight starting ``day`` in the plant's zone."""
        return dt.datetime.combine(day, dt.time(), tzinfo=self.target.zone)

    def labelled(self, label: object, day: dt.date) -> dt.datetime | None:
        """A chart label (``HH:MM`` on ``day``, or ``YYYY-MM-DD HH:MM``) as the wall time
        it names in the plant's zone; ``None`` when the wall clock skips that time."""
        return parse_chart_label(label, self.target.zone, "history chart time", day)

    def period_rows(
        self,
        window: Window,
        series: Mapping[str, list[Any]],
        *,
        monthly: bool,
        normalise: Normaliser | None = None,
    ) -> list[HistoryRow]:
        """Rows from arrays indexed by day of month (or month of year); normalised, kWh
        per quantity (default: :data:`~growattServer.models.charts.PERIOD_CHART_ENERGY`)."""
        rows = []
        for start in _periods(window, monthly=monthly):
            index = (start.month if monthly else start.day) - 1
            values = {
                name: _value(column[index])
                for name, column in series.items()
                if isinstance(column, list) and index < len(column)
            }
            shaped = self.shaped(values, normalise or _period_energy)
            rows.append(HistoryRow(self.at(start), shaped))
        return rows


def instant(row: HistoryRow) -> float:
    """A row's moment as a number: aware times in one zone compare by wall clock, which
    puts the repeated autumn hour out of order."""
    return row.time.timestamp()


def _period_energy(fields: Fields) -> dict[str, Scalar]:
    return dict(energy_columns(period_chart_energy(fields)))


def _plant_energy(fields: Fields) -> dict[str, Scalar]:
    return dict(energy_columns({EnergyQuantity.PRODUCED: fields.energy_kwh("energy")}))


def _plant_power(fields: Fields) -> dict[str, Scalar]:
    """Growatt's plant curve is what the plant produces (string inverters: AC output)."""
    return dict(flow_columns(PowerFlow(pv_w=fields.power_w("power"))))


def _inverter_power(fields: Fields) -> dict[str, Scalar]:
    """``invPacData`` is the inverter's AC output power (``pac``), W."""
    return dict(flow_columns(PowerFlow(ac_output_w=fields.power_w("ppv"))))


def _periods(window: Window, *, monthly: bool) -> list[dt.date]:
    """The days of the window, or the first days of its months."""
    if not monthly:
        return [window.first + ONE_DAY * n for n in range((window.last - window.first).days + 1)]
    starts, cursor = [], window.first.replace(day=1)
    while cursor <= window.last:
        starts.append(cursor)
        cursor = next_month(cursor)
    return starts


def _value(value: object) -> Scalar:
    """Growatt's numbers come as numbers or numeric text; text that is not a number stays."""
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def _chart(answer: object, member: str) -> dict[str, Any]:
    chart = answer.get(member) if isinstance(answer, dict) else None
    if not isinstance(chart, dict):
        msg = f"history: no {member} in the answer"
        raise UnexpectedResponseError(msg)
    return chart


# --- classic --------------------------------------------------------------------------------

_TIMESPAN = {
    Resolution.FIVE_MINUTES: ep.Timespan.hour,
    Resolution.DAY: ep.Timespan.day,
    Resolution.MONTH: ep.Timespan.month,
}


@dataclass(frozen=True, slots=True)
class ClassicDeviceChart(_Base):
    """TLX and MIX energy charts (``getEnergyProdAndCons_KW``)."""

    endpoint: Endpoint[dict[str, Any]] = ep.TLX_ENERGY_PROD_CONS
    id_arg: str = "tlx_id"

    async def fetch(self, window: Window) -> list[HistoryRow]:
        answer = await self.api.fetch(
            self.endpoint,
            plant_id=self.target.plant_id,
            day=window.first,
            timespan=_TIMESPAN[self.resolution],
            **{self.id_arg: self.target.serial},
        )
        chart = _chart(answer, "chartData")
        if self.resolution is not Resolution.FIVE_MINUTES:
            series = {k: v for k, v in chart.items() if isinstance(v, list)}
            return self.period_rows(window, series, monthly=self.resolution is Resolution.MONTH)
        unit = answer.get("unit2") or answer.get("chartDataUnit") or "kW"

        def flows(fields: Fields) -> dict[str, Scalar]:
            return dict(flow_columns(day_chart_flow(fields, str(unit))))

        rows = []
        for label, values in chart.items():
            stamp = self.labelled(label, window.first)
            if stamp is not None:
                raw = {k: _value(v) for k, v in values.items()} if isinstance(values, dict) else {}
                rows.append(HistoryRow(stamp, self.shaped(raw, flows)))
        return sorted(rows, key=instant)


@dataclass(frozen=True, slots=True)
class ClassicInverterChart(_Base):
    """A classic inverter's day of 5-minute PV power (``getInverterData``, W)."""

    async def fetch(self, window: Window) -> list[HistoryRow]:
        answer = await self.api.fetch(
            ep.INVERTER_DATA, inverter_id=self.target.serial, day=window.first
        )
        rows = []
        for key, power in _chart(answer, "invPacData").items():
            stamp = self.labelled(key, window.first)
            if stamp is not None:
                values = self.shaped({"ppv": _value(power)}, _inverter_power)
                rows.append(HistoryRow(stamp, values))
        return sorted(rows, key=instant)


@dataclass(frozen=True, slots=True)
class ClassicPlantChart(_Base):
    """A plant's power (W, 5-minute) or energy (kWh per day or month): ``PlantDetailAPI``."""

    async def fetch(self, window: Window) -> list[HistoryRow]:
        answer = await self.api.fetch(
            ep.PLANT_DETAIL,
            plant_id=self.target.plant_id,
            day=window.first,
            timespan=_TIMESPAN[self.resolution],
        )
        data = _chart(answer, "data")
        if self.resolution is Resolution.FIVE_MINUTES:
            rows = []
            for label, value in data.items():
                stamp = self.labelled(label, window.first)
                if stamp is not None:
                    values = self.shaped({"power": _value(value)}, _plant_power)
                    rows.append(HistoryRow(stamp, values))
            return sorted(rows, key=instant)
        # "01".."31" (days) or "01".."12" (months) → one array, index = number - 1
        ordered = [data.get(f"{n:02d}") for n in range(1, 32)]
        monthly = self.resolution is Resolution.MONTH
        return self.period_rows(
            window, {"energy": ordered}, monthly=monthly, normalise=_plant_energy
        )


# --- token API ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class V1DeviceRecords(_Base):
    """MIN/SPH 5-minute records (``tlx_data``/``mix_data``), paged, asked for in UTC."""

    endpoint: Endpoint[Any] = v1.MIN_ENERGY_HISTORY
    #: The models' mapping of one record (``tlx_record`` for MIN, ``mix_record`` for SPH).
    reading: Callable[[Fields], Reading] = tlx_record

    def windows(self) -> list[Window]:
        return span_windows(self.first, self.last, V1_RECORD_WINDOW_DAYS)

    async def fetch(self, window: Window) -> list[HistoryRow]:
        rows = [row async for page in self.pages(window) for row in page]
        return sorted(rows, key=instant)

    async def pages(self, window: Window) -> AsyncIterator[list[HistoryRow]]:
        # The window holds the slots that end after its first midnight, up to and
        # including its last one; asking in UTC for the days around it covers that.
        after, until = self.at(window.first), self.at(window.last + ONE_DAY)
        first_utc = after.astimezone(dt.UTC).date()
        last_utc = until.astimezone(dt.UTC).date()
        page, seen = 1, 0
        while True:
            data = await self.api.fetch(
                self.endpoint,
                device_sn=self.target.serial,
                start_date=first_utc,
                end_date=last_utc,
                timezone="UTC",
                page=page,
                limit=V1_PAGE_SIZE,
            )
            records = data.get("datas") if isinstance(data, dict) else None
            if not isinstance(records, list) or not records:
                return
            rows: list[HistoryRow] = []
            for record in records:
                stamp = _utc_stamp(record).astimezone(self.target.zone)
                if after < stamp <= until:
                    raw = scalars(record, skip=("time",))
                    rows.append(HistoryRow(stamp, self.shaped(raw, self.flows)))
            yield rows
            seen += len(records)
            if seen >= int(data.get("count") or 0):
                return
            page += 1

    def flows(self, fields: Fields) -> dict[str, Scalar]:
        """A record's flows, as the models read the family's latest record."""
        return dict(flow_columns(self.reading(fields).power_flow))


def _utc_stamp(record: object) -> dt.datetime:
    text = record.get("time") if isinstance(record, dict) else None
    try:
        return dt.datetime.strptime(str(text), "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.UTC)
    except ValueError:
        msg = f"history: unexpected record time {text!r}"
        raise UnexpectedResponseError(msg) from None


@dataclass(frozen=True, slots=True)
class V1PlantEnergy(_Base):
    """A plant's energy per day or month (``plant/energy``, paged)."""

    def windows(self) -> list[Window]:
        if self.resolution is Resolution.DAY:
            return span_windows(self.first, self.last, V1_ENERGY_WINDOW_DAYS)
        return year_windows(self.first, self.last)

    async def fetch(self, window: Window) -> list[HistoryRow]:
        unit = "day" if self.resolution is Resolution.DAY else "month"
        rows: list[HistoryRow] = []
        page = 1
        while True:
            data = await self.api.fetch(
                v1.PLANT_ENERGY_HISTORY,
                plant_id=self.target.plant_id,
                start_date=window.first,
                end_date=window.last,
                time_unit=unit,
                page=page,
                perpage=V1_PAGE_SIZE,
            )
            items = data.get("energys") if isinstance(data, dict) else None
            if not isinstance(items, list) or not items:
                break
            for item in items:
                day = _period_start(str(item.get("date", "")))
                raw = {"energy": _value(item.get("energy"))}
                rows.append(HistoryRow(self.at(day), self.shaped(raw, _plant_energy)))
            if len(rows) >= int(data.get("count") or 0):
                break
            page += 1
        return sorted(rows, key=instant)


def _period_start(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text if len(text) > 7 else f"{text}-01")
    except ValueError:
        msg = f"history: unexpected date {text!r}"
        raise UnexpectedResponseError(msg) from None


@dataclass(frozen=True, slots=True)
class V1PlantPower(_Base):
    """A plant's 5-minute power for one day per call (``plant/power``, W)."""

    async def fetch(self, window: Window) -> list[HistoryRow]:
        data = await self.api.fetch(
            v1.PLANT_POWER_OVERVIEW, plant_id=self.target.plant_id, day=window.first.isoformat()
        )
        points = data.get("powers") if isinstance(data, dict) else None
        rows = []
        for point in points if isinstance(points, list) else []:
            stamp = self.labelled(point.get("time"), window.first)
            if stamp is not None:
                values = self.shaped({"power": _value(point.get("power"))}, _plant_power)
                rows.append(HistoryRow(stamp, values))
        return sorted(rows, key=instant)


# --- choosing ------------------------------------------------------------------------------

_Builder = Callable[[Fetcher, Target, Resolution, dt.date, dt.date, Columns], HistorySource]


def _classic_chart(endpoint: Endpoint[dict[str, Any]], id_arg: str) -> _Builder:
    return lambda api, t, r, a, b, c: ClassicDeviceChart(api, t, r, a, b, c, endpoint, id_arg)


def _v1_records(endpoint: Endpoint[Any], reading: Callable[[Fields], Reading]) -> _Builder:
    return lambda api, t, r, a, b, c: V1DeviceRecords(api, t, r, a, b, c, endpoint, reading)


_FIVE, _DAY, _MONTH = Resolution.FIVE_MINUTES, Resolution.DAY, Resolution.MONTH
_TLX_CHART = _classic_chart(ep.TLX_ENERGY_PROD_CONS, "tlx_id")
_MIX_CHART = _classic_chart(ep.MIX_DETAIL, "mix_id")
_SOURCES: dict[tuple[str, str, Resolution], _Builder] = {
    **{("classic", "tlx", r): _TLX_CHART for r in Resolution},
    **{("classic", "mix", r): _MIX_CHART for r in Resolution},
    ("classic", "inverter", _FIVE): ClassicInverterChart,
    **{("classic", PLANT, r): ClassicPlantChart for r in Resolution},
    ("token", str(int(v1.DeviceType.MIN)), _FIVE): _v1_records(v1.MIN_ENERGY_HISTORY, tlx_record),
    ("token", str(int(v1.DeviceType.SPH)), _FIVE): _v1_records(v1.SPH_ENERGY_HISTORY, mix_record),
    ("token", PLANT, _FIVE): V1PlantPower,
    ("token", PLANT, _DAY): V1PlantEnergy,
    ("token", PLANT, _MONTH): V1PlantEnergy,
}


def history_source(
    api: Fetcher,
    target: Target,
    resolution: Resolution,
    first: dt.date,
    last: dt.date,
    *,
    columns: Columns = Columns.NORMALISED,
) -> HistorySource:
    """The source for this target and resolution over the local days ``first``..``last``,
    its rows carrying ``columns`` (default: the package's units).

    Month resolution covers every month the range touches. Raises
    :class:`~growattServer.errors.UnsupportedDeviceError` for combinations Growatt has
    no history call for.
    """
    builder = _SOURCES.get((target.api, target.family, resolution))
    if builder is None:
        what = "a plant" if target.family == PLANT else f"device type {target.family!r}"
        offered = sorted(r.value for a, f, r in _SOURCES if (a, f) == (target.api, target.family))
        hint = f" (available: {', '.join(offered)})" if offered else ""
        msg = f"no {resolution.value} history for {what} on the {target.api} API{hint}"
        raise UnsupportedDeviceError(msg)
    if resolution is Resolution.MONTH:
        first = first.replace(day=1)
    return builder(api, target, resolution, first, last, columns)
