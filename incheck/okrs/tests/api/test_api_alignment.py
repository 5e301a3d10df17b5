"""GET /alignment: the alignment tree, a branch at a time."""

from __future__ import annotations

import pytest

from incheck.okrs.services.rollups import rollups_rebuild
from incheck.okrs.tests.api.helpers import assert_error, queries
from incheck.testing.factories import KeyResultFactory, ObjectiveFactory, TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(personas):
    p = personas
    root = ObjectiveFactory(period=p.period, team=TeamFactory(name="Leadership"), title="Win")
    KeyResultFactory(objective=root, owner=p.ada, current_value=100, target_value=100)
    p.objective.parent = root
    p.objective.save()
    own = ObjectiveFactory(period=p.period, team=None, owner=p.alice, parent=p.objective)
    KeyResultFactory(objective=own, owner=p.alice, current_value=50, target_value=100)
    rollups_rebuild()  # made with factories, not through the services that keep roll-ups
    return {"root": root, "own": own}


def test_it_returns_the_roots_with_one_level_open(api, personas, tree):
    body = api.get(f"/alignment?period={personas.period.pk}", as_="charlie").json()
    assert body["period"] == {"id": personas.period.pk, "name": personas.period.name}
    root = body["items"][0]
    assert root["id"] == tree["root"].pk
    assert root["rollup"] == pytest.approx(0.5) and root["rollup_key_results"] == 3
    assert [child["id"] for child in root["children"]] == [personas.objective.pk]
    assert root["children"][0]["children"] is None
    assert root["key_results"][0]["progress"] == 1.0
    assert body["next"] is None


def test_a_team_filter_returns_the_branch_with_its_ancestors(api, personas, tree):
    body = api.get(f"/alignment?period={personas.period.pk}&team={personas.growth.pk}").json()
    assert [item["id"] for item in body["items"]] == [personas.objective.pk]
    assert body["items"][0]["ancestors"] == [{"id": tree["root"].pk, "title": "Win"}]
    assert body["team_id"] == personas.growth.pk


def test_parent_opens_one_objective(api, personas, tree):
    body = api.get(f"/alignment?parent={personas.objective.pk}").json()
    node = body["items"][0]
    assert node["id"] == personas.objective.pk
    assert [child["id"] for child in node["children"]] == [tree["own"].pk]
    assert node["health"] and node["key_results"][0]["health"]


def test_roots_past_a_page_come_by_the_next_link(api, personas):
    for n in range(21):
        ObjectiveFactory(period=personas.period, team=personas.platform, title=f"R{n}")
    first = api.get(f"/alignment?period={personas.period.pk}").json()
    assert len(first["items"]) == 20 and first["next"]
    second = api.client.get(
        first["next"], headers={"Authorization": f"Bearer {api.tokens['alice']}"}
    )
    assert len(second.json()["items"]) == 2


def test_unknown_ids_are_404_and_bad_ones_422(api, personas):
    assert_error(api.get("/alignment?period=999999"), 404)
    assert_error(api.get("/alignment?team=999999"), 404)
    assert_error(api.get("/alignment?parent=999999"), 404)
    assert_error(api.get("/alignment?team=growth"), 422, "invalid")


def test_signed_out_is_401(api):
    assert_error(api.get("/alignment", as_=None), 401)


def test_it_reads_a_fixed_number_of_queries(api, personas, tree):
    path = f"/alignment?period={personas.period.pk}"
    small, _body = queries(api, path)
    for _n in range(5):
        own = ObjectiveFactory(
            period=personas.period, team=None, owner=personas.bob, parent=tree["root"]
        )
        KeyResultFactory(objective=own, owner=personas.bob)
    assert queries(api, path)[0] == small
