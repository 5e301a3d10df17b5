"""The check-in sitting: several typed check-ins on one KR, written in one transaction.

The KR's summaries (current value, last check-in, confidence, open Next Up, outcome) change in
the same transaction, so a page of KRs and their health reads from the KR rows alone.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from incheck import clock
from incheck.domain.checkins import (
    Closure,
    Entry,
    SittingFacts,
    closure_problems,
    needs_score_reason,
    outcome_score,
    sitting_problems,
)
from incheck.domain.permissions import may_check_in
from incheck.domain.progress import value_left_by
from incheck.domain.vocabulary import SIGNAL_KINDS
from incheck.errors import Conflict, Forbidden, Invalid, NotFound
from incheck.notify import events
from incheck.okrs.messages import message, messages_for
from incheck.okrs.models import CheckIn, KeyResult
from incheck.okrs.services.access import (
    User,
    actor_for,
    actor_without_teams,
    key_result_team_ids,
)
from incheck.okrs.services.idempotency import claim, remember
from incheck.okrs.services.locks import key_result_locked
from incheck.okrs.services.rollups import rollup_change, rollup_share
from incheck.okrs.services.summaries import refresh_progress
from incheck.prepared import insert_rows, update_columns

# The KR columns a sitting writes (services keep them; see models.KeyResult).
SUMMARY_FIELDS = (
    "current_value",
    "progress",
    "last_check_in_at",
    "last_progress_at",
    "last_context_at",
    "confidence",
    "previous_confidence",
    "open_next_up",
    "outcome",
)

# The columns a closure writes on its Next Up.
CLOSURE_FIELDS = ("closure", "happened", "learned", "actual_value", "closed_at")


@dataclass(frozen=True)
class Sitting:
    """What one sitting wrote: its id, the check-ins, and the KR after it."""

    id: uuid.UUID
    check_ins: list[CheckIn]
    key_result: KeyResult
    closed_next_up: CheckIn | None
    # True when this was a repeat of a submitted form: nothing was written this time.
    replayed: bool = False


def _check_may_write(actor: User, key_result: KeyResult) -> None:
    # The owner (or an admin) is let in without their teams read; anyone else is asked about
    # with their teams and the KR's (`actor_without_teams`).
    if not may_check_in(
        actor_without_teams(actor), owner_id=key_result.owner_id, team_ids=frozenset()
    ):
        facts = actor_for(actor)
        team_ids = key_result_team_ids(key_result, known=facts)
        if not may_check_in(facts, owner_id=key_result.owner_id, team_ids=team_ids):
            raise Forbidden(message("forbidden"), code="forbidden")
    # An archived KR was given up: its history stays as it is until it is brought back.
    if key_result.archived_at is not None or key_result.objective.archived_at is not None:
        raise Conflict(message("key_result_archived"), code="archived")


def _check_may_close(actor: User, next_up: CheckIn, key_result: KeyResult) -> None:
    # Only the one who made the promise says how it went: the KR's owner (or an admin).
    facts = actor_without_teams(actor)  # no teams in this rule
    if not (facts.is_admin or facts.user_id in {key_result.owner_id, next_up.author_id}):
        raise Forbidden(message("forbidden"), code="forbidden")


def _raise_problems(problems: dict[str, str]) -> None:
    if problems.get("sitting") == "period_closed":
        raise Conflict(message("period_closed"), code="period_closed")
    if problems:
        raise Invalid(message("invalid_input"), code="invalid", fields=messages_for(problems))


def _close(
    next_up: CheckIn, closure: Closure, *, actual_value: float | None, at: dt.datetime
) -> None:
    next_up.closure = closure.status
    next_up.happened = closure.happened.strip()
    next_up.learned = closure.learned.strip()
    next_up.actual_value = actual_value
    next_up.closed_at = at
    # An UPDATE of these columns straight away, built once (`incheck.prepared`): what
    # save(update_fields=…) runs, without the model machinery around it (a sitting's cost is
    # mostly Django building statements).
    update_columns(next_up, CLOSURE_FIELDS)


def _row(
    key_result: KeyResult, entry: Entry, *, author_id: int, sitting: uuid.UUID, at: dt.datetime
) -> CheckIn:
    signal = entry.kind if entry.kind in SIGNAL_KINDS else entry.signal
    return CheckIn(
        key_result=key_result,
        author_id=author_id,
        created_at=at,
        sitting=sitting,
        kind=entry.kind,
        text=entry.text.strip(),
        signal=signal,
        value=entry.value,
        reached=entry.reached,
        level=entry.level,
        due_on=entry.due_on,
        expected_value=entry.expected_value,
        score=entry.score,
        score_reason=entry.score_reason.strip(),
        way_around=entry.way_around.strip(),
    )


def _apply(key_result: KeyResult, check_in: CheckIn) -> None:
    """Move the KR's summaries by one check-in."""
    at = check_in.created_at
    key_result.last_check_in_at = at
    if check_in.kind in {"progress", "outcome"}:
        key_result.current_value = value_left_by(
            kr_type=key_result.kr_type,
            current=key_result.current_value,
            entry_value=check_in.value,
            reached=check_in.reached,
        )
        key_result.last_progress_at = at
    if check_in.kind == "outcome":
        key_result.outcome = check_in
    if check_in.kind == "context":
        key_result.last_context_at = at
    if check_in.kind == "confidence":
        key_result.previous_confidence = key_result.confidence
        key_result.confidence = check_in.level
    if check_in.kind == "next_up":
        key_result.open_next_up = check_in


@transaction.atomic
def checkin_sitting_create(
    *,
    actor: User,
    key_result_id: int,
    entries: Sequence[Entry],
    closure: Closure | None = None,
    tz: dt.tzinfo | None = None,
    submission: uuid.UUID | None = None,
) -> Sitting:
    """Write one sitting: the check-ins, the closure of the open Next Up, and the KR summaries.

    Nothing is written when any rule is broken; `Invalid` names every field at once.
    `submission`, the check-in form's one-time token: the same token again (a double click, a
    browser's retry) writes nothing and returns the sitting it recorded, `replayed`.
    """
    key_result = key_result_locked(key_result_id)
    _check_may_write(actor, key_result)
    claimed = None
    if submission is not None:
        # Under the KR's lock: a second submission waits for the first and then finds it.
        key = f"check-in form {submission}"
        claimed = claim(user_id=int(actor.pk), key=key, fingerprint="")  # type: ignore[arg-type]
        if not claimed.first:
            return _recorded(claimed.record.body, key_result)
    at = clock.now()
    period = key_result.objective.period
    today = clock.today(tz or clock.zone(None))
    facts = SittingFacts(
        kr_type=key_result.kr_type,
        confidence=key_result.confidence,
        has_open_next_up=key_result.open_next_up_id is not None,
        period_closed=period.is_closed,
        today=today,
        period_ended=today > period.end_on,
    )
    problems = sitting_problems(entries, closure, facts)
    # The Outcome's score is computed once, here: for the reason rule and for the row. Only a
    # well-formed outcome has a final value to score ("reached" on a numeric KR is a problem
    # already, and would not compute). A refused sitting (a closed period, nothing in it) had
    # no entry judged at all.
    outcome = next((entry for entry in entries if entry.kind == "outcome"), None)
    computed_score: float | None = None
    judged = "sitting" not in problems
    if (
        judged
        and outcome is not None
        and not {"outcome.value", "outcome.reached"} & problems.keys()
    ):
        computed_score = outcome_score(
            outcome,
            kr_type=key_result.kr_type,
            start=key_result.start_value,
            target=key_result.target_value,
            current=key_result.current_value,
        )
        if needs_score_reason(
            computed=computed_score, given=outcome.score, reason=outcome.score_reason
        ):
            problems["outcome.score_reason"] = "score_reason_required"
    _raise_problems(problems)
    if closure is not None and key_result.open_next_up is not None:
        _check_may_close(actor, key_result.open_next_up, key_result)

    # Taken before the rows apply: a Next Up in this sitting replaces `open_next_up`.
    previous_next_up = key_result.open_next_up
    sitting_id = uuid.uuid4()
    rows = [
        _row(key_result, entry, author_id=int(actor.pk), sitting=sitting_id, at=at)  # type: ignore[arg-type]
        for entry in entries
    ]
    # Progress first, so a Next Up closed in this sitting is compared with the new value.
    rows.sort(key=lambda row: 0 if row.kind in {"progress", "outcome"} else 1)
    for row in rows:
        if row.kind == "outcome" and row.score is None:
            row.score = computed_score
        _apply(key_result, row)
    # One INSERT for the sitting's rows (their ids come back on both databases), not one each,
    # built once a process (`incheck.prepared`): what bulk_create runs.
    insert_rows(rows)
    closed = None
    if closure is not None and previous_next_up is not None:
        closed = previous_next_up
        new_next_up = next((row for row in rows if row.kind == "next_up"), None)
        _close(closed, closure, actual_value=key_result.current_value, at=at)
        key_result.open_next_up = new_next_up
        key_result.last_check_in_at = at
    share_before = rollup_share(key_result)
    refresh_progress(key_result)
    # Only the summaries a sitting moves: a smaller UPDATE than every column of the row.
    update_columns(key_result, SUMMARY_FIELDS)
    if claimed is not None:
        remember(claimed.record, status=201, content_type="", body=str(sitting_id))
    # For outgoing webhooks, in this transaction (an outbox): check_in.created, blocker.raised.
    events.check_ins_created(rows, key_result)
    # Last: the roll-ups above it (a statement only when the progress moved).
    rollup_change(
        objective_id=key_result.objective_id, before=share_before, after=rollup_share(key_result)
    )
    return Sitting(id=sitting_id, check_ins=rows, key_result=key_result, closed_next_up=closed)


def _recorded(sitting_id: str, key_result: KeyResult) -> Sitting:
    """The sitting a form's first submission recorded (its rows may have been edited since)."""
    recorded = uuid.UUID(sitting_id)
    rows = list(CheckIn.objects.filter(sitting=recorded, key_result=key_result).order_by("id"))
    return Sitting(
        id=recorded, check_ins=rows, key_result=key_result, closed_next_up=None, replayed=True
    )


@transaction.atomic
def next_up_close(*, actor: User, next_up_id: int, closure: Closure) -> CheckIn:
    """Close a Next Up on its own: how did it go, what happened, what was learned (rule 4)."""
    next_ups = CheckIn.objects.filter(pk=next_up_id, kind=CheckIn.Kind.NEXT_UP)
    key_result_id = next_ups.values_list("key_result_id", flat=True).first()
    if key_result_id is None:
        raise NotFound(code="not_found")
    key_result = key_result_locked(key_result_id)
    # Read after the lock: a closure that committed while this one waited is seen, and refused.
    next_up = next_ups.first()
    if next_up is None:
        raise NotFound(code="not_found")
    _check_may_close(actor, next_up, key_result)
    if key_result.objective.period.is_closed:
        raise Conflict(message("period_closed"), code="period_closed")
    if next_up.closed_at is not None:
        raise Conflict(message("next_up_closed"), code="next_up_closed")
    _raise_problems(closure_problems(closure))
    at = clock.now()
    _close(next_up, closure, actual_value=key_result.current_value, at=at)
    if key_result.open_next_up_id == next_up.pk:
        key_result.open_next_up = None
    key_result.last_check_in_at = at
    key_result.save(update_fields=["open_next_up", "last_check_in_at"])
    return next_up
