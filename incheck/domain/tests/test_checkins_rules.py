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
