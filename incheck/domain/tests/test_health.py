"""The health rules of a key result, one rule (and its boundary) per test.

The baseline KR is healthy on TODAY, halfway through a 100-day period: its Context is
written, it moved three days ago, its Next Up is due in four days, it is ahead of pace and
its owner is confident. Each test breaks one thing.
"""

import dataclasses
import doctest
from datetime import UTC, date, datetime, timedelta

import pytest

from incheck.domain import health
from incheck.domain.cadence import Cadence
from incheck.domain.health import (
    SEVERITIES,
    SIGNAL_CODES,
    SIGNALS,
    KeyResultSnapshot,
    NextUpSnapshot,
    Signal,
    Thresholds,
    key_result_health,
    worst,
)

PERIOD_START = date(2026, 1, 1)
PERIOD_END = date(2026, 4, 11)  # 100 days after the start: day n expects n %
TODAY = date(2026, 2, 20)  # day 50: the pace line expects 0.5


def at(day: date, hour: int = 9) -> datetime:
    """A moment on a day (the Context rule compares moments, not days)."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def in_days(n: int) -> date:
    return TODAY + timedelta(days=n)


def kr(**changes) -> KeyResultSnapshot:
    healthy = KeyResultSnapshot(
        kr_type="increase",
        start_value=0,
        target_value=100,
        current_value=55,
        created_on=PERIOD_START,
        changed_at=at(PERIOD_START),
        last_context_at=at(PERIOD_START),
        last_check_in_on=days_ago(3),
        last_progress_on=days_ago(3),
        open_next_up=NextUpSnapshot(due_on=in_days(4), created_on=days_ago(3)),
        confidence=7,
        previous_confidence=7,
        has_outcome=False,
        period_start=PERIOD_START,
        period_end=PERIOD_END,
        period_closed=False,
    )
    return dataclasses.replace(healthy, **changes)


def codes(snapshot: KeyResultSnapshot, today: date = TODAY, **thresholds) -> list[str]:
    signals = key_result_health(snapshot, today=today, thresholds=Thresholds(**thresholds))
    return [signal.code for signal in signals]


def test_the_baseline_kr_is_healthy():
    assert codes(kr()) == []


# context_due


def test_a_kr_without_a_context_is_context_due():
    assert codes(kr(last_context_at=None)) == ["context_due"]


def test_a_kr_changed_after_its_last_context_is_context_due():
    assert codes(kr(changed_at=at(days_ago(2)), last_context_at=at(days_ago(3)))) == ["context_due"]


def test_a_context_written_after_the_change_covers_it():
    assert codes(kr(changed_at=at(days_ago(2), 9), last_context_at=at(days_ago(2), 10))) == []


def test_a_change_after_the_context_on_the_same_day_makes_it_due_again():
    # Write a Context in the morning, change the target in the afternoon: the "why this
    # number" no longer explains the number.
    changed = kr(changed_at=at(days_ago(0), 15), last_context_at=at(days_ago(0), 9))
    assert codes(changed) == ["context_due"]


# pace


def test_a_kr_added_mid_period_is_not_behind_pace_on_the_day_it_is_added():
    added = kr(
        created_on=TODAY,
        changed_at=at(TODAY),
        last_context_at=at(TODAY, 10),
        current_value=0,
        last_progress_on=None,
    )
    assert "behind_pace" not in codes(added)
    assert health.expected_progress(added, today=TODAY) == 0.0


def test_a_kr_added_mid_period_runs_its_pace_from_that_day_to_the_end():
    # Added on day 50 of 100: halfway to the end (day 75) it expects about half.
    added = kr(created_on=TODAY, changed_at=at(TODAY), last_context_at=at(TODAY, 10))
    halfway = TODAY + timedelta(days=(PERIOD_END - TODAY).days // 2)
    assert abs(health.expected_progress(added, today=halfway) - 0.5) < 0.02
    assert health.expected_progress(added, today=PERIOD_END) == 1.0


def test_a_kr_drafted_before_the_period_runs_its_pace_from_the_period_start():
    drafted = kr(created_on=PERIOD_START - timedelta(days=10))
    assert health.expected_progress(drafted, today=TODAY) == health.expected_progress(
        kr(created_on=PERIOD_START), today=TODAY
    )


# next_up_missing and next_up_overdue


def test_a_kr_without_an_open_next_up_is_missing_a_next_up():
    assert codes(kr(open_next_up=None)) == ["next_up_missing"]


def test_a_kr_with_an_open_next_up_due_tomorrow_is_not_missing_a_next_up():
    next_up = NextUpSnapshot(due_on=in_days(1), created_on=days_ago(3))
    assert codes(kr(open_next_up=next_up)) == []


def test_a_next_up_due_today_is_not_yet_overdue():
    next_up = NextUpSnapshot(due_on=TODAY, created_on=days_ago(3))
    assert codes(kr(open_next_up=next_up)) == []


def test_a_next_up_due_yesterday_with_no_check_in_since_is_overdue():
    next_up = NextUpSnapshot(due_on=days_ago(1), created_on=days_ago(3))
    assert codes(kr(open_next_up=next_up)) == ["next_up_overdue"]


def test_a_check_in_between_writing_and_due_date_does_not_follow_up_the_next_up():
    next_up = NextUpSnapshot(due_on=days_ago(1), created_on=days_ago(5))
    assert codes(kr(open_next_up=next_up, last_check_in_on=days_ago(2))) == ["next_up_overdue"]


def test_a_check_in_on_the_due_date_follows_up_the_next_up():
    next_up = NextUpSnapshot(due_on=days_ago(1), created_on=days_ago(5))
    assert codes(kr(open_next_up=next_up, last_check_in_on=days_ago(1))) == []


def test_a_check_in_after_the_due_date_follows_up_the_next_up():
    next_up = NextUpSnapshot(due_on=days_ago(2), created_on=days_ago(5))
    assert codes(kr(open_next_up=next_up, last_check_in_on=TODAY)) == []


def test_a_next_up_due_the_day_it_was_written_is_overdue_after_that_day_without_a_new_check_in():
    # The check-in on that day is the sitting that wrote the Next Up, not its follow-up.
    next_up = NextUpSnapshot(due_on=days_ago(1), created_on=days_ago(1))
    snapshot = kr(open_next_up=next_up, last_check_in_on=days_ago(1), last_progress_on=days_ago(1))
    assert codes(snapshot) == ["next_up_overdue"]


def test_an_overdue_next_up_on_a_kr_never_checked_in_is_overdue():
    next_up = NextUpSnapshot(due_on=days_ago(1), created_on=days_ago(3))
    snapshot = kr(open_next_up=next_up, last_check_in_on=None, last_progress_on=None)
    assert "next_up_overdue" in codes(snapshot, stale_days=60, dead_days=60)


def test_an_overdue_next_up_is_not_also_missing():
    next_up = NextUpSnapshot(due_on=days_ago(1), created_on=days_ago(3))
    assert "next_up_missing" not in codes(kr(open_next_up=next_up))


# stale and dead


def test_a_kr_without_progress_for_exactly_14_days_is_stale():
    assert codes(kr(last_progress_on=days_ago(14))) == ["stale"]


def test_a_kr_without_progress_for_13_days_is_not_stale():
    assert codes(kr(last_progress_on=days_ago(13))) == []


def test_a_kr_that_never_moved_is_stale_14_days_after_it_was_created():
    snapshot = kr(
        created_on=days_ago(14),
        changed_at=at(days_ago(14)),
        last_context_at=at(days_ago(14)),
        last_progress_on=None,
    )
    assert codes(snapshot) == ["stale"]
    assert codes(snapshot, today=days_ago(1)) == []


def test_stale_with_no_next_up_is_dead():
    snapshot = kr(last_progress_on=days_ago(14), open_next_up=None)
    assert codes(snapshot) == ["dead", "next_up_missing"]


def test_a_kr_without_a_check_in_for_exactly_21_days_is_dead():
    next_up = NextUpSnapshot(due_on=in_days(1), created_on=days_ago(21))
    snapshot = kr(
        last_check_in_on=days_ago(21), last_progress_on=days_ago(21), open_next_up=next_up
    )
    assert codes(snapshot) == ["dead"]


def test_a_kr_without_a_check_in_for_20_days_is_only_stale():
    next_up = NextUpSnapshot(due_on=in_days(1), created_on=days_ago(20))
    snapshot = kr(
        last_check_in_on=days_ago(20), last_progress_on=days_ago(20), open_next_up=next_up
    )
    assert codes(snapshot) == ["stale"]


def test_a_kr_never_checked_in_is_dead_21_days_after_it_was_created():
    snapshot = kr(
        created_on=days_ago(21),
        changed_at=at(days_ago(21)),
        last_context_at=at(days_ago(21)),
        last_check_in_on=None,
        last_progress_on=None,
        current_value=None,
        open_next_up=NextUpSnapshot(due_on=in_days(1), created_on=days_ago(21)),
    )
    assert codes(snapshot, pace_tolerance=1.0) == ["dead"]


def test_check_ins_that_do_not_move_the_number_keep_a_kr_alive_but_not_fresh():
    snapshot = kr(last_check_in_on=days_ago(1), last_progress_on=days_ago(30))
    assert codes(snapshot) == ["stale"]


def test_a_kr_created_before_the_period_starts_its_clocks_with_the_period():
    planned = kr(
        created_on=PERIOD_START - timedelta(days=30),
        changed_at=at(PERIOD_START - timedelta(days=30)),
        last_context_at=at(PERIOD_START - timedelta(days=30)),
        last_check_in_on=PERIOD_START - timedelta(days=30),
        last_progress_on=None,
        current_value=0,
        open_next_up=NextUpSnapshot(
            due_on=PERIOD_START + timedelta(days=30), created_on=PERIOD_START - timedelta(days=30)
        ),
    )
    assert codes(planned, today=PERIOD_START + timedelta(days=13)) == []
    assert codes(planned, today=PERIOD_START + timedelta(days=14), pace_tolerance=1.0) == ["stale"]
    assert codes(planned, today=PERIOD_START + timedelta(days=21), pace_tolerance=1.0) == ["dead"]


def test_the_stale_and_dead_thresholds_are_settings():
    snapshot = kr(last_check_in_on=days_ago(7), last_progress_on=days_ago(7))
    assert codes(snapshot, stale_days=7, dead_days=30) == ["stale"]
    assert codes(snapshot, stale_days=5, dead_days=7) == ["dead"]


# outcome_due


def test_a_kr_without_an_outcome_is_outcome_due_from_14_days_before_the_period_ends():
    next_up = NextUpSnapshot(due_on=PERIOD_END, created_on=PERIOD_END - timedelta(days=15))
    snapshot = kr(
        current_value=95,
        last_check_in_on=PERIOD_END - timedelta(days=15),
        last_progress_on=PERIOD_END - timedelta(days=15),
        open_next_up=next_up,
    )
    assert codes(snapshot, today=PERIOD_END - timedelta(days=15)) == []
    assert codes(snapshot, today=PERIOD_END - timedelta(days=14)) == ["outcome_due"]
    last_day = {"last_check_in_on": PERIOD_END, "last_progress_on": PERIOD_END}
    assert codes(dataclasses.replace(snapshot, **last_day), today=PERIOD_END) == ["outcome_due"]


def test_a_short_period_is_in_its_outcome_window_from_its_first_day_but_not_before():
    week = {"period_start": TODAY, "period_end": in_days(6), "created_on": days_ago(1)}
    snapshot = kr(**week, current_value=0)
    assert codes(snapshot) == ["outcome_due"]
    assert codes(snapshot, today=days_ago(1)) == []


def test_a_kr_with_its_outcome_written_shows_no_signals():
    finished = kr(has_outcome=True, open_next_up=None, last_context_at=None, confidence=1)
    assert codes(finished, today=PERIOD_END - timedelta(days=3)) == []


# behind_pace


def test_a_kr_more_than_the_tolerance_behind_the_pace_line_is_behind_pace():
    # Day 50 expects 0.5; with 0.15 tolerance anything below 0.35 is behind.
    assert codes(kr(current_value=34)) == ["behind_pace"]


def test_a_kr_exactly_at_the_tolerance_is_not_behind_pace():
    assert codes(kr(current_value=35)) == []


def test_a_decrease_kr_behind_its_pace_line_is_behind_pace():
    falling = {"kr_type": "decrease", "start_value": 100, "target_value": 0}
    assert codes(kr(**falling, current_value=66)) == ["behind_pace"]
    assert codes(kr(**falling, current_value=65)) == []


def test_the_pace_tolerance_is_a_setting():
    assert codes(kr(current_value=34), pace_tolerance=0.2) == []


def test_no_kr_is_behind_pace_on_the_first_day():
    assert codes(kr(current_value=0), today=PERIOD_START) == []


def test_an_unreached_milestone_is_not_behind_pace_before_the_outcome_window():
    today = PERIOD_END - timedelta(days=15)
    milestone = kr(
        kr_type="milestone",
        start_value=0,
        target_value=1,
        current_value=0,
        last_check_in_on=today,
        last_progress_on=today,
        open_next_up=NextUpSnapshot(due_on=PERIOD_END, created_on=today),
    )
    assert codes(milestone, today=today) == []


def test_an_unreached_milestone_in_the_outcome_window_is_behind_pace():
    milestone = kr(
        kr_type="milestone",
        start_value=0,
        target_value=1,
        current_value=0,
        open_next_up=NextUpSnapshot(due_on=PERIOD_END, created_on=PERIOD_END - timedelta(days=16)),
    )
    today = PERIOD_END - timedelta(days=14)
    fresh = {"last_check_in_on": today, "last_progress_on": today}
    assert codes(dataclasses.replace(milestone, **fresh), today=today) == [
        "outcome_due",
        "behind_pace",
    ]
    reached = dataclasses.replace(milestone, **fresh, current_value=1)
    assert codes(reached, today=today) == ["outcome_due"]


# confidence


def test_a_confidence_of_four_or_less_is_low():
    assert codes(kr(confidence=4, previous_confidence=4)) == ["low_confidence"]
    assert codes(kr(confidence=5, previous_confidence=5)) == []


def test_a_kr_without_a_forecast_has_no_confidence_signal():
    assert codes(kr(confidence=None, previous_confidence=None)) == []


def test_a_confidence_two_points_below_the_previous_one_is_falling():
    assert codes(kr(confidence=6, previous_confidence=8)) == ["confidence_falling"]
    assert codes(kr(confidence=7, previous_confidence=8)) == []
    assert codes(kr(confidence=9, previous_confidence=6)) == []


def test_a_first_forecast_is_not_falling():
    assert codes(kr(confidence=5, previous_confidence=None)) == []


def test_a_low_and_falling_confidence_shows_both_in_rank_order():
    assert codes(kr(confidence=2, previous_confidence=7)) == [
        "low_confidence",
        "confidence_falling",
    ]


# the period


def test_a_closed_period_shows_only_a_missing_outcome():
    neglected = kr(
        period_closed=True,
        last_context_at=None,
        open_next_up=None,
        last_check_in_on=PERIOD_START,
        last_progress_on=PERIOD_START,
        current_value=0,
        confidence=1,
        previous_confidence=9,
    )
    after = PERIOD_END + timedelta(days=3)
    assert codes(neglected, today=after) == ["outcome_due"]
    assert codes(dataclasses.replace(neglected, has_outcome=True), today=after) == []


def test_a_period_past_its_last_day_but_not_checked_out_only_asks_for_the_outcome():
    ended = kr(open_next_up=None, last_progress_on=PERIOD_START, current_value=0)
    assert codes(ended, today=PERIOD_END + timedelta(days=1)) == ["outcome_due"]


def test_before_the_period_starts_only_planning_and_forecast_signals_show():
    early = PERIOD_START - timedelta(days=40)
    snapshot = kr(
        created_on=early,
        changed_at=at(early),
        last_context_at=None,
        last_check_in_on=None,
        last_progress_on=None,
        current_value=0,
        open_next_up=None,
        confidence=3,
        previous_confidence=None,
    )
    assert codes(snapshot, today=PERIOD_START - timedelta(days=1)) == [
        "context_due",
        "next_up_missing",
        "low_confidence",
    ]


# check-in due: the team's rhythm (domain.cadence)
# TODAY, 20 February 2026, is a Friday; the healthy KR last checked in on Tuesday the 17th.


def test_no_cadence_no_check_in_due():
    assert codes(kr()) == []


def test_check_in_due_once_the_team_s_day_came_since_the_last_check_in():
    assert codes(kr(cadence=Cadence(weekday=3))) == ["check_in_due"]  # Thursday the 19th
    assert codes(kr(cadence=Cadence(weekday=1))) == []  # Tuesday the 17th: the check-in day


def test_check_in_due_on_the_next_up_s_own_date():
    plan = NextUpSnapshot(due_on=TODAY, created_on=days_ago(3))
    assert codes(kr(open_next_up=plan, cadence=Cadence(weekday=1))) == ["check_in_due"]


def test_check_in_due_gives_way_to_overdue_and_dead():
    late = NextUpSnapshot(due_on=days_ago(1), created_on=days_ago(5))
    assert codes(kr(open_next_up=late, cadence=Cadence(weekday=3))) == ["next_up_overdue"]
    silent = kr(last_check_in_on=days_ago(30), last_progress_on=days_ago(30))
    assert "check_in_due" not in codes(dataclasses.replace(silent, cadence=Cadence(weekday=3)))


def test_check_in_due_is_not_asked_of_a_finished_kr():
    closed = kr(period_closed=True, has_outcome=True, cadence=Cadence(weekday=3))
    assert codes(closed) == []


# ranks, severities, worst


def test_every_code_has_one_signal_with_a_known_severity_and_a_unique_rank():
    assert set(SIGNALS) == set(SIGNAL_CODES)
    assert all(SIGNALS[code].severity in SEVERITIES for code in SIGNAL_CODES)
    assert len({SIGNALS[code].rank for code in SIGNAL_CODES}) == len(SIGNAL_CODES)


def test_a_critical_signal_always_outranks_a_warning_and_a_warning_an_info():
    by_rank = sorted(SIGNALS.values(), key=lambda s: s.rank)
    severities = [SEVERITIES.index(s.severity) for s in by_rank]
    assert severities == sorted(severities)


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        ("next_up_overdue", "critical"),
        ("dead", "critical"),
        ("context_due", "warning"),
        ("next_up_missing", "warning"),
        ("stale", "warning"),
        ("outcome_due", "warning"),
        ("behind_pace", "warning"),
        ("low_confidence", "info"),
        ("confidence_falling", "info"),
    ],
)
def test_the_severity_of_each_signal(code, severity):
    assert SIGNALS[code].severity == severity


def test_the_worst_signal_is_the_one_with_the_lowest_rank():
    signals = [SIGNALS["low_confidence"], SIGNALS["dead"], SIGNALS["context_due"]]
    assert worst(signals) == SIGNALS["dead"]


def test_a_healthy_kr_has_no_worst_signal():
    assert worst(()) is None


def test_worst_accepts_a_generator():
    assert worst(s for s in [SIGNALS["stale"], SIGNALS["next_up_overdue"]]) == Signal(
        code="next_up_overdue", severity="critical", rank=1
    )


# thresholds


@pytest.mark.parametrize(
    ("setting", "code"),
    [
        ({"stale_days": 0}, "threshold_days_not_positive"),
        ({"dead_days": -1}, "threshold_days_not_positive"),
        ({"pace_tolerance": 1.5}, "pace_tolerance_out_of_range"),
        ({"pace_tolerance": -0.1}, "pace_tolerance_out_of_range"),
        ({"low_confidence": 11}, "low_confidence_out_of_range"),
        ({"confidence_fall": 0}, "confidence_fall_not_positive"),
        ({"outcome_window_days": -1}, "outcome_window_negative"),
        ({"stale_days": 14, "dead_days": 7}, "dead_before_stale"),
        ({"dead_days": 366}, "threshold_days_too_long"),
        ({"outcome_window_days": 10**9}, "threshold_days_too_long"),
    ],
)
def test_thresholds_that_would_break_a_rule_are_refused(setting, code):
    with pytest.raises(ValueError) as raised:
        Thresholds(**setting)
    assert raised.value.args[0] == code


def test_the_default_thresholds_are_the_methods():
    assert Thresholds() == Thresholds(
        stale_days=14,
        dead_days=21,
        pace_tolerance=0.15,
        low_confidence=4,
        confidence_fall=2,
        outcome_window_days=14,
    )


def test_the_docstring_examples_hold():
    results = doctest.testmod(health)
    assert results.attempted > 0
    assert results.failed == 0
