"""`growatt settings list|show|set` against the simulator: what is listed and read, what
a dry run prints (and does not send), what a write achieves per the simulator's
`write_outcomes`, exit codes 7/8/9, and the rendered tables as snapshots."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from growattServer.cli.errors import ExitCode
from growattServer.settings import schema_for
from growattServer.simulator import Simulator

WIDTH = ("--width", "120")
MIN = "BZP0C4N08J"  # classic tlx, with battery
NEO = "QMN0D2K15E"  # classic tlx / token MIN
SPH = "WPD3C1A0K7"
SPA = "JNK0CJ1A9B"
SPF = "DWB1CHB0AZ"
UTRECHT = "1427391"
#: the MIN without the family lookup (a snapshot of the account), where it is not the subject
KNOWN_MIN = ("--device", MIN, "--family", "tlx")
CLASSIC_WRITE_PATHS = {"newTcpsetAPI.do", "tcpSet.do", "noahDeviceApi/noah/set"}


def writes(sim) -> list:
    """The settings writes the simulator received (classic and token)."""
    return [
        r
        for r in sim.journal
        if r.path in CLASSIC_WRITE_PATHS
        or r.path in ("v1/tlxSet", "v1/mixSet")
        or (r.path == "newTwoPlantAPI.do" and dict(r.query).get("op") == "updatePlant")
    ]


@dataclass
class Account:
    """A fresh simulator and `growatt settings ...` run against it."""

    sim: Simulator
    growatt: Callable[..., Any]

    def run(self, *argv: str) -> Any:
        return self.growatt(self.sim, "settings", *argv)

    def json(self, *argv: str, code: int = ExitCode.OK) -> Any:
        """The ``--json`` document of a run that exits with ``code``."""
        result = self.run(*argv, "--json")
        assert result.code == code, result.err
        return json.loads(result.out)


@pytest.fixture
def classic(make_sim, growatt, classic_env):
    """`classic(**simulator_config)` → the demo account over the classic API."""

    def start(**config: Any) -> Account:
        sim = make_sim(**config)
        classic_env(sim)
        return Account(sim, growatt)

    return start


@pytest.fixture
def token(make_sim, growatt, token_env):
    """The demo account over the token API."""
    sim = make_sim()
    token_env(sim)
    return Account(sim, growatt)


# --- list --------------------------------------------------------------------------------


def test_list_with_a_family_renders_the_schema_without_a_request(classic, snapshot):
    account = classic()
    result = account.run("list", "--family", "inverter", *WIDTH)
    assert result.code == 0, result.err
    assert len(account.sim.journal) == 0
    assert result.out == snapshot


def test_list_json_finds_the_family_from_the_account(classic):
    account = classic()
    data = account.json("list", "--device", SPH)
    assert (data["serial"], data["api"], data["family"]) == (SPH, "classic", "mix")
    assert [s["name"] for s in data["settings"]] == list(schema_for("classic", "mix").names)
    charge = next(s for s in data["settings"] if s["name"] == "mix_ac_charge_time_period")
    power = charge["params"][0]
    assert (power["name"], power["type"], power["min"], power["max"]) == (
        "charge_power",
        "integer",
        0,
        100,
    )
    assert not writes(account.sim)


def test_list_of_a_token_account_uses_the_v1_schema(token):
    data = token.json("list", "--device", NEO)
    assert (data["api"], data["family"]) == ("v1", "min")


def test_list_needs_a_device_or_a_family(classic):
    result = classic().run("list")
    assert result.code == ExitCode.USAGE
    assert "--device SERIAL" in result.err


# --- show --------------------------------------------------------------------------------


def test_show_table_of_one_setting(classic, snapshot):
    result = classic().run("show", "--device", SPH, "mix_ac_charge_time_period", *WIDTH)
    assert result.code == 0, result.err
    assert result.out == snapshot


def test_show_json_has_every_readable_setting(classic):
    data = classic().json("show", "--device", MIN)
    assert (data["serial"], data["family"]) == (MIN, "tlx")
    settings = data["settings"]
    assert settings["charge_stop_soc"] == {"value": 100}
    assert settings["time_segment1"] == {
        "mode": "battery_first",
        "start": "01:00",
        "end": "05:00",
        "enabled": False,
    }
    assert settings["pv_active_p_rate"]["store"] is None  # never shown by the read


def test_show_of_a_family_without_a_settings_read_is_unavailable(classic):
    result = classic().run("show", "--device", SPA)
    assert result.code == ExitCode.UNAVAILABLE
    assert "cannot be read" in result.err


# --- set: dry run and refusals -------------------------------------------------------------


def test_set_without_yes_prints_the_request_and_sends_nothing(classic, snapshot):
    account = classic()
    segment = ("mode=grid_first", "start=17:00", "end=19:30", "enabled=on")
    result = account.run("set", "--device", MIN, "time_segment2", *segment)
    assert result.code == 0, result.err
    assert result.out == snapshot
    assert "nothing sent" in result.err
    assert not writes(account.sim)


def test_set_dry_run_json_has_the_exact_request(classic):
    account = classic()
    data = account.json("set", *KNOWN_MIN, "charge_stop_soc", "90")
    assert (data["outcome"], data["sent"]) == ("dry_run", False)
    assert (data["method"], data["path"]) == ("POST", "newTcpsetAPI.do")
    assert data["query"] == {
        "op": "tlxSet",
        "serialNum": MIN,
        "type": "charge_stop_soc",
        "param1": "90",
    }
    assert not writes(account.sim)


def test_plant_dry_run_shows_the_whole_form(classic):
    account = classic()
    data = account.json("set", "--plant", UTRECHT, "plant_name", "Dak")
    assert data["multipart"]["plantName"] == "Dak"
    assert data["multipart"]["plantCity"] == "Utrecht"  # the rest of the form kept
    assert not writes(account.sim)


@pytest.mark.parametrize("family", [(), ("--family", "tlx")])
def test_an_invalid_value_exits_7_before_any_request(classic, family):
    account = classic()
    result = account.run("set", "--device", MIN, *family, "charge_stop_soc", "130")
    assert result.code == ExitCode.INVALID_SETTING
    assert result.err.count("\n") == 1
    assert "charge_stop_soc.value: '130' is not allowed (allowed: 0..100 %)" in result.err
    assert len(account.sim.journal) == 0


def test_a_value_only_another_family_takes_is_refused_after_the_lookup(classic):
    account = classic()
    # a Noah segment takes a power, a TLX segment does not: only the lookup tells
    segment = ("mode=load_first", "start=01:00", "end=02:00", "enabled=on", "power=100")
    result = account.run("set", "--device", MIN, "time_segment1", *segment)
    assert result.code == ExitCode.INVALID_SETTING
    assert "time_segment1.power" in result.err
    assert len(account.sim.journal) > 0
    assert not writes(account.sim)


def test_a_rule_against_the_device_reads_it_but_sends_no_write(classic):
    account = classic()
    # the device's discharge stop SOC is 10 %: a charge stop below it is refused
    result = account.run("set", *KNOWN_MIN, "charge_stop_soc", "5", "--yes")
    assert result.code == ExitCode.INVALID_SETTING, result.err
    assert "discharge_stop_soc" in result.err
    assert not writes(account.sim)


@pytest.mark.parametrize(
    ("argv", "code", "text"),
    [
        (("--device", "NOPE0000", "charge_stop_soc", "90"), ExitCode.USAGE, "no device NOPE0000"),
        (("--device", SPF, "charge_stop_soc", "90"), ExitCode.UNAVAILABLE, "'storage'"),
        ((*KNOWN_MIN, "no_such_setting", "1"), ExitCode.UNAVAILABLE, "no_such_setting"),
        ((*KNOWN_MIN, "charge_stop_soc", "90", "80"), ExitCode.USAGE, "without a name"),
        ((*KNOWN_MIN, "charge_stop_soc", "=90"), ExitCode.USAGE, "unnamed"),
        ((*KNOWN_MIN, "time_segment1", "battery_first"), ExitCode.INVALID_SETTING, "PARAM="),
    ],
)
def test_set_refusals(classic, argv, code, text):
    account = classic()
    result = account.run("set", *argv)
    assert result.code == code
    assert text in result.err
    assert not writes(account.sim)


# --- set --yes: what the device did ----------------------------------------------------------


def test_set_yes_applies_once_and_show_reads_it_back(classic):
    account = classic()
    result = account.run("set", "--device", MIN, "charge_stop_soc", "90", "--yes")
    assert result.code == 0, result.err
    assert "outcome: APPLIED" in result.out
    assert len(writes(account.sim)) == 1
    shown = account.json("show", "--device", MIN, "charge_stop_soc")
    assert shown["settings"] == {"charge_stop_soc": {"value": 90}}
    assert account.sim.world.counters.logins == 1  # the second command reused the session


def test_keep_current_changes_one_parameter(classic):
    argv = (*KNOWN_MIN, "--keep-current", "time_segment1", "enabled=on", "--yes")
    data = classic().json("set", *argv)
    assert data["outcome"] == "applied"
    assert data["values"] == {
        "mode": "battery_first",
        "start": "01:00",
        "end": "05:00",
        "enabled": True,
    }


def test_an_ignored_write_exits_8(classic):
    account = classic(write_outcomes={MIN: "ignore"})
    result = account.run("set", *KNOWN_MIN, "charge_stop_soc", "90", "--yes")
    assert result.code == ExitCode.NOT_APPLIED
    assert "outcome: NOT_APPLIED" in result.out
    assert "error: charge_stop_soc not applied" in result.err
    assert len(writes(account.sim)) == 1  # never retried


def test_an_error_answer_that_was_applied_counts_as_applied(classic):
    account = classic(write_outcomes={MIN: "error-but-apply"})
    data = account.json("set", *KNOWN_MIN, "charge_stop_soc", "90", "--yes")
    assert (data["outcome"], data["sent"]) == ("applied", True)
    assert data["error"]
    assert "error but applied" in data["note"]
    assert data["shown"] == {"value": 90}


def test_a_rejected_write_exits_8_with_the_error(classic):
    account = classic(write_outcomes={MIN: "reject"})
    argv = (*KNOWN_MIN, "charge_stop_soc", "90", "--yes")
    data = account.json("set", *argv, code=ExitCode.NOT_APPLIED)
    assert (data["outcome"], data["sent"]) == ("not_applied", True)
    assert data["error"]


def test_a_family_without_a_read_reports_unknown(classic):
    result = classic().run("set", "--device", SPA, "pv_on_off", "off", "--yes")
    assert result.code == 0, result.err
    assert "outcome: UNKNOWN" in result.out
    assert "could not confirm pv_on_off" in result.err


def test_a_token_account_writes_through_the_v1_api(token):
    data = token.json("set", "--device", NEO, "charge_stop_soc", "95", "--yes")
    assert (data["api"], data["family"], data["path"]) == ("v1", "min", "tlxSet")
    assert data["outcome"] == "applied"
    assert [r.path for r in writes(token.sim)] == ["v1/tlxSet"]


def test_plant_settings_are_classic_only(token):
    result = token.run("set", "--plant", UTRECHT, "plant_name", "Dak")
    assert result.code == ExitCode.UNAVAILABLE
    assert len(token.sim.journal) == 0
