"""`growatt simulate`: serve the simulated Growatt cloud until stopped."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from datetime import datetime
from typing import Any

from rich.console import Console

from ..simulator import Simulator, SimulatorConfig, Unauthenticated
from ..simulator.scenario import ScenarioError


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "simulate",
        help="serve a simulated Growatt cloud (ShinePhone API and OpenAPI v1)",
        description="Serve a simulated Growatt cloud on this machine until interrupted.",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)"
    )
    parser.add_argument("--port", type=int, default=8088, help="port (0 picks a free one)")
    parser.add_argument(
        "--scenario",
        default="demo",
        help="built-in scenario name or a .toml/.json file (default: demo)",
    )
    parser.add_argument("--username", help="log-in name for the scenario's first account")
    parser.add_argument("--password", help="password for the scenario's first account")
    parser.add_argument("--token", help="an OpenAPI v1 token accepted for that account")
    parser.add_argument(
        "--latency",
        type=float,
        default=0.0,
        metavar="S",
        help="seconds of delay added to every answer",
    )
    parser.add_argument("--seed", type=int, help="weather and noise seed")
    parser.add_argument(
        "--speed", type=float, default=1.0, help="simulated seconds per real second (default 1)"
    )
    parser.add_argument(
        "--start",
        type=datetime.fromisoformat,
        help="simulated start time, ISO 8601 with offset (default: now)",
    )
    parser.add_argument(
        "--no-rate-limit",
        action="store_true",
        help="turn off the OpenAPI v1 one-call-per-5-minutes limit",
    )
    parser.add_argument(
        "--unauthenticated",
        choices=[m.value for m in Unauthenticated],
        default=Unauthenticated.HTML_500.value,
        help="what a request without a valid session gets",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    console = Console(stderr=True)
    if args.start is not None and args.start.tzinfo is None:
        console.print("[red]--start needs a UTC offset, e.g. 2026-06-21T12:00+02:00[/red]")
        return 2
    config = SimulatorConfig(
        latency_s=args.latency,
        seed=args.seed,
        clock_speed=args.speed,
        start=args.start,
        v1_rate_limit=not args.no_rate_limit,
        unauthenticated=Unauthenticated(args.unauthenticated),
    )
    try:
        sim = Simulator(args.scenario, config)
    except ScenarioError as err:
        console.print(f"[red]scenario: {err}[/red]")
        return 2
    account = sim.add_credentials(args.username, args.password, args.token)

    async def main() -> None:
        await sim.start(args.host, args.port)
        # The URL goes to stdout alone, so scripts can read it; the rest to stderr.
        print(sim.base_url, flush=True)
        console.print(
            f"Simulated Growatt cloud ([bold]{sim.scenario.name}[/bold]) at {sim.base_url}\n"
            f"  ShinePhone login: [bold]{account.username}[/bold] / password as configured\n"
            f"  OpenAPI v1 token(s): {len(account.tokens)} configured "
            "(see the scenario file)\n  Ctrl-C stops it."
        )
        try:
            await asyncio.Event().wait()
        finally:
            await sim.stop()

    with contextlib.suppress(KeyboardInterrupt):
        try:
            asyncio.run(main())
        except OSError as err:
            console.print(f"[red]cannot serve on {args.host}:{args.port}: {err}[/red]")
            return 1
    return 0
