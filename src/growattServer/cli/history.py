"""`growatt history`: export a device's or plant's history to CSV, JSON or Parquet.

Windowed and paged within the API's limits (see :mod:`growattServer.history`), with a
progress bar on stderr, and resumable: an interrupted export leaves ``FILE.part`` and a
checkpoint, and the same command run again continues after the last complete window.

A Parquet export ends by replacing this process (``exec``) with the converter script
:mod:`growattServer.history.parquet_convert`: Python with the HTTP stack is ~50 MB
resident and Python with ``pyarrow.parquet`` ~52 MB, so only never sharing a process
keeps an export under 80 MB (the fetch does not import pyarrow at all).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from growattServer.history import (
    Columns,
    ExportFormat,
    ExportResult,
    PacedCaller,
    Resolution,
    export_history,
    finish_export,
    history_source,
    locate,
    parquet_convert,
    part_paths,
)

from .errors import CliError, ExitCode
from .options import add_common_options
from .output import Output
from .session import configured_account, open_client


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"not a date: {text!r} (use YYYY-MM-DD)"
        raise argparse.ArgumentTypeError(msg) from None


def _zone(text: str) -> dt.tzinfo:
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        msg = f"unknown time zone {text!r} (use an IANA name such as Europe/Amsterdam)"
        raise argparse.ArgumentTypeError(msg) from None


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "history",
        help="export history to CSV, JSON or Parquet (resumable)",
        description="Export the history of a device or plant. Rerun the same command "
        "after an interruption to resume.",
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--device", metavar="SERIAL", help="the device's serial number")
    what.add_argument("--plant", metavar="ID", help="the whole plant")
    parser.add_argument(
        "--from", dest="first", type=_day, required=True, help="first day (YYYY-MM-DD)"
    )
    parser.add_argument("--to", dest="last", type=_day, help="last day, included (default: today)")
    parser.add_argument(
        "--resolution",
        choices=[r.value for r in Resolution],
        default=Resolution.FIVE_MINUTES.value,
        help="5min (default), day or month",
    )
    parser.add_argument(
        "--format",
        choices=[f.value for f in ExportFormat],
        help="csv, json or parquet (default: from the file name, else csv)",
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    parser.add_argument(
        "--tz",
        type=_zone,
        help="time zone of the timestamps (default: the plant's zone, daylight saving "
        "time included, found from its offset, country and coordinates)",
    )
    parser.add_argument(
        "--columns",
        choices=[c.value for c in Columns],
        default=Columns.NORMALISED.value,
        help="normalised (default: W for 5-minute rows, kWh for day and month rows), "
        "raw (Growatt's own names and units) or all (both)",
    )
    add_common_options(parser)
    parser.set_defaults(run=run)


def export_format(args: argparse.Namespace) -> ExportFormat:
    if args.format:
        return ExportFormat(args.format)
    suffix = args.output.suffix.lstrip(".").lower()
    return ExportFormat(suffix) if suffix in {f.value for f in ExportFormat} else ExportFormat.CSV


class _Bar:
    """A rich progress bar on stderr (only when stderr is a terminal and not --json)."""

    def __init__(self, stack: ExitStack, out: Output, label: str) -> None:
        self._progress: Progress | None = None
        if not out.json and sys.stderr.isatty():
            self._progress = stack.enter_context(
                Progress(
                    TextColumn("{task.description}"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TextColumn("windows, {task.fields[rows]} rows"),
                    TimeElapsedColumn(),
                    console=out.stderr,
                    transient=True,
                )
            )
            self._task = self._progress.add_task(label, total=None, rows=0)
        self._label = label

    def windows(self, done: int, total: int, rows: int) -> None:
        if self._progress is not None:
            self._progress.update(
                self._task, completed=done, total=total, rows=rows, description=self._label
            )

    def waiting(self, seconds: float) -> None:
        if self._progress is not None:
            text = f"{self._label} (waiting {seconds:.0f} s for the rate limit)"
            self._progress.update(self._task, description=text)


async def _export(args: argparse.Namespace, out: Output, fmt: ExportFormat) -> ExportResult:
    runtime = args.runtime
    last = args.last or dt.datetime.fromtimestamp(runtime.clock()).date()
    if last < args.first:
        msg = f"--to {last} is before --from {args.first}"
        raise CliError(msg, ExitCode.USAGE)
    with ExitStack() as stack:
        bar = _Bar(stack, out, f"{args.device or 'plant ' + str(args.plant)}")
        async with open_client(configured_account(args), runtime) as client:
            api = PacedCaller(client.api, sleep=runtime.sleep, on_wait=bar.waiting)
            target = await locate(
                api,
                client.kind,
                serial=args.device,
                plant_id=args.plant,
                zone=args.tz,
                now=dt.datetime.fromtimestamp(runtime.clock(), dt.UTC),
            )
            source = history_source(
                api,
                target,
                Resolution(args.resolution),
                args.first,
                last,
                columns=Columns(args.columns),
            )
            return await export_history(
                source, args.output, fmt, progress=bar.windows, finish_file=False
            )


def _exec_converter(target: Path, message: str) -> None:
    """Become the Parquet converter (``-P``: its own folder stays off ``sys.path``)."""
    sys.stdout.flush()
    sys.stderr.flush()
    script = str(Path(parquet_convert.__file__))
    os.execv(sys.executable, [sys.executable, "-P", script, str(target), message])  # noqa: S606


def run(args: argparse.Namespace) -> int:
    out = Output(args)
    fmt = export_format(args)
    try:
        result = asyncio.run(_export(args, out, fmt))
    except BaseException:
        part, checkpoint = part_paths(args.output)
        if checkpoint.exists():
            out.note(f"partial export kept in {part}; run the same command again to resume")
        raise
    summary = {
        "path": str(result.path),
        "format": fmt.value,
        "rows": result.rows,
        "windows": result.windows,
        "resumed_windows": result.resumed_windows,
    }
    if out.json:
        message = json.dumps(summary, indent=2)
    else:
        resumed = (
            f", resumed after {result.resumed_windows} of {result.windows} windows"
            if result.resumed_windows
            else ""
        )
        message = f"Wrote {result.rows} rows to {result.path}{resumed}"
    if fmt is ExportFormat.PARQUET and args.runtime.exec_parquet:
        _exec_converter(args.output, message)
    finish_export(args.output, fmt)
    sys.stdout.write(message + "\n")
    return 0
