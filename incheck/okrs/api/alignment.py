"""Alignment: the same tree as /alignment/, a branch at a time (selectors/alignment)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema

from incheck.okrs.api.schemas import HealthOut, UserRef
from incheck.okrs.api.types import Id
from incheck.okrs.selectors.alignment import (
    Alignment,
    AlignmentNode,
    alignment_branch,
    alignment_tree,
)

router = Router(tags=["alignment"])


class AlignmentFilters(Schema):
    period: Id | None = None
    team: Id | None = None
    parent: Id | None = None
    after: Id | None = None


class AlignedKeyResultOut(Schema):
    id: int
    title: str
    owner: UserRef
    progress: float
    confidence: int | None
    health: list[HealthOut]


class HealthCountOut(Schema):
    """How many of the objective's own KRs have this as their worst signal (or `healthy`)."""

    code: str
    count: int


class ObjectiveRefOut(Schema):
    id: int
    title: str


class AlignmentNodeOut(Schema):
    id: int
    title: str
    period_id: int
    team_id: int | None
    owner_id: int | None
    parent_id: int | None
    rollup: float | None
    rollup_key_results: int
    confidence: int | None
    health: list[HealthCountOut]
    key_results: list[AlignedKeyResultOut]
    children_count: int
    children: list[AlignmentNodeOut] | None
    ancestors: list[ObjectiveRefOut]


class PeriodRefOut(Schema):
    id: int
    name: str


class AlignmentOut(Schema):
    period: PeriodRefOut | None
    team_id: int | None
    items: list[AlignmentNodeOut]
    next: str | None


def _node(node: AlignmentNode) -> dict[str, Any]:
    objective = node.objective
    return {
        "id": objective.pk,
        "title": objective.title,
        "period_id": objective.period_id,
        "team_id": objective.team_id,
        "owner_id": objective.owner_id,
        "parent_id": objective.parent_id,
        "rollup": node.rollup,
        "rollup_key_results": node.rollup_key_results,
        "confidence": node.confidence,
        "health": [{"code": h.code, "count": h.count} for h in node.health],
        "key_results": [
            {
                "id": row.kr.pk,
                "title": row.kr.title,
                "owner": row.kr.owner,
                "progress": row.progress,
                "confidence": row.kr.confidence,
                "health": row.signals,
            }
            for row in node.rows
        ],
        "children_count": node.children_count,
        "children": None if node.children is None else [_node(c) for c in node.children],
        "ancestors": [{"id": a.pk, "title": a.title} for a in node.ancestors],
    }


def _next(request: HttpRequest, after: int | None) -> str | None:
    if after is None:
        return None
    query = request.GET.copy()
    query["after"] = str(after)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@router.get("/alignment", response=AlignmentOut)
def get_alignment(request: HttpRequest, filters: Query[AlignmentFilters]) -> dict[str, Any]:
    """Read the alignment tree: roots (or a team's branch, or `parent`'s), one level open."""
    tz = timezone.get_current_timezone()
    tree: Alignment
    if filters.parent is not None:
        tree = alignment_branch(filters.parent, tz=tz, after=filters.after)
        focus = tree.focus
        after = focus.children_after if focus is not None and focus.more_children else None
    else:
        tree = alignment_tree(
            tz=tz, period_id=filters.period, team_id=filters.team, after=filters.after
        )
        after = tree.next_after
    return {
        "period": tree.period,
        "team_id": tree.team.pk if tree.team else None,
        "items": [_node(node) for node in tree.nodes],
        "next": _next(request, after),
    }
