"""The dates a period and a plan may take, and date arithmetic that never leaves the calendar.

Decisions (docs/method.md, "Periods"):

- A period lies within the years 2000–2099 (`EARLIEST` … `LATEST`): an OKR period is about the
  present, and a date outside that range is a typo (a missing digit, the year 0226).
- A period lasts at most `PERIOD_MAX_DAYS` (366): a quarter, usually, or a whole year; a longer
  stretch is a strategy, not a period of OKRs. It may be a single day.
- A Next Up is due by `LATEST` at the latest.

The messages (`okrs/messages.py`: `date_out_of_range`, `period_too_long`) name these bounds.

The bounds apply where people create things (the services); rows written before, imported or
edited in the Django admin may hold any date Python can, so every page derives dates with
`shifted`, which stops at the ends of the calendar instead of raising `OverflowError`.

>>> period_date_problems(date(2027, 1, 1), date(2027, 3, 31))
{}
>>> period_date_problems(date(1, 1, 1), date(9999, 12, 31))
{'start_on': 'date_out_of_range', 'end_on': 'date_out_of_range'}
>>> shifted(date.max, 1)
datetime.date(9999, 12, 31)
"""

from __future__ import annotations

from datetime import date, timedelta

EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)
PERIOD_MAX_DAYS = 366


def in_range(day: date) -> bool:
    """Whether a person may enter this date for a period or a plan."""
    return EARLIEST <= day <= LATEST


def period_date_problems(start_on: date, end_on: date) -> dict[str, str]:
    """The rules for a new period's dates, as `{field: code}`.

    >>> period_date_problems(date(2027, 1, 1), date(2028, 6, 30))
    {'end_on': 'period_too_long'}
    """
    problems = {
        name: "date_out_of_range"
        for name, day in (("start_on", start_on), ("end_on", end_on))
        if not in_range(day)
    }
    if problems:
        return problems
    if end_on < start_on:
        return {"end_on": "period_dates"}
    if (end_on - start_on).days + 1 > PERIOD_MAX_DAYS:
        return {"end_on": "period_too_long"}
    return {}


def shifted(day: date, days: int) -> date:
    """`day` moved by `days`, stopping at the first and last day Python can hold.

    >>> shifted(date(1, 1, 3), -14)
    datetime.date(1, 1, 1)
    """
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min
