"""`growatt plants` and `growatt devices`: what the account has, as tables or JSON."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from .options import add_common_options
from .output import Output
from .session import configured_account, take_snapshot
from .views import device_rows, plant_rows

PLANT_COLUMNS = (
    ("plant_id", "Plant id"),
    ("name", "Name"),
    ("city", "City"),
    ("devices", "Devices"),
    ("power_w", "Power (W)"),
    ("today_kwh", "Today (kWh)"),
    ("total_kwh", "Total (kWh)"),
)
DEVICE_COLUMNS = (
    ("plant_id", "Plant id"),
    ("serial", "Serial"),
    ("family", "Type"),
    ("name", "Name"),
    ("model", "Model"),
    ("status", "Status"),
    ("power_w", "Power (W)"),
    ("today_kwh", "Today (kWh)"),
)


def register(commands: Any) -> None:
    plants = commands.add_parser(
        "plants", help="list the plants of the account", description="List the plants."
    )
    add_common_options(plants)
    plants.set_defaults(run=run_plants)
    devices = commands.add_parser(
        "devices", help="list the devices of every plant", description="List the devices."
    )
    devices.add_argument("--plant", help="only this plant (id)")
    add_common_options(devices)
    devices.set_defaults(run=run_devices)


def run_plants(args: argparse.Namespace) -> int:
    out = Output(args)
    snapshot = asyncio.run(take_snapshot(configured_account(args), args.runtime))
    rows = plant_rows(snapshot)
    if out.json:
        out.emit_json(rows)
    else:
        out.console.print(out.table("Plants", PLANT_COLUMNS, rows))
    return 0


def run_devices(args: argparse.Namespace) -> int:
    out = Output(args)
    snapshot = asyncio.run(take_snapshot(configured_account(args), args.runtime))
    rows = [r for r in device_rows(snapshot) if args.plant in (None, r["plant_id"])]
    if out.json:
        out.emit_json(rows)
    else:
        out.console.print(out.table("Devices", DEVICE_COLUMNS, rows))
    return 0
