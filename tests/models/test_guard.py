"""MonotonicGuard: transient zeros, small bounces, the plant-local midnight reset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from growattServer.models import MonotonicGuard

PERTH = ZoneInfo("Australia/Perth")
T0 = datetime(2026, 6, 21, 9, 0, tzinfo=UTC)


def feed(guard: MonotonicGuard, values, start=T0, step=timedelta(minutes=5)):
    return [guard.update(v, start + i * step) for i, v in enumerate(values)]


def test_lifetime_counter_ignores_transient_zeros_and_bounces():
    guard = MonotonicGuard(tolerance=0.05)
    assert feed(guard, [100.0, 0.0, 100.2, None, 99.9, 100.4]) == [
        100.0,
        100.0,
        100.2,
        100.2,
        100.2,
        100.4,
    ]


def test_a_lasting_lower_level_is_taken_after_confirmation():
    """A replaced device starts again: three readings at the new level in a row."""
    guard = MonotonicGuard(confirm=3)
    assert feed(guard, [500.0, 3.0, 3.1, 3.2, 3.3]) == [500.0, 500.0, 500.0, 3.2, 3.3]


def test_zeros_are_never_taken_as_a_new_level():
    guard = MonotonicGuard(confirm=2)
    assert feed(guard, [500.0, 0.0, 0.0, 0.0]) == [500.0] * 4


def test_daily_counter_resets_at_the_plants_midnight_and_ignores_the_bounce():
    """Perth midnight is 16:00 UTC: the reset happens then, not at UTC midnight."""
    guard = MonotonicGuard(resets_daily=True, zone=PERTH)
    evening = datetime(2026, 6, 21, 15, 50, tzinfo=UTC)  # 23:50 in Perth
    assert feed(guard, [7.9, 8.0], start=evening) == [7.9, 8.0]
    after = datetime(2026, 6, 21, 16, 5, tzinfo=UTC)  # 00:05 on the 22nd in Perth
    # the server still shows yesterday's 8.0 once, then today's small values
    assert feed(guard, [8.0, 0.0, 0.1, 8.0, 0.2], start=after) == [0.0, 0.0, 0.1, 0.1, 0.2]
    # later that day, values beyond yesterday's final are real production
    noon = datetime(2026, 6, 22, 4, 0, tzinfo=UTC)
    assert feed(guard, [8.5, 9.0], start=noon) == [8.5, 9.0]


def test_a_daily_counter_does_not_reset_at_utc_midnight():
    guard = MonotonicGuard(resets_daily=True, zone=PERTH)
    before = datetime(2026, 6, 21, 23, 55, tzinfo=UTC)  # 07:55 in Perth
    assert feed(guard, [0.4, 0.0, 0.5], start=before) == [0.4, 0.4, 0.5]


@settings(max_examples=100, deadline=None)
@given(
    values=st.lists(
        st.one_of(st.none(), st.floats(min_value=0, max_value=1e6, allow_nan=False)),
        max_size=40,
    )
)
def test_a_lifetime_counter_never_goes_down_except_by_a_confirmed_reset(values):
    guard = MonotonicGuard(confirm=3)
    out = feed(guard, values)
    for i in range(1, len(out)):
        if out[i - 1] is not None and out[i] is not None and out[i] < out[i - 1]:
            # a lower level only after three lower readings in a row (gaps don't count)
            recent = [v for v in values[: i + 1] if v is not None][-3:]
            assert values[i] is not None
            assert len(recent) == 3
            assert all(v < out[i - 1] for v in recent)
