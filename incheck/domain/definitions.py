"""Rules for the definition of objectives and key results (not their check-ins)."""

from __future__ import annotations

import math
from collections.abc import Mapping

TITLE_LIMIT = 200
DESCRIPTION_LIMIT = 2000
UNIT_LIMIT = 30
PERIOD_NAME_LIMIT = 80
# A change to any of these makes the old Context stale: a new "why this number" is due (rule 1).
SIGNIFICANT_FIELDS = ("title", "kr_type", "start_value", "target_value", "unit")
MAX_MAGNITUDE = 1e12


def title_problems(title: str, *, limit: int = TITLE_LIMIT) -> dict[str, str]:
    if not title.strip():
        return {"title": "title_required"}
    if len(title) > limit:
        return {"title": "title_too_long"}
    return {}


def objective_problems(*, title: str, description: str) -> dict[str, str]:
    """The rules for an objective's words, as `{field: code}`."""
    problems = title_problems(title)
    if len(description) > DESCRIPTION_LIMIT:
        problems["description"] = "description_too_long"
    return problems


def key_result_problems(
    *, title: str, kr_type: str, start_value: float, target_value: float, unit: str
) -> dict[str, str]:
    """Every rule a KR definition breaks, as `{field: code}`.

    >>> key_result_problems(title="Leads", kr_type="increase", start_value=60,
    ...                     target_value=60, unit="leads")
    {'target_value': 'start_equals_target'}
    """
    problems = title_problems(title)
    if kr_type not in ("increase", "decrease", "milestone"):
        problems["kr_type"] = "kr_type_unknown"
    if len(unit) > UNIT_LIMIT:
        problems["unit"] = "unit_too_long"
    for name, value in (("start_value", start_value), ("target_value", target_value)):
        if not math.isfinite(value):
            problems[name] = "value_not_finite"
        elif abs(value) > MAX_MAGNITUDE:
            problems[name] = "value_out_of_range"
    if problems or kr_type == "milestone":
        return problems
    if start_value == target_value:
        problems["target_value"] = "start_equals_target"
    elif kr_type == "increase" and target_value < start_value:
        problems["target_value"] = "target_below_start"
    elif kr_type == "decrease" and target_value > start_value:
        problems["target_value"] = "target_above_start"
    return problems


def milestone_values(kr_type: str, start_value: float, target_value: float) -> tuple[float, float]:
    """A milestone is reached or not: its scale is always 0 → 1, whatever was typed."""
    return (0.0, 1.0) if kr_type == "milestone" else (start_value, target_value)


def significant_change(before: dict[str, object], after: dict[str, object]) -> bool:
    """True when a field that the Context explains has changed."""
    return any(before.get(name) != after.get(name) for name in SIGNIFICANT_FIELDS if name in after)


def parent_cycle(
    *, objective_id: int, parent_id: int | None, parent_of: Mapping[int, int | None]
) -> bool:
    """True when aligning an objective under `parent_id` would close a loop: the parent is the
    objective itself or one of the objectives under it. Parent links never form a cycle
    (DESIGN.md §6), so this is the one check before a parent is set, and a parent picker can
    ask it of each candidate.

    `parent_of` maps an objective's id to its parent's (None at the top); only the chain up
    from `parent_id` is read. A new objective has no id yet and nothing under it: no loop.

    >>> links = {1: None, 2: 1, 3: 2}        # 3 is under 2, which is under 1
    >>> parent_cycle(objective_id=1, parent_id=3, parent_of=links)
    True
    >>> parent_cycle(objective_id=3, parent_id=1, parent_of=links)
    False
    """
    seen: set[int] = set()
    current = parent_id
    while current is not None and current not in seen:
        if current == objective_id:
            return True
        seen.add(current)
        current = parent_of.get(current)
    # Ends at the top, or at a loop already in the data that does not pass through this one.
    return False
