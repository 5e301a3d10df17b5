"""One message to everywhere a person or a team reads: each channel on its own.

A failing channel never blocks the others: each is tried, its failure is logged and kept on
the channel (``last_error``) for whoever set it up to see, and the message counts as sent when
any channel took it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.mail.backends.base import BaseEmailBackend

from incheck.notify.channels import senders
from incheck.notify.channels.errors import ChannelError
from incheck.notify.channels.message import Message
from incheck.notify.models import Channel

logger = logging.getLogger("incheck.notify")

EMAIL = Channel.Kind.EMAIL


@dataclass
class Outcome:
    kind: str
    ok: bool
    error: str = ""
    channel: Channel | None = None  # None: the person's own e-mail (their profile's choice)


@dataclass
class Context:
    """What sending needs besides the message: the bot token and one SMTP connection."""

    slack_token: str = ""
    email_connection: BaseEmailBackend | None = None


def send_via(channel: Channel, message: Message, *, context: Context, email: str = "") -> None:
    """Send through one channel row; a person's Slack channel learns its member id once."""
    kind = channel.kind
    if kind == Channel.Kind.EMAIL:
        senders.send_email(message, to=[channel.target], connection=context.email_connection)
    elif kind == Channel.Kind.SLACK:
        target = channel.target
        if channel.user_id is not None and not target:
            target = senders.slack_user_id(context.slack_token, email)
            channel.target = target  # kept by `record`, so the lookup happens once
        senders.send_slack(message, token=context.slack_token, channel=target)
    elif kind == Channel.Kind.TEAMS:
        senders.send_teams(message, url=channel.secret)
    else:
        senders.send_incoming(message, url=channel.secret, kind=kind)


def _try(kind: str, channel: Channel | None, send: Callable[[], None]) -> Outcome:
    try:
        send()
    except ChannelError as error:
        logger.warning("%s channel %s failed: %s", kind, channel.pk if channel else "e-mail", error)
        return Outcome(kind, False, str(error), channel)
    except Exception as error:  # a library's surprise must not stop the other channels
        logger.exception("%s channel %s failed", kind, channel.pk if channel else "e-mail")
        return Outcome(kind, False, f"unexpected error: {type(error).__name__}", channel)
    return Outcome(kind, True, "", channel)


def _sender(channel: Channel, message: Message, context: Context, email: str) -> Callable[[], None]:
    return lambda: send_via(channel, message, context=context, email=email)


def deliver(
    message: Message,
    *,
    channels: Iterable[Channel],
    context: Context,
    email: str = "",
    own_email: bool = False,
) -> list[Outcome]:
    """Send through the person's own e-mail (``own_email``) and every enabled channel."""
    outcomes: list[Outcome] = []
    if own_email:
        outcomes.append(
            _try(
                EMAIL,
                None,
                lambda: senders.send_email(
                    message, to=[email], connection=context.email_connection
                ),
            )
        )
    for channel in channels:
        if channel.enabled:
            outcomes.append(_try(channel.kind, channel, _sender(channel, message, context, email)))
    return outcomes


def record(outcomes: Iterable[Outcome], *, now: dt.datetime) -> None:
    """Keep each channel's last success or failure (one UPDATE per changed channel batch)."""
    changed: list[Channel] = []
    for outcome in outcomes:
        channel = outcome.channel
        if channel is None:
            continue
        if outcome.ok:
            channel.last_sent_at = now
            channel.last_error = ""
        else:
            channel.last_error = outcome.error
            channel.last_error_at = now
        changed.append(channel)
    if changed:
        Channel.objects.bulk_update(
            changed, ["target", "last_sent_at", "last_error", "last_error_at"], batch_size=500
        )


def any_ok(outcomes: Iterable[Outcome]) -> bool:
    return any(outcome.ok for outcome in outcomes)
