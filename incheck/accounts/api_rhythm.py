"""The API of a team's check-in rhythm: read it, and (leads, admins) set it."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema

from incheck import clock
from incheck.accounts.models import Team
from incheck.accounts.rhythm import cadence_of, team_cadence_update
from incheck.domain.cadence import next_check_in_day
from incheck.errors import NotFound
from incheck.okrs.api.context import tz_of, user_of
from incheck.okrs.api.types import Day, Id, Input, Whole

router = Router(tags=["people"])

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WeekdayName = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class RhythmOut(Schema):
    """How often the team checks in, on which day, and the next check-in day (your zone)."""

    every_weeks: int
    weekday: WeekdayName
    anchor_on: dt.date | None
    next_check_in_on: dt.date


class RhythmIn(Input):
    """`every_weeks` 1 or 2; `weekday` by name; every two weeks, `anchor_on` is a date on the
    check-in day that the team checks in (left out: the next such day)."""

    every_weeks: Whole
    weekday: WeekdayName
    anchor_on: Day | None = None


def rhythm_out(team: Team, *, today: dt.date) -> dict[str, Any]:
    cadence = cadence_of(team)
    return {
        "every_weeks": cadence.every_weeks,
        "weekday": WEEKDAY_NAMES[cadence.weekday],
        "anchor_on": cadence.anchor,
        "next_check_in_on": next_check_in_day(cadence, today),
    }


@router.get("/teams/{team_id}/rhythm", response=RhythmOut)
def get_team_rhythm(request: HttpRequest, team_id: Id) -> dict[str, Any]:
    """Read a team's check-in rhythm."""
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise NotFound(code="not_found")
    return rhythm_out(team, today=clock.today(tz_of(request)))


@router.put("/teams/{team_id}/rhythm", response=RhythmOut)
def update_team_rhythm(request: HttpRequest, team_id: Id, payload: RhythmIn) -> dict[str, Any]:
    """Set a team's check-in rhythm (its leads and admins)."""
    team = team_cadence_update(
        user=user_of(request),
        team_id=team_id,
        every_weeks=payload.every_weeks,
        weekday=WEEKDAY_NAMES.index(payload.weekday),
        anchor_on=payload.anchor_on,
    )
    return rhythm_out(team, today=clock.today(tz_of(request)))
