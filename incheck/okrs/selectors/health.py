"""A KR row with its progress, pace and health, computed from the row alone (no extra query)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, OuterRef, QuerySet, Subquery, When

from incheck import clock
from incheck.accounts.models import Membership, Team
from incheck.accounts.rhythm import cadence_of_key_result
from incheck.domain.cadence import Cadence, due_reasons
from incheck.domain.health import (
    KeyResultSnapshot,
    NextUpSnapshot,
    Signal,
    Thresholds,
    due_facts,
    expected_progress,
    key_result_health,
    worst,
)
from incheck.domain.progress import progress_fraction
from incheck.okrs.models import KeyResult


def thresholds() -> Thresholds:
    """The method's thresholds as configured (settings, from the environment)."""
    return Thresholds(
        stale_days=settings.INCHECK_STALE_DAYS,
        dead_days=settings.INCHECK_DEAD_DAYS,
        pace_tolerance=settings.INCHECK_PACE_TOLERANCE_PERCENT / 100,
        low_confidence=settings.INCHECK_LOW_CONFIDENCE,
        outcome_window_days=settings.INCHECK_OUTCOME_WINDOW_DAYS,
    )


@dataclass(frozen=True)
class KeyResultRow:
    """A KR as a page shows it: the row, its progress against the period, and its health."""

    kr: KeyResult
    progress: float
    expected: float
    signals: tuple[Signal, ...]
    # The rhythm the KR follows (its team's), for the words of ``check_in_due``.
    cadence: Cadence | None = None
    # Why the KR is due in that rhythm (``domain.cadence.due_reasons``), e.g. ("next_up_due",).
    due: tuple[str, ...] = ()

    @property
    def worst(self) -> Signal | None:
        return worst(self.signals)

    @property
    def progress_percent(self) -> int:
        return round(self.progress * 100)

    @property
    def expected_percent(self) -> int:
        return round(self.expected * 100)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(signal.code for signal in self.signals)


def with_row_relations(queryset: QuerySet[KeyResult]) -> QuerySet[KeyResult]:
    """Everything a KeyResultRow reads, joined in the same query.

    A KR under a personal objective belongs to all its owner's teams (``domain.teams``) and
    keeps the rhythm of the first of them (``domain.cadence.rhythm_of``: the lowest team id):
    its cadence comes along as three small subqueries, asked only for those KRs.
    """
    # The lowest of the owner's team ids first, then that team by its key: asked as one
    # subquery joining memberships to teams in team order, PostgreSQL walked the teams by
    # their key until it met one of the owner's (a cost growing with the organisation).
    first_team_id = (
        Membership.objects.filter(user_id=OuterRef(OuterRef("owner_id")))
        .order_by("team_id")
        .values("team_id")[:1]
    )
    first_team = Team.objects.filter(pk=Subquery(first_team_id))

    def owner_team(field: str) -> Case:
        return Case(
            When(objective__team__isnull=True, then=Subquery(first_team.values(field)[:1])),
            default=None,
        )

    return queryset.select_related(
        "objective__period", "objective__team", "owner__profile", "open_next_up"
    ).annotate(
        owner_team_every_weeks=owner_team("check_in_every_weeks"),
        owner_team_weekday=owner_team("check_in_weekday"),
        owner_team_anchor_on=owner_team("check_in_anchor_on"),
    )


def snapshot(kr: KeyResult, tz: dt.tzinfo) -> KeyResultSnapshot:
    """The pure-domain view of a KR row, with times as dates in the reader's time zone."""
    period = kr.objective.period
    next_up = kr.open_next_up

    def day(moment: dt.datetime | None) -> dt.date | None:
        return clock.local_date(moment, tz)

    return KeyResultSnapshot(
        kr_type=kr.kr_type,
        start_value=kr.start_value,
        target_value=kr.target_value,
        current_value=kr.current_value,
        created_on=day(kr.created_at) or period.start_on,
        changed_at=kr.changed_at,
        last_context_at=kr.last_context_at,
        last_check_in_on=day(kr.last_check_in_at),
        last_progress_on=day(kr.last_progress_at),
        open_next_up=NextUpSnapshot(
            due_on=next_up.due_on, created_on=day(next_up.created_at) or period.start_on
        )
        if next_up is not None and next_up.due_on is not None
        else None,
        confidence=kr.confidence,
        previous_confidence=kr.previous_confidence,
        has_outcome=kr.outcome_id is not None,
        period_start=period.start_on,
        period_end=period.end_on,
        period_closed=period.is_closed,
        cadence=cadence_of_key_result(kr),
    )


def key_result_row(kr: KeyResult, *, tz: dt.tzinfo, today: dt.date) -> KeyResultRow:
    """Progress, pace and health of one KR already loaded with `with_row_relations`."""
    health = snapshot(kr, tz)
    return KeyResultRow(
        kr=kr,
        progress=progress_fraction(
            kr_type=kr.kr_type,
            start=kr.start_value,
            target=kr.target_value,
            current=kr.current_value,
        ),
        expected=expected_progress(health, today=today),
        signals=key_result_health(health, today=today, thresholds=thresholds()),
        cadence=health.cadence,
        due=due_reasons(health.cadence, due_facts(health), today=today) if health.cadence else (),
    )


def key_result_rows(queryset: QuerySet[KeyResult], *, tz: dt.tzinfo) -> list[KeyResultRow]:
    """Rows for a whole page of KRs in one query."""
    today = clock.today(tz)
    return [key_result_row(kr, tz=tz, today=today) for kr in with_row_relations(queryset)]
