"""Resumable exports: ``FILE.part`` plus a checkpoint, renamed to ``FILE`` when complete.

After each window its rows are appended to ``FILE.part`` and flushed to disk, then the
checkpoint records how many windows are done and how long the part file was at that
moment. A rerun with the same source and format cuts the part file back to that length
(dropping a window that was half written when the process died) and carries on with the
next window, so the finished file has every row exactly once.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .rows import HistoryRow, Window
from .sources import HistorySource, instant, window_pages
from .spool import (
    ExportFormat,
    check_pyarrow,
    columns_of,
    finish,
    header_line,
    kind_of,
    row_line,
)

__all__ = [
    "Checkpoint",
    "ExportResult",
    "export_history",
    "finish_export",
    "iter_history",
    "part_paths",
]

CHECKPOINT_VERSION = 1

#: ``progress(windows_done, windows_total, rows_written)``
Progress = Callable[[int, int, int], None]


@dataclass(slots=True)
class Checkpoint:
    """What is safely in ``FILE.part``."""

    key: str
    format: str
    windows_done: int = 0
    rows: int = 0
    part_bytes: int = 0
    columns: list[str] | None = None
    kinds: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        """The checkpoint file's text."""
        return json.dumps({"version": CHECKPOINT_VERSION, **_fields(self)}, indent=1)

    @classmethod
    def load(cls, path: Path) -> Checkpoint | None:
        """The checkpoint at ``path``, or ``None`` if absent or unreadable."""
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.pop("version", None) != CHECKPOINT_VERSION:
            return None
        try:
            return cls(**data)
        except TypeError:
            return None


def _fields(checkpoint: Checkpoint) -> dict[str, Any]:
    return {name: getattr(checkpoint, name) for name in Checkpoint.__slots__}


@dataclass(frozen=True, slots=True)
class ExportResult:
    """A finished export: where, how many rows, and how many windows a rerun skipped."""

    path: Path
    rows: int
    windows: int
    resumed_windows: int


def part_paths(path: Path) -> tuple[Path, Path]:
    """``FILE.part`` and its checkpoint ``FILE.part.checkpoint``."""
    part = path.with_name(path.name + ".part")
    return part, path.with_name(part.name + ".checkpoint")


async def iter_history(source: HistorySource, *, start: int = 0) -> AsyncIterator[HistoryRow]:
    """Every row of the source in time order, window by window from window ``start``."""
    for window in source.windows()[start:]:
        for row in await source.fetch(window):
            yield row


async def export_history(
    source: HistorySource,
    path: Path,
    fmt: ExportFormat,
    *,
    progress: Progress | None = None,
    finish_file: bool = True,
) -> ExportResult:
    """Export every row of ``source`` to ``path``, resuming an interrupted run.

    The same source (its ``key``) and format continue after the last completed window;
    anything else starts afresh. Raises :class:`~.spool.MissingParquetError` before
    any request when Parquet is asked for without pyarrow. With ``finish_file`` false
    the complete ``FILE.part`` and its checkpoint are left for :func:`finish_export`
    (a rerun then goes straight to that step).
    """
    if fmt is ExportFormat.PARQUET:
        check_pyarrow()
    part, checkpoint_path = part_paths(path)
    windows = source.windows()
    checkpoint = Checkpoint.load(checkpoint_path)
    if checkpoint is None or checkpoint.key != source.key or checkpoint.format != fmt.value:
        checkpoint = Checkpoint(source.key, fmt.value)
    resumed = checkpoint.windows_done
    # Create the part file (0600 like everything else we write), then cut it back to
    # what the checkpoint vouches for.
    descriptor = os.open(part, os.O_RDWR | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "r+b") as out:
        out.truncate(checkpoint.part_bytes)
        out.seek(checkpoint.part_bytes)
        if progress is not None:
            progress(checkpoint.windows_done, len(windows), checkpoint.rows)
        for index in range(checkpoint.windows_done, len(windows)):
            header, lines = await _window_lines(source, windows[index], checkpoint, fmt)
            if lines:
                out.write(header)
                out.writelines(lines)
                out.flush()
                os.fsync(out.fileno())
            checkpoint.windows_done = index + 1
            checkpoint.rows += len(lines)
            checkpoint.part_bytes = out.tell()
            _save(checkpoint, checkpoint_path)
            if progress is not None:
                progress(checkpoint.windows_done, len(windows), checkpoint.rows)
    if finish_file:
        finish(part, path, fmt)
    return ExportResult(path, checkpoint.rows, len(windows), resumed)


def finish_export(path: Path, fmt: ExportFormat) -> None:
    """Turn a completely fetched ``FILE.part`` into ``FILE``."""
    finish(part_paths(path)[0], path, fmt)


async def _window_lines(
    source: HistorySource, window: Window, checkpoint: Checkpoint, fmt: ExportFormat
) -> tuple[bytes, list[bytes]]:
    """The header (if this window starts the file) and the window's lines in time order.

    Each page is encoded as it arrives, so a window is held as ~0.5 kB of text a row
    rather than as row objects (~10 kB for a v1 record); the export's first row names
    the columns.
    """
    header = ""
    stamped: list[tuple[float, bytes]] = []
    async for page in window_pages(source, window):
        if checkpoint.columns is None and page:
            checkpoint.columns = columns_of(page)
            header = header_line(checkpoint.columns, fmt)
        if checkpoint.columns is not None:
            _note_kinds(checkpoint.kinds, page)
            columns = checkpoint.columns
            stamped += [(instant(row), row_line(row, columns, fmt).encode()) for row in page]
    stamped.sort(key=lambda line: line[0])
    return header.encode(), [line for _, line in stamped]


def _note_kinds(kinds: dict[str, str], rows: list[HistoryRow]) -> None:
    """Remember each column's value kind; a column seen with two kinds becomes text."""
    for row in rows:
        for name, value in row.values.items():
            kind = kind_of(value)
            if kind is None:
                continue
            known = kinds.get(name)
            if known is None:
                kinds[name] = kind
            elif known != kind:
                kinds[name] = "text"


def _save(checkpoint: Checkpoint, path: Path) -> None:
    """Write the checkpoint atomically: a crash leaves the old one or the new one."""
    staging = path.with_name(path.name + ".tmp")
    descriptor = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(checkpoint.to_json())
        out.flush()
        os.fsync(out.fileno())
    staging.replace(path)
