"""Compat tests talk to a private demo simulator over loopback HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from growattServer import GrowattApi, OpenApiV1
from growattServer.simulator import RecordedRequest, Simulator
from tests.conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER, relaxed_config


@pytest.fixture(scope="module")
def server() -> Iterator[Simulator]:
    """A simulator of this module's own, so writes never leak into other tests."""
    with Simulator.running("demo", relaxed_config()) as sim:
        yield sim


@pytest.fixture(scope="module")
def classic(server: Simulator) -> GrowattApi:
    """A logged-in classic client."""
    api = GrowattApi(add_random_user_id=False, agent_identifier=None)
    api.server_url = server.base_url
    assert api.login(DEMO_USER, DEMO_PASSWORD)["success"] is True
    return api


@pytest.fixture(scope="module")
def token_api(server: Simulator) -> OpenApiV1:
    api = OpenApiV1(token=DEMO_TOKEN)
    api.server_url = server.base_url
    return api


def sent_since(sim: Simulator, mark: int) -> list[RecordedRequest]:
    return list(sim.journal)[mark:]


def call(api: Any, method: str, *args: Any, **kwargs: Any) -> Any:
    return getattr(api, method)(*args, **kwargs)


def failure_of(action: Any) -> BaseException | None:
    """Run ``action``; return what it raised, or ``None``."""
    try:
        action()
    except Exception as err:
        return err
    return None
