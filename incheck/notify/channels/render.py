"""One message laid out for each kind of chat: Slack Block Kit, a Teams Adaptive Card, and
the markdown of Mattermost and Rocket.Chat (their Slack-compatible incoming webhooks).

User text is escaped for each format: Slack's mrkdwn needs ``&``, ``<`` and ``>`` as entities;
markdown needs its link and emphasis characters neutralised; an Adaptive Card's TextBlock reads
markdown too.
"""

from __future__ import annotations

import re
from typing import Any

from incheck.notify.channels.message import Line, Message

# Slack allows 50 blocks a message; a long digest keeps its first lines and says so.
SLACK_BLOCKS = 48
# Adaptive Cards stay readable (and under the Workflows size limit) with this many lines.
CARD_LINES = 30

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<])")


def slack_escape(text: str) -> str:
    """Text for Slack's mrkdwn: the three characters it reserves become entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown_escape(text: str) -> str:
    """Text that markdown shows as written (no link, emphasis or heading from user text)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _slack_line(line: Line, button: str) -> dict[str, Any]:
    title = (
        f"*<{line.url}|{slack_escape(line.title)}>*"
        if line.url
        else f"*{slack_escape(line.title)}*"
    )
    parts = [title]
    if line.meta:
        parts.append(f"_{slack_escape(line.meta)}_")
    if line.text:
        parts.append(slack_escape(line.text))
    block: dict[str, Any] = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": "\n".join(parts)},
    }
    if line.url and button:
        block["accessory"] = {
            "type": "button",
            "text": {"type": "plain_text", "text": button},
            "url": line.url,
            "action_id": "check_in",
        }
    return block


def slack_blocks(message: Message) -> list[dict[str, Any]]:
    """Block Kit: a header, the intro, then each section's lines with a "Check in" button."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": message.subject[:150]}},
        {"type": "section", "text": {"type": "mrkdwn", "text": slack_escape(message.intro)}},
    ]
    for section in message.sections:
        if len(message.sections) > 1 or section.title:
            blocks.append(
                {
                    "type": "section",
                    "text": {"type": "mrkdwn", "text": f"*{slack_escape(section.title)}*"},
                }
            )
        if not section.lines and section.empty:
            blocks.append(
                {
                    "type": "context",
                    "elements": [{"type": "mrkdwn", "text": slack_escape(section.empty)}],
                }
            )
        for line in section.lines:
            blocks.append(_slack_line(line, message.button))
    if len(blocks) > SLACK_BLOCKS:
        blocks = blocks[: SLACK_BLOCKS - 1]
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": "…"}]})
    if message.link_url:
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": message.link_label},
                        "url": message.link_url,
                        "action_id": "open",
                    }
                ],
            }
        )
    return blocks


def plain_text(message: Message) -> str:
    """The fallback text chat apps show in notifications."""
    return f"{message.subject}: {message.intro}"


def adaptive_card(message: Message) -> dict[str, Any]:
    """A Teams message for a Workflows webhook: one Adaptive Card (schema 1.4)."""
    body: list[dict[str, Any]] = [
        {
            "type": "TextBlock",
            "text": markdown_escape(message.subject),
            "weight": "Bolder",
            "size": "Medium",
            "wrap": True,
        },
        {"type": "TextBlock", "text": markdown_escape(message.intro), "wrap": True},
    ]
    shown = 0
    for section in message.sections:
        if section.title:
            body.append(
                {
                    "type": "TextBlock",
                    "text": markdown_escape(section.title),
                    "weight": "Bolder",
                    "wrap": True,
                    "spacing": "Medium",
                }
            )
        if not section.lines and section.empty:
            body.append(
                {
                    "type": "TextBlock",
                    "text": markdown_escape(section.empty),
                    "isSubtle": True,
                    "wrap": True,
                }
            )
        for line in section.lines:
            if shown >= CARD_LINES:
                break
            shown += 1
            title = (
                f"[{markdown_escape(line.title)}]({line.url})"
                if line.url
                else markdown_escape(line.title)
            )
            text = title + (f" · {markdown_escape(line.meta)}" if line.meta else "")
            if line.text:
                text += "\n\n" + markdown_escape(line.text)
            item: dict[str, Any] = {
                "type": "Container",
                "items": [{"type": "TextBlock", "text": text, "wrap": True}],
            }
            if line.url and message.button:
                item["selectAction"] = {
                    "type": "Action.OpenUrl",
                    "url": line.url,
                    "title": message.button,
                }
            body.append(item)
    card: dict[str, Any] = {"type": "AdaptiveCard", "version": "1.4", "body": body}
    if message.link_url:
        card["actions"] = [
            {"type": "Action.OpenUrl", "title": message.link_label, "url": message.link_url}
        ]
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": card,
            }
        ],
    }


def markdown(message: Message) -> str:
    """Mattermost and Rocket.Chat: markdown with a link per line."""
    out = [f"**{markdown_escape(message.subject)}**", markdown_escape(message.intro)]
    for section in message.sections:
        if section.title:
            out.append(f"\n**{markdown_escape(section.title)}**")
        if not section.lines and section.empty:
            out.append(f"_{markdown_escape(section.empty)}_")
        for line in section.lines:
            title = markdown_escape(line.title)
            head = f"- [{title}]({line.url})" if line.url else f"- {title}"
            if line.meta:
                head += f" · {markdown_escape(line.meta)}"
            if line.url and message.button:
                head += f" · [{markdown_escape(message.button)}]({line.url})"
            out.append(head)
            if line.text:
                out.append(f"  > {markdown_escape(line.text)}")
    if message.link_url:
        out.append(f"\n[{markdown_escape(message.link_label)}]({message.link_url})")
    return "\n".join(out)


def incoming_webhook(message: Message, *, kind: str) -> dict[str, Any]:
    """The JSON body of a Slack-compatible incoming webhook (Mattermost, Rocket.Chat)."""
    payload: dict[str, Any] = {"text": markdown(message)}
    if kind == "mattermost":
        payload["username"] = "Incheck"
    else:
        payload["alias"] = "Incheck"
    return payload
