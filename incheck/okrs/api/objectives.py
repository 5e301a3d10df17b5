"""Objectives: list (by period, team, owner), create, read, change."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import field_validator

from incheck.okrs.api.context import user_of
from incheck.okrs.api.pagination import Page
from incheck.okrs.api.schemas import ObjectiveOut
from incheck.okrs.api.types import Flag, Id, Input, Ref, Text
from incheck.okrs.models import Objective
from incheck.okrs.selectors.key_results import objective_get, objective_list
from incheck.okrs.services.objectives import objective_create, objective_update

router = Router(tags=["objectives"])


class ObjectiveFilters(Schema):
    period: Id | None = None
    team: Id | None = None
    owner: Id | None = None
    archived: bool = Field(False, description="true: the archived objectives instead.")


class ObjectiveIn(Input):
    """Owned by a team (`team_id`) or by a person (`owner_id`), never both."""

    period_id: Ref
    title: Text
    description: Text = ""
    team_id: Ref | None = None
    owner_id: Ref | None = None
    parent_id: Ref | None = None


class ObjectivePatch(Input):
    """Only the fields sent change; `null` clears team, owner or parent."""

    title: Text | None = None
    description: Text | None = None
    team_id: Ref | None = None
    owner_id: Ref | None = None
    parent_id: Ref | None = None
    archived: Flag | None = Field(
        None,
        description="true archives the objective and its KRs (gone from pages and lists), "
        "false brings them back.",
    )

    @field_validator("title", "description", "archived")
    @classmethod
    def _not_null(cls, value: str | None) -> str:
        if value is None:
            raise ValueError("This field cannot be null.")
        return value


@router.get("/objectives", response=list[ObjectiveOut])
@paginate(Page)
def list_objectives(request: HttpRequest, filters: Query[ObjectiveFilters]) -> Any:
    """List objectives, filtered by period, team or owner."""
    return objective_list(
        period_id=filters.period,
        team_id=filters.team,
        owner_id=filters.owner,
        archived=filters.archived,
    )


@router.post("/objectives", response={201: ObjectiveOut})
def create_objective(request: HttpRequest, payload: ObjectiveIn) -> Status[Objective]:
    """Create an objective for a team (leads) or for yourself."""
    return Status(201, objective_create(actor=user_of(request), **payload.model_dump()))


@router.get("/objectives/{objective_id}", response=ObjectiveOut)
def get_objective(request: HttpRequest, objective_id: Id) -> Objective:
    """Read one objective."""
    return objective_get(objective_id)


@router.patch("/objectives/{objective_id}", response=ObjectiveOut)
def update_objective(request: HttpRequest, objective_id: Id, payload: ObjectivePatch) -> Objective:
    """Change an objective's title, description, owner or alignment, or archive it."""
    return objective_update(
        actor=user_of(request),
        objective_id=objective_id,
        **payload.model_dump(exclude_unset=True),
    )
