"""Reads about people and teams, each in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Prefetch, Q, QuerySet

from incheck.accounts.models import ApiToken, Membership, Team
from incheck.prepared import Prepared

# A person has a handful of tokens; a list this long is a script gone wrong, not a person.
TOKEN_LIST_LIMIT = 200


# Built once a process (`incheck.prepared`): the team page, its review, the alignment tree and
# the dashboard each read the team asked for.
_TEAM = Prepared(lambda team_id: Team.objects.filter(pk=team_id).order_by())


def team_get(team_id: int) -> Team | None:
    """The team with this id, or None."""
    found = _TEAM(team_id)
    return found[0] if found else None


def team_list(*, archived: bool = False) -> QuerySet[Team]:
    """Teams by name with their members (role, user, profile) prefetched; the archived ones
    instead when `archived`.

    Unevaluated: the caller pages it; a page reads in two queries whatever its size.
    """
    return (
        Team.objects.prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("user__profile").order_by(
                    "role", "user__username"
                ),
            )
        )
        .filter(archived_at__isnull=not archived)
        .order_by("name", "id")
    )


def memberships_of(user: AbstractBaseUser) -> list[Membership]:
    """The teams a person belongs to, with their role in each (one query)."""
    return list(
        Membership.objects.filter(user_id=user.pk).select_related("team").order_by("team__name")
    )


def token_list(user: AbstractBaseUser) -> list[ApiToken]:
    """A person's tokens, newest first, revoked ones included (one query)."""
    return list(
        ApiToken.objects.filter(user_id=user.pk).order_by("-created_at", "-id")[:TOKEN_LIST_LIMIT]
    )


# A search-as-you-type list shows this many matches: a person narrows it by typing more.
SEARCH_LIMIT = 10


def _words(q: str) -> list[str]:
    return q.split()[:6]


def team_search(q: str = "", *, limit: int = SEARCH_LIMIT) -> list[Team]:
    """Teams whose name has every word of `q` (case-insensitive), by name; one query.
    Archived teams are not offered."""
    teams = Team.objects.filter(archived_at__isnull=True)
    for word in _words(q):
        teams = teams.filter(name__icontains=word)
    return list(teams.order_by("name", "id")[:limit])


def person_search(q: str = "", *, limit: int = SEARCH_LIMIT) -> list[AbstractBaseUser]:
    """Active people whose display name or user name has every word of `q`; one query."""
    people = get_user_model().objects.filter(is_active=True).select_related("profile")
    for word in _words(q):
        people = people.filter(
            Q(profile__display_name__icontains=word) | Q(username__icontains=word)
        )
    return list(people.order_by("profile__display_name", "username", "id")[:limit])


# The teams page shows this many teams at a time (a search narrows them further).
TEAMS_PER_PAGE = 24


@dataclass(frozen=True)
class TeamDirectory:
    """A page of teams by name: each with its leads and member count; where the next starts."""

    teams: Sequence[Team]
    q: str
    after: str | None
    next_after: str | None


def team_directory(q: str = "", *, after: str | None = None) -> TeamDirectory:
    """Teams by name matching `q`, a page after the name `after` (two queries, any size).

    Keyset paging on the unique name: a later page costs what the first does (archived teams
    are left out: docs/people.md). Each team comes
    with `leads` (prefetched) and `member_count`, not every member: a team may be large.
    """
    teams = Team.objects.filter(archived_at__isnull=True).annotate(
        member_count=Count("memberships")
    )
    for word in _words(q):
        teams = teams.filter(name__icontains=word)
    if after:
        teams = teams.filter(name__gt=after)
    page = list(
        teams.prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(role=Membership.Role.LEAD)
                .select_related("user__profile")
                .order_by("user__username"),
                to_attr="leads",
            )
        ).order_by("name")[: TEAMS_PER_PAGE + 1]
    )
    more = len(page) > TEAMS_PER_PAGE
    page = page[:TEAMS_PER_PAGE]
    return TeamDirectory(
        teams=page, q=q, after=after, next_after=page[-1].name if more and page else None
    )
