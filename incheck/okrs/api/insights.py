"""The insight library, searchable."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from incheck.domain.vocabulary import Kind
from incheck.okrs.api.pagination import Page, Prepaged, after_of
from incheck.okrs.api.schemas import SignalOut
from incheck.okrs.api.types import Id, Text
from incheck.okrs.selectors.insights import ORDERING, insight_list

router = Router(tags=["insights"])


class InsightFilters(Schema):
    q: Text | None = None
    team: Id | None = None
    period: Id | None = None
    person: Id | None = None
    kind: Kind | None = None


@router.get("/insights", response=list[SignalOut])
@paginate(Page, pass_parameter="page")
def list_insights(request: HttpRequest, filters: Query[InsightFilters], **kwargs: Any) -> Any:
    """Search the insights: words in any order, by team, period, person or check-in kind."""
    page = kwargs["page"]  # limit and cursor, passed by the paginator
    found = insight_list(
        q=filters.q,
        team_id=filters.team,
        period_id=filters.period,
        author_id=filters.person,
        kind=filters.kind,
        limit=page.limit,
        after=after_of(page, ORDERING),
    )
    return Prepaged(items=found.items, more=found.more, ordering=ORDERING)
