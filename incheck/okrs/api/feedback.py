"""Continue / consider feedback on someone's key result."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from incheck.domain.vocabulary import FeedbackSignal
from incheck.okrs.api.context import user_of
from incheck.okrs.api.pagination import Page
from incheck.okrs.api.schemas import FeedbackOut
from incheck.okrs.api.types import Id, Input, Ref, Text
from incheck.okrs.models import Feedback
from incheck.okrs.selectors.feedback import feedback_list
from incheck.okrs.services.signals import feedback_create

router = Router(tags=["feedback"])


class FeedbackIn(Input):
    key_result_id: Ref
    signal: FeedbackSignal
    text: Text
    check_in_id: Ref | None = None


@router.post("/feedback", response={201: FeedbackOut})
def create_feedback(request: HttpRequest, payload: FeedbackIn) -> Status[Feedback]:
    """Give continue / consider feedback on a key result (not your own)."""
    return Status(201, feedback_create(actor=user_of(request), **payload.model_dump()))


class FeedbackFilters(Schema):
    key_result: Id | None = None
    author: Id | None = None


@router.get("/feedback", response=list[FeedbackOut])
@paginate(Page)
def list_feedback(request: HttpRequest, filters: Query[FeedbackFilters]) -> Any:
    """List feedback, newest first, on a key result or by an author."""
    return feedback_list(key_result_id=filters.key_result, author_id=filters.author)
