"""OpenAPI v1 type-1 inverter endpoints (openapi.md §2 "not yet merged" list)."""

from __future__ import annotations

from collections.abc import Callable

import requests
from tests.simulator.test_v1_plants import call, data, fixture, no_handler_errors

from growattServer.simulator import Simulator
from growattServer.simulator.readings import round_kwh

INVERTER, TLX = "NTCMA2B04Q", "BZP0C4N08J"


def test_inv_data_info(sim: Simulator, v1: requests.Session) -> None:
    body = call(v1, sim, "device/inverter/inv_data_info", device_sn=INVERTER)
    assert (body["device_sn"], body["dataloggerSn"]) == (INVERTER, "JPC2A1B7F3")
    official = fixture("device-inverter-inv_data_info__showdoc-officialdoc.json")["data"]
    assert set(official) <= set(body["data"])
    assert set(body["data"]["lastUpdateTime"]) == set(official["lastUpdateTime"])
    assert call(v1, sim, "device/inverter/inv_data_info", device_sn=TLX)["error_code"] == 10001


def test_last_new_data(sim: Simulator, v1: requests.Session) -> None:
    record = data(v1, sim, "device/inverter/last_new_data", device_sn=INVERTER)
    official = fixture("device-inverter-last_new_data__showdoc-officialdoc.json")["data"]
    for key in (
        "time",
        "ppv",
        "vpv1",
        "epv1Today",
        "epv1Total",
        "epvTotal",
        "powerTotal",
        "temperature",
        "timeTotal",
        "faultType",
        "pf",
    ):
        assert key in official
        assert key in record, key
    model = sim.world.model(INVERTER)
    assert record["powerToday"] == round_kwh(model.today(sim.clock.now()).ac_out)
    assert call(v1, sim, "device/inverter/last_new_data")["error_code"] == 10003
    assert call(v1, sim, "device/inverter/last_new_data", device_sn="NOPE")["error_code"] == 10002


def test_inverter_set(make_sim: Callable[..., Simulator], v1: requests.Session) -> None:
    server = make_sim()

    def inverter_set(param: str, first: str, second: str = "") -> int:
        body = call(
            v1,
            server,
            "inverterSet",
            verb="POST",
            device_sn=INVERTER,
            paramId=param,
            command_1=first,
            command_2=second,
        )
        return int(body["error_code"])

    assert inverter_set("pv_active_p_rate", "60") == 0
    assert server.world.settings(INVERTER)["activeRate"] == "60"
    before = server.world.settings(INVERTER)
    assert inverter_set("pv_active_p_rate", "160") == 10008
    assert inverter_set("pv_on_off", "") == 10007
    assert inverter_set("tlx_on_off", "1") == 10006
    assert server.world.settings(INVERTER) == before
    assert inverter_set("pv_on_off", "0000") == 0
    assert server.world.settings(INVERTER)["onOff"] == "0"
    no_handler_errors(server)
