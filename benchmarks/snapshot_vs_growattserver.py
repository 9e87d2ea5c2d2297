"""Wall time of one refresh of every plant, device and current value, against the
simulator with 100 ms injected latency per request:

* ``GrowattClient.snapshot()``: cold (login, plants, devices, values) and steady state
  (discovery cached, session reused: one round of concurrent value reads, no login);
* growattServer 1.9.0 used the way Home Assistant uses it: a login on every refresh,
  then sequential calls. It runs from its own venv (``benchmarks/.venv-baseline``,
  created here from PyPI), never from the project's.

    .venv/bin/python benchmarks/snapshot_vs_growattserver.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
import venv
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _results import record

from growattServer.client import GrowattClient
from growattServer.simulator import Simulator, SimulatorConfig

HERE = Path(__file__).parent
BASELINE_VENV = HERE / ".venv-baseline"
BASELINE_VERSION = "1.9.0"
LATENCY_S = 0.1
USER, PASSWORD = "demo", "growatt-demo"
# The demo account has 5 devices with value reads; 4 in flight means 2 rounds of them.
VALUE_ROUNDS = 2

# Home Assistant's classic coordinator, reduced to what a snapshot reads.
BASELINE_SCRIPT = """
import json, sys, time
import growattServer
base, rounds = sys.argv[1], int(sys.argv[2])
reads = {
    "inverter": lambda api, p, sn: api.inverter_detail(sn),
    "tlx": lambda api, p, sn: api.tlx_detail(sn),
    "mix": lambda api, p, sn: api.mix_system_status(sn, p),
    "storage": lambda api, p, sn: api.storage_detail(sn),
}
times, requests_made = [], 0
for _ in range(rounds):
    start = time.perf_counter()
    api = growattServer.GrowattApi()
    api.server_url = base
    login = api.login("demo", "growatt-demo")
    plants = api.plant_list(login["userId"])["data"]
    for plant in plants:
        for device in api.device_list(plant["plantId"]):
            read = reads.get(device["deviceType"])
            if read is not None:
                read(api, plant["plantId"], device["deviceSn"])
    times.append(time.perf_counter() - start)
print(json.dumps({"version": growattServer.name and getattr(growattServer, "__version__", ""),
                  "times": times}))
"""


def baseline_python() -> Path:
    python = BASELINE_VENV / "bin" / "python"
    if not python.exists():
        venv.create(BASELINE_VENV, with_pip=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", f"growattServer=={BASELINE_VERSION}"],
            check=True,
        )
    return python


def run_baseline(sim: Simulator, rounds: int) -> list[float]:
    before = sim.world.counters.logins
    out = subprocess.run(
        [str(baseline_python()), "-c", BASELINE_SCRIPT, sim.base_url, str(rounds)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    times: list[float] = json.loads(out)["times"]
    assert sim.world.counters.logins - before == rounds  # one login per refresh
    return times


async def run_ours(sim: Simulator, rounds: int) -> tuple[float, list[float], int, int]:
    async with GrowattClient.classic(USER, PASSWORD, server_url=sim.base_url) as client:
        journal_before = len(sim.journal)
        start = time.perf_counter()
        await client.snapshot()
        cold = time.perf_counter() - start
        cold_requests = len(sim.journal) - journal_before
        logins_before = sim.world.counters.logins
        steady = []
        for _ in range(rounds):
            start = time.perf_counter()
            snapshot = await client.snapshot()
            steady.append(time.perf_counter() - start)
        assert all(not d.errors for p in snapshot.plants for d in p.devices)
        steady_logins = sim.world.counters.logins - logins_before
    return cold, steady, steady_logins, cold_requests


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    config = SimulatorConfig(latency_s=LATENCY_S, login_limit=1_000_000, frozen_clock=True)
    with Simulator.running("demo", config) as sim:
        baseline = run_baseline(sim, options.rounds)
        cold, steady, steady_logins, cold_requests = asyncio.run(run_ours(sim, options.rounds))
    result = {
        "latency_s": LATENCY_S,
        "rounds": options.rounds,
        "baseline": f"growattServer {BASELINE_VERSION}, login every refresh, sequential",
        "baseline_refresh_s": round(statistics.median(baseline), 3),
        "cold_s": round(cold, 3),
        "steady_s": round(statistics.median(steady), 3),
        "cold_requests": cold_requests,
        # login, plant list, device lists (concurrent), then value reads 4 at a time
        "critical_path_round_trips_cold": 3 + VALUE_ROUNDS,
        "critical_path_round_trips_steady": VALUE_ROUNDS,
        "critical_path_floor_cold_s": round((3 + VALUE_ROUNDS) * LATENCY_S, 3),
        "steady_logins": steady_logins,
        "ratio_baseline_over_cold": round(statistics.median(baseline) / cold, 2),
        "ratio_baseline_over_steady": round(
            statistics.median(baseline) / statistics.median(steady), 2
        ),
    }
    print(json.dumps(result, indent=2))
    record("snapshot_vs_growattserver", result, lower_is_better="steady_s")


if __name__ == "__main__":
    main()
