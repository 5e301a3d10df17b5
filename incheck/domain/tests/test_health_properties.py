"""Properties of the health and progress rules that must hold for every key result."""

import dataclasses
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from incheck.domain.health import (
    SIGNAL_CODES,
    KeyResultSnapshot,
    NextUpSnapshot,
    Thresholds,
    key_result_health,
)
from incheck.domain.progress import KR_TYPES, expected_fraction, progress_fraction, score

BASE = date(2026, 1, 1)

any_float = st.floats(allow_nan=True, allow_infinity=True)
kr_values = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False)
confidences = st.none() | st.integers(min_value=0, max_value=10)

# Dead is never before stale (a rule of Thresholds): draw the stale days, then how much longer.
thresholds = st.integers(min_value=1, max_value=60).flatmap(
    lambda stale_days: st.builds(
        Thresholds,
        stale_days=st.just(stale_days),
        dead_days=st.integers(min_value=stale_days, max_value=90),
        pace_tolerance=st.floats(min_value=0.0, max_value=1.0),
        low_confidence=st.integers(min_value=0, max_value=10),
        confidence_fall=st.integers(min_value=1, max_value=10),
        outcome_window_days=st.integers(min_value=0, max_value=60),
    )
)


@st.composite
def situations(draw) -> tuple[KeyResultSnapshot, date]:
    """A KR and the day it is looked at; everything that happened is on or before that day."""
    today = BASE + timedelta(days=draw(st.integers(min_value=0, max_value=365)))

    def past() -> date:
        return today - timedelta(days=draw(st.integers(min_value=0, max_value=120)))

    def moment(day: date, hour: int) -> datetime:
        return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)

    def around() -> date:
        return today + timedelta(days=draw(st.integers(min_value=-150, max_value=150)))

    kr_type = draw(st.sampled_from(KR_TYPES))
    if kr_type == "milestone":
        start, target = 0.0, 1.0
        current = draw(st.sampled_from([None, 0.0, 1.0]))
    else:
        start, target = draw(kr_values), draw(kr_values)
        current = draw(st.none() | kr_values)

    created_on = past()
    period_start = around()
    open_next_up = None
    if draw(st.booleans()):
        open_next_up = NextUpSnapshot(due_on=around(), created_on=past())
    snapshot = KeyResultSnapshot(
        kr_type=kr_type,
        start_value=start,
        target_value=target,
        current_value=current,
        created_on=created_on,
        changed_at=moment(draw(st.sampled_from([created_on, past()])), 12),
        last_context_at=draw(st.sampled_from([None, moment(past(), 9), moment(past(), 15)])),
        last_check_in_on=draw(st.sampled_from([None, past()])),
        last_progress_on=draw(st.sampled_from([None, past()])),
        open_next_up=open_next_up,
        confidence=draw(confidences),
        previous_confidence=draw(confidences),
        has_outcome=draw(st.booleans()),
        period_start=period_start,
        period_end=period_start + timedelta(days=draw(st.integers(min_value=0, max_value=120))),
        period_closed=draw(st.booleans()),
    )
    return snapshot, today


def codes(snapshot: KeyResultSnapshot, today: date, limits: Thresholds) -> list[str]:
    return [s.code for s in key_result_health(snapshot, today=today, thresholds=limits)]


def staleness(found: list[str]) -> int:
    """0 alive, 1 stale, 2 dead."""
    return 2 if "dead" in found else 1 if "stale" in found else 0


@given(situations(), thresholds, st.sampled_from(["check_in", "progress", "both"]))
def test_a_check_in_never_makes_a_kr_more_stale(situation, limits, moved):
    # Dead → stale is allowed (a check-in that does not move the number revives a dead KR
    # but leaves it stale); gaining stale or dead never is.
    snapshot, today = situation
    changes = {
        "check_in": {"last_check_in_on": today},
        "progress": {"last_progress_on": today},
        "both": {"last_check_in_on": today, "last_progress_on": today},
    }[moved]
    before = codes(snapshot, today, limits)
    after = codes(dataclasses.replace(snapshot, **changes), today, limits)
    assert staleness(after) <= staleness(before)
    if moved != "check_in":
        assert staleness(after) == 0


@given(situations(), thresholds, st.integers(min_value=0, max_value=60))
def test_a_kr_with_a_next_up_due_today_or_later_is_neither_missing_nor_overdue(
    situation, limits, days_ahead
):
    snapshot, today = situation
    next_up = NextUpSnapshot(due_on=today + timedelta(days=days_ahead), created_on=today)
    found = codes(dataclasses.replace(snapshot, open_next_up=next_up), today, limits)
    assert "next_up_missing" not in found
    assert "next_up_overdue" not in found


@given(situations(), thresholds)
def test_signals_are_sorted_by_rank_with_unique_known_codes(situation, limits):
    snapshot, today = situation
    signals = key_result_health(snapshot, today=today, thresholds=limits)
    ranks = [s.rank for s in signals]
    assert ranks == sorted(ranks)
    assert len({s.code for s in signals}) == len(signals)
    assert all(s.code in SIGNAL_CODES for s in signals)


@given(situations(), thresholds)
def test_a_kr_is_never_both_stale_and_dead(situation, limits):
    snapshot, today = situation
    assert not {"stale", "dead"} <= set(codes(snapshot, today, limits))


@given(situations(), thresholds)
def test_a_closed_period_shows_at_most_a_missing_outcome(situation, limits):
    snapshot, today = situation
    closed = dataclasses.replace(snapshot, period_closed=True)
    assert set(codes(closed, today, limits)) <= {"outcome_due"}
    written = dataclasses.replace(closed, has_outcome=True)
    assert codes(written, today, limits) == []


@given(situations(), thresholds)
def test_before_the_period_starts_nothing_is_stale_dead_behind_or_due(situation, limits):
    snapshot, today = situation
    future = dataclasses.replace(
        snapshot, period_start=today + timedelta(days=1), period_end=today + timedelta(days=90)
    )
    found = set(codes(future, today, limits))
    assert not found & {"stale", "dead", "behind_pace", "outcome_due"}


@given(st.sampled_from(KR_TYPES), any_float, any_float, st.none() | any_float)
def test_progress_is_always_between_zero_and_one(kr_type, start, target, current):
    fraction = progress_fraction(kr_type=kr_type, start=start, target=target, current=current)
    assert 0.0 <= fraction <= 1.0
    assert 0.0 <= score(kr_type=kr_type, start=start, target=target, current=current) <= 1.0


@given(any_float, any_float, any_float)
def test_increase_and_decrease_are_mirror_images(start, target, current):
    up = progress_fraction(kr_type="increase", start=start, target=target, current=current)
    down = progress_fraction(kr_type="decrease", start=-start, target=-target, current=-current)
    assert up == down


@given(kr_values, kr_values, kr_values, kr_values)
def test_more_of_an_increase_is_never_less_progress(start, target, current, more):
    low, high = sorted((current, more))
    before = progress_fraction(kr_type="increase", start=start, target=target, current=low)
    after = progress_fraction(kr_type="increase", start=start, target=target, current=high)
    if target >= start:
        assert after >= before


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=-500, max_value=500),
    st.integers(min_value=0, max_value=30),
)
def test_the_pace_never_goes_back_and_stays_between_zero_and_one(start, length, offset, step):
    end = start + timedelta(days=length)
    today = start + timedelta(days=offset)
    now = expected_fraction(period_start=start, period_end=end, today=today)
    later = expected_fraction(period_start=start, period_end=end, today=today + timedelta(step))
    assert 0.0 <= now <= later <= 1.0
