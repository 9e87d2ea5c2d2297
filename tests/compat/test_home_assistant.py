"""Home Assistant's call patterns (home-assistant-and-style.md §A.2-§A.3, §A.9-§A.10).

HA patches ``growattServer.GrowattApi``/``OpenApiV1`` with ``autospec=True``: every
method it calls must exist on the class, accept HA's arity, and be synchronous.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
from unittest import mock

import pytest
import requests

import growattServer
from growattServer import GrowattApi, GrowattV1ApiError, GrowattV1ApiErrorCode, OpenApiV1

CLASSIC_CALLS = [
    ("login", ("user", "secret")),
    ("plant_list", ("123",)),
    ("device_list", ("1",)),
    ("plant_info", ("1",)),
    ("inverter_detail", ("SN",)),
    ("tlx_detail", ("SN",)),
    ("storage_params", ("SN",)),
    ("storage_energy_overview", ("1", "SN")),
    ("storage_detail", ("SN",)),
    ("mix_info", ("SN",)),
    ("mix_totals", ("SN", "1")),
    ("mix_system_status", ("SN", "1")),
    ("mix_detail", ("SN", "1")),
    ("dashboard_data", ("1",)),
]
PERIODS = [{"start_time": dt.time(1), "end_time": dt.time(2), "enabled": True}] * 3
V1_CALLS = [
    ("plant_list", ()),
    ("device_list", ("1",)),
    ("plant_energy_overview", ("1",)),
    ("plant_power_overview", ("1", dt.date(2026, 6, 21))),
    ("min_detail", ("SN",)),
    ("min_settings", ("SN",)),
    ("min_energy", ("SN",)),
    ("sph_detail", ("SN",)),
    ("sph_energy", ("SN",)),
    ("min_write_parameter", ("SN", "charge_power", 80)),
    ("min_write_time_segment", ("SN", 1, 1, dt.time(1), dt.time(2), True)),
    ("sph_write_ac_charge_times", ("SN", 100, 90, True, PERIODS)),
    ("sph_write_ac_discharge_times", ("SN", 100, 10, PERIODS)),
]


@pytest.mark.parametrize(("name", "args"), CLASSIC_CALLS)
def test_classic_autospec_accepts_ha_calls(name: str, args: tuple[object, ...]) -> None:
    api = mock.create_autospec(GrowattApi, instance=True)
    api.server_url = "https://openapi.growatt.com/"
    getattr(api, name)(*args)
    getattr(api, name).assert_called_once_with(*args)
    assert not inspect.iscoroutinefunction(getattr(GrowattApi, name))


@pytest.mark.parametrize(("name", "args"), V1_CALLS)
def test_v1_autospec_accepts_ha_calls(name: str, args: tuple[object, ...]) -> None:
    api = mock.create_autospec(OpenApiV1, instance=True)
    api.server_url = "north_america"
    getattr(api, name)(*args)
    assert not inspect.iscoroutinefunction(getattr(OpenApiV1, name))


def test_v1_keyword_reads_accept_settings_data() -> None:
    api = mock.create_autospec(OpenApiV1, instance=True)
    api.sph_read_ac_charge_times("SN", settings_data={})
    api.sph_read_ac_discharge_times(device_sn="SN", settings_data={})
    api.min_read_time_segments("SN", settings_data={})


def test_autospec_rejects_wrong_arity() -> None:
    api = mock.create_autospec(OpenApiV1, instance=True)
    with pytest.raises(TypeError):
        api.plant_power_overview()
    classic = mock.create_autospec(GrowattApi, instance=True)
    with pytest.raises(TypeError):
        classic.login("only-user")


def test_autospec_of_the_class_is_not_async() -> None:
    cls = mock.create_autospec(OpenApiV1)
    instance = cls(token="t")
    result = instance.plant_list()
    assert not inspect.iscoroutine(result)
    assert not any(
        inspect.iscoroutinefunction(member)
        for _, member in inspect.getmembers(OpenApiV1, inspect.isfunction)
    )


def test_ha_real_reads_parse_settings_without_http() -> None:
    api = OpenApiV1(token="t")
    api.server_url = "http://127.0.0.1:9/"  # nothing listens: any request would fail
    charge = api.sph_read_ac_charge_times(
        "SN",
        settings_data={
            "chargePowerCommand": 90,
            "wchargeSOCLowLimit": "95",
            "acChargeEnable": 1,
            "forcedChargeTimeStart1": "1:5",
            "forcedChargeTimeStop1": "4:30",
            "forcedChargeStopSwitch1": 1,
        },
    )
    assert charge["charge_power"] == 90
    assert charge["charge_stop_soc"] == 95
    assert charge["mains_enabled"] is True
    assert charge["periods"][0] == {
        "period_id": 1,
        "start_time": "01:05",
        "end_time": "04:30",
        "enabled": True,
    }
    assert charge["periods"][2]["enabled"] is False
    segments = api.min_read_time_segments("SN", settings_data={"time3Mode": "2"})
    assert len(segments) == 9
    assert segments[2]["mode_name"] == "Grid First"


def test_exception_forms_ha_builds() -> None:
    bare = GrowattV1ApiError("msg")
    bare.error_code = GrowattV1ApiErrorCode.NO_PRIVILEGE
    assert bare.error_code == 10011
    keyed = GrowattV1ApiError("Error during x", error_code=1, error_msg="bad")
    assert str(keyed) == "Error during x: [1] bad"
    assert keyed.error_msg == "bad"
    assert str(GrowattV1ApiError("plain")) == "plain"
    assert isinstance(keyed, growattServer.GrowattError)
    assert GrowattV1ApiErrorCode.RATE_LIMITED == 10012


def test_public_names() -> None:
    for name in (
        "GrowattApi",
        "OpenApiV1",
        "Timespan",
        "hash_password",
        "GrowattError",
        "GrowattParameterError",
        "GrowattV1ApiError",
        "GrowattV1ApiErrorCode",
        "DeviceType",
        "BATT_MODE_LOAD_FIRST",
        "BATT_MODE_BATTERY_FIRST",
        "BATT_MODE_GRID_FIRST",
        "Min",
        "Sph",
    ):
        assert hasattr(growattServer, name), name
    assert [
        growattServer.Timespan.hour,
        growattServer.Timespan.day,
        growattServer.Timespan.month,
    ] == [0, 1, 2]
    assert [int(t) for t in growattServer.DeviceType] == list(range(1, 11))
    assert issubclass(OpenApiV1, GrowattApi)
    assert isinstance(OpenApiV1(token="t").session, requests.Session)


def test_get_device_dispatch() -> None:
    api = OpenApiV1(token="t")
    assert isinstance(api.get_device("SN", 7), growattServer.Min)
    assert isinstance(api.get_device("SN", 5), growattServer.Sph)
    with pytest.warns(UserWarning, match="type id: 1"):
        assert api.get_device("SN", 1) is None


def test_json_errors_ha_catches_are_the_documented_ones() -> None:
    # HA catches json.JSONDecodeError and requests' RequestException around the library.
    from growattServer.errors import SessionExpiredJSONError
    from growattServer.transport.sync import as_requests_error

    error = as_requests_error(
        SessionExpiredJSONError("plant_info", status=200, content_type="text/html", body="<html>")
    )
    assert isinstance(error, json.JSONDecodeError)
    assert isinstance(error, requests.RequestException)
    assert isinstance(error, growattServer.GrowattError)
