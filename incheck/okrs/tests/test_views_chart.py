"""The KR page's chart: server-rendered SVG with progress, the pace line and confidence."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from incheck import clock
from incheck.domain.checkins import Entry
from incheck.okrs.models import KeyResult
from incheck.okrs.selectors.charts import key_result_chart_series
from incheck.okrs.selectors.pages import TIMELINE_LIMIT
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.testing.factories import CheckInFactory

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def svg_of(personas):
    html = client_for(personas.bob).get(f"/key-results/{personas.kr.pk}/").content.decode()
    return html[html.index("<svg") : html.index("</svg>") + 6]


def test_the_chart_draws_progress_confidence_and_the_pace(personas, frozen_time):
    clock.freeze(frozen_time - dt.timedelta(days=7))
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[
            Entry(kind="progress", value=80, text="x"),
            Entry(kind="confidence", level=6),
            Entry(kind="no_next_up"),
        ],
    )
    clock.freeze(frozen_time)
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[
            Entry(kind="progress", value=120, text="y"),
            Entry(kind="confidence", level=8, text="Two webinars booked"),
            Entry(kind="no_next_up"),
        ],
    )
    svg = svg_of(personas)
    assert 'class="pace"' in svg
    assert 'class="line progress"' in svg
    assert 'class="line conf"' in svg
    assert len(re.findall(r'class="dot progress"', svg)) == 2
    assert len(re.findall(r'class="dot conf"', svg)) == 2
    assert 'class="today"' in svg
    # The left axis speaks the KR's unit scale: start at the bottom, target at the top.
    assert ">60</text>" in svg and ">200</text>" in svg
    assert "<title" in svg and "2 progress check-ins; now at 120 of 200." in svg


def test_the_chart_has_every_point_even_when_the_timeline_is_cut(personas):
    start = clock.now() - dt.timedelta(days=50)
    for i in range(TIMELINE_LIMIT + 20):
        CheckInFactory(
            key_result=personas.kr,
            kind="progress",
            value=60.0 + i,
            created_at=start + dt.timedelta(minutes=i),
        )
    series = key_result_chart_series(KeyResult.objects.get(pk=personas.kr.pk))
    assert len(series.progress) == TIMELINE_LIMIT + 21
    assert series.progress[-1][1] == 60.0 + TIMELINE_LIMIT + 19


def test_a_milestone_chart_says_reached_or_not(personas):
    KeyResult.objects.filter(pk=personas.kr.pk).update(
        kr_type="milestone", start_value=0, target_value=1, current_value=0
    )
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[Entry(kind="progress", reached=True, text="Shipped"), Entry(kind="no_next_up")],
    )
    svg = svg_of(personas)
    assert ">reached</text>" in svg
    assert ">not yet</text>" in svg


def test_user_text_never_reaches_the_svg_unescaped(personas):
    KeyResult.objects.filter(pk=personas.kr.pk).update(unit="<script>")
    assert "<script>" not in svg_of(personas)
