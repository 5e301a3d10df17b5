"""The profile page in a browser: the language switch and the time-zone choice (issue 9)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from incheck.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def in_sao_paulo(browser: Any, live_server: Any) -> Iterator[Any]:
    """A browser in Brazil whose language names no country: only the browser knows the zone."""
    context = browser.new_context(
        base_url=live_server.url, locale="en", timezone_id="America/Sao_Paulo"
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_switching_to_swedish_says_profile_saved_in_swedish(personas, in_sao_paulo):
    page = in_sao_paulo
    sign_in(page, "alice")
    page.goto("/accounts/profile/")
    page.select_option("select[name=language]", "sv")
    page.click("#profile-form button[type=submit]")
    expect(page.locator(".flash")).to_have_text("Profilen är sparad.")
    expect(page.locator("html")).to_have_attribute("lang", "sv")


def test_the_browsers_own_zone_is_suggested_and_can_be_chosen(personas, in_sao_paulo):
    page = in_sao_paulo
    sign_in(page, "alice")
    page.goto("/accounts/profile/")
    zone = page.locator("select[name=time_zone]")
    suggested = zone.locator("optgroup").first
    expect(suggested.locator("option")).to_have_text(["Europe/Stockholm", "America/Sao Paulo"])
    # Suggesting it does not choose it: the saved zone stays selected until the person acts.
    expect(zone).to_have_value("Europe/Stockholm")
    zone.select_option("America/Sao_Paulo")
    page.click("#profile-form button[type=submit]")
    expect(page.locator(".flash")).to_be_visible()
    personas.alice.profile.refresh_from_db()
    assert personas.alice.profile.time_zone == "America/Sao_Paulo"


def test_the_token_panel_leads_to_the_api_docs(personas, in_sao_paulo):
    page = in_sao_paulo
    sign_in(page, "alice")
    page.goto("/accounts/profile/")
    # The panel arrives after the page (htmx); its link opens the interactive docs.
    page.locator("#api-tokens-panel a", has_text="API docs").click()
    page.wait_for_url("**/api/v1/docs")
    expect(page.locator("html")).to_have_attribute("lang", "en")
