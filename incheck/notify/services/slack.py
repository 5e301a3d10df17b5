"""The installation's Slack bot: an admin sets its token (write-only) and tests it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from incheck import clock
from incheck.audit.services import audit_record
from incheck.errors import Forbidden, Invalid
from incheck.notify.channels import senders
from incheck.notify.channels.errors import ChannelError
from incheck.notify.models import SlackSettings
from incheck.okrs.services.access import actor_for

TOKEN_LIMIT = 300


def bot_token() -> str:
    """The bot token: the environment's SLACK_BOT_TOKEN, else the admin's (one query)."""
    if settings.SLACK_BOT_TOKEN:
        return str(settings.SLACK_BOT_TOKEN)
    row = SlackSettings.objects.filter(pk=1).first()
    return row.bot_token if row is not None else ""


def slack_state() -> SlackSettings:
    """The settings row (made on first use; never read for its token by a page)."""
    row, _created = SlackSettings.objects.get_or_create(pk=1)
    return row


def _admin_only(user: AbstractBaseUser) -> None:
    if not actor_for(user).is_admin:
        raise Forbidden(_("Only administrators set up Slack."), code="forbidden")


@transaction.atomic
def slack_token_set(*, user: AbstractBaseUser, token: str) -> SlackSettings:
    """Replace the bot token ("" removes it). It is never shown again."""
    _admin_only(user)
    token = token.strip()
    if len(token) > TOKEN_LIMIT or any(ch.isspace() for ch in token):
        raise Invalid(
            _("Some fields need another look."),
            code="invalid",
            fields={"token": _("Paste the bot token as Slack shows it (it starts with xoxb-).")},
        )
    row, _created = SlackSettings.objects.select_for_update().get_or_create(pk=1)
    changed = row.bot_token != token
    row.bot_token = token
    row.updated_by_id = user.pk
    row.updated_at = clock.now()
    row.last_error = ""
    row.save()
    if changed:  # who set or removed it, never the token
        action = "slack.token_set" if token else "slack.token_removed"
        audit_record(actor=user, action=action, target=row)
    return row


def slack_token_test(*, user: AbstractBaseUser) -> str:
    """Ask Slack whether the token works (auth.test): the workspace's name, or ChannelError."""
    _admin_only(user)
    token = bot_token()
    if not token:
        raise ChannelError(_("No bot token yet."))
    try:
        team = senders.slack_check(token)
    except ChannelError as error:
        SlackSettings.objects.filter(pk=1).update(last_error=str(error), last_error_at=clock.now())
        raise
    SlackSettings.objects.filter(pk=1).update(last_error="")
    return team
