"""Noah ops (shinephone-api.md rows 34–37, §4.13, §5.7) over plain HTTP."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
import requests
from tests.conftest import DEMO_PASSWORD, DEMO_USER, SHARED_FIXTURES

from growattServer.simulator import Simulator, growatt_password_hash

FIXTURES = SHARED_FIXTURES / "classic"
NOAH, MIX = "0PVP50ZR24", "WPD3C1A0K7"
UTRECHT, SEVILLA = "1427391", "1427392"
OK = {"msg": "", "result": 1, "obj": None}
NOT_FOUND = {"msg": "501", "result": 0, "obj": None}
FAILED = {"msg": "inv_set_failure", "result": 0, "obj": None}


def fixture(name: str) -> Any:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"capture {name} not available")
    return json.loads(path.read_text(encoding="utf-8"))


def open_session(sim: Simulator, http: requests.Session) -> requests.Session:
    result = sim.world.login(DEMO_USER, growatt_password_hash(DEMO_PASSWORD))
    assert result.session is not None
    http.cookies.set("JSESSIONID", result.session.session_id)
    return http


def noah(http: requests.Session, sim: Simulator, op: str, **form: str) -> Any:
    response = http.post(sim.base_url + "noahDeviceApi/noah/" + op, data=form, timeout=10)
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def s(sim: Simulator, http: requests.Session) -> Any:
    yield open_session(sim, http)
    assert all(r.outcome != "handler-error" for r in sim.journal)


@pytest.fixture
def private(make_sim: Callable[..., Simulator], http: requests.Session) -> Any:
    made = make_sim()
    open_session(made, http)
    yield made
    assert all(r.outcome != "handler-error" for r in made.journal)


def test_is_plant_noah_system(s: requests.Session, sim: Simulator) -> None:
    body = noah(s, sim, "isPlantNoahSystem", plantId=UTRECHT)
    assert set(body) == set(fixture("noahDeviceApi-isPlantNoahSystem__pr94.json"))
    assert set(body["obj"]) == set(fixture("noahDeviceApi-isPlantNoahSystem__pr94.json")["obj"])
    assert body["result"] == 1
    assert body["obj"]["deviceSn"] == NOAH
    assert body["obj"]["isPlantHaveNoah"] is True
    other = noah(s, sim, "isPlantNoahSystem", plantId=SEVILLA)["obj"]
    assert (other["deviceSn"], other["isPlantHaveNoah"]) == ("", False)
    assert noah(s, sim, "isPlantNoahSystem", plantId="1") == NOT_FOUND


def test_system_status_is_numeric_strings(s: requests.Session, sim: Simulator) -> None:
    values = noah(s, sim, "getSystemStatus", deviceSn=NOAH)["obj"]
    assert set(fixture("noahDeviceApi-getSystemStatus__pr94-annotated.json")["obj"]) <= set(values)
    for key in ("chargePower", "disChargePower", "pac", "ppv", "soc", "eacToday", "eacTotal"):
        float(values[key])  # plain numbers, no "Watt"/"kWh"
    assert 0 <= float(values["soc"]) <= 100
    assert values["workMode"] in ("0", "1")


def test_info_renders_the_segments(s: requests.Session, sim: Simulator) -> None:
    obj = noah(s, sim, "getNoahInfoBySn", deviceSn=NOAH)["obj"]
    captured = fixture("noahDeviceApi-getNoahInfoBySn__pr94-annotated.json")["obj"]
    assert set(captured) <= set(obj)
    assert set(captured["noah"]) <= set(obj["noah"])
    assert obj["noah"]["time_segment"] == {"time_segment1": "0_17:0_23:0_300"}
    assert obj["plantList"][0] == {
        "plantId": int(UTRECHT),
        "plantImgName": None,
        "plantName": "Zonnedak Utrecht",
    }


@pytest.mark.parametrize("op", ["getSystemStatus", "getNoahInfoBySn"])
def test_unknown_or_wrong_family_serial(s: requests.Session, sim: Simulator, op: str) -> None:
    assert noah(s, sim, op, deviceSn=MIX) == NOT_FOUND
    assert noah(s, sim, op) == NOT_FOUND


def test_settings_persist_in_noah_info(private: Simulator, http: requests.Session) -> None:
    assert noah(http, private, "set", serialNum=NOAH, type="default_power", param1="300") == OK
    assert (
        noah(http, private, "set", serialNum=NOAH, type="charging_soc", param1="90", param2="20")
        == OK
    )
    assert (
        noah(
            http,
            private,
            "set",
            serialNum=NOAH,
            type="time_segment2",
            param1="1",
            param2="08",
            param3="00",
            param4="12",
            param5="30",
            param6="0",
            param7="1",
        )
        == OK
    )
    bean = noah(http, private, "getNoahInfoBySn", deviceSn=NOAH)["obj"]["noah"]
    assert bean["defaultPower"] == "300"
    assert (bean["chargingSocHighLimit"], bean["chargingSocLowLimit"]) == ("90", "20")
    assert bean["time_segment"]["time_segment2"] == "1_8:0_12:30_0"


def test_plant_money(private: Simulator, http: requests.Session) -> None:
    assert (
        noah(
            http,
            private,
            "set",
            serialNum=NOAH,
            type="updatePlantMoney",
            param1=UTRECHT,
            param2="0.31",
            param3="euro",
        )
        == OK
    )
    assert (
        noah(http, private, "getNoahInfoBySn", deviceSn=NOAH)["obj"]["noah"]["formulaMoney"]
        == "0.31"
    )
    assert (
        noah(
            http,
            private,
            "set",
            serialNum=NOAH,
            type="updatePlantMoney",
            param1=SEVILLA,
            param2="0.31",
            param3="euro",
        )
        == FAILED
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"type": "default_power", "param1": "801"},
        {"type": "default_power", "param1": "lots"},
        {"type": "charging_soc", "param1": "60", "param2": "10"},
        {"type": "charging_soc", "param1": "90", "param2": "31"},
        {"type": "charging_soc", "param1": "90"},
        {
            "type": "time_segment2",
            "param1": "2",
            "param2": "8",
            "param3": "0",
            "param4": "9",
            "param5": "0",
            "param6": "100",
            "param7": "1",
        },
        {"type": "time_segment0", "param1": "1"},
        {"type": "updatePlantMoney", "param1": UTRECHT, "param2": "0.3", "param3": "peso"},
        {"type": "nonsense"},
    ],
)
def test_invalid_settings_fail_and_change_nothing(
    private: Simulator, http: requests.Session, fields: dict[str, str]
) -> None:
    before = private.world.settings(NOAH)
    price = private.world.scenario.plant(int(UTRECHT)).price_per_kwh
    assert noah(http, private, "set", serialNum=NOAH, **fields) == FAILED
    assert private.world.settings(NOAH) == before
    assert private.world.scenario.plant(int(UTRECHT)).price_per_kwh == price


def test_ignore_mode_claims_success(
    make_sim: Callable[..., Simulator], http: requests.Session
) -> None:
    ignoring = make_sim(write_outcome="ignore")
    open_session(ignoring, http)
    before = ignoring.world.settings(NOAH)
    assert noah(http, ignoring, "set", serialNum=NOAH, type="default_power", param1="500") == OK
    assert ignoring.world.settings(NOAH) == before
