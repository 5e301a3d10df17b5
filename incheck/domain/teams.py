"""Which team a key result belongs to — the one rule every page, review and permission uses.

A KR belongs to its objective's team; a KR under a personal objective belongs to every team
its owner is a member of (so a lead sees, reviews and may check in on their people's personal
KRs). `okrs.selectors.scopes` holds the same rule as a database filter (`in_team`) and reads the
facts for many KRs at once (`team_ids_by_key_result`).

>>> key_result_team_ids(objective_team_id=3, owner_team_ids=[5, 6])
frozenset({3})
>>> sorted(key_result_team_ids(objective_team_id=None, owner_team_ids=[5, 6]))
[5, 6]
"""

from __future__ import annotations

from collections.abc import Iterable


def key_result_team_ids(
    *, objective_team_id: int | None, owner_team_ids: Iterable[int]
) -> frozenset[int]:
    """A KR's teams: its objective's team, else the teams of the KR's owner."""
    if objective_team_id is not None:
        return frozenset({objective_team_id})
    return frozenset(owner_team_ids)
