"""Calendar quarters: the usual OKR period, and the one to suggest next.

>>> quarter_of(date(2026, 11, 24))
(datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
>>> quarter_name(date(2026, 10, 1))
'2026 Q4'
>>> next_quarter(latest_end=date(2026, 12, 31), today=date(2026, 11, 24))
('2027 Q1', datetime.date(2027, 1, 1), datetime.date(2027, 3, 31))
"""

from __future__ import annotations

from datetime import date, timedelta

from incheck.domain.dates import LATEST


def quarter_of(day: date) -> tuple[date, date]:
    """The first and last day of the calendar quarter that contains `day`."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    next_start = (
        date(day.year + 1, 1, 1) if first_month == 10 else date(day.year, first_month + 3, 1)
    )
    return start, next_start - timedelta(days=1)


def quarter_name(start: date) -> str:
    """ "2026 Q4" for a quarter starting on 1 October 2026."""
    return f"{start.year} Q{(start.month - 1) // 3 + 1}"


def next_quarter(*, latest_end: date | None, today: date) -> tuple[str, date, date]:
    """The period to suggest opening: the quarter after the latest period, else this quarter.

    A suggestion only (a prefilled form): periods need not be quarters.
    """
    # After a period that ends beyond the dates a period may take (an old row, an import), the
    # suggestion starts from today: the quarter after it could not be opened, or even named.
    after = latest_end is not None and latest_end < LATEST
    day = latest_end + timedelta(days=1) if after and latest_end is not None else today
    start, end = quarter_of(day)
    return quarter_name(start), start, end
