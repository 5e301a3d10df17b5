"""Recording the programme's health: per team and overall, on the days of the weekly trend.

The dashboard must not read every KR of the organisation on each request, and its trend needs
the past, which the KR rows do not keep. So a job (`incheck health-snapshot`, cron or
`--loop`) replays the period's check-ins once, in time order, and on each trend day judges
every KR as it stood at the end of that day — with the same rules as everywhere
(`domain.health`, `domain.rhythm`, `domain.calibration`) — and stores the counts in
`ProgrammeHealth` rows. Running it again replaces the rows of the same days (idempotent); two
machines running it at once write the same rows, and the loser's transaction is rolled back.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction

from incheck import clock
from incheck.accounts.models import Membership, Team
from incheck.accounts.rhythm import cadence_of
from incheck.domain.cadence import DEFAULT_CADENCE, Cadence, rhythm_of, within_rhythm
from incheck.domain.calibration import Forecast, brier_score, final_score
from incheck.domain.health import KeyResultSnapshot, NextUpSnapshot, key_result_health
from incheck.domain.programme import ProgrammeCounts, trend_days
from incheck.domain.teams import key_result_team_ids
from incheck.okrs.models import CheckIn, KeyResult, Period, ProgrammeHealth
from incheck.okrs.selectors.health import thresholds
from incheck.okrs.selectors.scopes import not_archived

CHUNK = 5000


@dataclass
class _State:
    """A KR as its check-ins so far have left it (the replay's running summary)."""

    current: float | None = None
    last_check_in: dt.datetime | None = None
    last_progress: dt.datetime | None = None
    last_context: dt.datetime | None = None
    confidence: int | None = None
    previous_confidence: int | None = None
    # The latest Next Up: (created, due, closed at), open at a moment if not closed by then.
    next_up: tuple[dt.datetime, dt.date | None, dt.datetime | None] | None = None
    outcome_score: float | None = None
    levels: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class _KeyResult:
    id: int
    kr_type: str
    start: float
    target: float
    created_at: dt.datetime
    changed_at: dt.datetime
    teams: tuple[int, ...]
    # The team rhythm it follows (domain.cadence): its objective's team's, else its owner's.
    cadence: Cadence = DEFAULT_CADENCE


def _key_results(period: Period) -> list[_KeyResult]:
    """The period's KRs and each one's teams (the objective's, else the owner's): two queries."""
    rows = list(
        # Archived KRs are out of the programme's figures (from the next recording on).
        KeyResult.objects.filter(not_archived(), objective__period=period)
        .order_by("id")
        .values_list(
            "id",
            "kr_type",
            "start_value",
            "target_value",
            "created_at",
            "changed_at",
            "objective__team_id",
            "owner_id",
        )
    )
    personal = {owner for *_rest, team, owner in rows if team is None}
    owner_teams: dict[int, list[int]] = defaultdict(list)
    for user_id, team_id in Membership.objects.filter(user_id__in=personal).values_list(
        "user_id", "team_id"
    ):
        owner_teams[user_id].append(team_id)
    team_ids = {team for *_rest, team, _owner in rows if team is not None}
    team_ids.update(t for teams in owner_teams.values() for t in teams)
    cadences = {team.pk: cadence_of(team) for team in Team.objects.filter(pk__in=team_ids)}

    def cadence(team: int | None, owner: int) -> Cadence:
        if team is not None:
            return cadences.get(team, DEFAULT_CADENCE)
        return rhythm_of((t, cadences[t]) for t in owner_teams[owner] if t in cadences)

    return [
        _KeyResult(
            id=pk,
            kr_type=kr_type,
            start=start,
            target=target,
            created_at=created,
            changed_at=changed,
            teams=tuple(
                key_result_team_ids(objective_team_id=team, owner_team_ids=owner_teams[owner])
            ),
            cadence=cadence(team, owner),
        )
        for pk, kr_type, start, target, created, changed, team, owner in rows
    ]


def _apply(state: _State, kind: str, at: dt.datetime, values: tuple[Any, ...]) -> None:
    value, reached, level, due_on, closed_at, score = values
    state.last_check_in = at
    if kind in {"progress", "outcome"}:
        state.current = (1.0 if reached else 0.0) if reached is not None else value
        state.last_progress = at
    if kind == "outcome":
        state.outcome_score = score
    if kind == "context":
        state.last_context = at
    if kind == "confidence" and level is not None:
        state.previous_confidence, state.confidence = state.confidence, level
        state.levels.append(level)
    if kind == "next_up":
        state.next_up = (at, due_on, closed_at)


def _snapshot(
    kr: _KeyResult, state: _State, period: Period, cutoff: dt.datetime, tz: dt.tzinfo
) -> tuple[KeyResultSnapshot, bool]:
    def day(moment: dt.datetime | None) -> dt.date | None:
        return clock.local_date(moment, tz)

    next_up = state.next_up
    open_next_up = next_up is not None and (next_up[2] is None or next_up[2] >= cutoff)
    changed = kr.changed_at if kr.changed_at < cutoff else kr.created_at
    snapshot = KeyResultSnapshot(
        kr_type=kr.kr_type,
        start_value=kr.start,
        target_value=kr.target,
        current_value=state.current if state.current is not None else kr.start,
        created_on=day(kr.created_at) or period.start_on,
        changed_at=changed,
        last_context_at=state.last_context,
        last_check_in_on=day(state.last_check_in),
        last_progress_on=day(state.last_progress),
        open_next_up=NextUpSnapshot(
            due_on=next_up[1], created_on=day(next_up[0]) or period.start_on
        )
        if open_next_up and next_up is not None and next_up[1] is not None
        else None,
        confidence=state.confidence,
        previous_confidence=state.previous_confidence,
        has_outcome=state.outcome_score is not None,
        period_start=period.start_on,
        period_end=period.end_on,
        period_closed=period.is_closed
        and period.closed_at is not None
        and period.closed_at < cutoff,
    )
    return snapshot, open_next_up


def programme_health_compute(
    period: Period, days: Iterable[dt.date], *, tz: dt.tzinfo
) -> dict[dt.date, dict[int | None, tuple[ProgrammeCounts, list[Forecast]]]]:
    """Replay the period's check-ins and count, on each day, per team and overall (None)."""
    key_results = _key_results(period)
    by_id = {kr.id: kr for kr in key_results}
    states = {kr.id: _State() for kr in key_results}
    limits = thresholds()
    check_ins = (
        CheckIn.objects.filter(
            not_archived(key_result="key_result"), key_result__objective__period=period
        )
        .order_by("created_at", "id")
        .values_list(
            "key_result_id",
            "kind",
            "created_at",
            "value",
            "reached",
            "level",
            "due_on",
            "closed_at",
            "score",
        )
        .iterator(CHUNK)
    )
    pending = next(check_ins, None)
    result: dict[dt.date, dict[int | None, tuple[ProgrammeCounts, list[Forecast]]]] = {}
    for when in sorted(set(days)):
        cutoff = dt.datetime.combine(when + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        while pending is not None and pending[2] < cutoff:
            kr_id, kind, at, *values = pending
            _apply(states[kr_id], kind, at, tuple(values))
            pending = next(check_ins, None)
        tally: dict[int | None, tuple[ProgrammeCounts, list[Forecast]]] = defaultdict(
            lambda: (ProgrammeCounts(), [])
        )
        for kr in key_results:
            if kr.created_at >= cutoff:
                continue
            state = states[kr.id]
            snapshot, open_next_up = _snapshot(kr, state, period, cutoff, tz)
            codes = {s.code for s in key_result_health(snapshot, today=when, thresholds=limits)}
            rhythm = within_rhythm(kr.cadence, snapshot.last_check_in_on, today=when)
            judged = final_score(
                outcome_score=state.outcome_score,
                kr_type=kr.kr_type,
                start=kr.start,
                target=kr.target,
                current=snapshot.current_value,
                period_closed=snapshot.period_closed,
            )
            forecasts = (
                [Forecast(level=level, final_score=judged) for level in state.levels]
                if judged is not None
                else []
            )
            for key in (None, *by_id[kr.id].teams):
                counts, judged_forecasts = tally[key]
                counts.add(codes=codes, has_open_next_up=open_next_up, in_rhythm=rhythm)
                judged_forecasts.extend(forecasts)
        result[when] = dict(tally)
    return result


def programme_health_record(
    *, period_id: int, days: Iterable[dt.date] | None = None, tz: dt.tzinfo | None = None
) -> int:
    """Compute and store the programme health of a period; returns the rows written.

    `days` None: the trend days up to today (`domain.programme.trend_days`). The rows of those
    days are replaced in one transaction.
    """
    period = Period.objects.get(pk=period_id)
    zone = tz or clock.zone(None)
    wanted = (
        list(days)
        if days is not None
        else trend_days(period.start_on, period.end_on, clock.today(zone))
    )
    computed = programme_health_compute(period, wanted, tz=zone)
    now = clock.now()
    rows = [
        ProgrammeHealth(
            period=period,
            team_id=team_id,
            day=day,
            **counts.as_dict(),
            forecasts=len(forecasts),
            brier=brier_score(forecasts),
            computed_at=now,
        )
        for day, tally in computed.items()
        for team_id, (counts, forecasts) in tally.items()
    ]
    try:
        with transaction.atomic():
            ProgrammeHealth.objects.filter(period=period, day__in=wanted).delete()
            ProgrammeHealth.objects.bulk_create(rows, batch_size=500)
    except IntegrityError:
        # Another machine wrote the same days at the same moment: its rows are as good.
        return 0
    return len(rows)


def programme_health_record_due(*, tz: dt.tzinfo | None = None) -> int:
    """The job's work: the missing trend days of every period, and today's again while open."""
    written = 0
    zone = tz or clock.zone(None)
    today = clock.today(zone)
    for period in Period.objects.filter(start_on__lte=today):
        known = set(
            ProgrammeHealth.objects.filter(period=period, team__isnull=True).values_list(
                "day", flat=True
            )
        )
        days = trend_days(period.start_on, period.end_on, today)
        wanted = [
            day for day in days if day not in known or (day == today and not period.is_closed)
        ]
        if wanted:
            written += programme_health_record(period_id=period.pk, days=wanted, tz=zone)
    return written
