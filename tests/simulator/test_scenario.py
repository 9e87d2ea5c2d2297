"""Scenario files: TOML and JSON load the same way, and mistakes are named."""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import requests
from tests.conftest import APP_AGENT, FIXED_START

from growattServer.simulator import (
    ScenarioError,
    Simulator,
    SimulatorConfig,
    growatt_password_hash,
    load_scenario,
)


def demo_as_dict() -> dict[str, Any]:
    text = resources.files("growattServer.simulator").joinpath("scenarios/demo.toml")
    return tomllib.loads(text.read_text(encoding="utf-8"))


def test_demo_has_every_device_family_and_several_plants() -> None:
    scenario = load_scenario("demo")
    families = {device.family for device in scenario.devices}
    assert families == {"inverter", "tlx", "mix", "storage", "spa", "noah", "bat"}
    assert len(scenario.plants) >= 2


def test_a_json_scenario_serves_like_the_toml_one(tmp_path: Path) -> None:
    raw = demo_as_dict()
    del raw["name"]  # then the file name names the scenario
    raw["accounts"][0]["username"] = "json-user"
    for plant in raw["plants"]:
        plant["owner"] = "json-user"
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    config = SimulatorConfig(start=FIXED_START, frozen_clock=True)
    with Simulator.running(path, config) as sim:
        answer = requests.post(
            sim.base_url + "newTwoLoginAPI.do",
            headers={"User-Agent": APP_AGENT},
            data={"userName": "json-user", "password": growatt_password_hash("growatt-demo")},
            timeout=10,
        ).json()
        assert answer["back"]["success"] is True
        assert sim.scenario.name == "mine"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda raw: raw["devices"][0].update(family="toaster"), "unknown family"),
        (lambda raw: raw["devices"][0].update(plant_id=1), "unknown plant"),
        (lambda raw: raw["plants"][0].update(owner="nobody"), "owner"),
        (lambda raw: raw["devices"][1].update(serial=raw["devices"][0]["serial"]), "duplicate"),
        (lambda raw: raw.pop("accounts"), "accounts"),
        (lambda raw: raw["devices"][0].update(colour="red"), "colour"),
    ],
)
def test_mistakes_are_named(tmp_path: Path, mutate: Any, message: str) -> None:
    raw = demo_as_dict()
    mutate(raw)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ScenarioError, match=message):
        load_scenario(path)


def test_unknown_scenario_name() -> None:
    with pytest.raises(ScenarioError, match="no scenario named"):
        load_scenario("atlantis")
