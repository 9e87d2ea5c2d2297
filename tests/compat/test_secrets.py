"""Passwords, hashes, tokens and cookies never show in logs, reprs or exception text."""

from __future__ import annotations

import contextlib
import logging

import pytest
import requests

from growattServer import GrowattApi, OpenApiV1, hash_password
from growattServer.simulator import Simulator
from tests.conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER

from .wire_table import MIX, PLANT, TLX


def test_nothing_secret_in_logs_or_reprs(
    server: Simulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secrets = [DEMO_PASSWORD, hash_password(DEMO_PASSWORD), DEMO_TOKEN]
    texts: list[str] = []
    classic = GrowattApi(add_random_user_id=True, agent_identifier=DEMO_USER)
    classic.server_url = server.base_url
    v1 = OpenApiV1(token=DEMO_TOKEN)
    v1.server_url = server.base_url
    actions = [
        lambda: classic.login(DEMO_USER, DEMO_PASSWORD),
        lambda: classic.login(DEMO_USER, "wrong-" + DEMO_PASSWORD),
        lambda: classic.plant_info(PLANT),
        lambda: classic.mix_info(MIX),
        v1.plant_list,
        lambda: v1.min_write_parameter(TLX, "charge_power", 80),
    ]
    for action in actions:
        try:
            texts.append(repr(action()))
        except (requests.RequestException, ValueError) as err:
            texts.extend([str(err), repr(err)])
    cookie_values = [cookie.value for cookie in classic.session.cookies if cookie.value]
    texts += [repr(classic), repr(v1), str(classic), caplog.text]
    texts.append(repr(v1.get_device(TLX, 7)))
    everything = "\n".join(texts)
    assert "growattServer" in {record.name for record in caplog.records}
    for secret in secrets[2:] + cookie_values:
        assert secret not in everything
    logged = caplog.text + repr(classic) + repr(v1)
    for secret in secrets:
        assert secret not in logged


def test_login_failure_text_has_no_password(server: Simulator) -> None:
    api = GrowattApi()
    api.server_url = server.base_url
    with contextlib.suppress(requests.HTTPError):
        answer = api.login(DEMO_USER, "not-the-password")
        assert "not-the-password" not in repr(answer)
        assert answer["success"] is False
        assert answer["msg"] == "502"
