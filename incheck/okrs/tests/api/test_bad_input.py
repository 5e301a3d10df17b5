"""Bad input that was a 500 (issue 8, item 3): now a 422 naming the entry, or a 409, on the API
and on the HTML form alike, and nothing is written.

- Outcome entries that cannot be scored (no value, `reached` on a numeric KR, a value on a
  milestone), a kind twice in a sitting, and any of them on a closed period.
- Period dates: within 2000–2099 and at most a year long (`domain.dates`); a Next Up due by
  2099. Pages stay safe for older rows anyway (`test_extreme_dates.py`).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from incheck.okrs.charts import progress_chart
from incheck.okrs.messages import message
from incheck.okrs.models import CheckIn, KeyResult, Period
from incheck.okrs.selectors.charts import ChartSeries
from incheck.okrs.tests.api.helpers import assert_error

pytestmark = pytest.mark.django_db


def browser_of(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


def check_in(api, personas, entries):
    return api.post(f"/key-results/{personas.kr.pk}/check-ins", {"entries": entries})


def as_milestone(kr):
    KeyResult.objects.filter(pk=kr.pk).update(
        kr_type="milestone", start_value=0, target_value=1, current_value=0
    )


NUMERIC_OUTCOMES = [
    ([{"kind": "outcome", "reached": True}], "entries.0.reached"),
    ([{"kind": "outcome", "text": "Done"}], "entries.0.value"),
    ([{"kind": "progress", "value": 3}, {"kind": "outcome"}], "entries.1.value"),
    (
        [{"kind": "outcome", "value": 150}, {"kind": "outcome", "value": 160}],
        "entries.1.kind",
    ),
]


@pytest.mark.parametrize(("entries", "field"), NUMERIC_OUTCOMES)
def test_an_outcome_that_cannot_be_scored_is_422_naming_the_entry(api, personas, entries, field):
    body = assert_error(check_in(api, personas, entries), 422, "invalid")
    assert field in body["fields"], body
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    ("entries", "field"),
    [
        ([{"kind": "outcome", "value": 1}], "entries.0.value"),
        ([{"kind": "outcome", "value": 1, "reached": True}], "entries.0.value"),
        ([{"kind": "outcome", "text": "Shipped"}], "entries.0.reached"),
    ],
)
def test_a_milestone_outcome_with_a_value_or_without_reached_is_422(api, personas, entries, field):
    as_milestone(personas.kr)
    body = assert_error(check_in(api, personas, entries), 422, "invalid")
    assert field in body["fields"], body
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("milestone", [False, True])
@pytest.mark.parametrize("entries", [e for e, _ in NUMERIC_OUTCOMES] + [[{"kind": "outcome"}]])
def test_any_outcome_on_a_closed_period_is_409(api, personas, frozen_time, entries, milestone):
    if milestone:
        as_milestone(personas.kr)
    Period.objects.filter(pk=personas.period.pk).update(closed_at=frozen_time)
    assert_error(check_in(api, personas, entries), 409, "period_closed")
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("milestone", [False, True])
def test_an_outcome_on_a_closed_period_is_409_on_the_form_too(personas, frozen_time, milestone):
    if milestone:
        as_milestone(personas.kr)
    Period.objects.filter(pk=personas.period.pk).update(closed_at=frozen_time)
    # A forged form: a value on a milestone, "reached" on a numeric KR.
    form = {"outcome_value": "150", "outcome_reached": "yes", "outcome_text": "The webinars"}
    url = f"/key-results/{personas.kr.pk}/check-ins/"
    response = browser_of(personas.alice).post(url, form, headers={"HX-Request": "true"})
    assert response.status_code == 409
    assert message("period_closed") in response.content.decode()
    assert not CheckIn.objects.exists()


def test_an_outcome_without_its_value_is_a_form_error(personas):
    url = f"/key-results/{personas.kr.pk}/check-ins/"
    form = {"outcome_text": "The webinars carried it"}
    response = browser_of(personas.alice).post(url, form, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert response.context["form"].errors["outcome_value"] == [message("value_required")]
    assert not CheckIn.objects.exists()


# ---- period dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start_on", "end_on", "problems"),
    [
        (
            "0001-01-01",
            "9999-12-31",
            {"start_on": "date_out_of_range", "end_on": "date_out_of_range"},
        ),
        ("2027-01-01", "9999-12-31", {"end_on": "date_out_of_range"}),
        ("1999-12-01", "2000-02-29", {"start_on": "date_out_of_range"}),
        ("2027-01-01", "2028-01-02", {"end_on": "period_too_long"}),
        ("2027-03-31", "2027-01-01", {"end_on": "period_dates"}),
    ],
)
def test_period_dates_are_bounded_on_the_api_and_the_form(
    api, personas, start_on, end_on, problems
):
    period = {"name": "Odd", "start_on": start_on, "end_on": end_on}
    expected = {field: message(code) for field, code in problems.items()}
    body = assert_error(api.post("/periods", period, as_="lena"), 422, "invalid")
    assert body["fields"] == expected
    response = browser_of(personas.lena).post("/periods/", period)
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert {field: errors[field] for field in expected} == {
        field: [text] for field, text in expected.items()
    }
    assert not Period.objects.filter(name="Odd").exists()


def test_a_whole_year_and_a_single_day_are_periods(api, personas):
    for name, start_on, end_on in (
        ("2028", "2028-01-01", "2028-12-31"),  # a leap year: 366 days
        ("Kick-off", "2027-01-04", "2027-01-04"),
    ):
        period = {"name": name, "start_on": start_on, "end_on": end_on}
        assert api.post("/periods", period, as_="lena").status_code == 201


def test_a_next_up_is_due_by_2099(api, personas):
    plan = {"kind": "next_up", "text": "By Friday I will call 10 leads", "due_on": "2100-01-01"}
    body = assert_error(check_in(api, personas, [plan]), 422, "invalid")
    assert body["fields"] == {"entries.0.due_on": message("date_out_of_range")}


def test_the_chart_of_a_period_from_year_1_to_9999_has_a_dozen_year_ticks(personas):
    svg = progress_chart(
        series=ChartSeries(progress=[], confidence=[]),
        kr=personas.kr,
        start=dt.date.min,
        end=dt.date.max,
        tz=dt.UTC,
        today=dt.date(2026, 11, 24),
    )
    ticks = re.findall(r'class="tick"', svg)
    years = re.findall(r">(\d{4})</text>", svg)
    assert len(ticks) == len(years) == 13
    assert years[:3] == ["0001", "0771", "1541"]


def test_a_quarter_keeps_its_month_ticks(personas):
    svg = progress_chart(
        series=ChartSeries(progress=[], confidence=[]),
        kr=personas.kr,
        start=dt.date(2026, 10, 1),
        end=dt.date(2026, 12, 31),
        tz=dt.UTC,
        today=dt.date(2026, 11, 24),
    )
    assert re.findall(r">(\w{3})</text>", svg)[-3:] == ["Oct", "Nov", "Dec"]


def text_query_parameters() -> list[tuple[str, str]]:
    """Every query parameter of the API that takes text, from the OpenAPI document."""
    from incheck.api import api as ninja_api

    return [
        (path.removeprefix("/api/v1"), parameter["name"])
        for path, operations in ninja_api.get_openapi_schema()["paths"].items()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query" and parameter["schema"].get("type") == "string"
    ]


@pytest.mark.parametrize(("path", "name"), text_query_parameters())
def test_a_nul_in_any_text_query_parameter_is_refused(api, personas, path, name):
    # PostgreSQL refuses NUL in a query (a DataError, so a 500); SQLite takes it: refused alike.
    path = re.sub(r"\{[^}]+\}", str(personas.kr.pk), path)
    response = api.get(f"{path}?{name}=a%00b", as_="ada")
    body = assert_error(response, response.status_code)
    assert 400 <= response.status_code < 500, body
