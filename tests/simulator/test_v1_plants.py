"""OpenAPI v1 plant endpoints (openapi.md §2 rows 1–5, §7.1–7.5) over plain HTTP."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
import requests
from tests.conftest import SHARED_FIXTURES

from growattServer.simulator import Simulator

FIXTURES = SHARED_FIXTURES / "v1"
SEVILLA = "1427392"
EMPTY_LIST_FORM = {"page": "", "perpage": "", "search_type": "", "search_keyword": ""}


def fixture(name: str) -> Any:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"fixture {name} not available")
    return json.loads(path.read_text(encoding="utf-8"))


def call(
    v1: requests.Session, sim: Simulator, path: str, *, verb: str = "GET", **params: str
) -> dict[str, Any]:
    """One v1 request; the answer must be the HTTP 200 JSON envelope."""
    if verb == "GET":
        response = v1.get(sim.base_url + "v1/" + path, params=params, timeout=10)
    else:
        response = v1.post(sim.base_url + "v1/" + path, data=params, timeout=10)
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    assert isinstance(body["error_code"], int)
    assert isinstance(body["error_msg"], str)
    assert "data" in body
    return body


def data(
    v1: requests.Session, sim: Simulator, path: str, *, verb: str = "GET", **params: str
) -> Any:
    body = call(v1, sim, path, verb=verb, **params)
    assert body["error_code"] == 0, body
    assert body["error_msg"] == ""
    return body["data"]


def no_handler_errors(sim: Simulator) -> None:
    assert not [r.path for r in sim.journal if r.outcome == "handler-error"]


def test_plant_list_takes_a_get_with_an_empty_form_body(
    sim: Simulator, v1: requests.Session
) -> None:
    response = v1.request("GET", sim.base_url + "v1/plant/list", data=EMPTY_LIST_FORM, timeout=10)
    body = response.json()
    assert body["error_code"] == 0
    plants = body["data"]["plants"]
    assert body["data"]["count"] == len(plants) == 3
    official = fixture("plant-list__gpapy-officialdoc.json")["data"]["plants"][0]
    assert set(plants[0]) == set(official)
    first = plants[0]
    assert isinstance(first["plant_id"], int)
    assert isinstance(first["user_id"], int)
    assert isinstance(first["current_power"], str)
    assert isinstance(first["total_energy"], str)
    assert first["image_url"] is None
    no_handler_errors(sim)


@pytest.mark.parametrize(("page", "perpage", "code"), [("1", "101", 10013), ("251", "", 10014)])
def test_plant_list_paging_limits(
    sim: Simulator, v1: requests.Session, page: str, perpage: str, code: int
) -> None:
    body = call(v1, sim, "plant/list", page=page, perpage=perpage)
    assert body["error_code"] == code


def test_plant_details_has_the_official_key_set(sim: Simulator, v1: requests.Session) -> None:
    details = data(v1, sim, "plant/details", plant_id=SEVILLA)
    official = fixture("plant-details__gpapy-officialdoc.json")["data"]
    assert set(details) == set(official)
    assert details["name"] == "Finca Sevilla"
    assert details["timezone"] == "GMT+2"  # Madrid in summer
    assert isinstance(details["peak_power"], float)


@pytest.mark.parametrize("path", ["plant/details", "plant/data", "plant/power", "plant/energy"])
def test_unknown_and_missing_plant(sim: Simulator, v1: requests.Session, path: str) -> None:
    assert call(v1, sim, path, plant_id="999")["error_code"] == 10002
    assert call(v1, sim, path)["error_code"] == 10003
    no_handler_errors(sim)


def test_plant_data_agrees_with_the_power_curve_and_history(
    sim: Simulator, v1: requests.Session
) -> None:
    overview = data(v1, sim, "plant/data", plant_id=SEVILLA)
    official = fixture("plant-data__gpapy-officialdoc.json")["data"]
    assert set(overview) == set(official)
    for key in ("today_energy", "monthly_energy", "yearly_energy", "total_energy", "carbon_offset"):
        assert isinstance(overview[key], str), key
    assert isinstance(overview["current_power"], (int, float))

    powers = data(v1, sim, "plant/power", plant_id=SEVILLA)["powers"]
    curve_kwh = sum(p["power"] for p in powers if p["power"] is not None) * 5 / 60 / 1000
    assert float(overview["today_energy"]) == pytest.approx(curve_kwh, abs=0.1)
    newest = next(p for p in powers if p["power"] is not None)
    assert newest["power"] == pytest.approx(overview["current_power"], abs=0.2)

    today = sim.world.local_today(sim.world.plant(SEVILLA))  # type: ignore[arg-type]
    days = data(
        v1,
        sim,
        "plant/energy",
        plant_id=SEVILLA,
        time_unit="day",
        start_date=str(today.replace(day=15)),
        end_date=str(today),
    )["energys"]
    assert days[-1] == {"date": str(today), "energy": overview["today_energy"]}
    months = data(
        v1,
        sim,
        "plant/energy",
        plant_id=SEVILLA,
        time_unit="month",
        start_date=str(today.replace(month=1)),
        end_date=str(today),
    )["energys"]
    assert months[-1] == {"date": today.strftime("%Y-%m"), "energy": overview["monthly_energy"]}
    years = data(
        v1,
        sim,
        "plant/energy",
        plant_id=SEVILLA,
        time_unit="year",
        start_date="2024-01-01",
        end_date=str(today),
    )["energys"]
    assert [y["date"] for y in years] == ["2024", "2025", "2026"]
    assert years[-1]["energy"] == overview["yearly_energy"]
    month_sum = sum(float(m["energy"]) for m in months)
    assert month_sum == pytest.approx(float(overview["yearly_energy"]), abs=0.1 * len(months))


def test_plant_power_is_288_points_newest_first(sim: Simulator, v1: requests.Session) -> None:
    answer = data(v1, sim, "plant/power", plant_id=SEVILLA, date="2026-06-21")
    powers = answer["powers"]
    assert answer["count"] == len(powers) == 288
    times = [p["time"] for p in powers]
    assert times == sorted(times, reverse=True)
    assert powers[0]["power"] is None  # the evening has not happened yet
    assert powers[-1]["time"] == "2026-06-21 00:00"  # 288 points of the one date
    assert all(len(t) == len("2026-06-21 10:45") for t in times)
    yesterday = data(v1, sim, "plant/power", plant_id=SEVILLA, date="2026-06-20")["powers"]
    assert all(p["power"] is not None for p in yesterday)
    assert call(v1, sim, "plant/power", plant_id=SEVILLA, date="21/06/2026")["error_code"] == 10003


@pytest.mark.parametrize(
    ("unit", "start", "end"),
    [
        ("day", "2026-06-01", "2026-06-20"),  # more than 7 days
        ("day", "2026-06-20", "2026-06-19"),  # end before start
        ("month", "2024-01-01", "2026-06-01"),  # start more than a year before end's year
        ("year", "2000-01-01", "2026-01-01"),  # more than 20 years
        ("week", "2026-06-20", "2026-06-21"),
        ("day", "yesterday", "2026-06-21"),
    ],
)
def test_plant_energy_range_rules(
    sim: Simulator, v1: requests.Session, unit: str, start: str, end: str
) -> None:
    body = call(
        v1, sim, "plant/energy", plant_id=SEVILLA, time_unit=unit, start_date=start, end_date=end
    )
    assert body["error_code"] == 10004
    no_handler_errors(sim)


def test_plant_energy_paging(sim: Simulator, v1: requests.Session) -> None:
    answer = data(
        v1,
        sim,
        "plant/energy",
        plant_id=SEVILLA,
        time_unit="day",
        start_date="2026-06-14",
        end_date="2026-06-21",
        page="2",
        perpage="3",
    )
    assert answer["count"] == 8
    assert [e["date"] for e in answer["energys"]] == ["2026-06-17", "2026-06-18", "2026-06-19"]
    too_many = call(
        v1,
        sim,
        "plant/energy",
        plant_id=SEVILLA,
        start_date="2026-06-20",
        end_date="2026-06-21",
        perpage="101",
    )
    assert too_many["error_code"] == 10013
    assert date.fromisoformat(answer["energys"][0]["date"])
