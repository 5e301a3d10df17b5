"""Roll-ups stay right while writers collide: sittings on KRs under a common ancestor, a new KR
and a re-alignment of a branch, all at once (threads, each with its own connection; both
databases). Afterwards every kept roll-up is what a rebuild from the KR rows computes."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest

from incheck.domain.checkins import Entry
from incheck.okrs.models import KeyResult, Objective, ObjectiveRollup
from incheck.okrs.services.checkins import Sitting, checkin_sitting_create
from incheck.okrs.services.key_results import key_result_create, key_result_update
from incheck.okrs.services.objectives import objective_create, objective_update
from incheck.okrs.services.rollups import rollups_rebuild
from incheck.testing.concurrency import at_once
from incheck.testing.concurrency import shared_database as shared_database_of
from incheck.testing.factories import TeamFactory

# These KRs have no Next Up: a sitting records "no Next Up this time" (rule 2).
NO_PLAN = Entry(kind="no_next_up")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shared_database(transactional_db: None, tmp_path: Any) -> Iterator[None]:
    with shared_database_of(tmp_path):
        yield


@pytest.fixture
def company(shared_database: None, request: pytest.FixtureRequest) -> dict[str, Any]:
    """Leadership's objective; Growth's under it; under Growth, three objectives of Alice's
    with a KR each (0 → 100)."""
    p = request.getfixturevalue("personas")
    leadership = TeamFactory(name="Leadership")
    root = objective_create(actor=p.ada, period_id=p.period.pk, title="Win", team_id=leadership.pk)
    objective_update(actor=p.lena, objective_id=p.objective.pk, parent_id=root.pk)
    own, krs = [], []
    for n in range(3):
        objective = objective_create(
            actor=p.alice,
            period_id=p.period.pk,
            title=f"Learn {n}",
            owner_id=p.alice.pk,
            parent_id=p.objective.pk,
        )
        own.append(objective)
        krs.append(
            key_result_create(
                actor=p.alice,
                objective_id=objective.pk,
                title=f"Read {n}",
                owner_id=p.alice.pk,
                target_value=100,
            )
        )
    return {"p": p, "root": root, "own": own, "krs": krs}


def kept() -> dict[int, tuple[int, float]]:
    rows = ObjectiveRollup.objects.values_list("objective_id", "key_results", "progress_sum")
    return {pk: (n, round(s, 9)) for pk, n, s in rows if n or abs(s) > 1e-9}


def sittings(actor: Any, kr: KeyResult, values: list[int]) -> list[Sitting]:
    return [
        checkin_sitting_create(
            actor=actor,
            key_result_id=kr.pk,
            entries=[Entry(kind="progress", value=value, text=f"At {value}"), NO_PLAN],
        )
        for value in values
    ]


def test_sittings_a_new_kr_and_a_realignment_at_once_keep_every_roll_up(company):
    p, root, own, krs = company["p"], company["root"], company["own"], company["krs"]
    results = at_once(
        *(partial(sittings, p.alice, kr, [20, 40, 60]) for kr in krs),
        partial(sittings, p.alice, p.kr, [130]),  # the personas' KR: 60 → 200, half way
        # Alice's first objective leaves Growth for the root while its KR is being checked in.
        partial(objective_update, actor=p.alice, objective_id=own[0].pk, parent_id=root.pk),
        partial(
            key_result_create,
            actor=p.alice,
            objective_id=own[1].pk,
            title="Write",
            owner_id=p.alice.pk,
            target_value=10,
        ),
    )
    assert not [result for result in results if isinstance(result, Exception)], results

    after = kept()
    rollups_rebuild()
    assert after == kept()
    # Five KRs under the root: three at 0.6, the personas' at 0.5, the new one at 0.
    assert after[root.pk] == (5, round(3 * 0.6 + 0.5, 9))
    assert after[p.objective.pk] == (4, round(2 * 0.6 + 0.5, 9))
    assert Objective.objects.get(pk=own[0].pk).parent_id == root.pk


def test_archiving_and_sittings_under_a_common_ancestor_at_once_lose_no_update(company):
    p, root, own, krs = company["p"], company["root"], company["own"], company["krs"]
    results = at_once(
        # The first KR is archived while sittings are made on it (after its archiving they are
        # refused) and on its siblings; Growth's own KR is checked in while Alice's second
        # objective is archived and Growth itself comes and goes.
        partial(key_result_update, actor=p.alice, key_result_id=krs[0].pk, archived=True),
        partial(sittings, p.alice, krs[0], [20, 40, 60]),
        partial(sittings, p.alice, krs[1], [20, 40, 60]),
        partial(sittings, p.alice, krs[2], [20, 40, 60]),
        partial(sittings, p.alice, p.kr, [130]),
        partial(objective_update, actor=p.alice, objective_id=own[1].pk, archived=True),
        partial(objective_update, actor=p.lena, objective_id=p.objective.pk, archived=True),
    )
    unexpected = [
        result
        for result in results
        if isinstance(result, Exception) and getattr(result, "code", None) != "archived"
    ]
    assert not unexpected, results
    objective_update(actor=p.lena, objective_id=p.objective.pk, archived=False)

    after = kept()
    rollups_rebuild()
    assert after == kept()
    # Under the root: the third KR (0.6) and the personas' KR (half way, or where it was if its
    # sitting came while Growth was archived: refused); the first KR is archived, the second is
    # under an archived objective.
    personas_kr = KeyResult.objects.get(pk=p.kr.pk).progress
    assert personas_kr in (0.0, 0.5)
    assert after[root.pk] == (2, round(0.6 + personas_kr, 9))
    assert KeyResult.objects.get(pk=krs[0].pk).archived_at is not None
