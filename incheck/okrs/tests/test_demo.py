"""The demo: a believable organisation, written through the services, loaded once."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from incheck import clock
from incheck.accounts.models import Membership, Profile, Team
from incheck.conftest import FROZEN_NOW
from incheck.okrs.demo import DatabaseNotEmpty, load_demo
from incheck.okrs.models import CheckIn, Feedback, KeyResult, Objective, Period
from incheck.okrs.selectors.health import key_result_rows

pytestmark = pytest.mark.django_db

STOCKHOLM = clock.zone("Europe/Stockholm")
TODAY = FROZEN_NOW.astimezone(STOCKHOLM).date()
# The KRs the story keeps healthy (checked in weekly, explicit plans, on pace).
# The demo opens on Growth's check-in day, so Growth's KRs (and Maja's and Laura's own, which
# follow Growth's rhythm) are due for a check-in; the healthy ones are elsewhere.
HEALTHY = {"Monthly logo churn"}
DUE_TODAY = {
    "Growth experiments shipped and written up",
    "Leads from webinars",
    "Swedish webinar series launched with its first session",
    "Leads from partner referrals",
}
MODELS = (User, Profile, Team, Membership, Period, Objective, KeyResult, CheckIn, Feedback)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def current() -> Period:
    return Period.objects.get(start_on__lte=TODAY, end_on__gte=TODAY)


def previous() -> Period:
    return Period.objects.exclude(pk=current().pk).get()


@pytest.fixture(scope="class")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The demo, loaded once for a class of read-only tests and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        clock.freeze(FROZEN_NOW)
        try:
            load_demo(today=TODAY)
            clock_after = clock.now()
        finally:
            clock.freeze(None)
        yield {"clock_after": clock_after}
        transaction.set_rollback(True)


@pytest.mark.usefixtures("demo")
class TestTheLoadedDemo:
    def test_it_is_three_teams_of_six_named_people_in_stockholm(self):
        assert set(Team.objects.values_list("name", flat=True)) == {
            "Growth",
            "Product",
            "Customer Success",
        }
        profiles = list(Profile.objects.all())
        assert len(profiles) == 6
        assert all(profile.display_name and " " in profile.display_name for profile in profiles)
        assert {profile.time_zone for profile in profiles} == {"Europe/Stockholm"}
        assert Counter(profile.language for profile in profiles) == {"en": 4, "sv": 2}
        assert sum(profile.manager_id is not None for profile in profiles) == 3
        assert Membership.objects.filter(role="lead").count() == 3

    def test_the_demo_user_leads_a_team_administers_and_signs_in_with_demo_demo(self, client):
        demo = User.objects.get(username="demo")
        assert demo.is_staff and demo.is_superuser
        assert Membership.objects.get(user=demo).role == "lead"
        assert client.login(username="demo", password="demo")

    def test_every_demo_person_signs_in_with_the_demo_password(self, client):
        # So the product can be tried as a member, or as another team's lead (issue 9).
        for user in User.objects.all():
            assert client.login(username=user.username, password="demo"), user.username

    def test_the_clock_is_left_as_the_loader_found_it(self, demo):
        assert demo["clock_after"] == FROZEN_NOW

    def test_the_previous_quarter_is_closed_with_an_outcome_on_every_kr(self):
        period = previous()
        assert period.is_closed
        assert period.end_on < current().start_on
        krs = list(KeyResult.objects.filter(objective__period=period).select_related("outcome"))
        assert len(krs) >= 4
        assert all(kr.outcome is not None and kr.outcome.score is not None for kr in krs)
        assert any(kr.outcome.score_reason for kr in krs)  # one score adjusted, with a reason
        next_ups = CheckIn.objects.filter(key_result__objective__period=period, kind="next_up")
        assert not next_ups.filter(closed_at__isnull=True).exists()
        signals = set(Feedback.objects.filter(key_result__in=krs).values_list("signal", flat=True))
        assert signals == {"continue", "consider"}
        confidences = CheckIn.objects.filter(key_result__in=krs, kind="confidence")
        assert confidences.values("author").distinct().count() >= 4  # calibration per person

    def test_this_quarter_has_team_and_personal_objectives_one_aligned(self):
        objectives = Objective.objects.filter(period=current())
        assert 4 <= objectives.count() <= 5
        assert objectives.filter(team__isnull=False).exists()
        assert objectives.filter(owner__isnull=False).exists()
        assert objectives.filter(parent__isnull=False).count() == 1
        assert not current().is_closed

    def test_this_quarter_has_about_twelve_krs_of_every_type(self):
        krs = KeyResult.objects.filter(objective__period=current())
        assert 11 <= krs.count() <= 13
        assert set(krs.values_list("kr_type", flat=True)) == {"increase", "decrease", "milestone"}
        assert krs.filter(owner__username="demo").count() >= 3

    def test_six_weeks_of_check_ins_of_every_kind(self):
        check_ins = CheckIn.objects.filter(key_result__objective__period=current())
        kinds = set(check_ins.values_list("kind", flat=True))
        assert kinds == {"context", "progress", "confidence", "next_up", "insight", "blocker"}
        assert CheckIn.objects.filter(kind="outcome").exists()
        dates = [
            moment.astimezone(STOCKHOLM).date()
            for moment in check_ins.values_list("created_at", flat=True)
        ]
        assert min(dates) <= TODAY - dt.timedelta(weeks=6)
        assert len({date.isocalendar()[:2] for date in dates}) >= 6
        assert max(dates) >= TODAY - dt.timedelta(days=4)
        assert check_ins.filter(signal="insight").exclude(kind="insight").exists()
        assert check_ins.filter(signal="blocker").exclude(kind="blocker").exists()

    def test_blockers_are_open_and_resolved_and_resolutions_become_insights(self):
        blockers = CheckIn.objects.filter(key_result__objective__period=current(), signal="blocker")
        assert blockers.filter(resolved_at__isnull=True).count() >= 2
        resolved = blockers.filter(resolved_at__isnull=False)
        assert resolved.count() >= 2
        assert all(blocker.resolution_insight.kind == "insight" for blocker in resolved)
        assert all(blocker.way_around for blocker in blockers)

    def test_next_ups_are_closed_with_every_status_and_only_the_latest_stays_open(self):
        next_ups = CheckIn.objects.filter(kind="next_up")
        statuses = set(next_ups.exclude(closure="").values_list("closure", flat=True))
        assert statuses == {"done", "partly", "not_done", "dropped"}
        assert all(next_up.happened for next_up in next_ups.exclude(closure=""))
        assert next_ups.filter(closure__in=["partly", "not_done"]).exclude(learned="").count() >= 5
        open_ids = set(
            KeyResult.objects.exclude(open_next_up=None).values_list("open_next_up", flat=True)
        )
        assert set(next_ups.filter(closed_at__isnull=True).values_list("pk", flat=True)) == open_ids
        assert next_ups.exclude(expected_value=None).count() >= 10

    def test_plans_are_explicit_and_vague_as_people_write_them(self):
        plans = list(CheckIn.objects.filter(kind="next_up").values_list("text", flat=True))
        assert any(plan.startswith("By ") and " so we learn " in plan for plan in plans)
        assert {"work on the funnel", "Meeting with Laura"} <= set(plans)
        assert not any("{day}" in plan for plan in plans)

    def test_a_confidence_move_of_two_or_more_comes_with_a_reason(self):
        levels: dict[int, list[CheckIn]] = defaultdict(list)
        for check_in in CheckIn.objects.filter(kind="confidence").order_by("created_at", "id"):
            levels[check_in.key_result_id].append(check_in)
        moves = [
            (before.level, after)
            for series in levels.values()
            for before, after in pairwise(series)
            if abs(after.level - before.level) >= 2
        ]
        assert moves
        assert all(after.text for _, after in moves)

    def test_swedish_speakers_write_in_swedish(self):
        for username in ("jonas", "elin"):
            contexts = CheckIn.objects.filter(author__username=username, kind="context")
            assert contexts.exists()
            assert all(" och " in context.text or " att " in context.text for context in contexts)
        english = CheckIn.objects.filter(author__username="laura", kind="context")
        assert english.exists()
        assert not any(" och " in context.text or " att " in context.text for context in english)

    def test_nothing_is_dated_after_now_and_no_plan_was_due_before_it_was_made(self):
        assert not CheckIn.objects.filter(created_at__gt=FROZEN_NOW).exists()
        for next_up in CheckIn.objects.filter(kind="next_up"):
            assert next_up.due_on >= next_up.created_at.astimezone(STOCKHOLM).date()
            assert next_up.created_at.astimezone(STOCKHOLM).weekday() < 5

    def test_health_varies_as_the_method_sees_it(self):
        clock.freeze(FROZEN_NOW)
        rows = key_result_rows(KeyResult.objects.filter(objective__period=current()), tz=STOCKHOLM)
        by_code: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            for code in row.codes or ("healthy",):
                by_code[code].append(row.kr.owner.username)
        assert {row.kr.title for row in rows if not row.signals} == HEALTHY
        assert {row.kr.title for row in rows if row.codes == ("check_in_due",)} == DUE_TODAY
        assert "demo" in by_code["next_up_overdue"]
        for code in ("stale", "dead", "context_due", "next_up_missing", "behind_pace"):
            assert by_code[code], code
        assert "confidence_falling" in by_code
        assert len(by_code["dead"]) == 1


def test_the_demo_stays_out_of_an_installation_with_people(personas):
    before = counts()
    with pytest.raises(DatabaseNotEmpty):
        load_demo(today=TODAY)
    assert counts() == before


@pytest.mark.parametrize(
    "today",
    [
        dt.date(2027, 1, 1),  # the first day of a quarter: the history is squeezed into it
        dt.date(2027, 2, 14),  # a Sunday in the seventh week
    ],
)
def test_the_demo_loads_on_any_day_of_a_quarter(today):
    now = dt.datetime.combine(today, dt.time(7, 15), tzinfo=STOCKHOLM)
    clock.freeze(now)
    assert load_demo(today=today)
    assert clock.now() == now
    assert Period.objects.get(start_on__lte=today, end_on__gte=today).closed_at is None
    assert Period.objects.filter(closed_at__isnull=False).count() == 1
    assert not CheckIn.objects.filter(created_at__gt=now).exists()
    rows = key_result_rows(
        KeyResult.objects.filter(objective__period__closed_at=None), tz=STOCKHOLM
    )
    assert len(rows) == 12
    assert all(row.kr.last_context_at is not None for row in rows)


def test_late_in_a_quarter_the_healthy_krs_keep_pace():
    today = dt.date(2026, 12, 10)
    clock.freeze(dt.datetime.combine(today, dt.time(12, 0), tzinfo=STOCKHOLM))
    load_demo(today=today)
    rows = key_result_rows(
        KeyResult.objects.filter(objective__period__closed_at=None), tz=STOCKHOLM
    )
    # Without the stretch, partner referrals would fall behind the pace line by now.
    assert {row.kr.title for row in rows if not row.signals} == HEALTHY
    # Stretched numbers stay as people write them: costs in tens, churn in tenths of a percent.
    costs, churn = (
        list(
            CheckIn.objects.filter(key_result__title=title, kind="progress").values_list(
                "value", flat=True
            )
        )
        for title in ("Cost per qualified trial", "Monthly logo churn")
    )
    assert len(set(costs)) > 1
    assert all(value % 10 == 0 for value in costs)
    assert all(round(value, 1) == value for value in churn)


def test_the_demo_command_loads_once_and_a_second_run_changes_nothing(capsys):
    call_command("demo")
    first = capsys.readouterr().out
    assert "Loaded the demo: Nordlys" in first
    assert "http://127.0.0.1:" in first
    assert first.rstrip().endswith("Sign in as demo / demo")
    before = counts()
    call_command("demo")
    assert capsys.readouterr().out.strip() == "The demo is already loaded."
    assert counts() == before
    assert load_demo(today=TODAY) is False


def test_the_demo_command_refuses_a_database_with_people(personas):
    with pytest.raises(CommandError, match="empty"):
        call_command("demo")
