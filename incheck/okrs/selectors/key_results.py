"""Lists of objectives and key results, filtered the way an API client or a page asks.

Each returns an unevaluated QuerySet in a stable order: the caller pages it, so a page reads in
a fixed number of queries whatever the data size.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from incheck import clock
from incheck.errors import NotFound
from incheck.okrs.models import KeyResult, Objective
from incheck.okrs.selectors.health import KeyResultRow, key_result_row, with_row_relations
from incheck.okrs.selectors.scopes import in_team, not_archived


def objective_list(
    *,
    period_id: int | None = None,
    team_id: int | None = None,
    owner_id: int | None = None,
    archived: bool = False,
) -> QuerySet[Objective]:
    """Objectives by period, then creation; `team_id` and `owner_id` match the objective's own
    team or owner. Those in use, or the archived ones instead when `archived`."""
    queryset = Objective.objects.filter(archived_at__isnull=not archived)
    if period_id is not None:
        queryset = queryset.filter(period_id=period_id)
    if team_id is not None:
        queryset = queryset.filter(team_id=team_id)
    if owner_id is not None:
        queryset = queryset.filter(owner_id=owner_id)
    return queryset.order_by("-period__start_on", "id")


def objective_get(objective_id: int) -> Objective:
    """One objective, or NotFound."""
    objective = Objective.objects.filter(pk=objective_id).first()
    if objective is None:
        raise NotFound(code="not_found")
    return objective


def key_result_list(
    *,
    objective_id: int | None = None,
    period_id: int | None = None,
    owner_id: int | None = None,
    team_id: int | None = None,
    archived: bool = False,
) -> QuerySet[KeyResult]:
    """KRs ordered by objective, joined with everything a `KeyResultRow` reads: those in use
    (`scopes.not_archived`), or instead, when `archived`, those archived or under an archived
    objective."""
    in_use = not_archived()
    queryset = KeyResult.objects.filter(~in_use if archived else in_use)
    if objective_id is not None:
        queryset = queryset.filter(objective_id=objective_id)
    if period_id is not None:
        queryset = queryset.filter(objective__period_id=period_id)
    if owner_id is not None:
        queryset = queryset.filter(owner_id=owner_id)
    if team_id is not None:
        queryset = queryset.filter(in_team(team_id, key_result=""))
    return with_row_relations(queryset).order_by("objective_id", "id")


def key_result_rows_of(key_results: list[KeyResult], *, tz: dt.tzinfo) -> list[KeyResultRow]:
    """Progress, pace and health for KRs already read with `key_result_list` (no query)."""
    today = clock.today(tz)
    return [key_result_row(kr, tz=tz, today=today) for kr in key_results]


def key_result_get(key_result_id: int, *, tz: dt.tzinfo) -> KeyResultRow:
    """One KR with its health (one query), or NotFound."""
    kr = with_row_relations(KeyResult.objects.filter(pk=key_result_id)).first()
    if kr is None:
        raise NotFound(code="not_found")
    return key_result_row(kr, tz=tz, today=clock.today(tz))
