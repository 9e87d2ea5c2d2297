"""Running the simulator: on a background thread (tests, benchmarks, the demo) or in
the foreground (`growatt simulate`)."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from aiohttp import web

from .app import build_app
from .clock import SimClock
from .config import SimulatorConfig
from .faults import FaultPlan, FaultRule
from .scenario import Account, Scenario, load_scenario
from .world import Journal, World


class Simulator:
    """A simulated Growatt cloud: the world, its clock, and the HTTP front door."""

    def __init__(
        self, scenario: Scenario | str | Path = "demo", config: SimulatorConfig | None = None
    ) -> None:
        self.config = config or SimulatorConfig()
        self.scenario = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        self.clock = SimClock(
            self.config.start, speed=self.config.clock_speed, frozen=self.config.frozen_clock
        )
        self.world = World(self.scenario, self.config, self.clock)
        self.faults = FaultPlan(self.config.faults, self.world.seed)
        self.host = "127.0.0.1"
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None

    # -- conveniences for tests -----------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    @property
    def journal(self) -> Journal:
        return self.world.journal

    def add_fault(self, rule: FaultRule) -> None:
        self.faults.add(rule)

    def add_credentials(
        self, username: str | None, password: str | None, token: str | None
    ) -> Account:
        """Give the scenario's first account these credentials (the CLI's flags)."""
        account = self.scenario.accounts[0]
        with self.world.lock:
            if username:
                for plant in self.scenario.plants:
                    if plant.owner == account.username:
                        plant.owner = username
                account.username = username
            if password:
                account.password = password
            if token:
                account.tokens.append(token)
        return account

    # -- serving ------------------------------------------------------------------------
    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        app = build_app(self.world, self.faults)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port, reuse_address=True)
        await site.start()
        self.host = host
        sockets = list(self._runner.addresses or [])
        self.port = int(sockets[0][1]) if sockets else port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @classmethod
    @contextlib.contextmanager
    def running(
        cls,
        scenario: Scenario | str | Path = "demo",
        config: SimulatorConfig | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> Iterator[Simulator]:
        """Serve on a background thread for the duration of the block."""
        sim = cls(scenario, config)
        sim.start_in_thread(host, port)
        try:
            yield sim
        finally:
            sim.stop_thread()

    def start_in_thread(self, host: str = "127.0.0.1", port: int = 0) -> None:
        ready = threading.Event()
        failure: list[BaseException] = []

        def serve() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self.start(host, port))
            except BaseException as err:  # surfaced to the starting thread
                failure.append(err)
                ready.set()
                loop.close()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self.stop())
            loop.close()

        self._thread = threading.Thread(target=serve, name="growatt-simulator", daemon=True)
        self._thread.start()
        ready.wait()
        if failure:
            raise failure[0]

    def stop_thread(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
        self._loop = None
        self._thread = None
