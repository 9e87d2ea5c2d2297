"""Settings clients on private simulators, and how to tell writes from reads in a journal."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from growattServer.aio import AsyncGrowattApi, AsyncOpenApiV1
from growattServer.settings import DeviceSettings
from growattServer.simulator import Simulator
from growattServer.simulator.world import RecordedRequest
from tests.aio.conftest import FAST
from tests.conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER, relaxed_config

#: (api, family) → the demo device (or plant) it is tried on.
DEVICES = {
    ("classic", "tlx"): "BZP0C4N08J",
    ("classic", "mix"): "WPD3C1A0K7",
    ("classic", "spa"): "JNK0CJ1A9B",
    ("classic", "inverter"): "NTCMA2B04Q",
    ("classic", "noah"): "0PVP50ZR24",
    ("classic", "plant"): "1427391",
    ("v1", "min"): "BZP0C4N08J",
    ("v1", "sph"): "WPD3C1A0K7",
}

_WRITE_PATHS = {"newTcpsetAPI.do", "tcpSet.do", "noahDeviceApi/noah/set", "v1/tlxSet", "v1/mixSet"}


def is_write(record: RecordedRequest) -> bool:
    """Did this request try to change a setting?"""
    if record.path == "newTwoPlantAPI.do":
        return record.op == "updatePlant"
    return record.path in _WRITE_PATHS


def writes(sim: Simulator, since: int = 0) -> list[RecordedRequest]:
    """The write requests the simulator received after journal entry ``since``."""
    return [record for record in sim.journal.snapshot()[since:] if is_write(record)]


class Harness:
    """One event loop, one logged-in classic client and one v1 client on a simulator,
    for synchronous tests (hypothesis drives examples one by one)."""

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim
        self.loop = asyncio.new_event_loop()
        kw: dict[str, Any] = {"server_url": sim.base_url, "clock": sim.clock.timestamp}
        self.classic = AsyncGrowattApi(options=FAST, **kw)
        self.v1 = AsyncOpenApiV1(DEMO_TOKEN, options=FAST, **kw)
        self.run(self.classic.login(DEMO_USER, DEMO_PASSWORD))

    def run(self, awaitable: Any) -> Any:
        return self.loop.run_until_complete(awaitable)

    def device(self, api: str, family: str, **kw: Any) -> DeviceSettings:
        client = self.v1 if api == "v1" else self.classic
        return DeviceSettings(client, DEVICES[(api, family)], family, settle_s=0, **kw)

    def close(self) -> None:
        self.run(self.classic.close())
        self.run(self.v1.close())
        self.loop.close()


@pytest.fixture(scope="module")
def harness() -> Iterator[Harness]:
    """A private simulator (its settings change) with both clients, for a whole module."""
    with Simulator.running("demo", relaxed_config()) as sim:
        bench = Harness(sim)
        yield bench
        bench.close()
