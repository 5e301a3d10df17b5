"""Administrators find the admin from every page; nobody else is shown the way (issue 9)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from incheck.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_follows_the_link_to_the_admin_and_a_member_sees_none(personas, page):
    sign_in(page, "alice")
    expect(page.locator(".topbar")).to_be_visible()
    expect(page.locator(".topbar a.admin-link")).to_have_count(0)
    page.click("button:has-text('Sign out')")

    sign_in(page, "ada")
    page.click(".topbar a.admin-link")
    page.wait_for_url("**/admin/")
    expect(page.locator("#site-name")).to_be_visible()
