"""The one paginator of the API: `{"items": [...], "next": url | null}`, by cursor.

A page is read from where the last one stopped (a keyset on the list's sort, ending with the
id), so a deep page costs what the first one does; nothing counts every match. `next` is the
URL of the next page with its opaque `cursor`; `limit` goes from 1 to 200 (50 when not given).

An operation decorated with `@paginate(Page)` returns one of:

- a QuerySet with an explicit `order_by` of non-null fields ending with a unique one: the page
  is the rows after the cursor;
- `Mapped(queryset, convert)`: the same, with `convert` applied to the page's rows (KRs become
  rows with their health);
- `Prepaged(items, more, ordering)`: a selector that pages itself (it got `limit` and the
  decoded cursor `after` through `pass_parameter`) and read one row more than the page.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from incheck.errors import Invalid
from incheck.okrs.messages import message
from incheck.okrs.selectors.scopes import MAX_LIMIT, keyset_after, keyset_values

DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class Mapped:
    """A queryset whose page is converted (in one go, after slicing) before it is rendered."""

    queryset: QuerySet[Any]
    convert: Callable[[list[Any]], list[Any]]


@dataclass(frozen=True)
class Prepaged:
    """A page a selector has already cut: its rows, whether more follow, and its sort."""

    items: Sequence[Any]
    more: bool
    ordering: Sequence[str]


def encode_cursor(values: Sequence[Any]) -> str:
    """The last row's sort values as an opaque, URL-safe string."""
    tagged = [
        {"t": value.isoformat()}
        if isinstance(value, dt.datetime)
        else {"d": value.isoformat()}
        if isinstance(value, dt.date)
        else value
        for value in values
    ]
    raw = json.dumps(tagged, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, size: int) -> list[Any]:
    """The values `encode_cursor` wrote; a cursor that is not one of ours is a 422."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        tagged = json.loads(raw)
        if not isinstance(tagged, list) or len(tagged) != size:
            raise ValueError("wrong size")
        values: list[Any] = []
        for value in tagged:
            if isinstance(value, dict) and set(value) == {"t"}:
                values.append(dt.datetime.fromisoformat(value["t"]))
            elif isinstance(value, dict) and set(value) == {"d"}:
                values.append(dt.date.fromisoformat(value["d"]))
            elif isinstance(value, str | int | float) and not isinstance(value, bool):
                values.append(value)
            else:
                raise ValueError("not a value")
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise Invalid(
            message("invalid_input"), code="invalid", fields={"cursor": message("cursor_invalid")}
        ) from exc
    return values


def ordering_of(queryset: QuerySet[Any]) -> list[str]:
    """The queryset's explicit sort (every list endpoint sorts by non-null fields and the id)."""
    ordering = [str(name) for name in queryset.query.order_by]
    if not ordering or ordering[-1].lstrip("-") not in {"id", "pk"}:
        raise TypeError(f"a paginated list needs an explicit order ending with the id: {ordering}")
    return ordering


class Page(PaginationBase):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")
        cursor: str | None = Field(
            None, max_length=400, description="Where the page starts: from the `next` link."
        )

    class Output(Schema):
        items: list[Any]
        next: str | None = Field(None, description="The next page's URL; null on the last.")

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        limit = pagination.limit
        if isinstance(queryset, Prepaged):
            items, more, ordering = list(queryset.items), queryset.more, queryset.ordering
            rows = items
        else:
            source = queryset.queryset if isinstance(queryset, Mapped) else queryset
            ordering = ordering_of(source)
            if pagination.cursor:
                source = source.filter(
                    keyset_after(ordering, decode_cursor(pagination.cursor, len(ordering)))
                )
            rows = list(source[: limit + 1])
            more = len(rows) > limit
            rows = rows[:limit]
            items = queryset.convert(rows) if isinstance(queryset, Mapped) else rows
        cursor = encode_cursor(keyset_values(rows[-1], ordering)) if more and rows else None
        return {"items": items, "next": _next_url(request, limit, cursor)}


def after_of(pagination: Any, ordering: Sequence[str]) -> list[Any] | None:
    """For a selector that pages itself: the decoded cursor of `pagination`, or None."""
    return decode_cursor(pagination.cursor, len(ordering)) if pagination.cursor else None


def _next_url(request: HttpRequest, limit: int, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    query = request.GET.copy()
    query["limit"] = str(limit)
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
