"""Reads about people and teams, each in a fixed number of queries."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, QuerySet

from incheck.accounts.models import ApiToken, Membership, Team

# A person has a handful of tokens; a list this long is a script gone wrong, not a person.
TOKEN_LIST_LIMIT = 200


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
