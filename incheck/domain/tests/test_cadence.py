"""The team's rhythm and when a KR is due (DESIGN.md §5): pure rules, no database."""

from __future__ import annotations

import doctest
from datetime import date, timedelta
from itertools import pairwise

import pytest

from incheck.domain import cadence as module
from incheck.domain.cadence import (
    CHECK_IN_DAY,
    NEXT_UP_DUE,
    Cadence,
    DueFacts,
    check_in_days,
    due_reasons,
    is_check_in_day,
    is_due,
    latest_check_in_day,
    next_check_in_day,
    within_rhythm,
)

MONDAY = Cadence(weekday=0)
# Every two weeks on Thursday, one of them Thursday 26 November 2026.
FORTNIGHT = Cadence(weekday=3, every_weeks=2, anchor=date(2026, 11, 26))
TUESDAY_24 = date(2026, 11, 24)


def facts(*, last=None, created=date(2026, 10, 1), due=None, written=None, closed=False):
    return DueFacts(
        last_check_in_on=last,
        created_on=created,
        period_start=date(2026, 10, 1),
        period_end=date(2026, 12, 31),
        period_closed=closed,
        next_up_due_on=due,
        next_up_created_on=written,
    )


def test_a_cadence_refuses_what_it_cannot_keep():
    with pytest.raises(ValueError, match="weekday_out_of_range"):
        Cadence(weekday=7)
    with pytest.raises(ValueError, match="every_weeks_unsupported"):
        Cadence(every_weeks=3)


def test_every_week_every_such_weekday_is_a_check_in_day():
    days = list(check_in_days(MONDAY, date(2026, 11, 1), date(2026, 11, 30)))
    assert days == [date(2026, 11, d) for d in (2, 9, 16, 23, 30)]


def test_every_two_weeks_counts_weeks_from_the_anchor_in_both_directions():
    days = list(check_in_days(FORTNIGHT, date(2026, 10, 20), date(2026, 12, 31)))
    assert days == [
        date(2026, 10, 29),
        date(2026, 11, 12),
        date(2026, 11, 26),
        date(2026, 12, 10),
        date(2026, 12, 24),
    ]
    assert not is_check_in_day(FORTNIGHT, date(2026, 11, 19))


def test_any_day_of_a_check_in_week_anchors_the_same_weeks():
    # Monday of the anchor's week gives the same Thursdays.
    same = Cadence(weekday=3, every_weeks=2, anchor=date(2026, 11, 23))
    assert list(check_in_days(same, date(2026, 11, 1), date(2026, 12, 31))) == list(
        check_in_days(FORTNIGHT, date(2026, 11, 1), date(2026, 12, 31))
    )


def test_without_an_anchor_two_weekly_days_are_stable():
    plain = Cadence(weekday=4, every_weeks=2)
    first = list(check_in_days(plain, date(2026, 1, 1), date(2026, 12, 31)))
    assert first == list(check_in_days(plain, date(2026, 1, 1), date(2026, 12, 31)))
    assert all((b - a).days == 14 for a, b in pairwise(first))


@pytest.mark.parametrize("offset", range(0, 30))
def test_latest_and_next_day_bracket_every_day(offset):
    day = date(2026, 11, 1) + timedelta(days=offset)
    for cadence in (MONDAY, FORTNIGHT, Cadence(weekday=6)):
        latest, upcoming = latest_check_in_day(cadence, day), next_check_in_day(cadence, day)
        assert latest <= day <= upcoming
        assert is_check_in_day(cadence, latest) and is_check_in_day(cadence, upcoming)
        assert (upcoming - latest).days in {0, 7 * cadence.every_weeks}


def test_a_kr_is_due_once_the_team_s_day_has_come_since_its_last_check_in():
    checked_friday = facts(last=date(2026, 11, 20))
    assert due_reasons(MONDAY, checked_friday, today=date(2026, 11, 22)) == ()
    assert due_reasons(MONDAY, checked_friday, today=date(2026, 11, 23)) == (CHECK_IN_DAY,)
    assert due_reasons(MONDAY, checked_friday, today=TUESDAY_24) == (CHECK_IN_DAY,)


def test_a_check_in_on_the_team_s_day_keeps_it_off_until_the_next_one():
    checked_monday = facts(last=date(2026, 11, 23))
    assert not is_due(MONDAY, checked_monday, today=date(2026, 11, 29))
    assert is_due(MONDAY, checked_monday, today=date(2026, 11, 30))


def test_every_two_weeks_the_week_between_does_not_make_a_kr_due():
    checked = facts(last=date(2026, 11, 12))
    assert not is_due(FORTNIGHT, checked, today=date(2026, 11, 25))
    assert is_due(FORTNIGHT, checked, today=date(2026, 11, 26))


def test_a_kr_never_checked_in_counts_from_its_creation():
    new = facts(created=date(2026, 11, 23))
    assert not is_due(MONDAY, new, today=date(2026, 11, 29))
    assert is_due(MONDAY, new, today=date(2026, 11, 30))


def test_a_next_up_is_due_on_its_own_date_until_it_is_followed_up():
    plan = facts(last=date(2026, 11, 23), due=date(2026, 11, 27), written=date(2026, 11, 23))
    assert due_reasons(MONDAY, plan, today=date(2026, 11, 26)) == ()
    assert due_reasons(MONDAY, plan, today=date(2026, 11, 27)) == (NEXT_UP_DUE,)
    followed = facts(last=date(2026, 11, 27), due=date(2026, 11, 27), written=date(2026, 11, 23))
    assert due_reasons(MONDAY, followed, today=date(2026, 11, 28)) == ()


def test_the_sitting_that_wrote_a_same_day_plan_does_not_follow_it_up():
    same_day = facts(last=date(2026, 11, 24), due=date(2026, 11, 24), written=date(2026, 11, 24))
    assert due_reasons(MONDAY, same_day, today=TUESDAY_24) == (NEXT_UP_DUE,)


@pytest.mark.parametrize(
    "today", [date(2026, 9, 28), date(2027, 1, 4)], ids=["before the period", "after it"]
)
def test_nothing_is_due_outside_the_period(today):
    assert not is_due(MONDAY, facts(due=today), today=today)


def test_nothing_is_due_in_a_closed_period():
    assert not is_due(MONDAY, facts(due=TUESDAY_24, closed=True), today=TUESDAY_24)


def test_within_the_rhythm_is_not_late_on_the_day_itself():
    last_monday = date(2026, 11, 16)
    assert within_rhythm(MONDAY, last_monday, today=date(2026, 11, 23))
    assert is_due(MONDAY, facts(last=last_monday), today=date(2026, 11, 23))
    assert not within_rhythm(MONDAY, last_monday, today=TUESDAY_24)
    assert not within_rhythm(MONDAY, None, today=TUESDAY_24)


def test_within_the_rhythm_follows_a_two_weekly_cadence():
    assert within_rhythm(FORTNIGHT, date(2026, 11, 13), today=date(2026, 11, 26))
    assert not within_rhythm(FORTNIGHT, date(2026, 11, 11), today=date(2026, 11, 25))


def test_the_module_examples_hold():
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
