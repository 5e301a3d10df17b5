"""API tokens: create (the plaintext is shown once), revoke, and authenticate a bearer token.

Only a SHA-256 digest of a token is stored, with its first characters (the prefix) to tell
tokens apart in lists and on the command line. A token is random (256 bits), so a fast hash is
enough: there is nothing to guess, and a leaked database holds no usable token.

>>> token, raw = token_create(user=alice, name="sales script")  # doctest: +SKIP
>>> token_authenticate(raw) == alice  # doctest: +SKIP
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import zoneinfo

from django.contrib.auth.models import AbstractBaseUser, User
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from incheck import clock
from incheck.accounts.models import ApiToken, Profile
from incheck.audit.services import audit_record
from incheck.errors import Invalid, NotFound

# Every token starts with this, so a leaked one is recognisable (secret scanners, logs).
TOKEN_PREFIX = "inc_"
PREFIX_LENGTH = 12
NAME_LIMIT = 80
# A longer Authorization value is not one of ours; refuse it before touching the database.
MAX_TOKEN_LENGTH = 100
# `last_used_at` is a hint for people, not an audit log: write it at most once a minute so that
# a busy script does not turn every read into a write.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def token_digest(raw: str) -> str:
    """The stored form of a token: its SHA-256 hex digest."""
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


@transaction.atomic
def token_create(
    *, user: AbstractBaseUser, name: str = "", actor: AbstractBaseUser | None = None
) -> tuple[ApiToken, str]:
    """A new token for the user. Returns the row and the plaintext, which is never stored.

    `actor` is who asked, for the audit log (None: the command line).
    """
    name = name.strip()
    if len(name) > NAME_LIMIT:
        raise Invalid(
            _("Some fields need another look."),
            code="invalid",
            fields={
                "name": _("Keep it short: at most %(limit)s characters.") % {"limit": NAME_LIMIT}
            },
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user_id=user.pk, name=name, prefix=raw[:PREFIX_LENGTH], digest=token_digest(raw)
    )
    audit_record(actor=actor, action="token.created", target=user, details={"prefix": token.prefix})
    return token, raw


@transaction.atomic
def token_revoke(*, prefix: str, user: AbstractBaseUser | None = None) -> ApiToken:
    """Revoke the active token with this prefix; with `user`, only one of that user's tokens.

    The command line passes no user (whoever runs it administers the installation); the
    profile page passes the signed-in person, so nobody revokes someone else's token.
    """
    tokens = ApiToken.objects.select_for_update().filter(
        prefix=prefix.strip(), revoked_at__isnull=True
    )
    if user is not None:
        tokens = tokens.filter(user_id=user.pk)
    found = list(tokens[:2])
    if len(found) != 1:
        # None, or (with 48 random bits, in theory only) two that share a prefix.
        raise NotFound(_("No active token has that prefix."), code="not_found")
    token = found[0]
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=user, action="token.revoked", target=token.user, details={"prefix": token.prefix}
    )
    return token


def token_authenticate(raw: str) -> User | None:
    """The active user a bearer token belongs to, or None. One query, plus a rare write.

    Also notes when the token was last used, at most once a minute (a filtered update, so
    concurrent requests write it once).
    """
    raw = raw.strip()
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > MAX_TOKEN_LENGTH:
        return None
    token = (
        ApiToken.objects.select_related("user__profile")
        .filter(digest=token_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = clock.now()
    stale_before = now - LAST_USED_RESOLUTION
    if token.last_used_at is None or token.last_used_at < stale_before:
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=stale_before)
        ).update(last_used_at=now)
    return token.user


DISPLAY_NAME_LIMIT = 120


@transaction.atomic
def profile_update(
    *,
    user: User,
    display_name: str,
    language: str,
    time_zone: str,
    wants_reminders: bool | None = None,
) -> Profile:
    """Change how a person is named, which language they read, which time zone they keep, and
    whether `incheck remind` e-mails them what is due.

    `language` is "en", "sv" or "" (the browser's); `time_zone` an IANA name ("Europe/Stockholm");
    `wants_reminders` None leaves that choice as it is.
    """
    display_name = display_name.strip()
    problems: dict[str, str] = {}
    if len(display_name) > DISPLAY_NAME_LIMIT:
        problems["display_name"] = str(
            _("Keep it short: at most %(limit)s characters.") % {"limit": DISPLAY_NAME_LIMIT}
        )
    if language not in Profile.Language.values:
        problems["language"] = str(_("Choose English, Swedish or the browser's language."))
    if time_zone not in zoneinfo.available_timezones():
        problems["time_zone"] = str(_("Choose a time zone from the list."))
    if problems:
        raise Invalid(_("Some fields need another look."), code="invalid", fields=problems)
    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    profile.display_name = display_name
    profile.language = language
    profile.time_zone = time_zone
    fields = ["display_name", "language", "time_zone"]
    if wants_reminders is not None:
        profile.wants_reminders = wants_reminders
        fields.append("wants_reminders")
    profile.save(update_fields=fields)
    return profile
