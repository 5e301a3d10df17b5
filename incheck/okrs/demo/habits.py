"""The demo's habit loop: each team's check-in rhythm, dated like the rest of the story.

The demo opens on Growth's check-in day (Maja's team checks in every week on the day the demo
is loaded), so its nudges and the lead's view of them show at once; Product checks in every
week on the day of its sittings last week; Customer Success every two weeks, last on the day
Elin checked in on churn.
"""

from __future__ import annotations

from incheck.accounts.rhythm import team_cadence_update
from incheck.okrs.demo.people import Org
from incheck.okrs.demo.timeline import Timeline


def set_rhythms(org: Org, timeline: Timeline) -> None:
    """Every team's rhythm, through the same service a lead's form calls."""
    rhythms = {
        "Growth": (1, timeline.date(0)),
        "Product": (1, timeline.date(-6)),
        "Customer Success": (2, timeline.date(-11)),
    }
    for name, (every_weeks, day) in rhythms.items():
        team_cadence_update(
            user=org.demo,
            team_id=org.teams[name].pk,
            every_weeks=every_weeks,
            weekday=day.weekday(),
            anchor_on=day if every_weeks == 2 else None,
        )
