"""Quarters, and which period to suggest next."""

from __future__ import annotations

import doctest
from datetime import date

import pytest

from incheck.domain import quarters
from incheck.domain.quarters import next_quarter, quarter_name, quarter_of


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (date(2026, 1, 1), date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 3, 31), date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 8, 15), date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 12, 31), date(2026, 10, 1), date(2026, 12, 31)),
    ],
)
def test_a_day_belongs_to_its_calendar_quarter(day, start, end):
    assert quarter_of(day) == (start, end)


def test_quarters_are_named_year_then_number():
    assert [quarter_name(date(2027, m, 1)) for m in (1, 4, 7, 10)] == [
        "2027 Q1",
        "2027 Q2",
        "2027 Q3",
        "2027 Q4",
    ]


def test_the_suggestion_follows_the_latest_period_across_the_year_end():
    assert next_quarter(latest_end=date(2026, 12, 31), today=date(2026, 11, 24)) == (
        "2027 Q1",
        date(2027, 1, 1),
        date(2027, 3, 31),
    )


def test_without_periods_the_suggestion_is_this_quarter():
    assert next_quarter(latest_end=None, today=date(2026, 5, 2))[0] == "2026 Q2"


def test_the_examples_in_the_docstring_hold():
    assert doctest.testmod(quarters).failed == 0
