"""Correcting a sitting from the KR page (views/corrections.py): only its author, within a day;
a bad value is a form error and nothing is written; CSRF on both forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from incheck import clock
from incheck.domain.checkins import Closure, Entry
from incheck.okrs.forms.corrections import prefix_of
from incheck.okrs.models import CheckIn, KeyResult
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.okrs.services.signals import feedback_create

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
DUE = dt.date(2026, 12, 4)


def client_for(user, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def sit(personas, value=940, text="Webinar", closure=None):
    return checkin_sitting_create(
        closure=closure,
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[
            Entry(kind="progress", value=value, text=text),
            Entry(kind="next_up", text="By Friday I will book 2 webinars", due_on=DUE),
        ],
    )


def fields(sitting, **changes):
    """The form as it comes filled, with `changes` typed over it."""
    prefix = prefix_of(sitting.id)
    data = {
        "progress_text": "Webinar",
        "progress_value": "940",
        "next_up_text": "By Friday I will book 2 webinars",
        "next_up_due_on": DUE.isoformat(),
        "next_up_expected_value": "",
    }
    data.update(changes)
    return {f"{prefix}-{name}": value for name, value in data.items()}


def test_the_author_sees_correct_on_her_sitting_and_others_do_not(personas):
    sitting = sit(personas)
    url = f"/sittings/{sitting.id}/edit/"
    mine = client_for(personas.alice).get(f"/key-results/{personas.kr.pk}/").content.decode()
    assert url in mine
    for who in ("lena", "bob", "ada"):
        theirs = client_for(getattr(personas, who)).get(f"/key-results/{personas.kr.pk}/")
        assert url not in theirs.content.decode()


def test_the_author_corrects_a_value_and_the_kr_follows(personas):
    sitting = sit(personas)
    client = client_for(personas.alice)
    form = client.get(f"/sittings/{sitting.id}/edit/")
    assert form.status_code == 200
    assert 'value="940"' in form.content.decode()
    response = client.post(
        f"/sittings/{sitting.id}/edit/", fields(sitting, progress_value="94"), follow=True
    )
    assert response.redirect_chain[-1][0] == f"/key-results/{personas.kr.pk}/#timeline"
    html = response.content.decode()
    assert "Check-in corrected." in html
    assert ">edited<" in html
    assert KeyResult.objects.get(pk=personas.kr.pk).current_value == 94
    progress = CheckIn.objects.get(kind="progress")
    assert (progress.value, progress.edited_at) == (94, clock.now())
    # The untouched check-in of the sitting is not marked edited.
    assert CheckIn.objects.get(kind="next_up").edited_at is None


def test_with_htmx_the_form_opens_in_place_and_the_live_region_is_swapped_whole(personas):
    sitting = sit(personas)
    client = client_for(personas.alice)
    form = client.get(f"/sittings/{sitting.id}/edit/", headers=HTMX)
    assert form.status_code == 200
    assert "<html" not in form.content.decode()
    response = client.post(
        f"/sittings/{sitting.id}/edit/", fields(sitting, progress_value="94"), headers=HTMX
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#kr-live"
    assert 'id="checkin-corrected"' in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"progress_value": "lots"}, "progress_value"),
        ({"next_up_due_on": "someday"}, "next_up_due_on"),
        ({"next_up_text": ""}, "next_up_text"),
    ],
)
def test_bad_input_is_a_form_error_and_nothing_is_written(personas, changes, field):
    sitting = sit(personas)
    before = list(CheckIn.objects.order_by("id").values())
    client = client_for(personas.alice)
    # Also a good change beside the bad one: it must not be written half-way.
    data = fields(sitting, progress_text="Webinar brought 34 leads", **changes)
    plain = client.post(f"/sittings/{sitting.id}/edit/", data)
    assert plain.status_code == 200
    html = plain.content.decode()
    assert 'aria-invalid="true"' in html
    assert f'id="id_{prefix_of(sitting.id)}-{field}"' in html
    partial = client.post(f"/sittings/{sitting.id}/edit/", data, headers=HTMX)
    assert partial.status_code == 422
    assert list(CheckIn.objects.order_by("id").values()) == before
    assert KeyResult.objects.get(pk=personas.kr.pk).current_value == 940


@pytest.mark.parametrize("who", ["lena", "bob", "charlie", "ada"])
def test_only_the_author_may_open_or_post_the_forms(personas, who):
    sitting = sit(personas)
    client = client_for(getattr(personas, who))
    for path in (f"/sittings/{sitting.id}/edit/", f"/sittings/{sitting.id}/delete/"):
        assert client.get(path).status_code == 403
    assert (
        client.post(
            f"/sittings/{sitting.id}/edit/", fields(sitting, progress_value="1")
        ).status_code
        == 403
    )
    assert client.post(f"/sittings/{sitting.id}/delete/").status_code == 403
    assert CheckIn.objects.get(kind="progress").value == 940
    assert CheckIn.objects.count() == 2


def test_signed_out_is_sent_to_sign_in_and_an_unknown_sitting_is_404(personas):
    sitting = sit(personas)
    response = Client().get(f"/sittings/{sitting.id}/edit/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]
    missing = client_for(personas.alice).get("/sittings/00000000-0000-4000-8000-000000000000/edit/")
    assert missing.status_code == 404


def test_after_a_day_the_sitting_is_history(personas, frozen_time):
    sitting = sit(personas)
    clock.freeze(frozen_time + dt.timedelta(hours=24, minutes=1))
    client = client_for(personas.alice)
    page = client.get(f"/key-results/{personas.kr.pk}/").content.decode()
    assert f"/sittings/{sitting.id}/edit/" not in page
    assert client.get(f"/sittings/{sitting.id}/edit/").status_code == 409
    response = client.post(f"/sittings/{sitting.id}/delete/")
    assert response.status_code == 409
    assert CheckIn.objects.count() == 2


def test_the_forms_need_the_csrf_token(personas):
    sitting = sit(personas)
    client = client_for(personas.alice, csrf=True)
    edit = client.post(f"/sittings/{sitting.id}/edit/", fields(sitting, progress_value="94"))
    assert edit.status_code == 403
    assert client.post(f"/sittings/{sitting.id}/delete/").status_code == 403
    assert CheckIn.objects.get(kind="progress").value == 940
    assert CheckIn.objects.count() == 2
    # With the token the page gave, the same post goes through.
    page = client.get(f"/sittings/{sitting.id}/edit/")
    token = page.context["csrf_token"]
    data = fields(sitting, progress_value="94") | {"csrfmiddlewaretoken": str(token)}
    assert client.post(f"/sittings/{sitting.id}/edit/", data).status_code == 302


def test_delete_asks_first_then_puts_the_kr_back(personas, frozen_time):
    clock.freeze(frozen_time - dt.timedelta(days=2))
    sit(personas, value=70, text="CRM")
    clock.freeze(frozen_time)
    second = sit(personas, closure=Closure(status="done", happened="Booked both"))
    client = client_for(personas.alice)
    ask = client.get(f"/sittings/{second.id}/delete/")
    assert ask.status_code == 200
    assert "Delete this check-in?" in ask.content.decode()
    assert CheckIn.objects.count() == 4
    response = client.post(f"/sittings/{second.id}/delete/", follow=True)
    assert "Check-in deleted." in response.content.decode()
    assert not CheckIn.objects.filter(sitting=second.id).exists()
    after = KeyResult.objects.get(pk=personas.kr.pk)
    assert after.current_value == 70
    # The Next Up the deleted sitting closed is open again.
    assert after.open_next_up is not None
    assert after.open_next_up.closed_at is None


def test_a_sitting_others_built_on_is_not_deleted_and_the_page_says_why(personas):
    sitting = sit(personas)
    feedback_create(
        actor=personas.lena,
        key_result_id=personas.kr.pk,
        signal="continue",
        text="Good start",
        check_in_id=sitting.check_ins[0].pk,
    )
    response = client_for(personas.alice).post(f"/sittings/{sitting.id}/delete/")
    assert response.status_code == 409
    assert "correct its text instead" in response.content.decode()
    assert CheckIn.objects.filter(sitting=sitting.id).count() == 2


def test_the_forms_read_a_bounded_number_of_queries(personas, django_assert_max_num_queries):
    sitting = sit(personas)
    client = client_for(personas.alice)
    client.get(f"/sittings/{sitting.id}/edit/")
    with django_assert_max_num_queries(8):
        client.get(f"/sittings/{sitting.id}/edit/")
    with django_assert_max_num_queries(8):
        client.get(f"/sittings/{sitting.id}/delete/")
