"""GET /insights: the insight library, searchable and filtered."""

from __future__ import annotations

import pytest

from incheck.okrs.tests.api.helpers import assert_error, queries
from incheck.testing.factories import CheckInFactory, KeyResultFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db


def insight(kr, text, **kwargs):
    return CheckInFactory(
        key_result=kr, kind="insight", signal="insight", value=None, text=text, **kwargs
    )


def test_it_searches_and_filters_insights(api, personas):
    webinars = insight(personas.kr, "Webinars bring more leads than ads")
    uptime = KeyResultFactory(objective=ObjectiveFactory(team=personas.platform))
    pager = insight(uptime, "Paging at night burns people out", author=personas.charlie)
    CheckInFactory(key_result=personas.kr, text="Webinar without a signal")

    def ids(query):
        return [i["id"] for i in api.get(f"/insights{query}").json()["items"]]

    assert sorted(ids("")) == sorted([webinars.pk, pager.pk])
    assert ids("?q=webinar") == [webinars.pk]
    assert ids(f"?team={personas.platform.pk}") == [pager.pk]
    assert ids(f"?person={personas.charlie.pk}") == [pager.pk]
    assert ids(f"?period={personas.period.pk}&q=paging") == [pager.pk]
    assert ids("?kind=progress") == []
    item = api.get("/insights?q=webinars").json()["items"][0]
    assert item["key_result"]["title"] == "200 new leads"


def test_an_unknown_kind_is_422(api, personas):
    assert "kind" in assert_error(api.get("/insights?kind=gossip"), 422)["fields"]


def test_a_nul_in_the_search_is_422_not_500(api, personas):
    assert "q" in assert_error(api.get("/insights?q=a%00b"), 422)["fields"]


def test_insights_are_paged(api, personas):
    for n in range(3):
        insight(personas.kr, f"Learning {n}")
    body = api.get("/insights?limit=2").json()
    assert len(body["items"]) == 2 and body["next"]
    rest = api.follow(body["next"]).json()
    assert [i["text"] for i in rest["items"]] == ["Learning 0"] and rest["next"] is None


def test_listing_reads_the_same_number_of_queries_for_3_or_30(api, personas):
    for n in range(3):
        insight(personas.kr, f"Learning {n}")
    few, body = queries(api, "/insights?limit=200")
    assert len(body["items"]) == 3
    for n in range(27):
        insight(personas.kr, f"More {n}")
    many, body = queries(api, "/insights?limit=200")
    assert len(body["items"]) == 30
    assert few == many
