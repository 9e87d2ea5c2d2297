"""What a command needs from the world besides its arguments: time, sleep, engine knobs.

``main(argv, runtime=...)`` lets tests run every command on the simulator's clock (a
sleep advances it), so ``status --watch`` and paced history exports take no real time.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from growattServer.engine import EngineOptions

__all__ = ["Runtime"]


@dataclass(frozen=True, slots=True)
class Runtime:
    """The clock and sleep every client and wait of a command uses."""

    clock: Callable[[], float] = time.time
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    options: EngineOptions | None = None
    #: Finish Parquet exports in a fresh process (exec): see ``cli/history.py``.
    exec_parquet: bool = True
