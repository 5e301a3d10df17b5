"""The pages read with a fixed number of queries, whatever the amount of data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from incheck import clock
from incheck.okrs.models import Feedback
from incheck.testing.factories import CheckInFactory, KeyResultFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def busy_key_result(kr, check_ins, author):
    """A KR with a history of every kind: closed and open Next Ups, a resolved blocker, feedback."""
    now = clock.now()
    for i in range(check_ins):
        at = now - dt.timedelta(days=check_ins - i)
        kind = ("progress", "confidence", "next_up", "context")[i % 4]
        fields = {"value": 60.0 + i} if kind == "progress" else {}
        if kind == "confidence":
            fields = {"level": 5 + i % 3}
        if kind == "next_up":
            fields = {
                "due_on": dt.date(2026, 12, 4),
                "expected_value": 90.0,
                "value": None,
                "closure": "done",
                "happened": "Did it",
                "closed_at": at,
                "actual_value": 70.0,
            }
        CheckInFactory(
            key_result=kr, author=author, kind=kind, created_at=at, **({"value": None} | fields)
        )
    next_up = CheckInFactory(
        key_result=kr,
        author=author,
        kind="next_up",
        value=None,
        text="By Friday I will call 5 leads",
        due_on=dt.date(2026, 12, 4),
    )
    blocker = CheckInFactory(
        key_result=kr,
        author=author,
        kind="confidence",
        level=4,
        signal="blocker",
        value=None,
        way_around="Ask the lead",
    )
    CheckInFactory(
        key_result=kr,
        author=author,
        kind="insight",
        signal="insight",
        value=None,
        resolves=CheckInFactory(
            key_result=kr,
            author=author,
            kind="progress",
            signal="blocker",
            resolution="Fixed",
            resolved_at=now,
        ),
    )
    Feedback.objects.create(
        key_result=kr, author=author, signal="continue", text="Good", created_at=now
    )
    kr.open_next_up = next_up
    kr.confidence = 6
    kr.last_check_in_at = now
    kr.save()
    return blocker


def build(personas, krs, check_ins):
    objectives = [
        personas.objective,
        ObjectiveFactory(period=personas.period, team=personas.growth),
    ]
    for i in range(krs - 1):
        kr = KeyResultFactory(objective=objectives[i % 2], owner=personas.alice)
        busy_key_result(kr, check_ins, personas.alice)
    busy_key_result(personas.kr, check_ins, personas.alice)


@pytest.mark.parametrize("page", ["inbox", "kr", "team", "teams"])
def test_pages_read_the_same_number_of_queries_with_3_and_30_key_results(personas, page):
    client = client_for(personas.lena)
    urls = {
        "inbox": "/",
        "kr": f"/key-results/{personas.kr.pk}/",
        "team": f"/teams/{personas.growth.pk}/",
        "teams": "/teams/",
    }
    build(personas, krs=3, check_ins=4)
    small = count_queries(client_for(personas.alice) if page == "inbox" else client, urls[page])
    build(personas, krs=30, check_ins=40)
    large = count_queries(client_for(personas.alice) if page == "inbox" else client, urls[page])
    assert small == large, f"{page}: {small} queries with little data, {large} with more"


def test_the_kr_page_reads_few_queries_for_its_owner_and_for_a_colleague(personas):
    # The session, the reader and their profile; the KR with its row; the timeline; the open
    # blockers with the latest Context; feedback; the reader's teams; the chart; and for a
    # reader who does not own it, the owner's teams (their personal KR's teams).
    build(personas, krs=3, check_ins=40)
    url = f"/key-results/{personas.kr.pk}/"
    assert count_queries(client_for(personas.alice), url) <= 9
    assert count_queries(client_for(personas.lena), url) <= 10


def test_the_inbox_of_someone_with_30_key_results_shows_them_all(personas):
    build(personas, krs=30, check_ins=2)
    html = client_for(personas.alice).get("/").content.decode()
    assert html.count('class="kr-card"') == 30
