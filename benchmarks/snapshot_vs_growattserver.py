"""Wall time of one refresh of every plant, device and current value, against the
simulator with 100 ms injected latency per request:

* ``GrowattClient.snapshot()``: cold (login, plants, devices, values) and steady state
  (discovery cached, session reused: one round of concurrent value reads, no login);
* growattServer 1.9.0 used the way Home Assistant uses it (home-assistant-and-style.md
  §A.6): per refresh one "total" coordinator per plant (login + plant_info) and one
  coordinator per device of a supported type (inverter 2, tlx 2, storage 3, mix 6
  calls, each starting with a login), all sequential; device lists are read at setup,
  outside the timing. Also reported, labelled ``reduced_baseline``: the earlier, smaller
  baseline (one login, plant list, device lists, one value read per device).
  Both run from their own venv (``benchmarks/.venv-baseline``, created here from PyPI),
  never from the project's, and the requests each refresh made are counted.

The cold snapshot takes the plant list from the login answer, lists each plant's
devices with one getAllDeviceList plus the Noah check, and starts a plant's value
reads as soon as its list is in. Its critical path is 3 dependent round trips (login,
device lists, values); at 4 requests in flight its 12 requests after the login need 3
rounds, so 4 round trips in all: the floor this reports against.

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
IN_FLIGHT = 4
# login, then 12 requests (device lists, Noah checks, value reads) in 3 rounds of 4
CRITICAL_PATH_ROUND_TRIPS = 4

# Home Assistant's coordinators (§A.6): a login per coordinator per refresh, sequential.
HA_SCRIPT = """
import json, sys, time
import growattServer
base, rounds = sys.argv[1], int(sys.argv[2])
calls = {
    "inverter": lambda api, p, sn: [api.inverter_detail(sn)],
    "tlx": lambda api, p, sn: [api.tlx_detail(sn)],
    "storage": lambda api, p, sn: [api.storage_params(sn), api.storage_energy_overview(p, sn)],
    "mix": lambda api, p, sn: [
        api.mix_info(sn), api.mix_totals(sn, p), api.mix_system_status(sn, p),
        api.mix_detail(sn, p), api.dashboard_data(p),
    ],
}
def new_api():
    api = growattServer.GrowattApi()
    api.server_url = base
    return api
setup = new_api()
login = setup.login("demo", "growatt-demo")
coordinators = []  # (api, plant id, device type or "total", serial)
for plant in setup.plant_list(login["userId"])["data"]:
    coordinators.append((new_api(), plant["plantId"], "total", None))
    for dev in setup.device_list(plant["plantId"]):
        if dev["deviceType"] in calls:
            coordinators.append((new_api(), plant["plantId"], dev["deviceType"], dev["deviceSn"]))
print(json.dumps({"setup_done": True}), flush=True)
sys.stdin.readline()
times = []
for _ in range(rounds):
    start = time.perf_counter()
    for api, plant_id, kind, sn in coordinators:
        api.login("demo", "growatt-demo")
        if kind == "total":
            api.plant_info(plant_id)
        else:
            calls[kind](api, plant_id, sn)
    times.append(time.perf_counter() - start)
print(json.dumps({"times": times, "coordinators": len(coordinators)}))
"""

# The earlier baseline: Home Assistant's classic coordinator, reduced to what a snapshot reads.
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


def run_baseline(sim: Simulator, rounds: int) -> tuple[list[float], int]:
    """The reduced baseline: (refresh times, requests per refresh)."""
    before, journal_before = sim.world.counters.logins, len(sim.journal)
    out = subprocess.run(
        [str(baseline_python()), "-c", BASELINE_SCRIPT, sim.base_url, str(rounds)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    times: list[float] = json.loads(out)["times"]
    assert sim.world.counters.logins - before == rounds  # one login per refresh
    return times, (len(sim.journal) - journal_before) // rounds


def run_ha_baseline(sim: Simulator, rounds: int) -> tuple[list[float], int, int]:
    """Home Assistant's polling: (refresh times, requests per refresh, logins per refresh)."""
    process = subprocess.Popen(
        [str(baseline_python()), "-c", HA_SCRIPT, sim.base_url, str(rounds)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdout.readline()  # setup done: device lists read, not timed
    journal_before, logins_before = len(sim.journal), sim.world.counters.logins
    process.stdin.write("go\n")
    process.stdin.flush()
    out = process.stdout.read()
    assert process.wait() == 0
    times: list[float] = json.loads(out)["times"]
    requests = (len(sim.journal) - journal_before) // rounds
    logins = (sim.world.counters.logins - logins_before) // rounds
    return times, requests, logins


async def run_ours(sim: Simulator, rounds: int) -> tuple[float, list[float], int, int, int]:
    async with GrowattClient.classic(USER, PASSWORD, server_url=sim.base_url) as client:
        journal_before = len(sim.journal)
        start = time.perf_counter()
        await client.snapshot()
        cold = time.perf_counter() - start
        cold_requests = len(sim.journal) - journal_before
        logins_before = sim.world.counters.logins
        steady_journal_before = len(sim.journal)
        steady = []
        for _ in range(rounds):
            start = time.perf_counter()
            snapshot = await client.snapshot()
            steady.append(time.perf_counter() - start)
        assert all(not d.errors for p in snapshot.plants for d in p.devices)
        steady_logins = sim.world.counters.logins - logins_before
        steady_requests = (len(sim.journal) - steady_journal_before) // rounds
    return cold, steady, steady_logins, cold_requests, steady_requests


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    config = SimulatorConfig(latency_s=LATENCY_S, login_limit=1_000_000, frozen_clock=True)
    with Simulator.running("demo", config) as sim:
        ha, ha_requests, ha_logins = run_ha_baseline(sim, options.rounds)
        reduced, reduced_requests = run_baseline(sim, options.rounds)
        cold, steady, steady_logins, cold_requests, steady_requests = asyncio.run(
            run_ours(sim, options.rounds)
        )
    ha_s, reduced_s, steady_s = (statistics.median(t) for t in (ha, reduced, steady))
    floor_s = CRITICAL_PATH_ROUND_TRIPS * LATENCY_S
    result = {
        "latency_s": LATENCY_S,
        "rounds": options.rounds,
        "in_flight": IN_FLIGHT,
        "baseline": (
            f"growattServer {BASELINE_VERSION} as Home Assistant polls: a total coordinator "
            "per plant and a coordinator per supported device, each logging in, sequential"
        ),
        "baseline_refresh_s": round(ha_s, 3),
        "baseline_requests": ha_requests,
        "baseline_logins": ha_logins,
        "reduced_baseline": (
            f"growattServer {BASELINE_VERSION}, one login, plant list, device lists, one "
            "value read per device, sequential (the earlier, smaller baseline)"
        ),
        "reduced_baseline_refresh_s": round(reduced_s, 3),
        "reduced_baseline_requests": reduced_requests,
        "cold_s": round(cold, 3),
        "steady_s": round(steady_s, 3),
        "cold_requests": cold_requests,
        "steady_requests": steady_requests,
        "steady_logins": steady_logins,
        "critical_path_round_trips_cold": CRITICAL_PATH_ROUND_TRIPS,
        "critical_path_floor_cold_s": round(floor_s, 3),
        "achieved_round_trips_cold": round(cold / LATENCY_S, 2),
        "achieved_round_trips_steady": round(steady_s / LATENCY_S, 2),
        "ratio_cold_over_floor": round(cold / floor_s, 2),
        "ratio_baseline_over_cold": round(ha_s / cold, 2),
        "ratio_baseline_over_steady": round(ha_s / steady_s, 2),
        "ratio_reduced_baseline_over_cold": round(reduced_s / cold, 2),
        "ratio_reduced_baseline_over_steady": round(reduced_s / steady_s, 2),
    }
    print(json.dumps(result, indent=2))
    record("snapshot_vs_growattserver", result, lower_is_better="steady_s")


if __name__ == "__main__":
    main()
