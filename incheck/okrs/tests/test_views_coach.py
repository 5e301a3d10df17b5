"""Live coaching under the check-in form's text fields."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def client_for(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


def coach(client, kind, text, field=None):
    return client.post("/coach/", {"kind": kind, field or f"{kind}_text": text}, headers=HTMX)


def test_a_vague_next_up_gets_hints_that_say_how_to_improve_it(personas):
    response = coach(
        client_for(personas.alice), "next_up", "Have a meeting with Laura about channels"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-code="no_deadline"' in html
    assert 'data-code="no_how"' in html


def test_an_explicit_next_up_gets_a_nod(personas):
    html = coach(
        client_for(personas.alice),
        "next_up",
        "By Friday I will call 20 customers to find out why they churned",
    ).content.decode()
    assert 'data-ok="true"' in html
    assert "data-code" not in html


def test_swedish_is_coached_in_swedish(personas):
    html = coach(client_for(personas.alice), "next_up", "Ha ett möte med Laura om kanaler").content
    assert b'data-code="no_deadline"' in html


def test_an_empty_field_gets_no_hints(personas):
    response = coach(client_for(personas.alice), "progress", "   ")
    assert response.status_code == 200
    assert response.content.strip() == b""


def test_other_callers_may_send_the_text_as_text(personas):
    html = coach(client_for(personas.alice), "progress", "34/200", field="text").content
    assert b'data-code="no_comment"' in html


def test_an_unknown_kind_is_a_bad_request(personas):
    assert coach(client_for(personas.alice), "gossip", "hello").status_code == 400


def test_coaching_needs_a_post_with_csrf_and_a_sign_in(personas):
    assert client_for(personas.alice).get("/coach/").status_code == 405
    strict = client_for(personas.alice, enforce_csrf_checks=True)
    assert coach(strict, "next_up", "Meet Laura").status_code == 403
    assert coach(Client(), "next_up", "Meet Laura").status_code == 401


def test_every_text_area_of_the_form_asks_for_hints_while_typing(personas):
    html = client_for(personas.alice).get(f"/key-results/{personas.kr.pk}/").content.decode()
    for kind in ("progress", "confidence", "next_up", "context", "outcome"):
        area = html.split(f'name="{kind}_text"', 1)[1].split(">", 1)[0]
        assert 'hx-post="/coach/"' in area, kind
        assert f'"kind": "{kind}"' in area, kind
        assert f'hx-target="#hints-{kind}_text"' in area, kind
        assert f'id="hints-{kind}_text"' in html, kind
