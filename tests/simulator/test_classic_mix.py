"""Classic MIX ops (shinephone-api.md rows 26–30, §4.11) over plain HTTP, read-only."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import requests
from tests.conftest import DEMO_PASSWORD, DEMO_USER, SHARED_FIXTURES

from growattServer.simulator import Simulator, growatt_password_hash

FIXTURES = SHARED_FIXTURES / "classic"
MIX, TLX, NEO, SPA = "WPD3C1A0K7", "BZP0C4N08J", "QMN0D2K15E", "JNK0CJ1A9B"
UTRECHT, SEVILLA = "1427391", "1427392"
DAY = "2026-06-21"
SLOT_H = 5 / 60
FAIL_501 = {"msg": "501", "success": False}


def fixture(name: str) -> Any:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"capture {name} not available")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def s(sim: Simulator, http: requests.Session) -> Any:
    result = sim.world.login(DEMO_USER, growatt_password_hash(DEMO_PASSWORD))
    assert result.session is not None
    http.cookies.set("JSESSIONID", result.session.session_id)
    yield http
    assert all(r.outcome != "handler-error" for r in sim.journal)


def mix(s: requests.Session, sim: Simulator, op: str, verb: str = "POST", **query: str) -> Any:
    response = s.request(
        verb, sim.base_url + "newMixApi.do", params={"op": op, **query}, timeout=10
    )
    assert response.status_code == 200
    return response.json()


def test_mix_info_keys_and_soc_formats(s: requests.Session, sim: Simulator) -> None:
    values = mix(s, sim, "getMixInfo", "GET", mixId=MIX, plantId=UTRECHT)["obj"]
    assert set(fixture("newMixApi-getMixInfo__pr94-mix-reconstructed.json")) <= set(values)
    assert re.fullmatch(r"\d+", values["capacity"])
    assert values["soc"] == values["capacity"] + "%"


def test_mix_info_for_a_tlx_answers_the_storage_style_capture(
    s: requests.Session, sim: Simulator
) -> None:
    values = mix(s, sim, "getMixInfo", "GET", mixId=NEO)["obj"]
    assert set(values) == set(fixture("newMixApi-getMixInfo__pr94-neo.json"))
    assert all(isinstance(v, str) for v in values.values())


def test_overview_status_and_info_agree(s: requests.Session, sim: Simulator) -> None:
    info = mix(s, sim, "getMixInfo", "GET", mixId=MIX)["obj"]
    totals = mix(s, sim, "getEnergyOverview", mixId=MIX, plantId=UTRECHT)["obj"]
    status = mix(s, sim, "getSystemStatus_KW", mixId=MIX, plantId=UTRECHT)["obj"]
    assert set(fixture("newMixApi-getEnergyOverview__pr94-mix-reconstructed.json")) <= set(totals)
    assert "etogridTotal" in totals
    assert set(fixture("newMixApi-getSystemStatus_KW__pr94-mix-reconstructed.json")) <= set(status)
    assert all(isinstance(v, str) for v in status.values())
    assert status["unit"] == "kW"
    assert float(totals["epvToday"]) == info["epvToday"]
    assert status["SOC"] == info["capacity"]
    assert float(status["pdisCharge1"]) == pytest.approx(info["pDischarge1"] / 1000, abs=0.01)


def test_day_chart_is_kw_strings_and_sums_to_the_day(s: requests.Session, sim: Simulator) -> None:
    values = mix(s, sim, "getEnergyProdAndCons_KW", plantId=UTRECHT, mixId=MIX, type="0", date=DAY)[
        "obj"
    ]
    chart = values["chartData"]
    assert set(next(iter(chart.values()))) == {
        "pacToGrid",
        "pacToUser",
        "pdischarge",
        "ppv",
        "sysOut",
    }
    assert all(isinstance(v, str) for point in chart.values() for v in point.values())
    assert sorted(chart)[-1] == "11:25"  # the last finished slot (11:25-11:30), Amsterdam time
    pv = sum(float(p["ppv"]) for p in chart.values()) * SLOT_H
    assert pv == pytest.approx(float(values["photovoltaic"]), abs=0.15)
    load = sum(float(p["sysOut"]) for p in chart.values()) * SLOT_H
    assert load == pytest.approx(float(values["elocalLoad"]), abs=0.15)
    for key in (
        "eCharge",
        "eChargeToday",
        "eChargeToday1",
        "echarge1",
        "etouser",
        "echargeToat",
        "eAcCharge",
    ):
        assert isinstance(values[key], str)


@pytest.mark.parametrize(("kind", "length"), [("1", 30), ("2", 12)])
def test_period_charts_are_arrays(
    s: requests.Session, sim: Simulator, kind: str, length: int
) -> None:
    chart = mix(s, sim, "getEnergyProdAndCons_KW", plantId=UTRECHT, mixId=MIX, type=kind, date=DAY)[
        "obj"
    ]["chartData"]
    assert all(len(chart[k]) == length for k in ("ppv", "sysOut", "pacToGrid"))


def test_set_params_render_the_settings(s: requests.Session, sim: Simulator) -> None:
    values = mix(s, sim, "getMixSetParams", "GET", serialNum=MIX, kind="0")["obj"]
    for i in (1, 2, 3):
        assert re.fullmatch(r"\d+:\d+", values[f"forcedChargeTimeStart{i}"])
        assert values[f"forcedDischargeStopSwitch{i}"] in ("0", "1")
    assert values["wchargeSOCLowLimit"] == sim.world.settings(MIX)["wchargeSOCLowLimit1"]


@pytest.mark.parametrize(
    "query",
    [
        {"mixId": TLX},
        {"mixId": SPA},
        {"mixId": "NOSUCHSN00"},
        {},
        {"mixId": MIX, "plantId": SEVILLA},
    ],
)
def test_wrong_device_or_plant_is_501(
    s: requests.Session, sim: Simulator, query: dict[str, str]
) -> None:
    for op in ("getEnergyOverview", "getSystemStatus_KW"):
        assert mix(s, sim, op, **query) == FAIL_501


def test_bad_date_is_the_captured_504(s: requests.Session, sim: Simulator) -> None:
    body = mix(
        s, sim, "getEnergyProdAndCons_KW", plantId=UTRECHT, mixId=MIX, type="0", date="2026/06/21"
    )
    assert body == fixture("newMixApi-getEnergyProdAndCons_KW__pygs-issue25-504.json")
