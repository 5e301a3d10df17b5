"""Correcting a sitting: its author, within a day; the KR's summaries follow; then history."""

from __future__ import annotations

import datetime as dt

import pytest

from incheck import clock
from incheck.domain.checkins import Closure, Entry
from incheck.errors import Conflict, Forbidden, Invalid
from incheck.okrs.models import CheckIn, KeyResult
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.okrs.services.corrections import sitting_correct, sitting_delete
from incheck.okrs.services.signals import feedback_create

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 12, 4)
PLAN = Entry(kind="next_up", text="By Friday I will book 2 webinars", due_on=DUE)


def sit(personas, *entries, closure=None, by=None):
    return checkin_sitting_create(
        actor=by or personas.alice,
        key_result_id=personas.kr.pk,
        entries=list(entries),
        closure=closure,
    )


def kr(personas):
    return KeyResult.objects.get(pk=personas.kr.pk)


def test_the_author_corrects_a_value_and_the_kr_follows(personas):
    sitting = sit(personas, Entry(kind="progress", value=940, text="Webinar"), PLAN)
    assert kr(personas).current_value == 940
    sitting_correct(
        actor=personas.alice,
        sitting_id=sitting.id,
        entries=[Entry(kind="progress", value=94, text="Webinar brought 34 leads")],
    )
    corrected = kr(personas)
    # The progress summary (alignment averages it) follows the corrected value too.
    assert (corrected.current_value, corrected.progress) == (
        94,
        pytest.approx(
            (94 - corrected.start_value) / (corrected.target_value - corrected.start_value)
        ),
    )
    row = CheckIn.objects.get(kind="progress")
    assert (row.value, row.text, row.edited_at) == (94, "Webinar brought 34 leads", clock.now())
    # The untouched check-in of the sitting is not marked edited.
    assert CheckIn.objects.get(kind="next_up").edited_at is None


def test_a_corrected_confidence_is_held_to_the_sitting_rules(personas):
    sit(personas, Entry(kind="confidence", level=6, text="On track"), Entry(kind="no_next_up"))
    clock.freeze(clock.now() + dt.timedelta(hours=1))
    second = sit(personas, Entry(kind="confidence", level=5, text="A bit slower"), PLAN)
    with pytest.raises(Invalid) as caught:
        sitting_correct(
            actor=personas.alice,
            sitting_id=second.id,
            entries=[Entry(kind="confidence", level=3, text="maybe")],
        )
    assert "confidence.text" in caught.value.fields
    assert kr(personas).confidence == 5


@pytest.mark.parametrize("who", ["lena", "ada", "bob"])
def test_only_the_author_corrects(personas, who):
    sitting = sit(personas, Entry(kind="progress", value=70), PLAN)
    with pytest.raises(Forbidden):
        sitting_correct(
            actor=getattr(personas, who),
            sitting_id=sitting.id,
            entries=[Entry(kind="progress", value=71)],
        )
    with pytest.raises(Forbidden):
        sitting_delete(actor=getattr(personas, who), sitting_id=sitting.id)


def test_after_a_day_the_sitting_is_history(personas, frozen_time):
    sitting = sit(personas, Entry(kind="progress", value=70), PLAN)
    clock.freeze(frozen_time + dt.timedelta(hours=24, minutes=1))
    with pytest.raises(Conflict) as caught:
        sitting_delete(actor=personas.alice, sitting_id=sitting.id)
    assert caught.value.code == "correction_window_passed"
    assert CheckIn.objects.count() == 2


def test_deleting_a_sitting_puts_the_kr_back_and_reopens_the_next_up_it_closed(
    personas, frozen_time
):
    clock.freeze(frozen_time - dt.timedelta(days=3))
    first = sit(personas, Entry(kind="progress", value=70, text="CRM"), PLAN)
    clock.freeze(frozen_time)
    second = sit(
        personas,
        Entry(kind="progress", value=94, text="Webinar"),
        Entry(kind="next_up", text="Call 10 leads by Friday", due_on=DUE),
        closure=Closure(status="done", happened="Booked both"),
    )
    sitting_delete(actor=personas.alice, sitting_id=second.id)
    after = kr(personas)
    assert after.current_value == 70
    assert after.open_next_up_id == first.check_ins[1].pk
    reopened = CheckIn.objects.get(pk=first.check_ins[1].pk)
    assert (reopened.closure, reopened.closed_at) == ("", None)
    assert after.last_check_in_at == frozen_time - dt.timedelta(days=3)
    assert not CheckIn.objects.filter(sitting=second.id).exists()


def test_a_sitting_that_later_history_builds_on_is_not_deleted(personas, frozen_time):
    first = sit(personas, Entry(kind="progress", value=70), PLAN)
    feedback_create(
        actor=personas.lena,
        key_result_id=personas.kr.pk,
        signal="continue",
        text="Good start",
        check_in_id=first.check_ins[0].pk,
    )
    with pytest.raises(Conflict) as caught:
        sitting_delete(actor=personas.alice, sitting_id=first.id)
    assert caught.value.code == "sitting_has_followers"
    assert CheckIn.objects.filter(sitting=first.id).count() == 2


def test_a_kind_the_sitting_lacks_is_a_field_error(personas):
    sitting = sit(personas, Entry(kind="progress", value=70), PLAN)
    with pytest.raises(Invalid) as caught:
        sitting_correct(
            actor=personas.alice,
            sitting_id=sitting.id,
            entries=[Entry(kind="context", text="Why")],
        )
    assert "context.kind" in caught.value.fields


def test_the_timeline_says_edited(client, personas):
    sitting = sit(personas, Entry(kind="progress", value=940, text="Webinar"), PLAN)
    sitting_correct(
        actor=personas.alice, sitting_id=sitting.id, entries=[Entry(kind="progress", value=94)]
    )
    client.force_login(personas.bob)
    html = client.get(f"/key-results/{personas.kr.pk}/").content.decode()
    progress = html.split('data-kind="progress"')[1].split("</article>")[0]
    assert ">edited<" in progress
    assert ">edited<" not in html.split('data-kind="next_up"')[1].split("</article>")[0]
