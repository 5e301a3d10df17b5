"""People: invite, deactivate and reactivate, admin rights, and handing over key results.

"Admin" is Django's superuser (`domain.permissions`); granting it also grants `is_staff`, so the
Django admin at /admin/ opens for them too.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from incheck import clock
from incheck.accounts.models import ApiToken, Membership, Profile, Team
from incheck.audit.services import audit_record
from incheck.domain.people import PERSON_NAME_LIMIT, USERNAME_LIMIT, role_problem, username_base
from incheck.errors import Conflict, NotFound
from incheck.okrs.models import KeyResult, Objective
from incheck.okrs.services.access import User as Actor
from incheck.people.messages import message
from incheck.people.services.common import admin_actor, invalid
from incheck.people.services.invitations import invitation_create


def unique_username(email: str) -> str:
    """A free user name made from an e-mail address: "ann", else "ann2", "ann3", …"""
    base = username_base(email)
    taken = set(
        get_user_model()
        .objects.filter(username__istartswith=base)
        .values_list("username", flat=True)[:1000]
    )
    taken = {name.lower() for name in taken}
    if base not in taken:
        return base
    number = 2
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"[:USERNAME_LIMIT]


def email_problem(email: str) -> str | None:
    try:
        validate_email(email)
    except ValidationError:
        return "email_invalid"
    return None


def person_get(person_id: int, *, lock: bool = False) -> User:
    people = get_user_model().objects.select_related("profile")
    if lock:
        people = people.select_for_update(of=("self",))
    person = people.filter(pk=person_id).first()
    if person is None:
        raise NotFound(message("not_found"), code="not_found")
    return person


def person_create(*, email: str, name: str) -> User:
    """A new person with no usable password (they get one through an invitation, or sign in
    with SSO). Call inside the caller's transaction, after checking the address is free."""
    user = get_user_model().objects.create_user(username=unique_username(email), email=email)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    Profile.objects.create(user=user, display_name=name)
    return user


@transaction.atomic
def person_invite(
    *, actor: Actor, email: str, name: str = "", team_id: int | None = None, role: str = "member"
) -> tuple[User, str]:
    """Invite someone by e-mail (admins): the person is created at once (so they can be put in
    teams and given KRs) and e-mailed a link valid 7 days. Returns them and the link's secret.

    Inviting someone who is here but cannot sign in yet (invited or imported, no password, never
    signed in) sends them a new link.
    """
    admin_actor(actor)
    email, name = email.strip(), name.strip()
    problems: dict[str, str] = {}
    if problem := email_problem(email):
        problems["email"] = problem
    if len(name) > PERSON_NAME_LIMIT:
        problems["name"] = "person_name_too_long"
    if problem := role_problem(role):
        problems["role"] = problem
    team = None
    if team_id is not None:
        team = Team.objects.filter(pk=team_id, archived_at__isnull=True).first()
        if team is None:
            problems["team"] = "unknown_team"
    if problems:
        raise invalid(problems)
    existing = list(get_user_model().objects.select_for_update().filter(email__iexact=email)[:2])
    if existing:
        person = existing[0]
        # Someone who may already sign in needs no invitation (a forgotten password is the
        # password reset's business).
        signed_up = person.last_login is not None or person.has_usable_password()
        if len(existing) > 1 or signed_up or not person.is_active:
            raise invalid({"email": "email_taken"})
    else:
        person = person_create(email=email, name=name)
        audit_record(actor=actor, action="person.created", target=person, details={"email": email})
    if team is not None:
        _membership, created = Membership.objects.get_or_create(
            user=person, team=team, defaults={"role": role}
        )
        if created:
            audit_record(
                actor=actor,
                action="membership.added",
                target=team,
                details={"person": person.get_username(), "role": role},
            )
    raw = invitation_create(user=person, invited_by=actor)  # type: ignore[arg-type]
    return person, raw


@transaction.atomic
def person_reinvite(*, actor: Actor, person_id: int) -> tuple[User, str]:
    """A new invitation link for someone who has not signed in yet (admins)."""
    admin_actor(actor)
    person = person_get(person_id, lock=True)
    if not person.is_active:
        raise Conflict(message("inactive_person"), code="inactive_person")
    if person.last_login is not None:
        raise Conflict(message("invitation_used"), code="already_signed_in")
    raw = invitation_create(user=person, invited_by=actor)  # type: ignore[arg-type]
    return person, raw


def _active_admins() -> int:
    return get_user_model().objects.filter(is_active=True, is_superuser=True).count()


@transaction.atomic
def person_deactivate(*, actor: Actor, person_id: int) -> User:
    """Deactivate someone (admins): they can no longer sign in, their sessions end and their
    API tokens are revoked. Their key results and check-ins stay (hand them over with
    `key_results_hand_over`)."""
    admin_actor(actor)
    person = person_get(person_id, lock=True)
    if person.pk == actor.pk:
        raise Conflict(message("self_deactivation"), code="self_deactivation")
    if not person.is_active:
        raise Conflict(message("already_deactivated"), code="already_deactivated")
    if person.is_superuser and _active_admins() <= 1:
        raise Conflict(message("last_admin"), code="last_admin")
    person.is_active = False
    person.save(update_fields=["is_active"])
    revoked = ApiToken.objects.filter(user=person, revoked_at__isnull=True).update(
        revoked_at=clock.now()
    )
    # Sessions need no sweep: every request loads its user through the auth backend, which
    # refuses an inactive one, so an open session is no session from the next request on.
    audit_record(
        actor=actor, action="person.deactivated", target=person, details={"tokens": revoked}
    )
    return person


@transaction.atomic
def person_reactivate(*, actor: Actor, person_id: int) -> User:
    """Let a deactivated person sign in again (admins). Revoked tokens stay revoked."""
    admin_actor(actor)
    person = person_get(person_id, lock=True)
    if person.is_active:
        raise Conflict(message("already_active"), code="already_active")
    person.is_active = True
    person.save(update_fields=["is_active"])
    audit_record(actor=actor, action="person.reactivated", target=person)
    return person


@transaction.atomic
def person_set_admin(*, actor: Actor, person_id: int, is_admin: bool) -> User:
    """Make someone an administrator, or no longer one (admins; someone must stay one)."""
    admin_actor(actor)
    # Admins are locked in a fixed order, so two admins revoking each other at once cannot
    # both pass the "someone must stay" check.
    list(
        get_user_model()
        .objects.select_for_update()
        .filter(is_superuser=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    person = person_get(person_id, lock=True)
    if person.is_superuser == is_admin and person.is_staff == is_admin:
        return person
    if not is_admin and person.is_superuser and _active_admins() <= 1:
        raise Conflict(message("last_admin"), code="last_admin")
    if is_admin and not person.is_active:
        raise Conflict(message("inactive_person"), code="inactive_person")
    person.is_superuser = person.is_staff = is_admin
    person.save(update_fields=["is_superuser", "is_staff"])
    action = "person.admin_granted" if is_admin else "person.admin_revoked"
    audit_record(actor=actor, action=action, target=person)
    return person


@transaction.atomic
def key_results_hand_over(*, actor: Actor, from_person_id: int, to_person_id: int) -> int:
    """Give all of someone's key results (and personal objectives) in open periods to another
    person, in one step (admins). Closed periods are history and keep their owners.

    Returns how many key results moved.
    """
    admin_actor(actor)
    if from_person_id == to_person_id:
        raise invalid({"to": "same_person"})
    giver = person_get(from_person_id)
    receiver = person_get(to_person_id)
    if not receiver.is_active:
        raise invalid({"to": "inactive_person"})
    now = clock.now()
    key_results = KeyResult.objects.filter(
        owner_id=giver.pk, objective__period__closed_at__isnull=True
    )
    # Locked first: a sitting under way on one of these KRs finishes before the owner changes.
    ids = list(key_results.select_for_update(of=("self",)).values_list("pk", flat=True))
    moved = KeyResult.objects.filter(pk__in=ids).update(owner_id=receiver.pk, updated_at=now)
    objectives = Objective.objects.filter(owner_id=giver.pk, period__closed_at__isnull=True)
    objective_count = objectives.update(owner_id=receiver.pk, updated_at=now)
    audit_record(
        actor=actor,
        action="person.key_results_handed_over",
        target=giver,
        details={
            "to": receiver.get_username(),
            "key_results": moved,
            "objectives": objective_count,
        },
    )
    return moved
