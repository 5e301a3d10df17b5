"""The period check-out: closing locks a period; carry-over copies unfinished objectives."""

from __future__ import annotations

import datetime as dt

import pytest

from incheck.domain.checkins import Closure, Entry
from incheck.errors import Conflict, Forbidden, Invalid, NotFound
from incheck.okrs.models import CheckIn, KeyResult, Objective, Period
from incheck.okrs.selectors.health import key_result_rows
from incheck.okrs.services import checkout
from incheck.okrs.services.checkins import checkin_sitting_create, next_up_close
from incheck.okrs.services.checkout import objectives_carry_over, period_close
from incheck.okrs.services.key_results import key_result_create, key_result_update
from incheck.okrs.services.objectives import objective_create, objective_update
from incheck.okrs.services.signals import blocker_resolve, feedback_create
from incheck.testing.factories import KeyResultFactory, ObjectiveFactory, PeriodFactory

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 12, 4)


@pytest.fixture
def next_period(db):
    return PeriodFactory(name="2027 Q1", start_on=dt.date(2027, 1, 1), end_on=dt.date(2027, 3, 31))


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


# Closing ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["lena", "ada"])
def test_leads_and_admins_close_a_period(personas, frozen_time, who):
    closer = getattr(personas, who)
    period_close(actor=closer, period_id=personas.period.pk)
    period = reload(personas.period)
    assert period.closed_at == frozen_time
    assert period.closed_by_id == closer.pk


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_a_member_may_not_close_a_period(personas, who):
    with pytest.raises(Forbidden):
        period_close(actor=getattr(personas, who), period_id=personas.period.pk)
    assert not reload(personas.period).is_closed


def test_a_period_closes_once(personas, frozen_time):
    period_close(actor=personas.lena, period_id=personas.period.pk)
    with pytest.raises(Conflict) as caught:
        period_close(actor=personas.ada, period_id=personas.period.pk)
    assert caught.value.code == "period_already_closed"
    assert reload(personas.period).closed_by_id == personas.lena.pk


def test_an_unknown_period_is_not_found(personas):
    with pytest.raises(NotFound):
        period_close(actor=personas.lena, period_id=987654)


def test_a_period_closes_even_with_krs_missing_their_outcome(personas):
    assert personas.kr.outcome_id is None
    period_close(actor=personas.lena, period_id=personas.period.pk)
    assert reload(personas.period).is_closed


def _write_attempts(personas):
    """Every write on the period's things, as (name, callable)."""
    kr, alice = personas.kr, personas.alice
    return {
        "sitting": lambda: checkin_sitting_create(
            actor=alice, key_result_id=kr.pk, entries=[Entry(kind="progress", value=90)]
        ),
        "close next up": lambda: next_up_close(
            actor=alice,
            next_up_id=CheckIn.objects.get(kind="next_up").pk,
            closure=Closure("done", "Booked both"),
        ),
        "resolve blocker": lambda: blocker_resolve(
            actor=alice,
            blocker_id=CheckIn.objects.get(signal="blocker").pk,
            resolution="Asked sales for the list",
        ),
        "edit kr": lambda: key_result_update(actor=alice, key_result_id=kr.pk, title="210 leads"),
        "add kr": lambda: key_result_create(
            actor=personas.lena, objective_id=personas.objective.pk, title="New", owner_id=alice.pk
        ),
        "edit objective": lambda: objective_update(
            actor=personas.lena, objective_id=personas.objective.pk, title="Grow more"
        ),
        "add objective": lambda: objective_create(
            actor=personas.lena,
            period_id=personas.period.pk,
            title="Late",
            team_id=personas.growth.pk,
        ),
    }


@pytest.mark.parametrize(
    "attempt",
    [
        "sitting",
        "close next up",
        "resolve blocker",
        "edit kr",
        "add kr",
        "edit objective",
        "add objective",
    ],
)
def test_every_write_on_a_closed_period_is_a_conflict(personas, attempt):
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[
            Entry(kind="next_up", text="By Friday I book 2 webinars", due_on=DUE),
            Entry(kind="blocker", text="No list of contacts", way_around="Ask sales"),
        ],
    )
    period_close(actor=personas.lena, period_id=personas.period.pk)
    check_ins, objectives = CheckIn.objects.count(), Objective.objects.count()
    with pytest.raises(Conflict) as caught:
        _write_attempts(personas)[attempt]()
    assert caught.value.code == "period_closed"
    assert (CheckIn.objects.count(), Objective.objects.count()) == (check_ins, objectives)


def test_feedback_is_still_possible_on_a_closed_period(personas):
    # The review of a closed period is where the continue / consider feedback is given.
    period_close(actor=personas.lena, period_id=personas.period.pk)
    feedback_create(
        actor=personas.lena, key_result_id=personas.kr.pk, signal="continue", text="Webinars work"
    )


# Carrying over ------------------------------------------------------------------------------


@pytest.fixture
def quarter(personas):
    """Growth's objective: alice's KR half-way (unfinished) and bob's KR reached (finished)."""
    KeyResult.objects.filter(pk=personas.kr.pk).update(current_value=130)
    finished = KeyResultFactory(
        objective=personas.objective,
        owner=personas.bob,
        start_value=0,
        target_value=10,
        current_value=10,
        title="10 webinars",
    )
    return finished


def test_an_unfinished_objective_is_copied_with_its_unfinished_krs(
    personas, quarter, next_period, frozen_time
):
    (copy,) = objectives_carry_over(
        actor=personas.lena, objective_ids=[personas.objective.pk], to_period_id=next_period.pk
    )
    assert copy.period_id == next_period.pk
    assert copy.origin_id == personas.objective.pk
    assert (copy.title, copy.team_id, copy.owner_id) == (
        "Grow the pipeline",
        personas.growth.pk,
        None,
    )
    (kr,) = KeyResult.objects.filter(objective=copy)
    assert kr.origin_id == personas.kr.pk
    assert (kr.owner_id, kr.title, kr.unit) == (
        personas.alice.pk,
        "200 new leads",
        personas.kr.unit,
    )
    # Keeps the target, starts from where the old one ended.
    assert (kr.start_value, kr.target_value, kr.current_value) == (130, 200, 130)
    assert kr.changed_at == frozen_time
    assert kr.last_context_at is None and kr.confidence is None and kr.open_next_up_id is None
    assert not CheckIn.objects.filter(key_result=kr).exists()
    # The old period is untouched.
    assert KeyResult.objects.filter(objective=personas.objective).count() == 2
    assert reload(personas.kr).current_value == 130


def test_the_copies_are_context_due(personas, quarter, next_period):
    (copy,) = objectives_carry_over(
        actor=personas.lena, objective_ids=[personas.objective.pk], to_period_id=next_period.pk
    )
    (row,) = key_result_rows(KeyResult.objects.filter(objective=copy), tz=dt.UTC)
    assert "context_due" in row.codes


def test_an_adjusted_outcome_decides_what_is_unfinished(personas, next_period):
    # The number reached the target, but the owner scored it 0.8 with a reason: unfinished.
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[
            Entry(kind="outcome", value=200, score=0.8, score_reason="Half the leads were spam")
        ],
    )
    (copy,) = objectives_carry_over(
        actor=personas.lena, objective_ids=[personas.objective.pk], to_period_id=next_period.pk
    )
    (kr,) = KeyResult.objects.filter(objective=copy)
    # At the target already: the copy keeps the old start so start → target still increases.
    assert (kr.start_value, kr.target_value) == (60, 200)


def test_alignment_follows_when_parent_and_child_are_carried_together(personas, next_period):
    child = ObjectiveFactory(
        period=personas.period, team=personas.growth, parent=personas.objective, title="Webinars"
    )
    copies = objectives_carry_over(
        actor=personas.lena,
        objective_ids=[child.pk, personas.objective.pk],
        to_period_id=next_period.pk,
    )
    parent_copy, child_copy = copies
    assert child_copy.origin_id == child.pk
    assert child_copy.parent_id == parent_copy.pk


def test_a_child_carried_alone_loses_its_parent_in_the_old_period(personas, next_period):
    child = ObjectiveFactory(
        period=personas.period, team=personas.growth, parent=personas.objective
    )
    (copy,) = objectives_carry_over(
        actor=personas.lena, objective_ids=[child.pk], to_period_id=next_period.pk
    )
    assert copy.parent_id is None


def test_carry_over_works_from_a_closed_period(personas, next_period):
    period_close(actor=personas.lena, period_id=personas.period.pk)
    objectives_carry_over(
        actor=personas.lena, objective_ids=[personas.objective.pk], to_period_id=next_period.pk
    )
    assert Objective.objects.filter(period=next_period).count() == 1


def _nothing_written(next_period):
    return (
        not Objective.objects.filter(period=next_period).exists()
        and not KeyResult.objects.filter(objective__period=next_period).exists()
    )


def test_one_unknown_id_writes_nothing(personas, next_period):
    with pytest.raises(Invalid) as caught:
        objectives_carry_over(
            actor=personas.lena,
            objective_ids=[personas.objective.pk, 987654],
            to_period_id=next_period.pk,
        )
    assert "objectives" in caught.value.fields
    assert _nothing_written(next_period)


def test_an_unknown_target_period_is_a_field_error(personas):
    with pytest.raises(Invalid) as caught:
        objectives_carry_over(
            actor=personas.lena, objective_ids=[personas.objective.pk], to_period_id=987654
        )
    assert "to_period" in caught.value.fields


def test_nothing_to_carry_is_a_field_error(personas, next_period):
    with pytest.raises(Invalid) as caught:
        objectives_carry_over(actor=personas.lena, objective_ids=[], to_period_id=next_period.pk)
    assert "objectives" in caught.value.fields


def test_a_closed_target_period_takes_nothing(personas, next_period, frozen_time):
    Period.objects.filter(pk=next_period.pk).update(closed_at=frozen_time)
    with pytest.raises(Conflict) as caught:
        objectives_carry_over(
            actor=personas.lena, objective_ids=[personas.objective.pk], to_period_id=next_period.pk
        )
    assert caught.value.code == "period_closed"
    assert _nothing_written(next_period)


def test_objectives_are_carried_forward_only(personas, next_period):
    later = ObjectiveFactory(period=next_period, team=personas.growth)
    with pytest.raises(Invalid) as caught:
        objectives_carry_over(
            actor=personas.lena, objective_ids=[later.pk], to_period_id=personas.period.pk
        )
    assert "to_period" in caught.value.fields
    with pytest.raises(Invalid):
        objectives_carry_over(
            actor=personas.lena, objective_ids=[later.pk], to_period_id=next_period.pk
        )
    assert Objective.objects.count() == 2


def test_a_finished_objective_is_refused_and_nothing_is_written(personas, quarter, next_period):
    done = ObjectiveFactory(period=personas.period, team=personas.growth, title="Done")
    KeyResultFactory(
        objective=done, owner=personas.bob, start_value=0, target_value=5, current_value=5
    )
    with pytest.raises(Invalid) as caught:
        objectives_carry_over(
            actor=personas.lena,
            objective_ids=[personas.objective.pk, done.pk],
            to_period_id=next_period.pk,
        )
    assert "objectives" in caught.value.fields
    assert _nothing_written(next_period)


def test_an_objective_is_carried_into_a_period_once(personas, next_period):
    ids = [personas.objective.pk]
    objectives_carry_over(actor=personas.lena, objective_ids=ids, to_period_id=next_period.pk)
    with pytest.raises(Conflict) as caught:
        objectives_carry_over(actor=personas.lena, objective_ids=ids, to_period_id=next_period.pk)
    assert caught.value.code == "already_carried"
    assert Objective.objects.filter(period=next_period).count() == 1


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_only_leads_and_admins_carry_a_team_objective(personas, next_period, who):
    with pytest.raises(Forbidden):
        objectives_carry_over(
            actor=getattr(personas, who),
            objective_ids=[personas.objective.pk],
            to_period_id=next_period.pk,
        )
    assert _nothing_written(next_period)
    objectives_carry_over(
        actor=personas.ada, objective_ids=[personas.objective.pk], to_period_id=next_period.pk
    )


def test_a_person_carries_their_own_objective_but_not_a_colleagues(personas, next_period):
    own = ObjectiveFactory(period=personas.period, team=None, owner=personas.alice)
    with pytest.raises(Forbidden):
        objectives_carry_over(
            actor=personas.bob, objective_ids=[own.pk], to_period_id=next_period.pk
        )
    (copy,) = objectives_carry_over(
        actor=personas.alice, objective_ids=[own.pk], to_period_id=next_period.pk
    )
    assert copy.owner_id == personas.alice.pk


def test_a_failure_half_way_leaves_nothing_behind(personas, quarter, next_period, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    # The objective copies are written before the KR copies: a failure there must undo them.
    monkeypatch.setattr(checkout, "_key_result_copy", broken)
    with pytest.raises(RuntimeError):
        objectives_carry_over(
            actor=personas.lena, objective_ids=[personas.objective.pk], to_period_id=next_period.pk
        )
    assert _nothing_written(next_period)


# The check-out page -------------------------------------------------------------------------


def _checkout_html(client, personas):
    client.force_login(personas.lena)
    return client.get(f"/periods/{personas.period.pk}/checkout/").content.decode()


def _carry_box(html, objective):
    start = html.index(f'value="{objective.pk}"')
    return html[html.rindex("<input", 0, start) : html.index(">", start) + 1]


def test_without_a_later_period_the_carry_over_boxes_are_disabled(client, personas, quarter):
    html = _checkout_html(client, personas)
    assert "There is no later open period to carry into" in html
    assert " disabled" in _carry_box(html, personas.objective)


def test_with_a_later_period_the_box_may_be_ticked(client, personas, quarter, next_period):
    html = _checkout_html(client, personas)
    assert " disabled" not in _carry_box(html, personas.objective)


def test_an_objective_carried_over_shows_where_it_went_instead_of_a_box(
    client, personas, quarter, next_period
):
    ids = [personas.objective.pk]
    objectives_carry_over(actor=personas.lena, objective_ids=ids, to_period_id=next_period.pk)
    html = _checkout_html(client, personas)
    assert f'name="objectives" value="{personas.objective.pk}"' not in html
    assert "carried into 2027 Q1" in html
    assert f"/teams/{personas.growth.pk}/?period={next_period.pk}" in html
