"""Peak memory of 5-minute `growatt history` exports of one device: API x format x length.

Three processes: the simulator (the demo account with a year of history, a config
override: the demo scenario itself keeps 45 days), this small launcher, and each export,
`growatt history` with client pacing relaxed as the simulator's limits are. A figure is
the export's peak RSS from ``wait4``, which covers the whole export: the fetch and, for
Parquet, the converter the command execs into at the end (the larger of the two). The
launcher imports nothing heavy, because Linux carries the RSS high-water mark of the
process that forks into the child's ``ru_maxrss``. The import floors are measured the
same way: bare Python, Python with what the fetch imports (the HTTP stack), Python with
``pyarrow.parquet``; the growth above them is what an export itself holds. Budget for a
year: 80 MB.

    .venv/bin/python benchmarks/history_export_memory.py [--api classic token]
        [--format csv json parquet] [--days 1 30 365] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _results import record

DEVICE = "BZP0C4N08J"  # the demo MIN hybrid: classic tlx, token type 7
TOKEN = "3f8c1a2b4d5e6f708192a3b4c5d6e7f8"  # noqa: S105 - the demo account
NOW = "2026-06-21T09:30:00+00:00"
BUDGET_MB = 80.0
BUDGET_DAYS = 365

FLOORS = {
    "python": "pass",
    "python + HTTP stack (the fetch's imports)": (
        "import growattServer.cli, growattServer.cli.history, growattServer.aio, aiohttp"
    ),
    "python + pyarrow.parquet": "import pyarrow, pyarrow.parquet",
}

SERVE = """
import sys, threading
from datetime import datetime
from growattServer.simulator import Simulator, SimulatorConfig
config = SimulatorConfig(start=datetime.fromisoformat(sys.argv[1]), frozen_clock=True,
                         v1_rate_limit=False, login_limit=100_000,
                         history_days=int(sys.argv[2]))
with Simulator.running("demo", config) as sim:
    print(sim.base_url, flush=True)
    sys.stdin.read()  # serve until the launcher closes our stdin
"""

EXPORT = """
import sys
from growattServer.cli import Runtime, main
from growattServer.engine import EngineOptions
sys.exit(main(sys.argv[1:], runtime=Runtime(options=EngineOptions(
    v1_default_window_s=0, v1_windows={}))))
"""


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, *argv], env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv[:3]} failed with exit code {os.waitstatus_to_exitcode(status)}")
    return usage.ru_maxrss / 1024, time.perf_counter() - started  # KiB on Linux


def span(values: list[float]) -> str:
    low, high = min(values), max(values)
    return f"{low:.1f}" if high - low < 0.05 else f"{low:.1f}-{high:.1f}"


def account_env(api: str, base_url: str, home: str) -> dict[str, str]:
    env = {**os.environ, "XDG_CONFIG_HOME": home, "XDG_STATE_HOME": home}
    env["GROWATT_SERVER"] = base_url
    if api == "classic":
        return env | {"GROWATT_USERNAME": "demo", "GROWATT_PASSWORD": "growatt-demo"}
    return env | {"GROWATT_TOKEN": TOKEN}


def export_case(api: str, fmt: str, days: int, runs: int, base_url: str) -> dict[str, object]:
    """``runs`` exports of the ``days`` before the simulator's today."""
    last = date.fromisoformat(NOW[:10]) - timedelta(days=1)
    first = last - timedelta(days=days - 1)
    peaks, seconds, size = [], [], 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / f"history.{fmt}"
            argv = ["-c", EXPORT, "history", "--device", DEVICE, "--from", first.isoformat()]
            argv += ["--to", last.isoformat(), "-o", str(out)]
            peak, took = measure(argv, account_env(api, base_url, tmp))
            size = out.stat().st_size
        peaks.append(round(peak, 1))
        seconds.append(round(took, 1))
    return {
        "api": api,
        "format": fmt,
        "days": days,
        "file_mb": round(size / 1e6, 1),
        "peak_mb": peaks,
        "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--api", nargs="+", choices=["classic", "token"], default=["classic", "token"]
    )
    parser.add_argument(
        "--format", nargs="+", choices=["csv", "json", "parquet"], default=["csv", "parquet"]
    )
    parser.add_argument("--days", nargs="+", type=int, default=[1, 30, 365])
    parser.add_argument("--runs", type=int, default=1, help="exports per case (the range is shown)")
    args = parser.parse_args()
    floors = {}
    for label, code in FLOORS.items():
        peaks = [measure(["-c", code], dict(os.environ))[0] for _ in range(max(args.runs, 3))]
        floors[label] = [round(peak, 1) for peak in peaks]
        print(f"floor  {label:45} {span(floors[label]):>11} MB")
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE, NOW, str(max(args.days) + 35)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    assert server.stdin is not None
    cases = []
    try:
        base_url = server.stdout.readline().strip()
        print(f"{'api':8} {'format':8} {'days':>5} {'file MB':>8} {'peak RSS MB':>12} {'s':>6}")
        for api in args.api:
            for fmt in args.format:
                for days in args.days:
                    case = export_case(api, fmt, days, args.runs, base_url)
                    cases.append(case)
                    print(
                        f"{api:8} {fmt:8} {days:>5} {case['file_mb']:>8} "
                        f"{span(case['peak_mb']):>12} {span(case['seconds']):>6}",
                        flush=True,
                    )
    finally:
        server.stdin.close()
        server.wait(timeout=30)
    year = [max(c["peak_mb"]) for c in cases if c["days"] == BUDGET_DAYS]
    results = {"budget_mb": BUDGET_MB, "runs": args.runs, "floors_mb": floors, "cases": cases}
    results["peak_mb"] = max(year or [max(c["peak_mb"]) for c in cases])
    record("history_export_memory", results, lower_is_better="peak_mb")
    over = [c for c in cases if c["days"] == BUDGET_DAYS and max(c["peak_mb"]) >= BUDGET_MB]
    for case in over:
        print(f"over the {BUDGET_MB:.0f} MB budget: {case['api']} {case['format']}")
    if over:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
