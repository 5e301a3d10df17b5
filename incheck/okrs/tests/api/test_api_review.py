"""GET /periods/{id}/review: outcomes, feedback and calibration per person and team."""

from __future__ import annotations

import pytest

from incheck.okrs.tests.api.helpers import assert_error, queries
from incheck.okrs.tests.test_review import _fill, quarter  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_it_returns_outcomes_beside_the_first_context(api, personas, quarter):  # noqa: F811
    kr1, _, kr3 = quarter
    response = api.get(f"/periods/{personas.period.pk}/review?team={personas.growth.pk}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["period"]["name"] == "2026 Q4"
    assert body["team"] == {"id": personas.growth.pk, "name": "Growth"}
    assert body["person"] is None
    item = next(kr for kr in body["key_results"] if kr["id"] == kr1.pk)
    assert item["context"]["text"] == "60 leads a quarter now; tactic: webinars"
    assert item["outcome"]["text"] == "Webinars won"
    assert (item["final_value"], item["score"], item["final_score"]) == (172, 0.8, 0.8)
    assert [n["actual_value"] for n in item["next_ups"]] == [88]
    assert [f["signal"] for f in item["feedback"]] == ["continue"]
    assert [b["text"] for b in item["open_blockers"]] == ["No contact list"]
    assert body["missing_outcomes"] == [kr3.pk]


def test_it_returns_calibration_per_person_and_team(api, personas, quarter):  # noqa: F811
    body = api.get(f"/periods/{personas.period.pk}/review?team={personas.growth.pk}").json()
    calibration = body["calibration"]
    assert calibration["reached_threshold"] == 0.7
    (alice,) = calibration["people"]
    # (0.04 + 0.16 + 0.49) / 3 = 0.23, see test_review.py
    assert alice["id"] == personas.alice.pk
    assert alice["n"] == 3
    assert alice["brier"] == pytest.approx(0.23)
    assert alice["buckets"] == [
        {"level": 8, "n": 1, "reached": 1},
        {"level": 7, "n": 1, "reached": 0},
        {"level": 6, "n": 1, "reached": 1},
    ]
    error = alice["next_up_error"]
    assert error["n"] == 2
    assert error["mean_signed"] is None and error["unit"] is None
    assert error["mean_signed_share"] == pytest.approx((12 / 140 + 0.3) / 2)
    (growth,) = calibration["teams"]
    assert (growth["name"], growth["n"]) == ("Growth", 3)


def test_a_person_review(api, personas, quarter):  # noqa: F811
    body = api.get(f"/periods/{personas.period.pk}/review?person={personas.bob.pk}", as_="charlie")
    body = body.json()
    assert body["person"]["username"] == "bob"
    assert [kr["id"] for kr in body["key_results"]] == [quarter[2].pk]


def test_the_whole_organisation_is_read_a_team_or_a_person_at_a_time(api, personas):
    body = assert_error(api.get(f"/periods/{personas.period.pk}/review"), 422, "invalid")
    assert set(body["fields"]) == {"team"}


@pytest.mark.parametrize(
    "query", ["?team=1", "?team=999999", "?person=999999"], ids=["period", "team", "person"]
)
def test_unknown_things_are_404(api, personas, query):
    period = 999999 if query == "?team=1" else personas.period.pk
    assert_error(api.get(f"/periods/{period}/review{query}"), 404, "not_found")


@pytest.mark.parametrize("query", ["?team=abc", "?person=0", "?team=99999999999"])
def test_a_bad_query_parameter_is_422(api, personas, query):
    body = assert_error(api.get(f"/periods/{personas.period.pk}/review{query}"), 422, "invalid")
    assert body["fields"]


def test_it_needs_a_token(api, personas):
    assert_error(api.get(f"/periods/{personas.period.pk}/review?team=1", as_=None), 401)


@pytest.mark.parametrize("n", [3, 30])
def test_it_reads_in_a_fixed_number_of_queries(api, personas, n):
    _fill(personas, n)
    path = f"/periods/{personas.period.pk}/review?team={personas.growth.pk}"
    count, body = queries(api, path)
    assert len(body["key_results"]) == n + 1
    print("COUNT", count)
    assert count <= 14
    count_again, _ = queries(api, path)
    assert count_again == count
