"""The facts the permission rules need, read in a bounded number of queries."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from incheck.accounts.models import Membership
from incheck.domain.permissions import Actor
from incheck.domain.teams import key_result_team_ids as domain_key_result_team_ids
from incheck.errors import Forbidden
from incheck.okrs.models import KeyResult
from incheck.okrs.selectors.scopes import team_ids_by_key_result
from incheck.prepared import Prepared

User = AbstractBaseUser | AnonymousUser


def is_admin(user: User) -> bool:
    """An administrator of Incheck: a superuser of the installation, nobody else.

    Django's `is_staff` only opens the Django admin site, where a staff user without
    permissions can do nothing; it grants nothing in the app (issue 8: with `is_staff` alone a
    user could check in on anyone's KR and open periods).
    """
    return bool(user.is_authenticated and getattr(user, "is_superuser", False))


# Built once a process (`incheck.prepared`): every request and write asks it.
_MEMBERSHIPS = Prepared(
    lambda user_id: (
        Membership.objects.filter(user_id=user_id).order_by().values_list("team_id", "role")
    )
)


def actor_for(user: User) -> Actor:
    """The user as the permission rules see them (one query, cached on the user object)."""
    cached = getattr(user, "_incheck_actor", None)
    if isinstance(cached, Actor):
        return cached
    if not user.is_authenticated or user.pk is None:
        raise Forbidden(code="not_signed_in")
    user_id = int(user.pk)
    rows = _MEMBERSHIPS(user_id)
    actor = Actor(
        user_id=user_id,
        is_admin=is_admin(user),
        lead_team_ids=frozenset(team for team, role in rows if role == Membership.Role.LEAD),
        team_ids=frozenset(team for team, _ in rows),
    )
    # Cached on the object: one request asks many times, and a request has one user.
    setattr(user, "_incheck_actor", actor)  # noqa: B010
    return actor


def actor_without_teams(user: User) -> Actor:
    """The user as the rules see them before their teams are read: who they are and whether
    they are an admin (no query), with their teams only if `actor_for` read them already.

    Teams only ever add rights, so a rule that lets these facts in lets the full ones in too;
    where it says no, ask it again with `actor_for`. A check-in sitting is usually the KR
    owner's, whom the rule lets in first: one query fewer for the usual write.
    """
    cached = getattr(user, "_incheck_actor", None)
    if isinstance(cached, Actor):
        return cached
    if not user.is_authenticated or user.pk is None:
        raise Forbidden(code="not_signed_in")
    empty: frozenset[int] = frozenset()
    return Actor(user_id=int(user.pk), is_admin=is_admin(user), lead_team_ids=empty, team_ids=empty)


def key_result_team_ids(key_result: KeyResult, *, known: Actor | None = None) -> frozenset[int]:
    """A KR's team (`domain.teams.key_result_team_ids`): at most one query.

    `known`: the actor's facts, already read. When they are the KR's owner, their teams are
    the owner's, and a personal objective's KR needs no query (the usual check-in).
    """
    if known is not None and known.user_id == key_result.owner_id:
        return domain_key_result_team_ids(
            objective_team_id=key_result.objective.team_id, owner_team_ids=known.team_ids
        )
    return team_ids_by_key_result([key_result])[key_result.pk]
