"""The NUL character anywhere in a request is a 400, never a 500 (issue 8, item 3).

PostgreSQL cannot store NUL; a token name or a token's URL holding one was a `DataError` (500).
`incheck.middleware.RefuseNul` answers 400 before anything reads the request, on both databases
alike (on SQLite the token would have been stored with the NUL in its name). A session cookie
with one is no session (`accounts/tests/test_sessions.py`).
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from incheck.accounts.models import ApiToken
from incheck.accounts.services import token_create
from incheck.okrs.models import CheckIn

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(personas):
    client = Client()
    client.force_login(personas.alice)
    return client


def assert_refused(response) -> None:
    assert response.status_code == 400, response.content[:300]


def test_a_token_name_with_nul_is_refused_and_nothing_is_stored(alice):
    assert_refused(alice.post("/accounts/tokens/", {"name": "script\x00one"}))
    assert not ApiToken.objects.exists()


def test_a_token_url_with_nul_is_refused(alice, personas):
    token, _raw = token_create(user=personas.alice, name="script")
    assert_refused(alice.post(f"/accounts/tokens/{token.prefix}%00/revoke/"))
    assert_refused(alice.post("/accounts/tokens/%00/revoke/"))
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize(
    "url", ["/insights/?q=%00", "/blockers/?team=%00", "/?x%00=1", "/teams/?q=a%00b"]
)
def test_a_query_with_nul_is_refused(alice, url):
    assert_refused(alice.get(url))


def test_a_form_field_with_nul_is_refused_and_writes_nothing(alice, personas):
    form = {"progress_value": "94", "progress_text": "Webinar\x00 brought 34 leads"}
    assert_refused(alice.post(f"/key-results/{personas.kr.pk}/check-ins/", form))
    assert not CheckIn.objects.exists()


def test_the_api_names_the_field_instead(personas):
    """The API checks its own input: a 422 naming the field (`okrs/api/types.py`)."""
    raw = token_create(user=personas.alice, name="tests")[1]
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    body = {"entries": [{"kind": "progress", "value": 3, "text": "a\x00b"}]}
    response = client.post(
        f"/api/v1/key-results/{personas.kr.pk}/check-ins",
        json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "entries.0.text" in response.json()["fields"]
    assert "q" in client.get("/api/v1/insights?q=a%00b").json()["fields"]


@pytest.mark.parametrize(
    ("text", "english", "swedish"),
    [
        (
            "a\\u0000b",
            "Text may not contain the NUL character.",
            "Text får inte innehålla NUL-tecknet.",
        ),
        ("\\ud800", "Text must be valid Unicode.", "Text måste vara giltig Unicode."),
    ],
)
def test_the_apis_words_for_unstorable_text_are_in_the_readers_language(
    personas, text, english, swedish
):
    raw = token_create(user=personas.alice, name="tests")[1]
    body = '{"entries": [{"kind": "context", "text": "' + text + '"}]}'
    said = {}
    for language in ("en", "sv"):
        client = Client(headers={"Authorization": f"Bearer {raw}", "Accept-Language": language})
        response = client.post(
            f"/api/v1/key-results/{personas.kr.pk}/check-ins", body, content_type="application/json"
        )
        assert response.status_code == 422
        said[language] = response.json()["fields"]["entries.0.text"]
    assert said == {"en": english, "sv": swedish}
    assert not CheckIn.objects.exists()
