"""Six weeks of a team of five with a frozen clock, two job runners at once on every run, and
the nudges and digests delivered to a real SMTP server on loopback.

The team checks in every Monday (the default). Dana is diligent (she checks in before her
nudge comes); Ivan ignores everything (and lives in New York); Aya is away in week 3; Pia plans
a Next Up for every weekday (more moments than the weekly cap); Lena leads and answers her
nudges. An older, closed period still holds open Next Ups that fall due in these weeks. Lena
closes the period early on the morning of week 6, after that day's nudges were planned.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from typing import Any

import pytest
from django.db import connection

from incheck import clock
from incheck.domain.checkins import Closure, Entry
from incheck.notify.jobs import run_jobs
from incheck.notify.models import Digest, Nudge, NudgeItem
from incheck.okrs.models import CheckIn, KeyResult, Period
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.okrs.services.checkout import period_close
from incheck.okrs.tests.test_concurrency import shared_database
from incheck.testing.factories import (
    KeyResultFactory,
    MembershipFactory,
    ObjectiveFactory,
    PeriodFactory,
    TeamFactory,
    UserFactory,
)

__all__ = ["shared_database"]

pytestmark = pytest.mark.django_db(transaction=True)

START = dt.date(2026, 11, 2)  # a Monday
WEEKS = 6
# The runs of `incheck jobs` each day (UTC): after midnight in Stockholm and in New York, at
# the Stockholm morning (09:00 there is 08:00 UTC), at the New York morning (14:00 UTC).
RUN_HOURS = (1, 7, 8, 14, 20)
CLOSE_AT = dt.datetime.combine(START + dt.timedelta(weeks=5), dt.time(3), tzinfo=dt.UTC)
CAP = 3


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def week_of(day: dt.date) -> int:
    return (day - START).days // 7 + 1


class Team:
    """The people, their KRs, and what they do."""

    def __init__(self) -> None:
        clock.freeze(at(START - dt.timedelta(days=3), 9))
        team = TeamFactory(name="Nordic")
        self.period = PeriodFactory(
            name="Six weeks", start_on=START, end_on=START + dt.timedelta(weeks=WEEKS, days=-1)
        )
        old = PeriodFactory(
            name="Before", start_on=dt.date(2026, 8, 1), end_on=dt.date(2026, 10, 31)
        )
        objective = ObjectiveFactory(period=self.period, team=team, title="Make clinics love us")
        old_objective = ObjectiveFactory(period=old, team=team, title="Last quarter")
        self.people: dict[str, Any] = {}
        self.krs: dict[str, KeyResult] = {}
        self.old_krs: list[KeyResult] = []
        for name, zone in [
            ("dana", "Europe/Stockholm"),
            ("ivan", "America/New_York"),
            ("aya", "Europe/Stockholm"),
            ("pia", "Europe/Stockholm"),
            ("lena", "Europe/Stockholm"),
        ]:
            user = UserFactory(username=name, profile__time_zone=zone)
            MembershipFactory(user=user, team=team, role="lead" if name == "lena" else "member")
            self.people[name] = user
            kr = KeyResultFactory(objective=objective, owner=user, title=f"{name.title()}'s KR")
            self.krs[name] = kr
            # A first sitting: the Context and a Next Up due on the first Monday.
            self.check_in(name, next_due=START, first=True)
            if name in {"dana", "ivan"}:
                old_kr = KeyResultFactory(objective=old_objective, owner=user, title=f"{name} old")
                CheckIn.objects.create(
                    key_result=old_kr,
                    author=user,
                    created_at=clock.now(),
                    kind="next_up",
                    text="By Wednesday I will call them.",
                    due_on=START + dt.timedelta(days=2),
                )
                KeyResult.objects.filter(pk=old_kr.pk).update(
                    open_next_up=CheckIn.objects.get(key_result=old_kr)
                )
                self.old_krs.append(old_kr)
        Period.objects.filter(pk=old.pk).update(closed_at=clock.now())
        self.people["dana"].profile.wants_digest = True
        self.people["dana"].profile.save()
        aya = self.people["aya"].profile
        aya.away_from, aya.away_until = (
            START + dt.timedelta(weeks=2),
            START + dt.timedelta(weeks=2, days=4),
        )
        aya.save()

    def check_in(
        self,
        name: str,
        *,
        next_due: dt.date | None = None,
        first: bool = False,
        by: str | None = None,
    ) -> None:
        """A sitting on the person's KR: progress, and (the owner's) a new Next Up."""
        kr = KeyResult.objects.get(pk=self.krs[name].pk)
        entries = [Entry(kind="progress", value=(kr.current_value or 0) + 1, text="Moved by one.")]
        if first:
            entries.insert(0, Entry(kind="context", text="Why, the baseline and the tactic."))
        closure = None
        if next_due is not None:
            text = f"By {next_due:%A} I will call two clinics."
            entries.append(Entry(kind="next_up", text=text, due_on=next_due))
            closure = None if first else Closure(status="done", happened="Called them.")
        checkin_sitting_create(
            actor=self.people[by or name], key_result_id=kr.pk, entries=entries, closure=closure
        )


def next_weekday(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def act(team: Team, moment: dt.datetime) -> None:
    """What the people do at this hour."""
    day, hour = moment.date(), moment.hour
    monday = day.weekday() == 0
    if moment >= CLOSE_AT:
        return  # the period is closed: nobody writes in it any more
    if monday and hour == 6:  # Dana, 07:00 in Stockholm, before her nudge
        team.check_in("dana", next_due=day + dt.timedelta(days=7))
    if monday and hour == 10:
        team.check_in("lena", next_due=day + dt.timedelta(days=7))
    if day.weekday() <= 3 and hour == 10:  # Pia plans the next weekday, every weekday to Thursday
        due = (
            next_weekday(day) if day.weekday() < 3 else day + dt.timedelta(days=(8 - day.weekday()))
        )
        team.check_in("pia", next_due=due)
    away = team.people["aya"].profile
    if monday and hour == 15 and not (away.away_from <= day <= away.away_until):
        team.check_in("aya", next_due=day + dt.timedelta(days=7))
    if day == START + dt.timedelta(weeks=3, days=2) and hour == 12:  # Lena, on Ivan's KR
        team.check_in("ivan", by="lena")


def two_runners(moment: dt.datetime) -> None:
    """`incheck jobs` on two machines at the same moment."""
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            connection.ensure_connection()
            barrier.wait(timeout=30)
            run_jobs(now=moment)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


@pytest.fixture
def simulated(shared_database: None, smtp: Any) -> Team:
    team = Team()
    day = START
    end = START + dt.timedelta(weeks=WEEKS)
    while day < end:
        for hour in range(24):
            moment = at(day, hour)
            clock.freeze(moment)
            act(team, moment)
            if moment == CLOSE_AT:
                period_close(actor=team.people["lena"], period_id=team.period.pk)
            if hour in RUN_HOURS:
                two_runners(moment)
        day += dt.timedelta(days=1)
    return team


def sent(name: str, team: Team) -> list[Nudge]:
    return list(Nudge.objects.filter(user=team.people[name], state="sent").order_by("local_date"))


def test_six_weeks_of_nudges(simulated: Team, smtp: Any) -> None:
    team = simulated
    nudges = list(Nudge.objects.select_related("user"))
    assert nudges, "the simulation sent nothing"

    # Nobody gets more than the cap in a week; Pia's fourth moment of week 1 was skipped.
    per_week = Counter(
        (n.user.username, n.local_date.isocalendar()[:2]) for n in nudges if n.state == "sent"
    )
    assert max(per_week.values()) <= CAP
    pia_week_1 = Nudge.objects.filter(
        user=team.people["pia"], local_date__lt=START + dt.timedelta(days=7)
    )
    assert Counter(pia_week_1.values_list("state", flat=True)) == {"sent": 3, "skipped": 1}
    assert pia_week_1.get(state="skipped").reason == "cap"

    # Nobody is nudged about a KR they checked in on since the nudge was planned.
    for item in NudgeItem.objects.filter(sent=True).select_related("nudge"):
        between = CheckIn.objects.filter(
            key_result_id=item.key_result_id,
            created_at__gt=item.nudge.planned_at,
            created_at__lte=item.nudge.sent_at,
        )
        assert not between.exists(), item
    assert sent("dana", team) == []  # diligent: every nudge was made unnecessary in time
    assert set(Nudge.objects.filter(user=team.people["dana"]).values_list("reason", flat=True)) <= {
        "checked_in",
        "closed",
    }

    # Ivan ignored two nudges: his KR went to Lena's digest by name and his nudges stopped,
    # until Lena checked in on it (Wednesday of week 4); then they came back.
    ivan = [n.local_date for n in sent("ivan", team)]
    assert ivan[:2] == [START, START + dt.timedelta(weeks=1)]
    assert not [
        d for d in ivan if START + dt.timedelta(weeks=2) <= d < START + dt.timedelta(weeks=4)
    ]
    assert START + dt.timedelta(weeks=4) in ivan
    digests = {
        d.local_date: d for d in Digest.objects.filter(user=team.people["lena"], state="sent")
    }
    assert START + dt.timedelta(weeks=2) in digests
    lena_mails = [
        m for m in smtp.to("lena@example.org") if m.subject == "Incheck: the week of Nordic"
    ]
    assert len(lena_mails) == len(digests)
    escalated = [
        m
        for m in lena_mails
        if "Ivan's KR" in m.part("plain") and "went unanswered" in m.part("plain")
    ]
    assert escalated, "Ivan's ignored KR is in Lena's digest by name"

    # Aya was away in week 3: no nudge that week, one the week after.
    aya = [n.local_date for n in sent("aya", team)]
    assert not [d for d in aya if week_of(d) == 3]
    assert any(week_of(d) == 4 for d in aya)

    # Nothing for a closed period: the old period's Next Ups were never planned, and the
    # morning the period was closed its planned nudges were skipped, nothing after.
    assert not NudgeItem.objects.filter(key_result__in=team.old_krs).exists()
    close_day = CLOSE_AT.date()
    assert set(Nudge.objects.filter(local_date=close_day).values_list("state", "reason")) <= {
        ("skipped", "closed")
    }
    assert Nudge.objects.filter(local_date=close_day).exists()
    assert not Nudge.objects.filter(local_date__gt=close_day).exists()
    # Nor a digest: the week of a closed period is read in its review.
    assert not Digest.objects.filter(local_date__gte=close_day, state="sent").exists()

    # Two runners at every run: each message went out once (as many e-mails to each person as
    # nudges and digests were sent to them; a message sent twice would be one more).
    mails = Counter(recipient for mail in smtp.mails for recipient in mail.recipients)
    expected: Counter[str] = Counter()
    for nudge in Nudge.objects.filter(state="sent").select_related("user"):
        expected[nudge.user.email] += 1
    for digest in Digest.objects.filter(state="sent").select_related("user"):
        expected[digest.user.email] += 1
    assert mails == expected
