"""The periods page: every period with its review and check-out, and opening a new one."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from incheck import clock
from incheck.okrs.models import Period
from incheck.testing.factories import PeriodFactory

pytestmark = pytest.mark.django_db

URL = "/periods/"


def client_for(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


@pytest.fixture
def last_quarter(personas):
    return PeriodFactory(
        name="2026 Q3",
        start_on=dt.date(2026, 7, 1),
        end_on=dt.date(2026, 9, 30),
        closed_at=dt.datetime(2026, 10, 2, 13, 0, tzinfo=dt.UTC),
        closed_by=personas.lena,
    )


def new_period(**extra):
    return {"name": "2027 Q1", "start_on": "2027-01-01", "end_on": "2027-03-31", **extra}


def rows(html):
    """The periods in the order the page lists them."""
    return [int(pk) for pk in re.findall(r'data-period="(\d+)"', html)]


def test_the_periods_page_lists_periods_newest_first_with_dates_state_and_review(
    personas, last_quarter
):
    html = client_for(personas.alice).get(URL).content.decode()
    assert rows(html) == [personas.period.pk, last_quarter.pk]
    assert "1 Oct 2026 – 31 Dec 2026" in html
    assert "1 Jul 2026 – 30 Sep 2026" in html
    current = html.split(f'id="period-{personas.period.pk}"')[1].split("</li>")[0]
    closed = html.split(f'id="period-{last_quarter.pk}"')[1].split("</li>")[0]
    assert "current" in current and "open" in current and "closed" not in current
    assert "closed 2 Oct 2026 by Lena" in closed and "current" not in closed
    for period in (personas.period, last_quarter):
        assert f'href="/periods/{period.pk}/review/"' in html


def test_a_member_sees_no_check_out_link_and_no_form(personas, last_quarter):
    html = client_for(personas.bob).get(URL).content.decode()
    assert "/checkout/" not in html
    assert 'id="new-period"' not in html


@pytest.mark.parametrize("who", ["lena", "ada"])
def test_leads_and_admins_see_the_check_out_links_and_the_form(personas, last_quarter, who):
    html = client_for(getattr(personas, who)).get(URL).content.decode()
    for period in (personas.period, last_quarter):
        assert f'href="/periods/{period.pk}/checkout/"' in html
    assert 'id="new-period"' in html
    assert 'name="start_on"' in html and 'type="date"' in html


def test_the_top_bar_links_to_periods_insights_and_blockers(personas):
    html = client_for(personas.alice).get("/").content.decode()
    for href in ('href="/periods/"', 'href="/insights/"', 'href="/blockers/"'):
        assert href in html
    periods = client_for(personas.alice).get(URL).content.decode()
    assert 'href="/periods/" aria-current="page"' in periods


def test_the_inbox_links_to_ones_own_review_of_the_current_period(personas):
    html = client_for(personas.alice).get("/").content.decode()
    assert f'href="/periods/{personas.period.pk}/review/person/{personas.alice.pk}/"' in html


@pytest.mark.parametrize("who", ["lena", "ada"])
def test_a_lead_or_an_admin_opens_a_period(personas, who):
    client = client_for(getattr(personas, who))
    response = client.post(URL, new_period(name="  2027 Q1 "))
    period = Period.objects.get(name="2027 Q1")
    assert response.status_code == 302
    assert response["Location"] == f"/periods/#period-{period.pk}"
    assert (period.start_on, period.end_on) == (dt.date(2027, 1, 1), dt.date(2027, 3, 31))
    assert not period.is_closed
    html = client.get(URL).content.decode()
    assert "2027 Q1 is open." in html
    assert rows(html)[0] == period.pk


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_a_member_may_not_open_a_period(personas, who):
    response = client_for(getattr(personas, who)).post(URL, new_period())
    assert response.status_code == 403
    assert not Period.objects.filter(name="2027 Q1").exists()


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"name": ""}, "name", "Give the period a name"),
        ({"name": "Q" * 81}, "name", "Keep the name under 80 characters."),
        ({"name": "2026 Q4"}, "name", "That name is taken."),
        ({"start_on": ""}, "start_on", "Choose the day it starts."),
        ({"end_on": "31/03/2027"}, "end_on", "Enter a date as YYYY-MM-DD."),
        ({"end_on": "2026-12-31"}, "end_on", "A period ends on or after the day it starts."),
    ],
)
def test_bad_input_is_a_form_error_under_its_field_and_writes_nothing(personas, data, field, error):
    before = Period.objects.count()
    response = client_for(personas.lena).post(URL, new_period(**data))
    assert response.status_code == 422
    html = response.content.decode()
    after_field = html.split(f'name="{field}"', 1)[1]
    assert error in after_field.split('class="field ', 1)[0]
    assert Period.objects.count() == before


def test_opening_a_period_needs_the_csrf_token(personas):
    response = client_for(personas.lena, enforce_csrf_checks=True).post(URL, new_period())
    assert response.status_code == 403
    assert not Period.objects.filter(name="2027 Q1").exists()


def test_the_page_reads_the_same_number_of_queries_with_3_and_30_periods(personas):
    def count():
        client = client_for(personas.lena)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    def add(n):
        start = Period.objects.count()
        for i in range(start, start + n):
            PeriodFactory(
                name=f"Period {i}",
                start_on=dt.date(2020, 1, 1) + dt.timedelta(days=i),
                end_on=dt.date(2020, 1, 1) + dt.timedelta(days=i + 30),
                closed_at=clock.now(),
                closed_by=personas.ada,
            )

    add(2)
    small = count()
    add(27)
    assert Period.objects.count() == 30
    assert count() == small


# The team page's period picker and links ----------------------------------------------------


def test_the_team_page_shows_the_period_picked_in_its_select(personas, last_quarter):
    from incheck.testing.factories import ObjectiveFactory

    ObjectiveFactory(period=last_quarter, team=personas.growth, title="Summer objective")
    client = client_for(personas.bob)
    url = f"/teams/{personas.growth.pk}/"

    now = client.get(url).content.decode()
    assert "Grow the pipeline" in now and "Summer objective" not in now
    assert f'<option value="{personas.period.pk}" selected>' in now

    then = client.get(f"{url}?period={last_quarter.pk}").content.decode()
    assert "Summer objective" in then and "Grow the pipeline" not in then
    assert f'<option value="{last_quarter.pk}" selected>' in then
    assert f'<option value="{personas.period.pk}">' in then
    assert f'href="/periods/{last_quarter.pk}/review/team/{personas.growth.pk}/"' in then


def test_the_team_page_of_an_unknown_period_is_not_found(personas):
    response = client_for(personas.bob).get(f"/teams/{personas.growth.pk}/?period=999999")
    assert response.status_code == 404


def test_the_team_page_links_its_review_and_its_blockers_board(personas):
    html = client_for(personas.bob).get(f"/teams/{personas.growth.pk}/").content.decode()
    team = personas.growth.pk
    assert f'href="/periods/{personas.period.pk}/review/team/{team}/"' in html
    assert f'href="/blockers/?team={team}"' in html


def test_a_closed_periods_team_page_offers_no_edits(personas, last_quarter):
    from incheck.testing.factories import ObjectiveFactory

    objective = ObjectiveFactory(period=last_quarter, team=personas.growth)
    html = (
        client_for(personas.lena)
        .get(f"/teams/{personas.growth.pk}/?period={last_quarter.pk}")
        .content.decode()
    )
    assert f"/objectives/{objective.pk}/edit/" not in html
    assert f"/objectives/{objective.pk}/key-results/new/" not in html
    now = client_for(personas.lena).get(f"/teams/{personas.growth.pk}/").content.decode()
    assert f"/objectives/{personas.objective.pk}/edit/" in now


def test_the_form_suggests_the_quarter_after_the_latest_period(client, personas):
    client.force_login(personas.lena)
    body = client.get("/periods/").content.decode()
    assert 'value="2027 Q1"' in body
    assert 'value="2027-01-01"' in body
    assert 'value="2027-03-31"' in body


def test_a_new_objective_from_a_team_page_starts_in_the_period_shown(client, personas):
    from incheck.testing.factories import PeriodFactory

    next_quarter = PeriodFactory(name="2027 Q1", start_on="2027-01-01", end_on="2027-03-31")
    client.force_login(personas.lena)
    team_page = client.get(f"/teams/{personas.growth.pk}/?period={next_quarter.pk}")
    team_page = team_page.content.decode()
    assert f"?team={personas.growth.pk}&amp;period={next_quarter.pk}" in team_page
    form = client.get(f"/objectives/new/?team={personas.growth.pk}&period={next_quarter.pk}")
    assert f'<option value="{next_quarter.pk}" selected>' in form.content.decode()
