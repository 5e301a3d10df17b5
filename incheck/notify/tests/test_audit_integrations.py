"""Changes to chat channels (a team's and a person's), outgoing webhooks and the Slack bot token
are in the audit log: who, what, to whom; never the secret (a webhook's address or signing
secret, a channel's incoming-webhook address, the bot token), neither on the audit page nor in
the API nor in the export."""

from __future__ import annotations

import json

import pytest

from incheck.audit.models import AuditEvent
from incheck.audit.words import audit_sentence
from incheck.notify.services.channels import channel_delete, channel_save
from incheck.notify.services.slack import slack_token_set
from incheck.notify.services.webhooks import (
    endpoint_create,
    endpoint_delete,
    endpoint_update,
    new_secret,
)
from incheck.okrs.tests.api.helpers import api
from incheck.portability.tests.conftest import export_text

__all__ = ["api"]

pytestmark = pytest.mark.django_db

HOOK = "https://chat.example.org/hooks/channel-secret-token"
OTHER_HOOK = "https://chat.example.org/hooks/other-secret-token"
WEBHOOK = "https://receiver.example.org/in/webhook-secret-path"
TOKEN = "xoxb-bot-secret-token"


def logged() -> list[tuple[str, str, str, dict]]:
    events = AuditEvent.objects.order_by("id")
    return [(e.actor_name, e.action, e.target_name, e.details) for e in events]


def sentences() -> list[str]:
    return [audit_sentence(event) for event in AuditEvent.objects.order_by("id")]


def assert_no_secret(text: str, *secrets: str) -> None:
    for secret in (*secrets, "secret-token", "secret-path"):
        assert secret not in text


def test_a_team_channel_added_changed_and_removed_is_logged_without_its_address(personas):
    p = personas
    channel = channel_save(user=p.lena, team_id=p.growth.pk, kind="teams", url=HOOK)
    channel_save(user=p.lena, team_id=p.growth.pk, kind="teams", url=HOOK)  # nothing changed
    channel_save(user=p.ada, team_id=p.growth.pk, kind="teams", url=OTHER_HOOK, enabled=False)
    channel_delete(user=p.lena, channel_id=channel.pk)
    hint = "https://chat.example.org/…"
    assert logged() == [
        (
            "Lena",
            "channel.added",
            "Growth",
            {"kind": "teams", "channel": "", "url_hint": hint, "enabled": True},
        ),
        (
            "Ada",
            "channel.changed",
            "Growth",
            {
                "kind": "teams",
                "channel": "",
                "url_hint": hint,
                "enabled": False,
                "changed": ["url", "enabled"],
            },
        ),
        (
            "Lena",
            "channel.removed",
            "Growth",
            {"kind": "teams", "channel": "", "url_hint": hint, "enabled": False},
        ),
    ]
    assert sentences() == [
        "Lena added the Microsoft Teams channel of Growth",
        "Ada changed the Microsoft Teams channel of Growth",
        "Lena removed the Microsoft Teams channel of Growth",
    ]


def test_a_persons_own_channel_is_logged_as_theirs(personas):
    channel_save(user=personas.alice, kind="slack")
    channel_save(user=personas.alice, kind="mattermost", url=HOOK)
    assert sentences() == [
        "Alice added the Slack channel of Alice",
        "Alice added the Mattermost channel of Alice",
    ]
    assert {e.target_type for e in AuditEvent.objects.all()} == {"user"}


def test_a_webhook_is_logged_by_its_description_and_what_changed_never_the_secret(personas):
    ada = personas.ada
    endpoint = endpoint_create(
        user=ada, url=WEBHOOK, secret=new_secret(), events=["check_in.created"], description="CRM"
    )
    endpoint_update(user=ada, endpoint_id=endpoint.pk, events=["check_in.created"])  # the same
    secret = new_secret()
    endpoint_update(user=ada, endpoint_id=endpoint.pk, secret=secret, active=False)
    endpoint_delete(user=ada, endpoint_id=endpoint.pk)
    assert [(action, name) for _who, action, name, _details in logged()] == [
        ("webhook.added", "CRM"),
        ("webhook.changed", "CRM"),
        ("webhook.removed", "CRM"),
    ]
    assert logged()[1][3]["changed"] == ["secret", "active"]
    assert sentences()[1] == "Ada changed the webhook CRM"
    text = json.dumps(logged(), ensure_ascii=False)
    assert_no_secret(text, secret, WEBHOOK)
    assert "https://receiver.example.org/…" in text  # its host, to tell it apart


def test_the_slack_token_set_and_removed_is_logged_without_the_token(personas):
    slack_token_set(user=personas.ada, token=TOKEN)
    slack_token_set(user=personas.ada, token=TOKEN)  # nothing changed
    slack_token_set(user=personas.ada, token="")
    assert sentences() == ["Ada set the Slack bot token", "Ada removed the Slack bot token"]
    assert_no_secret(json.dumps(logged()), TOKEN)


def test_the_entries_are_on_the_audit_page_in_the_api_and_in_the_export(client, api, personas):
    p = personas
    channel_save(user=p.lena, team_id=p.growth.pk, kind="mattermost", url=HOOK)
    endpoint_create(
        user=p.ada, url=WEBHOOK, secret=new_secret(), events=["blocker.raised"], description="CRM"
    )
    slack_token_set(user=p.ada, token=TOKEN)
    client.force_login(p.ada)
    page = client.get("/people/audit/").content.decode()
    assert "Lena added the Mattermost channel of Growth" in page
    assert "Ada added the webhook CRM" in page
    assert "Ada set the Slack bot token" in page
    listed = api.get("/audit", as_="ada")
    assert {"channel.added", "webhook.added", "slack.token_set"} <= {
        event["action"] for event in listed.json()["items"]
    }
    exported = export_text()
    assert '"webhook.added"' in exported and '"channel.added"' in exported
    for text in (page, listed.content.decode(), exported):
        assert_no_secret(text, HOOK, WEBHOOK, TOKEN)


def test_in_swedish_the_kind_and_the_sentence_are_swedish(personas):
    from django.utils import translation

    channel_save(user=personas.lena, team_id=personas.growth.pk, kind="email", target="g@x.org")
    with translation.override("sv"):
        [sentence] = sentences()
    assert sentence == "Lena lade till kanalen E-post för Growth"
