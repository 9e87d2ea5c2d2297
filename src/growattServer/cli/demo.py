"""`growatt demo`: the built-in simulator's demo account, read through the typed client.

It starts the simulated cloud in this process (its clock frozen at the chosen moment),
logs in once with :class:`~growattServer.client.GrowattClient`, takes one
:class:`~growattServer.models.AccountSnapshot` and reads each plant's day charts, then
shows what a Growatt owner wants to see (:mod:`.demo_render`). ``--json`` prints the
snapshot rows instead. The request and login counts come from the simulator's journal.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from datetime import datetime
from typing import Any

from growattServer.simulator import Simulator, SimulatorConfig

from .demo_data import DemoData, read_demo
from .demo_render import render_demo
from .errors import CliError, ExitCode
from .output import Output, add_output_options
from .views import device_rows, energy_rows, flow_numbers, flow_rows, plant_rows

__all__ = ["DEMO_PASSWORD", "DEMO_USER", "register", "run"]

DEMO_USER = "demo"
DEMO_PASSWORD = "growatt-demo"  # noqa: S105 - the simulator's public demo account


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "demo",
        help="show the demo account of the built-in simulator",
        description="Start the built-in Growatt simulator and show its demo account.",
    )
    parser.add_argument(
        "--at",
        type=datetime.fromisoformat,
        default=None,
        help="simulated moment, ISO 8601 with offset (default: now), e.g. 2026-06-21T13:00+02:00",
    )
    add_output_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    out = Output(args)
    if args.at is not None and args.at.tzinfo is None:
        msg = "--at needs a UTC offset"
        raise CliError(msg, ExitCode.USAGE, hint="e.g. --at 2026-06-21T13:00+02:00")
    started = time.perf_counter()
    with Simulator.running("demo", SimulatorConfig(start=args.at, frozen_clock=True)) as sim:
        data = asyncio.run(
            read_demo(
                DEMO_USER,
                DEMO_PASSWORD,
                server_url=sim.base_url,
                clock=sim.clock.timestamp,
                options=args.runtime.options,
            )
        )
        requests, logins = len(sim.journal), sim.world.counters.logins
        url = sim.base_url
    if out.json:
        out.emit_json(json_document(data, requests, logins))
    else:
        render_demo(out, data, DEMO_USER)
    elapsed = time.perf_counter() - started
    out.note(
        f"{requests} requests, {logins} login{'s' * (logins != 1)}, {elapsed:.1f} s "
        f"(simulated Growatt cloud at {url}, stopped)"
    )
    return 0


def json_document(data: DemoData, requests: int, logins: int) -> dict[str, Any]:
    """The snapshot as the rows of ``plants``, ``devices`` and ``status``, plus each
    plant's flow and today's energy."""
    snapshot = data.snapshot
    return {
        "taken_at": snapshot.taken_at.isoformat(timespec="seconds"),
        "plants": plant_rows(snapshot),
        "devices": device_rows(snapshot),
        "plant_flows": [
            {"plant_id": plant.plant_id, **flow_numbers(plant.power_flow)}
            for plant in snapshot.plants
        ],
        "flows": flow_rows(snapshot),
        "energy_today": energy_rows(snapshot),
        "requests": requests,
        "logins": logins,
    }
