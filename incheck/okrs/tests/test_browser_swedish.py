"""A Swedish reader's KR page: the method's words and one number format (issue 9)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from incheck.accounts.models import Profile
from incheck.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NBSP = "\u00a0"


def test_a_healthy_kr_is_on_track_and_every_percentage_has_its_space(personas, page):
    Profile.objects.filter(user=personas.alice).update(language="sv")
    kr = personas.kr
    kr.unit, kr.start_value, kr.target_value, kr.current_value = "%", 0, 100, 0
    kr.save()
    sign_in(page, "alice")
    page.goto(f"/key-results/{kr.pk}/?open=context")
    page.fill(
        "textarea[name=context_text]",
        "Varför: andelen återkommande kunder styr intäkterna. I dag 0 %. Taktik: webbinarier.",
    )
    page.fill("input[name=progress_value]", "70")
    page.fill("textarea[name=progress_text]", "Två webbinarier gav effekt.")
    page.fill(
        "textarea[name=next_up_text]",
        "Senast fredag bokar jag 2 webbinarier med partner för att nå 80 %.",
    )
    page.click("#check-in button[type=submit]")
    page.wait_for_selector("#checkin-saved")

    header = page.locator(".kr-header")
    # "Healthy" is a KR on track, not a patient ("Frisk").
    expect(header.locator(".chip-ok")).to_have_text("På rätt spår")
    # The value with its unit and the progress beside it: the same "70 %".
    expect(header.locator(".kr-values")).to_contain_text(f"100{NBSP}%")
    expect(header.locator(".kr-percent")).to_have_text(f"70{NBSP}%")
    expect(header).to_contain_text(re.compile(rf"Taktlinjen förväntar \d+{NBSP}% i dag"))
