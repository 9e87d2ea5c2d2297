"""History of a plant or device: windowed, paged fetching and resumable exports.

    target = await locate(api, "classic", serial="BZP0C4N08J")
    source = history_source(api, target, Resolution.FIVE_MINUTES, first, last)
    async for row in iter_history(source):
        ...
    await export_history(source, Path("min.csv"), ExportFormat.CSV)

``api`` is an :class:`~growattServer.aio.AsyncGrowattApi` or
:class:`~growattServer.aio.AsyncOpenApiV1` (or a :class:`PacedCaller` around one, to
wait out rate limits instead of failing). Library code: the ``growatt history`` command
is built on it.
"""

from .export import (
    Checkpoint,
    ExportResult,
    export_history,
    finish_export,
    iter_history,
    part_paths,
)
from .locate import PLANT, ApiKind, Target, locate
from .pacing import Fetcher, PacedCaller
from .rows import Columns, HistoryRow, Resolution, Scalar, Window
from .sources import HistorySource, PagedHistorySource, history_source
from .spool import ExportFormat, MissingParquetError

__all__ = [
    "PLANT",
    "ApiKind",
    "Checkpoint",
    "Columns",
    "ExportFormat",
    "ExportResult",
    "Fetcher",
    "HistoryRow",
    "HistorySource",
    "MissingParquetError",
    "PacedCaller",
    "PagedHistorySource",
    "Resolution",
    "Scalar",
    "Target",
    "Window",
    "export_history",
    "finish_export",
    "history_source",
    "iter_history",
    "locate",
    "part_paths",
]
