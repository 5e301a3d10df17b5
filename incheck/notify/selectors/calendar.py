"""A person's calendar feed (ICS, made with the ``icalendar`` library): their open Next Ups as
all-day events on their dates, and each of their teams' check-in day as a recurring event.

Three queries whatever the person's history: the profile by its secret, their open Next Ups
in running periods, their teams.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vRecur

from incheck import clock
from incheck.accounts.models import Membership, Profile
from incheck.accounts.names import display_name
from incheck.accounts.rhythm import cadence_of
from incheck.domain.cadence import next_check_in_day
from incheck.notify.content.links import check_in_url, team_url
from incheck.okrs.models import CheckIn

# A person has a few open Next Ups; this bounds the feed if a script made thousands.
NEXT_UP_LIMIT = 500
DAY_NAMES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PRODID = "-//Incheck//Habit loop//EN"


def calendar_profile(token: str) -> Profile | None:
    """The active person whose feed this secret opens (None: revoked, regenerated, unknown)."""
    if not token or len(token) > 64:
        return None
    return (
        Profile.objects.select_related("user")
        .filter(calendar_token=token, user__is_active=True)
        .first()
    )


def calendar_feed(profile: Profile) -> bytes:
    """The feed's bytes, in the person's language."""
    user = profile.user
    now = clock.now()
    tz = clock.zone(profile.time_zone)
    today = clock.today(tz)
    next_ups = (
        CheckIn.objects.filter(
            kind=CheckIn.Kind.NEXT_UP,
            key_result__owner_id=user.pk,
            key_result__open_next_up_id=F("pk"),
            key_result__objective__period__closed_at__isnull=True,
            due_on__isnull=False,
        )
        .select_related("key_result")
        .order_by("due_on", "id")[:NEXT_UP_LIMIT]
    )
    memberships = (
        Membership.objects.filter(user_id=user.pk).select_related("team").order_by("team_id")
    )
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    with translation.override(profile.language or None):
        calendar.add("x-wr-calname", _("Incheck: %(name)s") % {"name": display_name(user)})
        for next_up in next_ups:
            kr, due_on = next_up.key_result, next_up.due_on
            assert due_on is not None  # filtered above
            url = check_in_url(kr.pk)
            event = Event()
            event.add("uid", f"next-up-{next_up.pk}@incheck")
            event.add("dtstamp", now)
            event.add("dtstart", due_on)
            event.add("dtend", due_on + dt.timedelta(days=1))
            event.add("summary", _("Next Up: %(key_result)s") % {"key_result": kr.title})
            event.add("description", f"{next_up.text}\n\n{url}")
            event.add("url", url)
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
        for membership in memberships:
            team = membership.team
            cadence = cadence_of(team)
            first = next_check_in_day(cadence, dt.date(today.year, 1, 1))
            event = Event()
            event.add("uid", f"team-{team.pk}-check-in@incheck")
            event.add("dtstamp", now)
            event.add("dtstart", first)
            event.add("dtend", first + dt.timedelta(days=1))
            event.add(
                "rrule",
                vRecur(
                    freq="WEEKLY", interval=cadence.every_weeks, byday=DAY_NAMES[cadence.weekday]
                ),
            )
            event.add("summary", _("%(team)s: check-in day") % {"team": team.name})
            event.add("description", team_url(team.pk))
            event.add("url", team_url(team.pk))
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
    return calendar.to_ical()
