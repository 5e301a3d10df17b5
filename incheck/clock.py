"""The one place that asks what time it is, so tests can freeze it explicitly."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils import timezone

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """The current aware time (UTC), or the frozen time in tests."""
    return _frozen if _frozen is not None else timezone.now()


def freeze(at: dt.datetime | None) -> None:
    """Freeze `now()` at an aware datetime; `None` unfreezes. For tests and the demo loader."""
    global _frozen
    if at is not None and timezone.is_naive(at):
        raise ValueError("freeze() needs an aware datetime")
    _frozen = at


def frozen() -> dt.datetime | None:
    """The time `now()` is frozen at, or None when it runs: lets a caller restore it."""
    return _frozen


def zone(name: str | None) -> dt.tzinfo:
    """A time zone by name, falling back to the installation's zone for unknown names."""
    try:
        return zoneinfo.ZoneInfo(name) if name else timezone.get_default_timezone()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_default_timezone()


def local_date(moment: dt.datetime | None, tz: dt.tzinfo) -> dt.date | None:
    """The calendar date of an aware moment in a time zone (`None` stays `None`)."""
    return moment.astimezone(tz).date() if moment is not None else None


def today(tz: dt.tzinfo) -> dt.date:
    """Today's date in a time zone."""
    return now().astimezone(tz).date()
