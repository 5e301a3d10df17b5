"""Row locks for the writes, each taken *before* anything that depends on it is read.

Why a lock is taken alone: on PostgreSQL (READ COMMITTED) a ``SELECT … FOR UPDATE`` that had to
wait returns the newest version of the row it locked, but every *joined* row as it was when the
statement began. A KR locked together with its open Next Up came back with the new
``open_next_up_id`` and the old Next Up row (none), and the sitting skipped the closure. So each
function here locks one row by itself, then reads the row and what hangs off it in a second
statement, which sees everything committed before the lock was granted. On SQLite the IMMEDIATE
transactions already serialise writers; the same two statements are right there too.

Lock order, so that two writers never wait for each other in a circle: period → objective →
key result. ``period_close`` takes the period, then its objectives, then its KRs; every other
write takes a single row of that chain: ``objective_create`` the period, ``key_result_create``
and ``objective_update`` the objective, a sitting, a Next Up closure, a blocker's resolution and
``key_result_update`` the KR. Whoever waited reads the period's ``closed_at`` after the lock, so
nothing is written into a period after its close committed.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Model

from incheck.errors import NotFound
from incheck.okrs.models import KeyResult, Objective, Period
from incheck.prepared import Prepared


def _locking(model: type[Model]) -> Prepared[tuple[int]]:
    # order_by(): the models' default ordering joins the parents (a KR orders by its objective,
    # which orders by its period), and FOR UPDATE would lock every joined row.
    return Prepared(
        lambda pk: (
            model._default_manager.select_for_update().filter(pk=pk).order_by().values_list("pk")
        )
    )


# Built once a process (`incheck.prepared`): a sitting's statements, compiled by Django each
# time, cost more than running them.
_LOCKS: dict[type[Model], Prepared[tuple[int]]] = {
    model: _locking(model) for model in (KeyResult, Objective)
}
# order_by(): no ORDER BY, which by the default ordering would join and sort by the
# objective's period.
_KEY_RESULT_READ = Prepared(
    lambda pk: (
        KeyResult.objects.select_related("objective__period", "open_next_up")
        .filter(pk=pk)
        .order_by()
    )
)


def _lock(model: type[Model], pk: int) -> bool:
    """Lock one row (until the transaction ends); False when there is no such row."""
    return bool(_LOCKS[model](pk))


def key_result_locked(key_result_id: int) -> KeyResult:
    """The KR, locked, with its objective, period and open Next Up read after the lock."""
    # SQLite has no row locks (its IMMEDIATE transaction holds the database): the read alone.
    if connection.features.has_select_for_update and not _lock(KeyResult, key_result_id):
        raise NotFound(code="not_found")
    found = _KEY_RESULT_READ(key_result_id)
    if not found:
        raise NotFound(code="not_found")
    return found[0]


def objective_locked(objective_id: int) -> Objective | None:
    """The objective, locked, with its period read after the lock; None when there is none."""
    if not _lock(Objective, objective_id):
        return None
    return Objective.objects.select_related("period").filter(pk=objective_id).first()


def period_locked(period_id: int) -> Period | None:
    """The period, locked and read; None when there is none."""
    return Period.objects.select_for_update().filter(pk=period_id).order_by().first()
