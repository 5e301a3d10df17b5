"""The check-in form carries a one-time token: sent twice, it records one sitting (issue 8,
item 2). Two submissions at once: `test_concurrency.py`."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from incheck.okrs.models import CheckIn

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(personas):
    client = Client()
    client.force_login(personas.alice)
    return client


def token_on(html: str) -> str:
    found = re.search(r'name="submission" value="([0-9a-f-]+)"', html)
    assert found, "the check-in form carries its one-time token"
    return found.group(1)


def test_each_form_carries_a_token_of_its_own(alice, personas):
    page = f"/key-results/{personas.kr.pk}/"
    assert token_on(alice.get(page).content.decode()) != token_on(alice.get(page).content.decode())


@pytest.mark.parametrize("htmx", [False, True])
def test_a_double_submit_records_one_sitting(alice, personas, htmx):
    url = f"/key-results/{personas.kr.pk}/"
    form = {
        "submission": token_on(alice.get(url).content.decode()),
        "progress_value": "94",
        "progress_text": "Webinar brought 34 leads",
        "next_up_text": "By Friday I will call the 10 warmest leads",
        "next_up_due_on": "2026-12-04",
    }
    headers = {"HX-Request": "true"} if htmx else {}
    first = alice.post(f"{url}check-ins/", form, headers=headers)
    second = alice.post(f"{url}check-ins/", form, headers=headers)

    assert first.status_code == second.status_code == (200 if htmx else 302)
    assert CheckIn.objects.filter(kind="progress").count() == 1
    assert CheckIn.objects.filter(kind="next_up").count() == 1
    if htmx:
        # Both answers say it is saved, and offer a fresh form with a new token.
        for response in (first, second):
            html = response.content.decode()
            assert 'id="checkin-saved"' in html
            assert token_on(html) != form["submission"]


def test_a_closure_sent_twice_closes_once_and_the_second_is_no_error(alice, personas):
    url = f"/key-results/{personas.kr.pk}/"
    plan = {
        "submission": token_on(alice.get(url).content.decode()),
        "next_up_text": "By Friday I will call the 10 warmest leads",
        "next_up_due_on": "2026-12-04",
    }
    assert alice.post(f"{url}check-ins/", plan).status_code == 302
    closure = {
        "submission": token_on(alice.get(url).content.decode()),
        "closure_status": "done",
        "closure_happened": "Called all ten; four want a demo",
        "no_next_up": "on",
    }
    assert alice.post(f"{url}check-ins/", closure).status_code == 302
    # Without the token the second would be "no open Next Up to close".
    assert alice.post(f"{url}check-ins/", closure).status_code == 302
    closed = CheckIn.objects.get(kind="next_up")
    assert closed.closure == "done"


def test_a_form_with_errors_keeps_its_token_and_the_corrected_one_is_recorded(alice, personas):
    url = f"/key-results/{personas.kr.pk}/"
    token = token_on(alice.get(url).content.decode())
    wrong = {"submission": token, "confidence_level": "11"}
    response = alice.post(f"{url}check-ins/", wrong, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert token_on(response.content.decode()) == token
    right = {
        "submission": token,
        "confidence_level": "7",
        "confidence_text": "Webinars may slip",
        "no_next_up": "on",
    }
    assert alice.post(f"{url}check-ins/", right).status_code == 302
    assert CheckIn.objects.filter(kind="confidence").count() == 1
