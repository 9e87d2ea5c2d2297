"""How `growatt demo` looks: header, tables, and per plant its power flow and today's curve.

Tables come from the same rows and builders as ``plants``/``devices``; the flow texts
are ``status``'s. Everything fits 80 columns and uses more detail when there is room.
"""

from __future__ import annotations

from datetime import datetime

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from growattServer.models import PlantState
from growattServer.models.series import Series

from .demo_data import DemoData, PlantCurve
from .output import Output
from .plants import DEVICE_COLUMNS, PLANT_COLUMNS
from .status import battery_text, grid_text, watts
from .views import device_rows, energy_rows, flow_numbers, plant_rows

__all__ = ["power_chart", "render_demo"]

#: The columns of ``plants``/``devices`` the demo shows (80 columns wide).
DEMO_PLANT_KEYS = ("name", "city", "devices", "power_w", "today_kwh", "total_kwh")
DEMO_DEVICE_KEYS = ("serial", "family", "name", "status", "power_w", "today_kwh")
ENERGY_COLUMNS = (
    ("plant", "Plant"),
    ("produced_kwh", "Produced"),
    ("load_kwh", "Home"),
    ("grid_import_kwh", "Import"),
    ("grid_export_kwh", "Export"),
    ("battery_charge_kwh", "Charge"),
    ("battery_discharge_kwh", "Discharge"),
)
BLOCKS = " ▁▂▃▄▅▆▇█"
CHART_ROWS = 6
GUTTER = 9  # "5.43 kW ┤"
#: Chart resolutions (minutes per column), finest first.
STEPS_MIN = (5, 10, 15, 20, 30, 60)
PANEL_CHROME = 4  # border and padding, left and right


def render_demo(out: Output, data: DemoData, account: str) -> None:
    """The whole demo screen on ``out.console``."""
    console, snapshot = out.console, data.snapshot
    console.print(header(data, account))
    plant_columns = [c for c in PLANT_COLUMNS if c[0] in DEMO_PLANT_KEYS]
    console.print(out.table("Plants", plant_columns, plant_rows(snapshot)))
    device_columns = [c for c in DEVICE_COLUMNS if c[0] in DEMO_DEVICE_KEYS]
    console.print(out.table("Devices", device_columns, device_rows(snapshot)))
    console.print(out.table("Today's energy (kWh)", ENERGY_COLUMNS, energy_rows(snapshot)))
    inner = console.width - PANEL_CHROME
    for plant in snapshot.plants:
        console.print(plant_panel(plant, data.curves[plant.plant_id], snapshot.taken_at, inner))


def header(data: DemoData, account: str) -> Text:
    """Who, when (the simulated moment in UTC) and each plant's own clock."""
    taken = data.snapshot.taken_at
    text = Text()
    text.append("Growatt demo", style="bold")
    text.append(f": account '{account}' on the built-in simulator\n")
    text.append(f"Simulated moment {taken:%Y-%m-%d %H:%M} UTC; plant time:")
    for plant in data.snapshot.plants:
        local = plant.plant.local_now(taken)
        text.append(f"\n  {plant.name}: {local:%Y-%m-%d %H:%M %Z} ({plant.plant.timezone})")
    return text


def plant_panel(plant: PlantState, curve: PlantCurve, now: datetime, width: int) -> Panel:
    """Where the plant's power goes now, and its PV curve so far today."""
    local = plant.plant.local_now(now)
    parts: list[RenderableType] = [flow_grid(plant, width), Text()]
    parts.append(Text(f"Today's PV power, plant time ({plant.plant.timezone})", style="bold"))
    parts.append(power_chart(curve.series, width))
    parts.extend(Text(note, style="dim") for note in curve_notes(curve))
    return Panel(Group(*parts), title=f"{plant.name} · {local:%H:%M %Z}", title_align="left")


def flow_grid(plant: PlantState, width: int) -> RenderableType:
    """PV → home / battery / grid, each with a bar on one scale."""
    numbers = flow_numbers(plant.power_flow)
    lines = [
        ("☀ PV", watts(numbers["pv_w"]), numbers["pv_w"]),
        ("⌂ Home", watts(numbers["home_w"]), numbers["home_w"]),
        ("▮ Battery", battery_text(numbers), numbers["battery_w"]),
        ("⇄ Grid", grid_text(numbers), numbers["grid_w"]),
    ]
    scale = max((abs(value) for _, _, value in lines if value is not None), default=0.0)
    bar_width = min(40, max(8, width - 40))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    for label, text, value in lines:
        grid.add_row(label, text, bar(value, scale, bar_width))
    if numbers["home_w"] is None or numbers["grid_w"] is None:
        note = "–: not metered (string inverters and Noah report no home or grid flow)"
        return Group(grid, Text(note, style="dim"))
    return grid


def bar(value: float | None, scale: float, width: int) -> Text:
    """A horizontal bar, ``value`` of ``scale`` across ``width`` cells."""
    if value is None or scale <= 0:
        return Text()
    return Text("█" * round(abs(value) / scale * width), style="yellow")


def curve_notes(curve: PlantCurve) -> list[str]:
    """What the curve leaves out, and why."""
    notes = [f"not charted: {serial} (no day chart)" for serial in curve.missing]
    notes.extend(f"chart of {serials} failed: {err}" for serials, err in curve.errors.items())
    return notes


def power_chart(series: Series, width: int) -> Text:
    """A multi-row bar chart of a day's power, midnight to midnight in the series' own
    (plant) time, one column per few minutes, hour labels below."""
    step = next((s for s in STEPS_MIN if 24 * 60 // s <= width - GUTTER), STEPS_MIN[-1])
    columns = _buckets(series, step)
    peak = max(series.points, key=lambda p: p.value or 0.0, default=None)
    top = peak.value if peak is not None and peak.value is not None else 0.0
    if peak is None or top <= 0:
        return Text("no PV power yet today", style="dim")
    text = Text()
    for row in range(CHART_ROWS):
        label = watts(top) if row == 0 else ""
        text.append(f"{label:>{GUTTER - 2}} {'┤' if row == 0 else '│'}", style="dim")
        floor = (CHART_ROWS - 1 - row) * 8
        cells = (_cell(value, top, floor) for value in columns)
        text.append("".join(cells) + "\n", style="yellow")
    text.append(f"{'0':>{GUTTER - 2}} └" + "─" * len(columns) + "\n", style="dim")
    text.append(" " * GUTTER + _hour_axis(len(columns), step), style="dim")
    text.append(f"\npeak {watts(peak.value)} at {peak.time:%H:%M}")
    return text


def _buckets(series: Series, step: int) -> list[float | None]:
    """Mean power per ``step`` minutes of the day; ``None`` where there is no value."""
    sums: list[list[float]] = [[] for _ in range(24 * 60 // step)]
    for point in series.points:
        if point.value is not None:
            minute = point.time.hour * 60 + point.time.minute
            sums[minute // step].append(point.value)
    return [sum(values) / len(values) if values else None for values in sums]


def _cell(value: float | None, top: float, floor: int) -> str:
    if value is None:
        return " "
    eighths = round(value / top * CHART_ROWS * 8) - floor
    return BLOCKS[max(0, min(8, eighths))]


def _hour_axis(length: int, step: int) -> str:
    """Hour labels under the columns, as dense as fits ("00  03  06 ...")."""
    every = next((h for h in (1, 2, 3, 4, 6) if h * 60 // step >= 4), 6)
    axis = [" "] * (length + 2)
    for hour in range(0, 24, every):
        at = hour * 60 // step
        axis[at : at + 2] = f"{hour:02d}"
    return "".join(axis).rstrip()
