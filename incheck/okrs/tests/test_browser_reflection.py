"""The reflection loop in a real browser (issue 4): a Next Up, its due date passing, its closure
shown as expected → happened; and a lead closing the period at the check-out."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from incheck import clock
from incheck.conftest import sign_in
from incheck.okrs.models import CheckIn, KeyResult, Period

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN = "By Friday I will run 2 webinars with the physio association to reach 120 leads"
# The Monday after that Friday (27 Nov 2026), in the morning in Stockholm.
NEXT_MONDAY = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)


def test_a_next_up_comes_back_after_its_due_date_and_closes_as_expected_to_happened(personas, page):
    sign_in(page, "alice")
    page.goto(f"/key-results/{personas.kr.pk}/")
    # The KR has no Next Up: the form asks for one.
    expect(page.locator("#ask-next-up")).to_be_visible()
    page.fill("textarea[name=next_up_text]", PLAN)
    page.fill("input[name=next_up_due_on]", "2026-11-27")
    page.fill("input[name=next_up_expected_value]", "120")
    page.click("#check-in button[type=submit]")
    expect(page.locator("#checkin-saved")).to_be_visible()
    expect(page.locator(".next-up-card")).to_contain_text(PLAN)

    # Time passes beyond the due date (the live server shares this process's clock).
    clock.freeze(NEXT_MONDAY)
    page.goto("/")
    todo = page.locator(f".todo-item[data-kr='{personas.kr.pk}']")
    expect(todo).to_have_attribute("data-code", "next_up_overdue")
    expect(todo).to_contain_text(f"You said: '{PLAN}' — how did it go?")
    todo.get_by_role("link", name="Tell how it went").click()

    page.wait_for_url(f"**/key-results/{personas.kr.pk}/#check-in")
    closure = page.locator("#section-closure")
    expect(closure).to_contain_text(PLAN)
    expect(closure).to_contain_text("expecting 120 leads")
    page.fill("input[name=progress_value]", "104")
    page.fill("textarea[name=progress_text]", "One webinar ran; the second moved to January.")
    closure.locator("label.segment-partly").click()
    page.fill(
        "textarea[name=closure_happened]", "One webinar ran and brought 44 leads; one slipped."
    )
    page.fill("textarea[name=closure_learned]", "Book the association's calendar a month ahead.")
    page.fill(
        "textarea[name=next_up_text]",
        "By Friday I will book the January webinar and e-mail the 44 leads a demo offer",
    )
    page.fill("input[name=next_up_expected_value]", "130")
    page.click("#check-in button[type=submit]")
    expect(page.locator("#checkin-saved")).to_be_visible()

    timeline = page.locator("#timeline")
    closed = timeline.locator(".entry-next_up", has_text=PLAN)
    expect(closed.locator(".chip-closure-partly")).to_be_visible()
    expect(closed.locator(".closure-row", has_text="Expected → actual")).to_contain_text(
        "120 → 104 leads"
    )
    expect(closed).to_contain_text("One webinar ran and brought 44 leads; one slipped.")
    expect(closed).to_contain_text("Book the association's calendar a month ahead.")
    # The new plan is the open one now.
    expect(page.locator(".next-up-card")).to_contain_text("book the January webinar")

    next_up = CheckIn.objects.get(key_result=personas.kr, kind="next_up", text=PLAN)
    assert (next_up.closure, next_up.expected_value, next_up.actual_value) == ("partly", 120, 104)
    assert KeyResult.objects.get(pk=personas.kr.pk).open_next_up.text.startswith("By Friday")


def test_a_lead_closes_the_period_at_the_check_out_and_the_kr_page_locks(personas, page):
    sign_in(page, "lena")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Periods").click()
    row = page.locator(f"#period-{personas.period.pk}")
    row.get_by_role("link", name="Check-out").click()
    page.wait_for_url(f"**/periods/{personas.period.pk}/checkout/")

    # Without the confirmation the server refuses and nothing is closed.
    page.get_by_role("button", name="Close the period").click()
    expect(page.locator("#close-error")).to_contain_text("Tick the box to confirm")
    assert not Period.objects.get(pk=personas.period.pk).is_closed

    page.get_by_label("I understand the period will be locked").check()
    page.get_by_role("button", name="Close the period").click()
    expect(page.locator(".flash")).to_contain_text("2026 Q4 is closed.")
    expect(page.locator("main")).to_contain_text("Closed on")
    assert Period.objects.get(pk=personas.period.pk).is_closed

    page.goto(f"/key-results/{personas.kr.pk}/")
    expect(page.locator(".kr-facts")).to_contain_text("2026 Q4 · closed")
    expect(page.locator("#check-in")).to_contain_text("The period is closed")
    expect(page.locator("#check-in form")).to_have_count(0)
