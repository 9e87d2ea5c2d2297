"""Plant endpoints (spec rows 2–5, 7, 9–12; §4.1–4.8): shapes against the captures,
values against each other."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from tests.conftest import SHARED_FIXTURES, classic_login

from growattServer.simulator import DeviceListLayout, Simulator

FIXTURES = SHARED_FIXTURES / "classic"
UTRECHT, SEVILLA, PERTH = "1427391", "1427392", "1427393"
DAY = "2026-06-21"


def capture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text())


def call(http: requests.Session, sim: Simulator, path: str, **params: str) -> Any:
    response = http.post(sim.base_url + path, params=params, timeout=10)
    assert response.status_code == 200
    return response.json()


def kwh(value: str) -> float:
    number, unit = value.split()
    return float(number) * {"kWh": 1, "MWh": 1000, "GWh": 1e6}[unit]


@pytest.fixture(autouse=True)
def _never_a_handler_error(sim: Simulator) -> Any:
    yield
    assert all(r.outcome != "handler-error" for r in sim.journal)


def test_plant_list_shape_and_units(sim: Simulator, logged_in: requests.Session) -> None:
    back = call(logged_in, sim, "PlantListAPI.do", userId="3021745")["back"]
    real = capture("PlantListAPI__pr94-neo.json")
    assert set(back) == set(real)
    assert set(back["data"][0]) == set(real["data"][0])
    assert set(back["totalData"]) == set(real["totalData"])
    first = back["data"][0]
    assert first["plantId"] == UTRECHT
    assert first["totalEnergy"].endswith("MWh")  # unit switching
    assert first["plantMoneyText"].endswith(" ")
    assert first["isHaveStorage"] in ("true", "false")
    today_sum = sum(kwh(p["todayEnergy"]) for p in back["data"])
    assert kwh(back["totalData"]["todayEnergySum"]) == pytest.approx(today_sum, abs=0.15)


def test_plant_list_of_another_user_is_empty(sim: Simulator, logged_in: requests.Session) -> None:
    back = call(logged_in, sim, "PlantListAPI.do", userId="999")["back"]
    assert back["success"] is True
    assert back["data"] == []


def test_plant_detail_month_days_sum_to_today(sim: Simulator, logged_in: requests.Session) -> None:
    back = call(logged_in, sim, "PlantDetailAPI.do", plantId=UTRECHT, type="1", date=DAY)["back"]
    assert set(back) == set(capture("PlantDetailAPI__pr94-neo.json"))
    assert sorted(back["data"]) == [f"{d:02d}" for d in range(1, 31)]
    assert all(isinstance(v, str) for v in back["data"].values())
    energy = call(
        logged_in, sim, "newTwoPlantAPI.do", op="getUserCenterEnertyDataByPlantid", plantId=UTRECHT
    )
    assert float(back["data"]["21"]) == pytest.approx(float(energy["todayValue"]), abs=0.11)
    month = sum(float(v) for v in back["data"].values())
    assert month == pytest.approx(float(energy["monthValue"]), abs=2)


def test_plant_detail_day_points_and_bad_input(sim: Simulator, logged_in: requests.Session) -> None:
    back = call(logged_in, sim, "PlantDetailAPI.do", plantId=UTRECHT, type="0", date=DAY)["back"]
    assert "11:25" in back["data"]  # 11:25-11:30, finished at 09:30 UTC
    assert "11:30" not in back["data"]  # not finished yet
    bad = call(logged_in, sim, "PlantDetailAPI.do", plantId="42", type="1", date=DAY)
    assert bad == {"back": {"success": False, "msg": "501"}}
    garbage = call(logged_in, sim, "PlantDetailAPI.do", plantId=UTRECHT, type="1", date="x")
    assert garbage["back"]["success"] is False


def test_plant_list_two_beans(sim: Simulator, logged_in: requests.Session) -> None:
    body = call(
        logged_in,
        sim,
        "newTwoPlantAPI.do",
        op="getAllPlantListTwo",
        language="1",
        nominalPower="",
        order="1",
        pageSize="15",
        plantName="",
        plantStatus="",
        toPageNum="1",
    )
    beans = body["PlantList"]
    real = capture("newTwoPlantAPI-getAllPlantListTwo__pr94-neo.json")[0]
    assert set(real) <= set(beans[0])
    assert [b["id"] for b in beans] == [int(UTRECHT), int(SEVILLA), int(PERTH)]
    created = beans[0]["createDate"]
    assert set(created) == set(real["createDate"]) | {"day"}
    assert created["year"] == 122  # 2022, years since 1900
    assert created["month"] == 4  # May, 0-based
    assert beans[2]["nominalPowerStr"] == "0.8kWp"
    assert beans[2]["timezoneText"] == "GMT+8"


def test_device_list_two_default_layout(sim: Simulator, logged_in: requests.Session) -> None:
    body = call(
        logged_in,
        sim,
        "newTwoPlantAPI.do",
        op="getAllDeviceListTwo",
        plantId=PERTH,
        pageNum="1",
        pageSize="1",
    )
    real = capture("newTwoPlantAPI-getAllDeviceListTwo__pr94-neo.json")
    assert set(real) <= set(body)
    assert body["deviceList"] == []  # a TLX-only plant
    assert [d["deviceSn"] for d in body["invList"]] == ["QMN0D2K15E"]
    assert set(real["invList"][0]) <= set(body["invList"][0])
    assert body["plantMoneyText"].count("/") == 1
    assert body["plantMoneyText"].endswith("/$")
    assert isinstance(body["nominalPower"], int)


def test_device_list_two_other_layout(make_sim: Any, http: requests.Session) -> None:
    sim = make_sim(device_list_layout=DeviceListLayout.ALL_IN_DEVICELIST)
    classic_login(http, sim.base_url)
    body = call(http, sim, "newTwoPlantAPI.do", op="getAllDeviceListTwo", plantId=PERTH)
    assert [d["deviceSn"] for d in body["deviceList"]] == ["QMN0D2K15E"]


def test_device_list_entries_and_noah_left_out(sim: Simulator, logged_in: requests.Session) -> None:
    body = call(
        logged_in, sim, "newTwoPlantAPI.do", op="getAllDeviceList", plantId=UTRECHT, language="1"
    )
    real = capture("newTwoPlantAPI-getAllDeviceList__pr94-neo.json")[0]
    types = {d["deviceSn"]: d["deviceType"] for d in body["deviceList"]}
    assert types == {"NTCMA2B04Q": "inverter", "WPD3C1A0K7": "mix", "JNK0CJ1A9B": "spa"}
    for entry in body["deviceList"]:
        assert set(real) <= set(entry)
        assert isinstance(entry["power"], str)
        assert isinstance(entry["deviceStatus"], str)
    sevilla = call(logged_in, sim, "newTwoPlantAPI.do", op="getAllDeviceList", plantId=SEVILLA)
    assert {d["deviceType"] for d in sevilla["deviceList"]} == {"tlx", "bat", "storage"}


def test_plant_views_agree(sim: Simulator, logged_in: requests.Session) -> None:
    devices = call(logged_in, sim, "newTwoPlantAPI.do", op="getAllDeviceListTwo", plantId=SEVILLA)
    energy = call(
        logged_in, sim, "newTwoPlantAPI.do", op="getUserCenterEnertyDataByPlantid", plantId=SEVILLA
    )
    bean = energy["plantBean"]
    assert isinstance(bean["createDate"], int)  # epoch ms in this bean
    assert float(devices["todayEnergy"]) == pytest.approx(float(energy["todayValue"]), abs=0.1)
    assert float(devices["totalEnergy"]) == pytest.approx(bean["eTotal"], abs=0.1)
    per_device = sum(float(d["eToday"]) for d in devices["invList"] + devices["storageList"])
    assert per_device == pytest.approx(float(devices["todayEnergy"]), abs=0.2)
    real = capture("newTwoPlantAPI-getUserCenterEnertyDataByPlantid__pr94-neo.json")
    assert set(real) <= set(energy)
    assert set(real["weatherMap"]) <= set(energy["weatherMap"])


def test_get_plant_has_the_update_form_keys(sim: Simulator, logged_in: requests.Session) -> None:
    bean = call(logged_in, sim, "newPlantAPI.do", op="getPlant", plantId=UTRECHT)
    real = capture("newPlantAPI-getPlant__pr94-neo.json")
    assert set(real) <= set(bean)
    assert bean["unitMap"]["EUR"] == "EUR"
    assert isinstance(bean["formulaMoney"], float)
    assert bean["formulaMoneyStr"] == "0.27"
    assert bean["timezone"] == 1
    assert call(logged_in, sim, "newPlantAPI.do", op="getPlant", plantId="1") == {
        "msg": "501",
        "success": False,
    }


def form_from(bean: dict[str, Any]) -> dict[str, str]:
    """The 18 multipart fields the library builds from getPlant (§5.6)."""
    source = {
        "plantCoal": "formulaCoal",
        "plantSo2": "formulaSo2",
        "accountName": "userAccount",
        "plantID": "id",
        "plantCountry": "country",
        "plantType": "plantType",
        "plantIncome": "formulaMoneyStr",
        "plantAddress": "plantAddress",
        "plantTimezone": "timezone",
        "plantLng": "plant_lng",
        "plantCity": "city",
        "plantCo2": "formulaCo2",
        "plantMoney": "formulaMoneyUnitId",
        "plantPower": "nominalPower",
        "plantLat": "plant_lat",
        "plantDate": "createDateText",
        "plantName": "plantName",
    }
    form = {field: str(bean[key]) for field, key in source.items()}
    form["plantFirm"] = "0"
    return form


def _update(http: requests.Session, sim: Simulator, form: dict[str, str]) -> Any:
    response = http.post(
        sim.base_url + "newTwoPlantAPI.do",
        params={"op": "updatePlant"},
        files={k: (None, v) for k, v in form.items()},
        timeout=10,
    )
    assert response.status_code == 200
    return response.json()


def test_update_plant_round_trip(make_sim: Any, http: requests.Session) -> None:
    sim = make_sim()
    classic_login(http, sim.base_url)
    bean = call(http, sim, "newPlantAPI.do", op="getPlant", plantId=UTRECHT)
    form = form_from(bean) | {
        "plantName": "Dak Utrecht",
        "plantIncome": "0.31",
        "plantMoney": "USD",
        "plantPower": "9600",
        "plantCo2": "0.5",
    }
    assert _update(http, sim, form) == {"success": True, "msg": ""}
    after = call(http, sim, "newPlantAPI.do", op="getPlant", plantId=UTRECHT)
    assert after["plantName"] == "Dak Utrecht"
    assert after["formulaMoney"] == 0.31
    assert after["moneyUnitText"] == "$"
    assert after["nominalPower"] == 9600
    assert after["formulaCo2"] == 0.5
    listed = call(http, sim, "newTwoPlantAPI.do", op="getAllPlantListTwo")["PlantList"][0]
    assert listed["plantName"] == "Dak Utrecht"
    assert all(r.outcome != "handler-error" for r in sim.journal)


def test_update_plant_rejects_incomplete_or_garbage(make_sim: Any, http: requests.Session) -> None:
    sim = make_sim()
    classic_login(http, sim.base_url)
    bean = call(http, sim, "newPlantAPI.do", op="getPlant", plantId=UTRECHT)
    form = form_from(bean)
    for broken in (
        {k: v for k, v in form.items() if k != "plantCity"},
        form | {"plantLat": "north", "plantName": "Changed"},
        form | {"plantPower": "None", "plantName": "Changed"},
        form | {"plantID": PERTH + "9", "plantName": "Changed"},
    ):
        assert _update(http, sim, broken)["success"] is False
    assert call(http, sim, "newPlantAPI.do", op="getPlant", plantId=UTRECHT) == bean
    assert all(r.outcome != "handler-error" for r in sim.journal)


def test_dashboard_chart_and_ratios(sim: Simulator, logged_in: requests.Session) -> None:
    body = call(
        logged_in,
        sim,
        "newPlantAPI.do",
        action="getEnergyStorageData",
        date=DAY,
        type="0",
        plantId=UTRECHT,
    )
    real = capture("newPlantAPI-getEnergyStorageData__pr94-mix.json")
    assert set(real) <= set(body)
    assert max(body["chartData"]) == "11:25"
    assert set(body["chartData"]["11:25"]) == {"pacToUser", "ppv", "sysOut", "userLoad"}
    number = {
        k: float(body[k].removesuffix("kWh"))
        for k in ("eCharge", "eChargeToday1", "eAcCharge", "elocalLoad", "etouser", "eChargeToday2")
    }
    assert number["eCharge"] == pytest.approx(
        number["eChargeToday1"] + number["eAcCharge"], abs=0.15
    )
    assert number["elocalLoad"] == pytest.approx(
        number["eChargeToday2"] + number["etouser"], abs=0.15
    )
    assert float(body["ratio1"].rstrip("%")) + float(body["ratio2"].rstrip("%")) == pytest.approx(
        100, abs=0.2
    )
    pv_kwh = sum(float(p["ppv"]) for p in body["chartData"].values()) * 5 / 60
    assert pv_kwh == pytest.approx(number["eCharge"], abs=0.2)
