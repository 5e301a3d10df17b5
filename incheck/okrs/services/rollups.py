"""Objective roll-ups (`models.ObjectiveRollup`): kept current by the services, rebuilt in bulk.

A roll-up is an objective's KRs and those of every objective aligned under it, at any depth:
how many, and the sum of their `progress` summaries. The alignment tree shows the mean; read
from one row, a company objective's roll-up costs what a personal one's does.

What counts (`docs/method.md`, "Archiving"), one rule for every path: a KR counts unless it is
archived (`rollup_share`), in its objective's roll-up and in those of the objectives above it,
walking up *until an archived objective*: an archived objective counts nothing, and its subtree
leaves the chain above it (an objective aligned under it stands as a root on the alignment page,
with its own roll-up). The walk is one SQL expression, `_chain`, which both the services' changes
and the rebuild (`rollups_compute`: `incheck rollups_rebuild`, `incheck import`, the migrations)
go through, so the roll-ups kept and those rebuilt agree by construction.

Every write that changes it calls `rollup_add` in its own transaction, *last*: a sitting, a
correction or a KR edit that moves a KR's progress, a new KR (one more), an archived or restored
KR (one less, one more), a carried-over objective's KRs, a re-alignment (`rollup_move`: the
subtree's totals leave the old chain and join the new one) and an archived or restored objective
(`rollup_archive`: the subtree's totals leave the chain above it, or join it again).
One statement walks the parent links up from the objective and adds the change to every row
of the chain, in ascending id order, creating missing rows (an upsert). So:

- two writers under a common ancestor both add, whatever the order (row locks, no lost
  update); they lock in the same order and, being last in their transactions, hold nothing
  else they could wait for: no deadlock, and the lock on a company objective's row is held
  only for the commit;
- the chain is read by the statement that writes it, after the KR's (or objective's) lock:
  a re-alignment or an objective's archiving locks the subtree's objectives and KRs first
  (`_lock_subtree`), so no writer below it is between its lock and its roll-up while the tree
  changes, and every writer after it reads the new links and archived marks.

`rollups_rebuild` computes every roll-up (or a period's) from the KR rows in one statement:
the migrations, `incheck import`, a bulk load (`bench.scale`), tests that build with
factories, and `incheck rollups_rebuild` for anything that bypassed the services (an objective
or KR deleted or archived in Django's admin).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from incheck.okrs.models import KeyResult, Objective, ObjectiveRollup


def _names(using: BaseDatabaseWrapper | None = None) -> tuple[str, str, str]:
    quote = (using or connection).ops.quote_name
    return (
        quote(Objective._meta.db_table),
        quote(KeyResult._meta.db_table),
        quote(ObjectiveRollup._meta.db_table),
    )


def rollup_share(key_result: KeyResult) -> tuple[int, float]:
    """What a KR adds to the roll-ups above it: (1, its progress), or nothing once archived.

    The KR half of the rule (the objectives' half is `_chain`); the rebuild's `_STARTS` says the
    same in SQL. A service that changes a KR passes the difference of its share before and after.
    """
    if key_result.archived_at is not None:
        return (0, 0.0)
    return (1, key_result.progress)


def _chain(objective: str, starts: str) -> str:
    """The recursive walk `chain(start, id, n, s)` up from each start (`starts` yields
    (objective id, KRs, progress)) through the objectives it counts in: itself and those above
    it, while none is archived. `start` keeps two chains that share ancestors apart (UNION drops
    repeated rows, which also ends the walk if bad data ever holds a cycle)."""
    return f"""
        chain(start, id, n, s) AS (
            SELECT CAST(o.id AS BIGINT), CAST(o.id AS BIGINT), CAST(starts.n AS INTEGER),
                   CAST(starts.s AS DOUBLE PRECISION)
            FROM ({starts}) starts JOIN {objective} o ON o.id = starts.start
            WHERE o.archived_at IS NULL
            UNION
            SELECT chain.start, parent.id, chain.n, chain.s
            FROM chain JOIN {objective} o ON o.id = chain.id
            JOIN {objective} parent ON parent.id = o.parent_id
            WHERE parent.archived_at IS NULL
        )
    """  # noqa: S608 - names from the models


def rollup_add_many(changes: Iterable[tuple[int, int, float]]) -> None:
    """Add (KRs, progress) to each objective's roll-up and to those of all above it it counts in.

    `changes` holds (objective id, KRs added, progress added); one statement for all of them.
    A change of nothing writes nothing; a change to an archived objective (or above one) stops
    there (`_chain`).
    """
    starts = [(pk, n, s) for pk, n, s in changes if n or s]
    if not starts:
        return
    objective, _key_result, rollup = _names()
    values = " UNION ALL ".join(
        [
            "SELECT CAST(%s AS BIGINT) AS start, CAST(%s AS INTEGER) AS n, "
            "CAST(%s AS DOUBLE PRECISION) AS s"
        ]
        * len(starts)
    )
    sql = f"""
        WITH RECURSIVE {_chain(objective, values)}
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
    """Add to one objective's roll-up and to those of every objective it counts in above it."""
    rollup_add_many([(objective_id, key_results, progress)])


def rollup_change(
    *, objective_id: int, before: tuple[int, float], after: tuple[int, float]
) -> None:
    """A KR's share went from `before` to `after` (`rollup_share`): the difference, up the chain."""
    rollup_add(
        objective_id=objective_id, key_results=after[0] - before[0], progress=after[1] - before[1]
    )


def _lock_subtree(subtree: list[int]) -> None:
    """Lock the subtree's objectives and KRs (ascending ids), so every writer below it has
    finished, or waits and then reads the new links and archived marks."""
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


def _totals(objective_id: int) -> tuple[int, float]:
    row = (
        ObjectiveRollup.objects.filter(objective_id=objective_id)
        .values_list("key_results", "progress_sum")
        .first()
    )
    return (0, 0.0) if row is None else (row[0], row[1])


def rollup_move(*, objective: Objective, old_parent_id: int | None) -> None:
    """After `objective.parent_id` changed: its subtree's totals leave the old chain and join
    the new one (one statement). Locks the subtree first (`_lock_subtree`)."""
    _lock_subtree(subtree_ids(objective.pk))
    n, s = _totals(objective.pk)
    changes = []
    if old_parent_id is not None:
        changes.append((old_parent_id, -n, -s))
    if objective.parent_id is not None:
        changes.append((objective.parent_id, n, s))
    rollup_add_many(changes)


def rollup_archive(*, objective: Objective) -> None:
    """After `objective.archived_at` was set or cleared (and saved): its subtree's totals leave
    the chain above it and its own roll-up is emptied, or it is computed again and joins the
    chain. Locks the subtree first (`_lock_subtree`)."""
    subtree = subtree_ids(objective.pk)
    _lock_subtree(subtree)
    if objective.archived_at is not None:
        n, s = _totals(objective.pk)
        ObjectiveRollup.objects.filter(objective_id=objective.pk).delete()
        if objective.parent_id is not None:
            rollup_add(objective_id=objective.parent_id, key_results=-n, progress=-s)
        return
    objective_table, key_result, _rollup = _names()
    # Its own roll-up, by the rule, from the KRs of the subtree (below it, each child's roll-up
    # was kept while it was archived: only its row and the chain above it changed).
    where = "WHERE objective_id IN (" + ", ".join(["%s"] * len(subtree)) + ")"
    sql = f"""
        WITH RECURSIVE {_chain(objective_table, _starts(key_result, where))}
        SELECT COUNT(*), SUM(n), SUM(s) FROM chain WHERE id = %s
    """  # noqa: S608 - names from the models, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [*subtree, objective.pk])
        found, n, s = cursor.fetchone()
    if not found:
        return
    # The row is created here, then the chain above it gets the same totals.
    ObjectiveRollup.objects.update_or_create(
        objective_id=objective.pk, defaults={"key_results": n, "progress_sum": s}
    )
    if objective.parent_id is not None:
        rollup_add(objective_id=objective.parent_id, key_results=n, progress=s)


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


def _starts(key_result: str, where: str) -> str:
    """Each objective's KRs that count, summed: the KR half of the rule (`rollup_share`) in SQL."""
    return f"""
        SELECT objective_id AS start, COUNT(*) AS n, SUM(progress) AS s
        FROM {key_result} {where} {"AND" if where else "WHERE"} archived_at IS NULL
        GROUP BY objective_id
    """  # noqa: S608 - names from the models


def rollups_compute(
    *,
    using: BaseDatabaseWrapper | None = None,
    names: tuple[str, str, str] | None = None,
    period_id: int | None = None,
) -> int:
    """Replace the roll-ups of a period's objectives (every period's: None) with what the KR
    rows give by the rule (`_starts`, `_chain`); returns how many objectives have one.

    Raw SQL over the tables only, so a migration runs it with its own connection (`using`) and
    table names (`names`: objective, key result, roll-up, quoted), as `rollups_rebuild` does.
    """
    objective, key_result, rollup = names or _names(using)
    # Both tables hold `objective_id`: one condition scopes the KRs read and the rows replaced.
    where, params = "", []
    if period_id is not None:
        where = f"WHERE objective_id IN (SELECT id FROM {objective} WHERE period_id = %s)"  # noqa: S608
        params = [period_id]
    with (using or connection).cursor() as cursor:
        cursor.execute(f"DELETE FROM {rollup} {where}", params)  # noqa: S608
        cursor.execute(
            f"""
            INSERT INTO {rollup} (objective_id, key_results, progress_sum)
            WITH RECURSIVE {_chain(objective, _starts(key_result, where))}
            SELECT id, SUM(n), SUM(s) FROM chain GROUP BY id
            """,  # noqa: S608 - names from the models, values as parameters
            params,
        )
        cursor.execute(f"SELECT COUNT(*) FROM {rollup} {where}", params)  # noqa: S608
        return int(cursor.fetchone()[0])


def rollups_rebuild(*, period_id: int | None = None) -> int:
    """Compute the roll-ups of a period's objectives (every period's: None) from the KR rows.

    Replaces the rows, in one transaction; returns how many objectives have one. On PostgreSQL
    the table is locked against writes first (reads go on), so a writer that moved a KR
    meanwhile waits at its roll-up, last in its transaction, and then adds to the result
    computed here (which its uncommitted change is not part of); on SQLite the transaction
    holds the write lock from its start (IMMEDIATE).
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            _objective, _key_result, rollup = _names()
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {rollup} IN EXCLUSIVE MODE")
        return rollups_compute(period_id=period_id)
