"""Writing objectives: create, edit and archive, with the ownership and alignment rules."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from incheck import clock
from incheck.accounts.models import Team
from incheck.domain.definitions import objective_problems, parent_cycle
from incheck.domain.permissions import (
    may_create_objective,
    may_edit_objective,
    may_update_objective,
)
from incheck.errors import Conflict, Forbidden, Invalid, NotFound
from incheck.okrs.messages import message, messages_for
from incheck.okrs.models import Objective, Period
from incheck.okrs.services.access import User, actor_for
from incheck.okrs.services.locks import objective_locked, period_locked
from incheck.okrs.services.rollups import rollup_archive, rollup_move


def _ownership_problems(team_id: int | None, owner_id: int | None) -> dict[str, str]:
    if team_id is None and owner_id is None:
        return {"owner": "owner_required"}
    if team_id is not None and owner_id is not None:
        return {"owner": "owner_ambiguous"}
    if team_id is not None and not Team.objects.filter(pk=team_id).exists():
        return {"team": "unknown_team"}
    if owner_id is not None and not get_user_model().objects.filter(pk=owner_id).exists():
        return {"owner": "unknown_user"}
    return {}


def _definition_problems(
    *, title: str, description: str, period: Period, parent_id: int | None
) -> dict[str, str]:
    problems = objective_problems(title=title, description=description)
    if parent_id is not None:
        parent_period = (
            Objective.objects.filter(pk=parent_id).values_list("period_id", flat=True).first()
        )
        if parent_period is None:
            problems["parent"] = "unknown_objective"
        elif parent_period != period.pk:
            problems["parent"] = "parent_other_period"
    return problems


def _raise_if(problems: dict[str, str]) -> None:
    if problems:
        raise Invalid(message("invalid_input"), code="invalid", fields=messages_for(problems))


@transaction.atomic
def objective_create(
    *,
    actor: User,
    period_id: int,
    title: str,
    description: str = "",
    team_id: int | None = None,
    owner_id: int | None = None,
    parent_id: int | None = None,
) -> Objective:
    """Create an objective owned by a team (leads, admins) or a person (themselves, admins)."""
    # Locked, so a close that commits meanwhile is seen (`locks`).
    period = period_locked(period_id)
    if period is None:
        raise Invalid(fields={"period": message("unknown_period")}, code="invalid")
    if period.is_closed:
        raise Conflict(message("period_closed"), code="period_closed")
    problems = _ownership_problems(team_id, owner_id)
    problems.update(
        _definition_problems(
            title=title, description=description, period=period, parent_id=parent_id
        )
    )
    _raise_if(problems)
    if not may_create_objective(actor_for(actor), owner_id=owner_id, team_id=team_id):
        raise Forbidden(code="forbidden")
    now = clock.now()
    return Objective.objects.create(
        period=period,
        title=title.strip(),
        description=description.strip(),
        team_id=team_id,
        owner_id=owner_id,
        parent_id=parent_id,
        created_by_id=actor.pk,
        created_at=now,
        updated_at=now,
    )


def _makes_cycle(objective: Objective, parent_id: int) -> bool:
    """Whether `parent_id` is this objective or under it (one query: the period's links)."""
    links = Objective.objects.filter(period_id=objective.period_id).values_list("pk", "parent_id")
    return parent_cycle(objective_id=objective.pk, parent_id=parent_id, parent_of=dict(links))


def may_edit(actor: User, objective: Objective) -> bool:
    """Whether the user may edit this objective (and so add KRs to it)."""
    return may_edit_objective(
        actor_for(actor),
        owner_id=objective.owner_id,
        team_id=objective.team_id,
        created_by_id=objective.created_by_id,
    )


@transaction.atomic
def objective_update(*, actor: User, objective_id: int, **changes: Any) -> Objective:
    """Change an objective's title, description, owner or parent alignment, or archive it.

    `archived=True` takes it and its KRs out of the pages, the inbox, the lists and the nudges
    (reviews and exports keep them); `archived=False` brings them back. Whoever may edit it may
    archive it, in an open period; archiving an archived one changes nothing.
    Held to the create rule for what it changes (`domain.permissions.may_update_objective`): a
    new owner must be one the actor could create the objective for, else `forbidden`. A parent
    under this objective would make a loop: `parent_cycle` (422).
    """
    archived = changes.pop("archived", None)
    realigned = changes.get("parent_id") is not None
    if "parent_id" in changes:
        # Two re-alignments at once could each see no loop and make one together: they wait
        # for each other on the period, locked before the objective (the order of `locks`).
        period_id = (
            Objective.objects.filter(pk=objective_id).values_list("period_id", flat=True).first()
        )
        if period_id is not None:
            period_locked(period_id)
    objective = objective_locked(objective_id)
    if objective is None:
        raise NotFound(code="not_found")
    if not may_edit(actor, objective):
        raise Forbidden(code="forbidden")
    if objective.period.is_closed:
        raise Conflict(message("period_closed"), code="period_closed")
    allowed = {"title", "description", "team_id", "owner_id", "parent_id"}
    unknown = set(changes) - allowed
    if unknown:
        raise Invalid(fields={name: message("unknown_field") for name in unknown}, code="invalid")
    merged = {name: changes.get(name, getattr(objective, name)) for name in allowed}
    if "team_id" in changes and "owner_id" not in changes and merged["team_id"] is not None:
        merged["owner_id"] = None
    if "owner_id" in changes and "team_id" not in changes and merged["owner_id"] is not None:
        merged["team_id"] = None
    problems = _ownership_problems(merged["team_id"], merged["owner_id"])
    problems.update(
        _definition_problems(
            title=merged["title"],
            description=merged["description"],
            period=objective.period,
            parent_id=merged["parent_id"],
        )
    )
    if realigned and "parent" not in problems and _makes_cycle(objective, merged["parent_id"]):
        problems["parent"] = "parent_cycle"
    _raise_if(problems)
    if not may_update_objective(
        actor_for(actor),
        owner_id=objective.owner_id,
        team_id=objective.team_id,
        created_by_id=objective.created_by_id,
        new_owner_id=merged["owner_id"],
        new_team_id=merged["team_id"],
    ):
        raise Forbidden(message("forbidden"), code="forbidden")
    now = clock.now()
    old_parent_id = objective.parent_id
    for name, value in merged.items():
        setattr(objective, name, value.strip() if isinstance(value, str) else value)
    archiving = archived is not None and archived != (objective.archived_at is not None)
    if archiving:
        objective.archived_at = now if archived else None
    objective.updated_at = now
    objective.save()
    if objective.parent_id != old_parent_id:
        rollup_move(objective=objective, old_parent_id=old_parent_id)
    if archiving:
        # After the move, if any: the subtree leaves (or joins) the chain it now hangs from.
        rollup_archive(objective=objective)
    return objective
