"""Reading continue / consider feedback."""

from __future__ import annotations

from django.db.models import QuerySet

from incheck.okrs.models import Feedback


def feedback_list(
    *, key_result_id: int | None = None, author_id: int | None = None
) -> QuerySet[Feedback]:
    """Feedback newest first, by KR or by author, with the author joined (one query a page)."""
    queryset = Feedback.objects.select_related("author__profile").order_by("-created_at", "-id")
    if key_result_id is not None:
        queryset = queryset.filter(key_result_id=key_result_id)
    if author_id is not None:
        queryset = queryset.filter(author_id=author_id)
    return queryset
