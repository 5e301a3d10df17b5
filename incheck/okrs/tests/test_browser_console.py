"""The browser's console stays quiet on the KR page: live coaching as one types, and saving."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from incheck.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_with_live_coaching_and_saving_log_nothing(personas, page):
    logged: list[str] = []
    page.on("console", lambda message: logged.append(f"{message.type}: {message.text}"))
    sign_in(page, "alice")
    page.goto(f"/key-results/{personas.kr.pk}/")
    plan = page.locator("textarea[name=next_up_text]")
    plan.press_sequentially("Have a meeting")
    expect(page.locator("#hints-next_up_text [data-code]").first).to_be_visible()
    plan.press_sequentially(" with Laura")
    page.fill("input[name=progress_value]", "80")
    page.click("#check-in button[type=submit]")
    page.wait_for_selector("#checkin-saved")
    # htmx reports a selector that finds nothing (hx-disabled-elt inherited by a text field's
    # coaching request) with console.error on every keystroke.
    assert [line for line in logged if line.startswith(("error", "warning"))] == []
