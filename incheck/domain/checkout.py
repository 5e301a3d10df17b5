"""The period check-out: which KRs are unfinished, and where a carried-over copy starts.

Decisions worth knowing:

- **Unfinished** means a final score below 1: the Outcome's score when one was written (an
  adjusted score is the owner's judgement and wins), otherwise the score of the KR's last
  value. An objective is unfinished when any of its KRs is, or when it has no KR at all
  (nothing was reached).
- **A carried-over KR keeps its target and starts from where the old one ended**: the new
  period measures the way still to go. When the last value is missing, or is already on or
  past the target (an Outcome adjusted below 1 although the number was reached), the copy
  keeps the old start so that start and target still point the KR's way.

>>> carried_start(kr_type="increase", start=60, target=200, current=140)
140
>>> carried_start(kr_type="decrease", start=40, target=10, current=5)
40
"""

from __future__ import annotations

import math

from incheck.domain.progress import score


def kr_final_score(
    *, outcome_score: float | None, kr_type: str, start: float, target: float, current: float | None
) -> float:
    """The Outcome's score if there is one, else the score of the last value.

    >>> kr_final_score(outcome_score=None, kr_type="increase", start=0, target=10, current=4)
    0.4
    """
    if outcome_score is not None:
        return outcome_score
    return score(kr_type=kr_type, start=start, target=target, current=current)


def is_unfinished(
    *, outcome_score: float | None, kr_type: str, start: float, target: float, current: float | None
) -> bool:
    """A KR is unfinished while its final score is below 1 (see the module docstring)."""
    final = kr_final_score(
        outcome_score=outcome_score, kr_type=kr_type, start=start, target=target, current=current
    )
    return final < 1


def carried_start(*, kr_type: str, start: float, target: float, current: float | None) -> float:
    """Where the copy of an unfinished KR starts: its last value, if that still leads to target.

    >>> carried_start(kr_type="milestone", start=0, target=1, current=0)
    0
    """
    if current is None or not math.isfinite(current):
        return start
    if kr_type == "milestone":
        # A milestone's scale is always 0 → 1; an unfinished one starts again at 0.
        return start
    before_target = current < target if kr_type == "increase" else current > target
    return current if before_target else start
