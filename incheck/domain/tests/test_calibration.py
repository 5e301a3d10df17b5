"""Calibration and check-out rules, with every expected number worked out by hand."""

from __future__ import annotations

import doctest
import math

import pytest

from incheck.domain import calibration as calibration_module
from incheck.domain import checkout as checkout_module
from incheck.domain.calibration import (
    REACHED_THRESHOLD,
    Bucket,
    ExpectedValue,
    Forecast,
    brier_score,
    buckets,
    calibration,
    final_score,
    forecast_error,
    is_reached,
)
from incheck.domain.checkout import carried_start, is_unfinished, kr_final_score


def test_the_doctests_hold():
    for module in (calibration_module, checkout_module):
        assert doctest.testmod(module).failed == 0


def test_reached_is_a_final_score_of_seven_tenths_or_more_by_default():
    assert REACHED_THRESHOLD == 0.7
    assert is_reached(0.7)
    assert not is_reached(0.69)
    assert is_reached(0.5, threshold=0.5)
    assert not is_reached(0.9, threshold=1.0)


def test_the_brier_score_of_a_small_set_by_hand():
    forecasts = [
        Forecast(level=7, final_score=0.8),  # reached: (0.7 − 1)² = 0.09
        Forecast(level=7, final_score=0.3),  # missed:  (0.7 − 0)² = 0.49
        Forecast(level=2, final_score=0.1),  # missed:  (0.2 − 0)² = 0.04
        Forecast(level=10, final_score=1.0),  # reached: (1.0 − 1)² = 0.00
    ]
    # (0.09 + 0.49 + 0.04 + 0.00) / 4 = 0.62 / 4 = 0.155
    assert brier_score(forecasts) == pytest.approx(0.155)


def test_the_threshold_decides_what_counts_as_reached():
    forecasts = [Forecast(level=6, final_score=0.6)]
    # 0.6 < 0.7, missed: (0.6 − 0)² = 0.36
    assert brier_score(forecasts) == pytest.approx(0.36)
    # 0.6 ≥ 0.5, reached: (0.6 − 1)² = 0.16
    assert brier_score(forecasts, threshold=0.5) == pytest.approx(0.16)


def test_always_saying_five_scores_a_quarter_and_certainty_scores_the_extremes():
    half = [Forecast(level=5, final_score=1.0), Forecast(level=5, final_score=0.0)]
    # (0.5 − 1)² = 0.25 and (0.5 − 0)² = 0.25, mean 0.25
    assert brier_score(half) == pytest.approx(0.25)
    # Sure and right: (1 − 1)² = 0; sure and wrong: (1 − 0)² = 1
    assert brier_score([Forecast(level=10, final_score=0.9)]) == 0.0
    assert brier_score([Forecast(level=10, final_score=0.2)]) == 1.0


def test_no_forecasts_have_no_score():
    assert brier_score([]) is None
    result = calibration([])
    assert (result.n, result.brier, result.buckets) == (0, None, ())


def test_impossible_levels_and_scores_are_left_out():
    forecasts = [
        Forecast(level=11, final_score=1.0),
        Forecast(level=-1, final_score=1.0),
        Forecast(level=5, final_score=math.nan),
        Forecast(level=9, final_score=1.0),  # the only one counted: (0.9 − 1)² = 0.01
    ]
    result = calibration(forecasts)
    assert result.n == 1
    assert result.brier == pytest.approx(0.01)
    assert result.buckets == (Bucket(level=9, n=1, reached=1),)


def test_buckets_say_when_you_said_seven_you_reached_four_of_ten():
    forecasts = [Forecast(level=7, final_score=0.9)] * 4 + [Forecast(level=7, final_score=0.2)] * 6
    forecasts += [Forecast(level=3, final_score=0.7), Forecast(level=3, final_score=0.69)]
    assert buckets(forecasts) == (
        Bucket(level=7, n=10, reached=4),
        Bucket(level=3, n=2, reached=1),  # 0.7 is reached, 0.69 is not
    )
    # Brier: 4 × (0.7 − 1)² + 6 × (0.7 − 0)² + (0.3 − 1)² + (0.3 − 0)²
    #      = 4 × 0.09 + 6 × 0.49 + 0.49 + 0.09 = 0.36 + 2.94 + 0.58 = 3.88; / 12 = 0.32333…
    assert calibration(forecasts).brier == pytest.approx(3.88 / 12)


def test_the_final_score_is_the_outcome_then_the_last_value_once_closed():
    kr = {"kr_type": "increase", "start": 60.0, "target": 200.0, "current": 130.0}
    # An adjusted Outcome wins over the number.
    assert final_score(outcome_score=0.8, period_closed=False, **kr) == 0.8
    # No Outcome, period open: not judged yet.
    assert final_score(outcome_score=None, period_closed=False, **kr) is None
    # No Outcome, period closed: (130 − 60) / (200 − 60) = 70 / 140 = 0.5
    assert final_score(outcome_score=None, period_closed=True, **kr) == 0.5


def test_forecast_error_by_hand_in_units_and_in_shares_of_the_range():
    values = [
        # range 100: expected 50, actual 40 → error +10, share +0.10
        ExpectedValue(expected=50, actual=40, start=0, target=100, unit="leads"),
        # range 140: expected 100, actual 128 → error −28, share −0.20
        ExpectedValue(expected=100, actual=128, start=60, target=200, unit="leads"),
    ]
    result = forecast_error(values)
    assert result.n == 2
    assert result.unit == "leads"
    assert result.mean_signed == pytest.approx(-9.0)  # (10 − 28) / 2
    assert result.mean_absolute == pytest.approx(19.0)  # (10 + 28) / 2
    assert result.mean_signed_share == pytest.approx(-0.05)  # (0.10 − 0.20) / 2
    assert result.mean_absolute_share == pytest.approx(0.15)  # (0.10 + 0.20) / 2


def test_a_decrease_kr_that_fell_less_than_expected_is_optimistic():
    # 40 → 10 bugs; expected to be at 20, actually at 26: expected − actual = −6,
    # range 10 − 40 = −30, share −6 / −30 = +0.2 (positive: expected more progress).
    result = forecast_error([ExpectedValue(expected=20, actual=26, start=40, target=10)])
    assert result.mean_signed == pytest.approx(-6.0)
    assert result.mean_signed_share == pytest.approx(0.2)
    assert result.mean_absolute_share == pytest.approx(0.2)


def test_units_are_not_averaged_across_different_units_but_shares_are():
    values = [
        ExpectedValue(expected=50, actual=40, start=0, target=100, unit="leads"),  # +0.1
        ExpectedValue(expected=20, actual=26, start=40, target=10, unit="bugs"),  # +0.2
    ]
    result = forecast_error(values)
    assert (result.mean_signed, result.mean_absolute, result.unit) == (None, None, None)
    assert result.mean_signed_share == pytest.approx(0.15)  # (0.1 + 0.2) / 2


def test_dropped_next_ups_and_impossible_values_do_not_count():
    values = [
        ExpectedValue(expected=90, actual=10, start=0, target=100, closure="dropped"),
        ExpectedValue(expected=math.inf, actual=10, start=0, target=100),
        ExpectedValue(expected=30, actual=30, start=0, target=100, closure="not_done"),
    ]
    result = forecast_error(values)
    assert result.n == 1
    assert (result.mean_signed, result.mean_absolute_share) == (0.0, 0.0)


def test_no_expected_values_have_no_error():
    result = forecast_error([])
    assert result.n == 0
    assert result.mean_absolute_share is None
    assert result.mean_signed is None


def test_a_kr_without_a_range_counts_in_units_but_not_in_shares():
    result = forecast_error([ExpectedValue(expected=5, actual=3, start=10, target=10)])
    assert result.mean_signed == 2.0
    assert result.mean_signed_share is None


def test_a_kr_is_unfinished_below_a_final_score_of_one():
    kr = {"kr_type": "increase", "start": 60.0, "target": 200.0}
    assert is_unfinished(outcome_score=None, current=199.0, **kr)  # 139/140 = 0.9928… → 0.99
    assert not is_unfinished(outcome_score=None, current=200.0, **kr)
    # 199.5: 139.5/140 = 0.99642… rounds half-up to 1.00: finished.
    assert not is_unfinished(outcome_score=None, current=199.5, **kr)
    # The owner's adjusted Outcome wins either way.
    assert is_unfinished(outcome_score=0.9, current=200.0, **kr)
    assert not is_unfinished(outcome_score=1.0, current=100.0, **kr)
    assert kr_final_score(outcome_score=None, current=130.0, **kr) == 0.5


@pytest.mark.parametrize(
    ("kr_type", "start", "target", "current", "expected"),
    [
        ("increase", 60, 200, 140, 140),  # the way still to go: 140 → 200
        ("increase", 60, 200, 40, 40),  # went backwards: start from where it is
        ("increase", 60, 200, 200, 60),  # at the target: keep the old start
        ("increase", 60, 200, None, 60),  # no value yet
        ("decrease", 40, 10, 25, 25),
        ("decrease", 40, 10, 10, 40),
        ("milestone", 0, 1, 0, 0),
        ("increase", 60, 200, math.nan, 60),
    ],
)
def test_a_carried_kr_starts_from_its_last_value_when_that_leads_to_the_target(
    kr_type, start, target, current, expected
):
    assert carried_start(kr_type=kr_type, start=start, target=target, current=current) == expected
