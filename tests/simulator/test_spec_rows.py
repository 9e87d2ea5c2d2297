"""Every endpoint row of shinephone-api.md §3 and openapi.md §2, through plain HTTP.

Each row is the request the spec says a client sends and what the spec says comes back:
the envelope and the field names (misspellings included). Per-endpoint behaviour is
tested in the family test files; this table proves nothing is missing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
from tests.conftest import classic_login

from growattServer.simulator import Simulator

USER_ID = "3021745"
UTRECHT, SEVILLA = "1427391", "1427392"
INVERTER, MIX, SPA, NOAH = "NTCMA2B04Q", "WPD3C1A0K7", "JNK0CJ1A9B", "0PVP50ZR24"
TLX, BAT, STORAGE = "BZP0C4N08J", "BTD1A2B3C4", "DWB1CHB0AZ"
DAY = "2026-06-21"


@dataclass(frozen=True)
class Row:
    row: str
    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    form: dict[str, str] | None = None
    multipart: dict[str, str] | None = None
    inside: tuple[str, ...] = ()  # keys leading from the body to the object checked
    keys: tuple[str, ...] = ()  # keys that object must have
    check: str = "json"  # "json" or "html-inv"


def ac_periods(first: int) -> dict[str, str]:
    return {
        f"param{first + i}": v
        for i, v in enumerate(
            ["01", "00", "04", "30", "1", "00", "00", "00", "00", "0", "00", "00", "00", "00", "0"]
        )
    }


PLANT_UPDATE = {
    "plantCoal": "0.4",
    "plantSo2": "0.03",
    "accountName": "demo",
    "plantID": UTRECHT,
    "plantFirm": "0",
    "plantCountry": "Netherlands",
    "plantType": "0",
    "plantIncome": "0.27",
    "plantAddress": "Oudegracht 231",
    "plantTimezone": "1",
    "plantLng": "5.1214",
    "plantCity": "Utrecht",
    "plantCo2": "0.997",
    "plantMoney": "EUR",
    "plantPower": "9200",
    "plantLat": "52.0907",
    "plantDate": "2022-05-14",
    "plantName": "Zonnedak Utrecht",
}

CLASSIC_ROWS = [
    Row(
        "2",
        "GET",
        "PlantListAPI.do",
        {"userId": USER_ID},
        inside=("back",),
        keys=("success", "data", "totalData"),
    ),
    Row(
        "3",
        "GET",
        "PlantDetailAPI.do",
        {"plantId": UTRECHT, "type": "1", "date": DAY},
        inside=("back",),
        keys=("plantData", "data"),
    ),
    Row(
        "4",
        "POST",
        "newTwoPlantAPI.do",
        {"op": "getAllPlantListTwo"},
        form={
            "language": "1",
            "nominalPower": "",
            "order": "1",
            "pageSize": "15",
            "plantName": "",
            "plantStatus": "",
            "toPageNum": "1",
        },
        keys=("PlantList",),
    ),
    Row(
        "5",
        "GET",
        "newTwoPlantAPI.do",
        {"op": "getAllDeviceListTwo", "plantId": UTRECHT, "pageNum": "1", "pageSize": "1"},
        keys=(
            "deviceList",
            "invList",
            "batList",
            "sphList",
            "storageList",
            "datalogList",
            "todayEnergy",
            "totalEnergy",
            "invTodayPpv",
            "nominalPower",
            "plantMoneyText",
            "totalMoneyText",
            "Co2Reduction",
        ),
    ),
    Row(
        "7",
        "GET",
        "newTwoPlantAPI.do",
        {"op": "getAllDeviceList", "plantId": UTRECHT, "language": "1"},
        keys=("deviceList",),
    ),
    Row(
        "9",
        "POST",
        "newTwoPlantAPI.do",
        {"op": "getUserCenterEnertyDataByPlantid"},
        form={"language": "1", "plantId": UTRECHT},
        keys=("todayValue", "totalValue", "monthValue", "yearValue", "formulaCo2Vlue", "plantBean"),
    ),
    Row(
        "10",
        "GET",
        "newPlantAPI.do",
        {"op": "getPlant", "plantId": UTRECHT},
        keys=(
            "formulaCoal",
            "formulaSo2",
            "userAccount",
            "id",
            "country",
            "plantType",
            "formulaMoneyStr",
            "plantAddress",
            "timezone",
            "plant_lng",
            "city",
            "formulaCo2",
            "formulaMoneyUnitId",
            "nominalPower",
            "plant_lat",
            "createDateText",
            "plantName",
        ),
    ),
    Row("11", "POST", "newTwoPlantAPI.do", {"op": "updatePlant"}, multipart=PLANT_UPDATE),
    Row(
        "12",
        "POST",
        "newPlantAPI.do",
        {"action": "getEnergyStorageData", "date": DAY, "type": "0", "plantId": UTRECHT},
        keys=("chartData", "eAcCharge", "echargeToat", "etouser", "ratio1"),
    ),
    Row(
        "13",
        "GET",
        "newInverterAPI.do",
        {"op": "getInverterData", "id": INVERTER, "type": "1", "date": DAY},
        keys=("invPacData",),
    ),
    Row(
        "14",
        "GET",
        "newInverterAPI.do",
        {"op": "getInverterDetailData", "inverterId": INVERTER},
        keys=(
            "powerToday",
            "powerTotal",
            "vpv1",
            "ipv1",
            "ppv1",
            "vpv2",
            "ipv2",
            "ppv2",
            "ppv",
            "vacr",
            "iacr",
            "fac",
            "pac",
            "pacr",
            "ipmTemperature",
            "temperature",
        ),
    ),
    Row(
        "15",
        "GET",
        "newInverterAPI.do",
        {"op": "getInverterDetailData_two", "inverterId": INVERTER},
        keys=("data", "parameterName"),
    ),
    Row(
        "16",
        "GET",
        "newTlxApi.do",
        {"op": "getTlxData", "id": TLX, "type": "1", "date": DAY},
        keys=("eToday", "eTotal", "power", "invPacData"),
    ),
    Row(
        "17",
        "GET",
        "newTlxApi.do",
        {"op": "getTlxDetailData", "id": TLX},
        inside=("data",),
        keys=(
            "eacToday",
            "eacTotal",
            "epv1Today",
            "epvTotal",
            "vpv1",
            "ipv1",
            "ppv1",
            "ppv",
            "vacrs",
            "fac",
            "pac",
            "temp1",
            "echargeToday",
            "edischargeToday",
            "bmsSoc",
            "etoGridToday",
            "elocalLoadToday",
            "pacToLocalLoad",
            "pacToUserTotal",
            "pacToGridTotal",
            "psystem",
            "pself",
            "bdc1ChargePower",
            "bdc1DischargePower",
        ),
    ),
    Row(
        "18",
        "GET",
        "newTlxApi.do",
        {"op": "getTlxParams", "id": TLX},
        keys=("inverterType", "region", "newBean"),
    ),
    Row(
        "19",
        "POST",
        "newTlxApi.do",
        {"op": "getSystemStatus_KW"},
        form={"plantId": SEVILLA, "id": TLX},
        inside=("obj",),
        keys=(
            "SOC",
            "chargePower",
            "pdisCharge",
            "pLocalLoad",
            "ppv",
            "pactogrid",
            "pactouser",
            "unit",
        ),
    ),
    Row(
        "20",
        "POST",
        "newTlxApi.do",
        {"op": "getEnergyOverview"},
        form={"plantId": SEVILLA, "id": TLX},
        inside=("obj",),
        keys=(
            "epvToday",
            "epvTotal",
            "echargetoday",
            "edischargeToday",
            "elocalLoadToday",
            "etoGridToday",
            "etogridTotal",
        ),
    ),
    Row(
        "21",
        "POST",
        "newTlxApi.do",
        {"op": "getEnergyProdAndCons_KW"},
        form={"date": DAY, "plantId": SEVILLA, "language": "1", "id": TLX, "type": "0"},
        inside=("obj",),
        keys=("chartData", "echargeToat", "ratio1"),
    ),
    Row(
        "22",
        "POST",
        "newTlxApi.do",
        {"op": "getTlxSetData"},
        form={"serialNum": TLX},
        inside=("obj", "tlxSetBean"),
        keys=(
            "ac_charge",
            "charge_power",
            "charge_stop_soc",
            "discharge_power",
            "discharge_stop_soc",
            "forcedTimeStart1",
            "forcedTimeStop1",
            "time1Mode",
            "forcedStopSwitch1",
            "time_segment1",
        ),
    ),
    Row(
        "23",
        "POST",
        "newLoginAPI.do",
        {"op": "getSetPass"},
        form={"deviceSn": TLX, "stringTime": DAY, "type": "5"},
        keys=("result", "msg", "obj"),
    ),
    Row(
        "24",
        "POST",
        "newTlxApi.do",
        {"op": "getBatInfo"},
        form={"lan": "1", "serialNum": BAT},
        inside=("obj",),
        keys=("lost",),
    ),
    Row(
        "25",
        "POST",
        "newTlxApi.do",
        {"op": "getBatDetailData"},
        form={"lan": "1", "plantId": SEVILLA, "id": BAT},
        inside=("data",),
        keys=("chargeOrDisPower", "soc", "status"),
    ),
    Row(
        "26",
        "GET",
        "newMixApi.do",
        {"op": "getMixInfo", "mixId": MIX, "plantId": UTRECHT},
        inside=("obj",),
        keys=(
            "capacity",
            "soc",
            "eBatChargeToday",
            "eBatDisChargeToday",
            "epvToday",
            "epvTotal",
            "pDischarge1",
            "vbat",
            "vpv1",
        ),
    ),
    Row(
        "27",
        "POST",
        "newMixApi.do",
        {"op": "getEnergyOverview", "mixId": MIX, "plantId": UTRECHT},
        inside=("obj",),
        keys=("elocalLoadToday", "elocalLoadTotal", "etoGridToday", "etogridTotal"),
    ),
    Row(
        "28",
        "POST",
        "newMixApi.do",
        {"op": "getSystemStatus_KW", "mixId": MIX, "plantId": UTRECHT},
        inside=("obj",),
        keys=(
            "chargePower",
            "pLocalLoad",
            "pPv1",
            "pPv2",
            "ppv",
            "pactogrid",
            "pactouser",
            "pdisCharge1",
            "vAc1",
            "SOC",
        ),
    ),
    Row(
        "29",
        "POST",
        "newMixApi.do",
        {
            "op": "getEnergyProdAndCons_KW",
            "plantId": UTRECHT,
            "mixId": MIX,
            "type": "0",
            "date": DAY,
        },
        inside=("obj",),
        keys=("chartData", "eCharge", "eChargeToday", "eChargeToday1", "echarge1", "etouser"),
    ),
    Row(
        "30",
        "GET",
        "newMixApi.do",
        {"op": "getMixSetParams", "serialNum": MIX, "kind": "0"},
        keys=("obj",),
    ),
    Row(
        "31",
        "GET",
        "newStorageAPI.do",
        {"op": "getStorageInfo_sacolar", "storageId": STORAGE},
        keys=("batSn", "ibat", "ipv", "pbat", "ppv", "vbat", "vpv"),
    ),
    Row(
        "32",
        "GET",
        "newStorageAPI.do",
        {"op": "getStorageParams_sacolar", "storageId": STORAGE},
        inside=("storageDetailBean",),
        keys=("capacity", "pCharge", "vBat", "ppv", "outPutPower", "loadPercent", "freqGrid"),
    ),
    Row(
        "33",
        "POST",
        "newStorageAPI.do",
        {"op": "getEnergyOverviewData_sacolar", "plantId": SEVILLA, "storageSn": STORAGE},
        inside=("obj",),
        keys=("epvToday", "epvTotal"),
    ),
    Row(
        "34",
        "POST",
        "noahDeviceApi/noah/isPlantNoahSystem",
        form={"plantId": UTRECHT},
        inside=("obj",),
        keys=("plantId", "plantName", "deviceSn", "isPlantNoahSystem", "isPlantHaveNoah"),
    ),
    Row(
        "35",
        "POST",
        "noahDeviceApi/noah/getSystemStatus",
        form={"deviceSn": NOAH},
        inside=("obj",),
        keys=(
            "chargePower",
            "disChargePower",
            "pac",
            "ppv",
            "soc",
            "eacToday",
            "eacTotal",
            "workMode",
        ),
    ),
    Row(
        "36",
        "POST",
        "noahDeviceApi/noah/getNoahInfoBySn",
        form={"deviceSn": NOAH},
        inside=("obj", "noah"),
        keys=(
            "time_segment",
            "chargingSocHighLimit",
            "chargingSocLowLimit",
            "defaultPower",
            "deviceSn",
        ),
    ),
    Row(
        "37",
        "POST",
        "noahDeviceApi/noah/set",
        form={"serialNum": NOAH, "type": "default_power", "param1": "300"},
        keys=("msg", "result"),
    ),
    Row(
        "38",
        "POST",
        "newTcpsetAPI.do",
        {"op": "tlxSet", "serialNum": TLX, "type": "discharge_power", "param1": "90"},
        keys=("success", "msg"),
    ),
    Row(
        "39",
        "POST",
        "newTcpsetAPI.do",
        {
            "op": "mixSetApiNew",
            "serialNum": MIX,
            "type": "mix_ac_charge_time_period",
            "param1": "100",
            "param2": "90",
            "param3": "1",
            **ac_periods(4),
        },
        keys=("success", "msg"),
    ),
    Row(
        "40",
        "POST",
        "newTcpsetAPI.do",
        {
            "op": "spaSetApi",
            "serialNum": SPA,
            "type": "spa_ac_charge_time_period",
            "param1": "100",
            "param2": "90",
            **ac_periods(3),
        },
        keys=("success", "msg"),
    ),
    Row(
        "41",
        "POST",
        "newTcpsetAPI.do",
        {"op": "tlxSet", "serialNum": TLX, "type": "charge_stop_soc", "param1": "95"},
        keys=("success", "msg"),
    ),
    Row(
        "42",
        "POST",
        "newTcpsetAPI.do",
        {"op": "tlxSet"},
        form={
            "serialNum": TLX,
            "type": "time_segment2",
            "param1": "2",
            "param2": "17",
            "param3": "00",
            "param4": "19",
            "param5": "30",
            "param6": "1",
        },
        keys=("success", "msg"),
    ),
    Row(
        "43",
        "POST",
        "tcpSet.do",
        {
            "action": "inverterSet",
            "serialNum": INVERTER,
            "paramId": "pv_grid_voltage_high",
            "command_1": "264.0",
            "command_2": "",
        },
        keys=("success", "msg"),
    ),
    Row(
        "44",
        "POST",
        "tcpSet.do",
        {
            "action": "inverterSet",
            "serialNum": INVERTER,
            "paramId": "pv_active_p_rate",
            "command_1": "80",
            "command_2": "",
        },
        keys=("success", "msg"),
    ),
    Row(
        "45",
        "POST",
        "tcpSet.do",
        {
            "action": "inverterSet",
            "serialNum": INVERTER,
            "paramId": "pv_on_off",
            "command_1": "0001",
            "command_2": "",
        },
        keys=("success", "msg"),
    ),
    Row(
        "46",
        "GET",
        "commonDeviceSetC/setInverter",
        {"type": "server", "invSn": INVERTER},
        check="html-inv",
        keys=("onOff", "activeRate", "voltageHighLimit", "sn", "datalogSn"),
    ),
]

V1_ROWS = [
    Row(
        "v1-1",
        "GET",
        "v1/plant/list",
        form={"page": "", "perpage": "", "search_type": "", "search_keyword": ""},
        inside=("data",),
        keys=("count", "plants"),
    ),
    Row(
        "v1-2",
        "GET",
        "v1/plant/details",
        {"plant_id": UTRECHT},
        inside=("data",),
        keys=("name", "city", "country", "timezone", "peak_power"),
    ),
    Row(
        "v1-3",
        "GET",
        "v1/plant/data",
        {"plant_id": UTRECHT},
        inside=("data",),
        keys=(
            "today_energy",
            "monthly_energy",
            "yearly_energy",
            "total_energy",
            "current_power",
            "peak_power_actual",
            "last_update_time",
        ),
    ),
    Row(
        "v1-4",
        "GET",
        "v1/plant/power",
        {"plant_id": UTRECHT, "date": DAY},
        inside=("data",),
        keys=("count", "powers"),
    ),
    Row(
        "v1-5",
        "GET",
        "v1/plant/energy",
        {"plant_id": UTRECHT, "start_date": "2026-06-15", "end_date": DAY, "time_unit": "day"},
        inside=("data",),
        keys=("count", "time_unit", "energys"),
    ),
    Row(
        "v1-6",
        "GET",
        "v1/device/list",
        {"plant_id": SEVILLA, "page": "", "perpage": ""},
        inside=("data",),
        keys=("count", "devices"),
    ),
    Row(
        "v1-7",
        "GET",
        "v1/device/tlx/tlx_data_info",
        {"device_sn": TLX},
        inside=("data",),
        keys=("serialNum", "dataLogSn", "tlxSetbean", "lastUpdateTime"),
    ),
    Row(
        "v1-8",
        "POST",
        "v1/device/tlx/tlx_last_data",
        form={"tlx_sn": TLX},
        inside=("data",),
        keys=("ppv", "pac", "eacToday", "eacTotal", "bdc1Soc", "bmsSoc", "time"),
    ),
    Row(
        "v1-9",
        "POST",
        "v1/device/tlx/tlx_data",
        form={
            "tlx_sn": TLX,
            "start_date": DAY,
            "end_date": DAY,
            "timezone_id": "",
            "page": "1",
            "perpage": "20",
        },
        inside=("data",),
        keys=("count", "datas"),
    ),
    Row(
        "v1-10",
        "GET",
        "v1/device/tlx/tlx_set_info",
        {"device_sn": TLX},
        inside=("data",),
        keys=("chargePowerCommand", "wchargeSOCLowLimit", "forcedTimeStart1", "time1Mode"),
    ),
    Row(
        "v1-11",
        "POST",
        "v1/readMinParam",
        form={"device_sn": TLX, "paramId": "discharge_power", "startAddr": "0", "endAddr": "0"},
        keys=("data", "error_code", "error_msg"),
    ),
    Row(
        "v1-12",
        "POST",
        "v1/tlxSet",
        form={
            "tlx_sn": TLX,
            "type": "charge_power",
            "param1": "70",
            **{f"param{i}": "" for i in range(2, 20)},
        },
        keys=("data", "error_code", "error_msg"),
    ),
    Row(
        "v1-15",
        "GET",
        "v1/device/mix/mix_data_info",
        {"device_sn": MIX},
        inside=("data",),
        keys=("serialNum", "forcedChargeTimeStart1", "chargePowerCommand"),
    ),
    Row(
        "v1-16",
        "POST",
        "v1/device/mix/mix_last_data",
        form={"mix_sn": MIX},
        inside=("data",),
        keys=("ppv", "pac", "soc", "bmsSOC", "epvtoday", "etogridTotal", "time"),
    ),
    Row(
        "v1-17",
        "POST",
        "v1/device/mix/mix_data",
        form={"mix_sn": MIX, "start_date": DAY, "end_date": DAY, "page": "1", "perpage": "20"},
        inside=("data",),
        keys=("count", "datas"),
    ),
    Row(
        "v1-18",
        "POST",
        "v1/readMixParam",
        form={"device_sn": MIX, "paramId": "pv_on_off", "startAddr": "0", "endAddr": "0"},
        keys=("data", "error_code", "error_msg"),
    ),
    Row(
        "v1-19",
        "POST",
        "v1/mixSet",
        form={
            "mix_sn": MIX,
            "type": "mix_ac_charge_time_period",
            "param1": "100",
            "param2": "95",
            "param3": "1",
            **ac_periods(4),
        },
        keys=("data", "error_code", "error_msg"),
    ),
]


def send(session: requests.Session, base: str, row: Row) -> requests.Response:
    files = {k: (None, v) for k, v in row.multipart.items()} if row.multipart else None
    return session.request(
        row.method, base + row.path, params=row.query, data=row.form, files=files, timeout=10
    )


def dig(body: Any, keys: tuple[str, ...]) -> Any:
    for key in keys:
        assert isinstance(body, dict), f"expected an object above {key!r}"
        assert key in body, f"missing {key!r}"
        body = body[key]
    return body


@pytest.fixture
def fresh(make_sim: Any) -> Simulator:
    return make_sim()


@pytest.mark.parametrize("row", CLASSIC_ROWS, ids=lambda r: f"row{r.row}")
def test_classic_row(fresh: Simulator, http: requests.Session, row: Row) -> None:
    assert classic_login(http, fresh.base_url)["back"]["success"] is True
    response = send(http, fresh.base_url, row)
    assert response.status_code == 200, response.text[:200]
    if row.check == "html-inv":
        found = re.search(r"inv=JSON\.parse\('(\{.*?\})'\)", response.text, re.DOTALL)
        assert found, "no inv=JSON.parse('...') in the page"
        target = json.loads(found.group(1))
    else:
        assert response.headers["Content-Type"].startswith("application/json")
        target = dig(response.json(), row.inside)
    missing = [k for k in row.keys if k not in target]
    assert not missing, f"row {row.row} lacks {missing}"
    assert all(r.outcome != "handler-error" for r in fresh.journal)


def test_login_row_1(fresh: Simulator, http: requests.Session) -> None:
    back = classic_login(http, fresh.base_url)["back"]
    assert back["success"] is True
    assert isinstance(back["user"]["id"], int)
    assert {"plantId", "plantName"} <= set(back["data"][0])
    assert "JSESSIONID" in http.cookies


@pytest.mark.parametrize("row", V1_ROWS, ids=lambda r: r.row)
def test_v1_row(fresh: Simulator, v1: requests.Session, row: Row) -> None:
    response = send(v1, fresh.base_url, row)
    assert response.status_code == 200
    body = response.json()
    assert body["error_code"] == 0, body
    assert isinstance(body["error_msg"], str)
    target = dig(body, row.inside)
    missing = [k for k in row.keys if k not in target]
    assert not missing, f"{row.row} lacks {missing}"
    assert all(r.outcome != "handler-error" for r in fresh.journal)
