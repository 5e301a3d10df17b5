"""Single sign-on end to end: Chromium signs in through a real OpenID provider (the npm package
oidc-provider, started on loopback by the test) and back into Incheck.

These run on SQLite only: what they check is the protocol (state, nonce, PKCE, claims,
sign-out at the provider); the database side of a sign-in is `test_sso.py`, on both databases.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from incheck.accounts.models import Membership
from incheck.accounts.tests.oidc.server import RunningProvider, running_provider
from incheck.people.models import ExternalIdentity
from incheck.testing.factories import TeamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

USERS = {
    "oskar": {
        "password": "oskar-pw",
        "claims": {
            "email": "oskar.berg@nordlys.example",
            "email_verified": True,
            "name": "Oskar Berg",
            "given_name": "Oskar",
            "family_name": "Berg",
            "groups": ["/Growth:lead", "Platform", "all-staff"],
        },
    },
    "una": {
        "password": "una-pw",
        "claims": {"email": "una@nordlys.example", "email_verified": False, "name": "Una"},
    },
}


@pytest.fixture(scope="module")
def provider(live_server) -> Iterator[RunningProvider]:
    with running_provider(app_url=live_server.url, users=USERS) as running:
        yield running


@pytest.fixture
def sso(provider, settings) -> RunningProvider:
    if connection.vendor != "sqlite":
        pytest.skip("the protocol does not depend on the database (test_sso.py covers both)")
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    TeamFactory(name="Growth")
    TeamFactory(name="Platform")
    return provider


def sign_in_at_provider(page, login: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Sign in with Nordlys ID").click()
    page.wait_for_url(lambda url: "/interaction/" in url)
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def with_param(url: str, name: str, value: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query[name] = value
    return urlunsplit(parts._replace(query=urlencode(query)))


def test_the_first_sign_in_creates_the_person_with_their_teams_and_the_second_finds_them(sso, page):
    sign_in_at_provider(page, "oskar", "oskar-pw")
    page.get_by_role("link", name="Inbox").wait_for()

    oskar = get_user_model().objects.get(email="oskar.berg@nordlys.example")
    assert oskar.profile.display_name == "Oskar Berg"
    assert not oskar.has_usable_password()
    roles = {m.team.name: (m.role, m.from_sso) for m in Membership.objects.filter(user=oskar)}
    assert roles == {"Growth": ("lead", True), "Platform": ("member", True)}
    identity = ExternalIdentity.objects.get(user=oskar)
    assert (identity.issuer, identity.subject) == (sso.issuer, "oskar")

    # Signing out ends the provider's session too: it asks, then comes back to our sign-in page.
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(lambda url: url.startswith(sso.issuer))
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(lambda url: "/accounts/login/" in url)

    # The provider asks for the password again (its session ended), and finds the same person.
    sign_in_at_provider(page, "oskar", "oskar-pw")
    page.get_by_role("link", name="Inbox").wait_for()
    assert get_user_model().objects.filter(email="oskar.berg@nordlys.example").count() == 1
    assert ExternalIdentity.objects.get(user=oskar).last_sign_in_at >= identity.last_sign_in_at
    assert page.locator(".profile-name").inner_text() == "Oskar Berg"


def tamper_with_the_authorization_request(page, name: str, value: str) -> None:
    """Rewrite one parameter of the request Incheck sends the browser to the provider with.

    (Playwright routes only the first request of a redirect chain, so the rewrite is made on
    Incheck's own redirect: its Location header.)
    """

    def rewrite(route):
        response = route.fetch(max_redirects=0)
        headers = dict(response.headers)
        headers["location"] = with_param(headers["location"], name, value)
        route.fulfill(response=response, headers=headers)

    page.route("**/accounts/sso/", rewrite)


def test_a_tampered_state_is_refused(sso, page):
    # The provider sends back whatever state it was given: one this session did not start is
    # refused before the code is even exchanged.
    tamper_with_the_authorization_request(page, "state", "forged")
    sign_in_at_provider(page, "oskar", "oskar-pw")
    page.get_by_role("alert").wait_for()
    assert "was not started here" in page.get_by_role("alert").inner_text()
    assert not get_user_model().objects.filter(email="oskar.berg@nordlys.example").exists()
    page.goto("/")
    assert "/accounts/login/" in page.url


def test_a_tampered_nonce_is_refused(sso, page):
    # The provider signs whatever nonce it was given into the ID token: one that is not this
    # session's is refused.
    tamper_with_the_authorization_request(page, "nonce", "forged")
    sign_in_at_provider(page, "oskar", "oskar-pw")
    page.get_by_role("alert").wait_for()
    assert "did not complete" in page.get_by_role("alert").inner_text()
    assert not get_user_model().objects.filter(email="oskar.berg@nordlys.example").exists()
    page.goto("/")
    assert "/accounts/login/" in page.url


def test_an_unverified_e_mail_is_refused(sso, page):
    sign_in_at_provider(page, "una", "una-pw")
    page.get_by_role("alert").wait_for()
    assert "not verified your e-mail" in page.get_by_role("alert").inner_text()
    assert not get_user_model().objects.filter(email="una@nordlys.example").exists()
    assert not ExternalIdentity.objects.exists()
