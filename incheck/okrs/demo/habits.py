"""The demo's habit loop: each team's check-in rhythm, dated like the rest of the story.

The demo opens on Growth's check-in day (Maja's team checks in every week on the day the demo
is loaded), so its nudges and the lead's view of them show at once; Product checks in every
week on the day of its sittings last week; Customer Success every two weeks, last on the day
Elin checked in on churn.

Growth also has a Mattermost channel (a Slack-compatible incoming webhook) whose address is on
loopback where nothing listens: on its check-in day the team's post fails, the failure is
logged and shown to Maja on the team's settings page, and nothing leaves the machine.
"""

from __future__ import annotations

from incheck.accounts.rhythm import team_cadence_update
from incheck.notify.services.channels import channel_save
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


# Port 9 is "discard": nothing listens there on a normal machine, so a post fails at once.
DEMO_WEBHOOK = "http://127.0.0.1:9/hooks/nordlys-growth"


def set_channels(org: Org) -> None:
    """Growth's team channel, as Maja (its lead) would add it on the settings page."""
    channel_save(user=org.demo, team_id=org.teams["Growth"].pk, kind="mattermost", url=DEMO_WEBHOOK)
