"""Blockers across key results, and resolving one with the way around it."""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from incheck.okrs.api.context import user_of
from incheck.okrs.api.pagination import Page, Prepaged, after_of
from incheck.okrs.api.schemas import SignalOut
from incheck.okrs.api.types import Id, Input, Text
from incheck.okrs.models import CheckIn
from incheck.okrs.selectors.blockers import blocker_list, ordering
from incheck.okrs.services.signals import blocker_resolve

router = Router(tags=["blockers"])


class BlockerFilters(Schema):
    state: Literal["open", "resolved"] | None = None
    team: Id | None = None
    key_result: Id | None = None


class ResolutionIn(Input):
    resolution: Text


@router.get("/blockers", response=list[SignalOut])
@paginate(Page, pass_parameter="page")
def list_blockers(request: HttpRequest, filters: Query[BlockerFilters], **kwargs: Any) -> Any:
    """List blockers: open ones oldest first, resolved ones latest resolved first, or all."""
    page = kwargs["page"]  # limit and cursor, passed by the paginator
    order = ordering(filters.state)
    found = blocker_list(
        state=filters.state,
        team_id=filters.team,
        key_result_id=filters.key_result,
        limit=page.limit,
        after=after_of(page, order),
    )
    return Prepaged(items=found.items, more=found.more, ordering=order)


@router.post("/blockers/{blocker_id}/resolve", response={201: SignalOut})
def resolve_blocker(request: HttpRequest, blocker_id: Id, payload: ResolutionIn) -> Status[CheckIn]:
    """Resolve a blocker; the way around it is recorded as an insight, which is returned."""
    insight = blocker_resolve(
        actor=user_of(request), blocker_id=blocker_id, resolution=payload.resolution
    )
    return Status(201, insight)
