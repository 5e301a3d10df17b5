"""The personal calendar feed: parsed back with `icalendar`; a secret, revocable address."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from incheck.accounts.models import Profile
from incheck.accounts.rhythm import team_cadence_update
from incheck.domain.checkins import Closure, Entry
from incheck.notify.services.preferences import calendar_token_regenerate, calendar_token_revoke
from incheck.okrs.services.checkins import checkin_sitting_create

pytestmark = pytest.mark.django_db

PLAN = "By Friday I will run the webinar, with 3 clinics invited"


@pytest.fixture
def feed(personas):
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[Entry(kind="next_up", text=PLAN, due_on=dt.date(2026, 11, 27))],
    )
    team_cadence_update(user=personas.lena, team_id=personas.growth.pk, every_weeks=2, weekday=3)
    return f"/calendar/{calendar_token_regenerate(user=personas.alice)}.ics"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_the_feed_has_open_next_ups_as_all_day_events_and_the_team_s_day_recurring(
    client, feed, personas
):
    calendar = parse(client.get(feed))  # no sign-in: calendar apps have none
    events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    personas.kr.refresh_from_db()
    next_up = events[f"next-up-{personas.kr.open_next_up_id}@incheck"]
    assert next_up.decoded("dtstart") == dt.date(2026, 11, 27)
    assert next_up.decoded("dtend") == dt.date(2026, 11, 28)
    assert str(next_up["summary"]) == "Next Up: 200 new leads"
    assert PLAN in str(next_up["description"])
    assert str(next_up["url"]).endswith(f"/key-results/{personas.kr.pk}/#check-in")
    team = events[f"team-{personas.growth.pk}-check-in@incheck"]
    rule = team["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["INTERVAL"] == [2] and rule["BYDAY"] == ["TH"]
    assert team.decoded("dtstart").weekday() == 3
    assert str(team["summary"]) == "Growth: check-in day"


def test_a_closed_next_up_leaves_the_feed(client, feed, personas):
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        # No new plan, said out loud (the Next Up rule).
        entries=[
            Entry(kind="progress", value=70, text="Webinar done: 10 leads."),
            Entry(kind="no_next_up"),
        ],
        closure=Closure(status="done", happened="Ran it."),
    )
    calendar = parse(client.get(feed))
    assert [
        str(e["uid"]) for e in calendar.walk("VEVENT") if str(e["uid"]).startswith("next-up")
    ] == []


def test_a_swedish_reader_s_feed_is_in_swedish(client, feed, personas):
    Profile.objects.filter(user=personas.alice).update(language="sv")
    calendar = parse(client.get(feed))
    summaries = {str(e["summary"]) for e in calendar.walk("VEVENT")}
    assert "Nästa upp: 200 new leads" in summaries


def test_a_revoked_or_regenerated_address_answers_404(client, feed, personas):
    new = f"/calendar/{calendar_token_regenerate(user=personas.alice)}.ics"
    assert client.get(feed).status_code == 404
    assert client.get(new).status_code == 200
    calendar_token_revoke(user=personas.alice)
    assert client.get(new).status_code == 404
    assert client.get("/calendar/not-a-token.ics").status_code == 404


def test_the_feed_reads_in_three_queries_whatever_the_history(
    client, feed, personas, django_assert_num_queries
):
    with django_assert_num_queries(3):
        client.get(feed)


def test_the_profile_links_the_feed_and_makes_and_revokes_it(client, personas):
    client.force_login(personas.bob)
    assert ".ics" not in client.get("/accounts/profile/").content.decode()
    client.post("/accounts/profile/calendar/", {"action": "regenerate"})
    token = Profile.objects.get(user=personas.bob).calendar_token
    assert f"/calendar/{token}.ics" in client.get("/accounts/profile/").content.decode()
    client.post("/accounts/profile/calendar/", {"action": "revoke"})
    assert Profile.objects.get(user=personas.bob).calendar_token is None
