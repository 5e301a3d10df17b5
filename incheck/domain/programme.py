"""The programme's health: how many of a set of KRs keep the method's habits, as shares.

The company dashboard counts, per team and overall, the KRs of a period that have a current
Context (rule 1), an open Next Up (rule 2), a check-in within the rhythm, and those that are
stale or dead (rule 3). Each KR is judged by the one health rule (`domain.health`) and the one
rhythm rule (`domain.rhythm`); this module only counts, and picks the days of the weekly trend.

>>> counts = ProgrammeCounts()
>>> counts.add(codes={"stale"}, has_open_next_up=True, in_rhythm=False)
>>> counts.add(codes=set(), has_open_next_up=True, in_rhythm=True)
>>> counts.share("open_next_up"), counts.share("stale")
(1.0, 0.5)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields

# The figures, in the order the dashboard shows them; the first three are habits to keep
# (higher is better), the last two are warnings (lower is better).
FIGURES = ("context_current", "open_next_up", "in_rhythm", "stale", "dead")
WARNINGS = frozenset({"stale", "dead"})


@dataclass
class ProgrammeCounts:
    key_results: int = 0
    context_current: int = 0
    open_next_up: int = 0
    in_rhythm: int = 0
    stale: int = 0
    dead: int = 0

    def add(self, *, codes: Iterable[str], has_open_next_up: bool, in_rhythm: bool) -> None:
        """Count one KR, from its health codes and its two facts."""
        found = set(codes)
        self.key_results += 1
        self.context_current += "context_due" not in found
        self.open_next_up += has_open_next_up
        self.in_rhythm += in_rhythm
        self.stale += "stale" in found
        self.dead += "dead" in found

    def share(self, figure: str) -> float | None:
        """`figure`'s count as a share of the KRs; None when there are none."""
        return getattr(self, figure) / self.key_results if self.key_results else None

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def trend_days(start: dt.date, end: dt.date, today: dt.date) -> list[dt.date]:
    """The days the weekly trend is read on: each week's Sunday in the period up to today,
    and the last day (today, or the period's end once it is over).

    >>> trend_days(dt.date(2026, 10, 1), dt.date(2026, 12, 31), dt.date(2026, 10, 14))
    [datetime.date(2026, 10, 4), datetime.date(2026, 10, 11), datetime.date(2026, 10, 14)]
    """
    last = min(end, today)
    if last < start:
        return []
    sunday = start + dt.timedelta(days=6 - start.weekday())
    days = []
    while sunday < last:
        days.append(sunday)
        sunday += dt.timedelta(days=7)
    days.append(last)
    return days
