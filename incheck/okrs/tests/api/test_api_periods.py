"""GET,POST /periods and GET /periods/{id}: leads and admins open periods."""

from __future__ import annotations

import pytest

from incheck.okrs.models import Period
from incheck.okrs.tests.api.helpers import assert_error, queries
from incheck.testing.factories import PeriodFactory

pytestmark = pytest.mark.django_db

Q1 = {"name": "2027 Q1", "start_on": "2027-01-01", "end_on": "2027-03-31"}


def test_it_lists_periods_newest_first_in_pages(api, personas):
    PeriodFactory(name="2026 Q3", start_on="2026-07-01", end_on="2026-09-30")
    response = api.get("/periods?limit=1")
    assert response.status_code == 200
    body = response.json()
    assert [p["name"] for p in body["items"]] == ["2026 Q4"]
    assert "/api/v1/periods?limit=1&cursor=" in body["next"]
    last = api.follow(body["next"]).json()
    assert [p["name"] for p in last["items"]] == ["2026 Q3"]
    assert last["next"] is None


def test_it_reads_one_period(api, personas):
    body = api.get(f"/periods/{personas.period.pk}").json()
    assert body == {
        "id": personas.period.pk,
        "name": "2026 Q4",
        "start_on": "2026-10-01",
        "end_on": "2026-12-31",
        "is_closed": False,
        "closed_at": None,
    }


def test_an_unknown_period_is_404(api, personas):
    assert_error(api.get("/periods/999999"), 404, "not_found")


def test_a_lead_opens_a_period(api, personas):
    response = api.post("/periods", Q1, as_="lena")
    assert response.status_code == 201
    assert response.json()["name"] == "2027 Q1"
    assert Period.objects.filter(name="2027 Q1").exists()


def test_a_member_may_not_open_a_period(api, personas):
    assert_error(api.post("/periods", Q1, as_="bob"), 403, "forbidden")
    assert not Period.objects.filter(name="2027 Q1").exists()


def test_a_period_that_ends_before_it_starts_names_the_field(api, personas):
    body = assert_error(
        api.post("/periods", {**Q1, "end_on": "2026-12-31"}, as_="ada"), 422, "invalid"
    )
    assert set(body["fields"]) == {"end_on"}


def test_a_date_that_is_not_a_date_is_422(api, personas):
    body = assert_error(api.post("/periods", {**Q1, "start_on": "soon"}, as_="ada"), 422)
    assert set(body["fields"]) == {"start_on"}


def test_a_taken_name_is_422(api, personas):
    body = assert_error(api.post("/periods", {**Q1, "name": "2026 Q4"}, as_="ada"), 422)
    assert set(body["fields"]) == {"name"}


def test_listing_periods_reads_the_same_number_of_queries_for_3_or_30(api, personas):
    for n in range(2):
        PeriodFactory(name=f"P{n}", start_on="2020-01-01", end_on="2020-03-31")
    few, body = queries(api, "/periods?limit=200")
    assert len(body["items"]) == 3
    for n in range(2, 29):
        PeriodFactory(name=f"P{n}", start_on="2020-01-01", end_on="2020-03-31")
    many, body = queries(api, "/periods?limit=200")
    assert len(body["items"]) == 30
    assert few == many <= 3


def test_a_lead_closes_a_period_and_it_takes_no_more_check_ins(api, personas):
    response = api.post(f"/periods/{personas.period.pk}/close", as_="lena")
    assert response.status_code == 200, response.content
    assert response.json()["is_closed"] is True
    sitting = {"entries": [{"kind": "progress", "value": 80, "text": "Counted the CRM"}]}
    assert_error(api.post(f"/key-results/{personas.kr.pk}/check-ins", sitting), 409)


def test_a_member_may_not_close_a_period(api, personas):
    assert_error(api.post(f"/periods/{personas.period.pk}/close", as_="alice"), 403, "forbidden")
    personas.period.refresh_from_db()
    assert personas.period.closed_at is None


def test_closing_twice_is_a_conflict(api, personas):
    api.post(f"/periods/{personas.period.pk}/close", as_="ada")
    assert_error(api.post(f"/periods/{personas.period.pk}/close", as_="ada"), 409)


def test_unfinished_objectives_are_carried_into_the_next_period(api, personas):
    api.post(f"/periods/{personas.period.pk}/close", as_="lena")
    next_period = PeriodFactory(name="2027 Q1", start_on="2027-01-01", end_on="2027-03-31")
    body = {"objectives": [personas.objective.pk]}
    response = api.post(f"/periods/{next_period.pk}/carry-over", body, as_="lena")
    assert response.status_code == 201, response.content
    [copy] = response.json()
    assert copy["origin_id"] == personas.objective.pk
    assert copy["period_id"] == next_period.pk


def test_carrying_over_an_unknown_objective_writes_nothing(api, personas):
    api.post(f"/periods/{personas.period.pk}/close", as_="lena")
    next_period = PeriodFactory(name="2027 Q1", start_on="2027-01-01", end_on="2027-03-31")
    body = {"objectives": [personas.objective.pk, 999999]}
    response = api.post(f"/periods/{next_period.pk}/carry-over", body, as_="lena")
    assert "objectives" in str(assert_error(response, 422)["fields"])
    assert not Period.objects.get(pk=next_period.pk).objectives.exists()


def test_carry_over_needs_at_least_one_objective(api, personas):
    assert_error(api.post(f"/periods/{personas.period.pk}/carry-over", {"objectives": []}), 422)
