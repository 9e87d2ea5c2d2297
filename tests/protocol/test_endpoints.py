"""Endpoint definitions: requests built from arguments, answers read from captured bodies."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from growattServer import GrowattError, GrowattParameterError, Timespan, hash_password
from growattServer.errors import MissingKeyError, UnexpectedResponseError
from growattServer.protocol import classic as c
from growattServer.protocol import openapi_v1 as v1
from growattServer.protocol.dates import PlantClock, offsets_in_classic_answer, parse_offset
from growattServer.protocol.request import RawResponse

from .test_answers import fixture


def body(data: Any) -> RawResponse:
    return RawResponse(200, {"content-type": "application/json"}, json.dumps(data).encode())


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("password", "5f4dcc3b5aa765d61d8327deb882cf99"),
        ("123456", "e1cadc3949ba59abbe56e057f2cf883e"),
        ("Growatt!2024", "11619e584779c8148ea06f5fc6d86f78"),
        ("banaan", "31d674be46e1ba6b54388a671cc9accb"),
        ("test", "c98f6bcd4621d373cade4e832627b4f6"),
        ("", "d41d8cd98fc0b2c4e980c998ecf8427e"),
    ],
)
def test_password_hash_vectors(password: str, expected: str) -> None:
    assert hash_password(password) == expected


def test_login_request_hashes_unless_told_not_to() -> None:
    plain = c.LOGIN.request({"username": "u", "password": "123456"})
    assert plain.form == (("userName", "u"), ("password", "e1cadc3949ba59abbe56e057f2cf883e"))
    hashed = c.LOGIN.request({"username": "u", "password": "abc", "is_password_hashed": True})
    assert hashed.form == (("userName", "u"), ("password", "abc"))
    assert plain.method == "POST"
    assert plain.path == "newTwoLoginAPI.do"


def test_login_reader_adds_user_id_and_level() -> None:
    back = json.loads(fixture("classic/newTwoLoginAPI__pr94-neo.json"))
    result = c.LOGIN.read(body({"back": back}), {})
    assert result["userId"] == back["user"]["id"]
    assert result["userLevel"] == back["user"]["rightlevel"]
    failed = c.LOGIN.read(body({"back": {"success": False, "msg": "502"}}), {})
    assert failed == {"success": False, "msg": "502"}


@pytest.mark.parametrize(
    "answer", [{}, {"back": {"success": True}}, {"back": {"success": True, "user": {}}}]
)
def test_login_reader_never_raises_a_bare_keyerror(answer: dict[str, Any]) -> None:
    with pytest.raises(MissingKeyError, match="login"):
        c.LOGIN.read(body(answer), {})


ALL_CLASSIC = [value for value in vars(c).values() if isinstance(value, c.ClassicEndpoint)]


@pytest.mark.parametrize("endpoint", ALL_CLASSIC, ids=lambda e: e.name)
@pytest.mark.parametrize("answer", [{}, [], {"obj": None, "back": None}, "text", 3])
def test_readers_fail_only_with_growatt_errors(
    endpoint: c.ClassicEndpoint[Any], answer: object
) -> None:
    try:
        endpoint.read(body(answer), {})
    except GrowattError:
        pass
    except KeyError as err:  # pragma: no cover - the assertion below explains
        pytest.fail(f"bare KeyError {err!r} from {endpoint.name}")


def test_fixture_bodies_through_readers() -> None:
    plants = json.loads(fixture("classic/PlantListAPI__pr94-neo.json"))
    assert c.PLANT_LIST.read(body({"back": plants}), {}) == plants
    bean = json.loads(fixture("classic/newTlxApi-getTlxSetData__pr94-neo.json"))
    assert c.TLX_ALL_SETTINGS.read(body({"obj": {"tlxSetBean": bean}}), {}) == bean
    assert c.TLX_ALL_SETTINGS.read(body({"obj": {}}), {}) is None
    enabled = json.loads(fixture("classic/newLoginAPI-getSetPass__pr94-neo.json"))
    assert (
        c.TLX_ENABLED_SETTINGS.read(body({"result": 1, "msg": "pw", "obj": enabled}), {}) == enabled
    )
    mix = json.loads(fixture("classic/newMixApi-getMixInfo__pr94-mix-reconstructed.json"))
    assert c.MIX_INFO.read(body({"obj": mix}), {})["capacity"] == mix["capacity"]
    failed = json.loads(fixture("classic/newMixApi-getEnergyProdAndCons_KW__pygs-issue25-504.json"))
    assert c.MIX_DETAIL.read(body(failed), {}) == {}  # obj null reads as {}
    devices = json.loads(fixture("classic/newTwoPlantAPI-getAllDeviceList__pr94-neo.json"))
    listed = c.ALL_DEVICES.read(body({"deviceList": devices}), {})
    assert listed == devices
    assert listed[0]["deviceAilas"]  # the misspelt key passes through untouched


def test_inverter_page_reader() -> None:
    page = b'<script>var inv=JSON.parse(\'{"sn":"ABC","onOff":"1"}\');</script>'
    assert c.CLASSIC_INVERTER_INFO.read(RawResponse(200, {}, page), {}) == {
        "sn": "ABC",
        "onOff": "1",
    }
    with pytest.raises(UnexpectedResponseError):
        c.CLASSIC_INVERTER_INFO.read(RawResponse(200, {}, b"<html></html>"), {})


def test_date_fields_follow_the_timespan() -> None:
    day = dt.date(2026, 1, 5)
    args = {"plant_id": "1", "timespan": Timespan.month, "day": day}
    assert c.PLANT_DETAIL.request(args).query == (
        ("plantId", "1"),
        ("type", "2"),
        ("date", "2026-01"),
    )
    args["timespan"] = Timespan.hour
    assert ("date", "2026-01-05") in c.DASHBOARD_DATA.request(args).query
    with pytest.raises(ValueError, match="Timespan"):
        c.PLANT_DETAIL.request({"plant_id": "1", "timespan": "day", "day": day})


def test_setting_writes_share_one_merge() -> None:
    mix = c.UPDATE_MIX_INVERTER_SETTING.request(
        {"serial_number": "S", "setting_type": "t", "parameters": ["a", "b"]}
    )
    assert mix.query == (
        ("op", "mixSetApiNew"),
        ("serialNum", "S"),
        ("type", "t"),
        ("param1", "a"),
        ("param2", "b"),
    )
    assert mix.form is None
    assert mix.is_write
    tlx = c.UPDATE_TLX_INVERTER_SETTING.request(
        {"serial_number": "S", "setting_type": "t", "parameters": 5}
    )
    assert tlx.query[-1] == ("param1", "5")
    noah = c.UPDATE_NOAH_SETTINGS.request(
        {"serial_number": "N", "setting_type": "t", "parameters": {"param2": 1}}
    )
    assert noah.query == ()
    assert noah.form == (("serialNum", "N"), ("type", "t"), ("param2", "1"))


def test_plant_settings_form_prefers_changed_values() -> None:
    request = c.UPDATE_PLANT_SETTINGS.request(
        {"current": {"plantName": "A", "id": 7}, "changed": {"plantName": "B"}}
    )
    parts = dict(request.multipart or ())
    assert parts["plantName"] == "B"
    assert parts["plantID"] == "7"
    assert parts["plantFirm"] == "0"
    assert parts["plantCity"] == "None"  # growattServer sent str(None) for a missing value
    assert len(parts) == 18


def test_v1_writes_pad_every_param() -> None:
    slots = v1.parameter_slots({"3": "x"}, v1.MIN_PARAM_COUNT)
    request = v1.MIN_WRITE.request({"device_sn": "S", "parameter_id": "t", "slots": slots})
    form = dict(request.form or ())
    assert len(request.form or ()) == 21
    assert form["param3"] == "x"
    assert form["param1"] == ""
    assert request.api == "v1"


def test_v1_validation() -> None:
    with pytest.raises(GrowattParameterError):
        v1.time_segment_slots(10, 0, dt.time(1), dt.time(2), True)
    with pytest.raises(GrowattParameterError):
        v1.time_segment_slots(1, 3, dt.time(1), dt.time(2), True)
    with pytest.raises(GrowattParameterError):
        v1.ac_charge_slots(101, 50, True, [])
    with pytest.raises(GrowattParameterError):
        v1.ac_discharge_slots(50, 50, [])
    with pytest.raises(GrowattParameterError):
        v1.MIN_ENERGY_HISTORY.request(
            {"device_sn": "S", "start_date": dt.date(2026, 1, 1), "end_date": dt.date(2026, 1, 9)}
        )
    with pytest.raises(GrowattParameterError):
        v1.MIN_READ_PARAMETER.request({"device_sn": "S"})
    with pytest.warns(RuntimeWarning, match="7 days"):
        v1.PLANT_ENERGY_HISTORY.request(
            {
                "plant_id": 1,
                "start_date": dt.date(2026, 1, 1),
                "end_date": dt.date(2026, 1, 20),
                "time_unit": "day",
            }
        )


def test_register_reads_copy_the_missing_address() -> None:
    request = v1.MIN_READ_PARAMETER.request({"device_sn": "S", "start_address": 5})
    assert request.form == (
        ("device_sn", "S"),
        ("paramId", "set_any_reg"),
        ("startAddr", "5"),
        ("endAddr", "5"),
    )


def test_v1_reader_returns_data_or_raises() -> None:
    details = json.loads(fixture("v1/device-tlx-tlx_data_info__showdoc-officialdoc.json"))
    details.setdefault("error_code", 0)  # the doc sample omits the envelope code
    assert v1.MIN_DETAIL.read(body(details), {"device_sn": "S"}) == details["data"]
    with pytest.raises(GrowattError, match="getting MIN inverter details"):
        v1.MIN_DETAIL.read(body({"error_code": 10002, "error_msg": "x"}), {})


def test_segments_from_a_settings_fixture() -> None:
    settings = json.loads(
        fixture("v1/device-tlx-tlx_set_info-data__ha-upstream-test-handwritten.json")
    )
    segments = v1.read_time_segments(settings)
    assert [s["segment_id"] for s in segments] == list(range(1, 10))
    assert all(len(s["start_time"]) == 5 for s in segments)
    wrapped = v1.read_time_segments({"data": settings, "error_code": 0})
    assert wrapped == segments


def test_plant_clock_uses_learnt_offsets() -> None:
    now = dt.datetime(2026, 6, 21, 23, 30, tzinfo=dt.UTC)
    clock = PlantClock(now=lambda: now)
    clock.learn("east", dt.timedelta(hours=8))
    assert clock.today("east") == dt.date(2026, 6, 22)
    assert parse_offset("GMT+8") == dt.timedelta(hours=8)
    assert parse_offset(-5) == dt.timedelta(hours=-5)
    assert parse_offset("+5:30") == dt.timedelta(hours=5, minutes=30)
    assert parse_offset("garbage") is None
    assert offsets_in_classic_answer({"PlantList": [{"id": 9, "timezone": 1}]}) == {
        "9": dt.timedelta(hours=1)
    }
