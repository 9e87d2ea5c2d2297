"""Off-grid storage reads, newStorageAPI.do sacolar ops (spec rows 31–33, §4.12, §4.17)."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from tests.conftest import SHARED_FIXTURES

from growattServer.simulator import Simulator

FIXTURES = SHARED_FIXTURES / "classic"
STORAGE, NEO, SEVILLA = "DWB1CHB0AZ", "QMN0D2K15E", "1427392"
HA_STORAGE_KEYS = (
    "eBatDisChargeToday",
    "eBatDisChargeTotal",
    "eacDisChargeToday",
    "eacDisChargeTotal",
    "eopDischrToday",
    "eopDischrTotal",
    "eacChargeToday",
    "eacChargeTotal",
    "eChargeTotal",
    "eChargeToday",
    "epvToday",
    "epvTotal",
    "eToUserToday",
    "eToUserTotal",
    "ppv",
    "ppv2",
    "pCharge",
    "pAcInPut",
    "outPutPower",
    "rateVA",
    "capacity",
    "loadPercent",
    "vGrid",
    "vpv",
    "vpv2",
    "outPutVolt",
    "vBat",
    "freqOutPut",
    "freqGrid",
    "iAcCharge",
    "iChargePV1",
    "iChargePV2",
    "chgCurr",
    "outPutCurrent",
)


def call(http: requests.Session, sim: Simulator, **params: str) -> Any:
    response = http.post(sim.base_url + "newStorageAPI.do", params=params, timeout=10)
    assert response.status_code == 200
    return response.json()


@pytest.fixture(autouse=True)
def _never_a_handler_error(sim: Simulator) -> Any:
    yield
    assert all(r.outcome != "handler-error" for r in sim.journal)


def test_info_is_flat_strings(sim: Simulator, logged_in: requests.Session) -> None:
    body = call(logged_in, sim, op="getStorageInfo_sacolar", storageId=STORAGE)
    real = json.loads(
        (FIXTURES / "newStorageAPI-getStorageInfo_sacolar__pr94-neo.json").read_text()
    )
    assert set(body) == set(real)
    assert all(isinstance(v, str) for v in body.values())
    assert body["pGuid"][0] in "+-"


def test_info_for_another_family_is_zeros(sim: Simulator, logged_in: requests.Session) -> None:
    body = call(logged_in, sim, op="getStorageInfo_sacolar", storageId=NEO)
    real = json.loads(
        (FIXTURES / "newStorageAPI-getStorageInfo_sacolar__pr94-neo.json").read_text()
    )
    assert body == real
    assert call(logged_in, sim, op="getStorageInfo_sacolar", storageId="NOPE") == {
        "msg": "501",
        "success": False,
    }


def test_params_carry_every_home_assistant_key(sim: Simulator, logged_in: requests.Session) -> None:
    body = call(logged_in, sim, op="getStorageParams_sacolar", storageId=STORAGE)
    assert {"storageBean", "storageDetailBean"} <= set(body)
    detail = body["storageDetailBean"]
    missing = [k for k in HA_STORAGE_KEYS if k not in detail]
    assert not missing
    for key in HA_STORAGE_KEYS:
        assert isinstance(detail[key], int | float), key
    assert 0 <= detail["capacity"] <= 100
    assert detail["pCharge"] >= 0
    assert detail["pDischarge"] >= 0


def test_overview_agrees_with_params(sim: Simulator, logged_in: requests.Session) -> None:
    overview = call(
        logged_in, sim, op="getEnergyOverviewData_sacolar", plantId=SEVILLA, storageSn=STORAGE
    )
    assert overview["result"] == 1
    real = json.loads(
        (
            FIXTURES / "newStorageAPI-getEnergyOverviewData_sacolar__spf-guard-lost-device.json"
        ).read_text()
    )
    assert set(real) <= set(overview["obj"])
    assert all(isinstance(v, str) for v in overview["obj"].values())
    detail = call(logged_in, sim, op="getStorageParams_sacolar", storageId=STORAGE)[
        "storageDetailBean"
    ]
    for key in ("epvToday", "eChargeToday", "eBatDisChargeTotal", "eToUserTotal"):
        assert float(overview["obj"][key]) == pytest.approx(detail[key], abs=0.05), key


def test_overview_bad_requests_get_501(sim: Simulator, logged_in: requests.Session) -> None:
    fail = {"msg": "501", "success": False}
    assert (
        call(
            logged_in, sim, op="getEnergyOverviewData_sacolar", plantId="1427391", storageSn=STORAGE
        )
        == fail
    )
    assert call(logged_in, sim, op="getEnergyOverviewData_sacolar", plantId=SEVILLA) == fail
    assert call(logged_in, sim, op="getStorageParams_sacolar", storageId=NEO) == fail
