"""The reads behind the weekly digests: many digests in the same few queries.

``digests_data`` reads every digest of a batch together, per day and time zone of its readers:
the current period; the teams' members; the KRs with their health, rhythm and what they were
when the week began (subqueries on the same row); the nudges that went unanswered; the open
blockers; the week's insights. Six queries a group, whatever the number of digests or the size
of the teams; each digest then takes its KRs by the one team rule (``domain.teams``). Lists are
cut at ``LIMIT`` (the digest says how many more there are), so what is rendered is bounded too.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import OuterRef, Q, Subquery

from incheck import clock
from incheck.accounts.models import Membership, Team
from incheck.domain.cadence import within_rhythm
from incheck.domain.digest import Move, week_move
from incheck.domain.nudges import is_escalated
from incheck.domain.progress import progress_fraction
from incheck.domain.rhythm import Share
from incheck.domain.teams import key_result_team_ids
from incheck.notify.jobs.planning import rules
from incheck.notify.selectors.ignored import ignored_before, unanswered_nudge_days
from incheck.okrs.models import CheckIn, KeyResult, Period
from incheck.okrs.selectors.health import KeyResultRow, key_result_rows
from incheck.okrs.selectors.periods import current_period
from incheck.okrs.selectors.scopes import not_archived

LIMIT = 10
STUCK_CODES = ("next_up_overdue", "dead", "stale")


@dataclass
class Moved:
    row: KeyResultRow
    move: Move


@dataclass
class Stuck:
    row: KeyResultRow
    code: str  # next_up_overdue, dead, stale, or "ignored"
    ignored: int = 0


@dataclass
class DigestData:
    period: Period | None
    key_results: int = 0
    moved: list[Moved] = field(default_factory=list)
    stuck: list[Stuck] = field(default_factory=list)
    blockers: list[CheckIn] = field(default_factory=list)
    blockers_total: int = 0
    insights: list[CheckIn] = field(default_factory=list)
    rhythm_now: Share = field(default_factory=lambda: Share(0, 0))
    rhythm_before: Share = field(default_factory=lambda: Share(0, 0))
    more_moved: int = 0
    more_stuck: int = 0


@dataclass(frozen=True)
class DigestRequest:
    """One digest to read: a lead's team week (``team_id``) or a person's own."""

    key: int
    user_id: int
    team_id: int | None
    day: dt.date
    tz: dt.tzinfo


def _as_of(moment: dt.datetime) -> dict[str, Subquery]:
    """What a KR was at ``moment``: its last value, milestone state, forecast, check-in."""
    before = CheckIn.objects.filter(key_result=OuterRef("pk"), created_at__lt=moment).order_by(
        "-created_at", "-id"
    )
    progress = before.filter(kind=CheckIn.Kind.PROGRESS)
    return {
        "value_then": Subquery(progress.values("value")[:1]),
        "reached_then": Subquery(progress.values("reached")[:1]),
        "confidence_then": Subquery(
            before.filter(kind=CheckIn.Kind.CONFIDENCE).values("level")[:1]
        ),
        "checked_in_then": Subquery(before.values("created_at")[:1]),
    }


def _progress(kr: KeyResult, value: float | None, reached: bool | None) -> float:
    if kr.kr_type == KeyResult.Type.MILESTONE:
        current = 1.0 if reached else 0.0
        return progress_fraction(kr_type=kr.kr_type, start=0, target=1, current=current)
    return progress_fraction(
        kr_type=kr.kr_type, start=kr.start_value, target=kr.target_value, current=value
    )


def digest_data(
    *, user: AbstractBaseUser, team: Team | None, day: dt.date, tz: dt.tzinfo
) -> DigestData:
    """One digest: a lead's team week (``team``) or a person's own, as of ``day``."""
    request = DigestRequest(0, int(user.pk), team.pk if team else None, day, tz)
    return digests_data([request])[0]


def digests_data(requests: Sequence[DigestRequest]) -> dict[int, DigestData]:
    """Every digest of a batch, by its key, read together per (day, time zone)."""
    groups: dict[tuple[dt.date, str], list[DigestRequest]] = defaultdict(list)
    for request in requests:
        groups[(request.day, str(request.tz))].append(request)
    periods: dict[dt.date, Period | None] = {}
    result: dict[int, DigestData] = {}
    for (day, _zone), group in groups.items():
        if day not in periods:
            periods[day] = current_period(day)
        period = periods[day]
        if period is None:
            result.update({request.key: DigestData(period=None) for request in group})
            continue
        result.update(_group(group, period=period, day=day, tz=group[0].tz))
    return result


def _group(
    group: list[DigestRequest], *, period: Period, day: dt.date, tz: dt.tzinfo
) -> dict[int, DigestData]:
    week_start = dt.datetime.combine(day - dt.timedelta(days=7), dt.time(), tzinfo=tz)
    team_ids = {r.team_id for r in group if r.team_id is not None}
    owners = {r.user_id for r in group if r.team_id is None}
    owner_teams: dict[int, set[int]] = defaultdict(set)
    for user_id, team_id in Membership.objects.filter(team_id__in=team_ids).values_list(
        "user_id", "team_id"
    ):
        owner_teams[user_id].add(team_id)
    members = set(owner_teams)
    scope = KeyResult.objects.filter(not_archived(), objective__period=period).filter(
        Q(objective__team_id__in=team_ids)
        | Q(objective__team__isnull=True, owner_id__in=members)
        | Q(owner_id__in=owners)
    )
    rows = key_result_rows(
        scope.annotate(**_as_of(week_start)).order_by("objective_id", "id"), tz=tz
    )
    unanswered = unanswered_nudge_days(scope)
    blockers = list(
        CheckIn.objects.filter(
            key_result__in=scope, signal=CheckIn.Signal.BLOCKER, resolved_at__isnull=True
        )
        .select_related("key_result")
        .order_by("created_at", "id")
    )
    insights = list(
        CheckIn.objects.filter(key_result__in=scope, created_at__gte=week_start)
        .filter(Q(kind=CheckIn.Kind.INSIGHT) | Q(signal=CheckIn.Signal.INSIGHT))
        .select_related("key_result")
        .order_by("-created_at", "-id")
    )

    def teams_of(kr: KeyResult) -> frozenset[int]:
        return key_result_team_ids(
            objective_team_id=kr.objective.team_id, owner_team_ids=owner_teams[kr.owner_id]
        )

    team_of_kr = {row.kr.pk: teams_of(row.kr) for row in rows}
    owner_of_kr = {row.kr.pk: row.kr.owner_id for row in rows}
    out: dict[int, DigestData] = {}
    for request in group:

        def mine(kr_id: int, request: DigestRequest = request) -> bool:
            if request.team_id is not None:
                return request.team_id in team_of_kr.get(kr_id, frozenset())
            return owner_of_kr.get(kr_id) == request.user_id

        data = _digest(
            [row for row in rows if mine(row.kr.pk)],
            unanswered=unanswered,
            day=day,
            tz=tz,
            week_start=week_start,
        )
        data.period = period
        own_blockers = [b for b in blockers if mine(b.key_result_id)]
        data.blockers, data.blockers_total = own_blockers[:LIMIT], len(own_blockers)
        data.insights = [i for i in insights if mine(i.key_result_id)][:LIMIT]
        out[request.key] = data
    return out


def _digest(
    rows: list[KeyResultRow],
    *,
    unanswered: dict[int, list[dt.date]],
    day: dt.date,
    tz: dt.tzinfo,
    week_start: dt.datetime,
) -> DigestData:
    """Moved, stuck and the rhythm of one digest's KRs."""
    data = DigestData(period=None, key_results=len(rows))
    nudge_rules = rules()
    moved: list[Moved] = []
    stuck: list[Stuck] = []
    within_now = within_before = 0
    for row in rows:
        kr: KeyResult = row.kr
        # Before any progress check-in the KR stood at its start.
        value_then = getattr(kr, "value_then", None)
        move = week_move(
            progress_then=_progress(
                kr,
                kr.start_value if value_then is None else value_then,
                getattr(kr, "reached_then", None),
            ),
            progress_now=row.progress,
            confidence_then=getattr(kr, "confidence_then", None),
            confidence_now=kr.confidence,
        )
        if move is not None and (kr.last_check_in_at or week_start) >= week_start:
            moved.append(Moved(row, move))
        ignored = ignored_before(unanswered.get(kr.pk, []), day)
        code = next((c for c in STUCK_CODES if c in row.codes), None)
        if is_escalated(ignored, nudge_rules):
            stuck.append(Stuck(row, "ignored", ignored))
        elif code is not None:
            stuck.append(Stuck(row, code))
        if row.cadence is not None:
            then = getattr(kr, "checked_in_then", None)
            last_now = clock.local_date(kr.last_check_in_at, tz)
            last_then = clock.local_date(then, tz)
            within_now += within_rhythm(row.cadence, last_now, today=day)
            within_before += within_rhythm(row.cadence, last_then, today=day - dt.timedelta(days=7))
    data.rhythm_now = Share(within_now, len(rows))
    data.rhythm_before = Share(within_before, len(rows))
    # The most stuck first (ignored nudges, then the health order), the biggest moves first.
    order = {"ignored": 0, **{code: n + 1 for n, code in enumerate(STUCK_CODES)}}
    stuck.sort(key=lambda s: (order[s.code], s.row.kr.pk))
    moved.sort(key=lambda m: (-abs(m.move.progress_points), m.row.kr.pk))
    data.moved, data.more_moved = moved[:LIMIT], max(0, len(moved) - LIMIT)
    data.stuck, data.more_stuck = stuck[:LIMIT], max(0, len(stuck) - LIMIT)
    return data
