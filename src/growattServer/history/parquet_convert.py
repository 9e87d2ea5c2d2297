"""Spooled JSON lines → Parquet, in row groups; also a script of its own.

Run as a file (``python …/parquet_convert.py TARGET [MESSAGE]``) it
imports nothing but the standard library and pyarrow: the ``growatt history`` command
replaces itself with it (``exec``) once every window is fetched, so the HTTP stack and
Arrow's libraries (together more than the 80 MB budget) are never in one process.

Memory (``benchmarks/history_export_memory.py``): importing ``pyarrow.parquet`` is the
floor (~54 MB resident); above it the conversion holds one row group of Arrow columns,
:data:`BATCH` rows as Python values, and the file's footer (per row group and column),
which is why row groups are neither small nor huge.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

#: Rows per Parquet row group. Measured on a year of 5-minute v1 records (~100 columns):
#: 1024 → 78 MB peak, 4096 → 68 MB, 16384 → 79 MB (footer metadata vs column buffers).
ROW_GROUP = 4096
#: Rows turned from Python values into Arrow arrays at a time (Python objects cost ~30 x
#: their Arrow size, so they are converted early and buffered as Arrow until a row group).
BATCH = 256
TIME = "time"
NO_PYARROW = "Parquet output needs pyarrow: pip install 'growattServer-ng[parquet]'"
#: Arrow's default allocator (mimalloc) keeps ~10 MB more resident here than the C
#: library's; only effective before pyarrow is imported, i.e. in the script.
POOL_VARIABLE = "ARROW_DEFAULT_MEMORY_POOL"


def _epoch(text: object) -> int:
    return int(dt.datetime.fromisoformat(str(text)).timestamp())


_CONVERT: dict[str, Any] = {
    "number": lambda v: None if v is None else float(v),
    "text": lambda v: None if v is None else str(v),
    "bool": lambda v: v,
}


def convert(pa: Any, part: Path, staging: Path, kinds: dict[str, str]) -> None:
    """Write ``staging`` from the spool; ``kinds`` maps columns to bool/number/text.

    Values are gathered column by column (a list per column, not a dict per row),
    turned into Arrow every :data:`BATCH` rows and written every :data:`ROW_GROUP` rows,
    so memory stays flat however long the spool.
    """
    import pyarrow.parquet as pq  # type: ignore[import-untyped]  # noqa: PLC0415 - optional

    types = {"bool": pa.bool_(), "number": pa.float64(), "text": pa.string()}
    with part.open(encoding="utf-8") as source:
        first_line = source.readline()
        if not first_line.strip():
            pq.write_table(pa.table({TIME: pa.array([], pa.string())}), staging)
            return
        first = json.loads(first_line)
        zone = first[TIME][19:] or "+00:00"  # "2026-06-21T10:05:00+02:00"
        names = [name for name in first if name != TIME]
        kinds_of = [kinds.get(name, "text") for name in names]
        fields = [pa.field(TIME, pa.timestamp("s", tz=zone))]
        fields += [pa.field(name, types[kind]) for name, kind in zip(names, kinds_of, strict=True)]
        schema = pa.schema(fields)
        converters = [_CONVERT[kind] for kind in kinds_of]
        source.seek(0)
        with pq.ParquetWriter(staging, schema) as writer:
            group: list[Any] = []
            rows = 0
            for stamps, columns in _batches(source, names, converters):
                arrays = [pa.array(stamps, fields[0].type)]
                arrays += [
                    pa.array(values, field.type)
                    for values, field in zip(columns, fields[1:], strict=True)
                ]
                group.append(pa.RecordBatch.from_arrays(arrays, schema=schema))
                rows += len(stamps)
                if rows >= ROW_GROUP:
                    writer.write_table(pa.Table.from_batches(group, schema))
                    group, rows = [], 0
            if group:
                writer.write_table(pa.Table.from_batches(group, schema))


def _batches(
    source: IO[str], names: list[str], converters: list[Any]
) -> Iterator[tuple[list[int], list[list[Any]]]]:
    """(epoch seconds, one list per column) for every :data:`BATCH` spooled rows."""
    stamps: list[int] = []
    columns: list[list[Any]] = [[] for _ in names]
    for line in source:
        if not line.strip():
            continue
        record = json.loads(line)
        stamps.append(_epoch(record[TIME]))
        for name, column, to_value in zip(names, columns, converters, strict=True):
            column.append(to_value(record.get(name)))
        if len(stamps) >= BATCH:
            yield stamps, columns
            stamps, columns = [], [[] for _ in names]
    if stamps:
        yield stamps, columns


def finish_parquet(pa: Any, target: Path) -> None:
    """Convert ``TARGET.part`` (kinds from its checkpoint) to ``TARGET``, then clean up."""
    part = target.with_name(target.name + ".part")
    checkpoint = part.with_name(part.name + ".checkpoint")
    kinds = json.loads(checkpoint.read_text(encoding="utf-8")).get("kinds") or {}
    staging = target.with_name(target.name + ".tmp")
    convert(pa, part, staging, kinds)
    staging.replace(target)
    part.unlink()
    checkpoint.unlink()


def main(argv: list[str]) -> int:
    """``TARGET [MESSAGE]``: finish the export to TARGET, then print MESSAGE."""
    os.environ.setdefault(POOL_VARIABLE, "system")
    try:
        import pyarrow as pa  # noqa: PLC0415 - optional
    except ImportError:
        sys.stderr.write(f"error: {NO_PYARROW}\n")
        return 1

    finish_parquet(pa, Path(argv[0]))
    if len(argv) > 1:
        sys.stdout.write(argv[1] + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
