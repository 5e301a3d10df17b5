"""The reads behind a team's settings page: its rhythm, its channels and their state, and the
nudges to come (a fixed number of queries, whatever the team's size)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice

from django.contrib.auth.models import AbstractBaseUser

from incheck import clock
from incheck.accounts.models import Membership, Team
from incheck.accounts.names import display_name
from incheck.accounts.rhythm import cadence_of
from incheck.domain.cadence import CHECK_IN_DAY, Cadence, check_in_days, due_reasons
from incheck.domain.health import due_facts
from incheck.domain.nudges import is_escalated
from incheck.domain.permissions import may_change_team_settings
from incheck.errors import NotFound
from incheck.notify.jobs.planning import rules
from incheck.notify.models import Channel, Nudge
from incheck.notify.selectors.ignored import ignored_before, unanswered_nudge_days
from incheck.notify.selectors.profile import ChannelRow, channel_rows
from incheck.notify.services.channels import TEAM_KINDS
from incheck.okrs.models import KeyResult
from incheck.okrs.selectors.health import snapshot, with_row_relations
from incheck.okrs.selectors.scopes import in_team, not_archived
from incheck.okrs.services.access import actor_for

# The settings page lists this many of the team's coming check-in days, and nudges.
UPCOMING_DAYS = 4
LIST_LIMIT = 20


@dataclass
class DueOwner:
    name: str
    count: int


@dataclass
class TeamSettingsPage:
    team: Team
    cadence: Cadence
    may_change: bool
    upcoming: list[dt.date] = field(default_factory=list)
    channels: list[ChannelRow] = field(default_factory=list)
    free_kinds: list[str] = field(default_factory=list)
    # The next check-in day: who would be nudged for how many KRs if nobody checks in first.
    next_day: dt.date | None = None
    due_next: list[DueOwner] = field(default_factory=list)
    planned: list[Nudge] = field(default_factory=list)
    recent: list[Nudge] = field(default_factory=list)
    # KRs whose nudges went unanswered: their owners get no more until someone checks in.
    silenced: list[KeyResult] = field(default_factory=list)


def upcoming_check_in_days(cadence: Cadence, *, today: dt.date, count: int) -> list[dt.date]:
    """The team's next ``count`` check-in days from today (today included)."""
    return list(islice(check_in_days(cadence, today, today + dt.timedelta(weeks=2 * count)), count))


def team_settings_page(user: AbstractBaseUser, team_id: int, *, tz: dt.tzinfo) -> TeamSettingsPage:
    """A team's settings as its page shows them."""
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise NotFound(code="not_found")
    cadence = cadence_of(team)
    today = clock.today(tz)
    may_change = may_change_team_settings(actor_for(user), team_id=team.pk)
    page = TeamSettingsPage(
        team=team,
        cadence=cadence,
        may_change=may_change,
        upcoming=upcoming_check_in_days(cadence, today=today, count=UPCOMING_DAYS),
    )
    channels = list(Channel.objects.filter(team=team).select_related("created_by__profile"))
    page.channels = channel_rows(channels)
    taken = {channel.kind for channel in channels}
    page.free_kinds = [kind.value for kind in TEAM_KINDS if kind.value not in taken]
    _next_nudges(page, today=today, tz=tz)
    return page


def _next_nudges(page: TeamSettingsPage, *, today: dt.date, tz: dt.tzinfo) -> None:
    """Who the next check-in day would nudge, the nudges planned and sent lately."""
    page.next_day = page.upcoming[0] if page.upcoming else None
    members = Membership.objects.filter(team=page.team).values("user_id")
    scope = KeyResult.objects.filter(
        in_team(page.team.pk, key_result=""),
        not_archived(),
        objective__period__closed_at__isnull=True,
        objective__period__end_on__gte=today,
    )
    krs = list(with_row_relations(scope).order_by("owner_id", "id"))
    unanswered = unanswered_nudge_days(scope)
    owners: Counter[str] = Counter()
    for kr in krs:
        if is_escalated(
            ignored_before(unanswered.get(kr.pk, []), today + dt.timedelta(days=1)), rules()
        ):
            page.silenced.append(kr)
            continue
        health = snapshot(kr, tz)
        if (
            page.next_day
            and health.cadence == page.cadence
            and CHECK_IN_DAY in due_reasons(page.cadence, due_facts(health), today=page.next_day)
        ):
            owners[display_name(kr.owner)] += 1
    page.due_next = [DueOwner(name, count) for name, count in sorted(owners.items())]
    page.silenced = page.silenced[:LIST_LIMIT]
    nudges = Nudge.objects.filter(user_id__in=members).select_related("user__profile")
    page.planned = list(
        nudges.filter(state=Nudge.State.PLANNED).order_by("send_at", "id")[:LIST_LIMIT]
    )
    page.recent = list(
        nudges.exclude(state__in=[Nudge.State.PLANNED, Nudge.State.SENDING]).order_by(
            "-local_date", "-id"
        )[:LIST_LIMIT]
    )
