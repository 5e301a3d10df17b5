"""Live coaching in a real browser: a vague Next Up gets hints as it is typed (issue 3)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from incheck.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VAGUE = "Have a meeting with Laura"
EXPLICIT = (
    "By Friday I will compare our 3 best channel options and present them to Laura "
    "so she can decide"
)


def test_a_vague_next_up_gets_hints_and_making_it_explicit_clears_them(personas, page):
    sign_in(page, "alice")
    page.goto(f"/key-results/{personas.kr.pk}/")
    plan = page.locator("textarea[name=next_up_text]")
    hints = page.locator("#hints-next_up_text")

    plan.press_sequentially(VAGUE)
    # An activity, not a plan: no how, and no when.
    expect(hints.locator("[data-code=no_how]")).to_be_visible()
    expect(hints.locator("[data-code=no_deadline]")).to_be_visible()
    assert "Say how" in hints.inner_text()
    expect(page.locator("#counter-next_up_text")).to_have_text(f"{len(VAGUE)}/280")

    plan.select_text()
    plan.press("Backspace")
    plan.press_sequentially(EXPLICIT)
    expect(hints.locator("[data-ok]")).to_be_visible()
    expect(hints.locator("[data-code]")).to_have_count(0)
    expect(page.locator("#counter-next_up_text")).to_have_text(f"{len(EXPLICIT)}/280")
