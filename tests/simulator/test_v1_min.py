"""OpenAPI v1 MIN/TLX endpoints (openapi.md §2 rows 7–13, §5.2, §7.7–7.9) over plain HTTP."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests
from tests.simulator.test_v1_plants import call, data, fixture, no_handler_errors

from growattServer.simulator import Simulator
from growattServer.simulator.readings import round_kwh

TLX, NEO, MIX = "BZP0C4N08J", "QMN0D2K15E", "WPD3C1A0K7"


def keys(text: str) -> list[str]:
    return text.split()


JAVA_DATE_KEYS = {
    "time",
    "year",
    "month",
    "date",
    "day",
    "hours",
    "minutes",
    "seconds",
    "timezoneOffset",
}
RECORD_KEYS = keys(  # §7.9
    "serialNum dataLogSn time status statusText lost ppv ppv1 ppv2 vpv1 ipv1 pac pac1 vac1 "
    "iac1 fac pf pacToGridTotal pacToUserTotal pacToLocalLoad pself psystem eacToday eacTotal "
    "epv1Today epv1Total epv2Today epvTotal etoGridToday etoGridTotal etoUserToday etoUserTotal "
    "elocalLoadToday elocalLoadTotal eselfToday eselfTotal esystemToday esystemTotal "
    "echargeToday echargeTotal edischargeToday edischargeTotal eacChargeToday eacChargeTotal "
    "bdc1ChargePower bdc1DischargePower bdc1Soc bdc1Vbat bmsSoc bmsSoh temp1 temp5 warnCode "
    "faultType timeTotal epsPac again withTime tlxBean calendar"
)
HA_TLX_KEYS = (  # home-assistant-and-style.md: the TLX keys HA's MIN sensors read
    [
        f"{p}{i}{s}"
        for i in range(1, 5)
        for p, s in (("epv", "Today"), ("epv", "Total"), ("vpv", ""), ("ipv", ""), ("ppv", ""))
    ]
    + [f"temp{i}" for i in range(1, 6)]
    + keys(
        "eacToday eacTotal epvToday epvTotal ppv vacrs fac pac edischargeToday "
        "edischargeTotal bdc1DischargePower bdc1DischargeTotal bdc2DischargePower "
        "bdc2DischargeTotal echargeToday echargeTotal bdc1ChargePower bdc1ChargeTotal "
        "bdc2ChargePower bdc2ChargeTotal etoGridToday etoGridTotal elocalLoadToday "
        "elocalLoadTotal bmsSoc pacToLocalLoad pacToUserTotal pacToGridTotal "
        "esystemToday esystemTotal eselfToday eselfTotal etoUserToday etoUserTotal "
        "eacChargeToday eacChargeTotal psystem pself"
    )
)
UNUSED = {f"param{i}": "" for i in range(1, 20)}


def tlx_set(
    v1: requests.Session, sim: Simulator, kind: str, *values: str, sn: str = TLX
) -> dict[str, Any]:
    params = {**UNUSED, **{f"param{i}": v for i, v in enumerate(values, start=1)}}
    return call(v1, sim, "tlxSet", verb="POST", tlx_sn=sn, type=kind, **params)


def test_tlx_data_info(sim: Simulator, v1: requests.Session) -> None:
    body = call(v1, sim, "device/tlx/tlx_data_info", device_sn=TLX)
    assert body["error_code"] == 0
    assert (body["device_sn"], body["dataloggerSn"]) == (TLX, "XGD6CMR0FB")
    info = body["data"]
    official = fixture("device-tlx-tlx_data_info__showdoc-officialdoc.json")["data"]
    assert set(official) <= set(info)
    for key in (
        "serialNum",
        "alias",
        "dataLogSn",
        "addr",
        "fwVersion",
        "modelText",
        "model",
        "deviceType",
        "dtc",
        "pmax",
        "status",
        "statusText",
        "lost",
        "power",
        "eToday",
        "eTotal",
        "timezone",
        "treeID",
        "optimezerList",
        "bagingTestStep",
        "lastUpdateTimeText",
        "tlxSetbean",
    ):
        assert key in info, key
    assert set(info["lastUpdateTime"]) == JAVA_DATE_KEYS
    assert info["treeID"] == f"ST_{TLX}"
    bean = info["tlxSetbean"]
    settings = data(v1, sim, "device/tlx/tlx_set_info", device_sn=TLX)
    assert set(bean) == set(settings)
    assert call(v1, sim, "device/tlx/tlx_data_info", device_sn=MIX)["error_code"] == 10001


def test_tlx_last_data_keys_units_and_physics(sim: Simulator, v1: requests.Session) -> None:
    body = call(v1, sim, "device/tlx/tlx_last_data", verb="POST", tlx_sn=TLX)
    assert body["error_code"] == 0
    assert (body["tlx_sn"], body["dataloggerSn"]) == (TLX, "XGD6CMR0FB")
    record = body["data"]
    assert not [k for k in RECORD_KEYS if k not in record]
    assert not [k for k in HA_TLX_KEYS if k not in record]
    official = fixture("device-tlx-tlx_last_data__showdoc-officialdoc.json")["data"]
    shared = set(official) & set(record)
    assert len(shared) >= 15
    # the same device and instant through the physics: the API reports its counters
    model = sim.world.model(TLX)
    today = model.today(sim.clock.now())
    assert record["eacToday"] == round_kwh(today.ac_out)
    assert record["epvToday"] == round_kwh(today.pv)
    assert record["echargeToday"] == round_kwh(today.charge)
    assert record["eacTotal"] == round_kwh(model.lifetime(sim.clock.now()).ac_out)
    assert record["epv1Today"] + record["epv2Today"] == pytest.approx(record["epvToday"], abs=0.1)
    assert record["ppv"] == pytest.approx(record["ppv1"] + record["ppv2"], abs=0.2)
    assert record["time"] == "2026-06-21 11:30:00"  # plant-local (Madrid, UTC+2)


@pytest.mark.parametrize(
    ("params", "code"), [({}, 10003), ({"tlx_sn": "NOPE"}, 10002), ({"tlx_sn": MIX}, 10002)]
)
def test_tlx_last_data_errors(
    sim: Simulator, v1: requests.Session, params: dict[str, str], code: int
) -> None:
    assert call(v1, sim, "device/tlx/tlx_last_data", verb="POST", **params)["error_code"] == code
    no_handler_errors(sim)


def test_tlx_history(sim: Simulator, v1: requests.Session) -> None:
    answer = data(
        v1,
        sim,
        "device/tlx/tlx_data",
        verb="POST",
        tlx_sn=TLX,
        start_date="2026-06-21",
        end_date="2026-06-21",
        timezone_id="Europe/Madrid",
        page="",
        perpage="100",
    )
    # 11:30 local: records stamped 00:00 .. 11:30 (the midnight one ends yesterday's slot)
    assert answer["count"] == 139
    assert answer["tlx_sn"] == TLX
    assert answer["next_page_start_id"] == 101
    rows = answer["datas"]
    assert len(rows) == 100
    assert rows[0]["time"] == "2026-06-21 00:00:00"
    assert set(rows[0]) == set(data(v1, sim, "device/tlx/tlx_last_data", verb="POST", tlx_sn=TLX))
    last_page = data(
        v1,
        sim,
        "device/tlx/tlx_data",
        verb="POST",
        tlx_sn=TLX,
        start_date="2026-06-21",
        end_date="2026-06-21",
        timezone_id="Europe/Madrid",
        page="2",
        perpage="100",
    )["datas"]
    latest = data(v1, sim, "device/tlx/tlx_last_data", verb="POST", tlx_sn=TLX)
    assert last_page[-1]["time"] == latest["time"]
    assert last_page[-1]["eacToday"] == latest["eacToday"]
    # the default zone is UTC (SD1): the same instant two hours earlier on the clock
    utc = data(
        v1,
        sim,
        "device/tlx/tlx_data",
        verb="POST",
        tlx_sn=TLX,
        start_date="2026-06-21",
        end_date="2026-06-21",
    )
    assert utc["count"] == 115  # 00:00 .. 09:30 UTC


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, 10002),
        ({"tlx_sn": "NOPE"}, 10005),
        ({"tlx_sn": MIX}, 10005),
        ({"tlx_sn": TLX, "start_date": "2026-06-01", "end_date": "2026-06-21"}, 10004),
        ({"tlx_sn": TLX, "start_date": "21.06.2026"}, 10003),
        ({"tlx_sn": TLX, "timezone_id": "Mars/Olympus"}, 10003),
        ({"tlx_sn": TLX, "perpage": "101"}, 10013),
        ({"tlx_sn": TLX, "page": "251"}, 10014),
    ],
)
def test_tlx_history_errors(
    sim: Simulator, v1: requests.Session, params: dict[str, str], code: int
) -> None:
    assert call(v1, sim, "device/tlx/tlx_data", verb="POST", **params)["error_code"] == code
    no_handler_errors(sim)


def test_tlx_set_info_renders_the_store(sim: Simulator, v1: requests.Session) -> None:
    body = call(v1, sim, "device/tlx/tlx_set_info", device_sn=TLX)
    assert (body["device_sn"], body["datalogger_sn"]) == (TLX, "XGD6CMR0FB")
    bean = body["data"]
    assert bean["forcedTimeStart1"] == "1:0"
    assert bean["forcedTimeStop1"] == "5:0"
    assert bean["time1Mode"] == 1
    assert bean["forcedStopSwitch1"] == 0
    for i in range(1, 10):
        assert isinstance(bean[f"forcedTimeStart{i}"], str)
        assert isinstance(bean[f"time{i}Mode"], int)
    for key in (
        "acChargeEnable",
        "chargePowerCommand",
        "disChargePowerCommand",
        "wchargeSOCLowLimit",
        "wdisChargeSOCLowLimit",
        "onGridDischargeStopSOC",
        "onOff",
        "activeRate",
        "exportLimit",
        "epsFunEn",
    ):
        assert isinstance(bean[key], int), key
    assert bean["tlx_on_off"] == ""
    assert bean["season1Time1"] == "0_0_0_0_0_0_0"
    assert bean["serialNum"] == TLX


def test_tlx_writes_show_in_every_read(
    make_sim: Callable[..., Simulator], v1: requests.Session
) -> None:
    server = make_sim()
    assert tlx_set(v1, server, "charge_power", "80") == {
        "data": "",
        "error_code": 0,
        "error_msg": "",
    }
    assert tlx_set(v1, server, "time_segment2", "2", "17", "30", "21", "5", "1")["error_code"] == 0
    assert tlx_set(v1, server, "tlx_on_off", "0001")["error_code"] == 0
    assert tlx_set(v1, server, "on_grid_discharge_stop_soc", "25")["error_code"] == 0
    assert tlx_set(v1, server, "pf_sys_year", "2026-06-21 11:31:00")["error_code"] == 0
    stored = server.world.settings(TLX)
    assert stored["chargePowerCommand"] == "80"
    assert (
        stored["time2Mode"],
        stored["forcedTimeStart2"],
        stored["forcedTimeStop2"],
        stored["forcedStopSwitch2"],
    ) == ("2", "17:30", "21:5", "1")
    assert stored["onGridDischargeStopSOC"] == "25"
    bean = data(v1, server, "device/tlx/tlx_set_info", device_sn=TLX)
    assert bean["chargePowerCommand"] == 80
    assert bean["forcedTimeStop2"] == "21:5"
    assert bean["sysTime"] == "2026-06-21 11:31:00"
    nested = data(v1, server, "device/tlx/tlx_data_info", device_sn=TLX)["tlxSetbean"]
    assert nested["forcedStopSwitch2"] == 1
    read = data(
        v1,
        server,
        "readMinParam",
        verb="POST",
        device_sn=TLX,
        paramId="charge_power",
        startAddr="0",
        endAddr="0",
    )
    assert read == "80"
    # and the other way round: a write through the shared store shows in v1
    server.world.write_settings(TLX, {"disChargePowerCommand": "55"})
    assert (
        data(
            v1,
            server,
            "readMinParam",
            verb="POST",
            device_sn=TLX,
            paramId="discharge_power",
            startAddr="0",
            endAddr="0",
        )
        == "55"
    )
    no_handler_errors(server)


@pytest.mark.parametrize(
    ("kind", "values", "code"),
    [
        ("charge_power", ("101",), 10008),
        ("charge_power", ("abc",), 10008),
        ("charge_power", ("",), 10007),
        ("time_segment1", ("1", "24", "0", "5", "0", "1"), 10008),
        ("time_segment1", ("3", "1", "0", "5", "0", "1"), 10008),
        ("time_segment1", ("1", "1", "0", "5", "", "1"), 10007),
        ("time_segment1", ("1", "6", "0", "5", "0", "1"), 10013),
        ("time_segment10", ("1", "1", "0", "5", "0", "1"), 10006),
        ("no_such_thing", ("1",), 10006),
        ("tlx_on_off", ("2",), 10008),
        ("pf_sys_year", ("2026-06-21 11:31",), 10009),
        ("pv_power_factor", ("0.5",), 10008),
    ],
)
def test_invalid_tlx_writes_change_nothing(
    make_sim: Callable[..., Simulator],
    v1: requests.Session,
    kind: str,
    values: tuple[str, ...],
    code: int,
) -> None:
    server = make_sim()
    before = server.world.settings(TLX)
    assert tlx_set(v1, server, kind, *values)["error_code"] == code
    assert server.world.settings(TLX) == before
    no_handler_errors(server)


def test_tlx_write_device_errors(make_sim: Callable[..., Simulator], v1: requests.Session) -> None:
    server = make_sim()
    assert tlx_set(v1, server, "charge_power", "50", sn="")["error_code"] == 10004
    assert tlx_set(v1, server, "charge_power", "50", sn="NOPE")["error_code"] == 10012
    assert tlx_set(v1, server, "charge_power", "50", sn=MIX)["error_code"] == 10012
    assert (
        call(v1, server, "readMinParam", verb="POST", device_sn="NOPE", paramId="charge_power")[
            "error_code"
        ]
        == 10002
    )
    assert (
        call(v1, server, "readMinParam", verb="POST", device_sn=TLX, paramId="nonsense")[
            "error_code"
        ]
        == 10009
    )
    no_handler_errors(server)


def test_write_outcome_knob(make_sim: Callable[..., Simulator], v1: requests.Session) -> None:
    ignoring = make_sim(write_outcome="ignore")
    assert tlx_set(v1, ignoring, "charge_power", "40")["error_code"] == 0
    assert ignoring.world.settings(TLX)["chargePowerCommand"] == "100"
    quirky = make_sim(write_outcome="error-but-apply")
    assert tlx_set(v1, quirky, "charge_power", "40")["error_code"] != 0
    assert quirky.world.settings(TLX)["chargePowerCommand"] == "40"


def test_register_mode(make_sim: Callable[..., Simulator], v1: requests.Session) -> None:
    server = make_sim()
    assert tlx_set(v1, server, "set_any_reg", "0", "0")["error_code"] == 0
    assert server.world.settings(TLX)["onOff"] == "0"
    assert tlx_set(v1, server, "set_any_reg", "1044", "7")["error_code"] == 0
    read = data(
        v1,
        server,
        "readMinParam",
        verb="POST",
        device_sn=TLX,
        paramId="set_any_reg",
        startAddr="1044",
        endAddr="1044",
    )
    assert read == "7"
    assert "register1044" not in data(v1, server, "device/tlx/tlx_set_info", device_sn=TLX)


def test_neo_without_battery(sim: Simulator, v1: requests.Session) -> None:
    record = data(v1, sim, "device/tlx/tlx_last_data", verb="POST", tlx_sn=NEO)
    assert record["bmsSoc"] == 0
    assert record["echargeToday"] == 0
