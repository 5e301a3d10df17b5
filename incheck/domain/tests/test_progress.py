"""Progress, score and pace: hand-computed tables, one rule per test."""

import doctest
import math
from datetime import date

import pytest

from incheck.domain import progress
from incheck.domain.progress import (
    KR_TYPES,
    expected_fraction,
    expected_value,
    progress_fraction,
    score,
    validate_value,
    value_left_by,
)

Q4_START = date(2026, 10, 1)
Q4_END = date(2026, 12, 31)  # 91 days after the start


def test_the_kr_types_are_the_methods_three():
    assert KR_TYPES == ("increase", "decrease", "milestone")


@pytest.mark.parametrize(
    ("start", "target", "current", "expected"),
    [
        (20, 200, 20, 0.0),  # at the start
        (20, 200, 65, 0.25),  # 45 of 180
        (20, 200, 110, 0.5),
        (20, 200, 200, 1.0),  # at the target
        (0, 200, 34, 0.17),  # the article's 34/200
        (-10, 10, 0, 0.5),  # negative start
        (20, 200, 250, 1.0),  # overshoot is clamped
        (20, 200, 10, 0.0),  # below the start is clamped
    ],
)
def test_an_increase_kr_measures_the_share_of_the_way_up(start, target, current, expected):
    assert progress_fraction(
        kr_type="increase", start=start, target=target, current=current
    ) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("start", "target", "current", "expected"),
    [
        (40, 10, 40, 0.0),
        (40, 10, 25, 0.5),  # 15 of 30 down
        (40, 10, 34, 0.2),
        (40, 10, 10, 1.0),
        (40, 10, 0, 1.0),  # better than the target is clamped
        (40, 10, 55, 0.0),  # worse than the start is clamped
        (5.0, 2.5, 3.0, 0.8),  # fractional values
    ],
)
def test_a_decrease_kr_measures_the_share_of_the_way_down(start, target, current, expected):
    assert progress_fraction(
        kr_type="decrease", start=start, target=target, current=current
    ) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("current", "expected"), [(None, 0.0), (0, 0.0), (0.5, 0.0), (1, 1.0), (1.0, 1.0)]
)
def test_a_milestone_is_done_only_once_its_value_is_one(current, expected):
    assert progress_fraction(kr_type="milestone", start=0, target=1, current=current) == expected


@pytest.mark.parametrize("kr_type", ["increase", "decrease"])
def test_a_kr_without_a_value_has_no_progress(kr_type):
    assert progress_fraction(kr_type=kr_type, start=0, target=10, current=None) == 0.0


@pytest.mark.parametrize(
    ("kr_type", "current", "expected"),
    [
        ("increase", 99, 0.0),
        ("increase", 100, 1.0),
        ("increase", 101, 1.0),
        ("decrease", 101, 0.0),
        ("decrease", 100, 1.0),
        ("decrease", 99, 1.0),
    ],
)
def test_a_kr_whose_start_is_its_target_is_reached_on_the_right_side_of_it(
    kr_type, current, expected
):
    assert progress_fraction(kr_type=kr_type, start=100, target=100, current=current) == expected


def test_a_value_that_is_not_a_number_counts_as_no_progress():
    assert progress_fraction(kr_type="increase", start=0, target=10, current=math.nan) == 0.0


def test_infinite_values_stay_within_zero_and_one():
    assert progress_fraction(kr_type="increase", start=0, target=10, current=math.inf) == 1.0
    assert progress_fraction(kr_type="decrease", start=10, target=0, current=math.inf) == 0.0


def test_an_unknown_kr_type_is_refused():
    with pytest.raises(ValueError, match="unknown_kr_type"):
        progress_fraction(kr_type="double", start=0, target=10, current=5)


@pytest.mark.parametrize(
    ("kr_type", "start", "target", "current", "expected"),
    [
        ("increase", 0, 200, 34, 0.17),
        ("increase", 0, 3, 1, 0.33),
        ("increase", 0, 3, 2, 0.67),
        ("increase", 0, 200, 57, 0.29),  # 0.285 rounds half-up, although stored as 0.28499…
        ("increase", 0, 8, 1, 0.13),  # 0.125 rounds half-up, not to the even 0.12
        ("decrease", 40, 10, 25, 0.5),
        ("increase", 0, 10, 15, 1.0),
        ("milestone", 0, 1, 0, 0.0),
        ("milestone", 0, 1, 1, 1.0),
        ("increase", 0, 10, None, 0.0),
    ],
)
def test_the_score_is_progress_rounded_half_up_to_two_decimals(
    kr_type, start, target, current, expected
):
    assert score(kr_type=kr_type, start=start, target=target, current=current) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 9, 1), 0.0),  # before the period
        (Q4_START, 0.0),  # the first day expects nothing yet
        (date(2026, 10, 2), 1 / 91),
        (date(2026, 11, 15), 45 / 91),  # the middle
        (date(2026, 12, 30), 90 / 91),
        (Q4_END, 1.0),  # the last day expects the target
        (date(2027, 1, 15), 1.0),  # after the period
    ],
)
def test_the_pace_is_the_share_of_the_period_elapsed(today, expected):
    assert expected_fraction(
        period_start=Q4_START, period_end=Q4_END, today=today
    ) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("today", "expected"),
    [(date(2026, 6, 30), 0.0), (date(2026, 7, 1), 1.0), (date(2026, 7, 2), 1.0)],
)
def test_a_one_day_period_expects_everything_on_its_day(today, expected):
    day = date(2026, 7, 1)
    assert expected_fraction(period_start=day, period_end=day, today=today) == expected


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="period_ends_before_start"):
        expected_fraction(period_start=Q4_END, period_end=Q4_START, today=Q4_START)


@pytest.mark.parametrize(
    ("start", "target", "on", "expected"),
    [
        (20, 200, Q4_START, 20.0),
        (20, 200, date(2026, 11, 15), 20 + 180 * 45 / 91),
        (20, 200, Q4_END, 200.0),
        (40, 10, Q4_START, 40.0),  # a decrease line goes down
        (40, 10, date(2026, 11, 15), 40 - 30 * 45 / 91),
        (40, 10, date(2027, 2, 1), 10.0),
    ],
)
def test_the_pace_line_runs_from_start_to_target(start, target, on, expected):
    assert expected_value(
        start=start, target=target, period_start=Q4_START, period_end=Q4_END, on=on
    ) == pytest.approx(expected)


@pytest.mark.parametrize("kr_type", ["increase", "decrease"])
@pytest.mark.parametrize("value", [None, 0, -5, 34, 2.5, 1e12, -1e12])
def test_ordinary_values_are_accepted(kr_type, value):
    validate_value(kr_type=kr_type, value=value)


@pytest.mark.parametrize(
    ("kr_type", "value", "code"),
    [
        ("milestone", 1, "value_on_milestone"),
        ("milestone", 0, "value_on_milestone"),
        ("milestone", math.nan, "value_on_milestone"),
        ("increase", math.nan, "value_not_finite"),
        ("decrease", math.inf, "value_not_finite"),
        ("increase", -math.inf, "value_not_finite"),
        ("increase", 1.000001e12, "value_out_of_range"),
        ("decrease", -2e12, "value_out_of_range"),
        ("percent", 5, "unknown_kr_type"),
    ],
)
def test_values_a_kr_cannot_hold_are_refused_with_a_stable_code(kr_type, value, code):
    with pytest.raises(ValueError) as raised:
        validate_value(kr_type=kr_type, value=value)
    assert raised.value.args[0] == code


def test_a_milestone_without_a_value_is_fine():
    validate_value(kr_type="milestone", value=None)


@pytest.mark.parametrize(
    ("kr_type", "current", "entry_value", "reached", "expected"),
    [
        ("increase", 20, 34, None, 34),
        ("increase", 20, None, None, 20),  # a check-in without a value leaves it
        ("increase", None, None, None, None),
        ("decrease", 40, 33.5, None, 33.5),
        ("increase", 20, 0, None, 0),  # zero is a value, not "no value"
        ("milestone", 0.0, None, True, 1.0),
        ("milestone", None, None, False, 0.0),
        ("milestone", 1.0, None, False, 0.0),  # a milestone can be un-reached
        ("milestone", 1.0, None, None, 1.0),
        ("milestone", None, None, None, None),
    ],
)
def test_the_value_a_check_in_leaves(kr_type, current, entry_value, reached, expected):
    left = value_left_by(kr_type=kr_type, current=current, entry_value=entry_value, reached=reached)
    assert left == expected


@pytest.mark.parametrize(
    ("kr_type", "entry_value", "reached", "code"),
    [
        ("milestone", 1.0, None, "value_on_milestone"),
        ("milestone", 1.0, True, "value_on_milestone"),
        ("increase", None, True, "reached_on_numeric"),
        ("decrease", 5, False, "reached_on_numeric"),
        ("increase", math.nan, None, "value_not_finite"),
        ("increase", 5e12, None, "value_out_of_range"),
        ("binary", None, True, "unknown_kr_type"),
    ],
)
def test_a_check_in_that_does_not_fit_the_kr_type_is_refused(kr_type, entry_value, reached, code):
    with pytest.raises(ValueError) as raised:
        value_left_by(kr_type=kr_type, current=0.0, entry_value=entry_value, reached=reached)
    assert raised.value.args[0] == code


def test_the_docstring_examples_hold():
    results = doctest.testmod(progress)
    assert results.attempted > 0
    assert results.failed == 0
