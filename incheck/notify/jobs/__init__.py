"""`incheck jobs`: every scheduled job of the habit loop, once (or every minute with --loop).

In order: plan the day of everyone whose day has begun (nudges, digests) and today's team
posts; send the nudges, team posts and digests whose moment has come; find the day's calendar
events for webhooks (overdue Next Ups, dead KRs); deliver the webhook messages that are due.
Each step claims its work with filtered UPDATEs, so any number of machines may run this at the
same time: each message goes out once.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from incheck import clock
from incheck.notify.jobs.planning import PlanReport, plan_people, plan_team_posts
from incheck.notify.jobs.sending import SendReport, send_digests, send_nudges, send_team_posts
from incheck.notify.jobs.webhooks import DeliveryReport, deliver_webhooks, scan_calendar_events

logger = logging.getLogger("incheck.notify")


@dataclass
class JobsReport:
    plan: PlanReport = field(default_factory=PlanReport)
    nudges: SendReport = field(default_factory=SendReport)
    team_posts: SendReport = field(default_factory=SendReport)
    digests: SendReport = field(default_factory=SendReport)
    events: int = 0
    webhooks: DeliveryReport = field(default_factory=DeliveryReport)

    @property
    def busy(self) -> bool:
        """Whether this run did anything worth a line in a log."""
        plan, w = self.plan, self.webhooks
        counts = [plan.people, plan.nudges, plan.digests, plan.team_posts, self.events]
        counts += [w.delivered, w.retried, w.failed]
        for sent in (self.nudges, self.team_posts, self.digests):
            counts += [sent.sent, sent.skipped, sent.failed]
        return any(counts)

    def lines(self) -> list[str]:
        plan, n, p, d, w = self.plan, self.nudges, self.team_posts, self.digests, self.webhooks
        return [
            f"planned: {plan.people} people, {plan.nudges} nudges ({plan.items} KRs), "
            f"{plan.digests} digests, {plan.team_posts} team posts",
            f"nudges: {n.sent} sent, {n.skipped} skipped, {n.failed} failed",
            f"team posts: {p.sent} sent, {p.skipped} skipped, {p.failed} failed",
            f"digests: {d.sent} sent, {d.skipped} skipped, {d.failed} failed",
            f"webhooks: {self.events} calendar events, {w.delivered} delivered, "
            f"{w.retried} to retry, {w.failed} failed",
        ]


def run_jobs(*, now: dt.datetime | None = None) -> JobsReport:
    """Run every job once, as of ``now`` (default: ``incheck.clock.now()``)."""
    now = now or clock.now()
    report = JobsReport()
    report.plan = plan_people(now=now)
    plan_team_posts(now=now, report=report.plan)
    report.nudges = send_nudges(now=now)
    report.team_posts = send_team_posts(now=now)
    report.digests = send_digests(now=now)
    report.events = scan_calendar_events(now=now)
    report.webhooks = deliver_webhooks(now=now)
    return report
