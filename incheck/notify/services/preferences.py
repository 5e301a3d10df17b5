"""A person's habit-loop choices: when nudges come, days away, digests, the calendar feed."""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from incheck.accounts.models import Profile
from incheck.errors import Invalid

HOURS = range(24)


@transaction.atomic
def nudge_preferences_update(
    *,
    user: AbstractBaseUser,
    nudge_hour: int,
    wants_reminders: bool,
    wants_digest: bool,
    wants_team_digest: bool,
    away_from: dt.date | None = None,
    away_until: dt.date | None = None,
) -> Profile:
    """Set when a person's nudges come (local hour), whether e-mail brings them, which digests
    they read, and the days they are away (both ends included; either may be open)."""
    problems: dict[str, str] = {}
    if nudge_hour not in HOURS:
        problems["nudge_hour"] = _("Choose an hour from 0 to 23.")
    if away_from is not None and away_until is not None and away_until < away_from:
        problems["away_until"] = _("The last day away comes on or after the first.")
    if problems:
        raise Invalid(_("Some fields need another look."), code="invalid", fields=problems)
    profile, _created = Profile.objects.select_for_update().get_or_create(user_id=user.pk)
    profile.nudge_hour = nudge_hour
    profile.wants_reminders = wants_reminders
    profile.wants_digest = wants_digest
    profile.wants_team_digest = wants_team_digest
    profile.away_from = away_from
    profile.away_until = away_until
    profile.save(
        update_fields=[
            "nudge_hour",
            "wants_reminders",
            "wants_digest",
            "wants_team_digest",
            "away_from",
            "away_until",
        ]
    )
    return profile


@transaction.atomic
def calendar_token_regenerate(*, user: AbstractBaseUser) -> str:
    """A new secret address for the person's calendar feed; the old one stops working."""
    profile, _created = Profile.objects.select_for_update().get_or_create(user_id=user.pk)
    profile.calendar_token = secrets.token_urlsafe(32)
    profile.save(update_fields=["calendar_token"])
    return profile.calendar_token


@transaction.atomic
def calendar_token_revoke(*, user: AbstractBaseUser) -> None:
    """Turn the feed off: its address answers 404 from now on."""
    Profile.objects.filter(user_id=user.pk).update(calendar_token=None)
