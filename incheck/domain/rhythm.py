"""A team's rhythm: is the check-in habit alive, and does the team plan more than it does?

From plain facts about each of the team's KRs in a period and the number of the team's
check-ins of each kind in that period, ``team_rhythm`` counts:

- **open Next Up**: KRs that have an open Next Up (rule 2: never leave a KR without one). An
  overdue Next Up is still open and counts here; the health signals flag it separately.
- **current Context**: KRs that are not ``context_due`` (rule 1). The caller takes this from the
  health signals, so the rule lives in one place (``domain.health``); note that health stops
  asking for a Context once a KR is finished, so a finished KR counts as current.
- **checked in within the rhythm**: KRs with a check-in of any kind since the team's last
  check-in day before today (``domain.cadence.within_rhythm``: the team's own cadence, every
  week or every two weeks on its day; a team that checks in every Monday is within its rhythm
  all week, Monday morning too).
- **planning vs doing**: the article's 80/20 rule says to spend a fifth planning and the rest
  doing, and that most teams turn it upside down. Counting check-ins is a proxy for where the
  attention goes: a **Context** is planning (why, baseline, tactic); **Progress**, **Next Up**
  and **Insight** are doing (what moved, the next concrete step, what was learned). Confidence,
  Outcome and Blocker check-ins are neither and are left out of the balance.

- **sittings without a Next Up** (a separate term, counted *against* the rhythm): of the
  sittings that had to leave a plan (a Next Up, or the recorded choice "no Next Up this time",
  ``no_next_up``), the share that chose none. Rule 2 says never leave a KR without a Next Up;
  the choice is allowed, visible and counted here, not hidden.

Shares are fractions of the team's KRs (or of the balance's check-ins); with nothing to count
they are ``None``, never a division by zero.

>>> fresh = KeyResultFacts(True, context_due=False, last_check_in_on=date(2026, 11, 20))
>>> idle = KeyResultFacts(False, context_due=True, last_check_in_on=None)
>>> rhythm = team_rhythm([fresh, idle], {"context": 1, "progress": 3}, today=date(2026, 11, 24))
>>> rhythm.open_next_up.percent, rhythm.balance.planning_percent, rhythm.balance.doing_percent
(50, 25, 75)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from incheck.domain.cadence import DEFAULT_CADENCE, Cadence, within_rhythm

PLANNING_KINDS = frozenset({"context"})
DOING_KINDS = frozenset({"progress", "next_up", "insight"})
# The article's guide: about a fifth of the effort planning, the rest doing (shown as a marker).
PLANNING_GUIDE = 0.2


@dataclass(frozen=True)
class KeyResultFacts:
    """What the rhythm needs to know about one KR (dates in the reader's time zone)."""

    has_open_next_up: bool
    context_due: bool
    last_check_in_on: date | None


@dataclass(frozen=True)
class Share:
    """``count`` of ``total``, e.g. 3 of 5 KRs have an open Next Up."""

    count: int
    total: int

    @property
    def fraction(self) -> float | None:
        return self.count / self.total if self.total else None

    @property
    def percent(self) -> int | None:
        fraction = self.fraction
        return None if fraction is None else round(fraction * 100)


@dataclass(frozen=True)
class Balance:
    """Planning check-ins against doing check-ins."""

    planning: int
    doing: int

    @property
    def total(self) -> int:
        return self.planning + self.doing

    @property
    def planning_share(self) -> float | None:
        return self.planning / self.total if self.total else None

    @property
    def doing_share(self) -> float | None:
        return self.doing / self.total if self.total else None

    @property
    def planning_percent(self) -> int | None:
        share = self.planning_share
        return None if share is None else round(share * 100)

    @property
    def doing_percent(self) -> int | None:
        # The complement, so the two always add up to 100 on the bar.
        planning = self.planning_percent
        return None if planning is None else 100 - planning

    @property
    def guide_percent(self) -> int:
        return round(PLANNING_GUIDE * 100)


@dataclass(frozen=True)
class TeamRhythm:
    key_results: int
    open_next_up: Share
    current_context: Share
    within_rhythm: Share
    balance: Balance
    kinds: Mapping[str, int]
    # Counted against the rhythm: sittings that chose "no Next Up this time".
    without_next_up: Share = Share(0, 0)


def without_next_up(kind_counts: Mapping[str, int]) -> Share:
    """Sittings that chose no plan, of those that left one or chose none (rule 2).

    >>> without_next_up({"next_up": 7, "no_next_up": 1, "progress": 9}).percent
    12
    """
    skipped = kind_counts.get("no_next_up", 0)
    return Share(skipped, skipped + kind_counts.get("next_up", 0))


def team_rhythm(
    key_results: Iterable[KeyResultFacts],
    kind_counts: Mapping[str, int],
    *,
    today: date,
    cadence: Cadence = DEFAULT_CADENCE,
) -> TeamRhythm:
    """The team's rhythm from its KRs' facts and its check-ins counted by kind, against the
    team's cadence."""
    facts = list(key_results)
    total = len(facts)
    return TeamRhythm(
        key_results=total,
        open_next_up=Share(sum(1 for kr in facts if kr.has_open_next_up), total),
        current_context=Share(sum(1 for kr in facts if not kr.context_due), total),
        within_rhythm=Share(
            sum(1 for kr in facts if within_rhythm(cadence, kr.last_check_in_on, today=today)),
            total,
        ),
        balance=Balance(
            planning=sum(n for kind, n in kind_counts.items() if kind in PLANNING_KINDS),
            doing=sum(n for kind, n in kind_counts.items() if kind in DOING_KINDS),
        ),
        kinds=MappingProxyType(dict(kind_counts)),
        without_next_up=without_next_up(kind_counts),
    )
