"""Filters and pages that several selectors share.

A KR's team is decided by one rule, `domain.teams.key_result_team_ids`; this module is where the
database meets it: `in_team` is the rule as a filter, `team_ids_by_key_result` reads the facts
for any number of loaded KRs in at most one query. Every page, review, calibration, blocker list
and permission check asks one of these two.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Coalesce

from incheck.accounts.models import Membership, Team
from incheck.domain.teams import key_result_team_ids
from incheck.okrs.models import KeyResult

# A page is at most this long, whatever the caller asks for (the API's `limit` too).
MAX_LIMIT = 200
# A count on a page stops here and reads "100+": counting every match would cost more the
# larger the organisation, for a number nobody reads past a hundred.
COUNT_LIMIT = 100

Item = TypeVar("Item")


def in_team(team_id: int, *, key_result: str = "key_result") -> Q:
    """Rows whose KR belongs to a team, by the rule of `domain.teams.key_result_team_ids`.

    A KR's team is its objective's team, else (for a personal objective) the teams of the KR's
    owner. `key_result` is the path from the filtered model to the KR ("" for KRs themselves).
    A subquery on memberships, not a join: a join would repeat a KR once per owner's team.
    """
    members = Membership.objects.filter(team_id=team_id).values("user_id")
    # The team's KRs as ids: its objectives' KRs, and its members' personal KRs found from
    # their owners (the owner index). Written as an OR on the joined objective, SQLite walked
    # every personal objective of the organisation (`team_id IS NULL`, which its statistics
    # take for a few dozen rows) and grew with it; the null test is kept off that index here.
    own = KeyResult.objects.filter(objective__team_id=team_id).order_by().values("pk")
    personal = (
        KeyResult.objects.alias(objective_team=Coalesce("objective__team_id", Value(0)))
        .filter(owner_id__in=members, objective_team=0)
        .order_by()
        .values("pk")
    )
    return Q(**{f"{key_result}__in" if key_result else "pk__in": own.union(personal)})


def not_archived(*, key_result: str = "") -> Q:
    """Rows whose KR is in use: neither it nor its objective archived.

    An archived KR (or one under an archived objective) leaves the pages, the inbox, the lists
    and the nudges; reviews, calibration, insights and exports keep it (`docs/method.md`,
    "Archiving"). `key_result` is the path from the filtered model to the KR ("" for KRs).
    """
    prefix = f"{key_result}__" if key_result else ""
    return Q(
        **{f"{prefix}archived_at__isnull": True, f"{prefix}objective__archived_at__isnull": True}
    )


def _owner_teams(key_results: list[KeyResult]) -> dict[int, list[Team]]:
    """The teams of the owners of personal objectives' KRs (one query, none when there are none)."""
    personal_owners = {kr.owner_id for kr in key_results if kr.objective.team_id is None}
    owner_teams: dict[int, list[Team]] = defaultdict(list)
    if personal_owners:
        for membership in Membership.objects.filter(user_id__in=personal_owners).select_related(
            "team"
        ):
            owner_teams[membership.user_id].append(membership.team)
    return owner_teams


def teams_by_key_result(key_results: Iterable[KeyResult]) -> dict[int, list[Team]]:
    """Each KR's teams (by `domain.teams.key_result_team_ids`), in at most one query.

    The KRs need `objective__team` joined (or it is read per KR); only the owners of personal
    objectives are looked up. Teams come in id order.
    """
    key_results = list(key_results)
    owner_teams = _owner_teams(key_results)
    result: dict[int, list[Team]] = {}
    for kr in key_results:
        known = {team.pk: team for team in owner_teams.get(kr.owner_id, ())}
        if kr.objective.team is not None:
            known[kr.objective.team.pk] = kr.objective.team
        ids = key_result_team_ids(objective_team_id=kr.objective.team_id, owner_team_ids=known)
        result[kr.pk] = [known[team_id] for team_id in sorted(ids)]
    return result


def team_ids_by_key_result(key_results: Iterable[KeyResult]) -> dict[int, frozenset[int]]:
    """Each KR's team ids (by `domain.teams.key_result_team_ids`), in at most one query.

    The KRs need their `objective` loaded (or it is read per KR); only the owners of personal
    objectives are looked up.
    """
    key_results = list(key_results)
    owner_teams = _owner_teams(key_results)
    return {
        kr.pk: key_result_team_ids(
            objective_team_id=kr.objective.team_id,
            owner_team_ids=(team.pk for team in owner_teams.get(kr.owner_id, ())),
        )
        for kr in key_results
    }


@dataclass(frozen=True)
class Page(Generic[Item]):
    """One page of a list, and how many match — counted up to COUNT_LIMIT + 1 at most."""

    items: list[Item]
    total: int
    limit: int
    offset: int
    # Whether a row follows this page (read as one more row than the page).
    more: bool = False

    @property
    def has_next(self) -> bool:
        return self.more

    @property
    def total_is_more(self) -> bool:
        """The count stopped: there are more than COUNT_LIMIT ("100+")."""
        return self.total > COUNT_LIMIT

    @property
    def total_shown(self) -> int:
        return min(self.total, COUNT_LIMIT)

    @property
    def has_previous(self) -> bool:
        return self.offset > 0


def bounded_count(queryset: QuerySet[Any], *, ordered: bool = False) -> int:
    """How many rows match, counting at most COUNT_LIMIT + 1 (`Page.total_is_more`).

    `ordered`: keep the queryset's ORDER BY inside the counted LIMIT, where it tells the
    planner which index gives the rows (`blockers.OPEN_INDEX_ORDER`)."""
    return bounded(queryset, ordered=ordered).count()


def bounded(queryset: QuerySet[Any], *, ordered: bool = False) -> QuerySet[Any]:
    """The rows `bounded_count` counts (its `count()` is that count), for a count built once
    (`incheck.prepared.PreparedCount`)."""
    if not ordered:
        queryset = queryset.order_by()
    return queryset[: COUNT_LIMIT + 1]


def keyset_after(ordering: Sequence[str], values: Sequence[Any]) -> Q:
    """Rows after the row with `values` in `ordering` (field names, "-" for descending).

    The keyset condition of cursor paging: (a > x) or (a = x and b > y) or …, so a deep page
    reads from the index where the last one stopped instead of skipping rows. The ordering's
    fields must be non-null and end with a unique one (the id).
    """
    condition = Q()
    equal: dict[str, Any] = {}
    for name, value in zip(ordering, values, strict=True):
        field = name.lstrip("-")
        step = "lt" if name.startswith("-") else "gt"
        condition |= Q(**equal, **{f"{field}__{step}": value})
        equal[field] = value
    return condition


def keyset_values(item: Any, ordering: Sequence[str]) -> list[Any]:
    """The values of `ordering`'s fields on a loaded row (`a__b` follows relations)."""
    values = []
    for name in ordering:
        value = item
        for part in name.lstrip("-").split("__"):
            value = getattr(value, part)
        values.append(value)
    return values
