"""Writing key results: create, edit and archive. A significant change makes a new Context due."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from incheck import clock
from incheck.domain.definitions import key_result_problems, milestone_values, significant_change
from incheck.domain.permissions import (
    may_add_key_result,
    may_edit_key_result,
    may_update_key_result,
)
from incheck.errors import Conflict, Forbidden, Invalid
from incheck.okrs.messages import message, messages_for
from incheck.okrs.models import KeyResult
from incheck.okrs.services.access import User, actor_for, key_result_team_ids
from incheck.okrs.services.locks import key_result_locked, objective_locked
from incheck.okrs.services.objectives import may_edit
from incheck.okrs.services.rollups import rollup_change, rollup_share
from incheck.okrs.services.summaries import refresh_progress

EDITABLE = ("title", "owner_id", "kr_type", "start_value", "target_value", "unit")


def _raise_if(problems: dict[str, str]) -> None:
    if problems:
        raise Invalid(message("invalid_input"), code="invalid", fields=messages_for(problems))


def _owner_problems(owner_id: int) -> dict[str, str]:
    if not get_user_model().objects.filter(pk=owner_id, is_active=True).exists():
        return {"owner": "unknown_user"}
    return {}


@transaction.atomic
def key_result_create(
    *,
    actor: User,
    objective_id: int,
    title: str,
    owner_id: int,
    kr_type: str = KeyResult.Type.INCREASE,
    start_value: float = 0.0,
    target_value: float = 1.0,
    unit: str = "",
) -> KeyResult:
    """Add a KR to an objective. It starts *context due*: the why comes first (rule 1)."""
    # Locked, so a close that commits meanwhile is seen (`locks`).
    objective = objective_locked(objective_id)
    if objective is None:
        raise Invalid(fields={"objective": message("unknown_objective")}, code="invalid")
    if objective.period.is_closed:
        raise Conflict(message("period_closed"), code="period_closed")
    if objective.archived_at is not None:
        raise Conflict(message("objective_archived"), code="archived")
    problems = key_result_problems(
        title=title, kr_type=kr_type, start_value=start_value, target_value=target_value, unit=unit
    )
    problems.update(_owner_problems(owner_id))
    _raise_if(problems)
    actor_facts = actor_for(actor)
    if not may_add_key_result(
        actor_facts, objective_editable=may_edit(actor, objective), team_id=objective.team_id
    ):
        raise Forbidden(code="forbidden")
    start_value, target_value = milestone_values(kr_type, start_value, target_value)
    now = clock.now()
    key_result = KeyResult(
        objective=objective,
        title=title.strip(),
        owner_id=owner_id,
        kr_type=kr_type,
        start_value=start_value,
        target_value=target_value,
        unit=unit.strip(),
        current_value=start_value,
        created_at=now,
        updated_at=now,
        changed_at=now,
    )
    refresh_progress(key_result).save(force_insert=True)
    rollup_change(objective_id=objective.pk, before=(0, 0.0), after=rollup_share(key_result))
    return key_result


def may_edit_definition(
    actor: User, key_result: KeyResult, *, team_ids: frozenset[int] | None = None
) -> bool:
    """Whether the user may change this KR's definition.

    `team_ids`: the KR's teams (`access.key_result_team_ids`) when the caller has them already.
    """
    facts = actor_for(actor)
    return may_edit_key_result(
        facts,
        owner_id=key_result.owner_id,
        team_ids=key_result_team_ids(key_result, known=facts) if team_ids is None else team_ids,
        objective_editable=may_edit(actor, key_result.objective),
    )


@transaction.atomic
def key_result_update(*, actor: User, key_result_id: int, **changes: Any) -> KeyResult:
    """Edit a KR. Changing title, type, start, target or unit makes context due again.

    Handing it to another owner follows the create rule (`may_update_key_result`).
    `archived=True` takes it out of the pages, the inbox, the lists and the nudges (reviews and
    exports keep it), `archived=False` brings it back: whoever may edit it, in an open period.
    """
    archived = changes.pop("archived", None)
    key_result = key_result_locked(key_result_id)
    objective_editable = may_edit(actor, key_result.objective)
    team_ids = key_result_team_ids(key_result)
    actor_facts = actor_for(actor)
    if not may_edit_key_result(
        actor_facts,
        owner_id=key_result.owner_id,
        team_ids=team_ids,
        objective_editable=objective_editable,
    ):
        raise Forbidden(code="forbidden")
    if key_result.objective.period.is_closed:
        raise Conflict(message("period_closed"), code="period_closed")
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise Invalid(fields={name: message("unknown_field") for name in unknown}, code="invalid")
    before = {name: getattr(key_result, name) for name in EDITABLE}
    after = {**before, **changes}
    problems = key_result_problems(
        title=after["title"],
        kr_type=after["kr_type"],
        start_value=after["start_value"],
        target_value=after["target_value"],
        unit=after["unit"],
    )
    if "owner_id" in changes:
        problems.update(_owner_problems(after["owner_id"]))
    _raise_if(problems)
    if not may_update_key_result(
        actor_facts,
        owner_id=key_result.owner_id,
        team_ids=team_ids,
        objective_editable=objective_editable,
        objective_team_id=key_result.objective.team_id,
        new_owner_id=after["owner_id"],
    ):
        raise Forbidden(message("forbidden"), code="forbidden")
    after["start_value"], after["target_value"] = milestone_values(
        after["kr_type"], after["start_value"], after["target_value"]
    )
    after["title"], after["unit"] = after["title"].strip(), after["unit"].strip()
    now = clock.now()
    if significant_change(before, after):
        key_result.changed_at = now
    if after["kr_type"] != before["kr_type"]:
        # A value on the old scale means nothing on the new one.
        key_result.current_value = after["start_value"]
    for name, value in after.items():
        setattr(key_result, name, value)
    share_before = rollup_share(key_result)
    if archived is not None and archived != (key_result.archived_at is not None):
        key_result.archived_at = now if archived else None
    key_result.updated_at = now
    refresh_progress(key_result).save()
    # Archiving takes its share out of the roll-ups above it, restoring puts it back.
    rollup_change(
        objective_id=key_result.objective_id, before=share_before, after=rollup_share(key_result)
    )
    return key_result
