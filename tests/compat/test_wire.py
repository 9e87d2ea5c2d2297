"""Every compat method: the request that reaches the simulator, and what comes back.

The wire assertions run first, so they hold even while the simulator lacks a handler
(it records the request and answers 404; only the shape check is then skipped).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

import pytest
import requests

from growattServer import GrowattApi, OpenApiV1
from growattServer.compat.classic import DEFAULT_AGENT
from growattServer.simulator import RecordedRequest, Simulator
from tests.conftest import DEMO_TOKEN

from .conftest import sent_since
from .wire_table import CLASSIC_ROWS, PLANT, TLX, TLX_PLANT, V1_ROWS, Row


def _assert_wire(record: RecordedRequest, row: Row) -> None:
    assert record.method == row.verb
    assert record.path == row.path
    assert record.query == row.query
    assert record.form == row.form
    assert record.multipart == row.multipart


def _assert_shape(result: object, row: Row) -> None:
    assert isinstance(result, row.shape)
    for key in row.keys:
        assert isinstance(result, dict)
        assert key in result


def _run(api: object, server: Simulator, row: Row) -> tuple[object, BaseException | None]:
    mark = len(server.journal)
    result: object = None
    error: BaseException | None = None
    try:
        result = getattr(api, row.method)(*row.args, **row.kwargs)
    except requests.HTTPError as err:
        error = err
    sent = sent_since(server, mark)
    assert len(sent) == 1, [r.path for r in sent]
    _assert_wire(sent[0], row)
    return result, error


@pytest.mark.parametrize("row", CLASSIC_ROWS, ids=lambda row: row.method)
def test_classic_method(classic: GrowattApi, server: Simulator, row: Row) -> None:
    result, error = _run(classic, server, row)
    assert server.journal[-1].headers.get("User-Agent") == DEFAULT_AGENT
    assert error is None, error
    _assert_shape(result, row)


@pytest.mark.parametrize("row", V1_ROWS, ids=lambda row: row.method)
def test_v1_method(token_api: OpenApiV1, server: Simulator, row: Row) -> None:
    result, error = _run(token_api, server, row)
    headers = server.journal[-1].headers
    assert headers.get("token") == DEMO_TOKEN
    assert re.match(r"^Python/\d+\.\d+\.\d+ \(", headers.get("User-Agent", ""))
    assert error is None, error
    _assert_shape(result, row)


def test_plant_list_does_not_follow_redirects(server: Simulator) -> None:
    # A fresh client has no session: the server redirects or refuses, never silently follows.
    api = GrowattApi()
    api.server_url = server.base_url
    mark = len(server.journal)
    with pytest.raises((requests.HTTPError, ValueError)):
        api.plant_list("3021745")
    assert [r.path for r in sent_since(server, mark)] == ["PlantListAPI.do"]


def test_device_list_falls_back_for_tlx_plants(classic: GrowattApi, server: Simulator) -> None:
    mark = len(server.journal)
    devices = classic.device_list(TLX_PLANT)
    sent = sent_since(server, mark)
    assert isinstance(devices, list)
    assert devices, "the TLX plant has devices"
    assert sent[0].query == [
        ("op", "getAllDeviceListTwo"),
        ("plantId", TLX_PLANT),
        ("pageNum", "1"),
        ("pageSize", "1"),
    ]
    assert len(sent) == 2  # deviceList was empty, as for every plant with a TLX device
    assert sent[1].method == "GET"
    assert sent[1].query == [
        ("op", "getAllDeviceList"),
        ("plantId", TLX_PLANT),
        ("language", "1"),
    ]
    assert {device["deviceSn"] for device in devices} >= {TLX}


def test_inverter_list_warns_and_lists_devices(classic: GrowattApi, server: Simulator) -> None:
    with pytest.warns(DeprecationWarning, match="device_list"):
        devices = classic.inverter_list(PLANT)
    assert devices
    assert all("deviceSn" in device for device in devices)


def test_enabled_settings_send_the_local_date(classic: GrowattApi, server: Simulator) -> None:
    mark = len(server.journal)
    classic.tlx_enabled_settings(TLX)
    record = sent_since(server, mark)[0]
    assert record.path == "newLoginAPI.do"
    assert record.query == [("op", "getSetPass")]
    assert record.form == [
        ("deviceSn", TLX),
        ("stringTime", dt.date.today().isoformat()),
        ("type", "5"),
    ]


def test_default_date_is_local_not_utc(server: Simulator) -> None:
    api = GrowattApi()
    api.server_url = server.base_url
    mark = len(server.journal)
    with pytest.raises(requests.HTTPError):  # not logged in, or not served
        api.tlx_data(TLX)
    record = sent_since(server, mark)[0]
    assert ("date", dt.datetime.now().astimezone().date().isoformat()) in record.query


def test_server_url_set_late_moves_both_apis(server: Simulator) -> None:
    classic, v1 = GrowattApi(), OpenApiV1(token=DEMO_TOKEN)
    assert v1.api_url == "https://openapi.growatt.com/v1/"
    classic.server_url = server.base_url.rstrip("/")  # a missing slash is added
    v1.server_url = server.base_url
    assert v1.api_url == server.base_url + "v1/"
    mark = len(server.journal)
    for action in (lambda: classic.tlx_detail(TLX), lambda: v1.min_detail(TLX)):
        with contextlib.suppress(requests.HTTPError):
            action()
    assert [r.path for r in sent_since(server, mark)] == [
        "newTlxApi.do",
        "v1/device/tlx/tlx_data_info",
    ]


def test_region_keys_resolve() -> None:
    api = OpenApiV1(token=DEMO_TOKEN)
    api.server_url = "north_america"
    assert api.server_url == "https://openapi-us.growatt.com/"
    assert api.api_url == "https://openapi-us.growatt.com/v1/"
    api.server_url = "other_regions"
    assert api.server_url == "https://openapi.growatt.com/"


def test_random_user_id_suffix() -> None:
    api = GrowattApi(add_random_user_id=True, agent_identifier="someone")
    assert re.fullmatch(r"someone - \d{5}", api.session.headers["User-Agent"])
    plain = GrowattApi()
    assert plain.session.headers["User-Agent"] == DEFAULT_AGENT


def test_every_request_has_a_timeout() -> None:
    assert GrowattApi().timeout is not None
    assert OpenApiV1(token="t", timeout=3.0).timeout == 3.0
