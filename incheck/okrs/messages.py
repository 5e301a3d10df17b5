"""The words for the domain's stable codes, in the user's language."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from incheck.domain.checkins import TEXT_LIMIT
from incheck.domain.definitions import (
    DESCRIPTION_LIMIT,
    PERIOD_NAME_LIMIT,
    TITLE_LIMIT,
    UNIT_LIMIT,
)

LIMITS = {
    "text_too_long": TEXT_LIMIT,
    "title_too_long": TITLE_LIMIT,
    "unit_too_long": UNIT_LIMIT,
    "description_too_long": DESCRIPTION_LIMIT,
    "period_name_too_long": PERIOD_NAME_LIMIT,
}

MESSAGES: dict[str, Promise] = {
    "empty_sitting": _("Write at least one check-in."),
    "unknown_kind": _("That is not a kind of check-in."),
    "duplicate_kind": _("One check-in of each kind per sitting."),
    "text_too_long": _("Keep it short: at most %(limit)s characters."),
    "title_too_long": _("Keep the title under %(limit)s characters."),
    "unit_too_long": _("Keep the unit under %(limit)s characters."),
    "description_too_long": _("Keep the description under %(limit)s characters."),
    "period_name_too_long": _("Keep the name under %(limit)s characters."),
    "text_required": _("This needs a few words."),
    "blocker_text_required": _("Say what is in the way."),
    "value_required": _("Enter the new value."),
    "value_on_milestone": _("A milestone has no value: say whether it is reached."),
    "value_not_finite": _("Enter a real number."),
    "value_out_of_range": _("That number is too large."),
    "not_a_number": _("Enter a number."),
    "reached_on_numeric": _("Only a milestone is reached or not: enter the new value."),
    "reached_required": _("Say whether the milestone is reached."),
    "level_required": _("Choose a confidence from 0 to 10."),
    "level_out_of_range": _("Confidence goes from 0 to 10."),
    "confidence_reason_required": _(
        "Confidence moved two points or more: say why, and what could lower the risk."
    ),
    "confidence_reason_vague": _(
        "“Maybe” is no reason: what changed, what stands in the way, or what made you surer?"
    ),
    "next_up_required": _(
        "Never leave a key result without a Next Up: write the plan, "
        "or choose “No Next Up this time”."
    ),
    "no_next_up_with_plan": _("You wrote a Next Up: untick “No Next Up this time”."),
    "no_next_up_keeps_plan": _("The key result keeps its open Next Up: there is no plan to skip."),
    "due_on_required": _("When will it be done? Give a date."),
    "due_on_in_past": _("The date has passed: choose today or later."),
    "not_a_date": _("Enter a date as YYYY-MM-DD."),
    "signal_unknown": _("A signal is an insight or a blocker."),
    "score_out_of_range": _("A score goes from 0 to 1."),
    "score_reason_required": _("You changed the computed score: say why."),
    "closure_required": _("Close the open Next Up first: how did it go?"),
    "closure_status_unknown": _("Choose done, partly, not done or dropped."),
    "happened_required": _("Say what actually happened."),
    "no_open_next_up": _("There is no open Next Up to close."),
    "next_up_closed": _("This Next Up is already closed."),
    "period_closed": _("The period is closed: its check-ins are history now."),
    "title_required": _("Give it a title."),
    "kr_type_unknown": _("Choose increase, decrease or milestone."),
    "start_equals_target": _("The target must differ from the start."),
    "target_below_start": _("To increase, the target must be above the start."),
    "target_above_start": _("To decrease, the target must be below the start."),
    "owner_required": _("Choose a team or a person as owner."),
    "owner_ambiguous": _("An objective is owned by a team or by a person, not both."),
    "unknown_user": _("No such person."),
    "unknown_team": _("No such team."),
    "unknown_objective": _("No such objective."),
    "unknown_period": _("No such period."),
    "parent_other_period": _("Align with an objective of the same period."),
    "parent_cycle": _(
        "That objective is this one or aligned under it: aligning with it would make a loop."
    ),
    "blocker_resolved": _("This blocker is already resolved."),
    "not_a_blocker": _("This check-in is not a blocker."),
    "resolution_required": _("Say how you got around it."),
    "state_unknown": _("Choose open or resolved."),
    "review_scope_required": _("Choose a team or a person: a review is read one at a time."),
    "cursor_invalid": _("That is not a cursor from a next link: start from the first page."),
    "feedback_signal_unknown": _("Feedback is continue or consider."),
    "feedback_on_own": _("Feedback is for others' key results."),
    "period_dates": _("A period ends on or after the day it starts."),
    "date_out_of_range": _("Choose a date between 2000 and 2099."),
    "period_too_long": _("A period lasts at most a year (366 days)."),
    "name_taken": _("That name is taken."),
    "invalid_input": _("Some fields need another look."),
    "idempotency_key_invalid": _(
        "An Idempotency-Key is 1 to 255 visible ASCII characters, e.g. a UUID."
    ),
    "idempotency_key_reused": _(
        "This Idempotency-Key was used for another request in the last 24 hours."
    ),
    "unknown_field": _("This field cannot be changed here."),
    "forbidden": _("You may not change this."),
    "not_found": _("Not found."),
    # Correcting a sitting (services/corrections.py).
    "correction_not_author": _("Only the author corrects a check-in."),
    "correction_window_passed": _(
        "A check-in may be corrected for a day after it is written: this one is history now."
    ),
    "not_in_sitting": _("This sitting has no check-in of that kind."),
    "sitting_has_followers": _(
        "Later check-ins build on this one (a closed Next Up, a resolved blocker or feedback): "
        "correct its text instead."
    ),
    # Archiving (services/objectives.py, services/key_results.py).
    "key_result_archived": _(
        "This key result is archived: unarchive it (or its objective) to check in again."
    ),
    "objective_archived": _("This objective is archived: unarchive it to add key results."),
    # The period check-out (services/checkout.py).
    "period_already_closed": _("This period is already closed."),
    "carry_over_empty": _("Choose at least one objective to carry over."),
    "carry_over_backwards": _("Carry objectives into a later period."),
    "objective_finished": _("Every key result of this objective is reached: nothing to carry."),
    "already_carried": _("Already carried into that period."),
}


def message(code: str) -> str:
    """The user's-language text for a code (the code itself when it has none)."""
    text = MESSAGES.get(code)
    if text is None:
        return code
    # Formatted here, not at import, so the lazy text is translated for this request.
    limit = LIMITS.get(code)
    return str(text) % {"limit": limit} if limit is not None else str(text)


def messages_for(problems: dict[str, str]) -> dict[str, str]:
    """`{field: code}` → `{field: text}`."""
    return {field: message(code) for field, code in problems.items()}
