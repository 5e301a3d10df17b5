"""POST /coach: the coaching contract over HTTP."""

from __future__ import annotations

import pytest

from incheck.okrs.tests.api.helpers import assert_error

pytestmark = pytest.mark.django_db


def test_a_vague_next_up_gets_hints(api, personas):
    body = {"kind": "next_up", "text": "Have a meeting with Laura about new channels"}
    response = api.post("/coach", body)
    assert response.status_code == 200, response.content
    review = response.json()
    assert review["kind"] == "next_up" and review["lang"] == "en" and review["ok"] is False
    assert [h["code"] for h in review["hints"]] == ["no_deadline", "no_how"]
    assert all(h["message"] for h in review["hints"])


def test_a_language_can_be_asked_for(api, personas):
    body = {"kind": "progress", "text": "34/200", "lang": "sv"}
    assert api.post("/coach", body).json()["lang"] == "sv"


@pytest.mark.parametrize(
    ("change", "field"), [({"kind": "gossip"}, "kind"), ({"lang": "fr"}, "lang")]
)
def test_an_unknown_kind_or_language_is_422(api, personas, change, field):
    body = {"kind": "next_up", "text": "By Friday I will call 20 customers", **change}
    assert field in assert_error(api.post("/coach", body), 422, "invalid")["fields"]


def test_coaching_needs_a_token(api, personas):
    assert_error(api.post("/coach", {"kind": "progress", "text": "x"}, as_=None), 401)
