"""The team rhythm read from the database: the team's KRs in a period, in two queries."""

from __future__ import annotations

import datetime as dt

import pytest

from incheck.conftest import FROZEN_NOW
from incheck.domain.cadence import DEFAULT_CADENCE
from incheck.okrs.selectors.pages import team_page
from incheck.okrs.selectors.rhythm import team_rhythm
from incheck.testing.factories import (
    CheckInFactory,
    KeyResultFactory,
    ObjectiveFactory,
    PeriodFactory,
)

pytestmark = pytest.mark.django_db

STOCKHOLM = dt.timezone(dt.timedelta(hours=1))


def days_ago(n):
    return FROZEN_NOW - dt.timedelta(days=n)


def check_ins(kr, *kinds):
    for kind in kinds:
        CheckInFactory(key_result=kr, kind=kind, created_at=days_ago(3))


@pytest.fixture
def growth(personas):
    """Growth in Q4: Alice's KR keeps the habit, Bob's does not; noise elsewhere."""
    alice_kr = personas.kr
    alice_kr.open_next_up = CheckInFactory(
        key_result=alice_kr, kind="next_up", due_on=dt.date(2026, 12, 1), created_at=days_ago(2)
    )
    alice_kr.last_context_at = alice_kr.changed_at
    # Monday 23 November: the team's check-in day (every week on Monday, the default).
    alice_kr.last_check_in_at = days_ago(1)
    alice_kr.save()
    bob_kr = KeyResultFactory(objective=personas.objective, owner=personas.bob)
    bob_kr.last_check_in_at = days_ago(10)
    bob_kr.save()
    check_ins(alice_kr, "context", "progress", "progress", "insight", "confidence")
    check_ins(bob_kr, "blocker", "outcome")
    # Not Growth's Q4: another team, another period, the personal objective of someone outside.
    platform_kr = KeyResultFactory(
        objective=ObjectiveFactory(period=personas.period, team=personas.platform)
    )
    q3 = PeriodFactory(name="2026 Q3", start_on=dt.date(2026, 7, 1), end_on=dt.date(2026, 9, 30))
    q3_kr = KeyResultFactory(objective=ObjectiveFactory(period=q3, team=personas.growth))
    personal_kr = KeyResultFactory(
        objective=ObjectiveFactory(period=personas.period, team=None, owner=personas.charlie),
        owner=personas.charlie,
    )
    for kr in (platform_kr, q3_kr, personal_kr):
        check_ins(kr, "context", "context", "progress")
    return personas


def test_the_rhythm_counts_the_team_s_key_results_in_the_period(growth):
    rhythm = team_rhythm(growth.growth.pk, growth.period.pk, tz=STOCKHOLM)
    assert rhythm.key_results == 2
    assert (rhythm.open_next_up.count, rhythm.open_next_up.percent) == (1, 50)
    assert (rhythm.current_context.count, rhythm.current_context.percent) == (1, 50)
    assert (rhythm.within_rhythm.count, rhythm.within_rhythm.percent) == (1, 50)


def test_a_member_s_personal_kr_is_one_of_the_team_s_key_results(growth):
    # One definition of a team's KRs (domain.teams): the team page, its review and the API
    # count a member's personal KR as the team's, and so does the rhythm.
    personal = KeyResultFactory(
        objective=ObjectiveFactory(period=growth.period, team=None, owner=growth.bob),
        owner=growth.bob,
    )
    check_ins(personal, "next_up", "no_next_up")
    rhythm = team_rhythm(growth.growth.pk, growth.period.pk, tz=STOCKHOLM)
    assert rhythm.key_results == 3
    # Of three sittings that left a plan or chose none (Alice's and Bob's Next Ups), one chose none.
    assert (rhythm.without_next_up.count, rhythm.without_next_up.total) == (1, 3)


def test_the_balance_counts_the_team_s_check_ins_in_the_period(growth):
    rhythm = team_rhythm(growth.growth.pk, growth.period.pk, tz=STOCKHOLM)
    # Context 1 planning; progress 2 + next up 1 + insight 1 = 4 doing: 20 % against 80 %.
    assert (rhythm.balance.planning, rhythm.balance.doing) == (1, 4)
    assert (rhythm.balance.planning_percent, rhythm.balance.doing_percent) == (20, 80)
    assert rhythm.kinds == {
        "context": 1,
        "progress": 2,
        "next_up": 1,
        "insight": 1,
        "confidence": 1,
        "blocker": 1,
        "outcome": 1,
    }


def test_a_team_with_no_key_results_has_no_shares(personas, django_assert_num_queries):
    # Its KRs (none), and nothing to count: no second query.
    with django_assert_num_queries(1):
        rhythm = team_rhythm(
            personas.platform.pk, personas.period.pk, tz=STOCKHOLM, cadence=DEFAULT_CADENCE
        )
    assert rhythm.key_results == 0
    assert rhythm.open_next_up.percent is None
    assert rhythm.balance.planning_share is None


@pytest.mark.parametrize("size", [3, 30])
def test_the_rhythm_reads_in_two_queries(personas, django_assert_num_queries, size):
    for n in range(size):
        kr = KeyResultFactory(objective=personas.objective, owner=personas.alice)
        check_ins(kr, "context", "progress", "next_up" if n % 2 else "insight")
    # The team page passes the cadence of the team it has already read.
    with django_assert_num_queries(2):
        rhythm = team_rhythm(
            personas.growth.pk, personas.period.pk, tz=STOCKHOLM, cadence=DEFAULT_CADENCE
        )
    assert rhythm.key_results == size + 1
    assert (rhythm.balance.planning, rhythm.balance.doing) == (size, 2 * size)
    # With the KR rows the team page has read already: the counts only, the same rhythm.
    rows = team_page(personas.growth.pk, tz=STOCKHOLM).rows
    with django_assert_num_queries(1):
        again = team_rhythm(
            personas.growth.pk,
            personas.period.pk,
            tz=STOCKHOLM,
            cadence=DEFAULT_CADENCE,
            rows=rows,
        )
    assert again == rhythm


def test_the_team_page_shows_the_rhythm(client, growth):
    client.force_login(growth.charlie)
    response = client.get(f"/teams/{growth.growth.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Open Next Up" in body
    assert "1 of 2 KRs" in body
    assert "width: 20%" in body  # the planning part of the balance bar
    assert "Planning 20% · 1 Context" in body
    assert "Doing 80% · 4 check-ins" in body


@pytest.mark.parametrize("size", [3, 30])
def test_the_team_page_with_its_rhythm_reads_in_a_fixed_number_of_queries(
    client, personas, django_assert_max_num_queries, size
):
    for n in range(size):
        kr = KeyResultFactory(objective=personas.objective, owner=personas.alice)
        check_ins(kr, "context", "progress", "next_up" if n % 2 else "insight")
    client.force_login(personas.bob)
    client.get(f"/teams/{personas.growth.pk}/")
    with django_assert_max_num_queries(11):
        response = client.get(f"/teams/{personas.growth.pk}/")
    assert response.status_code == 200
