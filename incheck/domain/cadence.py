"""A team's check-in cadence, and when a key result is *due* (DESIGN.md §5).

A team checks in every week (the default) or every two weeks, on a day of the week (Monday by
default). For a person, a KR is **due** when

- its team's check-in day has come since its last check-in (or, never checked in, since it was
  created): the KR missed the team's day, or the day is today; or
- its open Next Up's own date has come and there has been no follow-up check-in (one on or
  after the due date, and after the day the plan was written, as in ``domain.health``).

A KR is **checked in within the rhythm** when no check-in day *before today* has passed since
its last check-in: on the team's day itself the KRs checked in on the previous one are due
(it is time) but not late. For a weekly Monday team this is "a check-in in the last seven days"
on a Monday, and "since Monday" the rest of the week.

Judgement calls:

- **Only while the period runs**: before its first day, after its last day and once it is
  closed nothing is due (the Outcome is asked for by the health rules instead).
- **Every two weeks needs to know which weeks**: weeks are counted from an anchor day (any day
  in a check-in week; the team's settings offer this week or next). Without one the weeks are
  counted from Monday 1 January 2001, so the choice is stable and the same on every machine.
- **Whole days** in the reader's (or the person's) time zone, like every other rule.
- **A KR in several teams** (under a personal objective it belongs to every team of its owner,
  ``domain.teams``) follows the rhythm of the first of them by id (``rhythm_of``): one rhythm
  a KR, so one nudge a check-in day, and the same answer on every page. No team: every week on
  Monday.

>>> monday = Cadence(weekday=0)
>>> latest_check_in_day(monday, date(2026, 11, 25))  # a Wednesday
datetime.date(2026, 11, 23)
>>> is_due(monday, DueFacts(last_check_in_on=date(2026, 11, 20), created_on=date(2026, 10, 1),
...        period_start=date(2026, 10, 1), period_end=date(2026, 12, 31)), today=date(2026, 11, 23))
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = tuple(range(7))  # Monday = 0, as date.weekday()
EVERY_WEEKS = (1, 2)
# Two-weekly cadences without an anchor count their weeks from this Monday.
EPOCH = date(2001, 1, 1)

# The reasons a KR is due, as the inbox and the nudges name them.
NEXT_UP_DUE = "next_up_due"
CHECK_IN_DAY = "check_in_day"

_WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Cadence:
    """When a team checks in: ``weekday`` (Monday = 0) every ``every_weeks`` weeks.

    ``anchor`` is any day in a check-in week; it only matters every two weeks. Invalid values
    fail loudly (``ValueError`` with a code).
    """

    weekday: int = 0
    every_weeks: int = 1
    anchor: date | None = None

    def __post_init__(self) -> None:
        if self.weekday not in WEEKDAYS:
            raise ValueError("weekday_out_of_range")
        if self.every_weeks not in EVERY_WEEKS:
            raise ValueError("every_weeks_unsupported")


# Frozen, so one shared instance is a safe default argument.
DEFAULT_CADENCE = Cadence()


def rhythm_of(team_cadences: Iterable[tuple[int, Cadence]]) -> Cadence:
    """The rhythm of a KR in these teams ``(team id, cadence)``: the first team's by id.

    >>> rhythm_of([(7, Cadence(weekday=4)), (3, Cadence(weekday=2))]).weekday
    2
    >>> rhythm_of([]) == DEFAULT_CADENCE
    True
    """
    first = min(team_cadences, key=lambda pair: pair[0], default=None)
    return first[1] if first is not None else DEFAULT_CADENCE


def _week_index(day: date) -> int:
    """Monday-based weeks since EPOCH (negative before it)."""
    return (day - EPOCH).days // 7


def is_check_in_day(cadence: Cadence, day: date) -> bool:
    """Whether ``day`` is one of the team's check-in days.

    >>> fortnight = Cadence(weekday=3, every_weeks=2, anchor=date(2026, 11, 26))
    >>> [is_check_in_day(fortnight, date(2026, 11, d)) for d in (19, 26)]
    [False, True]
    """
    if day.weekday() != cadence.weekday:
        return False
    if cadence.every_weeks == 1:
        return True
    anchor = cadence.anchor or EPOCH
    return (_week_index(day) - _week_index(anchor)) % cadence.every_weeks == 0


def latest_check_in_day(cadence: Cadence, on_or_before: date) -> date:
    """The team's most recent check-in day on or before a day (that day included)."""
    day = on_or_before - timedelta(days=(on_or_before.weekday() - cadence.weekday) % 7)
    while not is_check_in_day(cadence, day):
        day -= _WEEK
    return day


def next_check_in_day(cadence: Cadence, on_or_after: date) -> date:
    """The team's next check-in day on or after a day (that day included).

    >>> next_check_in_day(Cadence(weekday=0), date(2026, 11, 24))
    datetime.date(2026, 11, 30)
    """
    day = on_or_after + timedelta(days=(cadence.weekday - on_or_after.weekday()) % 7)
    while not is_check_in_day(cadence, day):
        day += _WEEK
    return day


def check_in_days(cadence: Cadence, start: date, end: date) -> Iterator[date]:
    """The team's check-in days from ``start`` to ``end``, both included."""
    day = next_check_in_day(cadence, start)
    step = _WEEK * cadence.every_weeks
    while day <= end:
        yield day
        day += step


@dataclass(frozen=True)
class DueFacts:
    """What the due rule needs to know about one KR (dates in the person's time zone)."""

    last_check_in_on: date | None
    created_on: date
    period_start: date
    period_end: date
    period_closed: bool = False
    next_up_due_on: date | None = None  # the open Next Up's date, if there is one
    next_up_created_on: date | None = None


def _followed_up(facts: DueFacts) -> bool:
    """A check-in on or after the Next Up's date, and not the sitting that wrote it."""
    last, due = facts.last_check_in_on, facts.next_up_due_on
    if last is None or due is None:
        return False
    return last >= due and (facts.next_up_created_on is None or last > facts.next_up_created_on)


def _running(facts: DueFacts, today: date) -> bool:
    return not facts.period_closed and facts.period_start <= today <= facts.period_end


def due_reasons(cadence: Cadence, facts: DueFacts, *, today: date) -> tuple[str, ...]:
    """Why a KR is due today: ``NEXT_UP_DUE`` and/or ``CHECK_IN_DAY``, or ``()``.

    >>> facts = DueFacts(last_check_in_on=date(2026, 11, 23), created_on=date(2026, 10, 1),
    ...     period_start=date(2026, 10, 1), period_end=date(2026, 12, 31),
    ...     next_up_due_on=date(2026, 11, 27), next_up_created_on=date(2026, 11, 23))
    >>> due_reasons(Cadence(weekday=0), facts, today=date(2026, 11, 27))
    ('next_up_due',)
    >>> due_reasons(Cadence(weekday=0), facts, today=date(2026, 11, 30))
    ('next_up_due', 'check_in_day')
    """
    if not _running(facts, today):
        return ()
    reasons: list[str] = []
    if (
        facts.next_up_due_on is not None
        and facts.next_up_due_on <= today
        and not _followed_up(facts)
    ):
        reasons.append(NEXT_UP_DUE)
    since = facts.last_check_in_on or facts.created_on
    if since < latest_check_in_day(cadence, today):
        reasons.append(CHECK_IN_DAY)
    return tuple(reasons)


def is_due(cadence: Cadence, facts: DueFacts, *, today: date) -> bool:
    """Whether a KR is due today (for either reason)."""
    return bool(due_reasons(cadence, facts, today=today))


def within_rhythm(cadence: Cadence, last_check_in_on: date | None, *, today: date) -> bool:
    """Whether a KR was checked in within the team's rhythm: no check-in day before today has
    passed since its last check-in. Never checked in is never within the rhythm.

    >>> monday = Cadence(weekday=0)
    >>> within_rhythm(monday, date(2026, 11, 16), today=date(2026, 11, 23))  # Monday: not late
    True
    >>> within_rhythm(monday, date(2026, 11, 16), today=date(2026, 11, 24))  # missed Monday
    False
    """
    if last_check_in_on is None:
        return False
    return last_check_in_on >= latest_check_in_day(cadence, today - timedelta(days=1))
