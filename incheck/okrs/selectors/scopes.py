"""Filters and pages that several selectors share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db.models import Q

from incheck.accounts.models import Membership

# A page is at most this long, whatever the caller asks for.
MAX_LIMIT = 200

Item = TypeVar("Item")


def in_team(team_id: int, *, key_result: str = "key_result") -> Q:
    """Rows whose KR belongs to a team, by the rule of `access.key_result_team_ids`.

    A KR's team is its objective's team, else (for a personal objective) the teams of the KR's
    owner. `key_result` is the path from the filtered model to the KR ("" for KRs themselves).
    """
    prefix = f"{key_result}__" if key_result else ""
    members = Membership.objects.filter(team_id=team_id).values("user_id")
    return Q(**{f"{prefix}objective__team_id": team_id}) | Q(
        **{f"{prefix}objective__team__isnull": True, f"{prefix}owner_id__in": members}
    )


@dataclass(frozen=True)
class Page(Generic[Item]):
    """One page of a list, and how many match in all."""

    items: list[Item]
    total: int
    limit: int
    offset: int

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.items) < self.total

    @property
    def has_previous(self) -> bool:
        return self.offset > 0
