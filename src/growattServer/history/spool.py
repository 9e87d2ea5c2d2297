"""The ``FILE.part`` an export grows, one window at a time, and how it becomes ``FILE``.

CSV is written as the final format straight away. JSON and Parquet cannot be appended
to, so their rows are spooled as JSON lines and converted once, streaming, at the end:
JSON as one array written row by row, Parquet in row groups.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from growattServer.errors import GrowattError

from .rows import HistoryRow, Scalar

__all__ = ["ExportFormat", "MissingParquetError", "columns_of", "finish", "row_lines"]

#: Rows per Parquet row group (and per batch read back from the spool).
ROW_GROUP = 8192
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


def row_lines(
    rows: Iterable[HistoryRow], columns: list[str], fmt: ExportFormat, *, header: bool
) -> str:
    """The text one window appends to the ``.part`` file."""
    buffer = io.StringIO()
    if fmt is ExportFormat.CSV:
        writer = csv.writer(buffer, lineterminator="\n")
        if header:
            writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if v is None else v for v in _record(row, columns).values()])
    else:
        for row in rows:
            buffer.write(json.dumps(_record(row, columns), ensure_ascii=False))
            buffer.write("\n")
    return buffer.getvalue()


def _spooled(part: IO[str]) -> Iterator[dict[str, Any]]:
    for line in part:
        if line.strip():
            yield json.loads(line)


def finish(part: Path, target: Path, fmt: ExportFormat, kinds: dict[str, str]) -> None:
    """Turn the complete ``.part`` into ``target`` (written beside it, then renamed)."""
    if fmt is ExportFormat.CSV:
        part.replace(target)
        return
    staging = target.with_name(target.name + ".tmp")
    if fmt is ExportFormat.JSON:
        _write_json(part, staging)
    else:
        _write_parquet(part, staging, kinds)
    staging.replace(target)
    part.unlink()


def _write_json(part: Path, staging: Path) -> None:
    with part.open(encoding="utf-8") as source, staging.open("w", encoding="utf-8") as out:
        out.write("[")
        for count, record in enumerate(_spooled(source)):
            out.write(",\n" if count else "\n")
            out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n]\n")


def require_pyarrow() -> Any:
    """Import pyarrow, or explain in one line how to get it."""
    try:
        import pyarrow as pa  # type: ignore[import-untyped]  # noqa: PLC0415 - optional
        import pyarrow.parquet  # type: ignore[import-untyped]  # noqa: PLC0415
    except ImportError:
        msg = "Parquet output needs pyarrow: pip install 'growattServer-ng[parquet]'"
        raise MissingParquetError(msg) from None
    return pa


def _write_parquet(part: Path, staging: Path, kinds: dict[str, str]) -> None:
    pa = require_pyarrow()
    types = {"bool": pa.bool_(), "number": pa.float64(), "text": pa.string()}
    with part.open(encoding="utf-8") as source:
        records = _spooled(source)
        first = next(records, None)
        if first is None:
            pa.parquet.write_table(pa.table({TIME: pa.array([], pa.string())}), staging)
            return
        zone = first[TIME][19:] or "+00:00"  # "2026-06-21T10:05:00+02:00"
        fields = [pa.field(TIME, pa.timestamp("s", tz=zone))]
        fields += [pa.field(name, types[kinds.get(name, "text")]) for name in first if name != TIME]
        schema = pa.schema(fields)
        with pa.parquet.ParquetWriter(staging, schema) as writer:
            batch = [first]
            for record in records:
                batch.append(record)
                if len(batch) >= ROW_GROUP:
                    writer.write_table(_table(pa, batch, schema))
                    batch = []
            if batch:
                writer.write_table(_table(pa, batch, schema))


def _table(pa: Any, batch: list[dict[str, Any]], schema: Any) -> Any:
    columns = {}
    for field in schema:
        values = [record.get(field.name) for record in batch]
        if field.name == TIME:
            stamps = [dt.datetime.fromisoformat(str(v)) for v in values]
            columns[TIME] = pa.array(stamps, field.type)
        elif pa.types.is_floating(field.type):
            columns[field.name] = pa.array(
                [None if v is None else float(v) for v in values], field.type
            )
        elif pa.types.is_string(field.type):
            columns[field.name] = pa.array(
                [None if v is None else str(v) for v in values], field.type
            )
        else:
            columns[field.name] = pa.array(values, field.type)
    return pa.table(columns, schema=schema)


def kind_of(value: Scalar) -> str | None:
    """The Parquet kind of a value: ``bool``, ``number``, ``text``; ``None`` for null."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return "text"
