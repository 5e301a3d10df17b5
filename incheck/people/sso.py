"""Who a single sign-on is: the person for a provider's verified claims, made on first sign-in.

Decisions (docs/sso.md):

- A person is found by the provider's stable subject (`sub`) once linked; before that by their
  e-mail address, and only if the provider says it verified it (`email_verified`): matching an
  unverified address would hand an existing account to whoever typed that address at the
  provider.
- `OIDC_CREATE_PEOPLE` on: someone unknown is created from the e-mail and name claims. Off: they
  must have been invited (or imported) first.
- `OIDC_GROUPS_CLAIM` set: the claim decides the memberships it names (`domain.people`); the
  memberships an earlier sign-in made and the claim no longer names go; memberships made in the
  app stay.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from incheck import clock
from incheck.accounts.models import Membership, Profile, Team
from incheck.audit.services import audit_record
from incheck.domain.people import PERSON_NAME_LIMIT, memberships_from_groups, team_key
from incheck.errors import Forbidden
from incheck.people.messages import message
from incheck.people.models import ExternalIdentity
from incheck.people.services.invitations import invitations_accept
from incheck.people.services.people import unique_username


class SignInRefused(Forbidden):
    """The provider signed someone in whom Incheck will not let in; `code` says why."""


def _refuse(code: str) -> SignInRefused:
    return SignInRefused(message(code), code=code)


def _verified(claims: Mapping[str, Any]) -> bool:
    # Some providers send the boolean as a string.
    return claims.get("email_verified") in (True, "true", "True")


def _display_name(claims: Mapping[str, Any]) -> str:
    name = str(claims.get("name") or "").strip()
    if not name:
        given = str(claims.get("given_name") or "").strip()
        family = str(claims.get("family_name") or "").strip()
        name = f"{given} {family}".strip()
    return name[:PERSON_NAME_LIMIT]


@transaction.atomic
def person_for_sign_in(*, issuer: str, claims: Mapping[str, Any]) -> User:
    """The active person these ID token (and userinfo) claims belong to, linked to the
    provider's subject; created when allowed. Raises `SignInRefused` otherwise."""
    subject = str(claims.get("sub") or "")
    if not subject:
        raise _refuse("sso_failed")
    now = clock.now()
    identity = (
        ExternalIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    if identity is not None:
        user = identity.user
        if not user.is_active:
            raise _refuse("deactivated")
        identity.last_sign_in_at = now
        identity.save(update_fields=["last_sign_in_at"])
    else:
        user = _person_by_email(claims)
        ExternalIdentity.objects.create(
            user=user, issuer=issuer, subject=subject, created_at=now, last_sign_in_at=now
        )
    invitations_accept(user=user)
    if settings.OIDC_GROUPS_CLAIM and settings.OIDC_GROUPS_CLAIM in claims:
        groups = claims[settings.OIDC_GROUPS_CLAIM]
        if isinstance(groups, str):
            groups = [groups]
        if isinstance(groups, list):
            _sync_memberships(user, [str(group) for group in groups])
    return user


def _person_by_email(claims: Mapping[str, Any]) -> User:
    email = str(claims.get("email") or "").strip()
    if not email or not _verified(claims):
        raise _refuse("email_unverified")
    users = list(get_user_model().objects.select_for_update().filter(email__iexact=email)[:2])
    if len(users) > 1:
        raise _refuse("ambiguous_email")
    if users:
        user = users[0]
        if not user.is_active:
            raise _refuse("deactivated")
        return user
    if not settings.OIDC_CREATE_PEOPLE:
        raise _refuse("not_invited")
    user = get_user_model().objects.create_user(
        username=unique_username(email),
        email=email,
        first_name=str(claims.get("given_name") or "")[:150],
        last_name=str(claims.get("family_name") or "")[:150],
    )
    # No password: this person signs in with the provider (an admin may invite them to set one).
    user.set_unusable_password()
    user.save(update_fields=["password"])
    Profile.objects.create(user=user, display_name=_display_name(claims))
    audit_record(actor=user, action="person.signed_up", target=user, details={"email": email})
    return user


def _sync_memberships(user: User, groups: list[str]) -> None:
    teams = Team.objects.filter(archived_at__isnull=True).values_list("pk", "name")
    wanted = memberships_from_groups(groups, {team_key(name): pk for pk, name in teams})
    current = {m.team_id: m for m in Membership.objects.select_for_update().filter(user=user)}
    for team_id, membership in current.items():
        if membership.from_sso and team_id not in wanted:
            membership.delete()
            _audit_membership(user, "membership.removed", team_id, membership.role)
    for team_id, role in wanted.items():
        existing = current.get(team_id)
        if existing is None:
            Membership.objects.create(user=user, team_id=team_id, role=role, from_sso=True)
            _audit_membership(user, "membership.added", team_id, role)
        elif existing.role != role or not existing.from_sso:
            before = existing.role
            existing.role, existing.from_sso = role, True
            existing.save(update_fields=["role", "from_sso"])
            if before != role:
                _audit_membership(user, "membership.role_changed", team_id, role)


def _audit_membership(user: User, action: str, team_id: int, role: str) -> None:
    team = Team.objects.get(pk=team_id)
    details = {"person": user.get_username(), "role": role, "by": "single sign-on"}
    audit_record(actor=user, action=action, target=team, details=details)
