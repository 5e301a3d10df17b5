"""GET /me: the person behind the token."""

from __future__ import annotations

import pytest

from incheck.okrs.tests.api.helpers import api, assert_error

__all__ = ["api"]

pytestmark = pytest.mark.django_db


def test_it_is_the_tokens_user_with_teams_and_roles(api, personas):
    body = api.get("/me", as_="lena").json()
    assert body["username"] == "lena"
    assert body["display_name"] == "Lena"
    assert body["is_admin"] is False
    assert body["teams"] == [{"id": personas.growth.pk, "name": "Growth", "role": "lead"}]


def test_an_admin_is_marked(api, personas):
    assert api.get("/me", as_="ada").json()["is_admin"] is True


def test_without_a_token_it_is_401(api, personas):
    assert_error(api.get("/me", as_=None), 401, "not_authenticated")
