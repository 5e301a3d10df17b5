"""GET /blockers and POST /blockers/{id}/resolve."""

from __future__ import annotations

import pytest

from incheck.okrs.models import CheckIn
from incheck.okrs.tests.api.helpers import assert_error, queries
from incheck.testing.factories import CheckInFactory, KeyResultFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db


def blocker(kr, text="Legal blocks the webinar tool", **kwargs):
    return CheckInFactory(
        key_result=kr, kind="blocker", signal="blocker", value=None, text=text, **kwargs
    )


def test_it_lists_open_and_resolved_blockers(api, personas, frozen_time):
    stuck = blocker(personas.kr)
    done = blocker(personas.kr, text="No budget", resolved_at=frozen_time, resolution="Asked")

    def ids(query):
        return [b["id"] for b in api.get(f"/blockers{query}", as_="charlie").json()["items"]]

    assert ids("?state=open") == [stuck.pk]
    assert ids("?state=resolved") == [done.pk]
    assert sorted(ids("")) == sorted([stuck.pk, done.pk])
    item = api.get("/blockers?state=open").json()["items"][0]
    assert item["key_result"] == {"id": personas.kr.pk, "title": "200 new leads"}
    assert item["author"]["username"] == "alice"


def test_it_filters_by_team_and_key_result(api, personas):
    mine = blocker(personas.kr)
    uptime = KeyResultFactory(objective=ObjectiveFactory(team=personas.platform))
    theirs = blocker(uptime)
    assert [b["id"] for b in api.get(f"/blockers?team={personas.platform.pk}").json()["items"]] == [
        theirs.pk
    ]
    assert [b["id"] for b in api.get(f"/blockers?key_result={personas.kr.pk}").json()["items"]] == [
        mine.pk
    ]


def test_an_unknown_state_is_422(api, personas):
    assert "state" in assert_error(api.get("/blockers?state=stuck"), 422)["fields"]


def test_the_owner_resolves_a_blocker_into_an_insight(api, personas):
    stuck = blocker(personas.kr)
    response = api.post(f"/blockers/{stuck.pk}/resolve", {"resolution": "Used the free tier"})
    assert response.status_code == 201, response.content
    insight = response.json()
    assert insight["kind"] == "insight"
    assert insight["resolves_id"] == stuck.pk
    assert CheckIn.objects.get(pk=stuck.pk).resolved_at is not None


def test_a_teammate_may_not_resolve_alices_blocker(api, personas):
    stuck = blocker(personas.kr)
    body = {"resolution": "Ignored it"}
    assert_error(api.post(f"/blockers/{stuck.pk}/resolve", body, as_="bob"), 403, "forbidden")
    assert CheckIn.objects.get(pk=stuck.pk).resolved_at is None
    assert CheckIn.objects.count() == 1


def test_resolving_twice_is_409_and_an_empty_resolution_422(api, personas):
    stuck = blocker(personas.kr)
    body = assert_error(api.post(f"/blockers/{stuck.pk}/resolve", {"resolution": " "}), 422)
    assert "resolution" in body["fields"]
    api.post(f"/blockers/{stuck.pk}/resolve", {"resolution": "Free tier"})
    assert_error(
        api.post(f"/blockers/{stuck.pk}/resolve", {"resolution": "Again"}), 409, "blocker_resolved"
    )
    assert_error(api.post("/blockers/999999/resolve", {"resolution": "x"}), 404)


def test_listing_reads_the_same_number_of_queries_for_3_or_30(api, personas):
    for _ in range(3):
        blocker(personas.kr)
    few, body = queries(api, "/blockers?limit=200")
    assert len(body["items"]) == 3
    for _ in range(27):
        blocker(personas.kr)
    many, body = queries(api, "/blockers?limit=200")
    assert len(body["items"]) == 30
    assert few == many
