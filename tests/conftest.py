"""Shared fixtures: a simulated Growatt cloud on loopback, and plain HTTP sessions to it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from growattServer.simulator import Simulator, SimulatorConfig, growatt_password_hash


def _shared_fixtures() -> Path:
    """The captured Growatt answers: `shared/fixtures` beside the checkout (as CI lays
    it out), else the workplace's copy."""
    beside = Path(__file__).resolve().parents[2] / "shared" / "fixtures"
    return beside if beside.is_dir() else Path("/work/shared/fixtures")


SHARED_FIXTURES = _shared_fixtures()

# Midsummer, mid-morning in Europe (PV producing), evening in Perth.
FIXED_START = datetime(2026, 6, 21, 9, 30, tzinfo=UTC)
DEMO_USER = "demo"
DEMO_PASSWORD = "growatt-demo"
DEMO_TOKEN = "3f8c1a2b4d5e6f708192a3b4c5d6e7f8"
APP_AGENT = "Dalvik/2.1.0 (Linux; U; Android 12; tests)"

# Tests that are not about limits should not trip them.
RELAXED = SimulatorConfig(
    start=FIXED_START,
    frozen_clock=True,
    v1_rate_limit=False,
    login_limit=100_000,
)


def relaxed_config(**overrides: Any) -> SimulatorConfig:
    """The relaxed test config with fresh mutable fields, then the caller's overrides."""
    fields: dict[str, Any] = {"faults": [], "v1_windows_s": {}, **overrides}
    return replace(RELAXED, **fields)


@pytest.fixture(scope="session")
def sim() -> Iterator[Simulator]:
    """One shared demo simulator for read-only tests (frozen clock, no limits)."""
    with Simulator.running("demo", relaxed_config()) as server:
        yield server


@pytest.fixture
def make_sim() -> Iterator[Callable[..., Simulator]]:
    """Start a private simulator: `make_sim(login_limit=3, ...)` (config overrides)."""
    with contextlib.ExitStack() as stack:

        def start(scenario: str = "demo", **overrides: Any) -> Simulator:
            return stack.enter_context(Simulator.running(scenario, relaxed_config(**overrides)))

        yield start


@pytest.fixture
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        session.headers["User-Agent"] = APP_AGENT
        yield session


def classic_login(
    session: requests.Session,
    base_url: str,
    username: str = DEMO_USER,
    password: str = DEMO_PASSWORD,
) -> dict[str, Any]:
    """Log in the way the app does; returns the decoded body."""
    response = session.post(
        base_url + "newTwoLoginAPI.do",
        data={"userName": username, "password": growatt_password_hash(password)},
        timeout=10,
    )
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def logged_in(sim: Simulator, http: requests.Session) -> requests.Session:
    """A requests session holding a fresh ShinePhone login on the shared simulator."""
    body = classic_login(http, sim.base_url)
    assert body["back"]["success"] is True
    return http


@pytest.fixture
def v1(http: requests.Session) -> requests.Session:
    http.headers["token"] = DEMO_TOKEN
    return http
