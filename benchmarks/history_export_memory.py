"""Peak memory of a one-year, 5-minute `growatt history` export of one device.

Three processes: the simulator (the demo account with a year of history, a config
override: the demo scenario itself keeps 45 days), this small launcher, and the export,
`growatt history` with client pacing relaxed as the simulator's limits are. The figure is
the export's peak RSS from ``wait4``, which covers the whole export: the fetch and, for
Parquet, the converter the command execs into at the end. The launcher imports nothing
heavy, because Linux carries the RSS high-water mark of the process that forks into the
child's ``ru_maxrss``. Budget: 80 MB.

    .venv/bin/python benchmarks/history_export_memory.py [--api classic|token] [--days 365]
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

SERVE = """
import sys, threading
from datetime import datetime
from growattServer.simulator import Simulator, SimulatorConfig
config = SimulatorConfig(start=datetime.fromisoformat(sys.argv[1]), frozen_clock=True,
                         v1_rate_limit=False, history_days=int(sys.argv[2]))
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


def export(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of one export process."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", EXPORT, *argv], env=env)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"export failed with exit code {child.returncode}")
    return usage.ru_maxrss / 1024, time.perf_counter() - started  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", choices=["classic", "token"], default="classic")
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args()
    last = date.fromisoformat(NOW[:10]) - timedelta(days=1)
    first = last - timedelta(days=args.days - 1)
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE, NOW, str(args.days + 35)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    assert server.stdin is not None
    try:
        base_url = server.stdout.readline().strip()
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "XDG_CONFIG_HOME": tmp, "XDG_STATE_HOME": tmp}
            env["GROWATT_SERVER"] = base_url
            if args.api == "classic":
                env |= {"GROWATT_USERNAME": "demo", "GROWATT_PASSWORD": "growatt-demo"}
            else:
                env["GROWATT_TOKEN"] = TOKEN
            results: dict[str, object] = {"api": args.api, "days": args.days}
            for fmt in ("csv", "parquet"):
                out = Path(tmp) / f"history.{fmt}"
                argv = ["history", "--device", DEVICE, "--from", first.isoformat()]
                argv += ["--to", last.isoformat(), "-o", str(out)]
                peak, seconds = export(argv, env)
                print(
                    f"{fmt:8} {out.stat().st_size / 1e6:.1f} MB file, peak RSS {peak:.1f} MB "
                    f"(budget {BUDGET_MB:.0f}), {seconds:.1f} s"
                )
                results[f"{fmt}_peak_mb"] = round(peak, 1)
                results[f"{fmt}_seconds"] = round(seconds, 1)
                if peak >= BUDGET_MB:
                    raise SystemExit(f"{fmt}: peak RSS {peak:.1f} MB is over the budget")
    finally:
        server.stdin.close()
        server.wait(timeout=30)
    results["peak_mb"] = max(
        float(str(results["csv_peak_mb"])), float(str(results["parquet_peak_mb"]))
    )
    record(f"history_export_memory_{args.api}", results, lower_is_better="peak_mb")


if __name__ == "__main__":
    main()
