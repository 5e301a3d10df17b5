"""A team's check-in rhythm: read it as a ``domain.cadence.Cadence``, and change it.

The rule of when a KR is due lives in ``incheck.domain.cadence``; this module only turns rows
into its values and writes the team's choice (leads of the team and admins).

>>> cadence_of(Team(check_in_every_weeks=1, check_in_weekday=3)).weekday  # doctest: +SKIP
3
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from incheck import clock
from incheck.accounts.models import Membership, Team
from incheck.domain.cadence import DEFAULT_CADENCE, EVERY_WEEKS, WEEKDAYS, Cadence
from incheck.domain.permissions import may_change_team_settings
from incheck.errors import Forbidden, Invalid, NotFound


def cadence_from(every_weeks: Any, weekday: Any, anchor_on: dt.date | None) -> Cadence:
    """A Cadence from stored values; anything the rules would refuse reads as the default."""
    try:
        return Cadence(weekday=int(weekday), every_weeks=int(every_weeks), anchor=anchor_on)
    except (TypeError, ValueError):
        return DEFAULT_CADENCE


def cadence_of(team: Team | None) -> Cadence:
    """A team's cadence; no team → the default (every week, on Monday)."""
    if team is None:
        return DEFAULT_CADENCE
    return cadence_from(team.check_in_every_weeks, team.check_in_weekday, team.check_in_anchor_on)


def owner_team(user_id: int) -> Team | None:
    """The team whose rhythm a person's own objectives follow (``domain.cadence.rhythm_of``:
    the first of their teams by id)."""
    membership = (
        Membership.objects.filter(user_id=user_id)
        .select_related("team")
        .order_by("team_id")
        .first()
    )
    return membership.team if membership is not None else None


def cadence_of_key_result(kr: Any) -> Cadence:
    """The rhythm a KR follows: its objective's team's, else the first of its owner's teams'.

    Reads the owner's team from the annotations of ``okrs.selectors.health.with_row_relations``
    when they are there (no query), else asks (one query).
    """
    objective = kr.objective
    if objective.team_id is not None:
        return cadence_of(objective.team)
    if hasattr(kr, "owner_team_weekday"):
        if kr.owner_team_weekday is None:
            return DEFAULT_CADENCE
        return cadence_from(
            kr.owner_team_every_weeks, kr.owner_team_weekday, kr.owner_team_anchor_on
        )
    return cadence_of(owner_team(kr.owner_id))


@transaction.atomic
def team_cadence_update(
    *,
    user: AbstractBaseUser,
    team_id: int,
    every_weeks: int,
    weekday: int,
    anchor_on: dt.date | None = None,
) -> Team:
    """Set how often (every 1 or 2 weeks) and on which day (Monday = 0) a team checks in.

    Every two weeks, ``anchor_on`` is a day in a check-in week (None → the week of the next such
    weekday from today, in the installation's zone). Leads of the team and admins only.
    """
    # Imported here: okrs depends on accounts, not the other way round at import time.
    from incheck.okrs.services.access import actor_for

    team = Team.objects.select_for_update().filter(pk=team_id).first()
    if team is None:
        raise NotFound(code="not_found")
    if not may_change_team_settings(actor_for(user), team_id=team.pk):
        raise Forbidden(_("Only the team's leads and admins change its rhythm."), code="forbidden")
    problems: dict[str, str] = {}
    if every_weeks not in EVERY_WEEKS:
        problems["every_weeks"] = _("Choose every week or every two weeks.")
    if weekday not in WEEKDAYS:
        problems["weekday"] = _("Choose a day of the week.")
    elif every_weeks == 2 and anchor_on is not None and anchor_on.weekday() != weekday:
        problems["anchor_on"] = _("Pick a date on the team's check-in day.")
    if problems:
        raise Invalid(_("Some fields need another look."), code="invalid", fields=problems)
    if every_weeks == 1:
        anchor_on = None
    elif anchor_on is None:
        today = clock.today(clock.zone(None))
        anchor_on = today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    team.check_in_every_weeks = every_weeks
    team.check_in_weekday = weekday
    team.check_in_anchor_on = anchor_on
    team.save(update_fields=["check_in_every_weeks", "check_in_weekday", "check_in_anchor_on"])
    return team
