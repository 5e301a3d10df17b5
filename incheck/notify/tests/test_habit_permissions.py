"""Who may configure what, on every path, with the personas: a team's channels are for its
leads and admins (form and API, create and update, test and remove); outgoing webhooks for
administrators (form and API, create and update). Whoever may not changes nothing, and no
answer shows a channel's address or a webhook's secret.

Alice and Bob are members of Growth, Charlie is in Platform, Lena leads Growth, Ada is an
administrator.
"""

from __future__ import annotations

import pytest

from incheck.notify.models import Channel, WebhookEndpoint
from incheck.notify.services.channels import channel_save
from incheck.notify.services.webhooks import endpoint_create, new_secret
from incheck.okrs.tests.api.helpers import api, assert_error

__all__ = ["api"]

pytestmark = pytest.mark.django_db

OLD_HOOK = "http://127.0.0.1:9/hooks/old-secret-token"
NEW_HOOK = "http://127.0.0.1:9/hooks/new-secret-token"
PERSONAS = ["alice", "bob", "charlie", "lena", "ada"]
TEAM_MANAGERS = {"lena", "ada"}
ADMINS = {"ada"}


def _allowed(who: str, managers: set[str]) -> bool:
    return who in managers


# A team's channels


@pytest.mark.parametrize("who", PERSONAS)
def test_a_team_channel_is_created_in_the_form_by_leads_and_admins_only(client, personas, who):
    client.force_login(getattr(personas, who))
    response = client.post(
        f"/teams/{personas.growth.pk}/settings/channels/", {"kind": "teams", "url": NEW_HOOK}
    )
    if _allowed(who, TEAM_MANAGERS):
        assert response.status_code == 302
        assert Channel.objects.get(team=personas.growth).secret == NEW_HOOK
    else:
        assert response.status_code == 403
        assert not Channel.objects.exists()


@pytest.mark.parametrize("who", PERSONAS)
def test_a_team_channel_is_changed_in_the_form_by_leads_and_admins_only(client, personas, who):
    channel = channel_save(
        user=personas.lena, kind="teams", team_id=personas.growth.pk, url=OLD_HOOK
    )
    client.force_login(getattr(personas, who))
    response = client.post(
        f"/teams/{personas.growth.pk}/settings/channels/", {"kind": "teams", "url": NEW_HOOK}
    )
    channel.refresh_from_db()
    if _allowed(who, TEAM_MANAGERS):
        assert response.status_code == 302
        assert channel.secret == NEW_HOOK
    else:
        assert response.status_code == 403
        assert channel.secret == OLD_HOOK
    # The test and remove buttons follow the same rule (a member's click changes nothing).
    tested = client.post(f"/channels/{channel.pk}/test/")
    removed = client.post(f"/channels/{channel.pk}/remove/")
    if _allowed(who, TEAM_MANAGERS):
        assert (tested.status_code, removed.status_code) == (302, 302)
        assert not Channel.objects.filter(pk=channel.pk).exists()
    else:
        assert (tested.status_code, removed.status_code) == (403, 403)
        channel.refresh_from_db()
        assert channel.last_error == "" and channel.secret == OLD_HOOK


@pytest.mark.parametrize("who", PERSONAS)
def test_a_team_channel_is_created_and_changed_in_the_api_by_leads_and_admins_only(
    api, personas, who
):
    path = f"/teams/{personas.growth.pk}/channels/mattermost"
    created = api.call("PUT", path, {"url": OLD_HOOK}, as_=who)
    changed_by_lena = None
    if _allowed(who, TEAM_MANAGERS):
        assert created.status_code == 201, created.content
    else:
        assert_error(created, 403, "forbidden")
        assert not Channel.objects.exists()
        changed_by_lena = api.call("PUT", path, {"url": OLD_HOOK}, as_="lena")
        assert changed_by_lena.status_code == 201
    updated = api.call("PUT", path, {"url": NEW_HOOK, "enabled": False}, as_=who)
    channel = Channel.objects.get(team=personas.growth, kind="mattermost")
    if _allowed(who, TEAM_MANAGERS):
        assert updated.status_code == 200, updated.content
        assert updated.json()["enabled"] is False
        assert (channel.secret, channel.enabled) == (NEW_HOOK, False)
    else:
        assert_error(updated, 403, "forbidden")
        assert (channel.secret, channel.enabled) == (OLD_HOOK, True)
        assert_error(api.post(path + "/test", as_=who), 403, "forbidden")
        assert_error(api.delete(path, as_=who), 403, "forbidden")
        assert Channel.objects.filter(pk=channel.pk).exists()
    # Everyone signed in reads the team's channels, never their address.
    listed = api.get(f"/teams/{personas.growth.pk}/channels", as_=who)
    assert listed.status_code == 200
    [row] = listed.json()
    assert row["kind"] == "mattermost" and row["url_hint"] == "http://127.0.0.1:9/…"
    for answer in (created, updated, listed, changed_by_lena):
        if answer is not None:
            text = answer.content.decode()
            assert "secret-token" not in text and "/hooks/" not in text


def test_the_api_test_reports_the_failure_to_the_lead_only(api, personas):
    path = f"/teams/{personas.growth.pk}/channels/teams"
    api.call("PUT", path, {"url": OLD_HOOK}, as_="lena")
    tested = api.post(path + "/test", as_="lena")
    assert tested.status_code == 200
    body = tested.json()
    assert (body["ok"], body["error"]) == (False, "no connection: connection refused")
    assert body["channel"]["last_error"] == "no connection: connection refused"
    [seen_by_member] = api.get(f"/teams/{personas.growth.pk}/channels", as_="alice").json()
    assert (seen_by_member["last_error"], seen_by_member["last_error_at"]) == ("", None)
    [seen_by_lead] = api.get(f"/teams/{personas.growth.pk}/channels", as_="lena").json()
    assert seen_by_lead["last_error"] == "no connection: connection refused"
    assert api.delete(path, as_="lena").status_code == 204
    assert_error(api.delete(path, as_="lena"), 404, "not_found")


@pytest.mark.parametrize(
    ("path_kind", "body", "field"),
    [
        ("teams", {}, "url"),
        ("teams", {"url": "not an address"}, "url"),
        ("slack", {"target": "two words"}, "target"),
        ("email", {"target": "nobody"}, "target"),
        ("teams", {"url": OLD_HOOK, "colour": "red"}, "colour"),
        ("teams", {"url": OLD_HOOK, "enabled": "yes"}, "enabled"),
    ],
)
def test_bad_team_channel_input_is_a_422_naming_the_field(api, personas, path_kind, body, field):
    response = api.call(
        "PUT", f"/teams/{personas.growth.pk}/channels/{path_kind}", body, as_="lena"
    )
    assert field in assert_error(response, 422)["fields"]
    assert not Channel.objects.exists()


def test_an_unknown_team_or_kind_is_a_clear_error(api, personas):
    assert_error(api.get("/teams/999999/channels", as_="ada"), 404, "not_found")
    put = api.call("PUT", "/teams/999999/channels/teams", {"url": OLD_HOOK}, as_="ada")
    assert_error(put, 404, "not_found")
    pigeon = api.call("PUT", f"/teams/{personas.growth.pk}/channels/pigeon", {}, as_="ada")
    assert_error(pigeon, 422)
    assert_error(api.post(f"/teams/{personas.growth.pk}/channels/slack/test", as_="ada"), 404)


# Outgoing webhooks


@pytest.mark.parametrize("who", PERSONAS)
def test_a_webhook_is_created_and_changed_in_the_form_by_admins_only(client, personas, who):
    secret = new_secret()
    existing = endpoint_create(
        user=personas.ada, url=OLD_HOOK, secret=new_secret(), events=["period.closed"]
    )
    client.force_login(getattr(personas, who))
    created = client.post(
        "/integrations/webhooks/",
        {"url": NEW_HOOK, "secret": secret, "events": ["check_in.created"], "active": "on"},
    )
    changed = client.post(
        f"/integrations/webhooks/{existing.pk}/",
        {"url": NEW_HOOK, "secret": "", "events": ["blocker.raised"], "active": "on"},
    )
    existing.refresh_from_db()
    if _allowed(who, ADMINS):
        assert (created.status_code, changed.status_code) == (302, 302)
        assert WebhookEndpoint.objects.count() == 2
        assert (existing.url, existing.events) == (NEW_HOOK, ["blocker.raised"])
    else:
        assert (created.status_code, changed.status_code) == (403, 403)
        assert WebhookEndpoint.objects.count() == 1
        assert (existing.url, existing.events) == (OLD_HOOK, ["period.closed"])


@pytest.mark.parametrize("who", PERSONAS)
def test_a_webhook_is_created_and_changed_in_the_api_by_admins_only(api, personas, who):
    existing = endpoint_create(
        user=personas.ada, url=OLD_HOOK, secret=new_secret(), events=["period.closed"]
    )
    secret = new_secret()
    created = api.post(
        "/webhooks", {"url": NEW_HOOK, "secret": secret, "events": ["period.closed"]}, as_=who
    )
    changed = api.patch(
        f"/webhooks/{existing.pk}", {"url": NEW_HOOK, "events": ["blocker.raised"]}, as_=who
    )
    existing.refresh_from_db()
    if _allowed(who, ADMINS):
        assert (created.status_code, changed.status_code) == (201, 200)
        assert (existing.url, existing.events) == (NEW_HOOK, ["blocker.raised"])
        for answer in (created, changed):
            text = answer.content.decode()
            assert secret not in text and "secret-token" not in text
    else:
        assert_error(created, 403, "forbidden")
        assert_error(changed, 403, "forbidden")
        assert_error(api.delete(f"/webhooks/{existing.pk}", as_=who), 403, "forbidden")
        assert WebhookEndpoint.objects.count() == 1
        assert (existing.url, existing.events) == (OLD_HOOK, ["period.closed"])
