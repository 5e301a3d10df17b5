"""The words of the weekly digest (a lead's team week, or one's own), in the reader's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from incheck.accounts.names import display_name
from incheck.notify.channels.message import Line, Message, Section
from incheck.notify.content.links import absolute, check_in_url, inbox_url, team_url
from incheck.notify.selectors.digest import DigestData, Moved, Stuck
from incheck.okrs.templatetags.incheck_ui import health_label, number

# A digest item about one KR (`Moved`, `Stuck`).
Item = TypeVar("Item", Moved, Stuck)


def _move_text(moved: Moved) -> str:
    move = moved.move
    parts = []
    points = move.progress_points
    if points:
        kr = moved.row.kr
        parts.append(
            ngettext(
                "progress %(sign)s%(points)s point, now %(value)s",
                "progress %(sign)s%(points)s points, now %(value)s",
                abs(points),
            )
            % {
                "sign": "+" if points > 0 else "−",
                "points": abs(points),
                "value": f"{number(kr.current_value)} {kr.unit}".strip()
                if kr.kr_type != "milestone"
                else (_("reached") if moved.row.progress >= 1 else _("not reached")),
            }
        )
    change = move.confidence_change
    if move.confidence_now is not None and (change or move.confidence_then is None):
        if move.confidence_then is None:
            parts.append(_("confidence %(now)s/10") % {"now": move.confidence_now})
        else:
            parts.append(
                _("confidence %(then)s → %(now)s")
                % {"then": move.confidence_then, "now": move.confidence_now}
            )
    return " · ".join(parts)


def _stuck_text(stuck: Stuck) -> str:
    if stuck.code == "ignored":
        return ngettext(
            "%(count)s nudge went unanswered: its owner gets no more until someone checks in.",
            "%(count)s nudges went unanswered: its owner gets no more until someone checks in.",
            stuck.ignored,
        ) % {"count": stuck.ignored}
    kr = stuck.row.kr
    if (
        stuck.code == "next_up_overdue"
        and kr.open_next_up is not None
        and kr.open_next_up.due_on is not None
    ):
        return _("Next Up overdue since %(date)s: '%(plan)s'") % {
            "date": formats.date_format(kr.open_next_up.due_on, _("j M")),
            "plan": kr.open_next_up.text,
        }
    return str(health_label(stuck.code))


def _more(count: int) -> list[Line]:
    if not count:
        return []
    return [
        Line(title=ngettext("and %(count)s more", "and %(count)s more", count) % {"count": count})
    ]


def _key_result_lines(
    items: Sequence[Item], text: Callable[[Item], str], *, more: int
) -> tuple[Line, ...]:
    """A section of KRs (moved, stuck): each KR with what the section says of it, its owner and
    the way to its check-in; then how many more there are."""
    lines = tuple(
        Line(
            title=item.row.kr.title,
            text=text(item),
            url=check_in_url(item.row.kr.pk),
            meta=display_name(item.row.kr.owner),
        )
        for item in items
    )
    return lines + tuple(_more(more))


def _age(created_at: dt.datetime, day: dt.date, tz: dt.tzinfo) -> str:
    days = (day - created_at.astimezone(tz).date()).days
    return ngettext("open %(days)s day", "open %(days)s days", days) % {"days": days}


def digest_message(
    *, data: DigestData, day: dt.date, tz: dt.tzinfo, team_name: str = "", team_id: int = 0
) -> Message:
    """The digest: moved, stuck, blockers by age, new insights, rhythm against last week."""
    moved = _key_result_lines(data.moved, _move_text, more=data.more_moved)
    stuck = _key_result_lines(data.stuck, _stuck_text, more=data.more_stuck)
    blockers = tuple(
        Line(
            title=b.text,
            text=b.way_around,
            url=check_in_url(b.key_result_id),
            meta=f"{b.key_result.title} · {_age(b.created_at, day, tz)}",
        )
        for b in data.blockers
    ) + tuple(_more(max(0, data.blockers_total - len(data.blockers))))
    insights = tuple(
        Line(title=i.text, url=check_in_url(i.key_result_id), meta=i.key_result.title)
        for i in data.insights
    )
    now, before = data.rhythm_now, data.rhythm_before
    rhythm = Line(
        title=_("Checked in within the rhythm: %(now)s of %(total)s key results")
        % {"now": now.count, "total": now.total},
        text=_("A week ago: %(before)s of %(total)s.")
        % {"before": before.count, "total": before.total},
    )
    if team_name:
        subject = _("Incheck: the week of %(team)s") % {"team": team_name}
        intro = _(
            "The week of %(team)s, for its leads: what moved, what is stuck, what is in the way."
        ) % {"team": team_name}
        link_label, link_url = _("The team's page"), team_url(team_id)
    else:
        subject = _("Incheck: your week")
        intro = _("Your key results this week: what moved, what is stuck, what is in the way.")
        link_label, link_url = _("Open your inbox"), inbox_url()
    return Message(
        kind="digest",
        subject=subject,
        intro=intro,
        sections=(
            Section(_("What moved"), moved, empty=_("Nothing moved this week.")),
            Section(_("What is stuck"), stuck, empty=_("Nothing is stuck.")),
            Section(_("Open blockers, oldest first"), blockers, empty=_("Nothing in the way.")),
            Section(_("New insights"), insights, empty=_("No new insights this week.")),
            Section(_("Rhythm"), (rhythm,)),
        ),
        button=_("Check in"),
        link_label=link_label,
        link_url=link_url,
        footer=_("Turn the digest off on your profile: %(url)s")
        % {"url": absolute("/accounts/profile/#nudges")},
    )
