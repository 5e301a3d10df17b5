"""GET /teams: teams with their members, paged, in a fixed number of queries."""

from __future__ import annotations

import pytest

from incheck.okrs.tests.api.helpers import api, assert_error, queries
from incheck.testing.factories import MembershipFactory, TeamFactory

__all__ = ["api"]

pytestmark = pytest.mark.django_db


def test_it_lists_teams_with_members_and_roles(api, personas):
    body = api.get("/teams", as_="charlie").json()
    assert len(body["items"]) == 2
    growth = body["items"][0]
    assert growth["name"] == "Growth"
    members = {m["user"]["username"]: m["role"] for m in growth["members"]}
    assert members == {"alice": "member", "bob": "member", "lena": "lead"}


def test_teams_are_paged(api, personas):
    body = api.get("/teams?limit=1").json()
    assert [t["name"] for t in body["items"]] == ["Growth"] and body["next"]
    assert [t["name"] for t in api.follow(body["next"]).json()["items"]] == ["Platform"]


def test_without_a_token_it_is_401(api, personas):
    assert_error(api.get("/teams", as_=None), 401)


def test_listing_reads_the_same_number_of_queries_for_3_or_30(api, personas):
    TeamFactory(name="Sales")
    few, body = queries(api, "/teams?limit=200")
    assert len(body["items"]) == 3
    for n in range(27):
        MembershipFactory(team=TeamFactory(name=f"Team {n:02}"))
    many, body = queries(api, "/teams?limit=200")
    assert len(body["items"]) == 30
    assert few == many
