"""newTcpsetAPI.do writes (shinephone-api.md rows 38–42, §5.2–5.4, §5.8) over plain HTTP."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests
from tests.conftest import DEMO_PASSWORD, DEMO_USER

from growattServer.simulator import Simulator, growatt_password_hash

TLX, MIX, SPA, INVERTER = "BZP0C4N08J", "WPD3C1A0K7", "JNK0CJ1A9B", "NTCMA2B04Q"
OK = {"success": True, "msg": "inv_set_success"}
FAILED = {"success": False, "msg": "inv_set_failure"}
FAIL_501 = {"msg": "501", "success": False}


class Client:
    def __init__(self, sim: Simulator, http: requests.Session) -> None:
        result = sim.world.login(DEMO_USER, growatt_password_hash(DEMO_PASSWORD))
        assert result.session is not None
        http.cookies.set("JSESSIONID", result.session.session_id)
        self.sim, self.http = sim, http

    def set(self, op: str, fields: dict[str, str], *, body: bool = False) -> Any:
        """Every field in the query string (rows 38–41) or in the form body (row 42)."""
        query = {"op": op} if body else {"op": op, **fields}
        response = self.http.post(
            self.sim.base_url + "newTcpsetAPI.do",
            params=query,
            data=fields if body else None,
            timeout=10,
        )
        assert response.status_code == 200
        return response.json()

    def tlx_bean(self) -> dict[str, Any]:
        response = self.http.post(
            self.sim.base_url + "newTlxApi.do",
            params={"op": "getTlxSetData"},
            data={"serialNum": TLX},
            timeout=10,
        )
        bean: dict[str, Any] = response.json()["obj"]["tlxSetBean"]
        return bean

    def mix_params(self) -> dict[str, Any]:
        response = self.http.get(
            self.sim.base_url + "newMixApi.do",
            params={"op": "getMixSetParams", "serialNum": MIX, "kind": "0"},
            timeout=10,
        )
        values: dict[str, Any] = response.json()["obj"]
        return values


@pytest.fixture
def client(make_sim: Callable[..., Simulator], http: requests.Session) -> Any:
    made = Client(make_sim(), http)
    yield made
    assert all(r.outcome != "handler-error" for r in made.sim.journal)


def segment(
    n: int, mode: str, start: tuple[str, str], end: tuple[str, str], enabled: str
) -> dict[str, str]:
    return {
        "serialNum": TLX,
        "type": f"time_segment{n}",
        "param1": mode,
        "param2": start[0],
        "param3": start[1],
        "param4": end[0],
        "param5": end[1],
        "param6": enabled,
    }


def slots(first: int, values: list[str]) -> dict[str, str]:
    return {f"param{first + i}": v for i, v in enumerate(values)}


CHARGE_SLOTS = [
    "01",
    "00",
    "04",
    "30",
    "1",
    "00",
    "00",
    "00",
    "00",
    "0",
    "13",
    "05",
    "14",
    "00",
    "1",
]


# -- TLX ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "value", "bean_keys"),
    [
        ("charge_power", "70", ("charge_power", "chargePowerCommand")),
        ("charge_stop_soc", "95", ("charge_stop_soc", "wchargeSOCLowLimit")),
        ("discharge_power", "90", ("discharge_power", "disChargePowerCommand")),
        ("discharge_stop_soc", "15", ("discharge_stop_soc", "wdisChargeSOCLowLimit")),
        ("on_grid_discharge_stop_soc", "20", ("on_grid_discharge_stop_soc",)),
        ("ac_charge", "1", ("ac_charge", "acChargeEnable")),
        ("pv_active_p_rate", "80", ("activeRate",)),
        ("tlx_on_off", "0", ("tlx_on_off",)),
    ],
)
def test_tlx_simple_writes_show_in_the_settings_bean(
    client: Client, kind: str, value: str, bean_keys: tuple[str, ...]
) -> None:
    assert client.set("tlxSet", {"serialNum": TLX, "type": kind, "param1": value}) == OK
    bean = client.tlx_bean()
    assert [bean[k] for k in bean_keys] == [value] * len(bean_keys)


def test_time_segment_in_the_form_body_is_stored_as_h_m(client: Client) -> None:
    fields = segment(2, "2", ("17", "00"), ("19", "30"), "1")
    assert client.set("tlxSet", fields, body=True) == OK
    bean = client.tlx_bean()
    assert bean["time_segment2"] == "2_17:0_19:30_1"
    assert (bean["forcedTimeStart2"], bean["forcedTimeStop2"]) == ("17:0", "19:30")
    assert (bean["time2Mode"], bean["forcedStopSwitch2"]) == ("2", "1")
    assert client.sim.world.settings(TLX)["forcedTimeStart2"] == "17:0"


def test_overlapping_segments_are_refused_even_when_disabled(client: Client) -> None:
    before = client.sim.world.settings(TLX)
    # segment 1 of the scenario is 1:00–5:00, disabled
    answer = client.set("tlxSet", segment(3, "1", ("04", "00"), ("06", "00"), "0"), body=True)
    assert answer == FAILED
    assert client.sim.world.settings(TLX) == before
    assert client.set("tlxSet", segment(3, "1", ("05", "00"), ("06", "00"), "0")) == OK


def test_a_segment_may_be_rewritten_in_place(client: Client) -> None:
    assert client.set("tlxSet", segment(1, "1", ("02", "00"), ("04", "00"), "1")) == OK
    assert client.tlx_bean()["time_segment1"] == "1_2:0_4:0_1"


@pytest.mark.parametrize(
    "fields",
    [
        {"type": "charge_power", "param1": "101"},
        {"type": "charge_power", "param1": "-5"},
        {"type": "charge_power", "param1": "abc"},
        {"type": "charge_power"},
        {"type": "ac_charge", "param1": "2"},
        {
            "type": "time_segment1",
            "param1": "3",
            "param2": "1",
            "param3": "0",
            "param4": "2",
            "param5": "0",
            "param6": "1",
        },
        {
            "type": "time_segment1",
            "param1": "1",
            "param2": "24",
            "param3": "0",
            "param4": "2",
            "param5": "0",
            "param6": "1",
        },
        {
            "type": "time_segment1",
            "param1": "1",
            "param2": "1",
            "param3": "60",
            "param4": "2",
            "param5": "0",
            "param6": "1",
        },
        {"type": "time_segment1", "param1": "1", "param2": "1", "param3": "0", "param4": "2"},
        {"type": "time_segment10", "param1": "1"},
        {"type": "no_such_setting", "param1": "1"},
        {"param1": "1"},
    ],
)
def test_invalid_writes_fail_and_change_nothing(client: Client, fields: dict[str, str]) -> None:
    before = client.sim.world.settings(TLX)
    assert client.set("tlxSet", {"serialNum": TLX, **fields}) == FAILED
    assert client.sim.world.settings(TLX) == before
    assert client.sim.world.counters.rejected_writes == 1


def test_system_time_needs_seconds(client: Client) -> None:
    fields = {"serialNum": TLX, "type": "pf_sys_year", "param1": "2026-06-21 11:00"}
    assert client.set("tlxSet", fields) == {"success": False, "msg": "inv_set_time_format"}
    fields["param1"] = "2026-06-21 11:00:05"
    assert client.set("tlxSet", fields) == OK
    assert client.tlx_bean()["pf_sys_year"] == "2026-06-21 11:00:05"


@pytest.mark.parametrize(
    ("op", "serial"),
    [
        ("tlxSet", MIX),
        ("tlxSet", "NOSUCHSN00"),
        ("mixSetApiNew", TLX),
        ("spaSetApi", MIX),
        ("mixSetApiNew", INVERTER),
    ],
)
def test_wrong_family_or_unknown_serial_is_501(client: Client, op: str, serial: str) -> None:
    answer = client.set(
        op, {"serialNum": serial, "type": "pf_sys_year", "param1": "2026-06-21 11:00:00"}
    )
    assert answer == FAIL_501


def test_write_changes_the_physics(client: Client) -> None:
    world = client.sim.world
    before = world.model(TLX).controls_at(world.now()).charge_rate
    client.set("tlxSet", {"serialNum": TLX, "type": "charge_power", "param1": "40"})
    assert before == 100
    assert world.model(TLX).controls_at(world.now()).charge_rate == 40


# -- MIX / SPA ---------------------------------------------------------------------------
def test_mix_ac_charge_period_shows_in_mix_set_params(client: Client) -> None:
    fields = {
        "serialNum": MIX,
        "type": "mix_ac_charge_time_period",
        "param1": "80",
        "param2": "90",
        "param3": "1",
        **slots(4, CHARGE_SLOTS),
    }
    assert client.set("mixSetApiNew", fields) == OK
    values = client.mix_params()
    assert (values["chargePowerCommand"], values["wchargeSOCLowLimit"]) == ("80", "90")
    assert values["acChargeEnable"] == "1"
    assert (values["forcedChargeTimeStart1"], values["forcedChargeTimeStop1"]) == ("1:0", "4:30")
    assert values["forcedChargeStopSwitch1"] == "1"
    assert values["forcedChargeStopSwitch2"] == "0"
    assert values["forcedChargeTimeStart3"] == "13:5"


def test_mix_discharge_period_and_missing_parameter(client: Client) -> None:
    fields = {
        "serialNum": MIX,
        "type": "mix_ac_discharge_time_period",
        "param1": "60",
        "param2": "20",
        **slots(3, CHARGE_SLOTS),
    }
    incomplete = {k: v for k, v in fields.items() if k != "param17"}
    before = client.sim.world.settings(MIX)
    assert client.set("mixSetApiNew", incomplete) == FAILED
    assert client.sim.world.settings(MIX) == before
    assert client.set("mixSetApiNew", fields, body=True) == OK
    values = client.mix_params()
    assert (values["disChargePowerCommand"], values["wdisChargeSOCLowLimit"]) == ("60", "20")
    assert values["forcedDischargeTimeStop1"] == "4:30"


def test_spa_ac_charge_period_is_stored(client: Client) -> None:
    fields = {
        "serialNum": SPA,
        "type": "spa_ac_charge_time_period",
        "param1": "100",
        "param2": "40",
        **slots(3, CHARGE_SLOTS),
    }
    assert client.set("spaSetApi", fields) == OK
    stored = client.sim.world.settings(SPA)
    assert stored["wchargeSOCLowLimit1"] == "40"
    assert stored["forcedChargeTimeStart1"] == "1:0"
    assert stored["acChargeEnable"] == "1"


def test_spa_rejects_an_hour_out_of_range(client: Client) -> None:
    values = list(CHARGE_SLOTS)
    values[0] = "25"
    fields = {
        "serialNum": SPA,
        "type": "spa_ac_charge_time_period",
        "param1": "100",
        "param2": "40",
        **slots(3, values),
    }
    before = client.sim.world.settings(SPA)
    assert client.set("spaSetApi", fields) == FAILED
    assert client.sim.world.settings(SPA) == before


# -- write_outcome -----------------------------------------------------------------------
def test_ignore_claims_success_and_changes_nothing(
    make_sim: Callable[..., Simulator], http: requests.Session
) -> None:
    client = Client(make_sim(write_outcome="ignore"), http)
    before = client.sim.world.settings(TLX)
    assert client.set("tlxSet", {"serialNum": TLX, "type": "charge_power", "param1": "30"}) == OK
    assert client.sim.world.settings(TLX) == before


def test_error_but_apply_answers_failure_and_applies(
    make_sim: Callable[..., Simulator], http: requests.Session
) -> None:
    client = Client(make_sim(write_outcome="error-but-apply"), http)
    answer = client.set("tlxSet", {"serialNum": TLX, "type": "charge_power", "param1": "30"})
    assert answer == FAILED
    assert client.tlx_bean()["charge_power"] == "30"
