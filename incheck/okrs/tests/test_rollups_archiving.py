"""Archived KRs and objectives count in no roll-up: archiving takes their share out of every
roll-up above them, unarchiving puts it back, and what the services keep is what a rebuild (and
the migration) computes by the same rule (`services.rollups`)."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from incheck.domain.checkins import Entry
from incheck.okrs.models import ObjectiveRollup
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.okrs.services.corrections import sitting_correct
from incheck.okrs.services.key_results import key_result_create, key_result_update
from incheck.okrs.services.objectives import objective_update
from incheck.okrs.services.rollups import rollups_rebuild
from incheck.okrs.tests.test_rollups import aligned, assert_kept_as_rebuilt, kept, rollup

NO_PLAN = Entry(kind="no_next_up")

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(personas):
    """The root (Leadership's) → Growth (the personas' KR, 60 → 200) → Alice's "Learn" with a
    KR at half way (0 → 10, at 5)."""
    p = personas
    tree = aligned(p)
    root, own = tree["root"], tree["own"]
    read = key_result_create(
        actor=p.alice, objective_id=own.pk, title="Read", owner_id=p.alice.pk, target_value=10
    )
    progress(p.alice, read, 5)
    return SimpleNamespace(root=root, growth=p.objective, own=own, read=read, p=p)


def progress(actor, kr, value, **kwargs):
    return checkin_sitting_create(
        actor=actor,
        key_result_id=kr.pk,
        entries=[Entry(kind="progress", value=value, text=f"At {value}"), NO_PLAN],
        **kwargs,
    )


def test_archiving_a_kr_takes_it_out_of_every_roll_up_above_it_and_unarchiving_puts_it_back(
    company,
):
    c = company
    assert rollup(c.root) == (2, 0.5)
    key_result_update(actor=c.p.alice, key_result_id=c.read.pk, archived=True)
    assert rollup(c.root) == rollup(c.growth) == (1, 0.0)
    assert rollup(c.own) == (0, 0.0)
    assert_kept_as_rebuilt()
    key_result_update(actor=c.p.alice, key_result_id=c.read.pk, archived=False)
    assert rollup(c.root) == (2, 0.5)
    assert rollup(c.own) == (1, 0.5)
    assert_kept_as_rebuilt()


def test_an_archived_kr_edited_or_corrected_moves_no_roll_up(company):
    c = company
    sitting = progress(c.p.alice, c.read, 8)
    key_result_update(actor=c.p.alice, key_result_id=c.read.pk, archived=True)
    before = kept()
    # Its definition and its history may still change; it counts in none.
    key_result_update(actor=c.p.alice, key_result_id=c.read.pk, target_value=20)
    sitting_correct(
        actor=c.p.alice,
        sitting_id=sitting.id,
        entries=[Entry(kind="progress", value=2, text="Less, in fact")],
    )
    assert kept() == before
    assert_kept_as_rebuilt()
    key_result_update(actor=c.p.alice, key_result_id=c.read.pk, archived=False)
    assert rollup(c.own) == (1, 0.1)  # at 2 of 20, as the edit and the correction left it
    assert_kept_as_rebuilt()


def test_archiving_an_objective_takes_its_subtree_out_of_the_roll_ups_above_it(company):
    c = company
    objective_update(actor=c.p.lena, objective_id=c.growth.pk, archived=True)
    # Growth counts nothing; the root loses Growth's KR and Alice's under it; Alice's objective,
    # aligned under an archived one, stands as a root and keeps its own.
    assert rollup(c.growth) == rollup(c.root) == (0, 0.0)
    assert rollup(c.own) == (1, 0.5)
    assert_kept_as_rebuilt()
    # A sitting below the archived objective moves the roll-ups up to it, not past it.
    progress(c.p.alice, c.read, 10)
    assert rollup(c.own) == (1, 1.0)
    assert rollup(c.growth) == rollup(c.root) == (0, 0.0)
    assert_kept_as_rebuilt()
    objective_update(actor=c.p.lena, objective_id=c.growth.pk, archived=False)
    assert rollup(c.growth) == rollup(c.root) == (2, 1.0)
    assert_kept_as_rebuilt()


def test_a_kr_archived_on_its_own_stays_out_when_its_objective_comes_back(company):
    c = company
    key_result_update(actor=c.p.alice, key_result_id=c.read.pk, archived=True)
    objective_update(actor=c.p.alice, objective_id=c.own.pk, archived=True)
    objective_update(actor=c.p.alice, objective_id=c.own.pk, archived=False)
    assert rollup(c.own) == (0, 0.0)
    assert rollup(c.root) == (1, 0.0)
    assert_kept_as_rebuilt()


def test_an_archived_objective_realigned_brings_nothing_to_its_new_chain(company):
    c = company
    objective_update(actor=c.p.alice, objective_id=c.own.pk, archived=True)
    objective_update(actor=c.p.alice, objective_id=c.own.pk, parent_id=c.root.pk)
    assert rollup(c.root) == (1, 0.0)
    assert_kept_as_rebuilt()
    # Archived and moved at once, then restored and moved back at once.
    objective_update(actor=c.p.alice, objective_id=c.own.pk, archived=False)
    objective_update(actor=c.p.alice, objective_id=c.own.pk, parent_id=c.growth.pk, archived=True)
    assert rollup(c.root) == rollup(c.growth) == (1, 0.0)
    assert_kept_as_rebuilt()
    objective_update(actor=c.p.alice, objective_id=c.own.pk, parent_id=c.root.pk, archived=False)
    assert rollup(c.root) == (2, 0.5)
    assert rollup(c.growth) == (1, 0.0)
    assert_kept_as_rebuilt()


def test_an_objective_aligned_under_an_archived_one_joins_nothing_above_it(company):
    c = company
    objective_update(actor=c.p.lena, objective_id=c.growth.pk, archived=True)
    objective_update(actor=c.p.alice, objective_id=c.own.pk, parent_id=c.root.pk)
    assert rollup(c.root) == (1, 0.5)
    objective_update(actor=c.p.alice, objective_id=c.own.pk, parent_id=c.growth.pk)
    assert rollup(c.root) == rollup(c.growth) == (0, 0.0)
    assert_kept_as_rebuilt()


def test_a_period_rebuild_and_the_migration_leave_archived_krs_and_objectives_out(company):
    c = company
    key_result_update(actor=c.p.lena, key_result_id=c.p.kr.pk, archived=True)
    objective_update(actor=c.p.alice, objective_id=c.own.pk, archived=True)
    expected = kept()
    assert expected == {}  # nothing left that counts
    ObjectiveRollup.objects.update_or_create(
        objective=c.root, defaults={"key_results": 7, "progress_sum": 3.0}
    )
    assert rollups_rebuild(period_id=c.p.period.pk) == 0
    assert kept() == expected
    # The migration's compute, with the historical models' tables, is the same function.
    migration = importlib.import_module("incheck.okrs.migrations.0010_rollups_without_archived")
    key_result_update(actor=c.p.lena, key_result_id=c.p.kr.pk, archived=False)
    expected = kept()
    ObjectiveRollup.objects.all().delete()
    migration.compute(apps, SimpleNamespace(connection=connection))
    assert kept() == expected == {c.root.pk: (1, 0.0), c.growth.pk: (1, 0.0)}
