"""Planning: each person's day once (the morning's nudge, their digests), each team's day once.

``plan_people`` claims the people whose local day has begun since they were last planned (a
filtered UPDATE on ``Profile.planned_on``, so two machines never both plan a person's day) and
writes, for each, at most one ``Nudge`` bundling their KRs that are due that day
(``domain.nudges.plan_items``) and the digests they read that day. ``plan_team_posts`` does the
same for the team channels, once a day for the installation.

Bounded queries, whatever the number of people: a handful per batch of ``CHUNK`` people.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from incheck import clock
from incheck.accounts.models import Membership, Profile, Team
from incheck.accounts.rhythm import cadence_of
from incheck.domain.cadence import is_check_in_day
from incheck.domain.health import due_facts
from incheck.domain.nudges import KeyResultForNudge, NudgeRules, is_away, moment, plan_items
from incheck.notify.jobs.claims import chunks
from incheck.notify.models import Channel, Digest, JobDay, Nudge, NudgeItem, TeamPost
from incheck.notify.selectors.ignored import ignored_before, unanswered_nudge_days
from incheck.okrs.models import KeyResult
from incheck.okrs.selectors.health import snapshot, with_row_relations
from incheck.okrs.selectors.scopes import not_archived

# The own-week digest comes on Mondays.
DIGEST_WEEKDAY = 0


@dataclass
class PlanReport:
    people: int = 0
    nudges: int = 0
    items: int = 0
    digests: int = 0
    team_posts: int = 0


def rules() -> NudgeRules:
    """The nudge settings as configured."""
    return NudgeRules(
        per_week=settings.INCHECK_NUDGES_PER_WEEK, escalate_after=settings.INCHECK_ESCALATE_AFTER
    )


def _claim_people(now: dt.datetime) -> list[Profile]:
    """The people whose local day has begun since they were last planned, now claimed."""
    active = Profile.objects.filter(user__is_active=True)
    zones = list(active.order_by().values_list("time_zone", flat=True).distinct())
    days = {name: now.astimezone(clock.zone(name)).date() for name in zones}
    behind = Q()
    for name, day in days.items():
        behind |= Q(time_zone=name) & (Q(planned_on__isnull=True) | Q(planned_on__lt=day))
    if not days:
        return []
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for pk, name in active.filter(behind).values_list("pk", "time_zone"):
        by_day[days[name]].append(pk)
    if not by_day:
        return []
    claim = uuid.uuid4()
    for day, ids in by_day.items():
        for batch in chunks(ids):
            Profile.objects.filter(pk__in=batch).filter(
                Q(planned_on__isnull=True) | Q(planned_on__lt=day)
            ).update(planned_on=day, plan_claim=claim)
    return list(
        Profile.objects.filter(plan_claim=claim, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    )


def _plan_nudges(people: list[Profile], *, now: dt.datetime, report: PlanReport) -> None:
    by_user = {profile.user_id: profile for profile in people}
    days = [profile.planned_on for profile in people if profile.planned_on is not None]
    if not days:
        return
    krs = list(
        with_row_relations(
            KeyResult.objects.filter(
                not_archived(),  # an archived KR is nudged about no more
                owner_id__in=list(by_user),
                objective__period__closed_at__isnull=True,
                objective__period__start_on__lte=max(days),
                objective__period__end_on__gte=min(days),
            )
        ).order_by("owner_id", "objective_id", "id")
    )
    unanswered = unanswered_nudge_days([kr.pk for kr in krs])
    nudge_rules = rules()
    facts: dict[int, list[KeyResultForNudge]] = defaultdict(list)
    for kr in krs:
        profile = by_user[kr.owner_id]
        day = profile.planned_on
        assert day is not None
        health = snapshot(kr, clock.zone(profile.time_zone))
        facts[kr.owner_id].append(
            KeyResultForNudge(
                key_result_id=kr.pk,
                cadence=health.cadence or cadence_of(None),
                facts=due_facts(health),
                ignored=ignored_before(unanswered.get(kr.pk, []), day),
                next_up_id=kr.open_next_up_id,
            )
        )
    planned: list[tuple[Nudge, list[NudgeItem]]] = []
    for user_id, krs_of_person in facts.items():
        profile = by_user[user_id]
        day = profile.planned_on
        assert day is not None
        away = is_away(profile.away_from, profile.away_until, day)
        items = plan_items(krs_of_person, day=day, away=away, rules=nudge_rules)
        if not items:
            continue
        nudge = Nudge(
            user_id=user_id,
            local_date=day,
            send_at=moment(day, profile.nudge_hour, clock.zone(profile.time_zone)),
            planned_at=now,
        )
        planned.append(
            (
                nudge,
                [
                    NudgeItem(
                        key_result_id=i.key_result_id, reason=i.reason, next_up_id=i.next_up_id
                    )
                    for i in items
                ],
            )
        )
    if not planned:
        return
    created = Nudge.objects.bulk_create([nudge for nudge, _ in planned], batch_size=CHUNK_ROWS)
    rows: list[NudgeItem] = []
    for nudge, (_, nudge_items) in zip(created, planned, strict=True):
        for row in nudge_items:
            row.nudge_id = nudge.pk
            rows.append(row)
    NudgeItem.objects.bulk_create(rows, batch_size=CHUNK_ROWS)
    report.nudges += len(created)
    report.items += len(rows)


# Rows per INSERT: enough to be quick, few enough for every database's parameter limit.
CHUNK_ROWS = 200


def _plan_digests(people: list[Profile], *, now: dt.datetime, report: PlanReport) -> None:
    """A lead's team digest on the team's weekday, every week; one's own on Mondays."""
    by_user = {profile.user_id: profile for profile in people}
    digests: list[Digest] = []

    def at(profile: Profile, day: dt.date) -> dt.datetime:
        return moment(day, profile.nudge_hour, clock.zone(profile.time_zone))

    for profile in people:
        day = profile.planned_on
        if day is None or is_away(profile.away_from, profile.away_until, day):
            continue
        if profile.wants_digest and day.weekday() == DIGEST_WEEKDAY:
            digests.append(
                Digest(
                    user_id=profile.user_id,
                    local_date=day,
                    send_at=at(profile, day),
                    planned_at=now,
                )
            )
    leads = Membership.objects.filter(
        user_id__in=list(by_user), role=Membership.Role.LEAD
    ).select_related("team")
    for membership in leads:
        profile = by_user[membership.user_id]
        day = profile.planned_on
        if (
            day is None
            or not profile.wants_team_digest
            or is_away(profile.away_from, profile.away_until, day)
            or membership.team.check_in_weekday != day.weekday()
        ):
            continue
        digests.append(
            Digest(
                user_id=profile.user_id,
                team_id=membership.team_id,
                local_date=day,
                send_at=at(profile, day),
                planned_at=now,
            )
        )
    Digest.objects.bulk_create(digests, batch_size=CHUNK_ROWS, ignore_conflicts=True)
    report.digests += len(digests)


def plan_people(*, now: dt.datetime) -> PlanReport:
    """Plan the day of everyone whose day has begun (once each), in batches."""
    report = PlanReport()
    people = _claim_people(now)
    report.people = len(people)
    for batch in chunks(people):
        with transaction.atomic():
            _plan_nudges(batch, now=now, report=report)
            _plan_digests(batch, now=now, report=report)
    return report


def claim_day(name: str, day: dt.date) -> bool:
    """Whether this run is the one doing the installation's job ``name`` for ``day``."""
    JobDay.objects.bulk_create([JobDay(name=name)], ignore_conflicts=True)
    return bool(
        JobDay.objects.filter(name=name)
        .filter(Q(done_on__isnull=True) | Q(done_on__lt=day))
        .update(done_on=day)
    )


def plan_team_posts(*, now: dt.datetime, report: PlanReport | None = None) -> int:
    """Today's posts to the team channels of the teams whose check-in day it is (once a day)."""
    tz = clock.zone(None)
    day = now.astimezone(tz).date()
    if not claim_day("team_posts", day):
        return 0
    with_channels = Channel.objects.filter(team__isnull=False, enabled=True).values("team_id")
    teams = Team.objects.filter(pk__in=with_channels)
    posts = [
        TeamPost(
            team_id=team.pk,
            local_date=day,
            send_at=moment(day, settings.INCHECK_TEAM_POST_HOUR, tz),
            planned_at=now,
        )
        for team in teams
        if is_check_in_day(cadence_of(team), day)
    ]
    TeamPost.objects.bulk_create(posts, batch_size=CHUNK_ROWS, ignore_conflicts=True)
    if report is not None:
        report.team_posts += len(posts)
    return len(posts)
