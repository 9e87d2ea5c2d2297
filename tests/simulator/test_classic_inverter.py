"""Classic inverter reads, newInverterAPI.do (spec rows 13–15, §4.9, §4.17 Inverter)."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from tests.conftest import SHARED_FIXTURES

from growattServer.simulator import Simulator

FIXTURES = SHARED_FIXTURES / "classic"
INVERTER, NEO = "NTCMA2B04Q", "QMN0D2K15E"
DAY = "2026-06-21"
HA_KEYS = (
    "powerToday",
    "powerTotal",
    "vpv1",
    "ipv1",
    "ppv1",
    "vpv2",
    "ipv2",
    "ppv2",
    "vpv3",
    "ipv3",
    "ppv3",
    "ppv",
    "vacr",
    "iacr",
    "fac",
    "pac",
    "pacr",
    "ipmTemperature",
    "temperature",
)


def get(http: requests.Session, sim: Simulator, **params: str) -> Any:
    response = http.get(sim.base_url + "newInverterAPI.do", params=params, timeout=10)
    assert response.status_code == 200
    return response.json()


@pytest.fixture(autouse=True)
def _never_a_handler_error(sim: Simulator) -> Any:
    yield
    assert all(r.outcome != "handler-error" for r in sim.journal)


def test_detail_is_flat_numeric_with_capture_keys(
    sim: Simulator, logged_in: requests.Session
) -> None:
    bean = get(logged_in, sim, op="getInverterDetailData", inverterId=INVERTER)
    real = json.loads(
        (FIXTURES / "newInverterAPI-getInverterDetailData__pr94-neo.json").read_text()
    )
    assert set(real) <= set(bean)
    for key in HA_KEYS:
        assert isinstance(bean[key], int | float), key
    assert bean["pac"] > 0  # mid-morning in June
    assert bean["ppv"] >= bean["pac"]
    assert bean["ppv1"] + bean["ppv2"] == pytest.approx(bean["ppv"], abs=0.2)


def test_detail_two_matches_detail(sim: Simulator, logged_in: requests.Session) -> None:
    one = get(logged_in, sim, op="getInverterDetailData", inverterId=INVERTER)
    two = get(logged_in, sim, op="getInverterDetailData_two", inverterId=INVERTER)
    real = json.loads(
        (FIXTURES / "newInverterAPI-getInverterDetailData_two__pr94-neo.json").read_text()
    )
    assert set(two) == {"data", "parameterName"}
    assert set(two["data"]) == set(real["data"])
    assert two["parameterName"].startswith("Fac(Hz),Pac(W),E_Today(kWh)")
    assert two["data"]["pac"] == one["pac"]
    assert two["data"]["e_today"] == one["powerToday"]


def test_day_chart_sums_to_today(sim: Simulator, logged_in: requests.Session) -> None:
    chart = get(logged_in, sim, op="getInverterData", id=INVERTER, type="9", date=DAY)
    detail = get(logged_in, sim, op="getInverterDetailData", inverterId=INVERTER)
    points = chart["invPacData"]
    assert max(points) == f"{DAY} 11:25"  # the last finished slot, 11:25-11:30 CEST (09:30 UTC)
    assert all(isinstance(v, int | float) for v in points.values())
    energy = sum(points.values()) * 5 / 60 / 1000
    assert energy == pytest.approx(detail["powerToday"], abs=0.1)
    assert points[f"{DAY} 11:25"] == detail["pac"]


def test_chart_type_selects_the_series(sim: Simulator, logged_in: requests.Session) -> None:
    pv = get(logged_in, sim, op="getInverterData", id=INVERTER, type="1", date=DAY)["invPacData"]
    volts = get(logged_in, sim, op="getInverterData", id=INVERTER, type="2", date=DAY)["invPacData"]
    last = f"{DAY} 11:25"  # the slot the detail reports, labelled with its start
    detail = get(logged_in, sim, op="getInverterDetailData", inverterId=INVERTER)
    assert pv[last] == detail["ppv"]
    assert volts[last] == detail["vpv1"]
    assert 250 < volts[last] < 450


def test_wrong_family_and_unknown_serials_get_501(
    sim: Simulator, logged_in: requests.Session
) -> None:
    expected = json.loads(
        (FIXTURES / "newInverterAPI-getInverterData__pr94-neo-501.json").read_text()
    )
    for params in (
        {"op": "getInverterData", "id": NEO, "type": "1", "date": DAY},
        {"op": "getInverterDetailData", "inverterId": "NOPE"},
        {"op": "getInverterDetailData_two"},
        {"op": "getInverterData", "id": INVERTER, "date": "yesterday"},
    ):
        assert get(logged_in, sim, **params) == expected
