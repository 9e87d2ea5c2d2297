"""A captured day chart (keys "00:00" … "23:55") read by the history and by the models:
both stamp a point with its label's wall time, so the day's first point is its midnight."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from growattServer.history.locate import Target
from growattServer.history.rows import Resolution
from growattServer.history.sources import history_source
from growattServer.models.series import parse_day_chart_classic
from growattServer.protocol.request import Endpoint
from tests.conftest import SHARED_FIXTURES

CAPTURE = SHARED_FIXTURES / "classic" / "newTlxApi-getEnergyProdAndCons_KW-hour__pr94-neo.json"
MADRID = ZoneInfo("Europe/Madrid")
DAY = dt.date(2026, 6, 10)


class CapturedServer:
    """Answers every call with a real server's captured body (the simulator writes its
    own charts; this is what Growatt itself sent)."""

    def __init__(self, answer: dict[str, Any]) -> None:
        self.answer = answer

    async def fetch(self, endpoint: Endpoint[Any], **args: Any) -> Any:
        return self.answer


@pytest.fixture
def captured() -> dict[str, Any]:
    if not CAPTURE.exists():
        pytest.skip("capture not available")
    answer: dict[str, Any] = json.loads(CAPTURE.read_text(encoding="utf-8"))
    return answer


async def test_history_stamps_the_captured_first_point_at_local_midnight(captured):
    target = Target("classic", "1", "SERIAL", "tlx", MADRID)
    source = history_source(CapturedServer(captured), target, Resolution.FIVE_MINUTES, DAY, DAY)
    rows = await source.fetch(source.windows()[0])
    midnight = dt.datetime(2026, 6, 10, tzinfo=MADRID)
    assert [row.time for row in rows] == [
        midnight,
        midnight + dt.timedelta(minutes=5),
        midnight + dt.timedelta(hours=23, minutes=55),
    ]
    series = parse_day_chart_classic(captured, DAY, "ppv", MADRID)
    assert [point.time for point in series.points] == [row.time for row in rows]


async def test_a_label_the_spring_clock_skips_is_left_out_by_both(captured):
    spring = dt.date(2026, 3, 29)
    point = captured["chartData"]["00:00"]
    answer = {**captured, "chartData": {"01:55": point, "02:00": point, "03:00": point}}
    target = Target("classic", "1", "SERIAL", "tlx", MADRID)
    source = history_source(CapturedServer(answer), target, Resolution.FIVE_MINUTES, spring, spring)
    rows = await source.fetch(source.windows()[0])
    assert [row.time.isoformat() for row in rows] == [
        "2026-03-29T01:55:00+01:00",
        "2026-03-29T03:00:00+02:00",
    ]
    series = parse_day_chart_classic(answer, spring, "ppv", MADRID)
    assert [p.time for p in series.points] == [row.time for row in rows]
