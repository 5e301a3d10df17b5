"""While the demo is loaded, anyone can try it as any of its people (issue 9)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from playwright.sync_api import expect

from incheck.conftest import FROZEN_NOW
from incheck.okrs.demo import load_demo
from incheck.okrs.demo.people import PEOPLE, demo_sign_ins
from incheck.testing.factories import UserFactory


@pytest.mark.django_db
def test_the_sign_in_page_lists_nobody_without_the_demo(client):
    # A real installation may well have a "demo" or a "laura": strangers never see its people.
    UserFactory(username="demo", email="demo@example.org")
    UserFactory(username="laura", email="laura@example.org")
    assert demo_sign_ins() == []
    html = client.get("/accounts/login/").content.decode()
    assert "demo-people" not in html
    assert "laura" not in html


@pytest.mark.django_db
def test_the_demo_lists_every_person_with_their_team_and_role_in_one_query(client):
    load_demo(today=FROZEN_NOW.date())
    with CaptureQueriesContext(connection) as queries:
        people = demo_sign_ins()
    assert len(queries) == 1
    assert [p.username for p in people] == [p.username for p in PEOPLE]
    maja = people[0]
    assert (maja.display_name, maja.team, maja.is_lead, maja.is_admin) == (
        "Maja Lindqvist",
        "Growth",
        True,
        True,
    )
    html = client.get("/accounts/login/").content.decode()
    assert html.count('name="password" value="demo"') == len(PEOPLE)
    assert "Laura Becker" in html and "Customer Success" in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_visitor_tries_the_demo_as_a_member_with_one_click(page):
    load_demo(today=FROZEN_NOW.date())
    page.goto("/accounts/login/")
    page.click(".demo-people button:has-text('Laura Becker')")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    expect(page.locator(".profile-name")).to_have_text("Laura Becker")
    # A member, not an administrator.
    expect(page.locator(".topbar a.admin-link")).to_have_count(0)
