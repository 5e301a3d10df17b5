"""A team's members (its leads and admins): add, remove, and choose who leads."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User as DjangoUser
from django.db import transaction
from django.db.models import Q

from incheck.accounts.models import Membership, Team
from incheck.audit.services import audit_record
from incheck.domain.people import role_problem
from incheck.domain.permissions import may_manage_members
from incheck.errors import Conflict, Forbidden, NotFound
from incheck.okrs.services.access import User, actor_for
from incheck.people.messages import message
from incheck.people.services.common import invalid
from incheck.people.services.teams import team_get


def _managed_team(actor: User, team_id: int) -> Team:
    team = team_get(team_id, lock=True)
    if not may_manage_members(actor_for(actor), team_id=team.pk):
        raise Forbidden(message("forbidden"), code="forbidden")
    return team


def person_find(identifier: str) -> DjangoUser | None:
    """The active person with this e-mail address or user name (case-insensitive), if exactly
    one."""
    identifier = identifier.strip()
    if not identifier:
        return None
    found = list(
        get_user_model()
        .objects.filter(Q(email__iexact=identifier) | Q(username__iexact=identifier))
        .filter(is_active=True)[:2]
    )
    return found[0] if len(found) == 1 else None


@transaction.atomic
def membership_add(
    *, actor: User, team_id: int, person_id: int, role: str = "member"
) -> Membership:
    """Put someone in a team as a member or a lead (the team's leads and admins)."""
    team = _managed_team(actor, team_id)
    problems: dict[str, str] = {}
    if problem := role_problem(role):
        problems["role"] = problem
    person = get_user_model().objects.filter(pk=person_id, is_active=True).first()
    if person is None:
        problems["person"] = "unknown_person"
    if team.archived_at is not None:
        raise Conflict(message("team_archived"), code="team_archived")
    if problems:
        raise invalid(problems)
    assert person is not None
    if Membership.objects.filter(user=person, team=team).exists():
        raise Conflict(message("already_member"), code="already_member")
    membership = Membership.objects.create(user=person, team=team, role=role)
    audit_record(
        actor=actor,
        action="membership.added",
        target=team,
        details={"person": person.get_username(), "role": role},
    )
    return membership


def _membership(team: Team, person_id: int) -> Membership:
    membership = (
        Membership.objects.select_for_update()
        .select_related("user")
        .filter(team=team, user_id=person_id)
        .first()
    )
    if membership is None:
        raise NotFound(message("not_member"), code="not_member")
    return membership


@transaction.atomic
def membership_remove(*, actor: User, team_id: int, person_id: int) -> None:
    """Take someone out of a team (the team's leads and admins). Their KRs stay theirs."""
    team = _managed_team(actor, team_id)
    membership = _membership(team, person_id)
    membership.delete()
    audit_record(
        actor=actor,
        action="membership.removed",
        target=team,
        details={"person": membership.user.get_username(), "role": membership.role},
    )


@transaction.atomic
def membership_set_role(*, actor: User, team_id: int, person_id: int, role: str) -> Membership:
    """Make a member a lead, or a lead a member (the team's leads and admins)."""
    team = _managed_team(actor, team_id)
    if problem := role_problem(role):
        raise invalid({"role": problem})
    membership = _membership(team, person_id)
    if membership.role != role:
        before = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        audit_record(
            actor=actor,
            action="membership.role_changed",
            target=team,
            details={"person": membership.user.get_username(), "from": before, "role": role},
        )
    return membership
