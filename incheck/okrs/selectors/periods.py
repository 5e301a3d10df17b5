"""Which period a page is about."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from incheck.errors import NotFound
from incheck.okrs.models import Period


def current_period(today: dt.date) -> Period | None:
    """The open period that contains today, else the latest open one, else the latest one."""
    periods = list(Period.objects.order_by("-start_on")[:20])
    for period in periods:
        if period.start_on <= today <= period.end_on and not period.is_closed:
            return period
    open_periods = [period for period in periods if not period.is_closed]
    if open_periods:
        return open_periods[0]
    return periods[0] if periods else None


def period_list() -> list[Period]:
    return list(Period.objects.order_by("-start_on"))


def periods_newest_first() -> QuerySet[Period]:
    """Every period, newest first, unevaluated: the caller pages it."""
    return Period.objects.order_by("-start_on", "-id")


def period_get(period_id: int) -> Period:
    """One period, or NotFound."""
    period = Period.objects.filter(pk=period_id).first()
    if period is None:
        raise NotFound(code="not_found")
    return period
