"""Claiming work with filtered UPDATEs, so several machines running the jobs never send twice.

A run picks the rows that are due, then marks them as its own in one UPDATE that only touches
rows still in the state it read (``planned`` → ``sending`` with its claim id). Another run that
read the same rows updates none of them: the database serialises the two UPDATEs (PostgreSQL
re-checks the condition after the first commits; SQLite takes the write lock up front). Then
each run reads back exactly what it claimed.

A run that dies after claiming leaves rows ``sending``; after ``STALE_AFTER`` another run takes
them back (a message may then go twice, rather than never).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from django.db import models, transaction

M = TypeVar("M", bound=models.Model)

STALE_AFTER = dt.timedelta(minutes=15)
# Ids per IN (...) list: under every database's limit on parameters.
CHUNK = 500


def chunks(ids: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for value in ids:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def claim_due(
    model: type[M],
    *,
    now: dt.datetime,
    limit: int,
    due_field: str = "send_at",
    planned: str = "planned",
    sending: str = "sending",
) -> tuple[uuid.UUID, list[int]]:
    """Claim up to ``limit`` rows whose ``due_field`` has come; their ids, oldest first."""
    manager: Any = model._default_manager
    # Give back what a dead run left behind.
    manager.filter(state=sending, claimed_at__lt=now - STALE_AFTER).update(
        state=planned, claim=None
    )
    ids = list(
        manager.filter(state=planned, **{f"{due_field}__lte": now})
        .order_by(due_field, "id")
        .values_list("id", flat=True)[:limit]
    )
    claim = uuid.uuid4()
    claimed: list[int] = []
    for batch in chunks(ids):
        with transaction.atomic():
            manager.filter(pk__in=batch, state=planned).update(
                state=sending, claim=claim, claimed_at=now
            )
    if ids:
        claimed = list(
            manager.filter(claim=claim).order_by(due_field, "id").values_list("id", flat=True)
        )
    return claim, claimed
