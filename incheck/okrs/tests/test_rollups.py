"""Objective roll-ups are kept by the services, in their transaction, as a rebuild computes them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incheck.domain.checkins import Entry
from incheck.okrs.models import Objective, ObjectiveRollup
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.okrs.services.checkout import objectives_carry_over
from incheck.okrs.services.corrections import sitting_correct, sitting_delete
from incheck.okrs.services.key_results import key_result_create, key_result_update
from incheck.okrs.services.objectives import objective_create, objective_update
from incheck.okrs.services.rollups import rollup_add_many, rollups_rebuild, subtree_ids
from incheck.testing.factories import PeriodFactory, TeamFactory

# These KRs have no Next Up: a sitting records "no Next Up this time" (rule 2).
NO_PLAN = Entry(kind="no_next_up")

pytestmark = pytest.mark.django_db


def kept() -> dict[int, tuple[int, float]]:
    rows = ObjectiveRollup.objects.values_list("objective_id", "key_results", "progress_sum")
    return {pk: (n, round(s, 9)) for pk, n, s in rows if n or abs(s) > 1e-9}


def assert_kept_as_rebuilt() -> None:
    before = kept()
    rollups_rebuild()
    assert before == kept()


def rollup(objective: Objective) -> tuple[int, float]:
    return kept().get(objective.pk, (0, 0.0))


@pytest.fixture
def company(personas):
    """Leadership's objective, the personas' Growth objective under it, Alice's own under that."""
    return aligned(personas)


def aligned(personas) -> dict[str, Objective]:
    """Leadership's "Win" → the personas' Growth objective → Alice's own "Learn"."""
    p = personas
    leadership = TeamFactory(name="Leadership")
    root = objective_create(actor=p.ada, period_id=p.period.pk, title="Win", team_id=leadership.pk)
    objective_update(actor=p.lena, objective_id=p.objective.pk, parent_id=root.pk)
    own = objective_create(
        actor=p.alice,
        period_id=p.period.pk,
        title="Learn",
        owner_id=p.alice.pk,
        parent_id=p.objective.pk,
    )
    return {"root": root, "own": own}


def test_a_realignment_moves_the_subtrees_krs_to_the_new_chain(company, personas):
    # The personas' KR (60 → 200, at 60: progress 0) is under Growth, now under the root.
    assert rollup(company["root"]) == (1, 0.0)
    objective_update(actor=personas.lena, objective_id=personas.objective.pk, parent_id=None)
    assert rollup(company["root"]) == (0, 0.0)
    assert rollup(personas.objective) == (1, 0.0)
    assert_kept_as_rebuilt()


def test_every_write_that_moves_progress_moves_every_roll_up_above_it(company, personas):
    p = personas
    kr = key_result_create(
        actor=p.alice,
        objective_id=company["own"].pk,
        title="Read",
        owner_id=p.alice.pk,
        target_value=10,
    )
    assert rollup(company["root"]) == (2, 0.0)
    checkin_sitting_create(
        actor=p.alice,
        key_result_id=kr.pk,
        entries=[Entry(kind="progress", value=5, text="Half"), NO_PLAN],
    )
    assert rollup(company["root"]) == (2, 0.5)
    assert rollup(p.objective) == (2, 0.5)
    assert rollup(company["own"]) == (1, 0.5)
    assert_kept_as_rebuilt()
    key_result_update(actor=p.alice, key_result_id=kr.pk, target_value=20)
    assert rollup(company["root"]) == (2, 0.25)
    checkin_sitting_create(
        actor=p.alice,
        key_result_id=p.kr.pk,
        entries=[Entry(kind="progress", value=130, text="Half way"), NO_PLAN],
    )
    assert rollup(company["root"]) == (2, 0.75)
    # Alice's objective straight under the root: Growth loses her KR, the root keeps it.
    objective_update(actor=p.alice, objective_id=company["own"].pk, parent_id=company["root"].pk)
    assert rollup(p.objective) == (1, 0.5)
    assert rollup(company["root"]) == (2, 0.75)
    assert_kept_as_rebuilt()


def test_carried_over_krs_join_their_copies_roll_ups(company, personas):
    p = personas
    later = PeriodFactory(
        name="Later",
        start_on=p.period.end_on + dt.timedelta(days=1),
        end_on=p.period.end_on + dt.timedelta(days=90),
    )
    copies = objectives_carry_over(
        actor=p.ada, objective_ids=[company["root"].pk, p.objective.pk], to_period_id=later.pk
    )
    root, growth = sorted(copies, key=lambda copy: copy.parent_id is not None)
    assert growth.parent_id == root.pk
    assert rollup(root) == rollup(growth) == (1, 0.0)
    assert_kept_as_rebuilt()


def test_a_sitting_that_moves_no_progress_writes_no_roll_up(company, personas):
    with CaptureQueriesContext(connection) as captured:
        checkin_sitting_create(
            actor=personas.alice,
            key_result_id=personas.kr.pk,
            entries=[Entry(kind="confidence", level=6, text="Likely"), NO_PLAN],
        )
    assert not [q for q in captured if "objectiverollup" in q["sql"]]
    with CaptureQueriesContext(connection) as captured:
        checkin_sitting_create(
            actor=personas.alice,
            key_result_id=personas.kr.pk,
            entries=[Entry(kind="progress", value=80, text="More"), NO_PLAN],
        )
    # One statement for the whole chain, however deep.
    assert len([q for q in captured if "objectiverollup" in q["sql"]]) == 1


def test_the_subtree_is_the_objective_and_everything_under_it(company, personas):
    assert set(subtree_ids(company["root"].pk)) == {
        company["root"].pk,
        personas.objective.pk,
        company["own"].pk,
    }


def test_correcting_or_deleting_a_sitting_moves_the_roll_ups_back(company, personas):
    p = personas
    sitting = checkin_sitting_create(
        actor=p.alice,
        key_result_id=p.kr.pk,
        entries=[Entry(kind="progress", value=130, text="Half way"), NO_PLAN],
    )
    assert rollup(company["root"]) == (1, 0.5)
    sitting_correct(
        actor=p.alice,
        sitting_id=sitting.id,
        entries=[Entry(kind="progress", value=165, text="Three quarters, in fact")],
    )
    assert rollup(company["root"]) == (1, 0.75)
    assert_kept_as_rebuilt()
    sitting_delete(actor=p.alice, sitting_id=sitting.id)
    assert rollup(company["root"]) == (1, 0.0)
    assert_kept_as_rebuilt()


def test_equal_changes_to_one_objective_in_one_call_all_count(company, personas):
    # Two KRs carried over into one objective at the same progress are two equal changes.
    rollup_add_many([(company["own"].pk, 1, 0.25), (company["own"].pk, 1, 0.25)])
    assert rollup(company["own"]) == (2, 0.5)
    assert rollup(company["root"]) == (3, 0.5)
