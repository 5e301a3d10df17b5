"""Sending what was planned: nudges, team posts and digests whose moment has come.

Each is claimed first (``claims.claim_due``), then judged again as the world stands now
(``domain.nudges.send_decision``), then sent through every channel of its reader, one failing
channel never blocking the others. Bounded queries per batch, whatever the number of people.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.utils import translation

from incheck import clock
from incheck.accounts.names import display_name
from incheck.domain.cadence import CHECK_IN_DAY, due_reasons
from incheck.domain.health import due_facts
from incheck.domain.nudges import ItemNow, is_away, send_decision, week_start
from incheck.notify.channels.deliver import Context, Outcome, any_ok, deliver, record
from incheck.notify.content.digest import digest_message
from incheck.notify.content.nudges import DueLine, nudge_message, team_post_message
from incheck.notify.jobs.claims import claim_due
from incheck.notify.jobs.planning import rules
from incheck.notify.models import Channel, Digest, Nudge, NudgeItem, TeamPost
from incheck.notify.selectors.digest import DigestRequest, digests_data
from incheck.notify.services.slack import bot_token
from incheck.okrs.models import KeyResult
from incheck.okrs.selectors.health import snapshot, with_row_relations
from incheck.okrs.selectors.scopes import in_team, not_archived

logger = logging.getLogger("incheck.notify")

# What one run sends at most of each; the next run (a minute later) takes the rest.
BATCH = 500


@dataclass
class SendReport:
    sent: int = 0
    skipped: int = 0
    failed: int = 0


def language_of(profile: object) -> str:
    return getattr(profile, "language", "") or settings.LANGUAGE_CODE


def _context() -> Context:
    return Context(slack_token=bot_token(), email_connection=get_connection())


def _finish(row: Nudge | TeamPost | Digest, outcomes: list[Outcome], now: dt.datetime) -> str:
    if any_ok(outcomes):
        row.state, row.sent_at, row.reason = row.State.SENT, now, ""
    else:
        row.state = row.State.FAILED
        row.reason = "no_channel" if not outcomes else "failed"
    return row.state


def _plan_to_quote(item: NudgeItem, day: dt.date) -> str:
    """The plan a nudge quotes back: the Next Up due that day, or on the check-in day an open
    Next Up whose date has come (the inbox quotes an overdue plan the same way)."""
    if item.next_up is not None:
        return item.next_up.text
    open_next_up = item.key_result.open_next_up
    if open_next_up is not None and open_next_up.due_on is not None and open_next_up.due_on <= day:
        return open_next_up.text
    return ""


def send_nudges(*, now: dt.datetime) -> SendReport:
    """Send the nudges whose moment has come (one batch)."""
    report = SendReport()
    claim, ids = claim_due(Nudge, now=now, limit=BATCH)
    if not ids:
        return report
    nudges = list(Nudge.objects.filter(claim=claim).select_related("user__profile"))
    items: dict[int, list[NudgeItem]] = defaultdict(list)
    for item in NudgeItem.objects.filter(nudge__claim=claim).select_related(
        "key_result__objective__period", "key_result__open_next_up", "next_up"
    ):
        items[item.nudge_id].append(item)
    users = {nudge.user_id for nudge in nudges}
    this_week: dict[int, list[dt.date]] = defaultdict(list)
    earliest = min(week_start(nudge.local_date) for nudge in nudges)
    for user_id, day in Nudge.objects.filter(
        user_id__in=users, state=Nudge.State.SENT, local_date__gte=earliest
    ).values_list("user_id", "local_date"):
        this_week[user_id].append(day)
    channels: dict[int, list[Channel]] = defaultdict(list)
    for channel in Channel.objects.filter(user_id__in=users, enabled=True):
        channels[channel.user_id].append(channel)  # type: ignore[index]
    context = _context()
    nudge_rules = rules()
    outcomes_all: list[Outcome] = []
    sent_items: list[NudgeItem] = []
    for nudge in nudges:
        user = nudge.user
        profile = getattr(user, "profile", None)
        start = week_start(nudge.local_date)
        decision = send_decision(
            (
                ItemNow(
                    item.key_result_id,
                    checked_in_since_planned=bool(
                        item.key_result.last_check_in_at
                        and item.key_result.last_check_in_at > nudge.planned_at
                    ),
                    period_closed=item.key_result.objective.period.is_closed,
                )
                for item in items[nudge.pk]
            ),
            away=profile is not None
            and is_away(profile.away_from, profile.away_until, nudge.local_date),
            sent_this_week=sum(1 for d in this_week[user.pk] if start <= d <= nudge.local_date),
            rules=nudge_rules,
        )
        if not decision.send:
            nudge.state, nudge.reason = Nudge.State.SKIPPED, decision.reason
            report.skipped += 1
            continue
        kept = [item for item in items[nudge.pk] if item.key_result_id in decision.keep]
        with translation.override(language_of(profile)):
            message = nudge_message(
                name=display_name(user),
                lines=[
                    DueLine(
                        key_result_id=item.key_result_id,
                        title=item.key_result.title,
                        objective=item.key_result.objective.title,
                        reason=item.reason,
                        plan=_plan_to_quote(item, nudge.local_date),
                    )
                    for item in kept
                ],
            )
        outcomes = deliver(
            message,
            channels=channels[user.pk],
            context=context,
            email=user.email,
            own_email=bool(profile is None or profile.wants_reminders) and bool(user.email),
        )
        outcomes_all += outcomes
        if _finish(nudge, outcomes, now) == Nudge.State.SENT:
            this_week[user.pk].append(nudge.local_date)
            report.sent += 1
            for item in kept:
                item.sent = True
                sent_items.append(item)
        else:
            report.failed += 1
    Nudge.objects.bulk_update(nudges, ["state", "reason", "sent_at"], batch_size=200)
    NudgeItem.objects.bulk_update(sent_items, ["sent"], batch_size=200)
    record(outcomes_all, now=now)
    return report


def _team_due_lines(team_id: int, *, day: dt.date, tz: dt.tzinfo) -> list[DueLine]:
    """The team's KRs due on its check-in day (one query)."""
    krs = with_row_relations(
        KeyResult.objects.filter(
            in_team(team_id, key_result=""),
            not_archived(),
            objective__period__closed_at__isnull=True,
            objective__period__start_on__lte=day,
            objective__period__end_on__gte=day,
        )
    ).order_by("owner_id", "id")
    lines = []
    for kr in krs:
        health = snapshot(kr, tz)
        if health.cadence is None or CHECK_IN_DAY not in due_reasons(
            health.cadence, due_facts(health), today=day
        ):
            continue
        lines.append(
            DueLine(
                key_result_id=kr.pk,
                title=kr.title,
                objective=kr.objective.title,
                reason=CHECK_IN_DAY,
                owner=display_name(kr.owner),
                plan=next_up.text
                if (next_up := kr.open_next_up) is not None
                and next_up.due_on is not None
                and next_up.due_on <= day
                else "",
            )
        )
    return lines


def send_team_posts(*, now: dt.datetime) -> SendReport:
    """Post each due team's check-in-day message to its channels."""
    report = SendReport()
    claim, ids = claim_due(TeamPost, now=now, limit=BATCH)
    if not ids:
        return report
    posts = list(TeamPost.objects.filter(claim=claim).select_related("team"))
    channels: dict[int, list[Channel]] = defaultdict(list)
    for channel in Channel.objects.filter(
        team_id__in=[p.team_id for p in posts], enabled=True
    ).select_related("created_by__profile"):
        channels[channel.team_id].append(channel)  # type: ignore[index]
    context = _context()
    tz = clock.zone(None)
    outcomes_all: list[Outcome] = []
    for post in posts:
        lines = _team_due_lines(post.team_id, day=post.local_date, tz=tz)
        if not lines:
            post.state, post.reason = TeamPost.State.SKIPPED, "nothing_due"
            report.skipped += 1
            continue
        outcomes: list[Outcome] = []
        for channel in channels[post.team_id]:
            # A team channel speaks the language of whoever set it up.
            creator = channel.created_by
            with translation.override(language_of(getattr(creator, "profile", None))):
                message = team_post_message(team_id=post.team_id, team=post.team.name, lines=lines)
            outcomes += deliver(message, channels=[channel], context=context)
        outcomes_all += outcomes
        state = _finish(post, outcomes, now)
        report.sent += state == TeamPost.State.SENT
        report.failed += state == TeamPost.State.FAILED
    TeamPost.objects.bulk_update(posts, ["state", "reason", "sent_at"], batch_size=200)
    record(outcomes_all, now=now)
    return report


def send_digests(*, now: dt.datetime) -> SendReport:
    """Send the digests whose moment has come: each reads its team's week in a few queries."""
    report = SendReport()
    claim, ids = claim_due(Digest, now=now, limit=BATCH)
    if not ids:
        return report
    digests = list(Digest.objects.filter(claim=claim).select_related("user__profile", "team"))
    channels: dict[int, list[Channel]] = defaultdict(list)
    for channel in Channel.objects.filter(user_id__in={d.user_id for d in digests}, enabled=True):
        channels[channel.user_id].append(channel)  # type: ignore[index]
    context = _context()
    outcomes_all: list[Outcome] = []
    # Read together: a few queries per (day, zone), whatever the number of digests.
    wanted: list[DigestRequest] = []
    for digest in digests:
        profile = getattr(digest.user, "profile", None)
        if profile is not None and is_away(
            profile.away_from, profile.away_until, digest.local_date
        ):
            digest.state, digest.reason = Digest.State.SKIPPED, "away"
            report.skipped += 1
            continue
        tz = clock.zone(profile.time_zone if profile else None)
        wanted.append(
            DigestRequest(digest.pk, digest.user_id, digest.team_id, digest.local_date, tz)
        )
    read = digests_data(wanted)
    by_key = {digest.pk: digest for digest in digests}
    for request in wanted:
        digest = by_key[request.key]
        user = digest.user
        profile = getattr(user, "profile", None)
        data = read[request.key]
        if data.period is not None and data.period.is_closed:
            # Nothing is sent for a closed period: its week is read in the review.
            digest.state, digest.reason = Digest.State.SKIPPED, "closed"
            report.skipped += 1
            continue
        if data.period is None or not data.key_results:
            digest.state, digest.reason = Digest.State.SKIPPED, "nothing"
            report.skipped += 1
            continue
        with translation.override(language_of(profile)):
            message = digest_message(
                data=data,
                day=digest.local_date,
                tz=request.tz,
                team_name=digest.team.name if digest.team else "",
                team_id=digest.team_id or 0,
            )
        outcomes = deliver(
            message,
            channels=channels[user.pk],
            context=context,
            email=user.email,
            own_email=bool(user.email),
        )
        outcomes_all += outcomes
        state = _finish(digest, outcomes, now)
        report.sent += state == Digest.State.SENT
        report.failed += state == Digest.State.FAILED
    Digest.objects.bulk_update(digests, ["state", "reason", "sent_at"], batch_size=200)
    record(outcomes_all, now=now)
    return report
