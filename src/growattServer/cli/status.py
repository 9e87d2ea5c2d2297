"""`growatt status [--watch SECONDS]`: where the power goes now, once or on refresh.

A watch keeps one client for its whole run: the session is reused and the plant and
device lists are read once per discovery period, so each refresh is only the value
reads. Refreshes are never closer than the API allows (the engine's pacing window of
the value reads on the token API; a minute on the classic API, whose records change
every 5 minutes anyway).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
from typing import Any

from rich.table import Table

from growattServer.client import GrowattClient
from growattServer.discovery import V1_VALUES
from growattServer.models import AccountSnapshot

from .options import add_common_options
from .output import Output, fmt_value
from .session import configured_account, open_client
from .views import flow_rows

#: Classic API: no documented limit, but records only change every 5 minutes and the
#: firewall in front of Growatt dislikes tight loops.
CLASSIC_MIN_INTERVAL_S = 60.0


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "status",
        help="live power flow: PV, home, battery, grid",
        description="Show where the power of each device goes right now.",
    )
    parser.add_argument("--plant", help="only this plant (id)")
    parser.add_argument("--device", help="only this device (serial number)")
    parser.add_argument(
        "--watch",
        type=float,
        metavar="SECONDS",
        help="refresh every SECONDS (raised to what the API allows); Ctrl-C stops",
    )
    parser.add_argument("--count", type=int, default=None, help=argparse.SUPPRESS)
    add_common_options(parser)
    parser.set_defaults(run=run)


def min_interval(client: GrowattClient) -> float:
    """The shortest refresh period the account's API allows for value reads."""
    if client.kind == "classic":
        return CLASSIC_MIN_INTERVAL_S
    limiter = client.api.engine.limiter
    paths = {getattr(read.endpoint, "path", "") for reads in V1_VALUES.values() for read in reads}
    return max((limiter.window((path, "")) for path in paths), default=0.0)


def watts(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value / 1000:.2f} kW" if abs(value) >= 1000 else f"{value:.0f} W"


def battery_text(row: dict[str, Any]) -> str:
    if row["battery_soc"] is None:
        return "–"
    power = row["battery_w"] or 0.0
    soc = f"{row['battery_soc']:.0f}%"
    if power == 0:
        return f"{soc} idle"
    return f"{soc} {'charging' if power > 0 else 'discharging'} {watts(abs(power))}"


def grid_text(row: dict[str, Any]) -> str:
    power = row["grid_w"]
    if power is None:
        return "–"
    if power > 0:
        return f"importing {watts(power)}"
    return f"exporting {watts(-power)}" if power < 0 else "balanced"


def flow_table(rows: list[dict[str, Any]], taken_at: str) -> Table:
    table = Table(title=f"Power flow at {taken_at}", title_justify="left")
    for heading in ("Plant", "Device", "Type", "☀ PV", "⌂ Home", "Battery", "Grid"):
        table.add_column(heading)
    for row in rows:
        table.add_row(
            fmt_value(row["plant"]),
            row["serial"],
            row["family"],
            watts(row["pv_w"]),
            watts(row["home_w"]),
            battery_text(row),
            grid_text(row),
        )
    return table


def _selected(snapshot: AccountSnapshot, args: argparse.Namespace) -> list[dict[str, Any]]:
    return [
        row
        for row in flow_rows(snapshot)
        if args.plant in (None, row["plant_id"]) and args.device in (None, row["serial"])
    ]


def _moment(taken_at: dt.datetime) -> str:
    return taken_at.astimezone().isoformat(timespec="seconds")


async def _watch(args: argparse.Namespace, out: Output) -> None:
    runtime = args.runtime
    async with open_client(configured_account(args), runtime) as client:
        interval = 0.0
        if args.watch is not None:
            interval = max(args.watch, min_interval(client))
            if interval > args.watch:
                out.note(f"refreshing every {interval:.0f} s, as often as the API allows")
        refreshes = 0
        while True:
            snapshot = await client.snapshot()
            taken = _moment(snapshot.taken_at)
            rows = _selected(snapshot, args)
            if out.json:
                out.emit_json({"taken_at": taken, "devices": rows})
            else:
                out.console.print(flow_table(rows, taken))
            refreshes += 1
            if args.watch is None or (args.count is not None and refreshes >= args.count):
                return
            await runtime.sleep(interval)


def run(args: argparse.Namespace) -> int:
    out = Output(args)
    try:
        asyncio.run(_watch(args, out))
    except KeyboardInterrupt:
        if args.watch is None:
            raise
    return 0
