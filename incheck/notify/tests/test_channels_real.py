"""Every channel against a real part on loopback: e-mail through an SMTP server (aiosmtpd),
Slack's Web API through slack_sdk pointed at a local server, Teams, Mattermost and Rocket.Chat
webhooks posted to a local receiver. A failing channel never blocks the others."""

from __future__ import annotations

import pytest
from django.utils import translation

from incheck.notify.channels.deliver import Context, deliver
from incheck.notify.content.nudges import DueLine, nudge_message
from incheck.notify.models import Channel
from incheck.notify.services.channels import channel_save, channel_test, own_email_test
from incheck.notify.services.slack import slack_token_set
from incheck.notify.tests.servers import slack_answer

pytestmark = pytest.mark.django_db

PLAN = "By Friday I will call 10 clinics & book <3> demos"


def message(language="en"):
    with translation.override(language):
        return nudge_message(
            name="Alice",
            lines=[
                DueLine(7, "200 new leads", "Grow the pipeline", "next_up_due", plan=PLAN),
                DueLine(8, "Churn <5%", "Keep clinics", "check_in_day"),
            ],
        )


def test_an_email_nudge_has_a_text_and_an_html_part_with_links_to_the_check_in_form(smtp):
    outcomes = deliver(
        message(), channels=[], context=Context(), email="alice@example.org", own_email=True
    )
    assert [o.ok for o in outcomes] == [True]
    [mail] = smtp.to("alice@example.org")
    assert mail.subject == "Incheck: 2 key results to check in on"
    text, html = mail.part("plain"), mail.part("html")
    assert f"You said: '{PLAN}' — how did it go?" in text
    assert "/key-results/7/#check-in" in text and "/key-results/8/#check-in" in text
    assert 'href="http://127.0.0.1:8000/key-results/7/#check-in"' in html
    # User text is escaped in HTML, kept as written in text.
    assert "&lt;3&gt;" in html and "<3>" not in html
    assert "Churn &lt;5%" in html


def test_a_swedish_reader_gets_the_nudge_in_swedish(smtp):
    deliver(
        message("sv"), channels=[], context=Context(), email="alice@example.org", own_email=True
    )
    [mail] = smtp.to("alice@example.org")
    assert mail.subject == "Incheck: 2 nyckelresultat att checka in på"
    assert "Du skrev:" in mail.part("plain")
    assert "Checka in" in mail.part("html")


def test_slack_finds_the_person_by_e_mail_and_sends_block_kit_with_a_check_in_button(
    personas, receiver, settings
):
    settings.INCHECK_SLACK_API_URL = receiver.url + "/api/"
    receiver.answer = slack_answer({"alice@example.org": "U0ALICE"})
    slack_token_set(user=personas.ada, token="xoxb-test-token")
    channel = channel_save(user=personas.alice, kind="slack")
    outcome = channel_test(user=personas.alice, channel_id=channel.pk)
    assert outcome.ok, outcome.error
    [lookup] = receiver.to("/api/users.lookupByEmail")
    assert lookup.form()["email"] == "alice@example.org"
    [post] = receiver.to("/api/chat.postMessage")
    assert post.headers["authorization"] == "Bearer xoxb-test-token"
    body = post.json()
    assert body["channel"] == "U0ALICE"
    buttons = [b["accessory"] for b in body["blocks"] if "accessory" in b]
    # The test message's one line leads to the inbox, with its button.
    assert buttons and buttons[0]["type"] == "button"
    assert buttons[0]["url"] == "http://127.0.0.1:8000/"
    # The member id is kept: the next message needs no lookup.
    receiver.clear()
    assert channel_test(user=personas.alice, channel_id=channel.pk).ok
    assert receiver.to("/api/users.lookupByEmail") == []
    assert Channel.objects.get(pk=channel.pk).target == "U0ALICE"


def test_a_team_s_slack_channel_gets_the_post_and_slack_s_error_is_shown(
    personas, receiver, settings
):
    settings.INCHECK_SLACK_API_URL = receiver.url + "/api/"
    receiver.answer = slack_answer({})
    slack_token_set(user=personas.ada, token="xoxb-wrong")
    channel = channel_save(
        user=personas.lena, kind="slack", team_id=personas.growth.pk, target="#growth"
    )
    outcome = channel_test(user=personas.lena, channel_id=channel.pk)
    assert not outcome.ok
    assert outcome.error == "Slack answered invalid_auth"
    stored = Channel.objects.get(pk=channel.pk)
    assert stored.last_error == "Slack answered invalid_auth" and stored.last_error_at is not None
    assert receiver.to("/api/chat.postMessage")[0].json()["channel"] == "#growth"


def test_teams_gets_one_adaptive_card_with_open_url_actions(personas, receiver):
    channel = channel_save(
        user=personas.lena,
        kind="teams",
        team_id=personas.growth.pk,
        url=receiver.url + "/teams/hook",
    )
    deliver(message(), channels=[channel], context=Context())
    [post] = receiver.to("/teams/hook")
    body = post.json()
    assert body["type"] == "message"
    [attachment] = body["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    actions = [item["selectAction"] for item in card["body"] if "selectAction" in item]
    assert [a["type"] for a in actions] == ["Action.OpenUrl", "Action.OpenUrl"]
    assert actions[0]["url"].endswith("/key-results/7/#check-in")
    assert card["actions"][0]["type"] == "Action.OpenUrl"


@pytest.mark.parametrize(
    ("kind", "name_key"), [("mattermost", "username"), ("rocketchat", "alias")]
)
def test_mattermost_and_rocket_chat_get_slack_compatible_markdown(
    personas, receiver, kind, name_key
):
    channel = channel_save(user=personas.alice, kind=kind, url=receiver.url + f"/{kind}/hook")
    deliver(message(), channels=[channel], context=Context())
    [post] = receiver.to(f"/{kind}/hook")
    body = post.json()
    assert body[name_key] == "Incheck"
    assert "(http://127.0.0.1:8000/key-results/7/#check-in)" in body["text"]
    # User text cannot make links or emphasis: markdown characters are escaped.
    assert "Churn <5%" not in body["text"] and "Churn \\<5%" in body["text"]


def test_a_failing_channel_never_blocks_the_others_and_its_failure_is_kept(
    personas, smtp, receiver, caplog
):
    dead = channel_save(user=personas.alice, kind="mattermost", url="http://127.0.0.1:9/hooks/x")
    refused = channel_save(user=personas.alice, kind="teams", url=receiver.url + "/teams/hook")
    receiver.answer = lambda r: (500, {"error": "boom"}) if r.path == "/teams/hook" else (200, {})
    live = channel_save(user=personas.alice, kind="rocketchat", url=receiver.url + "/rc/hook")
    outcomes = deliver(
        message(),
        channels=[dead, refused, live],
        context=Context(),
        email="alice@example.org",
        own_email=True,
    )
    by_kind = {o.kind: o for o in outcomes}
    assert by_kind["email"].ok
    assert by_kind["mattermost"].error == "no connection: connection refused"
    assert by_kind["teams"].error == "the server answered 500"
    assert len(smtp.to("alice@example.org")) == 1
    assert len(receiver.to("/rc/hook")) == 1  # tried after the two failures
    logged = [r.getMessage() for r in caplog.records if r.name == "incheck.notify"]
    assert f"mattermost channel {dead.pk} failed: no connection: connection refused" in logged
    assert f"teams channel {refused.pk} failed: the server answered 500" in logged


def test_the_test_button_reports_a_dead_address_and_keeps_the_error(personas):
    channel = channel_save(user=personas.alice, kind="mattermost", url="http://127.0.0.1:9/hooks/x")
    outcome = channel_test(user=personas.alice, channel_id=channel.pk)
    assert not outcome.ok
    assert Channel.objects.get(pk=channel.pk).last_error == "no connection: connection refused"


def test_a_test_e_mail_goes_to_the_person_s_own_address(personas, smtp):
    assert own_email_test(user=personas.alice).ok
    [mail] = smtp.to("alice@example.org")
    assert mail.subject == "Incheck: a test message"


def test_chat_messages_are_in_the_reader_s_language(personas, receiver):
    mattermost = channel_save(user=personas.alice, kind="mattermost", url=receiver.url + "/mm/sv")
    teams = channel_save(user=personas.alice, kind="teams", url=receiver.url + "/teams/sv")
    deliver(message("sv"), channels=[mattermost, teams], context=Context())
    [post] = receiver.to("/mm/sv")
    text = post.json()["text"]
    assert "Du skrev:" in text and "You said" not in text
    [card] = receiver.to("/teams/sv")
    content = card.json()["attachments"][0]["content"]
    assert content["actions"][0]["title"] == "Öppna din inkorg"
