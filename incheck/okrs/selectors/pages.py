"""The reads behind the inbox, the KR page and the team page."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import F, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from incheck import clock
from incheck.accounts.models import Membership, Team
from incheck.accounts.selectors import team_get
from incheck.domain.corrections import correction_problem
from incheck.domain.permissions import may_check_in, may_give_feedback
from incheck.errors import NotFound
from incheck.okrs.models import CheckIn, Feedback, KeyResult, Objective, Period
from incheck.okrs.selectors.charts import ChartSeries, key_result_chart_series
from incheck.okrs.selectors.feedback import feedback_list
from incheck.okrs.selectors.health import (
    KeyResultRow,
    key_result_row,
    key_result_rows,
    with_row_relations,
)
from incheck.okrs.selectors.key_results import key_result_rows_of
from incheck.okrs.selectors.periods import current_among, current_period, every_period
from incheck.okrs.selectors.scopes import in_team, keyset_after, not_archived
from incheck.okrs.services.access import actor_for, key_result_team_ids
from incheck.okrs.services.key_results import may_edit_definition
from incheck.prepared import Inline, Prepared

# A KR page shows this many check-ins: six or seven sittings of three entries, the last month
# or two of a weekly rhythm, with the Context and open blockers read apart whatever their age;
# older ones are a click away ("Older check-ins", a page at a time), and the API pages them
# all. It was 30: each check-in shown costs ~0.2 ms of rendering and reading (docs/
# architecture.md, "Speed at organisation scale").
TIMELINE_LIMIT = 20


@dataclass
class ObjectiveGroup:
    objective: Objective
    rows: list[KeyResultRow] = field(default_factory=list)


def group_by_objective(
    rows: list[KeyResultRow], objectives: list[Objective] | None = None
) -> list[ObjectiveGroup]:
    """KR rows under their objectives; `objectives` adds those that have no KR yet."""
    groups: dict[int, ObjectiveGroup] = {
        objective.pk: ObjectiveGroup(objective=objective) for objective in objectives or []
    }
    for row in rows:
        group = groups.setdefault(row.kr.objective_id, ObjectiveGroup(objective=row.kr.objective))
        group.rows.append(row)
    return list(groups.values())


@dataclass
class Inbox:
    period: Period | None
    groups: list[ObjectiveGroup]
    todo: list[KeyResultRow]


def inbox_for_user(user: AbstractBaseUser, *, tz: dt.tzinfo) -> Inbox:
    """My KRs in the current period, grouped by objective, and what is due, most urgent first."""
    period = current_period(clock.today(tz))
    if period is None:
        return Inbox(period=None, groups=[], todo=[])
    rows = key_result_rows(
        KeyResult.objects.filter(
            not_archived(), owner_id=user.pk, objective__period=period
        ).order_by("objective_id", "id"),
        tz=tz,
    )
    todo = sorted(
        (row for row in rows if row.signals),
        key=lambda row: (row.signals[0].rank, row.kr.id),
    )
    return Inbox(period=period, groups=group_by_objective(rows), todo=todo)


@dataclass
class KeyResultPage:
    row: KeyResultRow
    context: CheckIn | None
    timeline: list[CheckIn]
    feedback: list[Feedback]
    open_blockers: list[CheckIn]
    may_check_in: bool
    # The chart's own points (the timeline above is truncated), and whether the reader may
    # change the KR's definition (for the edit link).
    chart: ChartSeries | None = None
    may_edit: bool = False
    # Feedback is for leads and colleagues: anyone but the KR's owner.
    may_give_feedback: bool = False
    # Older check-ins exist past the timeline shown; the Next Ups each sitting closed (the
    # service stamps a closure with its sitting's moment), found once here for the template.
    timeline_more: bool = False
    closures: dict[dt.datetime, list[CheckIn]] = field(default_factory=dict)
    # The sittings shown that the reader may still correct (their author, within a day, in an
    # open period: `domain.corrections.correction_problem`), for the timeline's links.
    correctable: frozenset[uuid.UUID] = frozenset()


def key_result_page(
    user: AbstractBaseUser, key_result_id: int, *, tz: dt.tzinfo, older_than: int | None = None
) -> KeyResultPage:
    """Everything the KR page shows, in a fixed number of queries.

    `older_than` (a check-in id) starts the timeline after that check-in (one query more).
    """
    found = _KEY_RESULT(key_result_id)
    if not found:
        raise NotFound(code="not_found")
    kr = found[0]
    row = key_result_row(kr, tz=tz, today=clock.today(tz))
    if older_than is None:
        timeline = _TIMELINE(kr.pk)
    else:
        last = _CHECK_IN_MOMENT(kr.pk, older_than)
        timeline = _TIMELINE(kr.pk, *last[0]) if last else _TIMELINE(kr.pk)
    more = len(timeline) > TIMELINE_LIMIT
    timeline = timeline[:TIMELINE_LIMIT]
    closures: dict[dt.datetime, list[CheckIn]] = {}
    for check_in in timeline:
        if check_in.kind == CheckIn.Kind.NEXT_UP and check_in.closed_at is not None:
            closures.setdefault(check_in.closed_at, []).append(check_in)
    # The timeline's first Context is the latest only when the timeline starts at the newest
    # check-in; on an older page it is an old one, and the latest is read below.
    newest_first = older_than is None
    context = (
        next((c for c in timeline if c.kind == CheckIn.Kind.CONTEXT), None)
        if newest_first
        else None
    )
    extra = _OPEN_BLOCKERS_AND_CONTEXT(kr.pk, Inline(context is None))
    open_blockers = [
        c for c in extra if c.signal == CheckIn.Signal.BLOCKER and c.resolved_at is None
    ]
    if context is None:
        context = next((c for c in reversed(extra) if c.kind == CheckIn.Kind.CONTEXT), None)
    feedback = _FEEDBACK(kr.pk)
    actor = actor_for(user)
    # The KR's teams once, for both rights; none read when the reader owns it (their teams).
    team_ids = key_result_team_ids(kr, known=actor)
    writable = may_check_in(actor, owner_id=kr.owner_id, team_ids=team_ids)
    return KeyResultPage(
        row=row,
        context=context,
        timeline=timeline,
        feedback=feedback,
        open_blockers=open_blockers,
        may_check_in=writable,
        chart=key_result_chart_series(kr),
        may_edit=may_edit_definition(user, kr, team_ids=team_ids),
        may_give_feedback=may_give_feedback(actor, owner_id=kr.owner_id),
        timeline_more=more,
        closures=closures,
        correctable=_correctable(user, kr, timeline),
    )


def _key_result(key_result_id: int) -> QuerySet[KeyResult]:
    """The KR with everything its row reads (`with_row_relations`)."""
    return with_row_relations(KeyResult.objects.filter(pk=key_result_id)).order_by()


def _timeline(
    key_result_id: int, after_at: dt.datetime | None = None, after_id: int | None = None
) -> QuerySet[CheckIn]:
    """The KR's check-ins newest first, after the one at (`after_at`, `after_id`) if given:
    a page of the timeline and one more (whether older ones follow)."""
    history = CheckIn.objects.filter(key_result_id=key_result_id)
    if after_at is not None:
        history = history.filter(keyset_after(("-created_at", "-id"), (after_at, after_id)))
    return history.select_related("author__profile", "resolves").order_by("-created_at", "-id")[
        : TIMELINE_LIMIT + 1
    ]


def _check_in_moment(
    key_result_id: int, check_in_id: int
) -> QuerySet[CheckIn, tuple[dt.datetime, int]]:
    """Where a check-in of the KR stands in its timeline (the older page's start)."""
    return (
        CheckIn.objects.filter(key_result_id=key_result_id, pk=check_in_id)
        .order_by()
        .values_list("created_at", "id")
    )


def _open_blockers_and_context(key_result_id: int, latest_context: bool) -> QuerySet[CheckIn]:
    """The KR's open blockers, and its latest Context when `latest_context` (the timeline
    shown holds none), in one query, oldest first."""
    wanted = Q(signal=CheckIn.Signal.BLOCKER, resolved_at__isnull=True)
    if latest_context:
        latest = (
            CheckIn.objects.filter(key_result_id=key_result_id, kind=CheckIn.Kind.CONTEXT)
            .order_by("-created_at", "-id")
            .values("pk")[:1]
        )
        wanted |= Q(pk=Subquery(latest))
    return (
        CheckIn.objects.filter(wanted, key_result_id=key_result_id)
        .select_related("author__profile")
        .order_by("created_at", "id")
    )


# Built once a process (`incheck.prepared`): Django took longer to build the KR page's reads
# (the KR's with the owner's rhythm as subqueries above all) than the database to run them.
_KEY_RESULT = Prepared(_key_result)
_TIMELINE = Prepared(_timeline)
_CHECK_IN_MOMENT = Prepared(_check_in_moment)
_OPEN_BLOCKERS_AND_CONTEXT = Prepared(_open_blockers_and_context)
_FEEDBACK = Prepared(lambda key_result_id: feedback_list(key_result_id=key_result_id))


def _correctable(
    user: AbstractBaseUser, kr: KeyResult, timeline: list[CheckIn]
) -> frozenset[uuid.UUID]:
    """The sittings of the timeline the reader may correct now (no query)."""
    sittings: dict[uuid.UUID, list[CheckIn]] = {}
    for check_in in timeline:
        if check_in.author_id == user.pk:
            sittings.setdefault(check_in.sitting, []).append(check_in)
    now = clock.now()
    return frozenset(
        sitting
        for sitting, rows in sittings.items()
        if correction_problem(
            actor_id=int(user.pk),
            author_ids={row.author_id for row in rows},
            written_at=min(row.created_at for row in rows),
            now=now,
            period_closed=kr.objective.period.is_closed,
        )
        is None
    )


@dataclass
class TeamPage:
    team: Team
    period: Period | None
    members: list[Membership]
    groups: list[ObjectiveGroup]
    open_blockers: list[CheckIn]
    # Every period, newest first, for the page's period picker.
    periods: list[Period] = field(default_factory=list)
    # The team's KR rows of the period (those of `groups`), for its rhythm (`team_rhythm`).
    rows: list[KeyResultRow] = field(default_factory=list)


def team_page(team_id: int, *, tz: dt.tzinfo, period_id: int | None = None) -> TeamPage:
    """A team's KRs in a period (its objectives' and its members' personal ones, the one rule
    of `domain.teams`), under their objectives, with health, members and open blockers.

    `period_id` None → the current period; an unknown one → NotFound. Its reads are built once
    a process (below): Django took longer to build them than the database to run them.
    """
    team = team_get(team_id)
    if team is None:
        raise NotFound(code="not_found")
    periods = every_period()
    if period_id is None:
        period = current_among(periods, clock.today(tz))
    else:
        period = next((candidate for candidate in periods if candidate.pk == period_id), None)
        if period is None:
            raise NotFound(code="not_found")
    rows = (
        key_result_rows_of(_TEAM_KEY_RESULTS(team.pk, period.pk), tz=tz)
        if period is not None
        else []
    )
    members = _MEMBERS(team.pk)
    # The members' ids as a list: both planners then look their personal objectives up by
    # owner (as a subquery PostgreSQL walked every objective of the period).
    member_ids = [membership.user_id for membership in members]
    objectives = _TEAM_OBJECTIVES(team.pk, period.pk, member_ids) if period is not None else []
    return TeamPage(
        team=team,
        period=period,
        members=members,
        groups=group_by_objective(rows, objectives),
        open_blockers=_TEAM_OPEN_BLOCKERS(team.pk),
        periods=periods,
        rows=rows,
    )


def _team_key_results(team_id: int, period_id: int) -> QuerySet[KeyResult]:
    """The team's KRs of the period by the one rule (`selectors.scopes.in_team`): its
    objectives' KRs and its members' personal KRs — what the team review, the blockers list
    and the API show too — with everything their rows read (`with_row_relations`)."""
    return with_row_relations(
        KeyResult.objects.filter(
            in_team(team_id, key_result=""), not_archived(), objective__period_id=period_id
        )
        # The team's own objectives first, then its members' personal ones.
        .order_by(F("objective__team_id").asc(nulls_last=True), "objective_id", "id")
    )


def _team_objectives(team_id: int, period_id: int, member_ids: list[int]) -> QuerySet[Objective]:
    """The team's objectives of the period and its members' personal ones (those without a KR
    too), the team's first. The personal ones are found from their owners: a `team_id IS
    NULL` test that SQLite could take to the team index walks every personal objective of
    the organisation (as in `scopes.in_team`)."""
    wanted = Q(team_id=team_id)
    if member_ids:
        wanted |= Q(objective_team=0, owner_id__in=member_ids)
    return (
        Objective.objects.alias(objective_team=Coalesce("team_id", Value(0)))
        .filter(wanted, period_id=period_id, archived_at__isnull=True)
        .select_related("period", "owner__profile")
        .order_by(F("team_id").asc(nulls_last=True), "id")
    )


def _team_open_blockers(team_id: int) -> QuerySet[CheckIn]:
    """The open blockers of the team's KRs in use, of any period, oldest first."""
    return (
        CheckIn.objects.filter(
            in_team(team_id),
            not_archived(key_result="key_result"),
            signal=CheckIn.Signal.BLOCKER,
            resolved_at__isnull=True,
        )
        .select_related("key_result", "author__profile")
        .order_by("created_at")
    )


_MEMBERS = Prepared(
    lambda team_id: (
        Membership.objects.filter(team_id=team_id)
        .select_related("user__profile")
        .order_by("role", "user__username")
    )
)
_TEAM_KEY_RESULTS = Prepared(_team_key_results)
_TEAM_OBJECTIVES = Prepared(_team_objectives)
_TEAM_OPEN_BLOCKERS = Prepared(_team_open_blockers)
