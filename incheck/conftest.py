"""Shared fixtures: frozen time, the personas, and the browser.

The personas (after healthchecks' Alice/Bob/Charlie): Alice owns a KR in the Growth team, Bob is
her teammate, Lena leads Growth, Charlie is in another team and may read but not write Alice's
things, and Ada is an administrator.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import settings

from incheck import clock

# pytest-django's live server runs in a thread while Playwright's sync API keeps an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Property tests are about what holds, not how fast: Hypothesis's default 200 ms deadline per
# example failed a database-backed property on a loaded machine. Speed is measured in bench/.
settings.register_profile("incheck", deadline=None)
settings.load_profile("incheck")

# Tuesday 24 November 2026, mid-morning in Stockholm: the middle of Q4.
FROZEN_NOW = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long tests marked `first` (the accessibility gate) start first: with two xdist workers,
    a long test collected last would run alone at the end while the other worker idles."""
    items.sort(key=lambda item: item.get_closest_marker("first") is None)


@pytest.fixture(autouse=True)
def frozen_time() -> Iterator[dt.datetime]:
    """Every test runs at FROZEN_NOW unless it moves the clock itself (clock.freeze)."""
    clock.freeze(FROZEN_NOW)
    yield FROZEN_NOW
    clock.freeze(None)


@dataclass
class Personas:
    alice: Any
    bob: Any
    lena: Any
    charlie: Any
    ada: Any
    growth: Any
    platform: Any
    period: Any
    objective: Any
    kr: Any


@pytest.fixture
def personas(db: None) -> Personas:
    # Imported here so the pure domain tests run without Django (`-p no:django`).
    from incheck.testing.factories import (
        KeyResultFactory,
        MembershipFactory,
        ObjectiveFactory,
        PeriodFactory,
        TeamFactory,
        UserFactory,
    )

    growth = TeamFactory(name="Growth")
    platform = TeamFactory(name="Platform")
    alice = UserFactory(username="alice")
    bob = UserFactory(username="bob")
    lena = UserFactory(username="lena")
    charlie = UserFactory(username="charlie")
    ada = UserFactory(username="ada", is_staff=True, is_superuser=True)
    MembershipFactory(user=alice, team=growth)
    MembershipFactory(user=bob, team=growth)
    MembershipFactory(user=lena, team=growth, role="lead")
    MembershipFactory(user=charlie, team=platform)
    period = PeriodFactory()
    objective = ObjectiveFactory(period=period, team=growth, title="Grow the pipeline")
    kr = KeyResultFactory(
        objective=objective, owner=alice, title="200 new leads", start_value=60, target_value=200
    )
    # Made with factories: the roll-ups as the services would have kept them.
    from incheck.okrs.services.rollups import rollups_rebuild

    rollups_rebuild()
    return Personas(
        alice=alice,
        bob=bob,
        lena=lena,
        charlie=charlie,
        ada=ada,
        growth=growth,
        platform=platform,
        period=period,
        objective=objective,
        kr=kr,
    )


def chromium_path() -> str | None:
    return (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (no browser download)."""
    path = chromium_path()
    if path is None:
        pytest.fail("Chromium is not installed: run `make test` (it installs it) or set CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def sign_in(page: Any, username: str, password: str = "pw") -> None:  # noqa: S107 - test persona
    """Sign in through the real form, as a person would."""
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
