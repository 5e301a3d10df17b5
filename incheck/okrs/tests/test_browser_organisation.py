"""The organisation's view in a real browser: opening a branch of the alignment tree, the team
filter searched as you type, the objective form's "Aligned with" search, and the dashboard.

It runs on SQLite only: what it checks (htmx swaps, the toggle, links) does not depend on the
database, and the same pages are covered on PostgreSQL by the view tests."""

from __future__ import annotations

import pytest
from django.db import connection
from playwright.sync_api import expect

from incheck.conftest import sign_in
from incheck.testing.factories import KeyResultFactory, ObjectiveFactory, TeamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def aligned(personas):
    if connection.vendor != "sqlite":
        pytest.skip("browser behaviour does not depend on the database")
    root = ObjectiveFactory(
        period=personas.period, team=TeamFactory(name="Leadership"), title="Win the Nordics"
    )
    personas.objective.parent = root
    personas.objective.save()
    own = ObjectiveFactory(
        period=personas.period,
        team=None,
        owner=personas.alice,
        parent=personas.objective,
        title="Learn to run webinars",
    )
    KeyResultFactory(objective=own, owner=personas.alice, title="Three webinars run")
    return root


def test_a_branch_opens_in_place_and_the_team_filter_searches(aligned, personas, page):
    sign_in(page, "charlie")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Alignment").click()
    tree = page.locator("#alignment-tree")
    expect(tree).to_contain_text("Win the Nordics")
    growth = page.locator(f"#objective-{personas.objective.pk}")
    expect(growth).to_contain_text("Grow the pipeline")
    toggle = growth.locator(".align-toggle").first
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    branch = page.locator(f"#branch-{personas.objective.pk}")
    expect(branch).to_contain_text("200 new leads")
    expect(branch).to_contain_text("Learn to run webinars")
    toggle.click()
    expect(branch).to_be_hidden()

    page.fill("#id_team_q", "grow")
    option = page.locator("#team-options").get_by_label("Growth")
    expect(option).to_be_visible()
    expect(page.locator("#team-options")).not_to_contain_text("Platform")
    option.check()
    page.get_by_role("button", name="Show").click()
    expect(tree).to_contain_text("Grow the pipeline")
    expect(page.locator(f"#objective-{personas.objective.pk} .align-path")).to_contain_text(
        "Win the Nordics"
    )
    expect(tree).not_to_contain_text("Leadership")


def test_aligning_an_objective_by_searching_its_parent(aligned, personas, page):
    sign_in(page, "lena")
    page.goto(f"/objectives/new/?team={personas.growth.pk}")
    page.fill("input[name=title]", "Shorter sales cycle")
    page.fill("#id_parent_q", "nordics")
    choice = page.locator("#parent-options").get_by_label("Win the Nordics · Leadership")
    choice.check()
    page.get_by_role("button", name="Create and add key results").click()
    page.wait_for_url("**/key-results/new/")
    page.goto("/alignment/")
    expect(page.locator("#alignment-tree")).to_contain_text("Shorter sales cycle")


def test_the_dashboard_shows_the_figures_and_sorts_teams_by_one(aligned, personas, page):
    sign_in(page, "charlie")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    expect(page.locator("#figure-open_next_up")).to_contain_text("Open Next Up")
    expect(page.locator("#figure-open_next_up svg")).to_be_visible()
    page.locator("#figure-dead").click()
    page.wait_for_url(lambda url: "sort=dead" in url)
    expect(page.locator("#teams")).to_contain_text("Growth")
    page.locator("#teams").get_by_role("link", name="Growth").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Growth")
