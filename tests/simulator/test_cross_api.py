"""One world behind two APIs: a write through either shows in the other's reads, and both
report the same numbers for the same device at the same instant."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from tests.conftest import DEMO_TOKEN, classic_login

from growattServer.simulator import Simulator

TLX, MIX, UTRECHT = "BZP0C4N08J", "WPD3C1A0K7", "1427391"


@pytest.fixture
def both(make_sim: Any, http: requests.Session) -> tuple[Simulator, requests.Session]:
    """A private simulator and one session that is logged in and carries the token."""
    sim: Simulator = make_sim()
    classic_login(http, sim.base_url)
    http.headers["token"] = DEMO_TOKEN
    return sim, http


def classic_json(
    http: requests.Session, sim: Simulator, method: str, path: str, **params: str
) -> dict[str, Any]:
    response = http.request(method, sim.base_url + path, params=params, timeout=10)
    assert response.status_code == 200, response.text[:200]
    body: dict[str, Any] = response.json()
    return body


def v1_data(http: requests.Session, sim: Simulator, method: str, path: str, **fields: str) -> Any:
    send = {"params": fields} if method == "GET" else {"data": fields}
    body = http.request(method, sim.base_url + "v1/" + path, timeout=10, **send).json()
    assert body["error_code"] == 0, body
    return body["data"]


def tlx_bean(http: requests.Session, sim: Simulator) -> dict[str, Any]:
    response = http.post(
        sim.base_url + "newTlxApi.do",
        params={"op": "getTlxSetData"},
        data={"serialNum": TLX},
        timeout=10,
    )
    bean: dict[str, Any] = response.json()["obj"]["tlxSetBean"]
    return bean


def test_classic_tlx_write_shows_in_v1_reads(both: tuple[Simulator, requests.Session]) -> None:
    sim, http = both
    answer = classic_json(
        http,
        sim,
        "POST",
        "newTcpsetAPI.do",
        op="tlxSet",
        serialNum=TLX,
        type="charge_stop_soc",
        param1="88",
    )
    assert answer["success"] is True
    settings = v1_data(http, sim, "GET", "device/tlx/tlx_set_info", device_sn=TLX)
    assert str(settings["wchargeSOCLowLimit"]) == "88"
    read = v1_data(
        http,
        sim,
        "POST",
        "readMinParam",
        device_sn=TLX,
        paramId="charge_stop_soc",
        startAddr="0",
        endAddr="0",
    )
    assert str(read) == "88"


def test_v1_time_segment_shows_in_classic_settings(
    both: tuple[Simulator, requests.Session],
) -> None:
    sim, http = both
    fields = {
        "tlx_sn": TLX,
        "type": "time_segment3",
        "param1": "2",
        "param2": "17",
        "param3": "30",
        "param4": "19",
        "param5": "0",
        "param6": "1",
    }
    fields.update({f"param{i}": "" for i in range(7, 20)})
    assert v1_data(http, sim, "POST", "tlxSet", **fields) == ""
    bean = tlx_bean(http, sim)
    assert bean["forcedTimeStart3"] == "17:30"
    assert bean["forcedTimeStop3"] == "19:0"
    assert str(bean["time3Mode"]) == "2"
    assert str(bean["forcedStopSwitch3"]) == "1"


def test_classic_mix_charge_window_shows_in_v1_and_back(
    both: tuple[Simulator, requests.Session],
) -> None:
    sim, http = both
    params = {
        "op": "mixSetApiNew",
        "serialNum": MIX,
        "type": "mix_ac_charge_time_period",
        "param1": "80",
        "param2": "95",
        "param3": "1",
        "param4": "02",
        "param5": "00",
        "param6": "05",
        "param7": "30",
        "param8": "1",
    }
    params.update(
        {
            f"param{i}": v
            for i, v in zip(range(9, 19), ["00", "00", "00", "00", "0"] * 2, strict=True)
        }
    )
    assert classic_json(http, sim, "POST", "newTcpsetAPI.do", **params)["success"] is True
    info = v1_data(http, sim, "GET", "device/mix/mix_data_info", device_sn=MIX)
    assert info["forcedChargeTimeStart1"] == "2:0"
    assert info["forcedChargeTimeStop1"] == "5:30"
    assert str(info["chargePowerCommand"]) == "80"
    assert str(info["wchargeSOCLowLimit1"]) == "95"
    # ... and a v1 discharge window shows in the classic MIX settings.
    fields = {
        "mix_sn": MIX,
        "type": "mix_ac_discharge_time_period",
        "param1": "60",
        "param2": "20",
        "param3": "17",
        "param4": "0",
        "param5": "20",
        "param6": "0",
        "param7": "1",
    }
    fields.update({f"param{i}": "0" for i in range(8, 18)})
    fields["param18"] = ""
    assert v1_data(http, sim, "POST", "mixSet", **fields) == ""
    flat = classic_json(
        http, sim, "GET", "newMixApi.do", op="getMixSetParams", serialNum=MIX, kind="0"
    )["obj"]
    assert flat["forcedDischargeTimeStart1"] == "17:0"
    assert str(flat["forcedDischargeStopSwitch1"]) == "1"
    assert str(flat["wdisChargeSOCLowLimit2"]) == "20"


def test_both_apis_report_the_same_live_numbers(both: tuple[Simulator, requests.Session]) -> None:
    sim, http = both
    detail = classic_json(http, sim, "GET", "newTlxApi.do", op="getTlxDetailData", id=TLX)["data"]
    last = v1_data(http, sim, "POST", "device/tlx/tlx_last_data", tlx_sn=TLX)
    for key in ("eacToday", "eacTotal", "ppv", "pac", "echargeToday", "edischargeToday"):
        assert float(detail[key]) == pytest.approx(float(last[key]), abs=0.11), key
    mix_status = classic_json(
        http, sim, "POST", "newMixApi.do", op="getSystemStatus_KW", mixId=MIX, plantId=UTRECHT
    )["obj"]
    mix_last = v1_data(http, sim, "POST", "device/mix/mix_last_data", mix_sn=MIX)
    assert float(mix_status["ppv"]) * 1000 == pytest.approx(float(mix_last["ppv"]), abs=10)
    assert float(mix_status["SOC"]) == pytest.approx(float(mix_last["soc"]), abs=1)
