"""Blockers into insights, and continue / consider feedback."""

from __future__ import annotations

from django.db import transaction

from incheck import clock
from incheck.domain.checkins import feedback_problems, resolution_problems
from incheck.domain.permissions import may_give_feedback
from incheck.errors import Conflict, Forbidden, Invalid, NotFound
from incheck.notify import events
from incheck.okrs.messages import message, messages_for
from incheck.okrs.models import CheckIn, Feedback, KeyResult
from incheck.okrs.services.access import User, actor_for
from incheck.okrs.services.checkins import _check_may_write
from incheck.okrs.services.locks import key_result_locked


@transaction.atomic
def blocker_resolve(*, actor: User, blocker_id: int, resolution: str) -> CheckIn:
    """Resolve a blocker with the way around it; the resolution is recorded as an insight."""
    blockers = CheckIn.objects.filter(pk=blocker_id)
    key_result_id = blockers.values_list("key_result_id", flat=True).first()
    if key_result_id is None:
        raise NotFound(code="not_found")
    key_result = key_result_locked(key_result_id)
    # Read after the lock: a resolution that committed while this one waited is seen (409).
    blocker = blockers.first()
    if blocker is None:
        raise NotFound(code="not_found")
    _check_may_write(actor, key_result)
    if blocker.signal != CheckIn.Signal.BLOCKER:
        raise Invalid(message("not_a_blocker"), code="not_a_blocker")
    if blocker.resolved_at is not None:
        raise Conflict(message("blocker_resolved"), code="blocker_resolved")
    if key_result.objective.period.is_closed:
        raise Conflict(message("period_closed"), code="period_closed")
    problems = resolution_problems(resolution)
    if problems:
        raise Invalid(fields=messages_for(problems), code="invalid")
    resolution = resolution.strip()
    at = clock.now()
    blocker.resolved_at = at
    blocker.resolution = resolution
    blocker.resolved_by_id = actor_for(actor).user_id
    blocker.save(update_fields=["resolved_at", "resolution", "resolved_by"])
    insight = CheckIn.objects.create(
        key_result=key_result,
        author_id=actor_for(actor).user_id,
        created_at=at,
        kind=CheckIn.Kind.INSIGHT,
        signal=CheckIn.Signal.INSIGHT,
        text=resolution,
        resolves=blocker,
    )
    key_result.last_check_in_at = at
    key_result.save(update_fields=["last_check_in_at"])
    events.blocker_resolved(blocker, key_result)
    return insight


@transaction.atomic
def feedback_create(
    *, actor: User, key_result_id: int, signal: str, text: str, check_in_id: int | None = None
) -> Feedback:
    """Continue / consider feedback from a lead or colleague on someone's KR."""
    key_result = KeyResult.objects.filter(pk=key_result_id).first()
    if key_result is None:
        raise NotFound(code="not_found")
    if not may_give_feedback(actor_for(actor), owner_id=key_result.owner_id):
        raise Forbidden(message("feedback_on_own"), code="feedback_on_own")
    problems = feedback_problems(signal=signal, text=text)
    if (
        check_in_id is not None
        and not CheckIn.objects.filter(pk=check_in_id, key_result_id=key_result_id).exists()
    ):
        problems["check_in"] = "not_found"
    if problems:
        raise Invalid(message("invalid_input"), code="invalid", fields=messages_for(problems))
    text = text.strip()
    return Feedback.objects.create(
        key_result=key_result,
        check_in_id=check_in_id,
        author_id=actor_for(actor).user_id,
        signal=signal,
        text=text,
        created_at=clock.now(),
    )
