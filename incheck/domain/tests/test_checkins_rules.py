"""The sitting rules' small helpers, without a database."""

from __future__ import annotations

import doctest
from datetime import date

import pytest

from incheck.domain import checkins
from incheck.domain.checkins import default_due_on


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (date(2026, 11, 23), date(2026, 11, 27)),  # Monday → this Friday
        (date(2026, 11, 24), date(2026, 11, 27)),  # Tuesday → this Friday (3 days)
        (date(2026, 11, 25), date(2026, 12, 4)),  # Wednesday → next week's Friday
        (date(2026, 11, 27), date(2026, 12, 4)),  # Friday → a week on
        (date(2026, 11, 29), date(2026, 12, 4)),  # Sunday → this Friday
    ],
)
def test_a_new_next_up_is_due_by_the_first_friday_at_least_three_days_away(today, due):
    assert default_due_on(today) == due
    assert due.weekday() == 4 and (due - today).days >= 3


def test_the_examples_in_the_module_hold():
    assert doctest.testmod(checkins).failed == 0


def test_a_required_text_is_required_and_every_text_is_limited():
    assert checkins.text_problem(" \n", required=True) == "text_required"
    assert checkins.text_problem("", required=False) is None
    assert checkins.text_problem("x" * checkins.TEXT_LIMIT) is None
    assert checkins.text_problem("x" * (checkins.TEXT_LIMIT + 1)) == "text_too_long"


def test_feedback_needs_a_known_signal_and_a_short_text():
    assert checkins.feedback_problems(signal="continue", text="Keep the webinars") == {}
    assert checkins.feedback_problems(signal="praise", text=" ") == {
        "signal": "feedback_signal_unknown",
        "text": "text_required",
    }
    assert checkins.feedback_problems(signal="consider", text="x" * 281) == {
        "text": "text_too_long"
    }


def test_a_blocker_is_resolved_only_with_the_way_around_it():
    assert checkins.resolution_problems("  ") == {"resolution": "resolution_required"}
    assert checkins.resolution_problems("x" * 281) == {"resolution": "text_too_long"}
    assert checkins.resolution_problems("Asked legal for a template") == {}


def test_an_outcome_scores_the_value_it_leaves():
    outcome = checkins.Entry(kind="outcome", value=150)
    assert (
        checkins.outcome_score(outcome, kr_type="increase", start=0, target=200, current=90) == 0.75
    )
    # Without a value the outcome scores the KR's current value.
    bare = checkins.Entry(kind="outcome")
    assert checkins.outcome_score(bare, kr_type="increase", start=0, target=200, current=90) == 0.45
    reached = checkins.Entry(kind="outcome", reached=True)
    assert checkins.outcome_score(reached, kr_type="milestone", start=0, target=1, current=0) == 1.0
