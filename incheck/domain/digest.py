"""The weekly digest's judgements: what moved in a week, and the rhythm against the week before.

A KR **moved** when its progress or its confidence is not what it was when the week began
(a check-in that repeats the same number is not a move). Progress is compared as a share of
the KR's range (``domain.progress``), so a milestone moves from 0 to 100 %. Blockers are listed
oldest first: the longer something is in the way, the more it needs the lead.

>>> week_move(progress_then=0.2, progress_now=0.35, confidence_then=6, confidence_now=7)
Move(progress_then=0.2, progress_now=0.35, confidence_then=6, confidence_now=7)
>>> week_move(progress_then=0.2, progress_now=0.2, confidence_then=6, confidence_now=6) is None
True
"""

from __future__ import annotations

from dataclasses import dataclass

_NOISE = 1e-9


@dataclass(frozen=True)
class Move:
    progress_then: float
    progress_now: float
    confidence_then: int | None
    confidence_now: int | None

    @property
    def progress_points(self) -> int:
        """The change in percentage points of the KR's range."""
        return round((self.progress_now - self.progress_then) * 100)

    @property
    def confidence_change(self) -> int | None:
        if self.confidence_then is None or self.confidence_now is None:
            return None
        return self.confidence_now - self.confidence_then


def week_move(
    *,
    progress_then: float,
    progress_now: float,
    confidence_then: int | None,
    confidence_now: int | None,
) -> Move | None:
    """The week's move of one KR, or None when nothing changed."""
    progress_moved = abs(progress_now - progress_then) > _NOISE
    confidence_moved = confidence_now is not None and confidence_now != confidence_then
    if not (progress_moved or confidence_moved):
        return None
    return Move(progress_then, progress_now, confidence_then, confidence_now)
