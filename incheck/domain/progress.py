"""Progress, score and pace of a key result, as plain functions over plain values.

A key result (KR) has a type, a start value and a target value:

- ``increase``: the number should go up from start to target (20 → 200 leads).
- ``decrease``: the number should go down from start to target (40 → 10 open bugs).
- ``milestone``: done or not done. Its value is 0 (not reached) or 1 (reached); a milestone
  check-in carries ``reached`` instead of a number.

Decisions worth knowing (see also DESIGN.md §1):

- Progress is the share of the way from start to target, clamped to 0..1: overshooting the
  target is still 1.0 and going the wrong way is still 0.0, so one KR can never hide another
  in a sum or an average.
- The formula is the same for increase and decrease ((current - start) / (target - start));
  the type only matters when start == target, where there is no "way" to measure and the KR
  counts as reached once the current value is on the right side of the target.
- A value that is not a number (NaN) counts as no progress rather than spreading through
  averages and charts.
- The score is the progress rounded half-up to two decimals on the number as written
  (0.285 → 0.29), which is what a person rounding by hand expects; Python's ``round`` would
  give 0.28 because 0.285 is stored as 0.28499….
- Pace is linear from the first day (0) to the last day (1) of the period: on the last day the
  whole target is expected.

Errors are ``ValueError`` with a stable code in ``args[0]`` (the codes below), so services can
turn them into a ``DomainError`` without parsing messages.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

KR_TYPES = ("increase", "decrease", "milestone")

# Stable error codes (ValueError.args[0]).
UNKNOWN_KR_TYPE = "unknown_kr_type"
VALUE_ON_MILESTONE = "value_on_milestone"
VALUE_NOT_FINITE = "value_not_finite"
VALUE_OUT_OF_RANGE = "value_out_of_range"
REACHED_ON_NUMERIC = "reached_on_numeric"
PERIOD_ENDS_BEFORE_START = "period_ends_before_start"

# Larger than any count or amount a team tracks, small enough that differences of two values
# stay exact-ish floats and fit any database numeric column we use.
MAX_MAGNITUDE = 1e12


def _check_kr_type(kr_type: str) -> None:
    """Refuse a type that is not one of KR_TYPES (``unknown_kr_type``)."""
    if kr_type not in KR_TYPES:
        raise ValueError(UNKNOWN_KR_TYPE)


def progress_fraction(*, kr_type: str, start: float, target: float, current: float | None) -> float:
    """How far a KR has come from start to target, as a fraction clamped to 0..1.

    ``current`` None (no value yet) is 0.0. A milestone is 1.0 once its value is 1 (reached).

    >>> progress_fraction(kr_type="increase", start=20, target=200, current=65)
    0.25
    >>> progress_fraction(kr_type="decrease", start=40, target=10, current=25)
    0.5
    >>> progress_fraction(kr_type="increase", start=0, target=10, current=12)
    1.0
    """
    _check_kr_type(kr_type)
    if current is None:
        return 0.0
    if kr_type == "milestone":
        return 1.0 if current >= 1 else 0.0
    if start == target:
        # No distance to cover: reached once on the right side of the target.
        reached = current >= target if kr_type == "increase" else current <= target
        return 1.0 if reached else 0.0
    # (start - current) / (start - target) for decrease is the same number, so one formula
    # serves both and keeps them exact mirror images.
    fraction = (current - start) / (target - start)
    if math.isnan(fraction):
        # NaN inputs, or infinities that cancel: not a measurable step forward.
        return 0.0
    return min(1.0, max(0.0, fraction))


def score(*, kr_type: str, start: float, target: float, current: float | None) -> float:
    """The method's end-of-period *score*: progress 0..1 rounded half-up to 2 decimals.

    The Outcome check-in shows it next to the final value; calibration compares it with the
    confidence forecasts.

    >>> score(kr_type="increase", start=0, target=200, current=57)
    0.29
    >>> score(kr_type="milestone", start=0, target=1, current=1)
    1.0
    """
    fraction = progress_fraction(kr_type=kr_type, start=start, target=target, current=current)
    # repr() gives the shortest decimal that round-trips (0.285, not 0.28499…), so half-up
    # rounding works on the number a person would write down.
    return float(Decimal(repr(fraction)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def pace_start(period_start: date, joined_on: date, period_end: date | None = None) -> date:
    """The day a KR's pace starts: the day it joined the period, never before the period (nor
    after its last day, for a KR added to a period that is over).

    A KR added in the middle of a period is not behind on the day it is added; one drafted
    before the period (or carried over at check-out) runs from the period's first day.

    >>> pace_start(date(2026, 10, 1), date(2026, 11, 24))
    datetime.date(2026, 11, 24)
    >>> pace_start(date(2026, 10, 1), date(2026, 9, 20))
    datetime.date(2026, 10, 1)
    """
    start = max(period_start, joined_on)
    return min(start, period_end) if period_end is not None else start


def expected_fraction(*, period_start: date, period_end: date, today: date) -> float:
    """The linear pace: the share of the period elapsed on ``today``, 0..1.

    0.0 on or before the first day, 1.0 on or after the last day. A one-day period expects
    nothing before its day and everything on it.

    >>> expected_fraction(
    ...     period_start=date(2026, 1, 1), period_end=date(2026, 1, 11), today=date(2026, 1, 6)
    ... )
    0.5
    """
    if period_end < period_start:
        raise ValueError(PERIOD_ENDS_BEFORE_START)
    if today >= period_end:
        return 1.0
    if today <= period_start:
        return 0.0
    return (today - period_start).days / (period_end - period_start).days


def expected_value(
    *, start: float, target: float, period_start: date, period_end: date, on: date
) -> float:
    """The value the pace line expects on a day: start + (target - start) × elapsed share.

    >>> expected_value(
    ...     start=40, target=10, period_start=date(2026, 1, 1), period_end=date(2026, 1, 11),
    ...     on=date(2026, 1, 6),
    ... )
    25.0
    """
    elapsed = expected_fraction(period_start=period_start, period_end=period_end, today=on)
    return start + (target - start) * elapsed


def validate_value(*, kr_type: str, value: float | None) -> None:
    """Refuse a value a KR of this type cannot hold; None (no value) is always fine.

    Raises ``ValueError`` with one of these codes in ``args[0]``:

    - ``value_on_milestone``: a milestone takes ``reached``, never a number;
    - ``value_not_finite``: NaN or ±infinity;
    - ``value_out_of_range``: magnitude above 1e12 (a typo, not a target).

    >>> validate_value(kr_type="increase", value=34)
    >>> validate_value(kr_type="milestone", value=1)
    Traceback (most recent call last):
    ...
    ValueError: value_on_milestone
    """
    _check_kr_type(kr_type)
    if value is None:
        return
    if kr_type == "milestone":
        raise ValueError(VALUE_ON_MILESTONE)
    if not math.isfinite(value):
        raise ValueError(VALUE_NOT_FINITE)
    if abs(value) > MAX_MAGNITUDE:
        raise ValueError(VALUE_OUT_OF_RANGE)


def value_left_by(
    *, kr_type: str, current: float | None, entry_value: float | None, reached: bool | None
) -> float | None:
    """The KR's current value after a check-in: "the value a check-in leaves".

    For increase/decrease the check-in may carry a new ``entry_value``; without one the
    current value stays. ``reached`` is refused there (``reached_on_numeric``).

    For a milestone the check-in carries ``reached``: True leaves 1.0, False leaves 0.0 (a
    milestone can be un-reached, e.g. a launch rolled back) and None leaves the current value.
    A number is refused (``value_on_milestone``).

    >>> value_left_by(kr_type="increase", current=20, entry_value=34, reached=None)
    34
    >>> value_left_by(kr_type="milestone", current=0.0, entry_value=None, reached=True)
    1.0
    """
    validate_value(kr_type=kr_type, value=entry_value)
    if kr_type == "milestone":
        if reached is None:
            return current
        return 1.0 if reached else 0.0
    if reached is not None:
        raise ValueError(REACHED_ON_NUMERIC)
    return current if entry_value is None else entry_value
