"""The insight library: every insight across KRs, teams and periods, searchable.

An insight is any check-in with `signal == "insight"`: a learning flagged on a progress,
context or other check-in, an insight written on its own, and the insight recorded when a
blocker is resolved (those have `resolves` set, and the page links back to the blocker).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from incheck.domain.search import word_forms
from incheck.errors import Invalid
from incheck.okrs.messages import message
from incheck.okrs.models import CheckIn, Period
from incheck.okrs.selectors.scopes import (
    COUNT_LIMIT,
    MAX_LIMIT,
    Page,
    bounded_count,
    in_team,
    keyset_after,
)

# A search uses at most this many words (a pasted paragraph should not become a huge query).
MAX_TERMS = 12

# A word as both databases' tokenizers see it: letters and digits; `_`, `-`, quotes, `*` and
# every other sign separate words.
WORD = re.compile(r"[^\W_]+")


def search_terms(q: str | None) -> list[str]:
    """The words of a search, lowercased, in order, without repeats.

    Everything that is not a letter or a digit is dropped, so quotes, `*`, `AND`-style operators
    and SQL typed by a user are just words (or nothing) to the database:

    >>> search_terms('"Webinar*" AND ökad')
    ['webinar', 'and', 'ökad']
    """
    if not q:
        return []
    # NFC first: "å" typed as "a" + a combining ring is still one letter of one word.
    words = WORD.findall(unicodedata.normalize("NFC", q))
    terms = list(dict.fromkeys(word.lower() for word in words))
    return terms[:MAX_TERMS]


def matching_insights(terms: list[str], *, many: bool = False) -> QuerySet[CheckIn]:
    """All insights, or those whose text has every term in one of its word forms.

    Each term stands for its forms in English and Swedish (`domain.search.word_forms`: the
    word and its Snowball stems), each matched as a word or the start of one: "webinars" finds
    "webinar", "kunderna" finds "kund" and "kunder". The same query on both databases.
    `many`: the terms are known to match more than COUNT_LIMIT insights (see `page_ids`).
    """
    insights = CheckIn.objects.filter(signal=CheckIn.Signal.INSIGHT)
    if not terms:
        return insights
    forms = [word_forms(term) for term in terms]
    if connection.vendor == "postgresql":
        # Forms hold only letters and digits, so quoting them makes a valid tsquery.
        raw = " & ".join(
            "(" + " | ".join(f"'{form}':*" for form in alternatives) + ")" for alternatives in forms
        )
        return insights.alias(search=SearchVector("text", config="simple")).filter(
            search=SearchQuery(raw, config="simple", search_type="raw")
        )
    if connection.vendor == "sqlite":
        # Each form quoted as an FTS5 string, then `*` for a prefix; OR within a term, AND
        # between terms (FTS5 wants the AND spelt out between parenthesised groups).
        match = " AND ".join(
            "("
            + " OR ".join('"{}"*'.format(form.replace('"', '""')) for form in alternatives)
            + ")"
            for alternatives in forms
        )
        # The FTS table holds insights only (its triggers see to that), so the match is the
        # whole condition. A condition on `signal` as well would make SQLite walk that index
        # over every insight instead of fetching the matches by id (50 ms against 1 ms for a
        # rare word in 100,000).
        if not many:
            return CheckIn.objects.filter(
                id__in=RawSQL(
                    "SELECT rowid FROM okrs_checkin_fts WHERE okrs_checkin_fts MATCH %s", (match,)
                )
            )
        # Many matches: walk the newest-first index of insights and keep the matching ones,
        # stopping after a page; the `+` keeps SQLite from fetching every match by id and
        # sorting them all (3 ms against 0.2 ms for a common word in 3,200 insights).
        table = connection.ops.quote_name(CheckIn._meta.db_table)
        return insights.filter(
            RawSQL(  # noqa: S611 - the table's name from the model; the match as a parameter
                f'+{table}."id" IN (SELECT rowid FROM okrs_checkin_fts '  # noqa: S608
                "WHERE okrs_checkin_fts MATCH %s)",
                (match,),
                output_field=BooleanField(),
            )
        )
    # Another database: correct, if slow.
    for alternatives in forms:
        condition = Q()
        for form in alternatives:
            condition |= Q(text__icontains=form)
        insights = insights.filter(condition)
    return insights


InsightPage = Page[CheckIn]
# Newest first; the cursor of the API's pages is these fields of the last insight shown.
ORDERING = ("-created_at", "-id")


def insights_queryset(
    *,
    terms: list[str] | None = None,
    team_id: int | None = None,
    period_id: int | None = None,
    author_id: int | None = None,
    kind: str | None = None,
    many: bool = False,
) -> QuerySet[CheckIn]:
    """Insights matching the search terms, filtered by team, period, author and kind."""
    if kind and kind not in CheckIn.Kind.values:
        raise Invalid(
            message("invalid_input"), code="invalid", fields={"kind": message("unknown_kind")}
        )
    queryset = matching_insights(terms or [], many=many)
    if team_id is not None:
        queryset = queryset.filter(in_team(team_id))
    if period_id is not None:
        queryset = queryset.filter(key_result__objective__period_id=period_id)
    if author_id is not None:
        queryset = queryset.filter(author_id=author_id)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


def insight_list(
    *,
    q: str | None = None,
    team_id: int | None = None,
    period_id: int | None = None,
    author_id: int | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
    after: Sequence[Any] | None = None,
) -> InsightPage:
    """Insights newest first, with KR, objective, team, period, author and blocker joined.

    `q` searches the text: every word must appear in one of its forms (English or Swedish, as
    a word or the start of one), in any order, case-insensitively; signs and operators are
    ignored. Three queries: the count (up to COUNT_LIMIT + 1), the page's ids, and those rows
    with everything joined (two when nothing matches). `after` (the `ORDERING` values of the
    last row seen) starts the page after that row, for cursor paging.
    """
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    terms = search_terms(q)
    queryset = insights_queryset(
        terms=terms, team_id=team_id, period_id=period_id, author_id=author_id, kind=kind
    )
    total = bounded_count(queryset)
    # A search that matches many: the page is read from the newest-first index, which soon
    # meets a page of matches, instead of sorting every match (see `page_ids`).
    many = bool(terms) and total > COUNT_LIMIT
    if many:
        queryset = insights_queryset(
            terms=terms,
            team_id=team_id,
            period_id=period_id,
            author_id=author_id,
            kind=kind,
            many=True,
        )
    if after is not None:
        queryset = queryset.filter(keyset_after(ORDERING, after))
    ids = page_ids(queryset, searching=bool(terms) and not many, limit=limit + 1, offset=offset)
    more = len(ids) > limit
    ids = ids[:limit]
    # The joins for this page's rows only: joined before the sort, the database would join
    # every match (300 ms against 40 ms for a common word in 100,000 on SQLite).
    items = (
        list(
            CheckIn.objects.filter(id__in=ids)
            .select_related(
                "key_result__objective__period",
                "key_result__objective__team",
                "author__profile",
                "resolves",
            )
            .order_by("-created_at", "-id")
        )
        if ids
        else []
    )
    return InsightPage(items=items, total=total, limit=limit, offset=offset, more=more)


def page_ids(queryset: QuerySet[CheckIn], *, searching: bool, limit: int, offset: int) -> list[int]:
    """The ids of one page of `queryset`, newest first (one query).

    Without a search, walking the (signal, newest) index and stopping after a page is best;
    so too with a search that matches many (over COUNT_LIMIT), where the walk soon meets a
    page of matches and sorting every match would grow with the library. A search that matches
    few (`searching`) would make the walk read every insight: PostgreSQL may walk that index
    anyway, recomputing each row's tsvector until it has a page (2 s in 100,000 for a word in
    one insight). So such a search collects its matches first (through the full-text index,
    like the count does) and sorts only those, at most COUNT_LIMIT: `MATERIALIZED` keeps
    PostgreSQL from folding the CTE back into the walk.
    """
    ordered = queryset.order_by("-created_at", "-id")
    if not searching:
        return list(ordered.values_list("id", flat=True)[offset : offset + limit])
    sql, params = queryset.order_by().values("id", "created_at").query.sql_with_params()
    materialized = "MATERIALIZED " if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH matches(id, created_at) AS {materialized}({sql}) "  # noqa: S608 - Django's SQL
            "SELECT id FROM matches ORDER BY created_at DESC, id DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()]


@dataclass(frozen=True)
class InsightLibrary:
    """The insight library page: one page of results and the choices of its filters."""

    page: InsightPage
    terms: list[str]
    periods: list[Period]


def insight_library(
    *,
    q: str | None = None,
    team_id: int | None = None,
    period_id: int | None = None,
    author_id: int | None = None,
    kind: str | None = None,
    limit: int = 25,
    offset: int = 0,
) -> InsightLibrary:
    """`insight_list` plus the periods to filter by; teams and people are searched as you
    type (views/search.py), never listed whole (four queries)."""
    page = insight_list(
        q=q,
        team_id=team_id,
        period_id=period_id,
        author_id=author_id,
        kind=kind,
        limit=limit,
        offset=offset,
    )
    return InsightLibrary(
        page=page,
        terms=search_terms(q),
        periods=list(Period.objects.order_by("-start_on")),
    )
