"""`growatt demo`: the rendered screen as snapshots (fixed moment and width, no colour),
and what it shows agrees with the typed snapshot and the simulator's journal."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from growattServer.cli import main
from growattServer.cli.demo_data import summed
from growattServer.cli.demo_render import power_chart
from growattServer.cli.errors import ExitCode
from growattServer.cli.status import battery_text, grid_text, watts
from growattServer.cli.views import flow_numbers
from growattServer.client import GrowattClient
from growattServer.models import AccountSnapshot
from growattServer.models.series import Point, Series, SeriesKind
from growattServer.simulator import Simulator
from tests.conftest import DEMO_PASSWORD, DEMO_USER

AT = "2026-06-21T13:00+02:00"
AT_UTC = datetime(2026, 6, 21, 11, 0, tzinfo=UTC)
FOOTER = re.compile(r"(\d+) requests, (\d+) logins?, [\d.]+ s")


def demo(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["demo", "--at", AT, *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("width", ["80", "120"])
def test_demo_screen(width, home, capsys, snapshot):
    code, out, err = demo(capsys, "--width", width)
    assert code == 0, err
    assert "\x1b[" not in out  # no colour codes when not on a terminal
    assert max(len(line) for line in out.splitlines()) <= int(width)
    assert out == snapshot


def test_demo_logs_in_once_and_counts_its_requests_from_the_journal(home, capsys):
    code, out, err = demo(capsys, "--json")
    assert code == 0, err
    document = json.loads(out)
    assert document["logins"] == 1
    # the snapshot's reads plus one day chart per charted device group; nothing else
    assert 10 < document["requests"] < 30
    footer = FOOTER.search(err)
    assert footer is not None, err
    assert (int(footer[1]), int(footer[2])) == (document["requests"], 1)
    assert document["taken_at"] == "2026-06-21T11:00:00+00:00"


def test_every_plant_and_device_appears(home, capsys, sim):
    code, out, _ = demo(capsys, "--width", "120")
    assert code == 0
    for plant in sim.scenario.plants:
        assert plant.name in out
    for device in sim.scenario.devices:
        assert device.serial in out


async def _snapshot(sim: Simulator) -> AccountSnapshot:
    async with GrowattClient.classic(
        DEMO_USER, DEMO_PASSWORD, server_url=sim.base_url, clock=sim.clock.timestamp
    ) as client:
        return await client.snapshot()


def test_flow_panels_show_the_typed_snapshots_power_flow(home, capsys, make_sim):
    snapshot = asyncio.run(_snapshot(make_sim(start=AT_UTC)))  # the same moment, by itself
    code, out, _ = demo(capsys, "--width", "120")
    assert code == 0
    as_json = json.loads(demo(capsys, "--json")[1])
    panels = _panels(out)
    for plant, shown in zip(snapshot.plants, as_json["plant_flows"], strict=True):
        numbers = flow_numbers(plant.power_flow)
        assert shown == {"plant_id": plant.plant_id, **numbers}
        panel = panels[plant.name]
        assert f"☀ PV       {watts(numbers['pv_w'])} " in panel
        assert f"⌂ Home     {watts(numbers['home_w'])} " in panel
        assert f"▮ Battery  {battery_text(numbers)} " in panel
        assert f"⇄ Grid     {grid_text(numbers)} " in panel
    assert "exporting" in panels["Finca Sevilla"]
    assert "importing" in panels["Beach House Perth"]  # evening in Perth
    assert "not charted: 0PVP50ZR24" in panels["Zonnedak Utrecht"]  # a Noah has no day chart


def test_at_without_an_offset_is_a_usage_error(home, capsys):
    code = main(["demo", "--at", "2026-06-21T13:00"])
    assert code == ExitCode.USAGE
    assert "--at needs a UTC offset" in capsys.readouterr().err


ZONE = ZoneInfo("Europe/Amsterdam")


def _series(values: dict[str, float | None]) -> Series:
    day = datetime.combine(date(2026, 6, 21), datetime.min.time(), tzinfo=ZONE)
    points = []
    for label, value in values.items():
        hours, minutes = (int(part) for part in label.split(":"))
        points.append(Point(day + timedelta(hours=hours, minutes=minutes), value))
    return Series(SeriesKind.POWER, tuple(points))


def test_summed_adds_point_by_point_and_keeps_unknown_slots_empty():
    first = _series({"12:00": 1000.0, "12:05": None, "12:10": None})
    second = _series({"12:00": 500.0, "12:05": 200.0, "12:15": 50.0})
    assert summed([first, second]).values() == [1500.0, 200.0, None, 50.0]


def test_power_chart_puts_the_peak_at_its_hour_on_the_top_row():
    chart = power_chart(_series({"06:00": 100.0, "12:00": 4000.0, "18:00": 0.0}), 80 - 4).plain
    rows = chart.splitlines()
    assert rows[0].startswith("4.00 kW ┤")
    top_column = rows[0].index("█")
    axis = rows[-2]
    assert axis[top_column : top_column + 2] == "12"  # 30-minute columns at 76 cells
    assert rows[-1] == "peak 4.00 kW at 12:00"


def test_power_chart_of_a_night_says_so():
    assert power_chart(_series({"00:05": 0.0}), 76).plain == "no PV power yet today"


def _panels(text: str) -> dict[str, str]:
    """Each plant panel's text by plant name (from its title line)."""
    panels: dict[str, str] = {}
    name = None
    for line in text.splitlines():
        title = re.match(r"╭─ (.+?) · ", line)
        if title:
            name = title[1]
            panels[name] = ""
        elif name is not None:
            panels[name] += line + "\n"
    return panels
