"""Which period a page is about."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from incheck.domain.permissions import may_close_period
from incheck.domain.quarters import next_quarter
from incheck.errors import NotFound
from incheck.okrs.models import Period
from incheck.okrs.services.access import actor_for
from incheck.prepared import Prepared


def current_among(periods: list[Period], today: dt.date) -> Period | None:
    """Of `periods` (newest first): the open one that contains today, else the latest open one,
    else the latest one."""
    for period in periods:
        if period.start_on <= today <= period.end_on and not period.is_closed:
            return period
    open_periods = [period for period in periods if not period.is_closed]
    if open_periods:
        return open_periods[0]
    return periods[0] if periods else None


def current_period(today: dt.date) -> Period | None:
    """The period a page is about when none is asked for (see `current_among`)."""
    return current_among(list(Period.objects.order_by("-start_on")[:20]), today)


def period_list() -> list[Period]:
    return list(Period.objects.order_by("-start_on"))


def periods_newest_first() -> QuerySet[Period]:
    """Every period, newest first, unevaluated: the caller pages it."""
    return Period.objects.order_by("-start_on", "-id")


# Built once a process (`incheck.prepared`): the team page, the alignment tree and the
# dashboard list every period for their filter.
_EVERY_PERIOD = Prepared(periods_newest_first)


def every_period() -> list[Period]:
    """Every period, newest first (`periods_newest_first`), read."""
    return _EVERY_PERIOD()


def period_get(period_id: int) -> Period:
    """One period, or NotFound."""
    period = Period.objects.filter(pk=period_id).first()
    if period is None:
        raise NotFound(code="not_found")
    return period


@dataclass
class PeriodsPage:
    """The periods page: every period, newest first, and what the viewer may do with them."""

    periods: list[Period]
    current: Period | None
    # Leads and admins open new periods and run the check-out (the same rule closes them).
    may_manage: bool
    # What the form to open a period suggests: the quarter after the latest period.
    suggestion: tuple[str, dt.date, dt.date]


def periods_page(*, viewer: AbstractBaseUser, today: dt.date) -> PeriodsPage:
    """Every period newest first, the current one, and whether the viewer may manage them.

    Two queries, whatever the number of periods.
    """
    periods = list(Period.objects.select_related("closed_by__profile").order_by("-start_on", "-id"))
    latest_end = max((period.end_on for period in periods), default=None)
    return PeriodsPage(
        periods=periods,
        current=current_among(periods, today),
        may_manage=may_close_period(actor_for(viewer)),
        suggestion=next_quarter(latest_end=latest_end, today=today),
    )
