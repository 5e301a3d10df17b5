"""The one paginator of the API: `{"items": [...], "count": N, "next": url | null}`.

An operation decorated with `@paginate(Page)` returns one of:

- a QuerySet (or list): the page is a slice of it, and `count` one COUNT query;
- `Mapped(queryset, convert)`: the same, with `convert` applied to the page's rows (KRs become
  rows with their health);
- `Prepaged(items, count)`: a selector that pages itself (it got `limit` and `offset` through
  `pass_parameter`).

`limit` goes from 1 to 200 (50 when not given): every list reads a bounded page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from incheck.okrs.selectors.scopes import MAX_LIMIT

DEFAULT_LIMIT = 50
MAX_OFFSET = 10**9


@dataclass(frozen=True)
class Mapped:
    """A queryset whose page is converted (in one go, after slicing) before it is rendered."""

    queryset: QuerySet[Any]
    convert: Callable[[list[Any]], list[Any]]


@dataclass(frozen=True)
class Prepaged:
    """A page a selector has already cut, and how many match in all."""

    items: Sequence[Any]
    count: int


class Page(PaginationBase):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.")

    class Output(Schema):
        items: list[Any]
        count: int
        next: str | None = Field(None, description="The next page's URL; null on the last.")

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        limit, offset = pagination.limit, pagination.offset
        if isinstance(queryset, Prepaged):
            items, count = list(queryset.items), queryset.count
        elif isinstance(queryset, Mapped):
            count = queryset.queryset.count()
            items = queryset.convert(list(queryset.queryset[offset : offset + limit]))
        else:
            count = self._items_count(queryset)
            items = list(queryset[offset : offset + limit])
        return {"items": items, "count": count, "next": _next_url(request, limit, offset, count)}


def _next_url(request: HttpRequest, limit: int, offset: int, count: int) -> str | None:
    if offset + limit >= count:
        return None
    query = request.GET.copy()
    query["limit"] = str(limit)
    query["offset"] = str(offset + limit)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
