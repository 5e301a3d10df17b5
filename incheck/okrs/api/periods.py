"""Periods: list, open, read, close, and carry objectives over. (The review is `review.py`.)"""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate
from pydantic import Field

from incheck.okrs.api.context import user_of
from incheck.okrs.api.pagination import Page
from incheck.okrs.api.schemas import ObjectiveOut, PeriodOut
from incheck.okrs.api.types import Day, Id, Input, Ref, Text
from incheck.okrs.models import Objective, Period
from incheck.okrs.selectors.periods import period_get, periods_newest_first
from incheck.okrs.services.checkout import objectives_carry_over, period_close
from incheck.okrs.services.periods import period_create

router = Router(tags=["periods"])


class PeriodIn(Input):
    name: Text
    start_on: Day
    end_on: Day


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


@router.post("/periods/{period_id}/close", response=PeriodOut)
def close_period(request: HttpRequest, period_id: Id) -> Period:
    """Close a period at check-out (leads and admins): it is locked for every write after."""
    return period_close(actor=user_of(request), period_id=period_id)


class CarryOverIn(Input):
    # Named like the service's error fields, so a 422 names this very field.
    objectives: list[Ref] = Field(min_length=1, max_length=200)


@router.post("/periods/{period_id}/carry-over", response={201: list[ObjectiveOut]})
def carry_over_objectives(
    request: HttpRequest, period_id: Id, payload: CarryOverIn
) -> Status[list[Objective]]:
    """Carry unfinished objectives and their unfinished KRs into this (later, open) period."""
    copies = objectives_carry_over(
        actor=user_of(request), objective_ids=payload.objectives, to_period_id=period_id
    )
    return Status(201, copies)
