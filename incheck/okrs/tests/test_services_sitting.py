"""The check-in sitting: several kinds in one transaction, and nothing written on bad input."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from incheck.domain.checkins import Closure, Entry
from incheck.errors import Conflict, Forbidden, Invalid
from incheck.okrs.models import CheckIn, KeyResult
from incheck.okrs.services.checkins import checkin_sitting_create, next_up_close

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 12, 4)
# "No Next Up this time", for sittings that are about something else.
NONE = Entry(kind="no_next_up")


def sitting(actor, kr, *entries, closure=None):
    return checkin_sitting_create(
        actor=actor, key_result_id=kr.pk, entries=list(entries), closure=closure
    )


def test_a_sitting_writes_every_kind_and_moves_the_summaries(personas):
    result = sitting(
        personas.alice,
        personas.kr,
        Entry(kind="progress", value=94, text="Webinar brought 34 leads"),
        Entry(kind="confidence", level=7, text="Need the webinar to repeat; will book two more"),
        Entry(
            kind="next_up", text="By Friday I will book 2 webinars", due_on=DUE, expected_value=120
        ),
    )
    kr = KeyResult.objects.get(pk=personas.kr.pk)
    assert len(result.check_ins) == 3
    assert len({c.sitting for c in CheckIn.objects.all()}) == 1
    assert kr.current_value == 94
    assert kr.confidence == 7
    assert kr.open_next_up.text == "By Friday I will book 2 webinars"
    assert kr.last_progress_at is not None


@pytest.mark.parametrize(
    ("entry", "field", "code_text"),
    [
        (Entry(kind="progress", value=math.nan), "progress.value", "real number"),
        (Entry(kind="progress", value=math.inf), "progress.value", "real number"),
        (Entry(kind="confidence", level=11), "confidence.level", "0 to 10"),
        (Entry(kind="context", text="x" * 281), "context.text", "280"),
        (
            Entry(kind="next_up", text="Call 5 leads", due_on=dt.date(2026, 11, 23)),
            "next_up.due_on",
            "passed",
        ),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(personas, entry, field, code_text):
    with pytest.raises(Invalid) as caught:
        sitting(personas.alice, personas.kr, Entry(kind="insight", text="Webinars beat ads"), entry)
    assert code_text in caught.value.fields[field]
    assert CheckIn.objects.count() == 0
    assert KeyResult.objects.get(pk=personas.kr.pk).current_value == 60


def test_a_value_on_a_milestone_is_refused(personas):
    personas.kr.kr_type = "milestone"
    personas.kr.save()
    with pytest.raises(Invalid) as caught:
        sitting(personas.alice, personas.kr, Entry(kind="progress", value=1))
    assert "progress.value" in caught.value.fields


def test_a_new_next_up_needs_the_open_one_closed_first(personas):
    sitting(personas.alice, personas.kr, Entry(kind="next_up", text="Book 2 webinars", due_on=DUE))
    with pytest.raises(Invalid) as caught:
        sitting(
            personas.alice, personas.kr, Entry(kind="next_up", text="Call 10 leads", due_on=DUE)
        )
    assert "closure.status" in caught.value.fields
    result = sitting(
        personas.alice,
        personas.kr,
        Entry(kind="next_up", text="Call 10 leads", due_on=DUE),
        closure=Closure(status="partly", happened="Booked one", learned="Book earlier"),
    )
    assert result.closed_next_up.closure == "partly"
    assert result.closed_next_up.actual_value == 60
    old, new = CheckIn.objects.filter(kind="next_up").order_by("id")
    assert (old.closure, old.text) == ("partly", "Book 2 webinars")
    assert old.closed_at is not None
    assert (new.closure, new.closed_at) == ("", None)
    assert KeyResult.objects.get(pk=personas.kr.pk).open_next_up.text == "Call 10 leads"


def test_a_teammate_may_not_check_in_but_the_lead_may(personas):
    with pytest.raises(Forbidden):
        sitting(personas.bob, personas.kr, Entry(kind="progress", value=70, text="x"), NONE)
    with pytest.raises(Forbidden):
        sitting(personas.charlie, personas.kr, Entry(kind="progress", value=70, text="x"), NONE)
    sitting(
        personas.lena, personas.kr, Entry(kind="progress", value=70, text="Counted the CRM"), NONE
    )
    sitting(
        personas.ada, personas.kr, Entry(kind="progress", value=71, text="Counted the CRM"), NONE
    )


def test_a_closed_period_takes_no_check_ins(personas, frozen_time):
    personas.period.closed_at = frozen_time
    personas.period.save()
    with pytest.raises(Conflict):
        sitting(personas.alice, personas.kr, Entry(kind="progress", value=70, text="x"), NONE)


def test_only_the_owner_closes_a_next_up(personas):
    result = sitting(personas.lena, personas.kr, Entry(kind="next_up", text="Book 2", due_on=DUE))
    next_up = result.check_ins[0]
    with pytest.raises(Forbidden):
        next_up_close(actor=personas.bob, next_up_id=next_up.pk, closure=Closure("done", "Did it"))
    closed = next_up_close(
        actor=personas.alice, next_up_id=next_up.pk, closure=Closure("done", "Did it")
    )
    assert closed.closure == "done"
    assert KeyResult.objects.get(pk=personas.kr.pk).open_next_up is None
