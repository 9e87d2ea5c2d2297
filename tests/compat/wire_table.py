"""Every compat method, its demo-scenario arguments, and the request the spec says it sends.

Rows follow shinephone-api.md §3 (classic) and openapi.md §2 (v1). ``query`` and
``form`` are the exact (name, value) pairs in wire order; ``shape`` is the Python type
the method returns and ``keys`` some members that must be present.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from growattServer import Timespan, hash_password

USER_ID = "3021745"
PLANT = "1427391"  # inverter + mix + spa + noah
TLX_PLANT = "1427392"  # tlx + bat + storage
INV = "NTCMA2B04Q"
MIX = "WPD3C1A0K7"
SPA = "JNK0CJ1A9B"
NOAH = "0PVP50ZR24"
TLX = "BZP0C4N08J"
BAT = "BTD1A2B3C4"
STORAGE = "DWB1CHB0AZ"
DAY = dt.date(2026, 6, 21)
DAY_TEXT = "2026-06-21"
PASSWORD = "growatt-demo"

EMPTY19 = [(f"param{i}", "") for i in range(1, 20)]


@dataclass(frozen=True)
class Row:
    method: str
    args: tuple[Any, ...]
    verb: str
    path: str
    query: list[tuple[str, str]]
    form: list[tuple[str, str]] = field(default_factory=list)
    multipart: list[tuple[str, str]] = field(default_factory=list)
    shape: type | tuple[type, ...] = dict
    keys: tuple[str, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.method


PLANT_FORM_CURRENT = {
    "formulaCoal": "0.4",
    "formulaSo2": "0.03",
    "userAccount": "demo",
    "id": 1427391,
    "country": "Germany",
    "plantType": 0,
    "formulaMoneyStr": "0.3",
    "plantAddress": "Main St 1",
    "timezone": 1,
    "plant_lng": "8.4",
    "city": "Karlsruhe",
    "formulaCo2": "0.4",
    "formulaMoneyUnitId": "EUR",
    "nominalPower": 9800,
    "plant_lat": "49.0",
    "createDateText": "2021-04-01",
    "plantName": "Home",
}


def _params(values: list[str]) -> list[tuple[str, str]]:
    return [(f"param{i}", v) for i, v in enumerate(values, start=1)]


MIX_CHARGE = ["100", "95", "1", "01", "00", "05", "00", "1"] + ["00", "00", "00", "00", "0"] * 2
SPA_CHARGE = ["100", "40", "00", "40", "04", "30", "1"] + ["00", "00", "00", "00", "0"] * 2

CLASSIC_ROWS: list[Row] = [
    Row(
        "login",
        ("demo", PASSWORD),
        "POST",
        "newTwoLoginAPI.do",
        [],
        [("userName", "demo"), ("password", hash_password(PASSWORD))],
        keys=("success",),
    ),
    Row("plant_list", (USER_ID,), "GET", "PlantListAPI.do", [("userId", USER_ID)], keys=("data",)),
    Row(
        "plant_detail",
        (PLANT, Timespan.day, DAY),
        "GET",
        "PlantDetailAPI.do",
        [("plantId", PLANT), ("type", "1"), ("date", DAY_TEXT)],
    ),
    Row(
        "plant_list_two",
        (),
        "POST",
        "newTwoPlantAPI.do",
        [("op", "getAllPlantListTwo")],
        [
            ("language", "1"),
            ("nominalPower", ""),
            ("order", "1"),
            ("pageSize", "15"),
            ("plantName", ""),
            ("plantStatus", ""),
            ("toPageNum", "1"),
        ],
        shape=list,
    ),
    Row(
        "plant_info",
        (PLANT,),
        "GET",
        "newTwoPlantAPI.do",
        [("op", "getAllDeviceListTwo"), ("plantId", PLANT), ("pageNum", "1"), ("pageSize", "1")],
        keys=("deviceList",),
    ),
    Row(
        "plant_energy_data",
        (PLANT,),
        "POST",
        "newTwoPlantAPI.do",
        [("op", "getUserCenterEnertyDataByPlantid")],
        [("language", "1"), ("plantId", PLANT)],
    ),
    Row(
        "plant_settings",
        (PLANT,),
        "GET",
        "newPlantAPI.do",
        [("op", "getPlant"), ("plantId", PLANT)],
    ),
    Row(
        "get_plant_settings",
        (PLANT,),
        "GET",
        "newPlantAPI.do",
        [("op", "getPlant"), ("plantId", PLANT)],
    ),
    Row(
        "update_plant_settings",
        (PLANT, {"plantName": "Renamed"}, PLANT_FORM_CURRENT),
        "POST",
        "newTwoPlantAPI.do",
        [("op", "updatePlant")],
        [],
        [
            ("plantCoal", "0.4"),
            ("plantSo2", "0.03"),
            ("accountName", "demo"),
            ("plantID", "1427391"),
            ("plantFirm", "0"),
            ("plantCountry", "Germany"),
            ("plantType", "0"),
            ("plantIncome", "0.3"),
            ("plantAddress", "Main St 1"),
            ("plantTimezone", "1"),
            ("plantLng", "8.4"),
            ("plantCity", "Karlsruhe"),
            ("plantCo2", "0.4"),
            ("plantMoney", "EUR"),
            ("plantPower", "9800"),
            ("plantLat", "49.0"),
            ("plantDate", "2021-04-01"),
            ("plantName", "Renamed"),
        ],
    ),
    Row(
        "dashboard_data",
        (PLANT, Timespan.hour, DAY),
        "POST",
        "newPlantAPI.do",
        [("action", "getEnergyStorageData"), ("date", DAY_TEXT), ("type", "0"), ("plantId", PLANT)],
    ),
    Row(
        "inverter_data",
        (INV, DAY),
        "GET",
        "newInverterAPI.do",
        [("op", "getInverterData"), ("id", INV), ("type", "1"), ("date", DAY_TEXT)],
    ),
    Row(
        "inverter_detail",
        (INV,),
        "GET",
        "newInverterAPI.do",
        [("op", "getInverterDetailData"), ("inverterId", INV)],
    ),
    Row(
        "inverter_detail_two",
        (INV,),
        "GET",
        "newInverterAPI.do",
        [("op", "getInverterDetailData_two"), ("inverterId", INV)],
        keys=("data",),
    ),
    Row(
        "tlx_data",
        (TLX, DAY),
        "GET",
        "newTlxApi.do",
        [("op", "getTlxData"), ("id", TLX), ("type", "1"), ("date", DAY_TEXT)],
    ),
    Row(
        "tlx_detail",
        (TLX,),
        "GET",
        "newTlxApi.do",
        [("op", "getTlxDetailData"), ("id", TLX)],
        keys=("data",),
    ),
    Row("tlx_params", (TLX,), "GET", "newTlxApi.do", [("op", "getTlxParams"), ("id", TLX)]),
    Row(
        "tlx_system_status",
        (TLX_PLANT, TLX),
        "POST",
        "newTlxApi.do",
        [("op", "getSystemStatus_KW")],
        [("plantId", TLX_PLANT), ("id", TLX)],
    ),
    Row(
        "tlx_energy_overview",
        (TLX_PLANT, TLX),
        "POST",
        "newTlxApi.do",
        [("op", "getEnergyOverview")],
        [("plantId", TLX_PLANT), ("id", TLX)],
    ),
    Row(
        "tlx_energy_prod_cons",
        (TLX_PLANT, TLX, Timespan.month, DAY),
        "POST",
        "newTlxApi.do",
        [("op", "getEnergyProdAndCons_KW")],
        [
            ("date", "2026-06"),
            ("plantId", TLX_PLANT),
            ("language", "1"),
            ("id", TLX),
            ("type", "2"),
        ],
    ),
    Row(
        "tlx_all_settings",
        (TLX,),
        "POST",
        "newTlxApi.do",
        [("op", "getTlxSetData")],
        [("serialNum", TLX)],
        shape=(dict, type(None)),
    ),
    Row(
        "tlx_get_all_settings",
        (TLX,),
        "POST",
        "newTlxApi.do",
        [("op", "getTlxSetData")],
        [("serialNum", TLX)],
        shape=(dict, type(None)),
    ),
    Row(
        "tlx_battery_info",
        (BAT,),
        "POST",
        "newTlxApi.do",
        [("op", "getBatInfo")],
        [("lan", "1"), ("serialNum", BAT)],
    ),
    Row(
        "tlx_battery_info_detailed",
        (TLX_PLANT, BAT),
        "POST",
        "newTlxApi.do",
        [("op", "getBatDetailData")],
        [("lan", "1"), ("plantId", TLX_PLANT), ("id", BAT)],
    ),
    Row(
        "mix_info",
        (MIX, PLANT),
        "GET",
        "newMixApi.do",
        [("op", "getMixInfo"), ("mixId", MIX), ("plantId", PLANT)],
    ),
    Row(
        "mix_totals",
        (MIX, PLANT),
        "POST",
        "newMixApi.do",
        [("op", "getEnergyOverview"), ("mixId", MIX), ("plantId", PLANT)],
    ),
    Row(
        "mix_system_status",
        (MIX, PLANT),
        "POST",
        "newMixApi.do",
        [("op", "getSystemStatus_KW"), ("mixId", MIX), ("plantId", PLANT)],
    ),
    Row(
        "mix_detail",
        (MIX, PLANT, Timespan.hour, DAY),
        "POST",
        "newMixApi.do",
        [
            ("op", "getEnergyProdAndCons_KW"),
            ("plantId", PLANT),
            ("mixId", MIX),
            ("type", "0"),
            ("date", DAY_TEXT),
        ],
    ),
    Row(
        "get_mix_inverter_settings",
        (MIX,),
        "GET",
        "newMixApi.do",
        [("op", "getMixSetParams"), ("serialNum", MIX), ("kind", "0")],
    ),
    Row(
        "storage_detail",
        (STORAGE,),
        "GET",
        "newStorageAPI.do",
        [("op", "getStorageInfo_sacolar"), ("storageId", STORAGE)],
    ),
    Row(
        "storage_params",
        (STORAGE,),
        "GET",
        "newStorageAPI.do",
        [("op", "getStorageParams_sacolar"), ("storageId", STORAGE)],
    ),
    Row(
        "storage_energy_overview",
        (TLX_PLANT, STORAGE),
        "POST",
        "newStorageAPI.do",
        [("op", "getEnergyOverviewData_sacolar"), ("plantId", TLX_PLANT), ("storageSn", STORAGE)],
    ),
    Row(
        "is_plant_noah_system",
        (PLANT,),
        "POST",
        "noahDeviceApi/noah/isPlantNoahSystem",
        [],
        [("plantId", PLANT)],
        keys=("result", "obj"),
    ),
    Row(
        "noah_system_status",
        (NOAH,),
        "POST",
        "noahDeviceApi/noah/getSystemStatus",
        [],
        [("deviceSn", NOAH)],
        keys=("obj",),
    ),
    Row(
        "noah_info",
        (NOAH,),
        "POST",
        "noahDeviceApi/noah/getNoahInfoBySn",
        [],
        [("deviceSn", NOAH)],
        keys=("obj",),
    ),
    Row(
        "update_noah_settings",
        (NOAH, "default_power", ["200"]),
        "POST",
        "noahDeviceApi/noah/set",
        [],
        [("serialNum", NOAH), ("type", "default_power"), ("param1", "200")],
    ),
    Row(
        "update_inverter_setting",
        (
            MIX,
            "pf_sys_year",
            {"op": "mixSetApiNew", "serialNum": MIX, "type": "pf_sys_year"},
            ["2026-06-21 10:00:00"],
        ),
        "POST",
        "newTcpsetAPI.do",
        [
            ("op", "mixSetApiNew"),
            ("serialNum", MIX),
            ("type", "pf_sys_year"),
            ("param1", "2026-06-21 10:00:00"),
        ],
    ),
    Row(
        "update_mix_inverter_setting",
        (MIX, "mix_ac_charge_time_period", MIX_CHARGE),
        "POST",
        "newTcpsetAPI.do",
        [
            ("op", "mixSetApiNew"),
            ("serialNum", MIX),
            ("type", "mix_ac_charge_time_period"),
            *_params(MIX_CHARGE),
        ],
    ),
    Row(
        "update_ac_inverter_setting",
        (SPA, "spa_ac_charge_time_period", SPA_CHARGE),
        "POST",
        "newTcpsetAPI.do",
        [
            ("op", "spaSetApi"),
            ("serialNum", SPA),
            ("type", "spa_ac_charge_time_period"),
            *_params(SPA_CHARGE),
        ],
    ),
    Row(
        "update_tlx_inverter_setting",
        (TLX, "charge_power", 80),
        "POST",
        "newTcpsetAPI.do",
        [("op", "tlxSet"), ("serialNum", TLX), ("type", "charge_power"), ("param1", "80")],
    ),
    Row(
        "update_tlx_inverter_time_segment",
        (TLX, 1, 1, dt.time(1, 0), dt.time(5, 30), True),
        "POST",
        "newTcpsetAPI.do",
        [("op", "tlxSet")],
        [
            ("serialNum", TLX),
            ("type", "time_segment1"),
            ("param1", "1"),
            ("param2", "01"),
            ("param3", "00"),
            ("param4", "05"),
            ("param5", "30"),
            ("param6", "1"),
        ],
    ),
    Row(
        "update_classic_inverter_setting",
        (
            {"action": "inverterSet", "serialNum": INV},
            {"paramId": "pv_active_p_rate", "command_1": "80", "command_2": ""},
        ),
        "POST",
        "tcpSet.do",
        [
            ("action", "inverterSet"),
            ("serialNum", INV),
            ("paramId", "pv_active_p_rate"),
            ("command_1", "80"),
            ("command_2", ""),
        ],
    ),
    Row(
        "set_classic_inverter_active_power_rate",
        (INV, 50),
        "POST",
        "tcpSet.do",
        [
            ("action", "inverterSet"),
            ("serialNum", INV),
            ("paramId", "pv_active_p_rate"),
            ("command_1", "50"),
            ("command_2", ""),
        ],
    ),
    Row(
        "set_classic_inverter_on_off",
        (INV, False),
        "POST",
        "tcpSet.do",
        [
            ("action", "inverterSet"),
            ("serialNum", INV),
            ("paramId", "pv_on_off"),
            ("command_1", "0000"),
            ("command_2", ""),
        ],
    ),
    Row(
        "classic_inverter_info",
        (INV,),
        "GET",
        "commonDeviceSetC/setInverter",
        [("type", "server"), ("invSn", INV)],
    ),
]

PERIODS = [
    {"start_time": dt.time(1, 0), "end_time": dt.time(5, 30), "enabled": True},
    {"start_time": dt.time(0, 0), "end_time": dt.time(0, 0), "enabled": False},
    {"start_time": dt.time(0, 0), "end_time": dt.time(0, 0), "enabled": False},
]
WINDOWS = ["1", "0", "5", "30", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"]

V1_ROWS: list[Row] = [
    Row(
        "plant_list",
        (),
        "GET",
        "v1/plant/list",
        [],
        [("page", ""), ("perpage", ""), ("search_type", ""), ("search_keyword", "")],
        keys=("plants",),
    ),
    Row("plant_details", (PLANT,), "GET", "v1/plant/details", [("plant_id", PLANT)]),
    Row(
        "plant_energy_overview",
        (PLANT,),
        "GET",
        "v1/plant/data",
        [("plant_id", PLANT)],
        keys=("today_energy", "total_energy", "current_power"),
    ),
    Row(
        "plant_power_overview",
        (PLANT, DAY),
        "GET",
        "v1/plant/power",
        [("plant_id", PLANT), ("date", DAY_TEXT)],
        keys=("powers",),
    ),
    Row(
        "plant_energy_history",
        (PLANT, dt.date(2026, 6, 18), DAY, "day", 1, 20),
        "GET",
        "v1/plant/energy",
        [
            ("plant_id", PLANT),
            ("start_date", "2026-06-18"),
            ("end_date", DAY_TEXT),
            ("time_unit", "day"),
            ("page", "1"),
            ("perpage", "20"),
        ],
        keys=("energys",),
    ),
    Row(
        "device_list",
        (PLANT,),
        "GET",
        "v1/device/list",
        [("plant_id", PLANT), ("page", ""), ("perpage", "")],
        keys=("devices",),
    ),
    Row("min_detail", (TLX,), "GET", "v1/device/tlx/tlx_data_info", [("device_sn", TLX)]),
    Row("min_energy", (TLX,), "POST", "v1/device/tlx/tlx_last_data", [], [("tlx_sn", TLX)]),
    Row(
        "min_energy_history",
        (TLX, dt.date(2026, 6, 20), DAY),
        "POST",
        "v1/device/tlx/tlx_data",
        [],
        [("tlx_sn", TLX), ("start_date", "2026-06-20"), ("end_date", DAY_TEXT)],
        keys=("datas",),
    ),
    Row("min_settings", (TLX,), "GET", "v1/device/tlx/tlx_set_info", [("device_sn", TLX)]),
    Row(
        "min_read_parameter",
        (TLX, "discharge_power"),
        "POST",
        "v1/readMinParam",
        [],
        [("device_sn", TLX), ("paramId", "discharge_power"), ("startAddr", "0"), ("endAddr", "0")],
        shape=str,
    ),
    Row(
        "min_write_parameter",
        (TLX, "charge_power", 80),
        "POST",
        "v1/tlxSet",
        [],
        [("tlx_sn", TLX), ("type", "charge_power"), ("param1", "80"), *EMPTY19[1:]],
        shape=(str, type(None)),
    ),
    Row(
        "min_write_time_segment",
        (TLX, 2, 1, dt.time(1, 0), dt.time(5, 30), True),
        "POST",
        "v1/tlxSet",
        [],
        [
            ("tlx_sn", TLX),
            ("type", "time_segment2"),
            ("param1", "1"),
            ("param2", "1"),
            ("param3", "0"),
            ("param4", "5"),
            ("param5", "30"),
            ("param6", "1"),
            *EMPTY19[6:],
        ],
        shape=(str, type(None)),
    ),
    Row("sph_detail", (MIX,), "GET", "v1/device/mix/mix_data_info", [("device_sn", MIX)]),
    Row("sph_energy", (MIX,), "POST", "v1/device/mix/mix_last_data", [], [("mix_sn", MIX)]),
    Row(
        "sph_energy_history",
        (MIX, DAY, DAY, "Europe/Berlin", 1, 10),
        "POST",
        "v1/device/mix/mix_data",
        [],
        [
            ("mix_sn", MIX),
            ("start_date", DAY_TEXT),
            ("end_date", DAY_TEXT),
            ("timezone_id", "Europe/Berlin"),
            ("page", "1"),
            ("perpage", "10"),
        ],
        keys=("datas",),
    ),
    Row(
        "sph_read_parameter",
        (MIX, "pv_on_off"),
        "POST",
        "v1/readMixParam",
        [],
        [("device_sn", MIX), ("paramId", "pv_on_off"), ("startAddr", "0"), ("endAddr", "0")],
        shape=str,
    ),
    Row(
        "sph_write_parameter",
        (MIX, "backflow_setting", ["1", "50"]),
        "POST",
        "v1/mixSet",
        [],
        [
            ("mix_sn", MIX),
            ("type", "backflow_setting"),
            ("param1", "1"),
            ("param2", "50"),
            *EMPTY19[2:18],
        ],
        shape=(str, type(None)),
    ),
    Row(
        "sph_write_ac_charge_times",
        (MIX, 100, 90, True, PERIODS),
        "POST",
        "v1/mixSet",
        [],
        [
            ("mix_sn", MIX),
            ("type", "mix_ac_charge_time_period"),
            *_params(["100", "90", "1", *WINDOWS]),
        ],
        shape=(str, type(None)),
    ),
    Row(
        "sph_write_ac_discharge_times",
        (MIX, 100, 10, PERIODS),
        "POST",
        "v1/mixSet",
        [],
        [
            ("mix_sn", MIX),
            ("type", "mix_ac_discharge_time_period"),
            *_params(["100", "10", *WINDOWS]),
        ],
        shape=(str, type(None)),
    ),
]
