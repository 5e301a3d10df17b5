"""When things happen in the demo: story days turned into real dates around `today`.

The story is written as day offsets ("nine days ago", "due in four days"), so the demo looks
alive whenever it is loaded. Two adjustments keep it believable on any day of the year:

- **Early in a quarter** there are fewer than the story's seven weeks behind today; the past
  is then squeezed into the days the quarter has had, in the same order. Future due dates are
  not squeezed.
- **Weekends**: people check in on weekdays, so a past day falling on a weekend moves back to
  the Friday, and a due date on a weekend moves on to the Monday.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from incheck.domain.quarters import quarter_of

SATURDAY = 5

# The earliest story day of the current quarter (objectives are written seven weeks back).
HISTORY_DAYS = 49


def weekday_back(day: dt.date) -> dt.date:
    """The day itself, or the Friday before a weekend day."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def weekday_on(day: dt.date) -> dt.date:
    """The day itself, or the Monday after a weekend day."""
    return day + dt.timedelta(days=(7 - day.weekday()) if day.weekday() >= SATURDAY else 0)


@dataclass(frozen=True)
class Timeline:
    """Story days relative to `anchor`, as dates and as aware moments in `tz`.

    `squeeze` (0..1) scales the past (negative days); `ceiling` is the latest moment anything
    may carry (now), so a check-in "today at four" written at ten is written at ten.
    """

    anchor: dt.date
    tz: dt.tzinfo
    ceiling: dt.datetime
    squeeze: float = 1.0

    def _shifted(self, days: int) -> dt.date:
        if days < 0:
            days = round(days * self.squeeze)
        return self.anchor + dt.timedelta(days=days)

    def date(self, days: int) -> dt.date:
        """The weekday a sitting on story day `days` happens (weekends move back to Friday)."""
        return weekday_back(self._shifted(days))

    def due(self, days: int) -> dt.date:
        """A due date on story day `days` (weekends move on to Monday)."""
        return weekday_on(self._shifted(days))

    def moment(self, days: int, time: str) -> dt.datetime:
        """The aware moment of story day `days` at local `time` ("HH:MM"), never after now."""
        hour, minute = (int(part) for part in time.split(":"))
        local = dt.datetime.combine(self.date(days), dt.time(hour, minute), tzinfo=self.tz)
        return min(local, self.ceiling)


def current_timeline(*, today: dt.date, tz: dt.tzinfo, now: dt.datetime) -> Timeline:
    """Story days counted back from `today`, squeezed into the quarter when it is young."""
    start, _ = quarter_of(today)
    elapsed = (today - start).days
    end_of_today = dt.datetime.combine(today, dt.time(23, 59), tzinfo=tz)
    # `now` is later than today only when a test loads the demo for a day in the past.
    ceiling = min(now, end_of_today) if now.astimezone(tz).date() >= today else end_of_today
    return Timeline(anchor=today, tz=tz, ceiling=ceiling, squeeze=min(1.0, elapsed / HISTORY_DAYS))


def quarter_timeline(*, start: dt.date, tz: dt.tzinfo, ceiling: dt.datetime) -> Timeline:
    """Story days counted forward from the first day of a past quarter (no squeeze)."""
    return Timeline(anchor=start, tz=tz, ceiling=ceiling)
