"""OpenAPI v1 SPH/MIX endpoints (openapi.md §2 rows 15–21, §5.3, §7.10–7.11) over plain HTTP."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests
from tests.simulator.test_v1_plants import call, data, fixture, no_handler_errors

from growattServer.simulator import Simulator
from growattServer.simulator.readings import round_kwh

MIX, TLX = "WPD3C1A0K7", "BZP0C4N08J"
UNUSED = {f"param{i}": "" for i in range(1, 19)}
HA_SPH_KEYS = [  # home-assistant-and-style.md: the keys HA's SPH sensors read (detail+energy)
    "bmsSOC",
    "vbat",
    "vpv1",
    "vpv2",
    "vac1",
    "pcharge1",
    "pdischarge1",
    "pacToGridTotal",
    "pacToUserR",
    "fac",
    "temp1",
    "temp2",
    "temp3",
    "temp4",
    "temp5",
    "ppv1",
    "ppv2",
    "ppv",
    "echarge1Today",
    "echarge1Total",
    "edischarge1Today",
    "edischarge1Total",
    "epvtoday",
    "epvTotal",
    "esystemtoday",
    "eselfToday",
    "etoUserToday",
    "etoGridToday",
    "etogridTotal",
    "elocalLoadToday",
    "elocalLoadTotal",
    "echarge1",
    "eChargeToday",
]
WINDOW_SETTINGS = [
    f"forced{kind}{part}{i}"
    for kind in ("Charge", "Discharge")
    for part in ("TimeStart", "TimeStop", "StopSwitch")
    for i in (1, 2, 3)
]


def mix_set(
    v1: requests.Session, sim: Simulator, kind: str, *values: str, sn: str = MIX
) -> dict[str, Any]:
    params = {**UNUSED, **{f"param{i}": v for i, v in enumerate(values, start=1)}}
    return call(v1, sim, "mixSet", verb="POST", mix_sn=sn, type=kind, **params)


def test_mix_data_info_carries_the_settings(sim: Simulator, v1: requests.Session) -> None:
    body = call(v1, sim, "device/mix/mix_data_info", device_sn=MIX)
    assert body["error_code"] == 0
    assert (body["device_sn"], body["dataloggerSn"]) == (MIX, "JPC2A1B8D1")
    info = body["data"]
    for key in (
        "serialNum",
        "dataLogSn",
        "alias",
        "addr",
        "fwVersion",
        "model",
        "deviceType",
        "status",
        "statusText",
        "lost",
        "pmax",
        "vnormal",
        "acChargeEnable",
        "chargePowerCommand",
        "disChargePowerCommand",
        "wchargeSOCLowLimit1",
        "wchargeSOCLowLimit2",
        "wdisChargeSOCLowLimit1",
        "wdisChargeSOCLowLimit2",
        "wchargeSOCLowLimit",
        "wdisChargeSOCLowLimit",
        "priorityChoose",
        "exportLimit",
        "exportLimitPowerRate",
        "epsFunEn",
        "onOff",
        "pv_on_off",
        "backflow_setting",
        "mix_off_grid_enable",
        "pf_sys_year",
        "sysTime",
        "lastUpdateTime",
        *WINDOW_SETTINGS,
    ):
        assert key in info, key
    assert info["forcedChargeTimeStart1"] == "0:0"
    assert isinstance(info["forcedChargeStopSwitch1"], int)
    assert isinstance(info["chargePowerCommand"], int)
    assert info["pv_on_off"] == ""
    hand_written = fixture("device-mix-mix_data_info-data__ha-upstream-test-handwritten.json")
    settings_keys = {
        k
        for k in hand_written
        if k.startswith(("forced", "w", "acCharge", "chargePower", "disCharge"))
    }
    assert settings_keys <= set(info)
    assert call(v1, sim, "device/mix/mix_data_info", device_sn=TLX)["error_code"] == 10001


def test_mix_last_data_spellings_and_physics(sim: Simulator, v1: requests.Session) -> None:
    body = call(v1, sim, "device/mix/mix_last_data", verb="POST", mix_sn=MIX)
    assert body["error_code"] == 0
    assert (body["mix_sn"], body["dataloggerSn"]) == (MIX, "JPC2A1B8D1")
    record = body["data"]
    assert not [k for k in HA_SPH_KEYS if k not in record]
    for spelled in ("epvtoday", "esystemtoday", "etogridTotal", "bmsSOC", "socText"):
        assert spelled in record
    for misspelled in ("epvToday", "esystemToday", "etoGridTotal", "bmsSoc"):
        assert misspelled not in record
    today = sim.world.model(MIX).today(sim.clock.now())
    assert record["epvtoday"] == round_kwh(today.pv)
    assert record["etoGridToday"] == round_kwh(today.export)
    assert record["echarge1Today"] == round_kwh(today.charge)
    assert record["socText"] == f"{record['soc']}%"
    assert record["bmsSOC"] == record["soc"]
    assert record["time"] == "2026-06-21 11:30:00"  # Amsterdam, UTC+2


@pytest.mark.parametrize(
    ("params", "code"), [({}, 10003), ({"mix_sn": "NOPE"}, 10002), ({"mix_sn": TLX}, 10002)]
)
def test_mix_last_data_errors(
    sim: Simulator, v1: requests.Session, params: dict[str, str], code: int
) -> None:
    assert call(v1, sim, "device/mix/mix_last_data", verb="POST", **params)["error_code"] == code
    no_handler_errors(sim)


def test_mix_history(sim: Simulator, v1: requests.Session) -> None:
    answer = data(
        v1,
        sim,
        "device/mix/mix_data",
        verb="POST",
        mix_sn=MIX,
        start_date="2026-06-21",
        end_date="2026-06-21",
        timezone_id="Europe/Berlin",
        page="1",
        perpage="10",
    )
    assert answer["count"] == 139
    assert answer["next_page_start_id"] == 11
    assert len(answer["datas"]) == 10
    latest = data(v1, sim, "device/mix/mix_last_data", verb="POST", mix_sn=MIX)
    assert set(answer["datas"][0]) == set(latest)
    last = data(
        v1,
        sim,
        "device/mix/mix_data",
        verb="POST",
        mix_sn=MIX,
        start_date="2026-06-21",
        end_date="2026-06-21",
        timezone_id="Europe/Berlin",
        page="14",
        perpage="10",
    )["datas"]
    assert last[-1]["time"] == latest["time"]
    assert last[-1]["epvtoday"] == latest["epvtoday"]
    for params, code in (
        ({}, 10002),
        ({"mix_sn": "NOPE"}, 10005),
        ({"mix_sn": MIX, "start_date": "2026-06-01"}, 10004),
        ({"mix_sn": MIX, "end_date": "June"}, 10003),
        ({"mix_sn": MIX, "perpage": "500"}, 10013),
    ):
        assert call(v1, sim, "device/mix/mix_data", verb="POST", **params)["error_code"] == code
    no_handler_errors(sim)


def test_ac_charge_and_discharge_periods(
    make_sim: Callable[..., Simulator], v1: requests.Session
) -> None:
    server = make_sim()
    charge = ["100", "90", "1", "1", "0", "5", "30", "1", *["0"] * 10]
    assert mix_set(v1, server, "mix_ac_charge_time_period", *charge)["error_code"] == 0
    discharge = ["80", "15", "17", "0", "21", "0", "1", *["0"] * 10]
    assert mix_set(v1, server, "mix_ac_discharge_time_period", *discharge)["error_code"] == 0
    stored = server.world.settings(MIX)
    assert (
        stored["chargePowerCommand"],
        stored["wchargeSOCLowLimit1"],
        stored["acChargeEnable"],
    ) == ("100", "90", "1")
    assert (
        stored["forcedChargeTimeStart1"],
        stored["forcedChargeTimeStop1"],
        stored["forcedChargeStopSwitch1"],
    ) == ("1:0", "5:30", "1")
    assert (stored["disChargePowerCommand"], stored["wdisChargeSOCLowLimit2"]) == ("80", "15")
    assert stored["forcedDischargeTimeStart1"] == "17:0"
    info = data(v1, server, "device/mix/mix_data_info", device_sn=MIX)
    assert info["forcedChargeTimeStop1"] == "5:30"
    assert info["forcedDischargeStopSwitch1"] == 1
    assert info["wchargeSOCLowLimit"] == 90
    assert info["wdisChargeSOCLowLimit"] == 15
    # the other way round: a write through the shared store shows in v1
    server.world.write_settings(MIX, {"forcedChargeTimeStart2": "2:15"})
    assert (
        data(v1, server, "device/mix/mix_data_info", device_sn=MIX)["forcedChargeTimeStart2"]
        == "2:15"
    )
    no_handler_errors(server)


def test_other_mix_writes(make_sim: Callable[..., Simulator], v1: requests.Session) -> None:
    server = make_sim()
    assert mix_set(v1, server, "backflow_setting", "1", "50")["error_code"] == 0
    assert mix_set(v1, server, "pv_on_off", "0000")["error_code"] == 0
    assert (
        data(
            v1,
            server,
            "readMixParam",
            verb="POST",
            device_sn=MIX,
            paramId="pv_on_off",
            startAddr="0",
            endAddr="0",
        )
        == "0"
    )
    assert mix_set(v1, server, "pf_sys_year", "08:15")["error_code"] == 0
    stored = server.world.settings(MIX)
    assert (stored["exportLimit"], stored["exportLimitPowerRate"]) == ("1", "50")
    assert stored["onOff"] == "0"
    assert stored["sysTime"] == "2026-06-21 08:15:00"


@pytest.mark.parametrize(
    ("kind", "values", "code"),
    [
        ("mix_ac_charge_time_period", ["101", "90", "1", *["0"] * 15], 10008),
        (
            "mix_ac_charge_time_period",
            ["100", "90", "1", "6", "0", "5", "0", "1", *["0"] * 10],
            10013,
        ),
        (
            "mix_ac_charge_time_period",
            ["100", "90", "1", "1", "0", "5", "0", "1", *["0"] * 9],
            10007,
        ),
        (
            "mix_ac_discharge_time_period",
            ["80", "15", "17", "60", "21", "0", "1", *["0"] * 10],
            10008,
        ),
        ("backflow_setting", ["1", ""], 10007),
        ("pv_on_off", ["7"], 10008),
        ("pf_sys_year", ["25:00"], 10009),
        ("mix_ac_charge_time", ["1"], 10006),
    ],
)
def test_invalid_mix_writes_change_nothing(
    make_sim: Callable[..., Simulator],
    v1: requests.Session,
    kind: str,
    values: list[str],
    code: int,
) -> None:
    server = make_sim()
    before = server.world.settings(MIX)
    assert mix_set(v1, server, kind, *values)["error_code"] == code
    assert server.world.settings(MIX) == before
    no_handler_errors(server)


def test_mix_write_device_errors(sim: Simulator, v1: requests.Session) -> None:
    before = sim.world.settings(TLX)
    assert mix_set(v1, sim, "pv_on_off", "1", sn="")["error_code"] == 10004
    assert mix_set(v1, sim, "pv_on_off", "1", sn=TLX)["error_code"] == 10012
    assert sim.world.settings(TLX) == before
    assert (
        call(v1, sim, "readMixParam", verb="POST", device_sn=TLX, paramId="pv_on_off")["error_code"]
        == 10002
    )
    assert (
        call(v1, sim, "readMixParam", verb="POST", device_sn=MIX, paramId="nonsense")["error_code"]
        == 10009
    )
