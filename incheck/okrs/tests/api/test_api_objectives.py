"""GET,POST /objectives and GET,PATCH /objectives/{id}."""

from __future__ import annotations

import pytest

from incheck.okrs.models import Objective, Period
from incheck.okrs.tests.api.helpers import assert_error, queries
from incheck.testing.factories import ObjectiveFactory, PeriodFactory

pytestmark = pytest.mark.django_db


def test_it_lists_objectives_with_filters(api, personas):
    other = PeriodFactory(name="2026 Q3", start_on="2026-07-01", end_on="2026-09-30")
    ObjectiveFactory(period=other, team=personas.platform, title="Old platform")
    ObjectiveFactory(period=personas.period, team=None, owner=personas.bob, title="Bob's own")

    def titles(query):
        return sorted(o["title"] for o in api.get(f"/objectives{query}").json()["items"])

    assert titles("") == ["Bob's own", "Grow the pipeline", "Old platform"]
    assert titles(f"?period={other.pk}") == ["Old platform"]
    assert titles(f"?team={personas.growth.pk}") == ["Grow the pipeline"]
    assert titles(f"?owner={personas.bob.pk}") == ["Bob's own"]
    assert titles(f"?period={personas.period.pk}&team={personas.platform.pk}") == []


def test_a_filter_that_is_not_an_id_is_422(api, personas):
    body = assert_error(api.get("/objectives?team=growth"), 422, "invalid")
    assert set(body["fields"]) == {"team"}


def test_it_reads_one_objective(api, personas):
    body = api.get(f"/objectives/{personas.objective.pk}", as_="charlie").json()
    assert body["title"] == "Grow the pipeline"
    assert body["team_id"] == personas.growth.pk
    assert body["owner_id"] is None


def test_anyone_creates_a_personal_objective(api, personas):
    body = {"period_id": personas.period.pk, "title": "Learn SQL", "owner_id": personas.bob.pk}
    response = api.post("/objectives", body, as_="bob")
    assert response.status_code == 201, response.content
    assert response.json()["owner_id"] == personas.bob.pk


def test_a_member_may_not_create_a_team_objective(api, personas):
    body = {"period_id": personas.period.pk, "title": "Win", "team_id": personas.growth.pk}
    assert_error(api.post("/objectives", body, as_="bob"), 403, "forbidden")
    assert api.post("/objectives", body, as_="lena").status_code == 201
    assert Objective.objects.filter(title="Win").count() == 1


def test_an_objective_for_both_a_team_and_a_person_is_422(api, personas):
    body = {
        "period_id": personas.period.pk,
        "title": "Both",
        "team_id": personas.growth.pk,
        "owner_id": personas.lena.pk,
    }
    body = assert_error(api.post("/objectives", body, as_="lena"), 422, "invalid")
    assert "owner" in body["fields"]


def test_an_objective_in_a_closed_period_is_409(api, personas, frozen_time):
    Period.objects.filter(pk=personas.period.pk).update(closed_at=frozen_time)
    body = {"period_id": personas.period.pk, "title": "Late", "owner_id": personas.bob.pk}
    assert_error(api.post("/objectives", body, as_="bob"), 409, "period_closed")


def test_the_lead_changes_only_the_fields_sent(api, personas):
    response = api.patch(
        f"/objectives/{personas.objective.pk}", {"description": "Leads fill the funnel"}, as_="lena"
    )
    assert response.status_code == 200, response.content
    objective = Objective.objects.get(pk=personas.objective.pk)
    assert objective.description == "Leads fill the funnel"
    assert objective.title == "Grow the pipeline"


def test_a_member_may_not_change_the_team_objective(api, personas):
    patch = {"title": "Shrink the pipeline"}
    assert_error(api.patch(f"/objectives/{personas.objective.pk}", patch, as_="alice"), 403)
    assert Objective.objects.get(pk=personas.objective.pk).title == "Grow the pipeline"


def test_a_null_title_is_422_and_an_empty_one_too(api, personas):
    path = f"/objectives/{personas.objective.pk}"
    assert "title" in assert_error(api.patch(path, {"title": None}, as_="lena"), 422)["fields"]
    assert "title" in assert_error(api.patch(path, {"title": "  "}, as_="lena"), 422)["fields"]


def test_patching_an_unknown_objective_is_404(api, personas):
    assert_error(api.patch("/objectives/999999", {"title": "x"}, as_="ada"), 404)


def test_listing_reads_the_same_number_of_queries_for_3_or_30(api, personas):
    for _ in range(2):
        ObjectiveFactory(period=personas.period, team=personas.growth)
    few, body = queries(api, "/objectives?limit=200")
    assert len(body["items"]) == 3
    for _ in range(27):
        ObjectiveFactory(period=personas.period, team=personas.growth)
    many, body = queries(api, "/objectives?limit=200")
    assert len(body["items"]) == 30
    assert few == many
