"""The team rhythm: shares of KRs that keep the habit, and planning against doing."""

from __future__ import annotations

import doctest
from datetime import date, timedelta

import pytest

from incheck.domain import rhythm
from incheck.domain.cadence import Cadence
from incheck.domain.rhythm import Balance, KeyResultFacts, Share, team_rhythm

TODAY = date(2026, 11, 24)  # a Tuesday


def facts(*, next_up=False, context_due=False, days_ago=None):
    return KeyResultFacts(
        has_open_next_up=next_up,
        context_due=context_due,
        last_check_in_on=None if days_ago is None else TODAY - timedelta(days=days_ago),
    )


def test_the_shares_count_the_team_s_key_results():
    # Five KRs, computed by hand: 3 with a Next Up, 4 without context due, 1 checked in within
    # the default rhythm (every week on Monday).
    result = team_rhythm(
        [
            facts(next_up=True, days_ago=0),
            facts(next_up=True, context_due=True, days_ago=7),
            facts(next_up=True, days_ago=8),
            facts(days_ago=30),
            facts(),
        ],
        {},
        today=TODAY,
    )
    assert result.key_results == 5
    assert (result.open_next_up.count, result.open_next_up.total) == (3, 5)
    assert result.open_next_up.fraction == pytest.approx(0.6)
    assert result.open_next_up.percent == 60
    assert result.current_context.percent == 80
    # Within the rhythm: checked in on or after yesterday's check-in day (Monday 23 November):
    # today (0) only; 7 days ago (the Tuesday before) missed Monday.
    assert result.within_rhythm.count == 1
    assert result.within_rhythm.percent == 20


def test_context_is_planning_and_progress_next_up_and_insight_are_doing():
    counts = {
        "context": 3,
        "progress": 6,
        "next_up": 4,
        "insight": 2,
        "confidence": 5,
        "outcome": 1,
        "blocker": 7,
    }
    balance = team_rhythm([], counts, today=TODAY).balance
    # 3 planning against 6 + 4 + 2 = 12 doing: 3/15 = 20 % planning, 80 % doing.
    assert (balance.planning, balance.doing) == (3, 12)
    assert balance.planning_share == pytest.approx(0.2)
    assert balance.doing_share == pytest.approx(0.8)
    assert (balance.planning_percent, balance.doing_percent) == (20, 80)


def test_the_two_percentages_always_add_up_to_a_hundred():
    # 1 of 3 is 33.3 %: rounded on one side, the other is the complement (67, not 67 + 33 ≠ 100).
    balance = Balance(planning=1, doing=2)
    assert (balance.planning_percent, balance.doing_percent) == (33, 67)
    balance = Balance(planning=2, doing=1)
    assert (balance.planning_percent, balance.doing_percent) == (67, 33)


def test_a_team_that_only_plans_is_all_planning():
    balance = team_rhythm([], {"context": 4, "confidence": 2}, today=TODAY).balance
    assert (balance.planning_percent, balance.doing_percent) == (100, 0)


def test_nothing_to_count_gives_no_share_rather_than_a_division_by_zero():
    result = team_rhythm([], {"confidence": 3}, today=TODAY)
    assert result.key_results == 0
    assert result.open_next_up.fraction is None
    assert result.open_next_up.percent is None
    assert result.balance.planning_share is None
    assert result.balance.doing_percent is None
    assert Share(0, 4).percent == 0


@pytest.mark.parametrize(
    ("days_ago", "within"),
    [(0, True), (1, True), (2, False), (7, False), (None, False)],
)
def test_within_the_rhythm_means_since_the_team_s_last_day_before_today(days_ago, within):
    # Every week on Monday; today is Tuesday 24 November, yesterday was the team's day.
    result = team_rhythm([facts(days_ago=days_ago)], {}, today=TODAY)
    assert result.within_rhythm.count == (1 if within else 0)


def test_the_rhythm_follows_the_team_s_cadence():
    # Every two weeks on Thursday, the last one on 19 November: 9 days ago is 15 November,
    # before it; 5 days ago is the day itself.
    fortnight = Cadence(weekday=3, every_weeks=2, anchor=date(2026, 11, 19))
    late, kept = facts(days_ago=9), facts(days_ago=5)
    result = team_rhythm([late, kept], {}, today=TODAY, cadence=fortnight)
    assert result.within_rhythm.count == 1


def test_the_kind_counts_are_kept_and_read_only():
    result = team_rhythm([], {"context": 1}, today=TODAY)
    assert result.kinds == {"context": 1}
    with pytest.raises(TypeError):
        result.kinds["context"] = 2  # type: ignore[index]


def test_the_module_examples_hold():
    result = doctest.testmod(rhythm)
    assert result.attempted > 0
    assert result.failed == 0


def test_sittings_without_a_next_up_count_against_the_rhythm_as_their_own_term():
    rhythm = team_rhythm(
        [], {"next_up": 3, "no_next_up": 1, "progress": 4}, today=date(2026, 11, 24)
    )
    assert (rhythm.without_next_up.count, rhythm.without_next_up.total) == (1, 4)
    assert rhythm.without_next_up.percent == 25
    # It is not a doing check-in: the balance is untouched by it.
    assert rhythm.balance.doing == 7


def test_a_team_that_always_plans_has_no_sittings_without_a_next_up():
    rhythm = team_rhythm([], {"next_up": 5}, today=date(2026, 11, 24))
    assert rhythm.without_next_up.count == 0 and rhythm.without_next_up.percent == 0
    assert team_rhythm([], {}, today=date(2026, 11, 24)).without_next_up.percent is None
