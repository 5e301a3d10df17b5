"""A message as every channel renders it: a subject, a few lines, each leading to a KR.

The content is built once, in the reader's language, from plain strings; each channel (e-mail
HTML and text, Slack Block Kit, a Teams Adaptive Card, Mattermost and Rocket.Chat markdown)
only lays it out. Every line that is about a KR links to the KR's check-in form.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    """One thing to read: a KR (``url`` to its check-in form) or a plain fact."""

    title: str
    text: str = ""
    url: str = ""
    meta: str = ""  # a short aside: the owner, the age of a blocker, a delta


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[Line, ...] = ()
    empty: str = ""  # shown when there are no lines


@dataclass(frozen=True)
class Message:
    """What to say. ``button`` is the label of each line's link ("Check in")."""

    subject: str
    intro: str
    sections: tuple[Section, ...] = ()
    button: str = ""
    link_label: str = ""
    link_url: str = ""
    footer: str = ""
    kind: str = "nudge"  # nudge, team_post, digest, test (for the e-mail's template)
    extra: dict[str, str] = field(default_factory=dict)

    def all_lines(self) -> list[Line]:
        return [line for section in self.sections for line in section.lines]
