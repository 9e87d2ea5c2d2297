"""Scenario files: the accounts, plants and devices a simulated Growatt cloud holds.

A scenario is TOML or JSON with `[[accounts]]`, `[[plants]]` and `[[devices]]` tables
(see `scenarios/demo.toml`). Everything else (power curves, counters, history) is
derived from it deterministically, given the seed.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

FAMILIES = ("inverter", "tlx", "mix", "storage", "spa", "noah", "bat")
BATTERY_FAMILIES = frozenset({"tlx", "mix", "storage", "spa", "noah"})


class ScenarioError(ValueError):
    """The scenario file is malformed or inconsistent."""


@dataclass(slots=True)
class Account:
    username: str
    password: str
    user_id: int
    email: str = ""
    tokens: list[str] = field(default_factory=list)
    language: str = "en"
    area: str = "Europe"
    timezone_hours: int = 1


@dataclass(slots=True)
class Plant:
    plant_id: int
    name: str
    owner: str
    latitude: float
    longitude: float
    timezone: str
    nominal_power: int  # W
    currency: str = "EUR"
    currency_symbol: str = "€"
    price_per_kwh: float = 0.3
    city: str = ""
    country: str = ""
    address: str = ""
    created: date = date(2023, 4, 1)
    plant_type: int = 0

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(slots=True)
class Device:
    serial: str
    family: str
    plant_id: int
    datalogger: str
    alias: str = ""
    model: str = ""
    device_id: int = 0
    nominal_power: int = 3000  # W, AC rating
    pv_kwp: float = 0.0
    pv_strings: int = 2
    battery_kwh: float = 0.0
    battery_power: int = 0  # W, max charge / discharge
    daily_load_kwh: float = 0.0
    parent: str | None = None  # a `bat` pack hangs off its tlx
    initial_pv_kwh: float = 0.0  # lifetime PV before the simulated history starts
    initial_soc: float = 60.0
    online: bool = True
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def has_battery(self) -> bool:
        return self.battery_kwh > 0 and self.family in BATTERY_FAMILIES


@dataclass(slots=True)
class Scenario:
    name: str
    accounts: list[Account]
    plants: list[Plant]
    devices: list[Device]
    seed: int = 1
    history_days: int = 400
    _device_index: dict[str, Device] = field(default_factory=dict, init=False, repr=False)

    def plant(self, plant_id: int) -> Plant:
        for plant in self.plants:
            if plant.plant_id == plant_id:
                return plant
        raise KeyError(plant_id)

    def device(self, serial: str) -> Device:
        # Every request looks devices up, often several times: keep an index.
        index = self._device_index
        if len(index) != len(self.devices):
            index.clear()
            index.update((d.serial, d) for d in self.devices)
        return index[serial]

    def devices_of(self, plant_id: int) -> list[Device]:
        return [d for d in self.devices if d.plant_id == plant_id]  # few devices: a scan is fine

    def plants_of(self, username: str) -> list[Plant]:
        return [p for p in self.plants if p.owner == username]

    def account(self, username: str) -> Account:
        for account in self.accounts:
            if account.username == username:
                return account
        raise KeyError(username)

    def validate(self) -> None:
        usernames = {a.username for a in self.accounts}
        plant_ids = {p.plant_id for p in self.plants}
        serials: set[str] = set()
        for plant in self.plants:
            if plant.owner not in usernames:
                raise ScenarioError(f"plant {plant.plant_id} owner {plant.owner!r} unknown")
            plant.tz  # noqa: B018 - raises for an unknown zone
        for device in self.devices:
            if device.family not in FAMILIES:
                raise ScenarioError(f"device {device.serial}: unknown family {device.family!r}")
            if device.plant_id not in plant_ids:
                raise ScenarioError(f"device {device.serial}: unknown plant {device.plant_id}")
            if device.serial in serials:
                raise ScenarioError(f"duplicate device serial {device.serial}")
            serials.add(device.serial)
        for device in self.devices:
            if device.family == "bat" and device.parent not in serials:
                raise ScenarioError(f"battery {device.serial} needs a parent tlx serial")


def _build(cls: type[Any], raw: dict[str, Any], what: str) -> Any:
    try:
        if "created" in raw and isinstance(raw["created"], str):
            raw = {**raw, "created": date.fromisoformat(raw["created"])}
        return cls(**raw)
    except TypeError as err:
        raise ScenarioError(f"{what}: {err}") from err


def scenario_from_dict(raw: dict[str, Any], name: str = "custom") -> Scenario:
    try:
        scenario = Scenario(
            name=str(raw.get("name", name)),
            accounts=[_build(Account, a, "account") for a in raw["accounts"]],
            plants=[_build(Plant, p, "plant") for p in raw["plants"]],
            devices=[_build(Device, d, "device") for d in raw["devices"]],
            seed=int(raw.get("seed", 1)),
            history_days=int(raw.get("history_days", 400)),
        )
    except KeyError as err:
        raise ScenarioError(f"scenario lacks {err.args[0]!r}") from err
    scenario.validate()
    return scenario


def load_scenario(source: str | Path) -> Scenario:
    """Load a built-in scenario by name (`demo`) or a `.toml` / `.json` file."""
    path = Path(source)
    if path.suffix in (".toml", ".json") and path.exists():
        text = path.read_text(encoding="utf-8")
        name = path.stem
    else:
        builtin = resources.files("growattServer.simulator").joinpath(f"scenarios/{source}.toml")
        if not builtin.is_file():
            raise ScenarioError(f"no scenario named {source!r} and no such file")
        text = builtin.read_text(encoding="utf-8")
        path = Path(f"{source}.toml")
        name = str(source)
    raw = json.loads(text) if path.suffix == ".json" else tomllib.loads(text)
    return scenario_from_dict(raw, name=name)
