"""Done when (issue 10): a lead sets a rhythm and a Teams channel in the browser, sends a test
message (a local receiver gets the Adaptive Card), and sees the next nudges."""

from __future__ import annotations

import pytest
from django.db import connection

from incheck.conftest import sign_in
from incheck.notify.models import Channel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lead_sets_the_rhythm_and_a_teams_channel_and_sees_the_next_nudges(
    personas, page, receiver
):
    if connection.vendor != "sqlite":
        pytest.skip("the journey's pages do not depend on the database: SQLite only")
    sign_in(page, "lena")
    page.goto(f"/teams/{personas.growth.pk}/")
    page.click("#team-settings")

    page.check("#rhythm-form [name=every_weeks][value='2']")
    page.select_option("#rhythm-form [name=weekday]", "3")
    page.fill("#rhythm-form [name=anchor_on]", "2026-12-03")
    page.click("#rhythm-form button[type=submit]")
    page.locator(".flash", has_text="The team's rhythm is saved.").wait_for()
    assert "every two weeks on Thursday" in page.locator("#rhythm").inner_text()
    # Alice's KR is due on the next check-in day unless she checks in first.
    assert "Alice: 1 key result" in page.locator("#next-nudges").inner_text()

    page.select_option("#channel-form [name=kind]", "teams")
    page.fill("#channel-form [name=url]", receiver.url + "/teams/growth")
    page.click("#channel-form button[type=submit]")
    page.locator(".flash", has_text="The channel is saved.").wait_for()
    # Write-only: the page shows the host, never the address.
    assert "/teams/growth" not in page.content()

    page.click("#channels .channel[data-kind=teams] button:has-text('Send a test message')")
    page.locator(".flash", has_text="The test message went out.").wait_for()
    [post] = receiver.to("/teams/growth")
    assert post.json()["attachments"][0]["content"]["type"] == "AdaptiveCard"
    assert Channel.objects.get(team=personas.growth).last_sent_at is not None
