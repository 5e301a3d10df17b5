"""Correcting a sitting: its author fixes a text or a value, or deletes it, within a day.

The KR row is locked first (`locks.key_result_locked`), then the sitting and the KR's history
are read, so two corrections (or a correction and a new sitting) never interleave. The KR's
summaries are then computed again from the check-ins that remain (`domain.corrections.replay`)
in the same transaction; the corrected check-ins carry `edited_at`, and the timeline says
"edited". After `CORRECTION_WINDOW`, or once the period is closed, the sitting is history.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import replace

from django.db import transaction

from incheck import clock
from incheck.domain.checkins import Entry, SittingFacts, entry_problems
from incheck.domain.corrections import Row, correction_problem, replay
from incheck.errors import Conflict, Forbidden, Invalid, NotFound
from incheck.okrs.messages import message, messages_for
from incheck.okrs.models import CheckIn, Feedback, KeyResult
from incheck.okrs.services.access import User, actor_for
from incheck.okrs.services.locks import key_result_locked
from incheck.okrs.services.rollups import rollup_change, rollup_share
from incheck.okrs.services.summaries import refresh_progress

# What a correction may change: the words and the numbers, never the kind or the time.
CORRECTABLE = ("text", "value", "reached", "level", "due_on", "expected_value", "way_around")


def _sitting(actor: User, sitting_id: uuid.UUID) -> tuple[KeyResult, list[CheckIn]]:
    """The KR (locked) and the sitting's check-ins read after the lock; the rule checked."""
    kr_id = (
        CheckIn.objects.filter(sitting=sitting_id).values_list("key_result_id", flat=True).first()
    )
    if kr_id is None:
        raise NotFound(code="not_found")
    key_result = key_result_locked(kr_id)
    rows = list(CheckIn.objects.filter(sitting=sitting_id, key_result=key_result).order_by("id"))
    if not rows:
        raise NotFound(code="not_found")  # deleted while we waited for the lock
    check_correctable(actor, key_result, rows)
    return key_result, rows


def check_correctable(actor: User, key_result: KeyResult, rows: Sequence[CheckIn]) -> None:
    """`domain.corrections.correction_problem` as the error a page or the API shows: 403 for
    anyone but the author, 409 once the day has passed or the period is closed."""
    problem = correction_problem(
        actor_id=actor_for(actor).user_id,
        author_ids={row.author_id for row in rows},
        written_at=min(row.created_at for row in rows),
        now=clock.now(),
        period_closed=key_result.objective.period.is_closed,
    )
    if problem == "not_the_author":
        raise Forbidden(message("correction_not_author"), code="forbidden")
    if problem is not None:
        raise Conflict(message(problem), code=problem)


def _resummarise(key_result: KeyResult) -> None:
    """The KR's summaries again from every check-in it keeps (one query)."""
    history = CheckIn.objects.filter(key_result=key_result).values_list(
        "id", "kind", "created_at", "value", "reached", "level", "closed_at"
    )
    summaries = replay(
        kr_type=key_result.kr_type,
        start_value=key_result.start_value,
        rows=[Row(*values) for values in history],
    )
    key_result.current_value = summaries.current_value
    key_result.last_check_in_at = summaries.last_check_in_at
    key_result.last_progress_at = summaries.last_progress_at
    key_result.last_context_at = summaries.last_context_at
    key_result.confidence = summaries.confidence
    key_result.previous_confidence = summaries.previous_confidence
    key_result.open_next_up_id = summaries.open_next_up_id
    key_result.outcome_id = summaries.outcome_id
    share_before = rollup_share(key_result)
    refresh_progress(key_result).save()
    # Last in the transaction (both callers end here): the roll-ups above it (an archived KR's
    # history can be corrected; it counts in none).
    rollup_change(
        objective_id=key_result.objective_id, before=share_before, after=rollup_share(key_result)
    )


def _confidence_before(key_result: KeyResult, at: dt.datetime) -> int | None:
    """The confidence the KR had before a moment (what a move is measured from)."""
    return (
        CheckIn.objects.filter(
            key_result=key_result, kind=CheckIn.Kind.CONFIDENCE, created_at__lt=at
        )
        .order_by("-created_at", "-id")
        .values_list("level", flat=True)
        .first()
    )


@transaction.atomic
def sitting_correct(
    *, actor: User, sitting_id: uuid.UUID, entries: Sequence[Entry], tz: dt.tzinfo | None = None
) -> list[CheckIn]:
    """Correct the text or value of check-ins of one's own sitting, within a day.

    `entries` name a kind of the sitting each and carry its corrected fields (the others are
    kept as they are only when given as they are: an entry is the check-in as it should read).
    The rules are the sitting's (`domain.checkins.entry_problems`), with the confidence before
    this sitting; nothing changes when any is broken. The KR's summaries are recomputed.
    """
    key_result, rows = _sitting(actor, sitting_id)
    by_kind = {row.kind: row for row in rows}
    written = min(row.created_at for row in rows)
    facts = SittingFacts(
        kr_type=key_result.kr_type,
        confidence=_confidence_before(key_result, written),
        has_open_next_up=False,
        period_closed=False,
        today=clock.today(tz or clock.zone(None)),
    )
    problems: dict[str, str] = {}
    changed: list[tuple[CheckIn, Entry]] = []
    for entry in entries:
        row = by_kind.get(entry.kind)
        if row is None:
            problems[f"{entry.kind}.kind"] = "not_in_sitting"
            continue
        # The signal stays; a due date that was already past when written may stay past.
        corrected = replace(entry, signal=row.signal)
        found = entry_problems(corrected, facts)
        if corrected.due_on == row.due_on:
            found.pop("next_up.due_on", None)
        problems.update(found)
        changed.append((row, corrected))
    if not entries:
        problems["sitting"] = "empty_sitting"
    if problems:
        raise Invalid(message("invalid_input"), code="invalid", fields=messages_for(problems))
    now = clock.now()
    for row, entry in changed:
        row.text = entry.text.strip()
        row.way_around = entry.way_around.strip()
        if row.kind in {"progress", "outcome"}:
            row.value, row.reached = entry.value, entry.reached
        if row.kind == "confidence":
            row.level = entry.level
        if row.kind == "next_up":
            row.due_on, row.expected_value = entry.due_on, entry.expected_value
        row.edited_at = now
        row.save(update_fields=[*CORRECTABLE, "edited_at"])
    _resummarise(key_result)
    return rows


@transaction.atomic
def sitting_delete(*, actor: User, sitting_id: uuid.UUID) -> None:
    """Delete one's own sitting within a day; the KR's summaries are recomputed.

    A Next Up this sitting closed is open again. A sitting that later history builds on — its
    Next Up closed by a later sitting, its blocker resolved, feedback on it, or a blocker's
    resolution — stays (`Conflict`): correct its text instead.
    """
    key_result, rows = _sitting(actor, sitting_id)
    ids = [row.pk for row in rows]
    followed = (
        any(row.kind == "next_up" and row.closed_at is not None for row in rows)
        or any(row.resolved_at is not None or row.resolves_id is not None for row in rows)
        or Feedback.objects.filter(check_in_id__in=ids).exists()
    )
    if followed:
        raise Conflict(message("sitting_has_followers"), code="sitting_has_followers")
    written = min(row.created_at for row in rows)
    # The Next Up this sitting closed (closed at the sitting's time) is open again.
    CheckIn.objects.filter(
        key_result=key_result, kind=CheckIn.Kind.NEXT_UP, closed_at=written
    ).exclude(pk__in=ids).update(
        closure="", closed_at=None, happened="", learned="", actual_value=None
    )
    CheckIn.objects.filter(pk__in=ids).delete()
    _resummarise(key_result)
