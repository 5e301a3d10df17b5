"""The period check-out: closing a period, and carrying unfinished objectives into the next one.

Decisions worth knowing:

- **Closing does not wait for every Outcome.** A lead may close a period with KRs that have no
  Outcome (people leave, KRs are abandoned); the check-out page and the review list those KRs
  so the gap is visible, and calibration judges them by their last value once closed.
- **A closed period is history**: every write on it (check-ins, Next Up closures, blockers,
  objective and KR edits) is refused with ``period_closed`` by the services that write them.
  Feedback stays possible: reflecting on a closed period is the point of the review.
- **Carry-over copies, it never moves**: the copy lives in the target period with ``origin``
  pointing at the old objective (and each KR copy at its old KR); the old period keeps its
  history. Only unfinished KRs are copied (``domain.checkout``); each keeps its target and starts
  from its last value. The copies have no check-ins, so each KR is *context due*: a new period
  asks for a fresh "why this number and how".
- **Alignment follows when it can**: a copy's parent is the copy of the old parent when both are
  carried in the same call; otherwise the copy has no parent (the old one is in another period).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Prefetch

from incheck import clock
from incheck.audit.services import audit_record
from incheck.domain.checkout import carried_start, is_unfinished
from incheck.domain.permissions import may_close_period, may_create_objective
from incheck.errors import Conflict, Forbidden, Invalid, NotFound
from incheck.notify import events
from incheck.okrs.messages import message, messages_for
from incheck.okrs.models import KeyResult, Objective, Period
from incheck.okrs.services.access import User, actor_for
from incheck.okrs.services.locks import period_locked
from incheck.okrs.services.objectives import may_edit
from incheck.okrs.services.rollups import rollup_add_many
from incheck.okrs.services.summaries import refresh_progress


@transaction.atomic
def period_close(*, actor: User, period_id: int) -> Period:
    """Close a period (leads and admins): it is locked for every write from now on.

    Refused with ``period_already_closed`` (409) when it is closed already, so a double click
    does not move ``closed_at``.
    """
    if not may_close_period(actor_for(actor)):
        raise Forbidden(message("forbidden"), code="forbidden")
    period = period_locked(period_id)
    if period is None:
        raise NotFound(message("not_found"), code="not_found")
    if period.is_closed:
        raise Conflict(message("period_already_closed"), code="period_already_closed")
    # Wait for the writes under way on this period's objectives and KRs: they lock their row
    # and then read the period, so none can slip in after the close (see `locks`).
    list(
        Objective.objects.select_for_update()
        .filter(period_id=period_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    list(
        KeyResult.objects.select_for_update(of=("self",))
        .filter(objective__period_id=period_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    period.closed_at = clock.now()
    period.closed_by_id = actor.pk
    period.save(update_fields=["closed_at", "closed_by"])
    audit_record(actor=actor, action="period.closed", target=period)
    events.period_closed(period)
    return period


def _unfinished(key_result: KeyResult) -> bool:
    outcome = key_result.outcome
    return is_unfinished(
        outcome_score=outcome.score if outcome is not None else None,
        kr_type=key_result.kr_type,
        start=key_result.start_value,
        target=key_result.target_value,
        current=key_result.current_value,
    )


def unfinished_key_results(objective: Objective) -> list[KeyResult]:
    """The KRs of an objective (prefetched as ``key_results``) whose final score is below 1."""
    return [kr for kr in objective.key_results.all() if _unfinished(kr)]


def objective_is_unfinished(objective: Objective) -> bool:
    """Unfinished: any KR below a final score of 1, or no KR at all (nothing was reached)."""
    key_results = list(objective.key_results.all())
    return not key_results or any(_unfinished(kr) for kr in key_results)


def may_carry_over(actor: User, objective: Objective) -> bool:
    """Whoever may edit the objective and may create it in a new period (owner, leads, admins)."""
    return may_edit(actor, objective) and may_create_objective(
        actor_for(actor), owner_id=objective.owner_id, team_id=objective.team_id
    )


def with_key_results() -> Prefetch:
    """The prefetch that the unfinished rules read: KRs in use with their Outcome (an archived
    KR was given up: it is not unfinished work to carry)."""
    return Prefetch(
        "key_results",
        queryset=KeyResult.objects.filter(archived_at__isnull=True)
        .select_related("outcome")
        .order_by("id"),
    )


def _checked(
    actor: User, objective_ids: Sequence[int], to_period_id: int
) -> tuple[Period, list[Objective]]:
    """Every rule of a carry-over, checked before anything is written."""
    ids = list(dict.fromkeys(objective_ids))
    if not ids:
        raise Invalid(
            message("invalid_input"),
            code="invalid",
            fields=messages_for({"objectives": "carry_over_empty"}),
        )
    target = period_locked(to_period_id)
    objectives = list(
        Objective.objects.filter(pk__in=ids)
        .select_related("period")
        .prefetch_related(with_key_results())
        .order_by("id")
    )
    problems: dict[str, str] = {}
    if target is None:
        problems["to_period"] = "unknown_period"
    if len(objectives) != len(ids):
        problems["objectives"] = "unknown_objective"
    if problems or target is None:
        raise Invalid(message("invalid_input"), code="invalid", fields=messages_for(problems))
    if not all(may_carry_over(actor, objective) for objective in objectives):
        raise Forbidden(message("forbidden"), code="forbidden")
    if target.is_closed:
        raise Conflict(message("period_closed"), code="period_closed")
    if any(objective.period.start_on >= target.start_on for objective in objectives):
        problems["to_period"] = "carry_over_backwards"
    if not all(objective_is_unfinished(objective) for objective in objectives):
        problems["objectives"] = "objective_finished"
    if problems:
        raise Invalid(message("invalid_input"), code="invalid", fields=messages_for(problems))
    if Objective.objects.filter(period=target, origin_id__in=ids).exists():
        raise Conflict(message("already_carried"), code="already_carried")
    return target, objectives


@transaction.atomic
def objectives_carry_over(
    *, actor: User, objective_ids: Sequence[int], to_period_id: int
) -> list[Objective]:
    """Copy unfinished objectives and their unfinished KRs into a later period.

    All or nothing: an unknown id, a closed or earlier target period, a finished objective, one
    already carried there, or one the actor may not carry → an error and no writes at all.
    Returns the copies, in the order of the originals' ids.
    """
    target, objectives = _checked(actor, objective_ids, to_period_id)
    now = clock.now()
    copies: dict[int, Objective] = {}
    for objective in objectives:
        copies[objective.pk] = Objective.objects.create(
            period=target,
            title=objective.title,
            description=objective.description,
            team_id=objective.team_id,
            owner_id=objective.owner_id,
            origin=objective,
            created_by_id=actor.pk,
            created_at=now,
            updated_at=now,
        )
    for objective in objectives:
        parent_copy = copies.get(objective.parent_id) if objective.parent_id else None
        if parent_copy is not None:
            copy = copies[objective.pk]
            copy.parent = parent_copy
            copy.save(update_fields=["parent"])
    carried = KeyResult.objects.bulk_create(
        [
            _key_result_copy(key_result, copies[objective.pk], now=now)
            for objective in objectives
            for key_result in unfinished_key_results(objective)
        ]
    )
    rollup_add_many((copy.objective_id, 1, copy.progress) for copy in carried)
    return [copies[objective.pk] for objective in objectives]


def _key_result_copy(key_result: KeyResult, objective: Objective, *, now: dt.datetime) -> KeyResult:
    start = carried_start(
        kr_type=key_result.kr_type,
        start=key_result.start_value,
        target=key_result.target_value,
        current=key_result.current_value,
    )
    # changed_at = now and no Context yet: the copy is context due (rule 1).
    copy = KeyResult(
        objective=objective,
        title=key_result.title,
        owner_id=key_result.owner_id,
        kr_type=key_result.kr_type,
        start_value=start,
        target_value=key_result.target_value,
        unit=key_result.unit,
        origin=key_result,
        current_value=start,
        created_at=now,
        updated_at=now,
        changed_at=now,
    )
    return refresh_progress(copy)
