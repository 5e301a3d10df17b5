"""The insight library: every insight across KRs, teams and periods, searchable.

An insight is any check-in with `signal == "insight"`: a learning flagged on a progress,
context or other check-in, an insight written on its own, and the insight recorded when a
blocker is resolved (those have `resolves` set, and the page links back to the blocker).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from incheck.accounts.models import Membership
from incheck.errors import Invalid
from incheck.okrs.messages import message
from incheck.okrs.models import CheckIn

# A page never reads more than this many insights at once, whatever the caller asks for.
MAX_LIMIT = 200


@dataclass(frozen=True)
class InsightPage:
    """One page of insights, newest first, and how many match in all."""

    items: list[CheckIn]
    total: int
    limit: int
    offset: int

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.items) < self.total

    @property
    def has_previous(self) -> bool:
        return self.offset > 0


def insights_queryset(
    *,
    team_id: int | None = None,
    period_id: int | None = None,
    author_id: int | None = None,
    kind: str | None = None,
) -> QuerySet[CheckIn]:
    """Insights filtered by team, period, author and check-in kind (not yet by text)."""
    if kind and kind not in CheckIn.Kind.values:
        raise Invalid(
            message("invalid_input"), code="invalid", fields={"kind": message("unknown_kind")}
        )
    queryset = CheckIn.objects.filter(signal=CheckIn.Signal.INSIGHT)
    if team_id is not None:
        # The KR's team, as in `access.key_result_team_ids`: its objective's team, else (for a
        # personal objective) the teams of the KR's owner.
        queryset = queryset.filter(
            Q(key_result__objective__team_id=team_id)
            | Q(
                key_result__objective__team__isnull=True,
                key_result__owner_id__in=Membership.objects.filter(team_id=team_id).values(
                    "user_id"
                ),
            )
        )
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
) -> InsightPage:
    """Insights newest first, with KR, objective, team, period, author and blocker joined.

    Two queries: the count and the page. `q` searches the text (words, any order).
    """
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    queryset = insights_queryset(
        team_id=team_id, period_id=period_id, author_id=author_id, kind=kind
    )
    if q and q.strip():
        for word in q.split():
            queryset = queryset.filter(text__icontains=word)
    total = queryset.count()
    items = list(
        queryset.select_related(
            "key_result__objective__period",
            "key_result__objective__team",
            "author__profile",
            "resolves",
        ).order_by("-created_at", "-id")[offset : offset + limit]
    )
    return InsightPage(items=items, total=total, limit=limit, offset=offset)
