"""The company dashboard: the programme's health recorded by the job, read in a few rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from incheck import clock
from incheck.domain.programme import ProgrammeCounts, trend_days
from incheck.okrs.models import ProgrammeHealth
from incheck.okrs.selectors.dashboard import COUNT_LIMIT, blocker_ages, dashboard
from incheck.okrs.services.programme import programme_health_record, programme_health_record_due
from incheck.testing.factories import (
    CheckInFactory,
    KeyResultFactory,
    MembershipFactory,
    ObjectiveFactory,
    PeriodFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def tz():
    return timezone.get_current_timezone()


def at(days_ago: int) -> dt.datetime:
    return clock.now() - dt.timedelta(days=days_ago)


def test_counts_are_shares_of_the_krs():
    counts = ProgrammeCounts()
    counts.add(codes={"context_due", "dead"}, has_open_next_up=False, in_rhythm=False)
    counts.add(codes=set(), has_open_next_up=True, in_rhythm=True)
    assert counts.as_dict() == {
        "key_results": 2,
        "context_current": 1,
        "open_next_up": 1,
        "in_rhythm": 1,
        "stale": 0,
        "dead": 1,
    }
    assert ProgrammeCounts().share("dead") is None


def test_the_trend_is_read_on_sundays_and_on_the_last_day():
    days = trend_days(dt.date(2026, 10, 1), dt.date(2026, 12, 31), dt.date(2026, 11, 24))
    assert days[0] == dt.date(2026, 10, 4) and days[-1] == dt.date(2026, 11, 24)
    assert all(day.weekday() == 6 for day in days[:-1])
    assert trend_days(dt.date(2026, 12, 1), dt.date(2026, 12, 31), dt.date(2026, 11, 24)) == []


@pytest.fixture
def history(personas):
    """Alice's KR: a Context and weekly sittings until two weeks ago; Bob's: nothing at all."""
    kr = personas.kr
    kr.created_at = at(50)
    kr.changed_at = at(50)
    kr.save()
    CheckInFactory(key_result=kr, kind="context", value=None, created_at=at(49))
    for weeks in range(7, 1, -1):
        CheckInFactory(key_result=kr, kind="progress", value=70.0 + weeks, created_at=at(7 * weeks))
        CheckInFactory(
            key_result=kr,
            kind="next_up",
            value=None,
            due_on=(at(7 * weeks) + dt.timedelta(days=7)).date(),
            created_at=at(7 * weeks),
            closed_at=at(7 * weeks - 7) if weeks > 2 else None,
        )
    KeyResultFactory(
        objective=personas.objective, owner=personas.bob, created_at=at(50), changed_at=at(50)
    )
    return kr


def test_the_job_replays_the_history_week_by_week(history, personas):
    programme_health_record(period_id=personas.period.pk, tz=tz())
    overall = list(ProgrammeHealth.objects.filter(team__isnull=True).order_by("day"))
    assert overall[-1].day == clock.today(tz())
    latest = overall[-1]
    assert latest.key_results == 2
    assert latest.context_current == 1  # Alice's; Bob's KR never had one
    assert latest.open_next_up == 1
    assert latest.in_rhythm == 0  # Alice's last check-in was two weeks ago
    # Three weeks before, Alice's KR was checked in that week.
    earlier = next(row for row in overall if row.day == dt.date(2026, 11, 1))
    assert earlier.in_rhythm == 1
    growth = ProgrammeHealth.objects.get(team=personas.growth, day=latest.day)
    assert growth.key_results == 2


def test_recording_again_replaces_the_same_days(history, personas):
    first = programme_health_record(period_id=personas.period.pk, tz=tz())
    assert programme_health_record(period_id=personas.period.pk, tz=tz()) == first
    assert ProgrammeHealth.objects.count() == first


def test_the_job_fills_only_what_is_missing_and_today_again(history, personas):
    assert programme_health_record_due(tz=tz()) > 0
    days = set(ProgrammeHealth.objects.values_list("day", flat=True))
    again = programme_health_record_due(tz=tz())
    assert again == ProgrammeHealth.objects.filter(day=clock.today(tz())).count()
    assert set(ProgrammeHealth.objects.values_list("day", flat=True)) == days


def test_a_kr_in_a_personal_objective_counts_for_its_owners_teams(personas):
    own = ObjectiveFactory(period=personas.period, team=None, owner=personas.charlie)
    KeyResultFactory(objective=own, owner=personas.charlie, created_at=at(3))
    programme_health_record(period_id=personas.period.pk, tz=tz())
    platform = ProgrammeHealth.objects.get(team=personas.platform, day=clock.today(tz()))
    assert platform.key_results == 1


def test_the_dashboard_records_the_figures_on_its_first_visit(history, personas):
    board = dashboard(tz=tz())
    assert board.overall is not None and board.overall.key_results == 2
    assert [line.row.team for line in board.teams] == [personas.growth]
    assert board.figures[1].name == "open_next_up" and board.figures[1].percent == 50


def test_teams_are_paged_and_sorted_worst_first(personas):
    for n in range(27):
        team = TeamFactory(name=f"Squad {n:02d}")
        person = UserFactory()
        MembershipFactory(user=person, team=team)
        objective = ObjectiveFactory(period=personas.period, team=team)
        kr = KeyResultFactory(objective=objective, owner=person, created_at=at(3))
        if n == 26:
            CheckInFactory(key_result=kr, kind="progress", created_at=at(1))
    programme_health_record(period_id=personas.period.pk, tz=tz())
    first = dashboard(tz=tz())
    assert len(first.teams) == 25 and first.has_next
    assert len(dashboard(tz=tz(), page=2).teams) == 3
    # Worst first: the one team in rhythm comes last.
    assert dashboard(tz=tz(), sort="in_rhythm").teams[0].row.in_rhythm == 0
    assert dashboard(tz=tz(), sort="in_rhythm", page=2).teams[-1].row.team.name == "Squad 26"
    assert dashboard(tz=tz(), sort="name").teams[0].row.team.name == "Growth"


def test_open_blockers_are_counted_by_age_and_stop_at_the_limit(personas):
    for days in (1, 10, 20, 40):
        CheckInFactory(key_result=personas.kr, signal="blocker", created_at=at(days))
    CheckInFactory(key_result=personas.kr, signal="blocker", created_at=at(2), resolved_at=at(1))
    # Not counted: a blocker on another period's KR, and one on an archived KR.
    elsewhere = KeyResultFactory(objective=ObjectiveFactory(period=PeriodFactory(name="Q9")))
    archived = KeyResultFactory(objective=personas.kr.objective, archived_at=at(1))
    for kr in (elsewhere, archived):
        CheckInFactory(key_result=kr, signal="blocker", created_at=at(40))
    ages = blocker_ages(personas.period, tz=tz())
    assert [age.count for age in ages] == [1, 1, 1, 1]
    CheckInFactory.create_batch(
        COUNT_LIMIT + 5, key_result=personas.kr, signal="blocker", created_at=at(3)
    )
    first = blocker_ages(personas.period, tz=tz())[0]
    assert first.more and first.shown == COUNT_LIMIT


def test_the_page_reads_a_fixed_number_of_queries(history, personas):
    client = client_for(personas.charlie)
    client.get("/dashboard/")  # the first visit records the figures

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/dashboard/").status_code == 200
        return len(captured)

    small = count()
    # session, user, profile; periods, the overall rows, a page of team rows, their trends,
    # the open blockers by age (four counts), the team filter's first teams
    assert small == 12
    for n in range(30):
        team = TeamFactory(name=f"Squad {n:02d}")
        objective = ObjectiveFactory(period=personas.period, team=team)
        KeyResultFactory(objective=objective, owner=personas.bob, created_at=at(3))
    programme_health_record(period_id=personas.period.pk, tz=tz())
    assert count() == small


def test_everyone_signed_in_reads_it_and_every_figure_links_to_its_list(history, personas):
    for user in (personas.alice, personas.charlie, personas.ada):
        html = client_for(user).get("/dashboard/").content.decode()
        assert 'href="/dashboard/"' in html and "Open Next Up" in html
        assert f"/teams/{personas.growth.pk}/?period={personas.period.pk}" in html
        assert "sort=open_next_up#teams" in html and 'href="/blockers/"' in html
        assert "<svg" in html


def test_signed_out_people_are_sent_to_sign_in():
    response = Client().get("/dashboard/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_dashboard_speaks_swedish(history, personas):
    profile = personas.charlie.profile
    profile.language = "sv"
    profile.save()
    html = client_for(personas.charlie).get("/dashboard/").content.decode()
    assert "Översikt" in html and "Öppen Nästa upp" in html


def test_bad_parameters_are_ignored_or_404(personas):
    client = client_for(personas.bob)
    assert client.get("/dashboard/?sort=<script>&page=x").status_code == 200
    assert client.get("/dashboard/?period=999999").status_code == 404
    assert client.get("/dashboard/?team=999999").status_code == 404
