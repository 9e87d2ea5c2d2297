"""`growatt demo`: the built-in simulator, read through the drop-in client, on screen.

It starts the simulated cloud in this process, logs in once with the demo account and
shows what a Growatt owner wants to see: plants, devices, where the power goes right
now, today's energy and today's PV curve.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..compat import GrowattApi
from ..simulator import Simulator, SimulatorConfig

DEMO_USER = "demo"
DEMO_PASSWORD = "growatt-demo"  # noqa: S105 - the simulator's public demo account
BARS = " ▁▂▃▄▅▆▇█"


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "demo",
        help="show the demo account of the built-in simulator",
        description="Start the built-in Growatt simulator and show its demo account.",
    )
    parser.add_argument("--width", type=int, default=None, help="terminal width to render")
    parser.add_argument(
        "--at",
        type=datetime.fromisoformat,
        default=None,
        help="simulated moment, ISO 8601 with offset (default: now), e.g. 2026-06-21T13:00+02:00",
    )
    parser.set_defaults(run=run)


def number(value: Any) -> float:
    """Growatt sends numbers as numbers, strings, "12.3kWh"-style text or "null"."""
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        digits = "".join(ch for ch in value if ch.isdigit() or ch in ".-")
        try:
            return float(digits)
        except ValueError:
            return 0.0
    return 0.0


def watts(value: float) -> str:
    return f"{value / 1000:.2f} kW" if abs(value) >= 1000 else f"{value:.0f} W"


def sparkline(values: list[float]) -> str:
    top = max(values, default=0) or 1
    return "".join(BARS[min(len(BARS) - 1, round(v / top * (len(BARS) - 1)))] for v in values)


def plants_table(plants: Iterable[dict[str, Any]]) -> Table:
    table = Table(title="Plants", title_justify="left")
    for column in ("Plant", "Now", "Today", "Total", "Money"):
        table.add_column(column, justify="left" if column == "Plant" else "right")
    for plant in plants:
        table.add_row(
            str(plant.get("plantName")),
            str(plant.get("currentPower")),
            str(plant.get("todayEnergy")),
            str(plant.get("totalEnergy")),
            str(plant.get("plantMoneyText", "")).strip(),
        )
    return table


def devices_table(devices: list[dict[str, Any]]) -> Table:
    table = Table(box=None, pad_edge=False)
    for column in ("Serial", "Name", "Type", "Status", "Power", "Today"):
        table.add_column(column)
    status_names = {"-1": "offline", "0": "standby", "1": "online", "2": "off-grid", "3": "fault"}
    for device in devices:
        table.add_row(
            str(device.get("deviceSn")),
            str(device.get("deviceAilas", "")),
            str(device.get("deviceType")),
            status_names.get(str(device.get("deviceStatus")), "?"),
            watts(number(device.get("power"))),
            f"{number(device.get('eToday')):.1f} kWh",
        )
    return table


def battery_text(charge_w: float, discharge_w: float) -> str:
    if charge_w > 0:
        return f"charging {watts(charge_w)}"
    if discharge_w > 0:
        return f"discharging {watts(discharge_w)}"
    return "idle"


def power_flow(name: str, status: dict[str, Any], *, has_battery: bool) -> Text:
    """One line: PV → home / battery / grid, from a *_KW system-status answer (kW)."""
    export = number(status.get("pactogrid")) * 1000
    grid_in = number(status.get("pactouser")) * 1000
    if export > 0:
        grid = f"exporting {watts(export)}"
    else:
        grid = f"importing {watts(grid_in)}" if grid_in > 0 else "balanced"
    line = Text()
    line.append(f"{name}: ", style="bold")
    line.append(f"☀ {watts(number(status.get('ppv')) * 1000)}", style="yellow")
    line.append(f"  ⌂ {watts(number(status.get('pLocalLoad')) * 1000)}")
    if has_battery:
        charge = number(status.get("chargePower")) * 1000
        discharge = number(status.get("pdisCharge1", status.get("pdisCharge"))) * 1000
        soc = number(status.get("SOC"))
        line.append(f"  🔋 {soc:.0f}% {battery_text(charge, discharge)}", style="green")
    line.append(f"  ⚡ {grid}", style="cyan")
    return line


def noah_flow(serial: str, status: dict[str, Any]) -> Text:
    """A Noah balcony battery: panels in, the pack, output to the house (W)."""
    charge, discharge = number(status.get("chargePower")), number(status.get("disChargePower"))
    line = Text()
    line.append(f"{serial} (Noah): ", style="bold")
    line.append(f"☀ {watts(number(status.get('ppv')))}", style="yellow")
    soc = number(status.get("soc"))
    line.append(f"  🔋 {soc:.0f}% {battery_text(charge, discharge)}", style="green")
    line.append(f"  → house {watts(number(status.get('pac')))}")
    return line


def curve(chart: dict[str, Any]) -> Text:
    """Today's PV power as a sparkline, one character per half hour."""
    points = sorted(chart.items())
    halves: dict[int, float] = {}
    for label, values in points:
        hour, minute = (int(part) for part in label.split(":"))
        slot = hour * 2 + minute // 30
        pv = number(values.get("ppv")) if isinstance(values, dict) else 0.0
        halves[slot] = max(halves.get(slot, 0.0), pv)
    series = [halves.get(slot, 0.0) for slot in range(48)]
    text = Text(sparkline(series), style="yellow")
    text.append(f"   peak {max(series, default=0):.2f} kW\n")
    text.append("00    03    06    09    12    15    18    21   24", style="dim")
    return text


def render(api: GrowattApi, console: Console, sim: Simulator) -> None:
    login = api.login(DEMO_USER, DEMO_PASSWORD)
    if not login.get("success"):
        console.print(f"[red]login refused: {login.get('msg')}[/red]")
        return
    plants = api.plant_list(str(login["userId"])).get("data", [])
    # The full plant beans carry each plant's time zone, so "today" below is the
    # plant's own day, not this machine's.
    api.plant_list_two()
    console.print(plants_table(plants))
    for plant in plants:
        plant_id = str(plant["plantId"])
        devices = api.device_list(plant_id)
        parts: list[Any] = [devices_table(devices)]
        families = {str(d.get("deviceType")) for d in devices}
        for device in devices:
            serial, kind = str(device["deviceSn"]), device.get("deviceType")
            if kind == "mix":
                status = api.mix_system_status(serial, plant_id)
                parts.append(power_flow(serial, status, has_battery=True))
            elif kind == "tlx":
                status = api.tlx_system_status(plant_id, serial)
                parts.append(power_flow(serial, status, has_battery="bat" in families))
        noah = api.is_plant_noah_system(plant_id).get("obj") or {}
        if noah.get("isPlantHaveNoah") and noah.get("deviceSn"):
            serial = str(noah["deviceSn"])
            parts.append(noah_flow(serial, api.noah_system_status(serial).get("obj") or {}))
        # The simulated clock may differ from this machine's (--at): ask for the
        # plant's own simulated day rather than let the client assume today.
        plant_day = sim.world.local_today(sim.scenario.plant(int(plant_id)))
        chart = api.dashboard_data(plant_id, date=plant_day).get("chartData") or {}
        if chart:
            parts.append(Text("\nToday's PV power (plant time)", style="bold"))
            parts.append(curve(chart))
        console.print(Panel(Group(*parts), title=str(plant.get("plantName")), title_align="left"))


def run(args: argparse.Namespace) -> int:
    console = Console(width=args.width)
    started = time.perf_counter()
    if args.at is not None and args.at.tzinfo is None:
        console.print("[red]--at needs a UTC offset, e.g. 2026-06-21T13:00+02:00[/red]")
        return 2
    with Simulator.running("demo", SimulatorConfig(start=args.at)) as sim:
        console.print(
            f"[dim]Simulated Growatt cloud at {sim.base_url} (account '{DEMO_USER}')[/dim]"
        )
        api = GrowattApi(agent_identifier="growatt-demo")
        api.server_url = sim.base_url
        render(api, console, sim)
        logins = sim.world.counters.logins
    console.print(f"[dim]{logins} login, {time.perf_counter() - started:.1f} s[/dim]")
    return 0
