"""Periods: list, open a new one, read one. (The check-out review is `review.py`.)"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from incheck.okrs.api.context import user_of
from incheck.okrs.api.pagination import Page
from incheck.okrs.api.schemas import PeriodOut
from incheck.okrs.api.types import Id, Input, Text
from incheck.okrs.models import Period
from incheck.okrs.selectors.periods import period_get, periods_newest_first
from incheck.okrs.services.periods import period_create

router = Router(tags=["periods"])


class PeriodIn(Input):
    name: Text
    start_on: dt.date
    end_on: dt.date


@router.get("/periods", response=list[PeriodOut])
@paginate(Page)
def list_periods(request: HttpRequest) -> Any:
    """List periods, newest first."""
    return periods_newest_first()


@router.post("/periods", response={201: PeriodOut})
def create_period(request: HttpRequest, payload: PeriodIn) -> Status[Period]:
    """Open a new period (leads and admins)."""
    period = period_create(
        actor=user_of(request), name=payload.name, start_on=payload.start_on, end_on=payload.end_on
    )
    return Status(201, period)


@router.get("/periods/{period_id}", response=PeriodOut)
def get_period(request: HttpRequest, period_id: Id) -> Period:
    """Read one period."""
    return period_get(period_id)
