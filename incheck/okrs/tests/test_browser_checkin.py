"""A person checks in from the KR page in a real browser, and the page updates in place."""

from __future__ import annotations

import pytest

from incheck.conftest import sign_in
from incheck.okrs.models import CheckIn, KeyResult

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_alice_records_a_sitting_and_sees_it_on_the_timeline_without_a_reload(personas, page):
    sign_in(page, "alice")
    page.goto(f"/key-results/{personas.kr.pk}/")
    page.wait_for_selector("#check-in form")
    # Survives an htmx swap, not a page load.
    page.evaluate("window.__marker = 'still here'")

    page.fill("input[name=progress_value]", "94")
    page.fill(
        "textarea[name=progress_text]", "Two webinars brought 34 leads; LinkedIn did nothing."
    )
    page.fill("input[name=confidence_level]", "7")
    page.fill("textarea[name=confidence_text]", "Need the webinars to repeat; two more are booked.")
    page.fill(
        "textarea[name=next_up_text]",
        "By Friday I will book 2 partner webinars to reach 120 leads.",
    )
    page.fill("input[name=next_up_due_on]", "2026-12-04")
    page.fill("input[name=next_up_expected_value]", "120")
    page.click("#check-in button[type=submit]")

    page.wait_for_selector("#checkin-saved")
    timeline = page.locator("#timeline")
    timeline.locator(".entry-progress", has_text="Two webinars brought 34 leads").wait_for()
    assert timeline.locator(".entry-confidence", has_text="7/10").count() == 1
    assert timeline.locator(".entry-next_up", has_text="book 2 partner webinars").count() == 1
    assert page.evaluate("window.__marker") == "still here"
    # The header moved too, and the form is empty for the next sitting.
    assert "94" in page.locator(".kr-header .kr-values").inner_text()
    assert page.input_value("input[name=progress_value]") == ""

    kr = KeyResult.objects.get(pk=personas.kr.pk)
    assert (kr.current_value, kr.confidence) == (94, 7)
    assert len({c.sitting for c in CheckIn.objects.filter(key_result=kr)}) == 1


def test_a_form_error_shows_in_place_and_keeps_what_was_typed(personas, page):
    sign_in(page, "alice")
    page.goto(f"/key-results/{personas.kr.pk}/")
    page.evaluate("window.__marker = 'still here'")
    page.fill("input[name=progress_value]", "abc")
    page.fill("textarea[name=progress_text]", "Counted the CRM by hand.")
    page.click("#check-in button[type=submit]")
    page.wait_for_selector("#checkin-errors")
    assert page.evaluate("window.__marker") == "still here"
    assert "Enter a number." in page.locator("#section-progress").inner_text()
    assert page.input_value("textarea[name=progress_text]") == "Counted the CRM by hand."
    assert CheckIn.objects.count() == 0


def test_a_refusal_keeps_the_page_and_says_why(personas, page):
    sign_in(page, "alice")
    page.goto(f"/key-results/{personas.kr.pk}/")
    page.fill("textarea[name=progress_text]", "Counted the CRM by hand.")
    # The KR changes hands while Alice types.
    KeyResult.objects.filter(pk=personas.kr.pk).update(owner=personas.charlie)
    page.click("#check-in button[type=submit]")
    page.wait_for_selector("#toast:not([hidden])")
    assert "You may not check in" in page.locator("#toast").inner_text()
    assert page.input_value("textarea[name=progress_text]") == "Counted the CRM by hand."
    assert CheckIn.objects.count() == 0
