"""Planning and sending nudges: the moment, the bundle, the rules that skip one, and bounded
queries whatever the number of people (locmem mail; the real SMTP server is in the simulation
and the channel tests)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from incheck import clock
from incheck.accounts.models import Profile
from incheck.domain.checkins import Entry
from incheck.notify.jobs import run_jobs
from incheck.notify.jobs.planning import plan_people
from incheck.notify.jobs.sending import send_nudges
from incheck.notify.models import Nudge, NudgeItem
from incheck.okrs.models import CheckIn, KeyResult
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.testing.factories import KeyResultFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 11, 30)
PLAN = "By Monday I will call 10 clinics and book 3 demos"


def nudges_to(address: str) -> list:
    """The nudges in the outbox for one address (a lead's Monday digest goes too)."""
    return [m for m in mail.outbox if m.to == [address] and "to check in on" in m.subject]


def utc(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC)


@pytest.fixture
def due_monday(personas):
    """Alice's KR: checked in on Tuesday the 24th with a Next Up due Monday the 30th."""
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[
            Entry(kind="context", text="Why: the pipeline. Baseline 60. Tactic: webinars."),
            Entry(kind="next_up", text=PLAN, due_on=MONDAY),
        ],
    )
    return personas


def test_the_nudge_comes_on_the_morning_at_the_person_s_hour_in_their_zone(due_monday):
    Profile.objects.filter(user=due_monday.alice).update(nudge_hour=7, time_zone="Asia/Tokyo")
    run_jobs(now=utc(MONDAY, 0, 30) - dt.timedelta(hours=9))  # 00:30 Monday in Tokyo: planned
    nudge = Nudge.objects.get(user=due_monday.alice)
    assert nudge.local_date == MONDAY
    assert nudge.send_at == utc(MONDAY, 7) - dt.timedelta(hours=9)
    assert mail.outbox == []
    run_jobs(now=nudge.send_at)
    [message] = mail.outbox
    assert message.to == ["alice@example.org"]
    assert f"You said: '{PLAN}' — how did it go?" in message.body


def test_one_message_bundles_every_kr_due_that_day(due_monday):
    second = KeyResultFactory(
        objective=due_monday.objective, owner=due_monday.alice, title="Webinars"
    )
    KeyResult.objects.filter(pk=second.pk).update(created_at=utc(dt.date(2026, 11, 1), 9))
    run_jobs(now=utc(MONDAY, 9))
    [message] = nudges_to("alice@example.org")
    assert "200 new leads" in message.body and "Webinars" in message.body
    assert message.subject == "Incheck: 2 key results to check in on"
    reasons = dict(NudgeItem.objects.values_list("key_result__title", "reason"))
    assert reasons == {"200 new leads": "next_up_due", "Webinars": "check_in_day"}


def test_a_check_in_after_planning_drops_the_kr_and_an_empty_nudge_is_skipped(due_monday):
    plan_people(now=utc(MONDAY, 0))
    clock.freeze(utc(MONDAY, 6))
    checkin_sitting_create(
        actor=due_monday.alice,
        key_result_id=due_monday.kr.pk,
        entries=[Entry(kind="progress", value=90, text="Booked 3 demos.")],
    )
    send_nudges(now=utc(MONDAY, 9))
    nudge = Nudge.objects.get()
    assert (nudge.state, nudge.reason) == ("skipped", "checked_in")
    assert nudges_to("alice@example.org") == []


def test_no_nudge_on_a_day_away_planned_or_marked_later(due_monday):
    profile = Profile.objects.get(user=due_monday.alice)
    profile.away_from, profile.away_until = MONDAY, MONDAY
    profile.save()
    run_jobs(now=utc(MONDAY, 9))
    assert not Nudge.objects.exists()
    # Marked away after the nudge was planned: skipped when its moment comes.
    Profile.objects.filter(pk=profile.pk).update(away_from=None, away_until=None, planned_on=None)
    plan_people(now=utc(MONDAY, 1))
    Profile.objects.filter(pk=profile.pk).update(away_from=MONDAY)
    send_nudges(now=utc(MONDAY, 9))
    assert Nudge.objects.get().reason == "away"


def test_a_person_without_a_channel_is_not_nudged_but_it_is_noted(due_monday):
    Profile.objects.filter(user=due_monday.alice).update(wants_reminders=False)
    run_jobs(now=utc(MONDAY, 9))
    nudge = Nudge.objects.get()
    assert (nudge.state, nudge.reason) == ("failed", "no_channel")
    assert not NudgeItem.objects.filter(sent=True).exists()  # not counted as ignored


def test_the_day_is_planned_once_by_two_runs(due_monday):
    assert plan_people(now=utc(MONDAY, 1)).nudges == 1
    assert plan_people(now=utc(MONDAY, 1)).nudges == 0
    assert plan_people(now=utc(MONDAY, 5)).people == 0


def test_an_overdue_plan_is_not_nudged_every_day(due_monday):
    for day in range(7):
        run_jobs(now=utc(MONDAY + dt.timedelta(days=day), 9))
    # On its date (the team's day too) and on the next Monday, the team's day.
    assert list(Nudge.objects.filter(state="sent").values_list("local_date", flat=True)) == [MONDAY]
    run_jobs(now=utc(MONDAY + dt.timedelta(days=7), 9))
    assert Nudge.objects.filter(state="sent").count() == 2


def test_after_two_ignored_nudges_they_stop_until_someone_checks_in(due_monday):
    weeks = [MONDAY + dt.timedelta(weeks=n) for n in range(4)]
    for day in weeks[:3]:
        run_jobs(now=utc(day, 9))
    assert list(Nudge.objects.values_list("local_date", flat=True)) == weeks[:2]
    clock.freeze(utc(weeks[2], 12))
    checkin_sitting_create(
        actor=due_monday.lena,
        key_result_id=due_monday.kr.pk,
        entries=[Entry(kind="progress", value=75, text="Lena: Alice is on leave; 75 so far.")],
    )
    run_jobs(now=utc(weeks[3], 9))
    assert list(Nudge.objects.values_list("local_date", flat=True)) == [
        weeks[0],
        weeks[1],
        weeks[3],
    ]


@pytest.mark.parametrize("people", [3, 30])
def test_the_jobs_read_in_a_bounded_number_of_queries(
    personas, django_assert_max_num_queries, people
):
    for n in range(people):
        user = UserFactory(username=f"p{n}")
        MembershipFactory(user=user, team=personas.growth)
        kr = KeyResultFactory(objective=personas.objective, owner=user)
        KeyResult.objects.filter(pk=kr.pk).update(created_at=utc(dt.date(2026, 11, 1), 9))
        CheckIn.objects.create(
            key_result=kr,
            author=user,
            created_at=utc(dt.date(2026, 11, 2), 9),
            kind="progress",
            value=1,
        )
    with django_assert_max_num_queries(40):
        plan = run_jobs(now=utc(MONDAY, 1)).plan
    assert plan.nudges == people + 1
    with django_assert_max_num_queries(40):
        assert run_jobs(now=utc(MONDAY, 9)).nudges.sent == people + 1
    assert len([m for m in mail.outbox if "to check in on" in m.subject]) == people + 1


def test_a_second_run_claims_nothing_the_first_claimed(due_monday):
    from incheck.notify.jobs.claims import claim_due

    plan_people(now=utc(MONDAY, 1))
    first, ids = claim_due(Nudge, now=utc(MONDAY, 9), limit=10)
    second, none = claim_due(Nudge, now=utc(MONDAY, 9), limit=10)
    assert len(ids) == 1 and none == []
    assert Nudge.objects.get().claim == first != second
    # A run that died: after a quarter of an hour another takes it back.
    third, again = claim_due(Nudge, now=utc(MONDAY, 9, 20), limit=10)
    assert again == ids and Nudge.objects.get().claim == third
