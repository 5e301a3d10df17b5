"""The health of a key result: which of the method's rules it breaks today.

``key_result_health`` reads a plain snapshot of a KR (the summaries the services keep on the
row) and returns its signals, most urgent first. The inbox, the KR page, the API and the
reminder jobs all read the same signals, so a rule is written once, here.

The rules (DESIGN.md §1):

=====================  ========  ====  ======================================================
code                   severity  rank  when
=====================  ========  ====  ======================================================
``next_up_overdue``    critical  1     the open Next Up was due before today and there has
                                       been no check-in on or after its due date
``dead``               critical  2     no check-in for ``dead_days``, or stale with no open
                                       Next Up (replaces ``stale``)
``context_due``        warning   3     no Context since the KR was created or last changed
                                       significantly (by time, not by day)
``next_up_missing``    warning   4     no open Next Up
``stale``              warning   5     no progress for ``stale_days``
``check_in_due``       warning   6     due in the team's rhythm (``domain.cadence``): the
                                       team's check-in day came since the last check-in, or
                                       the Next Up's date is today
``outcome_due``        warning   7     no Outcome yet and the outcome window has begun
``behind_pace``        warning   8     progress more than ``pace_tolerance`` below the
                                       linear pace
``low_confidence``     info      9     confidence at or below ``low_confidence``
``confidence_falling`` info      10    confidence fell by ``confidence_fall`` or more since
                                       the previous forecast
=====================  ========  ====  ======================================================

Judgement calls, so that they can be argued with:

- **Ranks follow severities**: a critical signal always outranks a warning, so ``worst``
  (the one primary action shown per KR) is never a mild nudge while the KR is dying. Within a
  severity the order is the order of the actions: close the overdue Next Up (that check-in
  also revives a dead KR); write the Context before planning; plan a Next Up; move the number;
  write the Outcome; then the forecasts, which inform rather than ask.
- **Dates, not times**, except for the Context: everything else is in whole days (a check-in on
  a Next Up's due date counts as the follow-up; exactly ``stale_days`` / ``dead_days`` days trip
  the rule). A Context covers the KR as it was when it was written: a significant change made
  *after* the last Context makes the Context due again, even on the same day.
- **Pace runs from the day the KR joined the period**: a KR added in the middle of a period
  expects 0 % on the day it was added and 100 % on the period's last day (one drafted before
  the period, or carried over at check-out, runs from the period's first day).
- **A check-in on the day the Next Up was written is that same sitting**, not its follow-up,
  so a Next Up written and due on the same day still becomes overdue tomorrow.
- **The clocks start with the period**: a KR drafted weeks before the period is not stale on
  day one. Before the period starts there is no stale, dead, behind_pace or outcome_due;
  context_due, next_up_missing and the confidence signals do show (plan ahead).
- **A finished KR is history**: once the period is closed *or its last day has passed*, or
  the KR has its Outcome, the only signal left is ``outcome_due`` (when the Outcome is
  missing). Nagging about next week's plan for a quarter that is over helps nobody.
- **The outcome window** starts ``outcome_window_days`` before the period's last day, but never
  before the period's first day (a one-week period is in its window from day one).
- **Milestones are not behind pace until the outcome window**: a milestone is 0 until it is
  done, so a linear pace would flag every milestone a few weeks in. Inside the window an
  unreached milestone is behind pace (it is at risk now).
- **Check-in due speaks of the rhythm**, so it needs the team's cadence (a snapshot without
  one never shows it). It is left out when the KR is already ``next_up_overdue`` or ``dead``:
  those say "check in now" louder. The method's stale and dead thresholds do not change.
- **Dead also counts progress as a check-in**: if a snapshot says progress moved more recently
  than the last check-in (it should not), the later date wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType

from incheck.domain.cadence import Cadence, DueFacts, is_due
from incheck.domain.dates import shifted
from incheck.domain.progress import expected_fraction, pace_start, progress_fraction

SEVERITIES = ("critical", "warning", "info")

_FLOAT_NOISE = 1e-9
MAX_THRESHOLD_DAYS = 365


@dataclass(frozen=True)
class Thresholds:
    """The settings the health rules use; defaults are the method's.

    Invalid values fail loudly (``ValueError`` with a code) rather than silently muting a rule.
    """

    stale_days: int = 14  # no progress for this long -> stale
    dead_days: int = 21  # no check-in at all for this long -> dead
    pace_tolerance: float = 0.15  # behind_pace when progress < expected - tolerance
    low_confidence: int = 4  # confidence <= this -> low_confidence
    confidence_fall: int = 2  # a drop of at least this since the previous forecast
    outcome_window_days: int = 14  # outcome_due from period_end - this many days

    def __post_init__(self) -> None:
        """Refuse thresholds that would switch a rule off or make it fire always."""
        if self.stale_days < 1 or self.dead_days < 1:
            raise ValueError("threshold_days_not_positive")
        # Past a year the rule says nothing for a quarterly habit (and dates would overflow).
        if max(self.stale_days, self.dead_days, self.outcome_window_days) > MAX_THRESHOLD_DAYS:
            raise ValueError("threshold_days_too_long")
        # Dead is the longer silence (DESIGN.md §1, rule 3): a KR is not dead before it is stale.
        if self.dead_days < self.stale_days:
            raise ValueError("dead_before_stale")
        if not 0.0 <= self.pace_tolerance <= 1.0:
            raise ValueError("pace_tolerance_out_of_range")
        if not 0 <= self.low_confidence <= 10:
            raise ValueError("low_confidence_out_of_range")
        if self.confidence_fall < 1:
            raise ValueError("confidence_fall_not_positive")
        if self.outcome_window_days < 0:
            raise ValueError("outcome_window_negative")


# Frozen, so one shared instance is a safe default argument.
DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class NextUpSnapshot:
    """The KR's open Next Up: when it is due and the day it was written."""

    due_on: date
    created_on: date


@dataclass(frozen=True)
class KeyResultSnapshot:
    """What the health rules need to know about one KR, as plain values (dates are local)."""

    kr_type: str
    start_value: float
    target_value: float
    current_value: float | None
    created_on: date
    changed_at: datetime  # last significant change (title/start/target/unit/direction) or creation
    last_context_at: datetime | None  # the latest Context check-in
    last_check_in_on: date | None  # the latest check-in of any kind
    last_progress_on: date | None  # the latest check-in that moved the value
    open_next_up: NextUpSnapshot | None
    confidence: int | None  # the latest forecast, 0..10
    previous_confidence: int | None  # the forecast before it
    has_outcome: bool
    period_start: date
    period_end: date
    period_closed: bool
    # The team's check-in rhythm; None leaves ``check_in_due`` out.
    cadence: Cadence | None = None


@dataclass(frozen=True)
class Signal:
    """One broken rule: ``code`` (one of SIGNAL_CODES), ``severity`` and ``rank``.

    ``rank`` orders a to-do list: lower is more urgent, and it is stable per code.
    """

    code: str
    severity: str
    rank: int


# In rank order (most urgent first); the rank of a code is its position + 1.
SIGNAL_CODES = (
    "next_up_overdue",
    "dead",
    "context_due",
    "next_up_missing",
    "stale",
    "check_in_due",
    "outcome_due",
    "behind_pace",
    "low_confidence",
    "confidence_falling",
)

_SEVERITY = {
    "next_up_overdue": "critical",
    "dead": "critical",
    "context_due": "warning",
    "next_up_missing": "warning",
    "stale": "warning",
    "check_in_due": "warning",
    "outcome_due": "warning",
    "behind_pace": "warning",
    "low_confidence": "info",
    "confidence_falling": "info",
}

SIGNALS: Mapping[str, Signal] = MappingProxyType(
    {
        code: Signal(code=code, severity=_SEVERITY[code], rank=rank)
        for rank, code in enumerate(SIGNAL_CODES, start=1)
    }
)


def _days_since(day: date, today: date) -> int:
    """Whole days from ``day`` to ``today`` (negative if ``day`` is later)."""
    return (today - day).days


def _is_next_up_overdue(
    next_up: NextUpSnapshot, last_check_in_on: date | None, today: date
) -> bool:
    """Whether the open Next Up's due date has passed with no follow-up check-in."""
    if next_up.due_on >= today:
        return False
    if last_check_in_on is None:
        return True
    # The follow-up must be on or after the due date, and not the sitting that wrote the plan.
    followed_up = last_check_in_on >= next_up.due_on and last_check_in_on > next_up.created_on
    return not followed_up


def _outcome_window_start(snapshot: KeyResultSnapshot, thresholds: Thresholds) -> date:
    """The first day an Outcome is asked for; never before the period's first day."""
    window_start = shifted(snapshot.period_end, -thresholds.outcome_window_days)
    return max(window_start, snapshot.period_start)


def expected_progress(snapshot: KeyResultSnapshot, *, today: date) -> float:
    """The pace line on ``today``: linear from the day the KR joined the period to its end."""
    return expected_fraction(
        period_start=pace_start(snapshot.period_start, snapshot.created_on, snapshot.period_end),
        period_end=snapshot.period_end,
        today=today,
    )


def key_result_health(
    snapshot: KeyResultSnapshot, *, today: date, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> tuple[Signal, ...]:
    """The signals a KR shows on ``today``, sorted by rank (most urgent first), codes unique.

    >>> from datetime import UTC
    >>> kr = KeyResultSnapshot(
    ...     kr_type="increase", start_value=20, target_value=200, current_value=20,
    ...     created_on=date(2026, 10, 1), changed_at=datetime(2026, 10, 1, 9, tzinfo=UTC),
    ...     last_context_at=datetime(2026, 10, 1, 10, tzinfo=UTC),
    ...     last_check_in_on=date(2026, 10, 1),
    ...     last_progress_on=date(2026, 10, 1), open_next_up=None, confidence=7,
    ...     previous_confidence=None, has_outcome=False,
    ...     period_start=date(2026, 10, 1), period_end=date(2026, 12, 31), period_closed=False,
    ... )
    >>> [s.code for s in key_result_health(kr, today=date(2026, 10, 2))]
    ['next_up_missing']
    >>> [s.code for s in key_result_health(kr, today=date(2026, 10, 15))]
    ['dead', 'next_up_missing', 'behind_pace']
    """
    codes: set[str] = set()
    in_window = today >= _outcome_window_start(snapshot, thresholds)

    # A finished KR (closed or past period, or outcome written) only asks for its Outcome.
    if snapshot.period_closed or today > snapshot.period_end or snapshot.has_outcome:
        if not snapshot.has_outcome and in_window:
            codes.add("outcome_due")
        return _sorted(codes)

    started = today >= snapshot.period_start

    if snapshot.last_context_at is None or snapshot.last_context_at < snapshot.changed_at:
        codes.add("context_due")

    next_up = snapshot.open_next_up
    if next_up is None:
        codes.add("next_up_missing")
    elif _is_next_up_overdue(next_up, snapshot.last_check_in_on, today):
        codes.add("next_up_overdue")

    if started:
        # The clocks do not run before the period: a KR drafted early is not stale on day one.
        progress_from = max(snapshot.last_progress_on or snapshot.created_on, snapshot.period_start)
        check_in_from = max(
            snapshot.last_check_in_on or snapshot.created_on,
            snapshot.last_progress_on or snapshot.created_on,
            snapshot.period_start,
        )
        stale = _days_since(progress_from, today) >= thresholds.stale_days
        silent = _days_since(check_in_from, today) >= thresholds.dead_days
        if silent or (stale and next_up is None):
            codes.add("dead")  # replaces stale: one clear message, not two
        elif stale:
            codes.add("stale")

        if (
            snapshot.cadence is not None
            and not codes & {"next_up_overdue", "dead"}
            and is_due(snapshot.cadence, due_facts(snapshot), today=today)
        ):
            codes.add("check_in_due")

        if in_window:
            codes.add("outcome_due")

        if snapshot.kr_type != "milestone" or in_window:
            progress = progress_fraction(
                kr_type=snapshot.kr_type,
                start=snapshot.start_value,
                target=snapshot.target_value,
                current=snapshot.current_value,
            )
            expected = expected_progress(snapshot, today=today)
            # The margin keeps float noise (0.15 has no exact binary form) from deciding a KR
            # that sits exactly on the tolerance line.
            if progress < expected - thresholds.pace_tolerance - _FLOAT_NOISE:
                codes.add("behind_pace")

    confidence, previous = snapshot.confidence, snapshot.previous_confidence
    if confidence is not None and confidence <= thresholds.low_confidence:
        codes.add("low_confidence")
    if (
        confidence is not None
        and previous is not None
        and previous - confidence >= thresholds.confidence_fall
    ):
        codes.add("confidence_falling")

    return _sorted(codes)


def due_facts(snapshot: KeyResultSnapshot) -> DueFacts:
    """The snapshot as the due rule (``domain.cadence``) reads it."""
    next_up = snapshot.open_next_up
    return DueFacts(
        last_check_in_on=snapshot.last_check_in_on,
        created_on=snapshot.created_on,
        period_start=snapshot.period_start,
        period_end=snapshot.period_end,
        period_closed=snapshot.period_closed,
        next_up_due_on=next_up.due_on if next_up else None,
        next_up_created_on=next_up.created_on if next_up else None,
    )


def _sorted(codes: Iterable[str]) -> tuple[Signal, ...]:
    """The signals for ``codes``, most urgent first."""
    return tuple(sorted((SIGNALS[code] for code in codes), key=lambda s: s.rank))


def worst(signals: Iterable[Signal]) -> Signal | None:
    """The most urgent signal (lowest rank), or None for a healthy KR: its one primary action.

    >>> worst([SIGNALS["stale"], SIGNALS["next_up_overdue"]]).code
    'next_up_overdue'
    >>> worst([]) is None
    True
    """
    return min(signals, key=lambda s: s.rank, default=None)
