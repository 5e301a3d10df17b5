"""Key results, each with its progress, expected pace and health."""

from functools import partial
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import field_validator

from incheck.okrs.api.context import tz_of, user_of
from incheck.okrs.api.pagination import Mapped, Page
from incheck.okrs.api.schemas import KeyResultOut, key_result_out
from incheck.okrs.api.types import Flag, Id, Input, Number, Ref, Text
from incheck.okrs.models import KeyResult
from incheck.okrs.selectors.key_results import key_result_get, key_result_list, key_result_rows_of
from incheck.okrs.services.key_results import key_result_create, key_result_update

router = Router(tags=["key results"])

KrType = Literal["increase", "decrease", "milestone"]


class KeyResultFilters(Schema):
    objective: Id | None = None
    period: Id | None = None
    owner: Id | None = None
    team: Id | None = None
    archived: bool = Field(
        False, description="true: the archived KRs (and those under archived objectives) instead."
    )


class KeyResultIn(Input):
    """A new KR; `owner_id` defaults to you. A milestone's start and target are always 0 → 1."""

    objective_id: Ref
    title: Text
    owner_id: Ref | None = None
    kr_type: KrType = "increase"
    start_value: Number = 0.0
    target_value: Number = 1.0
    unit: Text = ""


class KeyResultPatch(Input):
    """Only the fields sent change. A change of title, type, start, target or unit makes a new
    Context due."""

    title: Text | None = None
    owner_id: Ref | None = None
    kr_type: KrType | None = None
    start_value: Number | None = None
    target_value: Number | None = None
    unit: Text | None = None
    archived: Flag | None = Field(
        None, description="true archives the KR (gone from pages and lists), false brings it back."
    )

    @field_validator("*")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("This field cannot be null.")
        return value


def _rows(request: HttpRequest, key_results: list[KeyResult]) -> list[dict[str, Any]]:
    return [key_result_out(row) for row in key_result_rows_of(key_results, tz=tz_of(request))]


@router.get("/key-results", response=list[KeyResultOut])
@paginate(Page)
def list_key_results(request: HttpRequest, filters: Query[KeyResultFilters]) -> Any:
    """List key results with their health, filtered by objective, period, owner or team."""
    queryset = key_result_list(
        objective_id=filters.objective,
        period_id=filters.period,
        owner_id=filters.owner,
        team_id=filters.team,
        archived=filters.archived,
    )
    return Mapped(queryset, partial(_rows, request))


@router.post("/key-results", response={201: KeyResultOut})
def create_key_result(request: HttpRequest, payload: KeyResultIn) -> Status[dict[str, Any]]:
    """Add a key result to an objective."""
    user = user_of(request)
    fields = payload.model_dump()
    fields["owner_id"] = fields["owner_id"] or user.pk
    kr = key_result_create(actor=user, **fields)
    return Status(201, key_result_out(key_result_get(kr.pk, tz=tz_of(request))))


@router.get("/key-results/{key_result_id}", response=KeyResultOut)
def get_key_result(request: HttpRequest, key_result_id: Id) -> dict[str, Any]:
    """Read one key result with its health."""
    return key_result_out(key_result_get(key_result_id, tz=tz_of(request)))


@router.patch("/key-results/{key_result_id}", response=KeyResultOut)
def update_key_result(
    request: HttpRequest, key_result_id: Id, payload: KeyResultPatch
) -> dict[str, Any]:
    """Change a key result's definition, or archive it."""
    key_result_update(
        actor=user_of(request),
        key_result_id=key_result_id,
        **payload.model_dump(exclude_unset=True),
    )
    return key_result_out(key_result_get(key_result_id, tz=tz_of(request)))
