"""Invitations: a one-time link, valid 7 days, to set a password or sign in with SSO.

The link carries a random secret (256 bits); only its SHA-256 digest is stored, as for API
tokens. A new invitation for someone replaces their older ones. Using the link, or signing in
any other way (SSO), accepts it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.models import AbstractBaseUser, User
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from incheck import clock
from incheck.accounts.names import display_name
from incheck.audit.services import audit_record
from incheck.errors import Conflict, Invalid, NotFound
from incheck.people.messages import message
from incheck.people.models import Invitation

VALID_FOR = dt.timedelta(days=7)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def invitation_link(raw: str) -> str:
    """The absolute address of an invitation (for the e-mail and the admin's copy button)."""
    return settings.INCHECK_BASE_URL.rstrip("/") + reverse("invitation", args=[raw])


def invitation_create(*, user: AbstractBaseUser, invited_by: AbstractBaseUser | None) -> str:
    """A new invitation for `user`, replacing any open one; returns the link's secret.

    Call inside the caller's transaction (it audits and e-mails on commit).
    """
    now = clock.now()
    Invitation.objects.filter(
        user_id=user.pk, accepted_at__isnull=True, replaced_at__isnull=True
    ).update(replaced_at=now)
    raw = secrets.token_urlsafe(32)
    Invitation.objects.create(
        user_id=user.pk,
        digest=_digest(raw),
        invited_by_id=invited_by.pk if invited_by is not None else None,
        created_at=now,
        expires_at=now + VALID_FOR,
    )
    audit_record(actor=invited_by, action="person.invited", target=user)
    email = getattr(user, "email", "")
    if email:
        inviter = invited_by
        transaction.on_commit(lambda: _send(user, inviter, raw))
    return raw


def _send(user: AbstractBaseUser, inviter: AbstractBaseUser | None, raw: str) -> None:
    # In the inviter's language (the page they are on): the invited person has chosen none yet.
    context = {
        "link": invitation_link(raw),
        "inviter": display_name(inviter),
        "days": VALID_FOR.days,
        "sso_name": settings.OIDC_NAME if settings.OIDC_ISSUER else "",
        "password_sign_in": settings.INCHECK_PASSWORD_SIGN_IN,
    }
    subject = _("You are invited to Incheck")
    text = render_to_string("people/invitation_email.txt", context)
    mail = EmailMultiAlternatives(subject, text, to=[getattr(user, "email", "")])
    mail.send(fail_silently=False)


def invitation_find(raw: str) -> Invitation:
    """The open invitation behind a link, or NotFound/Conflict saying why it cannot be used."""
    if not raw or len(raw) > 100:
        raise NotFound(message("invitation_invalid"), code="invitation_invalid")
    invitation = (
        Invitation.objects.select_related("user__profile").filter(digest=_digest(raw)).first()
    )
    if invitation is None or invitation.replaced_at is not None:
        raise NotFound(message("invitation_invalid"), code="invitation_invalid")
    if invitation.accepted_at is not None:
        raise Conflict(message("invitation_used"), code="invitation_used")
    if invitation.expires_at <= clock.now():
        raise Conflict(message("invitation_expired"), code="invitation_expired")
    if not invitation.user.is_active:
        raise NotFound(message("invitation_invalid"), code="invitation_invalid")
    return invitation


@transaction.atomic
def invitation_accept_with_password(*, raw: str, password: str) -> User:
    """Use the link to set a password: the person can sign in from now on (one use only)."""
    found = invitation_find(raw)
    # Locked and read again: two tabs submitting the same link set one password.
    invitation = Invitation.objects.select_for_update().select_related("user").get(pk=found.pk)
    if invitation.accepted_at is not None:
        raise Conflict(message("invitation_used"), code="invitation_used")
    user = invitation.user
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise Invalid(
            message("invalid_input"), code="invalid", fields={"password": " ".join(error.messages)}
        ) from error
    user.set_password(password)
    user.save(update_fields=["password"])
    invitations_accept(user=user)
    return user


def invitations_accept(*, user: AbstractBaseUser) -> None:
    """The person has signed in: their open invitations are used up."""
    Invitation.objects.filter(
        user_id=user.pk, accepted_at__isnull=True, replaced_at__isnull=True
    ).update(accepted_at=clock.now())
