"""Classic TLX ops (shinephone-api.md rows 16–25, §9 *Pac) over plain HTTP, read-only."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import requests
from tests.conftest import DEMO_PASSWORD, DEMO_USER, SHARED_FIXTURES

from growattServer.simulator import Simulator, growatt_password_hash

FIXTURES = SHARED_FIXTURES / "classic"
TLX, NEO, BAT, MIX = "BZP0C4N08J", "QMN0D2K15E", "BTD1A2B3C4", "WPD3C1A0K7"
SEVILLA, PERTH = "1427392", "1427393"
DAY = "2026-06-21"
SLOT_H = 5 / 60


def fixture(name: str) -> Any:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"capture {name} not available")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def s(sim: Simulator, http: requests.Session) -> requests.Session:
    """A session cookie from the world's own login (the login endpoint is not under test)."""
    result = sim.world.login(DEMO_USER, growatt_password_hash(DEMO_PASSWORD))
    assert result.session is not None
    http.cookies.set("JSESSIONID", result.session.session_id)
    return http


def call(
    s: requests.Session,
    sim: Simulator,
    op: str,
    query: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    path: str = "newTlxApi.do",
) -> Any:
    verb = "POST" if form is not None else "GET"
    response = s.request(
        verb, sim.base_url + path, params={"op": op, **(query or {})}, data=form, timeout=10
    )
    assert response.status_code == 200, response.text[:200]
    assert response.headers["Content-Type"].startswith("application/json")
    return response.json()


@pytest.fixture(autouse=True)
def no_handler_errors(sim: Simulator) -> Any:
    yield
    assert all(r.outcome != "handler-error" for r in sim.journal)


# -- row 16 ------------------------------------------------------------------------------
def test_tlx_data_shape_and_today_matches_the_ac_series(
    s: requests.Session, sim: Simulator
) -> None:
    body = call(s, sim, "getTlxData", {"id": TLX, "type": "6", "date": DAY})
    assert set(fixture("newTlxApi-getTlxData__pr94-neo.json")) <= set(body)
    assert body["date"] == DAY
    assert all(isinstance(body[k], str) for k in ("eToday", "eTotal", "power", "nominalPower"))
    points = body["invPacData"]
    assert points
    assert all(re.fullmatch(rf"{DAY} \d\d:\d\d", key) for key in points)
    assert abs(sum(points.values()) * SLOT_H / 1000 - float(body["eToday"])) < 0.15


def test_tlx_data_pv_series_is_never_negative_and_stops_now(
    s: requests.Session, sim: Simulator
) -> None:
    body = call(s, sim, "getTlxData", {"id": TLX, "type": "1", "date": DAY})
    keys = sorted(body["invPacData"])
    assert keys[-1] == f"{DAY} 11:25"  # Madrid is UTC+2: the slot ending at 09:30 UTC
    assert min(body["invPacData"].values()) >= 0


# -- row 17 ------------------------------------------------------------------------------
HA_TLX_KEYS = [
    "eacToday",
    "eacTotal",
    "epv1Today",
    "epv1Total",
    "epv2Today",
    "epv2Total",
    "epv3Today",
    "epv3Total",
    "epv4Today",
    "epv4Total",
    "epvTotal",
    "vpv1",
    "vpv2",
    "vpv3",
    "vpv4",
    "ipv1",
    "ipv2",
    "ipv3",
    "ipv4",
    "ppv1",
    "ppv2",
    "ppv3",
    "ppv4",
    "ppv",
    "vacrs",
    "fac",
    "pac",
    "temp1",
    "temp2",
    "temp3",
    "temp4",
    "temp5",
    "edischargeToday",
    "edischargeTotal",
    "bdc1DischargeTotal",
    "bdc2DischargeTotal",
    "echargeToday",
    "echargeTotal",
    "bdc1ChargeTotal",
    "bdc2ChargeTotal",
    "bdc1DischargePower",
    "bdc2DischargePower",
    "bdc1ChargePower",
    "bdc2ChargePower",
    "etoGridToday",
    "etoGridTotal",
    "elocalLoadToday",
    "elocalLoadTotal",
    "esystemToday",
    "esystemTotal",
    "eselfToday",
    "eselfTotal",
    "etoUserToday",
    "etoUserTotal",
    "eacChargeToday",
    "eacChargeTotal",
    "bmsSoc",
    "pacToLocalLoad",
    "pacToUserTotal",
    "pacToGridTotal",
    "psystem",
    "pself",
]


def test_tlx_detail_has_every_home_assistant_key_and_the_captured_ones(
    s: requests.Session, sim: Simulator
) -> None:
    body = call(s, sim, "getTlxDetailData", {"id": TLX})
    assert set(body) == {"data", "parameterName"}
    values = body["data"]
    assert set(HA_TLX_KEYS) <= set(values)
    assert set(fixture("newTlxApi-getTlxDetailData__pr94-neo.json")["data"]) <= set(values)
    assert "epvToday" not in values  # §4.10: only getEnergyOverview has it
    assert all(isinstance(values[k], int | float) for k in HA_TLX_KEYS)
    assert isinstance(values["lost"], bool)


def test_tlx_detail_agrees_with_data_status_and_overview(
    s: requests.Session, sim: Simulator
) -> None:
    detail = call(s, sim, "getTlxDetailData", {"id": TLX})["data"]
    pac = call(s, sim, "getTlxData", {"id": TLX, "date": DAY})
    status = call(s, sim, "getSystemStatus_KW", form={"plantId": SEVILLA, "id": TLX})["obj"]
    overview = call(s, sim, "getEnergyOverview", form={"plantId": SEVILLA, "id": TLX})["obj"]
    assert float(pac["eToday"]) == detail["eacToday"]
    assert float(status["ppv"]) == pytest.approx(detail["ppv"] / 1000, abs=0.01)
    assert int(status["SOC"]) == detail["bmsSoc"] == detail["bdc1Soc"]
    assert float(overview["echargetoday"]) == detail["echargeToday"]
    assert float(overview["etogridTotal"]) == detail["etoGridTotal"]
    assert detail["epv1Today"] + detail["epv2Today"] == pytest.approx(
        float(overview["epvToday"]), abs=0.15
    )


def test_tlx_without_battery_reports_zero_battery_values(
    s: requests.Session, sim: Simulator
) -> None:
    values = call(s, sim, "getTlxDetailData", {"id": NEO})["data"]
    assert values["bmsSoc"] == values["bdc1ChargePower"] == values["echargeTotal"] == 0


# -- row 18 ------------------------------------------------------------------------------
def test_tlx_params_mirror_the_capture(s: requests.Session, sim: Simulator) -> None:
    body = call(s, sim, "getTlxParams", {"id": NEO})
    captured = fixture("newTlxApi-getTlxParams__pr94-neo.json")
    assert set(body) == set(captured)
    assert set(captured["newBean"]) <= set(body["newBean"])
    bean = body["newBean"]
    assert body["inverterType"] == "NEO 800M-X"
    assert set(bean["lastUpdateTime"]) == set(captured["newBean"]["lastUpdateTime"])
    assert bean["lastUpdateTime"]["timezoneOffset"] == -480  # Perth, UTC+8
    assert bean["lastUpdateTimeText"] == "2026-06-21 17:30:00"
    assert bean["treeID"] == f"ST_{NEO}"


# -- rows 19 / 20 ------------------------------------------------------------------------
def test_system_status_is_all_strings_in_kw(s: requests.Session, sim: Simulator) -> None:
    values = call(s, sim, "getSystemStatus_KW", form={"plantId": SEVILLA, "id": TLX})["obj"]
    assert set(fixture("newTlxApi-getSystemStatus_KW__pr94-neo.json")) <= set(values)
    assert all(isinstance(v, str) for v in values.values())
    assert values["unit"] == "kW"
    assert values["pmax"] == "6"  # 6000 W
    assert float(values["ppv"]) < 10


def test_energy_overview_keys_and_strings(s: requests.Session, sim: Simulator) -> None:
    values = call(s, sim, "getEnergyOverview", form={"plantId": SEVILLA, "id": TLX})["obj"]
    assert set(values) == set(fixture("newTlxApi-getEnergyOverview__pr94-neo.json"))
    assert all(isinstance(v, str) for v in values.values())


def test_plant_mismatch_is_refused(s: requests.Session, sim: Simulator) -> None:
    body = call(s, sim, "getEnergyOverview", form={"plantId": PERTH, "id": TLX})
    assert body == {"msg": "501", "success": False}


# -- row 21 ------------------------------------------------------------------------------
def test_prod_cons_day_chart_sums_to_the_day(s: requests.Session, sim: Simulator) -> None:
    body = call(
        s,
        sim,
        "getEnergyProdAndCons_KW",
        form={"date": DAY, "plantId": SEVILLA, "language": "1", "id": TLX, "type": "0"},
    )
    values = body["obj"]
    captured = fixture("newTlxApi-getEnergyProdAndCons_KW-hour__pr94-neo.json")
    assert set(captured) <= set(values)
    chart = values["chartData"]
    assert all(re.fullmatch(r"\d\d:\d\d", key) for key in chart)
    assert set(next(iter(chart.values()))) == set(captured["chartData"]["00:00"])
    pv = sum(point["ppv"] for point in chart.values()) * SLOT_H
    overview = call(s, sim, "getEnergyOverview", form={"plantId": SEVILLA, "id": TLX})["obj"]
    assert pv == pytest.approx(float(values["photovoltaic"]), abs=0.15)
    assert float(values["photovoltaic"]) == float(overview["epvToday"])
    assert values["ratio1"].endswith("%")


def test_a_finished_day_chart_is_keyed_00_00_to_23_55(s: requests.Session, sim: Simulator) -> None:
    """Each key is the start of its 5 minutes, as in the spec (§4.10) and the capture,
    whose first key is "00:00" and last "23:55"."""
    body = call(
        s,
        sim,
        "getEnergyProdAndCons_KW",
        form={"date": "2026-06-20", "plantId": SEVILLA, "id": TLX, "type": "0"},
    )
    chart = body["obj"]["chartData"]
    every_slot = [f"{m // 60:02d}:{m % 60:02d}" for m in range(0, 24 * 60, 5)]
    assert list(chart) == every_slot
    assert len(chart) == 288
    captured = fixture("newTlxApi-getEnergyProdAndCons_KW-hour__pr94-neo.json")["chartData"]
    assert set(captured) <= set(chart)  # "00:00", "00:05", "23:55"


@pytest.mark.parametrize(
    ("kind", "length", "label"), [("1", 30, DAY), ("2", 12, "2026-06"), ("3", 6, "2026")]
)
def test_prod_cons_periods_are_arrays(
    s: requests.Session, sim: Simulator, kind: str, length: int, label: str
) -> None:
    chart = call(
        s,
        sim,
        "getEnergyProdAndCons_KW",
        form={"date": DAY, "plantId": SEVILLA, "id": TLX, "type": kind},
    )["obj"]["chartData"]
    captured = fixture("newTlxApi-getEnergyProdAndCons_KW-month__pr94-neo.json")["chartData"]
    assert set(chart) == set(captured)
    assert chart["date"] == label
    assert all(len(chart[k]) == length for k in chart if k != "date")


def test_month_of_days_adds_up_to_the_year_entry(s: requests.Session, sim: Simulator) -> None:
    def chart(kind: str) -> dict[str, Any]:
        body = call(
            s,
            sim,
            "getEnergyProdAndCons_KW",
            form={"date": DAY, "plantId": SEVILLA, "id": TLX, "type": kind},
        )
        result: dict[str, Any] = body["obj"]["chartData"]
        return result

    days, months = chart("1"), chart("2")
    assert sum(days["epv3"]) == pytest.approx(months["epv3"][5], abs=0.1 * 21)
    assert days["epv3"][21:] == [0] * 9  # after today nothing has happened


def test_bad_date_and_bad_type_answer_504(s: requests.Session, sim: Simulator) -> None:
    for form in ({"date": "21/06/2026", "type": "0"}, {"date": DAY, "type": "9"}):
        body = call(s, sim, "getEnergyProdAndCons_KW", form={"plantId": SEVILLA, "id": TLX, **form})
        assert body == {"result": 0, "obj": None, "msg": "504"}


# -- row 22 ------------------------------------------------------------------------------
def test_set_data_has_the_captured_keys_as_strings(s: requests.Session, sim: Simulator) -> None:
    bean = call(s, sim, "getTlxSetData", form={"serialNum": TLX})["obj"]["tlxSetBean"]
    captured = fixture("newTlxApi-getTlxSetData__pr94-neo.json")
    assert set(bean) == set(captured)
    assert all(isinstance(v, str) for k, v in bean.items() if k != "safetyCorrespondNumList")
    assert bean["time_segment1"] == "1_1:0_5:0_0"  # the scenario's disabled night window
    assert bean["charge_power"] == bean["chargePowerCommand"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", bean["pf_sys_year"])


# -- row 23 ------------------------------------------------------------------------------
def test_set_pass_gives_the_day_password_and_enable_map(
    s: requests.Session, sim: Simulator
) -> None:
    body = call(
        s,
        sim,
        "getSetPass",
        form={"deviceSn": TLX, "stringTime": DAY, "type": "5"},
        path="newLoginAPI.do",
    )
    assert body["result"] == 1
    assert body["msg"] == "growatt20260621"
    captured = fixture("newLoginAPI-getSetPass__pr94-neo.json")
    assert set(body["obj"]) == set(captured) - {"settings_password"}
    assert set(body["obj"]["enable"]) == set(captured["enable"])


# -- rows 24 / 25 ------------------------------------------------------------------------
def test_battery_info_and_detail_follow_the_parent(s: requests.Session, sim: Simulator) -> None:
    info = call(s, sim, "getBatInfo", form={"lan": "1", "serialNum": BAT})["obj"]
    assert info["lost"] is False
    body = call(s, sim, "getBatDetailData", form={"lan": "1", "plantId": SEVILLA, "id": BAT})
    assert body["parameterName"] == ""
    values = body["data"]
    assert set(values) == set(fixture("newTlxApi-getBatDetailData__pr94-neo.json")["data"])
    assert all(isinstance(v, str) for v in values.values())
    detail = call(s, sim, "getTlxDetailData", {"id": TLX})["data"]
    assert int(values["soc"]) == detail["bmsSoc"]
    signed = detail["bdc1ChargePower"] - detail["bdc1DischargePower"]
    assert float(values["chargeOrDisPower"]) == pytest.approx(signed, abs=0.1)


def test_battery_ops_without_a_battery(s: requests.Session, sim: Simulator) -> None:
    assert call(s, sim, "getBatInfo", form={"serialNum": NEO})["obj"] == {}
    body = call(s, sim, "getBatDetailData", form={"plantId": PERTH, "id": NEO})
    assert body == {"msg": "501", "success": False}


# -- failures ----------------------------------------------------------------------------
@pytest.mark.parametrize("query", [{"id": MIX}, {"id": "NOSUCHSN00"}, {}])
def test_wrong_family_unknown_or_missing_id_is_501(
    s: requests.Session, sim: Simulator, query: dict[str, str]
) -> None:
    for op in ("getTlxData", "getTlxDetailData", "getTlxParams"):
        assert call(s, sim, op, query) == {"msg": "501", "success": False}


def test_foreign_device_is_501_for_another_account(make_sim: Any, http: requests.Session) -> None:
    private = make_sim()
    private.world.scenario.plant(int(SEVILLA)).owner = "someone-else"
    result = private.world.login(DEMO_USER, growatt_password_hash(DEMO_PASSWORD))
    assert result.session is not None
    http.cookies.set("JSESSIONID", result.session.session_id)
    assert call(http, private, "getTlxDetailData", {"id": TLX}) == {"msg": "501", "success": False}


# -- §9 ----------------------------------------------------------------------------------
def test_pac_maps_agree(s: requests.Session, sim: Simulator) -> None:
    month = call(s, sim, "getMonthPac", {"id": TLX, "date": DAY})
    year = call(s, sim, "getYearPac", {"id": TLX, "date": DAY})
    total = call(s, sim, "getTotalPac", {"id": TLX})
    assert list(month)[:3] == ["1", "2", "3"]
    assert len(month) == 30
    assert sum(month.values()) == pytest.approx(year["6"], abs=0.05 * 30)
    assert set(total) == {"2026"}  # the simulated history starts in May 2026
    assert total["2026"] == pytest.approx(sum(year.values()), abs=0.05 * 12)
