"""Long histories render a bounded amount: the KR page's timeline and the reviews are paged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from incheck import clock
from incheck.okrs.selectors.pages import TIMELINE_LIMIT, key_result_page
from incheck.okrs.selectors.review import REVIEW_PAGE_SIZE
from incheck.testing.factories import CheckInFactory, KeyResultFactory

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_timeline_shows_the_latest_check_ins_and_pages_to_older_ones(personas):
    for n in range(TIMELINE_LIMIT + 5):
        CheckInFactory(
            key_result=personas.kr,
            value=float(n),
            text=f"Step {n:02d}",
            created_at=clock.now() - dt.timedelta(hours=TIMELINE_LIMIT + 5 - n),
        )
    client = client_for(personas.bob)
    html = client.get(f"/key-results/{personas.kr.pk}/").content.decode()
    assert html.count('class="entry entry-') == TIMELINE_LIMIT
    newest, last_hidden = TIMELINE_LIMIT + 4, 4
    assert f"Step {newest:02d}" in html and f"Step {last_hidden:02d}" not in html
    older = html.split('id="timeline-older" href="', 1)[1].split('"', 1)[0]
    rest = client.get(f"/key-results/{personas.kr.pk}/{older.replace('&amp;', '&')}")
    page = rest.content.decode()
    assert page.count('class="entry entry-') == 5 and "Step 00" in page
    assert 'id="timeline-older"' not in page


def test_a_review_shows_a_page_of_krs_and_summarises_next_ups(personas):
    for n in range(REVIEW_PAGE_SIZE + 2):
        KeyResultFactory(objective=personas.objective, owner=personas.bob, title=f"KR {n:02d}")
    for n in range(5):
        CheckInFactory(
            key_result=personas.kr,
            kind="next_up",
            value=None,
            text=f"Plan {n}",
            closure="done" if n % 2 else "partly",
            happened="Did it",
            closed_at=clock.now(),
        )
    client = client_for(personas.lena)
    url = f"/periods/{personas.period.pk}/review/team/{personas.growth.pk}/"
    first = client.get(url).content.decode()
    assert first.count('class="card review-kr"') == REVIEW_PAGE_SIZE
    assert 'id="review-next"' in first
    assert first.count('data-kind="next_up"') == 3
    assert "2 earlier Next Ups" in first
    second = client.get(url + "?page=2").content.decode()
    assert second.count('class="card review-kr"') == 3
    assert client.get(url + "?page=99").status_code == 200


def test_an_older_page_of_the_timeline_still_shows_the_latest_context(personas):
    def write(n, kind, text):
        CheckInFactory(
            key_result=personas.kr,
            kind=kind,
            value=None if kind == "context" else float(n),
            text=text,
            created_at=clock.now() - dt.timedelta(hours=TIMELINE_LIMIT + 5 - n),
        )

    write(0, "context", "Why it matters, as first written")
    for n in range(1, TIMELINE_LIMIT + 2):
        write(n, "progress", f"Step {n:02d}")
    write(TIMELINE_LIMIT + 2, "context", "Why it matters now")
    newest = key_result_page(personas.bob, personas.kr.pk, tz=dt.UTC)
    older = key_result_page(
        personas.bob, personas.kr.pk, tz=dt.UTC, older_than=newest.timeline[-1].pk
    )
    assert any(c.kind == "context" for c in older.timeline)
    assert newest.context.text == older.context.text == "Why it matters now"
