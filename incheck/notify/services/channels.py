"""Channels: a person's (on their profile) and a team's (its leads), each testable at once.

A webhook URL is write-only: saving a channel again with the URL left empty keeps the one
stored; no page, export or API answer ever shows it (only its host, to tell channels apart).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils.translation import gettext as _

from incheck import clock
from incheck.audit.services import audit_record
from incheck.domain.permissions import may_change_team_settings
from incheck.errors import Forbidden, Invalid, NotFound
from incheck.notify.channels.deliver import Context, Outcome, deliver, record
from incheck.notify.channels.errors import ChannelError
from incheck.notify.content.nudges import test_message
from incheck.notify.models import Channel
from incheck.notify.services.slack import bot_token
from incheck.okrs.services.access import actor_for

PERSONAL_KINDS = (
    Channel.Kind.SLACK,
    Channel.Kind.TEAMS,
    Channel.Kind.MATTERMOST,
    Channel.Kind.ROCKETCHAT,
)
TEAM_KINDS = (Channel.Kind.EMAIL, *PERSONAL_KINDS)
URL_KINDS = (Channel.Kind.TEAMS, Channel.Kind.MATTERMOST, Channel.Kind.ROCKETCHAT)
URL_LIMIT = 2000
TARGET_LIMIT = 200


def url_hint(url: str) -> str:
    """What a page may show of a secret URL: its scheme and host ("https://chat.example.org/…")."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.hostname:
        return ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname}{port}/…"


def valid_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.hostname) and len(url) <= URL_LIMIT


def may_manage(user: AbstractBaseUser, channel: Channel) -> bool:
    """A person's channel is theirs alone; a team's is for its leads and admins."""
    if channel.user_id is not None:
        return channel.user_id == user.pk
    assert channel.team_id is not None
    return may_change_team_settings(actor_for(user), team_id=channel.team_id)


def _problems(
    kind: str, *, team: bool, target: str, url: str, stored_url: str, email: str
) -> dict[str, str]:
    problems: dict[str, str] = {}
    allowed = TEAM_KINDS if team else PERSONAL_KINDS
    if kind not in allowed:
        return {"kind": _("Choose one of the channels in the list.")}
    if kind in URL_KINDS:
        if not url and not stored_url:
            problems["url"] = _("Paste the incoming webhook's address.")
        elif url and not valid_url(url):
            problems["url"] = _("Give an http or https address.")
    slack_name_bad = not target or len(target) > 80 or any(ch.isspace() for ch in target)
    if kind == Channel.Kind.SLACK and team and slack_name_bad:
        problems["target"] = _("Name the Slack channel, e.g. #growth (or its id).")
    if kind == Channel.Kind.SLACK and not team and not email:
        problems["kind"] = _("Your account has no e-mail address: Slack finds you by it.")
    if kind == Channel.Kind.EMAIL:
        try:
            validate_email(target)
        except ValidationError:
            problems["target"] = _("Give an e-mail address.")
    return problems


@transaction.atomic
def channel_save(
    *,
    user: AbstractBaseUser,
    kind: str,
    team_id: int | None = None,
    target: str = "",
    url: str = "",
    enabled: bool = True,
) -> Channel:
    """Add or change the person's (no ``team_id``) or the team's channel of this kind."""
    target, url = target.strip(), url.strip()
    whose: models.Model = user
    if team_id is not None:
        from incheck.accounts.models import Team

        team = Team.objects.filter(pk=team_id).first()
        if team is None:
            raise NotFound(code="not_found")
        whose = team
        if not may_change_team_settings(actor_for(user), team_id=team_id):
            raise Forbidden(
                _("Only the team's leads and admins change its channels."), code="forbidden"
            )
        owner: dict[str, Any] = {"team_id": team_id}
    else:
        owner = {"user_id": user.pk}
    channel = Channel.objects.select_for_update().filter(kind=kind, **owner).first()
    problems = _problems(
        kind,
        team=team_id is not None,
        target=target,
        url=url,
        stored_url=channel.secret if channel else "",
        email=getattr(user, "email", ""),
    )
    if len(target) > TARGET_LIMIT:
        problems["target"] = _("Keep it short: at most %(limit)s characters.") % {
            "limit": TARGET_LIMIT
        }
    if problems:
        raise Invalid(_("Some fields need another look."), code="invalid", fields=problems)
    now = clock.now()
    added = channel is None
    if channel is None:
        channel = Channel(kind=kind, created_by_id=user.pk, created_at=now, **owner)
    if kind == Channel.Kind.SLACK and team_id is None:
        target = ""  # the member id is looked up again by e-mail on the next message
    changed = [
        name
        for name, differs in (
            # A person's channel names nothing of theirs (a Slack member id is the jobs').
            ("target", team_id is not None and channel.target != target),
            ("url", bool(url) and channel.secret != url),
            ("enabled", channel.enabled != enabled),
        )
        if differs
    ]
    channel.target = target
    if url:
        channel.secret = url
        channel.last_error = ""
    channel.enabled = enabled
    channel.updated_at = now
    channel.save()
    if added or changed:
        _audit(user, "channel.added" if added else "channel.changed", channel, whose, changed)
    return channel


def _audit(
    user: AbstractBaseUser, action: str, channel: Channel, whose: models.Model, changed: list[str]
) -> None:
    """A channel's change in the audit log: its kind, what it names and the webhook's host
    (never its address, which is the secret), what changed."""
    details: dict[str, Any] = {
        "kind": channel.kind,
        "channel": channel.target if channel.team_id is not None else "",
        "url_hint": url_hint(channel.secret) if channel.secret else "",
        "enabled": channel.enabled,
    }
    if action == "channel.changed":
        details["changed"] = changed
    audit_record(actor=user, action=action, target=whose, details=details)


def _owned(user: AbstractBaseUser, channel_id: int) -> Channel:
    channel = Channel.objects.filter(pk=channel_id).first()
    if channel is None or (channel.user_id is not None and channel.user_id != user.pk):
        raise NotFound(code="not_found")  # someone else's personal channel does not exist
    if not may_manage(user, channel):
        raise Forbidden(
            _("Only the team's leads and admins change its channels."), code="forbidden"
        )
    return channel


@transaction.atomic
def channel_delete(*, user: AbstractBaseUser, channel_id: int) -> None:
    """Remove a channel (its secret goes with it)."""
    channel = _owned(user, channel_id)
    whose = channel.team if channel.team_id is not None else channel.user
    assert whose is not None  # a channel is a person's or a team's (a database constraint)
    _audit(user, "channel.removed", channel, whose, [])
    channel.delete()


def channel_test(*, user: AbstractBaseUser, channel_id: int) -> Outcome:
    """Send a test message through one channel now; the outcome is kept on the channel."""
    channel = _owned(user, channel_id)
    where = channel.get_kind_display()
    outcomes = deliver(
        test_message(where=str(where)),
        channels=[channel],
        context=Context(slack_token=bot_token()),
        email=getattr(user, "email", ""),
    )
    record(outcomes, now=clock.now())
    return (
        outcomes[0] if outcomes else Outcome(channel.kind, False, _("The channel is off."), channel)
    )


def own_email_test(*, user: AbstractBaseUser) -> Outcome:
    """A test message to the person's own e-mail address."""
    email = getattr(user, "email", "")
    if not email:
        return Outcome(Channel.Kind.EMAIL, False, _("Your account has no e-mail address."))
    outcomes = deliver(
        test_message(where=_("your e-mail")),
        channels=[],
        context=Context(),
        email=email,
        own_email=True,
    )
    return outcomes[0]


__all__ = ["ChannelError", "channel_delete", "channel_save", "channel_test", "own_email_test"]
