"""The demo: Nordlys, a small Stockholm company, with a closed quarter and seven weeks of this one.

`load_demo` writes it once, through the same services a person's input goes through, with the
clock moved back to the day each thing happened. Everything is dated relative to `today`, so
the demo looks alive whenever it is loaded. It loads only into an empty installation: it adds
an administrator with a published password (demo / demo).

>>> load_demo(today=date(2026, 11, 24))  # doctest: +SKIP
True
>>> load_demo(today=date(2026, 11, 24))  # doctest: +SKIP
False
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from incheck import clock
from incheck.accounts.models import Team
from incheck.domain.progress import expected_fraction
from incheck.domain.quarters import quarter_name, quarter_of
from incheck.okrs.demo import current, previous
from incheck.okrs.demo.habits import set_channels, set_rhythms
from incheck.okrs.demo.people import DEMO_PASSWORD, DEMO_USERNAME, TIME_ZONE, Org, create_org
from incheck.okrs.demo.story import Story
from incheck.okrs.demo.timeline import current_timeline, quarter_timeline
from incheck.okrs.models import Period
from incheck.okrs.services.checkout import period_close
from incheck.okrs.services.periods import period_create

__all__ = ["DEMO_PASSWORD", "DEMO_USERNAME", "DatabaseNotEmpty", "is_loaded", "load_demo"]

# The share of the quarter the story's numbers were written for (its eighth week). Loaded
# later in a quarter, the numbers are stretched so that the healthy KRs stay on pace; a few
# days later is not worth it (the numbers would lose their round look for nothing).
REFERENCE_PACE = 0.59
STRETCH_FROM = 1.05


class DatabaseNotEmpty(Exception):
    """The installation already has people, teams or periods: the demo stays out of it."""


def is_loaded() -> bool:
    """Whether the demo is there (its marker is the demo user)."""
    return get_user_model().objects.filter(username=DEMO_USERNAME).exists()


def load_demo(*, today: dt.date) -> bool:
    """Write the demo for `today`; False (and nothing written) when it is already loaded.

    Raises DatabaseNotEmpty rather than mixing a published password into real data.
    """
    if is_loaded():
        return False
    if get_user_model().objects.exists() or Team.objects.exists() or Period.objects.exists():
        raise DatabaseNotEmpty
    restore = clock.frozen()
    tz = clock.zone(TIME_ZONE)
    try:
        with transaction.atomic():
            _write(today=today, now=clock.now(), tz=tz)
    finally:
        clock.freeze(restore)
    return True


def _write(*, today: dt.date, now: dt.datetime, tz: dt.tzinfo) -> None:
    org = create_org()
    start, end = quarter_of(today)
    previous_start, previous_end = quarter_of(start - dt.timedelta(days=1))
    timeline = current_timeline(today=today, tz=tz, now=now)
    set_rhythms(org, timeline)
    set_channels(org)

    last_quarter = period_create(
        actor=org.demo,
        name=quarter_name(previous_start),
        start_on=previous_start,
        end_on=previous_end,
    )
    this_quarter = period_create(
        actor=org.demo, name=quarter_name(start), start_on=start, end_on=end
    )

    previous.write(
        Story(
            org=org,
            timeline=quarter_timeline(start=previous_start, tz=tz, ceiling=timeline.ceiling),
            period=last_quarter,
        ),
        last=(previous_end - previous_start).days,
    )
    # The check-out meeting: the day after the new quarter starts (or now, if that comes first).
    closing = dt.datetime.combine(start + dt.timedelta(days=1), dt.time(15, 0), tzinfo=tz)
    _close(last_quarter, org=org, at=min(closing, timeline.ceiling))

    pace = expected_fraction(period_start=start, period_end=end, today=today) / REFERENCE_PACE
    stretch = pace if pace >= STRETCH_FROM else 1.0
    current.write(Story(org=org, timeline=timeline, period=this_quarter, pace=stretch))


def _close(period: Period, *, org: Org, at: dt.datetime) -> None:
    """The check-out: Maja, a lead, closes last quarter once its outcomes are in."""
    clock.freeze(at)
    period_close(actor=org.demo, period_id=period.pk)
