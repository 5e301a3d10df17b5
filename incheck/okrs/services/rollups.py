"""Objective roll-ups (`models.ObjectiveRollup`): kept current by the services, rebuilt in bulk.

A roll-up is an objective's KRs and those of every objective aligned under it, at any depth:
how many, and the sum of their `progress` summaries. The alignment tree shows the mean; read
from one row, a company objective's roll-up costs what a personal one's does.

Every write that changes it calls `rollup_add` in its own transaction, *last*: a sitting or a
KR edit that moves a KR's progress, a new KR (one more), a carried-over objective's KRs, and a
re-alignment (`rollup_move`: the subtree's totals leave the old chain and join the new one).
One statement walks the parent links up from the objective and adds the change to every row
of the chain, in ascending id order, creating missing rows (an upsert). So:

- two writers under a common ancestor both add, whatever the order (row locks, no lost
  update); they lock in the same order and, being last in their transactions, hold nothing
  else they could wait for: no deadlock, and the lock on a company objective's row is held
  only for the commit;
- the chain is read by the statement that writes it, after the KR's (or objective's) lock:
  a re-alignment locks the moved subtree's objectives and KRs first (`rollup_move`), so no
  writer below it is between its lock and its roll-up while the tree changes.

`rollups_rebuild` computes every roll-up (or a period's) from the KR rows in one statement:
the migration that added them, `incheck import`, a bulk load (`bench.scale`), tests that build
with factories, and `incheck rollups_rebuild` for anything that bypassed the services (an
objective or KR deleted in Django's admin).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from incheck.okrs.models import KeyResult, Objective, ObjectiveRollup


def _names() -> tuple[str, str, str]:
    quote = connection.ops.quote_name
    return (
        quote(Objective._meta.db_table),
        quote(KeyResult._meta.db_table),
        quote(ObjectiveRollup._meta.db_table),
    )


def rollup_add_many(changes: Iterable[tuple[int, int, float]]) -> None:
    """Add (KRs, progress) to each objective's roll-up and to those of all above it.

    `changes` holds (objective id, KRs added, progress added); one statement for all of them.
    A change of nothing writes nothing.
    """
    starts = [(pk, n, s) for pk, n, s in changes if n or s]
    if not starts:
        return
    objective, _key_result, rollup = _names()
    values = ", ".join(["(%s, %s, %s)"] * len(starts))
    # `start` keeps two chains that share ancestors apart (UNION drops repeated rows, which
    # also ends the walk if bad data ever holds a cycle); each row then gets its chains' sum.
    sql = f"""
        WITH RECURSIVE starts(start, n, s) AS (VALUES {values}),
        chain(start, id, n, s) AS (
            SELECT CAST(start AS BIGINT), CAST(start AS BIGINT), CAST(n AS INTEGER),
                   CAST(s AS DOUBLE PRECISION)
            FROM starts
            UNION
            SELECT chain.start, o.parent_id, chain.n, chain.s
            FROM {objective} o JOIN chain ON o.id = chain.id
            WHERE o.parent_id IS NOT NULL
        )
        INSERT INTO {rollup} (objective_id, key_results, progress_sum)
        SELECT id, SUM(n), SUM(s) FROM chain WHERE 1 = 1 GROUP BY id ORDER BY id
        ON CONFLICT (objective_id) DO UPDATE SET
            key_results = {rollup}.key_results + excluded.key_results,
            progress_sum = {rollup}.progress_sum + excluded.progress_sum
    """  # noqa: S608 - names from the models, values as parameters
    params = [value for start in starts for value in start]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def rollup_add(*, objective_id: int, key_results: int = 0, progress: float = 0.0) -> None:
    """Add to one objective's roll-up and to those of every objective it is aligned under."""
    rollup_add_many([(objective_id, key_results, progress)])


def rollup_move(*, objective: Objective, old_parent_id: int | None) -> None:
    """After `objective.parent_id` changed: its subtree's totals leave the old chain and join
    the new one (one statement). Locks the subtree's objectives and KRs first (ascending ids),
    so every writer below it has finished, or waits and then reads the new links."""
    subtree = subtree_ids(objective.pk)
    list(
        Objective.objects.select_for_update()
        .filter(pk__in=subtree)
        .order_by("id")
        .values_list("pk")
    )
    list(
        KeyResult.objects.select_for_update()
        .filter(objective_id__in=subtree)
        .order_by("id")
        .values_list("pk")
    )
    totals = (
        ObjectiveRollup.objects.filter(objective_id=objective.pk)
        .values_list("key_results", "progress_sum")
        .first()
    )
    if totals is None:
        return
    n, s = totals
    changes = []
    if old_parent_id is not None:
        changes.append((old_parent_id, -n, -s))
    if objective.parent_id is not None:
        changes.append((objective.parent_id, n, s))
    rollup_add_many(changes)


def subtree_ids(objective_id: int) -> list[int]:
    """The objective and every objective aligned under it, at any depth (one query)."""
    objective, _key_result, _rollup = _names()
    sql = f"""
        WITH RECURSIVE subtree(id) AS (
            SELECT CAST(%s AS BIGINT)
            UNION
            SELECT child.id FROM {objective} child JOIN subtree ON child.parent_id = subtree.id
        )
        SELECT id FROM subtree
    """  # noqa: S608 - names from the models
    with connection.cursor() as cursor:
        cursor.execute(sql, [objective_id])
        return [int(row[0]) for row in cursor.fetchall()]


def rollups_rebuild(*, period_id: int | None = None) -> int:
    """Compute the roll-ups of a period's objectives (every period's: None) from the KR rows.

    Replaces the rows, in one transaction; returns how many objectives have one. On PostgreSQL
    the table is locked against writes first (reads go on), so a writer that moved a KR
    meanwhile waits at its roll-up, last in its transaction, and then adds to the result
    computed here (which its uncommitted change is not part of); on SQLite the transaction
    holds the write lock from its start (IMMEDIATE).
    """
    with transaction.atomic():
        return _rebuild(period_id)


def _rebuild(period_id: int | None) -> int:
    objective, key_result, rollup = _names()
    where = "WHERE period_id = %s" if period_id is not None else ""
    params = [period_id] if period_id is not None else []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {rollup} IN EXCLUSIVE MODE")
    # Every (ancestor, objective) pair of the period, then each ancestor's KRs below it.
    sql = f"""
        WITH RECURSIVE pairs(root, id) AS (
            SELECT id, id FROM {objective} {where}
            UNION
            SELECT pairs.root, child.id FROM {objective} child
            JOIN pairs ON child.parent_id = pairs.id
        )
        SELECT pairs.root, COUNT(kr.id), COALESCE(SUM(kr.progress), 0)
        FROM pairs JOIN {key_result} kr ON kr.objective_id = pairs.id
        GROUP BY pairs.root
    """  # noqa: S608 - names from the models
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    existing = ObjectiveRollup.objects.all()
    if period_id is not None:
        existing = existing.filter(objective__period_id=period_id)
    existing.delete()
    ObjectiveRollup.objects.bulk_create(
        [ObjectiveRollup(objective_id=root, key_results=n, progress_sum=s) for root, n, s in rows],
        batch_size=2000,
    )
    return len(rows)
