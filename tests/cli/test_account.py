"""Credentials, the config file, the saved session, and what errors look like."""

from __future__ import annotations

import json
import os
import stat
from datetime import timedelta

import pytest

from growattServer.cli.config import config_path, load_account, server_url, state_path
from growattServer.cli.errors import CliError, ExitCode, explain
from growattServer.errors import (
    AccountLockedError,
    GrowattError,
    RateLimitedError,
    UnsupportedDeviceError,
)
from growattServer.regions import REGION_URLS
from tests.conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_login_saves_a_private_config_and_the_next_command_does_not_log_in(
    make_sim, growatt, monkeypatch
):
    sim = make_sim()
    monkeypatch.setenv("GROWATT_PASSWORD", DEMO_PASSWORD)
    result = growatt(sim, "login", "--username", DEMO_USER, "--server", sim.base_url)
    assert result.code == 0, result.err
    assert DEMO_PASSWORD not in result.out + result.err
    assert mode(config_path()) == 0o600
    assert mode(state_path()) == 0o600
    saved = json.loads(config_path().read_text())
    assert saved == {"username": DEMO_USER, "password": DEMO_PASSWORD, "server": sim.base_url}
    assert sim.world.counters.logins == 1
    monkeypatch.delenv("GROWATT_PASSWORD")
    for command in ("plants", "devices", "status"):
        assert growatt(sim, command, "--json").code == 0
    assert sim.world.counters.logins == 1  # the saved session carried every command


def test_login_with_a_wrong_password_saves_nothing(make_sim, growatt, monkeypatch):
    sim = make_sim()
    monkeypatch.setenv("GROWATT_PASSWORD", "not-the-password")
    result = growatt(sim, "login", "--username", DEMO_USER, "--server", sim.base_url)
    assert result.code == ExitCode.AUTH
    assert result.err.count("\n") == 1
    assert result.err.startswith("error: Growatt refused the user name or password (hint:")
    assert "not-the-password" not in result.err
    assert not config_path().exists()


def test_token_login_checks_the_token_with_one_call(make_sim, growatt, monkeypatch):
    sim = make_sim()
    monkeypatch.setenv("GROWATT_TOKEN", DEMO_TOKEN)
    result = growatt(sim, "login", "--token", "--server", sim.base_url)
    assert result.code == 0, result.err
    assert DEMO_TOKEN not in result.out + result.err
    assert json.loads(config_path().read_text())["token"] == DEMO_TOKEN
    assert [r.path for r in sim.journal] == ["v1/plant/list"]


def test_login_without_a_terminal_says_what_is_missing(make_sim, growatt):
    sim = make_sim()
    result = growatt(sim, "login", "--server", sim.base_url)
    assert result.code == ExitCode.USAGE
    assert "User name is missing" in result.err


def test_environment_overrides_the_config_file(make_sim, growatt, monkeypatch):
    sim = make_sim()
    monkeypatch.setenv("GROWATT_PASSWORD", DEMO_PASSWORD)
    assert growatt(sim, "login", "--username", DEMO_USER, "--server", sim.base_url).code == 0
    monkeypatch.setenv("GROWATT_SERVER", "north-america")
    assert load_account().server == REGION_URLS["north_america"]
    monkeypatch.setenv("GROWATT_TOKEN", "abc")
    assert load_account().kind == "token"
    monkeypatch.delenv("GROWATT_TOKEN")
    monkeypatch.setenv("GROWATT_USERNAME", "someone")
    account = load_account()
    assert (account.kind, account.username, account.password) == (
        "classic",
        "someone",
        DEMO_PASSWORD,
    )
    assert "abc" not in repr(account)
    assert DEMO_PASSWORD not in repr(account)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("north_america", REGION_URLS["north_america"]),
        ("North-America", REGION_URLS["north_america"]),
        ("australia", REGION_URLS["australia_new_zealand"]),
        ("http://127.0.0.1:8088", "http://127.0.0.1:8088/"),
    ],
)
def test_server_accepts_region_names_and_urls(given, expected):
    assert server_url(given) == expected


def test_an_unknown_region_is_a_usage_error():
    with pytest.raises(CliError) as caught:
        server_url("atlantis")
    assert caught.value.exit_code == ExitCode.USAGE


def test_nothing_configured_is_a_usage_error_with_a_hint(make_sim, growatt):
    result = growatt(make_sim(), "plants")
    assert result.code == ExitCode.USAGE
    assert result.err == (
        "error: no Growatt account configured (hint: run growatt login, or set "
        "GROWATT_USERNAME and GROWATT_PASSWORD (or GROWATT_TOKEN))\n"
    )


def test_a_locked_account_says_until_when(make_sim, growatt, classic_env):
    sim = make_sim(login_limit=0, lock_duration_s=2 * 3600)
    classic_env(sim)
    result = growatt(sim, "plants")
    assert result.code == ExitCode.LOCKED
    assert result.err.startswith("error: account locked by Growatt until ")
    # the simulated clock says 09:30 UTC (TZ=UTC here) and the lock lasts two hours
    assert "until 11:30 (local)" in result.err
    assert "Traceback" not in result.err
    # the lock is remembered in the state file: the next command does not even try
    before = len(sim.journal.matching("newTwoLoginAPI.do"))
    assert growatt(sim, "plants").code == ExitCode.LOCKED
    assert len(sim.journal.matching("newTwoLoginAPI.do")) == before


def test_an_unreachable_server_is_exit_5_and_debug_shows_the_traceback(
    make_sim, growatt, monkeypatch
):
    sim = make_sim()
    monkeypatch.setenv("GROWATT_USERNAME", DEMO_USER)
    monkeypatch.setenv("GROWATT_PASSWORD", DEMO_PASSWORD)
    monkeypatch.setenv("GROWATT_SERVER", "http://127.0.0.1:9/")
    quiet = growatt(sim, "plants")
    assert quiet.code == ExitCode.CONNECTION
    assert quiet.err.startswith("error: cannot get an answer from Growatt")
    assert "Traceback" not in quiet.err
    sim.clock.advance(timedelta(minutes=2))  # past the cool-down after the first attempt
    loud = growatt(sim, "plants", "--debug")
    assert loud.code == ExitCode.CONNECTION
    assert "Traceback" in loud.err
    assert DEMO_PASSWORD not in loud.err


@pytest.mark.parametrize(
    ("error", "code", "text"),
    [
        (RateLimitedError("x", retry_after=300), ExitCode.RATE_LIMITED, "slow down for 300 s"),
        (UnsupportedDeviceError("no day history"), ExitCode.UNAVAILABLE, "no day history"),
        (GrowattError("odd answer"), ExitCode.UNEXPECTED, "odd answer"),
        (KeyboardInterrupt(), ExitCode.INTERRUPTED, "interrupted"),
        (ValueError("boom"), ExitCode.UNEXPECTED, "unexpected ValueError: boom"),
        (AccountLockedError("", retry_after=3600), ExitCode.LOCKED, "until 01:00 (local)"),
    ],
)
def test_every_error_is_one_line_with_its_exit_code(error, code, text, home):
    got, line = explain(error, now=0.0)
    assert got == code
    assert text in line
    assert "\n" not in line
