"""Sending one message through one channel: e-mail, Slack, Teams, Mattermost, Rocket.Chat.

Each function raises ``ChannelError`` with a short text for whoever set the channel up, and
nothing else (``deliver`` in ``channels.deliver`` keeps one failing channel from blocking the
others).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.utils import translation
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from incheck.notify.channels.errors import ChannelError
from incheck.notify.channels.http import post_json
from incheck.notify.channels.message import Message
from incheck.notify.channels.render import adaptive_card, incoming_webhook, plain_text, slack_blocks


def email_message(message: Message, *, to: list[str]) -> EmailMultiAlternatives:
    """The message as an e-mail with a text and an HTML part (rendered in the active language)."""
    context = {"message": message, "language": translation.get_language() or "en"}
    text = render_to_string("notify/message.txt", context)
    html = render_to_string("notify/message.html", context)
    # A subject is one line, whatever the user text in it.
    subject = " ".join(message.subject.split())
    email = EmailMultiAlternatives(subject, text, to=to)
    email.attach_alternative(html, "text/html")
    return email


def send_email(
    message: Message, *, to: list[str], connection: BaseEmailBackend | None = None
) -> None:
    if not any(address.strip() for address in to):
        raise ChannelError("no e-mail address")
    email = email_message(message, to=to)
    try:
        if connection is None:
            email.send(fail_silently=False)
        else:
            connection.send_messages([email])
    except (OSError, ValueError) as error:
        # smtplib's errors are OSErrors; their text names the server's refusal, not a secret.
        raise ChannelError(f"e-mail failed: {str(error)[:160]}") from error


def slack_client(token: str) -> WebClient:
    base_url = settings.INCHECK_SLACK_API_URL or WebClient.BASE_URL
    return WebClient(token=token, base_url=base_url, timeout=settings.INCHECK_HTTP_TIMEOUT)


def _slack_error(error: Exception) -> ChannelError:
    if isinstance(error, SlackApiError):
        code = error.response.get("error", "error") if error.response is not None else "error"
        return ChannelError(f"Slack answered {code}")
    return ChannelError(f"no connection to Slack: {str(error)[:120]}")


def slack_user_id(token: str, email: str) -> str:
    """The Slack member with this e-mail address (users.lookupByEmail)."""
    try:
        response = slack_client(token).users_lookupByEmail(email=email)
    except (SlackClientError, OSError) as error:
        raise _slack_error(error) from error
    user = response.get("user") or {}
    if not user.get("id"):
        raise ChannelError("Slack answered without a user")
    return str(user["id"])


def send_slack(message: Message, *, token: str, channel: str) -> None:
    """Post to a channel or, with a member id, as a direct message from the bot."""
    if not token:
        raise ChannelError("Slack is not set up: an admin adds the bot token")
    try:
        slack_client(token).chat_postMessage(
            channel=channel, text=plain_text(message), blocks=slack_blocks(message)
        )
    except (SlackClientError, OSError) as error:
        raise _slack_error(error) from error


def slack_check(token: str) -> str:
    """Whether a bot token works (auth.test): the workspace's name."""
    try:
        response = slack_client(token).auth_test()
    except (SlackClientError, OSError) as error:
        raise _slack_error(error) from error
    return str(response.get("team") or "")


def send_teams(message: Message, *, url: str) -> None:
    """A Microsoft Teams Workflows webhook takes one Adaptive Card in a message."""
    post_json(url, adaptive_card(message))


def send_incoming(message: Message, *, url: str, kind: str) -> None:
    """Mattermost's and Rocket.Chat's Slack-compatible incoming webhooks."""
    post_json(url, incoming_webhook(message, kind=kind))
