"""The ``FILE.part`` an export grows, one window at a time, and how it becomes ``FILE``.

CSV is written as the final format straight away. JSON and Parquet cannot be appended
to, so their rows are spooled as JSON lines and converted once, streaming, at the end:
JSON as one array written row by row, Parquet in row groups
(:mod:`.parquet_convert`, which the command runs in a fresh process).
"""

from __future__ import annotations

import csv
import enum
import importlib.util
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from growattServer.errors import GrowattError

from .parquet_convert import NO_PYARROW, finish_parquet
from .rows import HistoryRow, Scalar

__all__ = [
    "ExportFormat",
    "MissingParquetError",
    "check_pyarrow",
    "columns_of",
    "finish",
    "header_line",
    "row_line",
]

TIME = "time"


class ExportFormat(enum.StrEnum):
    """Output formats of an export."""

    CSV = "csv"
    JSON = "json"
    PARQUET = "parquet"


class MissingParquetError(GrowattError):
    """Parquet output needs pyarrow: ``pip install 'growattServer-ng[parquet]'``."""


def columns_of(rows: Iterable[HistoryRow]) -> list[str]:
    """``time`` and the value names of the first row, in its order."""
    for row in rows:
        return [TIME, *row.values]
    return [TIME]


def _record(row: HistoryRow, columns: list[str]) -> dict[str, Scalar]:
    values = row.values
    return {TIME: row.time.isoformat(), **{c: values.get(c) for c in columns[1:]}}


def header_line(columns: list[str], fmt: ExportFormat) -> str:
    """What the ``.part`` file starts with: CSV's header; nothing for the spooled formats."""
    return _csv_line(columns) if fmt is ExportFormat.CSV else ""


def row_line(row: HistoryRow, columns: list[str], fmt: ExportFormat) -> str:
    """One row as the ``.part`` file holds it: a CSV line or a JSON line."""
    record = _record(row, columns)
    if fmt is ExportFormat.CSV:
        return _csv_line(["" if value is None else value for value in record.values()])
    return json.dumps(record, ensure_ascii=False) + "\n"


def _csv_line(cells: list[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def _spooled(part: IO[str]) -> Iterator[dict[str, Any]]:
    for line in part:
        if line.strip():
            yield json.loads(line)


def finish(part: Path, target: Path, fmt: ExportFormat) -> None:
    """Turn the complete ``.part`` into ``target`` (written beside it, then renamed) and
    remove the part file and its checkpoint."""
    checkpoint = part.with_name(part.name + ".checkpoint")
    if fmt is ExportFormat.PARQUET:
        finish_parquet(require_pyarrow(), target)
        return
    if fmt is ExportFormat.CSV:
        part.replace(target)
    else:
        staging = target.with_name(target.name + ".tmp")
        _write_json(part, staging)
        staging.replace(target)
        part.unlink()
    checkpoint.unlink(missing_ok=True)


def _write_json(part: Path, staging: Path) -> None:
    with part.open(encoding="utf-8") as source, staging.open("w", encoding="utf-8") as out:
        out.write("[")
        for count, record in enumerate(_spooled(source)):
            out.write(",\n" if count else "\n")
            out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n]\n")


def check_pyarrow() -> None:
    """Explain in one line how to get pyarrow if it is not installed, without importing it.

    Importing pyarrow costs ~35 MB of resident memory; the fetching process never needs it.
    """
    if importlib.util.find_spec("pyarrow") is None:
        raise MissingParquetError(NO_PYARROW)


def require_pyarrow() -> Any:
    """Import pyarrow, or explain in one line how to get it."""
    try:
        import pyarrow as pa  # type: ignore[import-untyped]  # noqa: PLC0415 - optional
        import pyarrow.parquet  # type: ignore[import-untyped]  # noqa: PLC0415
    except ImportError:
        raise MissingParquetError(NO_PYARROW) from None
    return pa


def kind_of(value: Scalar) -> str | None:
    """The Parquet kind of a value: ``bool``, ``number``, ``text``; ``None`` for null."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return "text"
