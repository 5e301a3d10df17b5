"""Nudges: the right moment, one message, capped, and silence when it is plainly ignored.

DESIGN.md §5 and issue 10 §2, as rules over plain values:

- **The moment**: the morning of a person's day, at the hour they chose, in their time zone.
- **What it bundles** (``plan_items``): each of their KRs whose open Next Up is due that day and
  not yet followed up (the nudge quotes the plan), and each KR that is due (``domain.cadence``)
  on its team's check-in day. One nudge per person per day, whatever the count.
- **Never planned**: on a day the person marked away; for a KR whose period is not running
  (closed, over, not begun); for a KR whose nudges were ignored ``escalate_after`` times in a
  row — it goes to the lead's digest by name instead, and its owner gets no more nudges for it
  until someone checks in on it (a check-in resets the count: only nudges sent after the last
  check-in count).
- **At the moment of sending** (``send_decision``) the world may have moved since the plan: a
  KR checked in on since the nudge was planned is left out; so is one whose period was closed
  meanwhile; a day marked away meanwhile skips the nudge; and a person gets at most ``per_week``
  nudges a week (Monday to Sunday in their zone): the rest are skipped, not postponed.

Judgement calls:

- A nudge counts as **ignored** once its day is over with no check-in since it went out (the
  jobs count the nudges sent before the day being planned). Two ignored nudges are two chances
  the person had; the third would be nagging.
- An overdue Next Up is not nudged every day after its date: it is nudged on its date, and
  again on the team's check-in day if the KR is still due then. Every day would be nagging.
- The weekly cap counts nudges, not digests: a digest is a summary the reader asked for.

>>> rules = NudgeRules()
>>> is_escalated(2, rules), is_escalated(1, rules)
(True, False)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from incheck.domain.cadence import (
    CHECK_IN_DAY,
    NEXT_UP_DUE,
    Cadence,
    DueFacts,
    due_reasons,
    is_check_in_day,
)

# Why a planned nudge was not sent (stored on the nudge, shown to its reader's lead).
AWAY = "away"
CAP = "cap"
CHECKED_IN = "checked_in"
CLOSED = "closed"


@dataclass(frozen=True)
class NudgeRules:
    """The settings: at most ``per_week`` nudges a person a week; stop after
    ``escalate_after`` ignored in a row. Invalid values fail loudly."""

    per_week: int = 3
    escalate_after: int = 2

    def __post_init__(self) -> None:
        if self.per_week < 1:
            raise ValueError("per_week_not_positive")
        if self.escalate_after < 1:
            raise ValueError("escalate_after_not_positive")


DEFAULT_RULES = NudgeRules()


@dataclass(frozen=True)
class KeyResultForNudge:
    """One of a person's KRs as the planner sees it (dates in the person's zone)."""

    key_result_id: int
    cadence: Cadence
    facts: DueFacts
    ignored: int = 0  # nudges for it sent since its last check-in, before the planned day
    next_up_id: int | None = None


@dataclass(frozen=True)
class PlannedItem:
    key_result_id: int
    reason: str  # NEXT_UP_DUE or CHECK_IN_DAY
    next_up_id: int | None = None


def is_away(away_from: dt.date | None, away_until: dt.date | None, day: dt.date) -> bool:
    """Whether ``day`` falls in the person's away spell (both ends included; an open end runs
    on: only "from" is away from then on, only "until" is away until then).

    >>> is_away(dt.date(2026, 11, 30), dt.date(2026, 12, 4), dt.date(2026, 12, 4))
    True
    >>> is_away(None, None, dt.date(2026, 12, 4))
    False
    """
    if away_from is None and away_until is None:
        return False
    return (away_from is None or away_from <= day) and (away_until is None or day <= away_until)


def is_escalated(ignored: int, rules: NudgeRules = DEFAULT_RULES) -> bool:
    """Whether a KR's nudges were ignored often enough to stop them and tell the lead."""
    return ignored >= rules.escalate_after


def _reason_on(kr: KeyResultForNudge, day: dt.date) -> str | None:
    reasons = due_reasons(kr.cadence, kr.facts, today=day)
    # On its date, not every day after: an overdue plan comes back on the team's day.
    if NEXT_UP_DUE in reasons and kr.facts.next_up_due_on == day:
        return NEXT_UP_DUE
    if CHECK_IN_DAY in reasons and is_check_in_day(kr.cadence, day):
        return CHECK_IN_DAY
    return None


def plan_items(
    key_results: Iterable[KeyResultForNudge],
    *,
    day: dt.date,
    away: bool = False,
    rules: NudgeRules = DEFAULT_RULES,
) -> list[PlannedItem]:
    """What a person's nudge on ``day`` bundles (empty: no nudge that day), in input order.

    >>> from incheck.domain.cadence import Cadence, DueFacts
    >>> facts = DueFacts(last_check_in_on=dt.date(2026, 11, 20), created_on=dt.date(2026, 10, 1),
    ...     period_start=dt.date(2026, 10, 1), period_end=dt.date(2026, 12, 31))
    >>> kr = KeyResultForNudge(7, Cadence(weekday=0), facts)
    >>> plan_items([kr], day=dt.date(2026, 11, 23))
    [PlannedItem(key_result_id=7, reason='check_in_day', next_up_id=None)]
    >>> plan_items([kr], day=dt.date(2026, 11, 24))  # not the team's day: no nudge
    []
    """
    if away:
        return []
    items: list[PlannedItem] = []
    for kr in key_results:
        if is_escalated(kr.ignored, rules):
            continue
        reason = _reason_on(kr, day)
        if reason is not None:
            next_up = kr.next_up_id if reason == NEXT_UP_DUE else None
            items.append(PlannedItem(kr.key_result_id, reason, next_up))
    return items


@dataclass(frozen=True)
class ItemNow:
    """A planned item as it stands when the nudge goes out."""

    key_result_id: int
    checked_in_since_planned: bool
    period_closed: bool


@dataclass(frozen=True)
class SendDecision:
    """What to send: the KRs kept, or why nothing goes (``reason``)."""

    keep: tuple[int, ...]
    reason: str = ""

    @property
    def send(self) -> bool:
        return bool(self.keep)


def send_decision(
    items: Iterable[ItemNow],
    *,
    away: bool,
    sent_this_week: int,
    rules: NudgeRules = DEFAULT_RULES,
) -> SendDecision:
    """Whether a planned nudge goes out now, and with which KRs.

    >>> send_decision([ItemNow(1, False, False)], away=False, sent_this_week=3)
    SendDecision(keep=(), reason='cap')
    >>> send_decision([ItemNow(1, True, False), ItemNow(2, False, False)], away=False,
    ...               sent_this_week=0)
    SendDecision(keep=(2,), reason='')
    """
    items = list(items)
    if away:
        return SendDecision((), AWAY)
    open_items = [item for item in items if not item.period_closed]
    if not open_items:
        return SendDecision((), CLOSED)
    keep = tuple(item.key_result_id for item in open_items if not item.checked_in_since_planned)
    if not keep:
        return SendDecision((), CHECKED_IN)
    if sent_this_week >= rules.per_week:
        return SendDecision((), CAP)
    return SendDecision(keep)


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week: the cap counts Monday to Sunday."""
    return day - dt.timedelta(days=day.weekday())


def moment(day: dt.date, hour: int, tz: dt.tzinfo) -> dt.datetime:
    """The aware moment ``hour``:00 on ``day`` in ``tz``, as UTC.

    A local hour that does not exist (the spring-forward gap) comes out an hour later, as
    zoneinfo resolves it; one that exists twice is the first.

    >>> import zoneinfo
    >>> moment(dt.date(2026, 11, 24), 9, zoneinfo.ZoneInfo("Europe/Stockholm"))
    datetime.datetime(2026, 11, 24, 8, 0, tzinfo=datetime.timezone.utc)
    """
    local = dt.datetime.combine(day, dt.time(hour=hour), tzinfo=tz)
    return local.astimezone(dt.UTC)
