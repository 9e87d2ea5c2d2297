"""The history library on its own: windows, row sets across window edges, resume."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import subprocess
import sys
from collections.abc import AsyncIterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from growattServer.aio import AsyncGrowattApi, AsyncOpenApiV1
from growattServer.errors import GrowattParameterError
from growattServer.history import (
    ExportFormat,
    HistoryRow,
    Resolution,
    Window,
    export_history,
    history_source,
    iter_history,
    locate,
    parquet_convert,
    part_paths,
)
from growattServer.history.windows import month_windows, span_windows, year_windows
from tests.aio.conftest import FAST
from tests.conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER

FIVE_MINUTES = dt.timedelta(minutes=5)
dates = st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))


@settings(max_examples=150, deadline=None)
@given(first=dates, length=st.integers(0, 800), days=st.integers(1, 9))
def test_windows_cover_the_range_once_in_order(first, length, days):
    last = first + dt.timedelta(days=length)
    for windows in (
        span_windows(first, last, days),
        month_windows(first, last),
        year_windows(first, last),
    ):
        assert windows[0].first == first
        assert windows[-1].last == last
        for before, after in itertools.pairwise(windows):
            assert after.first == before.last + dt.timedelta(days=1)
        assert all(w.first <= w.last for w in windows)
    assert all((w.last - w.first).days < days for w in span_windows(first, last, days))
    assert all(w.first.month == w.last.month for w in month_windows(first, last))


def test_a_range_that_ends_before_it_starts_is_refused():
    with pytest.raises(GrowattParameterError):
        span_windows(dt.date(2026, 6, 2), dt.date(2026, 6, 1), 3)


@contextlib.asynccontextmanager
async def classic_api(sim) -> AsyncIterator[AsyncGrowattApi]:
    async with AsyncGrowattApi(server_url=sim.base_url) as api:
        await api.login(DEMO_USER, DEMO_PASSWORD)
        yield api


def assert_every_slot_once(rows: list[HistoryRow], first: dt.date, days: int) -> None:
    assert len(rows) == days * 288
    zone = rows[0].time.tzinfo
    start = dt.datetime.combine(first, dt.time(), tzinfo=zone)
    assert [row.time for row in rows] == [start + FIVE_MINUTES * (n + 1) for n in range(len(rows))]


async def test_v1_records_across_window_edges_far_from_utc(make_sim):
    """Perth (+8): the UTC days asked for straddle every local window; no row is lost
    or repeated where two windows meet."""
    sim = make_sim()
    async with AsyncOpenApiV1(DEMO_TOKEN, server_url=sim.base_url, options=FAST) as api:
        target = await locate(api, "token", serial="QMN0D2K15E")
        assert str(target.zone) == "Australia/Perth"
        first = dt.date(2026, 6, 1)
        source = history_source(api, target, Resolution.FIVE_MINUTES, first, dt.date(2026, 6, 13))
        assert len(source.windows()) == 3  # 6-day windows: 1-6, 7-12, 13
        rows = [row async for row in iter_history(source)]
    assert_every_slot_once(rows, first, 13)


async def test_classic_month_and_day_resolution_rows(make_sim):
    sim = make_sim()
    async with classic_api(sim) as api:
        target = await locate(api, "classic", serial="WPD3C1A0K7")
        days = history_source(
            api, target, Resolution.DAY, dt.date(2026, 5, 30), dt.date(2026, 6, 2)
        )
        day_rows = [row async for row in iter_history(days)]
        months = history_source(
            api, target, Resolution.MONTH, dt.date(2026, 5, 15), dt.date(2026, 6, 2)
        )
        month_rows = [row async for row in iter_history(months)]
    assert [r.time.date().isoformat() for r in day_rows] == [
        "2026-05-30",
        "2026-05-31",
        "2026-06-01",
        "2026-06-02",
    ]
    assert [r.time.date().isoformat() for r in month_rows] == ["2026-05-01", "2026-06-01"]
    # a month is the sum of its days
    async with classic_api(sim) as api:
        may_days = history_source(
            api, target, Resolution.DAY, dt.date(2026, 5, 1), dt.date(2026, 5, 31)
        )
        total = sum([float(r.values["produced_kwh"]) async for r in iter_history(may_days)])
    assert total == pytest.approx(float(month_rows[0].values["produced_kwh"]), abs=1.0)


class InterruptError(Exception):
    pass


class FailingAfter:
    """A source that raises after ``k`` windows, the way a crash or Ctrl-C would."""

    def __init__(self, source, k: int) -> None:
        self.source, self.k, self.fetched = source, k, 0
        self.key = source.key

    def windows(self) -> list[Window]:
        return self.source.windows()

    async def fetch(self, window: Window) -> list[HistoryRow]:
        if self.fetched == self.k:
            raise InterruptError
        self.fetched += 1
        return await self.source.fetch(window)


@pytest.mark.parametrize("fmt", list(ExportFormat))
async def test_export_resumes_after_an_exception_with_exactly_the_same_file(
    make_sim, tmp_path, fmt
):
    sim = make_sim()
    async with classic_api(sim) as api:
        target = await locate(api, "classic", serial="BZP0C4N08J")
        source = history_source(
            api, target, Resolution.FIVE_MINUTES, dt.date(2026, 6, 1), dt.date(2026, 6, 4)
        )
        whole = tmp_path / f"whole.{fmt}"
        await export_history(source, whole, fmt)
        out = tmp_path / f"resumed.{fmt}"
        with pytest.raises(InterruptError):
            await export_history(FailingAfter(source, 2), out, fmt)
        part, checkpoint = part_paths(out)
        assert json.loads(checkpoint.read_text())["windows_done"] == 2
        seen: list[tuple[int, int, int]] = []
        result = await export_history(source, out, fmt, progress=lambda *a: seen.append(a))
    assert result.resumed_windows == 2
    assert seen[0] == (2, 4, 576)
    assert seen[-1] == (4, 4, 4 * 288)
    assert not part.exists()
    assert not checkpoint.exists()
    assert out.read_bytes() == whole.read_bytes() or fmt is ExportFormat.PARQUET
    if fmt is ExportFormat.PARQUET:
        import pyarrow.parquet as pq

        assert pq.read_table(out).equals(pq.read_table(whole))


async def test_a_different_export_to_the_same_file_starts_afresh(make_sim, tmp_path):
    sim = make_sim()
    async with classic_api(sim) as api:
        target = await locate(api, "classic", serial="BZP0C4N08J")
        june = history_source(
            api, target, Resolution.FIVE_MINUTES, dt.date(2026, 6, 1), dt.date(2026, 6, 3)
        )
        may = history_source(
            api, target, Resolution.FIVE_MINUTES, dt.date(2026, 5, 1), dt.date(2026, 5, 2)
        )
        out = tmp_path / "x.csv"
        with pytest.raises(InterruptError):
            await export_history(FailingAfter(june, 1), out, ExportFormat.CSV)
        result = await export_history(may, out, ExportFormat.CSV)
    assert result.resumed_windows == 0
    lines = out.read_text().splitlines()
    assert len(lines) == 1 + 2 * 288
    assert lines[1].startswith("2026-05-01T00:00")


class ReversedPages:
    """A paged source whose answers come newest first, a few rows at a time."""

    key = "reversed-pages"

    def __init__(self, days: int) -> None:
        self.start = dt.datetime(2026, 3, 28, tzinfo=dt.timezone(dt.timedelta(hours=1)))
        self.days = days

    def windows(self) -> list[Window]:
        first = self.start.date()
        return span_windows(first, first + dt.timedelta(days=self.days - 1), 2)

    async def pages(self, window: Window) -> AsyncIterator[list[HistoryRow]]:
        midnight = dt.datetime.combine(window.first, dt.time(), tzinfo=self.start.tzinfo)
        slots = ((window.last - window.first).days + 1) * 288
        stamps = [midnight + FIVE_MINUTES * n for n in range(slots)]
        for end in range(slots, 0, -100):  # newest page first, newest row first
            page = reversed(stamps[max(0, end - 100) : end])
            yield [HistoryRow(t, {"n": int(t.timestamp()), "label": f"{t:%H:%M}"}) for t in page]

    async def fetch(self, window: Window) -> list[HistoryRow]:
        rows = [row async for page in self.pages(window) for row in page]
        return sorted(rows, key=lambda row: row.time)


@pytest.mark.parametrize("fmt", list(ExportFormat))
async def test_pages_out_of_order_are_written_in_time_order(tmp_path, fmt):
    source = ReversedPages(days=5)
    out = tmp_path / f"paged.{fmt}"
    result = await export_history(source, out, fmt)
    assert result.rows == 5 * 288
    if fmt is ExportFormat.CSV:
        stamps = [int(line.split(",")[1]) for line in out.read_text().splitlines()[1:]]
    elif fmt is ExportFormat.JSON:
        stamps = [record["n"] for record in json.loads(out.read_text())]
    else:
        import pyarrow.parquet as pq

        table = pq.read_table(out)
        assert [int(t.timestamp()) for t in table.column("time").to_pylist()] == table.column(
            "n"
        ).to_pylist()
        assert table.column("label").to_pylist()[:2] == ["00:00", "00:05"]
        stamps = [int(n) for n in table.column("n").to_pylist()]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps) == 5 * 288


def test_the_fetching_process_never_imports_pyarrow(tmp_path):
    """A Parquet export fetches without pyarrow (~35 MB) and converts in a fresh process."""
    script = (
        "import asyncio, sys; from pathlib import Path\n"
        "from growattServer.history import ExportFormat, export_history\n"
        "from tests.history.test_history import ReversedPages\n"
        f"asyncio.run(export_history(ReversedPages(3), Path({str(tmp_path / 'a.parquet')!r}),"
        " ExportFormat.PARQUET, finish_file=False))\n"
        "print(sorted(m for m in sys.modules if m.startswith('pyarrow')))\n"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout == "[]\n"
    converted = subprocess.run(  # noqa: S603
        [sys.executable, "-P", parquet_convert.__file__, str(tmp_path / "a.parquet"), "done"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert converted.stdout == "done\n"
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "a.parquet").num_rows == 3 * 288
