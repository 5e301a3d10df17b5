"""The API tokens on the profile page: create (shown once), list, revoke; only your own."""

from __future__ import annotations

import pytest
from django.urls import reverse

from incheck.accounts.models import ApiToken
from incheck.accounts.services import token_authenticate, token_create

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def alice_client(client, personas):
    client.force_login(personas.alice)
    return client


def test_the_profile_page_loads_the_token_panel(alice_client):
    response = alice_client.get(reverse("profile"))
    assert response.status_code == 200
    assert reverse("api_tokens") in response.content.decode()


def test_the_panel_lists_my_tokens_but_never_theirs(alice_client, personas):
    token_create(user=personas.alice, name="sales script")
    token_create(user=personas.bob, name="bobs bot")
    html = alice_client.get(reverse("api_tokens"), headers=HTMX).content.decode()
    assert "sales script" in html and "bobs bot" not in html
    assert "<html" not in html  # the fragment only


def test_creating_shows_the_token_once_and_stores_only_its_digest(alice_client, personas):
    response = alice_client.post(reverse("api_tokens"), {"name": "dashboard"}, headers=HTMX)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    raw = response.context["new_token"]
    assert raw in response.content.decode()
    assert token_authenticate(raw) == personas.alice
    assert raw not in alice_client.get(reverse("api_tokens")).content.decode()
    assert not ApiToken.objects.filter(digest=raw).exists()


def test_without_javascript_the_panel_is_a_page(alice_client):
    response = alice_client.post(reverse("api_tokens"), {"name": "dashboard"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html and response.context["new_token"] in html


def test_a_long_name_is_a_form_error(alice_client):
    response = alice_client.post(reverse("api_tokens"), {"name": "x" * 81}, headers=HTMX)
    assert response.status_code == 422
    assert "80" in response.context["name_error"]
    assert ApiToken.objects.count() == 0


def test_i_revoke_my_token(alice_client, personas):
    token, raw = token_create(user=personas.alice)
    url = reverse("api_token_revoke", args=[token.prefix])
    response = alice_client.post(url, headers=HTMX)
    assert response.status_code == 200
    assert token_authenticate(raw) is None
    assert alice_client.post(url).status_code == 404


def test_nobody_revokes_someone_elses_token(alice_client, personas):
    token, raw = token_create(user=personas.bob)
    response = alice_client.post(reverse("api_token_revoke", args=[token.prefix]))
    assert response.status_code == 404
    assert token_authenticate(raw) == personas.bob


def test_signed_out_people_are_sent_to_sign_in(client, personas):
    response = client.post(reverse("api_tokens"), {"name": "x"})
    assert response.status_code == 302
    assert ApiToken.objects.count() == 0


def test_the_token_panel_links_the_api_docs(alice_client):
    panel = alice_client.get(reverse("api_tokens"), headers=HTMX).content.decode()
    assert 'href="/api/v1/docs"' in panel


def test_the_api_docs_page_says_its_language(alice_client):
    # Third-party (django-ninja's Swagger UI) and outside the accessibility gate, but a page
    # without a language is read aloud in the wrong voice.
    page = alice_client.get("/api/v1/docs").content.decode()
    assert '<html lang="en">' in page
    assert "swagger-ui" in page
