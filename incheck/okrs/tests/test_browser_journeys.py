"""The check-in journeys of issue 9 as a person meets them in the browser: the reason for a
confidence move asked as the level is typed, the Next Up asked for in the same sitting (with a
visible "no Next Up this time"), and no "How did it go?" about a plan just written."""

from __future__ import annotations

import datetime as dt

import pytest

from incheck.conftest import sign_in
from incheck.domain.checkins import Entry
from incheck.okrs.models import CheckIn, KeyResult
from incheck.okrs.services.checkins import checkin_sitting_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_alice_is_asked_for_a_reason_and_a_plan_in_the_same_sitting(personas, page):
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[Entry(kind="confidence", level=6, text="On track"), Entry(kind="no_next_up")],
    )
    sign_in(page, "alice")
    page.goto(f"/key-results/{personas.kr.pk}/")

    # Typing a level three points down asks why at once, before any submit.
    page.fill("input[name=confidence_level]", "3")
    hints = page.locator("#hints-confidence_text")
    hints.locator("[data-code=confidence_reason_required]").wait_for()
    # "maybe" is coached: it names no reason.
    page.fill("textarea[name=confidence_text]", "maybe")
    hints.locator("[data-code=confidence_reason_vague]").wait_for()
    page.fill("textarea[name=confidence_text]", "Legal holds the mailing list; Ada asks them.")
    hints.locator("[data-code=confidence_reason_vague]").wait_for(state="detached")

    # A sitting that would leave the KR without a plan asks for one, in the same sitting.
    page.fill("input[name=progress_value]", "70")
    page.click("#check-in button[type=submit]")
    page.wait_for_selector("#checkin-errors")
    assert "Never leave a key result without a Next Up" in page.inner_text("#section-next_up")
    assert CheckIn.objects.filter(kind="progress").count() == 0
    # The visible way out: recorded with the sitting.
    page.check("input[name=no_next_up]")
    page.click("#check-in button[type=submit]")
    page.wait_for_selector("#checkin-saved")
    page.locator("#timeline .entry-no_next_up").first.wait_for()
    assert CheckIn.objects.filter(kind="no_next_up").count() == 2

    # Now a plan: right after saving it, the form does not ask how it went.
    page.fill(
        "textarea[name=next_up_text]", "By Friday I will call the 10 warmest leads to book demos."
    )
    page.click("#check-in button[type=submit]")
    page.wait_for_selector("#checkin-saved")
    page.locator("#next-up-set").wait_for()
    assert not page.is_visible("text=How did it go?")
    assert KeyResult.objects.get(pk=personas.kr.pk).open_next_up is not None


def test_alice_corrects_a_mistyped_value_in_place_then_deletes_the_sitting(personas, page):
    sitting = checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[
            Entry(kind="progress", value=940, text="Webinar"),
            Entry(
                kind="next_up", text="By Friday I will book 2 webinars", due_on=dt.date(2026, 12, 4)
            ),
        ],
    )
    sign_in(page, "alice")
    page.goto(f"/key-results/{personas.kr.pk}/")
    assert "940" in page.inner_text(".kr-values")

    # "Correct" opens the form in place of the sitting (htmx), filled with what it says.
    page.click("#timeline .sitting-correct")
    form = page.locator("#timeline form.sitting-edit")
    form.wait_for()
    value = form.locator("input[name$=progress_value]")
    assert value.input_value() == "940"
    # A bad value is a form error; nothing is written.
    value.fill("lots")
    form.locator("button[type=submit]").click()
    page.locator("#timeline form.sitting-edit [aria-invalid=true]").wait_for()
    assert CheckIn.objects.get(sitting=sitting.id, kind="progress").value == 940
    page.locator("#timeline form.sitting-edit input[name$=progress_value]").fill("94")
    page.locator("#timeline form.sitting-edit button[type=submit]").click()
    page.wait_for_selector("#checkin-corrected")
    # The KR's summary follows, the timeline says "edited".
    assert "94" in page.inner_text(".kr-values")
    assert "940" not in page.inner_text(".kr-values")
    page.locator("#timeline .entry-progress .chip-edited").wait_for()
    assert KeyResult.objects.get(pk=personas.kr.pk).current_value == 94

    # Deleting asks first, on a page of its own.
    page.click("#timeline .sitting-correct")
    page.click("#timeline .sitting-delete-link")
    page.wait_for_selector("text=Delete this check-in?")
    page.click("form.sitting-delete button[type=submit]")
    page.wait_for_url(f"**/key-results/{personas.kr.pk}/**")
    page.wait_for_selector("text=Check-in deleted.")
    assert not CheckIn.objects.filter(sitting=sitting.id).exists()
    assert page.locator("#timeline .sitting-correct").count() == 0


def test_lena_archives_a_key_result_and_brings_it_back(personas, page):
    sign_in(page, "lena")
    page.goto(f"/key-results/{personas.kr.pk}/edit/")
    # Archiving asks first, on a page of its own.
    page.click(".archive-section a")
    page.click("form.key-result-archive button[type=submit]")
    page.wait_for_url(f"**/key-results/{personas.kr.pk}/")
    page.locator(".archived-note").wait_for()
    assert page.locator("#check-in").count() == 0
    assert KeyResult.objects.get(pk=personas.kr.pk).archived_at is not None
    # Gone from the team's page; one click brings it back.
    page.goto(f"/teams/{personas.growth.pk}/")
    assert "200 new leads" not in page.inner_text("main")
    page.goto(f"/key-results/{personas.kr.pk}/")
    page.click(".archived-note form.unarchive-form button[type=submit]")
    page.locator("#check-in").wait_for()
    page.goto(f"/teams/{personas.growth.pk}/")
    assert "200 new leads" in page.inner_text("main")
