"""Classic inverter writes through tcpSet.do and the setInverter page (rows 43–46, §5.5)."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
import requests
from tests.conftest import classic_login

from growattServer.simulator import Simulator

INVERTER, TLX = "NTCMA2B04Q", "BZP0C4N08J"
SUCCESS = {"msg": "inv_set_success", "success": True}
FAILURE = {"msg": "inv_set_failure", "success": False}


def write(
    http: requests.Session,
    sim: Simulator,
    param: str,
    first: str,
    second: str = "",
    serial: str = INVERTER,
) -> Any:
    response = http.post(
        sim.base_url + "tcpSet.do",
        timeout=10,
        params={
            "action": "inverterSet",
            "serialNum": serial,
            "paramId": param,
            "command_1": first,
            "command_2": second,
        },
    )
    assert response.status_code == 200
    return response.json()


def page(http: requests.Session, sim: Simulator, serial: str = INVERTER) -> dict[str, Any]:
    response = http.get(
        sim.base_url + "commonDeviceSetC/setInverter",
        params={"type": "server", "invSn": serial},
        timeout=10,
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    found = re.search(r"inv=JSON\.parse\('(\{.*?\})'\)", response.text, re.DOTALL)
    assert found, "no inv literal"
    view: dict[str, Any] = json.loads(found.group(1))
    return view


@pytest.fixture
def fresh(make_sim: Any, http: requests.Session) -> Simulator:
    sim: Simulator = make_sim()
    classic_login(http, sim.base_url)
    return sim


def test_page_has_the_documented_keys(sim: Simulator, logged_in: requests.Session) -> None:
    view = page(logged_in, sim)
    for key in (
        "innerVersion",
        "timezone",
        "isBig",
        "voltageHighLimit",
        "voltageLowLimit",
        "wideVoltageEnable",
        "reactiveRate",
        "modelText",
        "haveAfci",
        "activeRate",
        "lost",
        "alias",
        "datalogSn",
        "sysTime",
        "fwVersion",
        "model",
        "sn",
        "pvPfCmdMemoryState",
        "onOff",
        "plantId",
        "pfModel",
        "workingFrequencyMin",
        "workingFrequencyMax",
        "nominalPower",
        "pf",
        "location",
        "deviceModel",
        "status",
        "lastUpdateTime",
    ):
        assert key in view, key
    assert view["voltageHighLimit"] == "263.0"
    assert view["onOff"] == "1"


def test_writes_show_on_the_page(fresh: Simulator, http: requests.Session) -> None:
    assert write(http, fresh, "pv_active_p_rate", "80") == SUCCESS
    assert write(http, fresh, "pv_on_off", "0000") == SUCCESS
    assert write(http, fresh, "pv_reactive_p_rate", "20", "under") == SUCCESS
    assert write(http, fresh, "pv_power_factor", "-0.9") == SUCCESS
    assert write(http, fresh, "pv_grid_voltage_high", "264") == SUCCESS
    assert write(http, fresh, "pv_grid_voltage_low", "190.5") == SUCCESS
    assert write(http, fresh, "pf_sys_year", "2026-06-21 11:45:00") == SUCCESS
    view = page(http, fresh)
    assert (view["activeRate"], view["onOff"], view["reactiveRate"]) == ("80", "0", "20")
    assert (view["pf"], view["voltageHighLimit"], view["voltageLowLimit"]) == (
        "-0.9",
        "264.0",
        "190.5",
    )
    assert view["sysTime"] == "2026-06-21 11:45:00"
    settings = fresh.world.settings(INVERTER)
    assert settings["reactiveMode"] == "under"
    detail = http.get(
        fresh.base_url + "newInverterAPI.do",
        timeout=10,
        params={"op": "getInverterDetailData", "inverterId": INVERTER},
    ).json()
    assert detail["realOPPercent"] == 80
    assert detail["pf"] == -0.9


@pytest.mark.parametrize(
    ("param", "first", "second", "msg"),
    [
        ("pv_on_off", "1", "", "inv_set_failure"),
        ("pv_active_p_rate", "101", "", "inv_set_failure"),
        ("pv_active_p_rate", "ten", "", "inv_set_failure"),
        ("pv_reactive_p_rate", "10", "sideways", "inv_set_failure"),
        ("pv_power_factor", "0.5", "", "inv_set_failure"),
        ("pv_grid_voltage_high", "150", "", "inv_set_failure"),
        ("pv_grid_voltage_low", "abc", "", "inv_set_failure"),
        ("pf_sys_year", "2026-06-21 11:45", "", "inv_set_time_format"),
        ("pf_sys_year", "21/06/2026 11:45:00", "", "inv_set_time_format"),
        ("no_such_setting", "1", "", "inv_set_failure"),
    ],
)
def test_invalid_writes_change_nothing(
    fresh: Simulator, http: requests.Session, param: str, first: str, second: str, msg: str
) -> None:
    before = fresh.world.settings(INVERTER)
    assert write(http, fresh, param, first, second) == {"msg": msg, "success": False}
    assert fresh.world.settings(INVERTER) == before
    assert all(r.outcome != "handler-error" for r in fresh.journal)


def test_wrong_device_and_missing_fields(fresh: Simulator, http: requests.Session) -> None:
    assert write(http, fresh, "pv_active_p_rate", "50", serial=TLX) == FAILURE
    assert write(http, fresh, "pv_active_p_rate", "50", serial="NOPE") == FAILURE
    assert write(http, fresh, "pv_active_p_rate", "") == FAILURE
    bare = http.post(fresh.base_url + "tcpSet.do", params={"action": "inverterSet"}, timeout=10)
    assert bare.json() == FAILURE
    missing_page = http.get(
        fresh.base_url + "commonDeviceSetC/setInverter",
        params={"type": "server", "invSn": TLX},
        timeout=10,
    )
    assert "inv=JSON.parse" not in missing_page.text
    assert all(r.outcome != "handler-error" for r in fresh.journal)


def test_write_outcome_knob(make_sim: Any, http: requests.Session) -> None:
    ignoring = make_sim(write_outcome="ignore")
    classic_login(http, ignoring.base_url)
    assert write(http, ignoring, "pv_active_p_rate", "40") == SUCCESS
    assert page(http, ignoring)["activeRate"] == "100"
    quirky = make_sim(write_outcome="error-but-apply")
    classic_login(http, quirky.base_url)
    assert write(http, quirky, "pv_active_p_rate", "40") == FAILURE
    assert page(http, quirky)["activeRate"] == "40"


def test_switching_off_stops_production(fresh: Simulator, http: requests.Session) -> None:
    assert write(http, fresh, "pv_on_off", "0000") == SUCCESS
    fresh.clock.advance(timedelta(minutes=15))
    detail = http.get(
        fresh.base_url + "newInverterAPI.do",
        timeout=10,
        params={"op": "getInverterDetailData", "inverterId": INVERTER},
    ).json()
    assert detail["pac"] == 0
