"""A KR's check-in timeline, all of it, for a caller that pages it (the API)."""

from __future__ import annotations

from django.db.models import QuerySet

from incheck.errors import NotFound
from incheck.okrs.models import CheckIn, KeyResult


def check_in_timeline(key_result_id: int) -> QuerySet[CheckIn]:
    """A KR's check-ins, newest first, with their authors; NotFound for an unknown KR."""
    if not KeyResult.objects.filter(pk=key_result_id).exists():
        raise NotFound(code="not_found")
    return (
        CheckIn.objects.filter(key_result_id=key_result_id)
        .select_related("author__profile")
        .order_by("-created_at", "-id")
    )
