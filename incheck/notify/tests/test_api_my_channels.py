"""A person's own channels through the API (`/me/channels`), as on the profile page: theirs
alone, to read, add, change, test and remove; nobody else's can be reached, and no answer shows
an incoming-webhook address (write-only).

Alice and Bob are members of Growth, Charlie is in Platform, Lena leads Growth, Ada is an
administrator: being a lead or an administrator reaches no one else's channel either.
"""

from __future__ import annotations

import pytest

from incheck.notify.models import Channel
from incheck.notify.services.channels import channel_save
from incheck.okrs.tests.api.helpers import api, assert_error

__all__ = ["api"]

pytestmark = pytest.mark.django_db

OLD_HOOK = "http://127.0.0.1:9/hooks/old-secret-token"
NEW_HOOK = "http://127.0.0.1:9/hooks/new-secret-token"
PERSONAS = ["alice", "bob", "charlie", "lena", "ada"]


def assert_no_address(*answers) -> None:
    for answer in answers:
        text = answer.content.decode()
        assert "secret-token" not in text and "/hooks/" not in text


@pytest.mark.parametrize("who", PERSONAS)
def test_everyone_manages_their_own_channels_and_reaches_nobody_elses(api, personas, who):
    theirs = channel_save(
        user=personas.bob if who != "bob" else personas.alice, kind="teams", url=OLD_HOOK
    )
    path = "/me/channels/teams"
    created = api.call("PUT", path, {"url": OLD_HOOK}, as_=who)
    assert created.status_code == 201, created.content
    updated = api.call("PUT", path, {"url": NEW_HOOK, "enabled": False}, as_=who)
    assert updated.status_code == 200
    assert (updated.json()["enabled"], updated.json()["url_hint"]) == (
        False,
        "http://127.0.0.1:9/…",
    )
    mine = Channel.objects.get(user=getattr(personas, who), kind="teams")
    assert (mine.secret, mine.enabled) == (NEW_HOOK, False)
    listed = api.get("/me/channels", as_=who)
    assert [row["id"] for row in listed.json()] == [mine.pk]
    tested = api.post(path + "/test", as_=who)
    assert tested.status_code == 200
    assert tested.json()["ok"] is False  # off: nothing is sent
    assert api.delete(path, as_=who).status_code == 204
    assert_error(api.delete(path, as_=who), 404, "not_found")
    assert_error(api.post(path + "/test", as_=who), 404, "not_found")
    # The other person's channel is as it was.
    theirs.refresh_from_db()
    assert (theirs.secret, theirs.enabled) == (OLD_HOOK, True)
    assert_no_address(created, updated, listed, tested)


def test_a_persons_slack_channel_needs_no_address(api, personas):
    created = api.call("PUT", "/me/channels/slack", {}, as_="alice")
    assert created.status_code == 201
    assert (created.json()["kind"], created.json()["target"]) == ("slack", "")


@pytest.mark.parametrize(
    ("kind", "body", "field"),
    [
        ("teams", {}, "url"),
        ("teams", {"url": "not an address"}, "url"),
        ("teams", {"url": OLD_HOOK, "target": "#growth"}, "target"),
        ("teams", {"url": OLD_HOOK, "enabled": "yes"}, "enabled"),
    ],
)
def test_bad_own_channel_input_is_a_422_naming_the_field(api, personas, kind, body, field):
    response = api.call("PUT", f"/me/channels/{kind}", body, as_="alice")
    assert field in assert_error(response, 422)["fields"]
    assert not Channel.objects.exists()


def test_a_team_only_kind_or_no_sign_in_is_a_clear_error(api, personas):
    assert_error(api.call("PUT", "/me/channels/email", {}, as_="alice"), 422)
    assert_error(api.get("/me/channels", as_=None), 401)
    assert_error(api.call("PUT", "/me/channels/teams", {"url": OLD_HOOK}, as_=None), 401)
    assert not Channel.objects.exists()
