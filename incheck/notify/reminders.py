"""Reminders: a short e-mail to each person whose key results need a check-in.

The habit is what makes OKRs work, and a habit needs a nudge. `incheck remind` runs this from
cron (hourly is fine): a person gets at most one reminder every `INCHECK_REMINDER_INTERVAL_DAYS`
days, and only when their inbox has something due. Safe on several machines at once: each
person is claimed with a filtered UPDATE before the mail goes out, so exactly one run sends it.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import ngettext

from incheck import clock
from incheck.accounts.models import Profile
from incheck.okrs.selectors.pages import Inbox, inbox_for_user

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reminder:
    username: str
    email: str
    items: int


def due_profiles() -> list[Profile]:
    """People who want reminders and can receive them (one query)."""
    return list(
        Profile.objects.filter(wants_reminders=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )


def _claim(profile: Profile, today: dt.date) -> bool:
    """Take this person's reminder for today; False when another run took it first."""
    last_allowed = today - dt.timedelta(days=settings.INCHECK_REMINDER_INTERVAL_DAYS)
    return bool(
        Profile.objects.filter(pk=profile.pk)
        .filter(Q(reminded_on__isnull=True) | Q(reminded_on__lte=last_allowed))
        .update(reminded_on=today)
    )


def _message(profile: Profile, inbox: Inbox) -> EmailMultiAlternatives:
    context = {
        "profile": profile,
        "inbox": inbox,
        "base_url": settings.INCHECK_BASE_URL.rstrip("/"),
    }
    with translation.override(profile.language or settings.LANGUAGE_CODE):
        count = len(inbox.todo)
        subject = ngettext(
            "Incheck: %(count)s key result needs a check-in",
            "Incheck: %(count)s key results need a check-in",
            count,
        ) % {"count": count}
        text = render_to_string("notify/reminder.txt", context)
        html = render_to_string("notify/reminder.html", context)
    message = EmailMultiAlternatives(subject, text, to=[profile.user.email])
    message.attach_alternative(html, "text/html")
    return message


def reminders_send(*, dry_run: bool = False) -> list[Reminder]:
    """Send the reminders that are due now; returns who got one (or would, with dry_run)."""
    sent: list[Reminder] = []
    for profile in due_profiles():
        tz = clock.zone(profile.time_zone)
        today = clock.today(tz)
        last = profile.reminded_on
        if last is not None and (today - last).days < settings.INCHECK_REMINDER_INTERVAL_DAYS:
            continue
        inbox = inbox_for_user(profile.user, tz=tz)
        if not inbox.todo:
            continue
        if dry_run:
            sent.append(Reminder(profile.user.username, profile.user.email, len(inbox.todo)))
            continue
        if not _claim(profile, today):
            continue
        try:
            _message(profile, inbox).send()
        except OSError:
            # Claimed but not sent: at most one reminder a period matters more than this one.
            logger.exception("reminder to %s could not be sent", profile.user.username)
            continue
        sent.append(Reminder(profile.user.username, profile.user.email, len(inbox.todo)))
    return sent
