"""GET,POST /key-results and GET,PATCH /key-results/{id}: KRs with their health."""

from __future__ import annotations

import pytest

from incheck.okrs.models import KeyResult
from incheck.okrs.tests.api.helpers import assert_error, queries
from incheck.testing.factories import KeyResultFactory, ObjectiveFactory, PeriodFactory

pytestmark = pytest.mark.django_db


def test_each_kr_comes_with_progress_pace_and_health(api, personas):
    body = api.get("/key-results", as_="charlie").json()
    assert len(body["items"]) == 1
    kr = body["items"][0]
    assert kr["title"] == "200 new leads"
    assert kr["owner"]["username"] == "alice"
    assert kr["period_id"] == personas.period.pk
    assert kr["team_id"] == personas.growth.pk
    assert kr["progress"] == 0.0
    assert 0.5 < kr["expected"] < 0.7  # 24 November in a quarter of Oct–Dec
    assert {"code": "context_due", "severity": "warning"} in kr["health"]
    assert {"code": "next_up_missing", "severity": "warning"} in kr["health"]


def test_it_filters_by_objective_period_owner_and_team(api, personas):
    q3 = PeriodFactory(name="2026 Q3", start_on="2026-07-01", end_on="2026-09-30")
    platform = ObjectiveFactory(period=q3, team=personas.platform)
    KeyResultFactory(objective=platform, owner=personas.charlie, title="Uptime")
    personal = ObjectiveFactory(period=personas.period, team=None, owner=personas.bob)
    KeyResultFactory(objective=personal, owner=personas.bob, title="Bob's KR")

    def titles(query):
        return sorted(k["title"] for k in api.get(f"/key-results{query}").json()["items"])

    assert titles(f"?objective={platform.pk}") == ["Uptime"]
    assert titles(f"?period={q3.pk}") == ["Uptime"]
    assert titles(f"?owner={personas.alice.pk}") == ["200 new leads"]
    # A personal objective belongs to the teams of its owner.
    assert titles(f"?team={personas.growth.pk}") == ["200 new leads", "Bob's KR"]
    assert titles(f"?team={personas.platform.pk}") == ["Uptime"]


def test_it_reads_one_kr(api, personas):
    body = api.get(f"/key-results/{personas.kr.pk}").json()
    assert body["id"] == personas.kr.pk
    assert body["start_value"] == 60 and body["target_value"] == 200
    assert_error(api.get("/key-results/999999"), 404, "not_found")


def test_a_member_adds_a_kr_to_the_team_objective_owned_by_themselves(api, personas):
    body = {"objective_id": personas.objective.pk, "title": "10 webinars", "target_value": 10}
    response = api.post("/key-results", body, as_="bob")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["owner"]["username"] == "bob"
    assert {"code": "context_due", "severity": "warning"} in created["health"]


def test_someone_from_another_team_may_not_add_a_kr(api, personas):
    body = {"objective_id": personas.objective.pk, "title": "Sneaky", "target_value": 10}
    assert_error(api.post("/key-results", body, as_="charlie"), 403, "forbidden")
    assert not KeyResult.objects.filter(title="Sneaky").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"target_value": 10}, "target_value"),  # an increase below its start
        ({"kr_type": "sideways"}, "kr_type"),
        ({"start_value": 1e13}, "start_value"),
        ({"title": ""}, "title"),
    ],
)
def test_a_bad_definition_is_422_naming_the_field(api, personas, change, field):
    body = {"objective_id": personas.objective.pk, "title": "Leads", "start_value": 60}
    response = api.post("/key-results", {**body, "target_value": 200, **change}, as_="lena")
    assert field in assert_error(response, 422, "invalid")["fields"]


def test_nan_in_a_definition_is_422(api, personas):
    raw = f'{{"objective_id": {personas.objective.pk}, "title": "x", "target_value": NaN}}'
    body = assert_error(api.post("/key-results", raw=raw, as_="lena"), 422)
    assert "target_value" in body["fields"]


def test_the_owner_changes_the_target_and_context_is_due_again(api, personas, frozen_time):
    KeyResult.objects.filter(pk=personas.kr.pk).update(last_context_at=frozen_time)
    assert "context_due" not in [
        h["code"] for h in api.get(f"/key-results/{personas.kr.pk}").json()["health"]
    ]
    response = api.patch(f"/key-results/{personas.kr.pk}", {"target_value": 250})
    assert response.status_code == 200, response.content
    assert response.json()["target_value"] == 250
    assert KeyResult.objects.get(pk=personas.kr.pk).changed_at == frozen_time


def test_a_teammate_may_not_change_alices_kr(api, personas):
    assert_error(api.patch(f"/key-results/{personas.kr.pk}", {"title": "Mine"}, as_="bob"), 403)
    assert KeyResult.objects.get(pk=personas.kr.pk).title == "200 new leads"


def test_a_null_in_a_patch_is_422(api, personas):
    body = assert_error(api.patch(f"/key-results/{personas.kr.pk}", {"unit": None}), 422)
    assert "unit" in body["fields"]


def test_listing_reads_the_same_number_of_queries_for_3_or_30(api, personas):
    for _ in range(2):
        KeyResultFactory(objective=personas.objective, owner=personas.bob)
    few, body = queries(api, "/key-results?limit=200")
    assert len(body["items"]) == 3
    for _ in range(27):
        KeyResultFactory(objective=personas.objective, owner=personas.bob)
    many, body = queries(api, "/key-results?limit=200")
    assert len(body["items"]) == 30
    assert few == many
