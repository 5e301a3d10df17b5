"""The reads behind a team's settings page: its rhythm (and, with the channels, their state)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import islice

from django.contrib.auth.models import AbstractBaseUser

from incheck import clock
from incheck.accounts.models import Team
from incheck.accounts.rhythm import cadence_of
from incheck.domain.cadence import Cadence, check_in_days
from incheck.domain.permissions import may_change_team_settings
from incheck.errors import NotFound
from incheck.okrs.services.access import actor_for

# The settings page lists this many of the team's coming check-in days.
UPCOMING_DAYS = 4


@dataclass
class TeamSettingsPage:
    team: Team
    cadence: Cadence
    may_change: bool
    upcoming: list[dt.date] = field(default_factory=list)


def upcoming_check_in_days(cadence: Cadence, *, today: dt.date, count: int) -> list[dt.date]:
    """The team's next ``count`` check-in days from today (today included)."""
    return list(islice(check_in_days(cadence, today, today + dt.timedelta(weeks=2 * count)), count))


def team_settings_page(user: AbstractBaseUser, team_id: int, *, tz: dt.tzinfo) -> TeamSettingsPage:
    """A team's settings as its page shows them (two queries)."""
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise NotFound(code="not_found")
    cadence = cadence_of(team)
    return TeamSettingsPage(
        team=team,
        cadence=cadence,
        may_change=may_change_team_settings(actor_for(user), team_id=team.pk),
        upcoming=upcoming_check_in_days(cadence, today=clock.today(tz), count=UPCOMING_DAYS),
    )
