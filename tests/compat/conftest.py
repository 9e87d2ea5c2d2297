"""Compat tests talk to a private demo simulator over loopback HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from growattServer import GrowattApi, OpenApiV1
from growattServer.simulator import RecordedRequest, Simulator
from tests.conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER, relaxed_config


@pytest.fixture(scope="module")
def server() -> Iterator[Simulator]:
    """A simulator of this module's own, so writes never leak into other tests."""
    with Simulator.running("demo", relaxed_config()) as sim:
        yield sim


def is_not_served(error: BaseException) -> bool:
    """The simulator has no handler for this path yet (it answers 404)."""
    response = getattr(error, "response", None)
    return isinstance(error, requests.HTTPError) and getattr(response, "status_code", 0) == 404


def skip_if_not_served(error: BaseException, what: str) -> None:
    if is_not_served(error):
        pytest.skip(f"the simulator does not serve {what} yet")
    raise error


@pytest.fixture(scope="module")
def classic(server: Simulator) -> GrowattApi:
    """A logged-in classic client (the login may 404 while the simulator is partial)."""
    api = GrowattApi(add_random_user_id=False, agent_identifier=None)
    api.server_url = server.base_url
    try:
        api.login(DEMO_USER, DEMO_PASSWORD)
    except requests.HTTPError as err:
        if not is_not_served(err):
            raise
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
