"""Run `growatt` in-process against a simulator, on the simulator's clock.

Every command gets a fresh config and state directory (XDG_* in tmp_path), UTC as the
local zone, and a runtime whose sleep advances the simulated clock: a watch or a paced
export takes no real time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from growattServer.cli import Runtime, main
from growattServer.engine import EngineOptions, RetryPolicy
from growattServer.simulator import Simulator
from tests.conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER

#: Millisecond retries; v1 pacing left to the engine defaults unless a test relaxes it.
QUICK_RETRIES = RetryPolicy(retries=2, base_s=0.001, cap_s=0.002)
UNPACED = EngineOptions(retry=QUICK_RETRIES, v1_default_window_s=0, v1_windows={})


@dataclass
class Result:
    code: int
    out: str
    err: str


def sim_runtime(sim: Simulator, options: EngineOptions | None = None) -> Runtime:
    async def sleep(seconds: float) -> None:
        sim.clock.advance(timedelta(seconds=seconds))

    return Runtime(
        clock=sim.clock.timestamp,
        sleep=sleep,
        options=options or EngineOptions(retry=QUICK_RETRIES),
        exec_parquet=False,  # the exec path has its own test, in a child process
    )


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Private XDG dirs, no GROWATT_* from the outside, UTC local time."""
    for name in ("GROWATT_USERNAME", "GROWATT_PASSWORD", "GROWATT_TOKEN", "GROWATT_SERVER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield tmp_path
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def growatt(home: Path, capsys: pytest.CaptureFixture[str]):
    """`growatt(sim, "plants", "--json")` → Result; options=EngineOptions(...) to tune."""

    def run(sim: Simulator, *argv: str, options: EngineOptions | None = None) -> Result:
        capsys.readouterr()
        code = main(list(argv), runtime=sim_runtime(sim, options))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def classic_env(monkeypatch: pytest.MonkeyPatch):
    """The demo account in the environment, pointed at a simulator."""

    def use(sim: Simulator) -> None:
        monkeypatch.setenv("GROWATT_USERNAME", DEMO_USER)
        monkeypatch.setenv("GROWATT_PASSWORD", DEMO_PASSWORD)
        monkeypatch.setenv("GROWATT_SERVER", sim.base_url)

    return use


@pytest.fixture
def token_env(monkeypatch: pytest.MonkeyPatch):
    def use(sim: Simulator) -> None:
        monkeypatch.setenv("GROWATT_TOKEN", DEMO_TOKEN)
        monkeypatch.setenv("GROWATT_SERVER", sim.base_url)

    return use
