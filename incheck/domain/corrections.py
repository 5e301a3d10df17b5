"""Correcting a sitting: who may, until when, and the KR's summaries read again from history.

A person who mistyped a check-in may fix its text or value, or delete the sitting, for a while
after writing it; after that it is history (the reflection at check-out reads what was said at
the time). When a sitting changes, the summaries on the KR row (current value, confidence, open
Next Up, …) are computed again from the check-ins that remain, by `replay`, in the same
transaction.

>>> from datetime import UTC
>>> start = datetime(2026, 11, 24, 9, tzinfo=UTC)
>>> def ask(hours):
...     return correction_problem(actor_id=1, author_ids={1}, written_at=start,
...                               now=start + timedelta(hours=hours), period_closed=False)
>>> ask(23) is None, ask(25)
(True, 'correction_window_passed')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from incheck.domain.progress import value_left_by

# How long the author may correct or delete a sitting: a day, to fix a typo or a wrong number,
# not to rewrite a forecast once the outcome is known.
CORRECTION_WINDOW = timedelta(hours=24)


def correction_problem(
    *,
    actor_id: int,
    author_ids: set[int],
    written_at: datetime,
    now: datetime,
    period_closed: bool,
) -> str | None:
    """Why the actor may not correct this sitting now (a code), or None when they may.

    Only its author, within `CORRECTION_WINDOW` of writing it, in an open period.
    """
    if author_ids != {actor_id}:
        return "not_the_author"
    if period_closed:
        return "period_closed"
    if now - written_at > CORRECTION_WINDOW:
        return "correction_window_passed"
    return None


@dataclass(frozen=True)
class Row:
    """A check-in as the summaries see it."""

    id: int
    kind: str
    at: datetime
    value: float | None = None
    reached: bool | None = None
    level: int | None = None
    # A Next Up's closing time (a closure also counts as a check-in on the KR).
    closed_at: datetime | None = None


@dataclass(frozen=True)
class Summaries:
    """What the KR row keeps about its check-ins."""

    current_value: float | None
    last_check_in_at: datetime | None
    last_progress_at: datetime | None
    last_context_at: datetime | None
    confidence: int | None
    previous_confidence: int | None
    open_next_up_id: int | None
    outcome_id: int | None


def replay(*, kr_type: str, start_value: float, rows: Iterable[Row]) -> Summaries:
    """The KR's summaries from its check-ins, oldest first (by time, then id): the same
    summaries the sittings kept as they were written.

    >>> from datetime import UTC
    >>> at = datetime(2026, 11, 2, tzinfo=UTC)
    >>> s = replay(kr_type="increase", start_value=60, rows=[
    ...     Row(1, "progress", at, value=70), Row(2, "confidence", at, level=6),
    ...     Row(3, "progress", at + timedelta(days=7), value=94)])
    >>> s.current_value, s.confidence, s.last_progress_at.day
    (94, 6, 9)
    """
    current: float | None = start_value
    last_check_in = last_progress = last_context = None
    confidence = previous = None
    open_next_up = outcome = None
    for row in sorted(rows, key=lambda r: (r.at, r.id)):
        last_check_in = _later(last_check_in, row.at)
        if row.closed_at is not None:
            last_check_in = _later(last_check_in, row.closed_at)
        if row.kind in {"progress", "outcome"}:
            current = value_left_by(
                kr_type=kr_type, current=current, entry_value=row.value, reached=row.reached
            )
            last_progress = row.at
        if row.kind == "outcome":
            outcome = row.id
        if row.kind == "context":
            last_context = row.at
        if row.kind == "confidence":
            previous, confidence = confidence, row.level
        if row.kind == "next_up" and row.closed_at is None:
            open_next_up = row.id
    return Summaries(
        current_value=current,
        last_check_in_at=last_check_in,
        last_progress_at=last_progress,
        last_context_at=last_context,
        confidence=confidence,
        previous_confidence=previous,
        open_next_up_id=open_next_up,
        outcome_id=outcome,
    )


def _later(a: datetime | None, b: datetime) -> datetime:
    return b if a is None or b > a else a
