"""Continue / consider feedback on someone's key result."""

from typing import Literal

from django.http import HttpRequest
from ninja import Router, Status

from incheck.okrs.api.context import user_of
from incheck.okrs.api.schemas import FeedbackOut
from incheck.okrs.api.types import Input, Ref, Text
from incheck.okrs.models import Feedback
from incheck.okrs.services.signals import feedback_create

router = Router(tags=["feedback"])


class FeedbackIn(Input):
    key_result_id: Ref
    signal: Literal["continue", "consider"]
    text: Text
    check_in_id: Ref | None = None


@router.post("/feedback", response={201: FeedbackOut})
def create_feedback(request: HttpRequest, payload: FeedbackIn) -> Status[Feedback]:
    """Give continue / consider feedback on a key result (not your own)."""
    return Status(201, feedback_create(actor=user_of(request), **payload.model_dump()))
