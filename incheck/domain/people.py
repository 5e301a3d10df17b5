"""Rules about people and teams that need no database: groups from single sign-on, team
nesting, user names from e-mail addresses.

>>> memberships_from_groups(["/Growth", "platform:lead", "staff"], {"growth": 1, "platform": 2})
{1: 'member', 2: 'lead'}
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

LEAD = "lead"
MEMBER = "member"
ROLES = (MEMBER, LEAD)
# A group named "<team>:lead" makes its members leads of the team (see docs/sso.md).
LEAD_SUFFIX = ":lead"
TEAM_NAME_LIMIT = 120
PERSON_NAME_LIMIT = 120
USERNAME_LIMIT = 150


def team_key(name: str) -> str:
    """How a team name is matched (groups, CSV): trimmed, case and width folded."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


def memberships_from_groups(groups: Iterable[str], team_ids: Mapping[str, int]) -> dict[int, str]:
    """The team memberships a groups claim asks for: `{team_id: role}`.

    A group matches a team by name (`team_key`), with a leading "/" ignored (Keycloak writes
    groups as paths); "<team>:lead" makes a lead. Groups naming no team are ignored: a provider
    sends many groups that have nothing to do with OKRs. Lead wins over member.
    """
    wanted: dict[int, str] = {}
    for group in groups:
        name = group.strip().lstrip("/")
        role = MEMBER
        if name.casefold().endswith(LEAD_SUFFIX):
            name, role = name[: -len(LEAD_SUFFIX)], LEAD
        team_id = team_ids.get(team_key(name))
        if team_id is None:
            continue
        if wanted.get(team_id) != LEAD:
            wanted[team_id] = role
    return wanted


def creates_cycle(team_id: int, parent_id: int | None, parent_of: Mapping[int, int | None]) -> bool:
    """Would putting `team_id` under `parent_id` make a team its own ancestor?

    `parent_of` maps each team to its current parent.
    """
    seen: set[int] = set()
    current = parent_id
    while current is not None and current not in seen:
        if current == team_id:
            return True
        seen.add(current)
        current = parent_of.get(current)
    return False


def username_base(email: str) -> str:
    """A user name from an e-mail address: its local part in the characters Django allows.

    >>> username_base("Åsa.Lind+okr@example.org")
    'asa.lind+okr'
    """
    local = email.split("@", 1)[0]
    ascii_text = unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^\w.@+-]", "", ascii_text.lower())
    return cleaned[: USERNAME_LIMIT - 10] or "person"


def role_problem(role: str) -> str | None:
    """The code for a role that is not one (None when it is)."""
    return None if role in ROLES else "unknown_role"
