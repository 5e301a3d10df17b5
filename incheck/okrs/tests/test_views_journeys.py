"""The journeys of issue 9 that show on a page: the check-in form's questions, the live reason
for a confidence move, the team's KRs under one definition, the person's review."""

from __future__ import annotations

import pytest
from django.test import Client

from incheck.domain.checkins import Entry
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.testing.factories import KeyResultFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_right_after_a_new_next_up_the_form_does_not_ask_how_it_went(personas):
    response = client_for(personas.alice).post(
        f"/key-results/{personas.kr.pk}/check-ins/",
        {
            "progress_value": "70",
            "next_up_text": "By Friday I will call the 10 warmest leads to book demos.",
            "next_up_due_on": "2026-11-27",
        },
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "How did it go?" not in html
    # The plan is acknowledged, and replacing it stays possible behind one click.
    assert "Set today: “By Friday I will call the 10 warmest leads" in html
    assert '<details class="section section-closure"' in html
    assert 'id="section-closure" open' not in html


def test_a_next_up_from_an_earlier_day_is_asked_about(personas, frozen_time):
    from incheck import clock

    clock.freeze(frozen_time.replace(day=20))
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[Entry(kind="next_up", text="Call 10 leads by Tuesday", due_on=frozen_time.date())],
    )
    clock.freeze(frozen_time)
    html = client_for(personas.alice).get(f"/key-results/{personas.kr.pk}/").content.decode()
    assert "How did it go?" in html
    assert "Set today" not in html


@pytest.mark.parametrize(
    ("level", "text", "hint"),
    [
        ("3", "", "say why"),
        ("3", "maybe", "“Maybe” is no reason"),
        ("9", "kanske", "“Maybe” is no reason"),
    ],
)
def test_a_confidence_move_of_two_asks_for_the_reason_as_the_level_is_typed(
    personas, level, text, hint
):
    response = client_for(personas.alice).post(
        "/coach/",
        {
            "kind": "confidence",
            "confidence_level": level,
            "confidence_previous": "6",
            "confidence_text": text,
        },
        headers=HTMX,
    )
    assert response.status_code == 200
    assert hint in response.content.decode()


def test_a_small_move_or_a_real_reason_asks_nothing_more(personas):
    for level, text in (("5", ""), ("3", "Legal holds the mailing list; asking Ada")):
        html = (
            client_for(personas.alice)
            .post(
                "/coach/",
                {
                    "kind": "confidence",
                    "confidence_level": level,
                    "confidence_previous": "6",
                    "confidence_text": text,
                },
                headers=HTMX,
            )
            .content.decode()
        )
        assert "confidence_reason" not in html


def test_the_level_field_asks_the_coach_as_it_is_typed(personas):
    html = client_for(personas.alice).get(f"/key-results/{personas.kr.pk}/").content.decode()
    level = html.split('name="confidence_level"')[1].split(">")[0]
    assert 'hx-post="/coach/"' in level and 'hx-target="#hints-confidence_text"' in level


def test_the_team_page_shows_its_members_personal_krs_and_says_so(personas):
    personal = ObjectiveFactory(period=personas.period, team=None, owner=personas.bob)
    KeyResultFactory(objective=personal, owner=personas.bob, title="Bob learns SQL")
    outsider = ObjectiveFactory(period=personas.period, team=None, owner=personas.charlie)
    KeyResultFactory(objective=outsider, owner=personas.charlie, title="Charlie's own KR")
    html = client_for(personas.alice).get(f"/teams/{personas.growth.pk}/").content.decode()
    assert "200 new leads" in html and "Bob learns SQL" in html
    assert "Charlie's own KR" not in html
    assert 'id="team-scope"' in html and "members’ personal objectives" in html
    review = client_for(personas.alice).get(
        f"/periods/{personas.period.pk}/review/team/{personas.growth.pk}/"
    )
    assert "Bob learns SQL" in review.content.decode()


def test_a_person_s_review_shows_no_partial_team_calibration_but_links_the_team_review(
    personas,
):
    html = (
        client_for(personas.lena)
        .get(f"/periods/{personas.period.pk}/review/person/{personas.alice.pk}/")
        .content.decode()
    )
    assert 'id="team-calibration-links"' in html
    assert f"/periods/{personas.period.pk}/review/team/{personas.growth.pk}/" in html
