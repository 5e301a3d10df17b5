"""The words of a nudge and of a team's check-in-day post, in the reader's language.

Built inside ``translation.override`` by the caller; every line links to the KR's check-in form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from incheck.notify.channels.message import Line, Message, Section
from incheck.notify.content.links import check_in_url, inbox_url, profile_url, team_url


@dataclass(frozen=True)
class DueLine:
    """One KR in a nudge or a post."""

    key_result_id: int
    title: str
    objective: str
    reason: str  # domain.cadence.NEXT_UP_DUE or CHECK_IN_DAY
    plan: str = ""  # the Next Up's words, quoted back (the one due, or an overdue one)
    owner: str = ""


def _text(line: DueLine) -> str:
    if line.plan:
        return _("You said: '%(plan)s' — how did it go?") % {"plan": line.plan}
    return _("Check-in day: what moved, how sure are you, and what is next?")


def _due_section(lines: Sequence[DueLine], *, meta: Callable[[DueLine], str]) -> Section:
    """The KRs as lines, each linking to its check-in form; `meta` says what stands beside it
    (the objective for its owner, the owner for the team)."""
    return Section(
        title="",
        lines=tuple(
            Line(
                title=line.title,
                text=_text(line),
                url=check_in_url(line.key_result_id),
                meta=meta(line),
            )
            for line in lines
        ),
    )


def nudge_message(*, name: str, lines: Sequence[DueLine]) -> Message:
    """A person's nudge: their KRs due today, each with a Check in button."""
    count = len(lines)
    return Message(
        kind="nudge",
        subject=ngettext(
            "Incheck: %(count)s key result to check in on",
            "Incheck: %(count)s key results to check in on",
            count,
        )
        % {"count": count},
        intro=_("Hi %(name)s, a short check-in keeps a key result alive:") % {"name": name},
        sections=(_due_section(lines, meta=lambda line: line.objective),),
        button=_("Check in"),
        link_label=_("Open your inbox"),
        link_url=inbox_url(),
        footer=_(
            "At most %(count)s nudges a week. Change the hour, mark days away or turn "
            "nudges off on your profile: %(url)s"
        )
        % {"count": settings.INCHECK_NUDGES_PER_WEEK, "url": profile_url()},
    )


# A team post lists this many KRs; the rest are on the team's page.
POST_LINES = 25


def team_post_message(*, team_id: int, team: str, lines: Sequence[DueLine]) -> Message:
    """A team channel's check-in-day message: the team's KRs that are due, with their owners."""
    count = len(lines)
    shown = lines[:POST_LINES]
    return Message(
        kind="team_post",
        subject=_("%(team)s checks in today") % {"team": team},
        intro=ngettext(
            "%(count)s key result is due for a check-in.",
            "%(count)s key results are due for a check-in.",
            count,
        )
        % {"count": count},
        sections=(_due_section(shown, meta=lambda line: line.owner),),
        button=_("Check in"),
        link_label=_("The team's page"),
        link_url=team_url(team_id),
    )


def test_message(*, where: str) -> Message:
    """What the "send a test message" button sends."""
    return Message(
        kind="test",
        subject=_("Incheck: a test message"),
        intro=_("If you read this, %(where)s works: Incheck's messages will reach you here.")
        % {"where": where},
        sections=(
            Section(
                title="",
                lines=(
                    Line(
                        title=_("Your inbox"),
                        text=_("Every message links straight to the check-in form."),
                        url=inbox_url(),
                    ),
                ),
            ),
        ),
        button=_("Check in"),
    )
