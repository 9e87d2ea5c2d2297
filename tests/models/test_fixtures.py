"""Parsing captured Growatt answers (shared/fixtures), one family at a time.

Captures are partial or all-zero in places (see INDEX.md); the tests assert what each
one does show: units converted, misspellings read, missing values None.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from growattServer.errors import ParseError, UnsupportedDeviceError
from growattServer.models import (
    DeviceFamily,
    DeviceStatus,
    EnergyQuantity,
    InverterReading,
    MixReading,
    NoahReading,
    SeriesKind,
    SpaReading,
    StorageReading,
    TlxBatteryReading,
    TlxReading,
    ZoneSource,
    parse_answer,
    parse_day_chart_classic,
    parse_device_classic,
    parse_device_v1,
    parse_energy,
    parse_energy_series_v1,
    parse_pac_chart_classic,
    parse_period_chart_classic,
    parse_plant_classic,
    parse_plant_energy,
    parse_plant_v1,
    parse_power_series_v1,
    parse_reading,
)
from growattServer.models.from_classic import noah_status
from growattServer.models.units import parse_money
from tests.conftest import SHARED_FIXTURES

F = DeviceFamily
BERLIN = ZoneInfo("Europe/Berlin")


def fixture(name: str):
    return json.loads((SHARED_FIXTURES / name).read_text(encoding="utf-8"))


def v1_data(name: str):
    body = fixture(name)
    return body.get("data", body)


# --- readings, classic ------------------------------------------------------------------


def test_classic_inverter_detail():
    reading = parse_reading(
        F.INVERTER,
        "inverter_detail",
        fixture("classic/newInverterAPI-getInverterDetailData__pr94-neo.json"),
        BERLIN,
    )
    assert isinstance(reading, InverterReading)
    assert reading.ac_power_w == 0
    assert reading.power_flow.load_w is None  # a string inverter has no meter


def test_classic_inverter_detail_two_has_snake_case_keys():
    body = fixture("classic/newInverterAPI-getInverterDetailData_two__pr94-neo.json")
    parsed = parse_answer(F.INVERTER, "inverter_detail_two", body, BERLIN)
    assert isinstance(parsed.reading, InverterReading)
    assert parsed.energy is not None
    assert parsed.energy.total_kwh == pytest.approx(float(body["data"]["e_total"]))


def test_classic_tlx_detail_of_a_neo_without_battery():
    body = fixture("classic/newTlxApi-getTlxDetailData__pr94-neo.json")
    parsed = parse_answer(F.TLX, "tlx_detail", body, BERLIN)
    reading = parsed.reading
    assert isinstance(reading, TlxReading)
    assert not reading.has_battery
    flow = reading.power_flow
    assert flow.battery_charge_w is None
    assert flow.battery_soc_pct is None
    assert reading.raw is body["data"]
    assert parsed.energy is not None
    # no epvToday in this op: the per-string counters are summed (shinephone-api.md §4.10)
    data = body["data"]
    strings = sum(float(data.get(f"epv{n}Today") or 0) for n in range(1, 5))
    assert parsed.energy.today_kwh == pytest.approx(strings)


def test_classic_tlx_system_status_in_kilowatts():
    obj = fixture("classic/newTlxApi-getSystemStatus_KW__pr94-neo.json")
    reading = parse_reading(F.TLX, "tlx_system_status", obj, BERLIN)
    assert isinstance(reading, TlxReading)
    assert reading.pv_power_w == pytest.approx(20.0)  # "0.02" kW
    assert reading.ac_power_w == pytest.approx(10.0)
    assert reading.ac_voltage_v == pytest.approx(232.1)
    assert reading.pv_strings[0].voltage_v == pytest.approx(29.5)
    assert not reading.has_battery  # wBatteryType "0"


def test_classic_tlx_energy_overview_spellings():
    obj = fixture("classic/newTlxApi-getEnergyOverview__pr94-neo.json")
    energy = parse_energy(F.TLX, "tlx_energy_overview", obj, BERLIN)
    assert energy.total_kwh == pytest.approx(12.3)
    assert energy.grid_export.total_kwh == 0  # "etogridTotal" (sic)
    assert energy.battery_charge.today_kwh == 0  # "echargetoday"
    with pytest.raises(UnsupportedDeviceError):
        parse_reading(F.TLX, "tlx_energy_overview", obj, BERLIN)


def test_classic_mix_status_totals_and_info():
    status = parse_reading(
        F.MIX,
        "mix_system_status",
        fixture("classic/newMixApi-getSystemStatus_KW__pr94-mix-reconstructed.json"),
        BERLIN,
    )
    assert isinstance(status, MixReading)
    assert status.power_flow.imbalance_w == 0
    totals = parse_energy(
        F.MIX,
        "mix_totals",
        fixture("classic/newMixApi-getEnergyOverview__pr94-mix-reconstructed.json"),
        BERLIN,
    )
    assert totals.battery_discharge.total_kwh == 0  # edischarge1Total
    info = parse_answer(
        F.MIX,
        "mix_info",
        fixture("classic/newMixApi-getMixInfo__pr94-mix-reconstructed.json"),
        BERLIN,
    )
    assert isinstance(info.reading, MixReading)
    assert info.reading.battery_soc_pct == 45  # "45%"


def test_classic_storage_params_merge_both_beans():
    """SBU mode, discharging: PV is pPv1 + pPv2 from storageBean, the battery from the
    detail bean, the load is the output power."""
    body = fixture("classic/newStorageAPI-getStorageParams_sacolar__spf-guard-sbu-discharging.json")
    parsed = parse_answer(F.STORAGE, "storage_params", body, BERLIN)
    reading = parsed.reading
    assert isinstance(reading, StorageReading)
    flow = reading.power_flow
    assert flow.pv_w == pytest.approx(337 + 692)
    assert flow.battery_discharge_w == pytest.approx(374)
    assert flow.battery_charge_w == 0
    assert flow.load_w == pytest.approx(1145)
    assert flow.grid_export_w == 0
    assert flow.battery_soc_pct == 47
    assert reading.battery_voltage_v == pytest.approx(52.1)
    assert parsed.energy is not None
    assert parsed.energy.today_kwh == pytest.approx(0.4)


def test_classic_storage_lost_device():
    body = fixture("classic/newStorageAPI-getStorageParams_sacolar__spf-guard-lost-device.json")
    reading = parse_reading(F.STORAGE, "storage_params", body, BERLIN)
    assert reading.time == datetime(2026, 8, 28, 13, 55, 45, tzinfo=BERLIN)
    assert reading.power_flow.battery_charge_w == pytest.approx(1937)
    overview = fixture(
        "classic/newStorageAPI-getEnergyOverviewData_sacolar__spf-guard-lost-device.json"
    )
    energy = parse_energy(F.STORAGE, "storage_energy_overview", overview, BERLIN)
    assert energy.total_kwh == pytest.approx(4153.8)
    assert energy.load.today_kwh == 0


def test_classic_storage_info_signed_values():
    info = fixture("classic/newStorageAPI-getStorageInfo_sacolar__pr94-neo.json")
    reading = parse_reading(F.STORAGE, "storage_detail", info, BERLIN)
    assert reading.power_flow.grid_import_w == 0  # "+0.0"
    signed = {**info, "pbat": "-250.0", "pGuid": "+120.5"}
    flow = parse_reading(F.STORAGE, "storage_detail", signed, BERLIN).power_flow
    assert flow.battery_discharge_w == pytest.approx(250)
    assert flow.battery_charge_w == 0
    assert flow.grid_import_w == pytest.approx(120.5)


def test_classic_noah_with_unit_words():
    body = fixture("classic/noahDeviceApi-getSystemStatus__pr94-annotated.json")
    parsed = parse_answer(F.NOAH, "noah_system_status", body, BERLIN)
    reading = parsed.reading
    assert isinstance(reading, NoahReading)
    assert reading.pv_power_w == 200  # "200Watt"
    assert reading.battery_soc_pct is None
    assert reading.work_mode == 0
    assert parsed.energy is not None
    assert parsed.energy.today_kwh == pytest.approx(20.5)  # "20.5kWh"


def test_classic_tlx_battery_pack():
    body = fixture("classic/newTlxApi-getBatDetailData__pr94-neo.json")
    parsed = parse_answer(F.TLX_BATTERY, "tlx_battery_info_detailed", body, BERLIN)
    assert isinstance(parsed.reading, TlxBatteryReading)
    assert parsed.reading.power_flow.battery_charge_w == 0
    assert parsed.energy is not None
    assert parsed.energy.of(EnergyQuantity.BATTERY_DISCHARGE).total_kwh == 0


def test_classic_noah_status_codes():
    """§4.13: "1" online, "-1" offline, "5" heating; the annotated capture has none."""
    body = fixture("classic/noahDeviceApi-getSystemStatus__pr94-annotated.json")
    reading = parse_reading(F.NOAH, "noah_system_status", body, BERLIN)
    assert isinstance(reading, NoahReading)
    assert reading.status_code is None
    assert noah_status(None) is DeviceStatus.UNKNOWN
    assert noah_status("1") is DeviceStatus.ONLINE
    assert noah_status("5") is DeviceStatus.ONLINE
    assert noah_status("-1") is DeviceStatus.OFFLINE
    assert noah_status("7") is DeviceStatus.UNKNOWN
    heating = parse_reading(F.NOAH, "noah_system_status", {"obj": {"status": "5"}}, BERLIN)
    assert isinstance(heating, NoahReading)
    assert heating.status_code == "5"


def test_tlx_pack_from_its_inverters_detail():
    """The BDC fields of a TL-XH's getTlxDetailData (§4.10 key list) give its pack."""
    data = {
        "time": "2026-06-21 11:25:00",
        "bdc1ChargePower": 0,
        "bdc1DischargePower": "850.5",
        "bdc2ChargePower": 0,
        "bdc2DischargePower": 100,
        "bmsSoc": 62,
        "bdc1Soc": 61,
        "bmsVbat": 52.3,
        "echargeToday": 1.2,
        "echargeTotal": 300.4,
        "edischargeToday": 2.5,
        "bdc1DischargeTotal": 280.0,
    }
    parsed = parse_answer(F.TLX_BATTERY, "tlx_detail", {"data": data}, BERLIN)
    pack = parsed.reading
    assert isinstance(pack, TlxBatteryReading)
    assert pack.battery_power_w == pytest.approx(-950.5)  # both converters, discharging
    assert pack.power_flow.battery_discharge_w == pytest.approx(950.5)
    assert pack.power_flow.battery_charge_w == 0
    assert pack.battery_soc_pct == 62  # the BMS's, before the converter's
    assert pack.battery_voltage_v == pytest.approx(52.3)
    assert pack.time == datetime(2026, 6, 21, 11, 25, tzinfo=BERLIN)
    assert parsed.energy is not None
    charge = parsed.energy.of(EnergyQuantity.BATTERY_CHARGE)
    assert (charge.today_kwh, charge.total_kwh) == (1.2, 300.4)
    discharge = parsed.energy.of(EnergyQuantity.BATTERY_DISCHARGE)
    assert (discharge.today_kwh, discharge.total_kwh) == (2.5, 280.0)
    assert parsed.energy.of(EnergyQuantity.PRODUCED).is_empty  # PV is the inverter's


def test_tlx_pack_of_a_neo_has_no_flow():
    body = fixture("classic/newTlxApi-getTlxDetailData__pr94-neo.json")
    pack = parse_reading(F.TLX_BATTERY, "tlx_detail", body, BERLIN)
    assert isinstance(pack, TlxBatteryReading)
    assert not pack.power_flow.battery_charge_w
    assert not pack.power_flow.battery_discharge_w


def test_wrong_family_answer_is_a_typed_error():
    """shinephone-api.md §4.15: {"msg": "501", "success": false} for the wrong family."""
    with pytest.raises(ParseError) as err:
        parse_reading(F.TLX, "tlx_detail", {"msg": "501", "success": False}, BERLIN)
    assert err.value.field == "tlx_detail.data"
    with pytest.raises(UnsupportedDeviceError):
        parse_reading(F.UNKNOWN, "tlx_detail", {}, BERLIN)
    with pytest.raises(UnsupportedDeviceError):
        parse_reading(F.SPA, "tlx_detail", {}, BERLIN)


# --- readings, v1 -------------------------------------------------------------------------


def test_v1_tlx_last_data_official_example():
    data = v1_data("v1/device-tlx-tlx_last_data__showdoc-officialdoc.json")
    parsed = parse_answer(F.TLX, "min_energy", data, BERLIN)
    reading = parsed.reading
    assert isinstance(reading, TlxReading)
    assert reading.time == datetime(2022, 4, 9, 14, 52, 39, tzinfo=BERLIN)
    assert reading.pv_power_w == pytest.approx(2558.7)
    assert reading.pv_strings[0].voltage_v == pytest.approx(258.6, abs=1e-4)  # float32 noise
    assert not reading.has_battery  # batteryNo 0
    assert parsed.energy is not None
    assert parsed.energy.of("ac_output").today_kwh == pytest.approx(21.6, abs=1e-4)


def test_v1_sph_last_data_spellings():
    data = v1_data("v1/device-mix-mix_last_data-data__ha-upstream-test-handwritten.json")
    parsed = parse_answer(F.MIX, "sph_energy", data, BERLIN)
    assert isinstance(parsed.reading, MixReading)
    energy = parsed.energy
    assert energy is not None
    assert energy.today_kwh == pytest.approx(8.7)  # epvtoday (lower case)
    assert energy.grid_export.total_kwh == pytest.approx(450.3)  # etogridTotal
    assert energy.battery_charge.today_kwh == pytest.approx(3.5)  # echarge1Today, not eChargeToday
    assert energy.grid_import.today_kwh == pytest.approx(2.4)


# --- plants and devices -----------------------------------------------------------------


def test_v1_inverter_last_new_data_official_example():
    """openapi.md §3.2 ``device/inverter/last_new_data``: classic inverter keys."""
    data = v1_data("v1/device-inverter-last_new_data__showdoc-officialdoc.json")
    parsed = parse_answer(F.INVERTER, "inverter_energy", data, BERLIN)
    reading = parsed.reading
    assert isinstance(reading, InverterReading)
    assert reading.pv_power_w == pytest.approx(9981.8, abs=0.01)
    assert reading.temperature_c == 75
    assert reading.time == datetime(2018, 12, 13, 11, 3, 52, tzinfo=BERLIN)
    assert reading.pv_strings[0].voltage_v == 248
    assert reading.power_flow.load_w is None
    assert parsed.energy is not None
    assert parsed.energy.total_kwh == pytest.approx(7.6)  # powerTotal: what it fed out


def test_v1_storage_last_data_uses_the_detail_bean_keys():
    data = {
        "time": "2019-01-14 13:20:57",
        "capacity": 52,
        "outPutPower": 1800.5,
        "loadPercent": 36,
        "pAcInPut": 0,
        "pCharge": 700,
        "pDischarge": 0,
        "ppv": 1075.4,
        "ppv2": 991.7,
        "vpv": 161.4,
        "vBat": 50.2,
        "epvToday": 3.3,
        "epvTotal": 539.6,
        "eChargeToday": 0.5,
        "eBatDisChargeTotal": 1.7,
        "eopDischrToday": 2.0,
    }
    parsed = parse_answer(F.STORAGE, "storage_energy", data, BERLIN)
    reading = parsed.reading
    assert isinstance(reading, StorageReading)
    assert reading.pv_power_w == pytest.approx(2067.1)
    assert reading.battery_soc_pct == 52
    flow = reading.power_flow
    assert (flow.load_w, flow.battery_charge_w, flow.grid_export_w) == (1800.5, 700, 0)
    assert parsed.energy is not None
    assert parsed.energy.today_kwh == pytest.approx(3.3)
    assert parsed.energy.of(EnergyQuantity.AC_OUTPUT).today_kwh == pytest.approx(2.0)
    assert parsed.energy.of(EnergyQuantity.BATTERY_DISCHARGE).total_kwh == pytest.approx(1.7)


def test_v1_spa_last_data_reads_the_pv_inverter_it_meters():
    """SPA records are SPH-like, but their PV is ``ppvInverter``/``epvInverter*``."""
    data = {
        "time": "2022-04-09 14:52:39",
        "ppvInverter": 6.8,
        "pac": 2503.8,
        "pcharge1": 0,
        "pdischarge1": 16.5,
        "soc": 100,
        "pacToGridTotal": 38.6,
        "pacToUserTotal": 0,
        "plocalLoadTotal": 0,
        "vbat": 56.7,
        "epvInverterToday": 0.6,
        "epvInverterTotal": 0.9,
        "etoGridToday": 0.3,
        "etogridTotal": 2293,
        "edischarge1Today": 0.4,
    }
    parsed = parse_answer(F.SPA, "spa_energy", data, BERLIN)
    reading = parsed.reading
    assert isinstance(reading, SpaReading)
    assert reading.pv_power_w == pytest.approx(6.8)
    assert reading.pv_strings == ()
    assert reading.power_flow.battery_discharge_w == pytest.approx(16.5)
    assert reading.power_flow.grid_export_w == pytest.approx(38.6)
    assert parsed.energy is not None
    assert parsed.energy.today_kwh == pytest.approx(0.6)
    assert parsed.energy.total_kwh == pytest.approx(0.9)
    assert parsed.energy.of(EnergyQuantity.GRID_EXPORT).total_kwh == 2293


def test_classic_plant_list_units_switch():
    back = fixture("classic/PlantListAPI__pygs-issue69-storage.json")
    row = back["data"][0]
    plant = parse_plant_classic(row)
    assert plant.plant_id == "2016929"
    assert plant.timezone_source is ZoneSource.FALLBACK
    energy = parse_plant_energy(row)
    assert energy.today_kwh == pytest.approx(9.3)
    assert energy.total_kwh == pytest.approx(2560.0)  # "2.56 MWh"
    totals = back["totalData"]
    assert parse_plant_energy(
        {"todayEnergy": totals["todayEnergySum"], "totalEnergy": totals["totalEnergySum"]}
    ).total_kwh == pytest.approx(2560.0)


def test_classic_plant_money_text():
    row = fixture("classic/PlantListAPI__sjord-issue28-inverter.json")["data"][0]
    money = parse_money(row["plantMoneyText"])
    assert money is not None
    assert isinstance(money.amount, Decimal)


def test_classic_plant_from_energy_data_bean():
    body = fixture("classic/newTwoPlantAPI-getUserCenterEnertyDataByPlantid__pr94-neo.json")
    plant = parse_plant_classic(
        {"plantId": "1234567", "plantName": "x"}, body, at=datetime(2025, 1, 31, tzinfo=UTC)
    )
    assert plant.country == "Germany"
    assert plant.city == "Ulm"
    assert plant.timezone == BERLIN
    assert plant.timezone_source is ZoneSource.LOCATED
    assert plant.nominal_power_w == 800
    energy = parse_plant_energy(body)
    assert (energy.today_kwh, energy.month_kwh, energy.year_kwh, energy.total_kwh) == (
        pytest.approx(1.1),
        pytest.approx(18.0),
        0,
        pytest.approx(12.1),
    )


def test_classic_plant_settings_bean():
    bean = fixture("classic/newPlantAPI-getPlant__pr94-neo.json")
    plant = parse_plant_classic(bean)
    assert plant.plant_id == "1234567"
    assert plant.currency == "EUR"
    assert plant.raw["createDateText"] == "2024-01-01"


def test_classic_device_lists():
    entry = fixture("classic/newTwoPlantAPI-getAllDeviceList__pr94-neo.json")[0]
    device = parse_device_classic(entry, "1234567")
    assert device.family is F.TLX
    assert device.alias == "{INVERTER_ID}"  # deviceAilas (sic)
    assert device.status is DeviceStatus.ONLINE
    assert device.status_code == "1"
    assert device.capabilities.settings_api == "tlxSet"
    assert not device.capabilities.has_battery
    lost = parse_device_classic({**entry, "lost": True}, "1")
    assert lost.status is DeviceStatus.OFFLINE
    wit = parse_device_classic({**entry, "deviceType": "wit"}, "1")
    assert wit.family is F.UNKNOWN
    with pytest.raises(ParseError):
        parse_device_classic({"deviceType": "tlx"}, "1")


def test_v1_plant_list_details_and_data():
    entry = v1_data("v1/plant-list__gpapy-officialdoc.json")["plants"][0]
    details = v1_data("v1/plant-details__gpapy-officialdoc.json")
    plant = parse_plant_v1(entry, details, at=datetime(2018, 12, 13, 3, tzinfo=UTC))
    assert plant.plant_id == "1185"
    assert plant.currency == "CNY"  # "rmb"
    assert plant.country == "China"
    assert plant.timezone == ZoneInfo("Asia/Shanghai")
    energy = parse_plant_energy(v1_data("v1/plant-data__gpapy-officialdoc.json"))
    assert energy.month_kwh == pytest.approx(15.7)
    assert energy.today_kwh == 0


def test_v1_device_lists():
    devices = v1_data("v1/device-list-3devices__showdoc-officialdoc.json")["devices"]
    inverter, meter, sensor = (parse_device_v1(d, "1") for d in devices)
    assert inverter.family is F.INVERTER
    assert inverter.status is DeviceStatus.OFFLINE  # lost: true
    assert meter.family is F.UNKNOWN
    assert meter.type_code == "3"
    assert sensor.family is F.UNKNOWN
    assert sensor.type_code == ""


# --- series ---------------------------------------------------------------------------------


def test_v1_power_curve_is_sorted_and_in_watts():
    series = parse_power_series_v1(v1_data("v1/plant-power__gpapy-officialdoc.json"), BERLIN)
    assert series.unit == "W"
    assert [p.time.minute for p in series.points] == [40, 45]  # the wire is newest first
    assert series.values()[1] == pytest.approx(7903.4, abs=1e-3)


def test_v1_energy_history():
    series = parse_energy_series_v1(v1_data("v1/plant-energy-day__gpapy-officialdoc.json"), BERLIN)
    assert series.kind is SeriesKind.DAILY_ENERGY
    assert series.points[0].time == datetime(2018, 12, 12, tzinfo=BERLIN)


def test_classic_pac_chart():
    series = parse_pac_chart_classic(fixture("classic/newTlxApi-getTlxData__pr94-neo.json"), BERLIN)
    assert series.values() == [0, 7.3, 0]
    assert series.points[1].time == datetime(2025, 1, 31, 9, 20, tzinfo=BERLIN)


def test_classic_day_chart_in_kilowatts():
    body = fixture("classic/newMixApi-getEnergyProdAndCons_KW__pr94-mix-reconstructed.json")
    series = parse_day_chart_classic(body, date(2021, 3, 1), "pacToUser", BERLIN)
    assert series.values() == [0, pytest.approx(930.0)]
    assert series.points[1].time == datetime(2021, 3, 1, 0, 10, tzinfo=BERLIN)
    hours = fixture("classic/newTlxApi-getEnergyProdAndCons_KW-hour__pr94-neo.json")
    assert len(parse_day_chart_classic(hours, date(2025, 1, 1), "ppv", BERLIN).points) == 3


@pytest.mark.parametrize(
    ("name", "kind", "first"),
    [
        (
            "classic/newTlxApi-getEnergyProdAndCons_KW-day__pr94-neo.json",
            SeriesKind.DAILY_ENERGY,
            date(2020, 1, 1),
        ),
        (
            "classic/newTlxApi-getEnergyProdAndCons_KW-month__pr94-neo.json",
            SeriesKind.MONTHLY_ENERGY,
            date(2025, 1, 1),
        ),
        (
            "classic/newTlxApi-getEnergyProdAndCons_KW-year__pr94-neo.json",
            SeriesKind.YEARLY_ENERGY,
            date(2020, 1, 1),
        ),
    ],
)
def test_classic_period_charts(name, kind, first):
    body = fixture(name)
    series = parse_period_chart_classic(body, "charge", BERLIN)
    assert series.kind is kind
    assert series.unit == "kWh"
    assert series.points[0].time.date() == first
    assert series.values() == [pytest.approx(v) for v in body["chartData"]["charge"]]
