"""The pages of the habit loop: the profile's nudges, channels and calendar, a team's channels
(leads), the integrations (admins). Secrets are written, never shown."""

from __future__ import annotations

import io
import json

import pytest

from incheck.accounts.models import Profile
from incheck.notify.models import Channel, SlackSettings, WebhookEndpoint
from incheck.notify.services.channels import channel_save
from incheck.notify.services.slack import slack_token_set
from incheck.notify.services.webhooks import endpoint_create, new_secret
from incheck.portability.export import export_document

pytestmark = pytest.mark.django_db

HOOK = "http://127.0.0.1:9/hooks/very-secret-token"


def test_the_profile_saves_the_nudge_settings(client, personas):
    client.force_login(personas.alice)
    response = client.post(
        "/accounts/profile/nudges/",
        {
            "nudge_hour": "7",
            "wants_reminders": "on",
            "wants_digest": "on",
            "away_from": "2026-12-21",
            "away_until": "2026-12-31",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=personas.alice)
    assert (
        profile.nudge_hour,
        profile.wants_reminders,
        profile.wants_digest,
        profile.wants_team_digest,
    ) == (7, True, True, False)
    assert str(profile.away_until) == "2026-12-31"


def test_a_bad_nudge_form_saves_nothing_and_says_why(client, personas):
    client.force_login(personas.alice)
    response = client.post(
        "/accounts/profile/nudges/",
        {"nudge_hour": "25", "away_from": "2026-12-21", "away_until": "2026-12-01"},
    )
    assert response.status_code == 422
    response = client.post(
        "/accounts/profile/nudges/",
        {"nudge_hour": "8", "away_from": "2026-12-21", "away_until": "2026-12-01"},
    )
    assert response.status_code == 422
    assert "The last day away comes on or after the first." in response.content.decode()
    assert Profile.objects.get(user=personas.alice).nudge_hour == 9


def test_a_personal_channel_is_added_and_its_url_never_shown(client, personas):
    client.force_login(personas.alice)
    response = client.post("/accounts/profile/channels/", {"kind": "mattermost", "url": HOOK})
    assert response.status_code == 302
    page = client.get("/accounts/profile/").content.decode()
    assert "very-secret-token" not in page
    assert "http://127.0.0.1:9/…" in page
    assert Channel.objects.get(user=personas.alice).secret == HOOK


def test_someone_else_s_channel_cannot_be_tested_or_removed(client, personas):
    channel = channel_save(user=personas.alice, kind="teams", url=HOOK)
    client.force_login(personas.bob)
    assert client.post(f"/channels/{channel.pk}/test/").status_code == 404
    assert client.post(f"/channels/{channel.pk}/remove/").status_code == 404
    assert Channel.objects.filter(pk=channel.pk).exists()


def test_the_test_button_shows_the_failure_to_whoever_set_it_up(client, personas):
    client.force_login(personas.lena)
    client.post(
        f"/teams/{personas.growth.pk}/settings/channels/", {"kind": "mattermost", "url": HOOK}
    )
    channel = Channel.objects.get(team=personas.growth)
    response = client.post(f"/channels/{channel.pk}/test/", follow=True)
    body = response.content.decode()
    assert "The test message failed: no connection: connection refused" in body
    assert "Last failure" in body  # on the team's settings page, for its lead
    client.force_login(personas.charlie)
    other = client.get(f"/teams/{personas.growth.pk}/settings/").content.decode()
    assert "Mattermost" in other and "Last failure" not in other


@pytest.mark.parametrize(
    ("data", "field_text"),
    [
        ({"kind": "teams", "url": "not a url"}, "Give an http or https address."),
        ({"kind": "teams", "url": ""}, "Paste the incoming webhook"),
        ({"kind": "slack", "target": "two words"}, "Name the Slack channel"),
        ({"kind": "email", "target": "nobody"}, "Give an e-mail address."),
        ({"kind": "pigeon"}, "Select a valid choice"),
    ],
)
def test_a_bad_channel_is_a_form_error(client, personas, data, field_text):
    client.force_login(personas.lena)
    response = client.post(f"/teams/{personas.growth.pk}/settings/channels/", data)
    assert response.status_code == 422
    assert field_text in response.content.decode()
    assert not Channel.objects.exists()


def test_the_integrations_are_for_admins_and_keep_the_slack_token_and_webhook_secrets(
    client, personas
):
    client.force_login(personas.lena)
    assert client.get("/integrations/").status_code == 403
    assert client.post("/integrations/slack/", {"token": "xoxb-1"}).status_code == 403
    client.force_login(personas.ada)
    assert client.post("/integrations/slack/", {"token": "xoxb-secret-1"}).status_code == 302
    secret = new_secret()
    response = client.post(
        "/integrations/webhooks/",
        {
            "url": "http://127.0.0.1:9/in?key=hidden",
            "secret": secret,
            "events": ["period.closed"],
            "active": "on",
        },
    )
    assert response.status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    for path in ("/integrations/", f"/integrations/webhooks/{endpoint.pk}/"):
        body = client.get(path).content.decode()
        assert "xoxb-secret-1" not in body and secret not in body and "key=hidden" not in body
    assert SlackSettings.objects.get().bot_token == "xoxb-secret-1"


def test_secrets_stay_out_of_the_export(personas):
    channel_save(user=personas.alice, kind="teams", url=HOOK)
    channel_save(
        user=personas.lena,
        kind="mattermost",
        team_id=personas.growth.pk,
        url="http://127.0.0.1:9/hooks/team-secret-token",
    )
    Profile.objects.filter(user=personas.alice).update(calendar_token="calendar-secret-token")
    slack_token_set(user=personas.ada, token="xoxb-slack-secret-token")
    webhook_secret = new_secret()
    endpoint_create(
        user=personas.ada,
        url="http://127.0.0.1:9/in?key=webhook-secret-token",
        secret=webhook_secret,
        events=["period.closed"],
    )
    out = io.StringIO()
    export_document(out)
    text = out.getvalue()
    assert "secret-token" not in text and webhook_secret not in text
    assert "/hooks/" not in text
    document = json.loads(text)
    team = next(t for t in document["teams"] if t["name"] == "Growth")
    assert team["check_in_every_weeks"] == 1 and team["check_in_weekday"] == 0
