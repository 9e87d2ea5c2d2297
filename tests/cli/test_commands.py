"""plants, devices and status against the simulator: JSON shape, and the rendered tables
(fixed width, no colour, frozen clock) as snapshots (`pytest --snapshot-update`)."""

from __future__ import annotations

import json

import pytest

from growattServer.cli.errors import ExitCode

PLANT_IDS = ["1427391", "1427392", "1427393"]
WIDTH = ("--width", "120")


@pytest.mark.parametrize("command", ["plants", "devices", "status"])
def test_tables_render_the_demo_account(command, make_sim, growatt, classic_env, snapshot):
    sim = make_sim()
    classic_env(sim)
    result = growatt(sim, command, *WIDTH)
    assert result.code == 0, result.err
    assert "\x1b[" not in result.out  # no colour codes when not on a terminal
    assert result.out == snapshot


def test_plants_json_lists_every_plant_with_numbers(make_sim, growatt, classic_env):
    sim = make_sim()
    classic_env(sim)
    result = growatt(sim, "plants", "--json")
    assert result.code == 0
    plants = json.loads(result.out)
    assert [p["plant_id"] for p in plants] == PLANT_IDS
    assert [p["devices"] for p in plants] == [4, 3, 1]
    assert all(isinstance(p["power_w"], float) for p in plants)


def test_devices_json_agrees_with_the_scenario(make_sim, growatt, classic_env):
    sim = make_sim()
    classic_env(sim)
    result = growatt(sim, "devices", "--json", "--plant", "1427392")
    devices = json.loads(result.out)
    expected = {d.serial: d.family for d in sim.scenario.devices if d.plant_id == 1427392}
    assert {d["serial"]: d["family"] for d in devices} == expected


def test_status_json_shows_the_power_flow_of_a_hybrid(make_sim, growatt, classic_env):
    sim = make_sim()
    classic_env(sim)
    result = growatt(sim, "status", "--json", "--device", "BZP0C4N08J")
    data = json.loads(result.out)
    assert data["taken_at"] == "2026-06-21T09:30:00+00:00"
    (row,) = data["devices"]
    assert row["serial"] == "BZP0C4N08J"
    assert row["pv_w"] > 0
    assert 0 < row["battery_soc"] <= 100
    # what PV makes goes to the home, the battery and the grid
    assert row["pv_w"] == pytest.approx(row["home_w"] + row["battery_w"] - row["grid_w"], abs=1)


def test_token_account_lists_the_same_plants(make_sim, growatt, token_env):
    sim = make_sim()
    token_env(sim)
    plants = json.loads(growatt(sim, "plants", "--json").out)
    assert [p["plant_id"] for p in plants] == PLANT_IDS
    devices = json.loads(growatt(sim, "devices", "--json").out)
    assert {"BZP0C4N08J", "WPD3C1A0K7"} <= {d["serial"] for d in devices}


def test_status_watch_refreshes_without_logging_in_or_listing_again(make_sim, growatt, classic_env):
    sim = make_sim()
    classic_env(sim)
    result = growatt(sim, "status", "--watch", "5", "--count", "3", "--json")
    assert result.code == 0, result.err
    frames = [json.loads(line) for line in _documents(result.out)]
    assert [f["taken_at"][11:19] for f in frames] == ["09:30:00", "09:31:00", "09:32:00"]
    assert "refreshing every 60 s" in result.err  # 5 s is faster than the classic floor
    assert sim.world.counters.logins == 1
    listings = [
        r
        for r in sim.journal.matching("newTwoPlantAPI.do")
        if dict(r.query).get("op") == "getAllDeviceList"
    ]
    assert len(listings) == len(PLANT_IDS)  # listed once, not once per refresh


def test_status_watch_on_a_token_account_keeps_to_the_pacing_window(make_sim, growatt, token_env):
    sim = make_sim(v1_rate_limit=True)
    token_env(sim)
    result = growatt(sim, "status", "--watch", "10", "--count", "2", "--json")
    assert result.code == 0, result.err
    frames = [json.loads(line) for line in _documents(result.out)]
    assert [f["taken_at"][11:19] for f in frames] == ["09:30:00", "09:35:00"]
    assert sim.world.counters.v1_rate_limited == 0


def test_an_unknown_command_option_is_usage(make_sim, growatt, classic_env):
    sim = make_sim()
    classic_env(sim)
    with pytest.raises(SystemExit) as caught:
        growatt(sim, "plants", "--bogus")
    assert caught.value.code == ExitCode.USAGE


def _documents(text: str) -> list[str]:
    """Split concatenated pretty-printed JSON documents."""
    decoder = json.JSONDecoder()
    documents, position = [], 0
    while position < len(text.rstrip()):
        _, end = decoder.raw_decode(text, position)
        documents.append(text[position:end])
        position = end
        while position < len(text) and text[position].isspace():
            position += 1
    return documents
