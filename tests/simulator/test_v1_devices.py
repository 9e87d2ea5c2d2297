"""OpenAPI v1 device/list, account scoping and the rate limiter, over plain HTTP."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import requests
from tests.conftest import relaxed_config
from tests.simulator.test_v1_plants import call, data, fixture, no_handler_errors

from growattServer.simulator import Simulator, load_scenario
from growattServer.simulator.scenario import Account

UTRECHT, SEVILLA, PERTH = "1427391", "1427392", "1427393"
TLX, MIX = "BZP0C4N08J", "WPD3C1A0K7"
OTHER_TOKEN = "0123456789abcdef0123456789abcdef"


def test_device_list_types_per_family(sim: Simulator, v1: requests.Session) -> None:
    utrecht = data(v1, sim, "device/list", plant_id=UTRECHT, page="", perpage="")
    types = {d["device_sn"]: d["type"] for d in utrecht["devices"]}
    # inverter 1, SPH 5, SPA 6; the Noah is not a v1 device
    assert types == {"NTCMA2B04Q": 1, MIX: 5, "JNK0CJ1A9B": 6}
    assert utrecht["count"] == 3
    sevilla = data(v1, sim, "device/list", plant_id=SEVILLA, page="", perpage="")
    # MIN 7 and the SPF storage 2; the MIN's battery pack is part of the MIN
    assert {d["device_sn"]: d["type"] for d in sevilla["devices"]} == {TLX: 7, "DWB1CHB0AZ": 2}
    official = fixture("device-list__gpapy-officialdoc.json")["data"]["devices"][0]
    for device in sevilla["devices"]:
        assert set(device) == set(official)
        assert isinstance(device["device_id"], int)
        assert isinstance(device["status"], int)
        assert device["lost"] is False
        assert device["manufacturer"] == "Growatt"


def test_device_list_errors(sim: Simulator, v1: requests.Session) -> None:
    assert call(v1, sim, "device/list", plant_id="", page="", perpage="")["error_code"] == 10002
    assert call(v1, sim, "device/list", plant_id="12")["error_code"] == 10003
    assert call(v1, sim, "device/list", plant_id=SEVILLA, perpage="101")["error_code"] == 10013
    no_handler_errors(sim)


def test_a_token_sees_only_its_own_account(http: requests.Session) -> None:
    scenario = load_scenario("demo")
    scenario.accounts.append(Account("other", "secret", 99, tokens=[OTHER_TOKEN]))
    scenario.plant(int(PERTH)).owner = "other"
    with Simulator.running(scenario, relaxed_config()) as server:
        http.headers["token"] = OTHER_TOKEN
        plants = data(http, server, "plant/list")["plants"]
        assert [p["plant_id"] for p in plants] == [int(PERTH)]
        # the demo account's plant and devices do not exist for this token
        assert call(http, server, "plant/data", plant_id=SEVILLA)["error_code"] == 10002
        assert call(http, server, "device/list", plant_id=SEVILLA)["error_code"] == 10003
        assert (
            call(http, server, "device/tlx/tlx_last_data", verb="POST", tlx_sn=TLX)["error_code"]
            == 10002
        )
        body = call(
            http, server, "tlxSet", verb="POST", tlx_sn=TLX, type="charge_power", param1="50"
        )
        assert body["error_code"] == 10012
        assert server.world.settings(TLX)["chargePowerCommand"] == "100"
        no_handler_errors(server)


def test_missing_token_is_permission_denied(sim: Simulator, http: requests.Session) -> None:
    body = http.get(sim.base_url + "v1/plant/data", params={"plant_id": SEVILLA}, timeout=10).json()
    assert (body["error_code"], body["error_msg"]) == (10011, "error_permission_denied")


def test_rate_limiter_end_to_end(make_sim: Callable[..., Simulator], v1: requests.Session) -> None:
    server = make_sim(v1_rate_limit=True)

    def code(path: str, verb: str = "GET", **params: str) -> int:
        return int(call(v1, server, path, verb=verb, **params)["error_code"])

    # plant/data: 5 minutes per plant
    assert code("plant/data", plant_id=SEVILLA) == 0
    limited = call(v1, server, "plant/data", plant_id=SEVILLA)
    assert (limited["error_code"], limited["error_msg"]) == (10012, "error_frequently_access")
    assert code("plant/data", plant_id=UTRECHT) == 0  # another plant is allowed
    server.clock.advance(timedelta(seconds=299))
    assert code("plant/data", plant_id=SEVILLA) == 10012
    server.clock.advance(timedelta(seconds=1))
    assert code("plant/data", plant_id=SEVILLA) == 0

    # mix_last_data: 10 s per device
    assert code("device/mix/mix_last_data", "POST", mix_sn=MIX) == 0
    assert code("device/mix/mix_last_data", "POST", mix_sn=MIX) == 10012
    server.clock.advance(timedelta(seconds=10))
    assert code("device/mix/mix_last_data", "POST", mix_sn=MIX) == 0

    # tlx_data history: 10 s; tlx_last_data: 5 minutes, keyed on the device
    assert code("device/tlx/tlx_data", "POST", tlx_sn=TLX) == 0
    assert code("device/tlx/tlx_data", "POST", tlx_sn=TLX) == 10012
    assert code("device/tlx/tlx_last_data", "POST", tlx_sn=TLX) == 0
    assert code("device/tlx/tlx_last_data", "POST", tlx_sn="QMN0D2K15E") == 0
    server.clock.advance(timedelta(seconds=10))
    assert code("device/tlx/tlx_data", "POST", tlx_sn=TLX) == 0
    assert code("device/tlx/tlx_last_data", "POST", tlx_sn=TLX) == 10012

    # settings reads and writes state no limit
    for _ in range(3):
        assert code("device/tlx/tlx_set_info", device_sn=TLX) == 0
        assert (
            code(
                "readMinParam",
                "POST",
                device_sn=TLX,
                paramId="charge_power",
                startAddr="0",
                endAddr="0",
            )
            == 0
        )
        assert code("tlxSet", "POST", tlx_sn=TLX, type="charge_power", param1="90") == 0
        assert code("device/mix/mix_data_info", device_sn=MIX) == 0
        assert code("mixSet", "POST", mix_sn=MIX, type="pv_on_off", param1="1") == 0
    assert server.world.counters.v1_rate_limited == 5
    no_handler_errors(server)
