"""Alignment: a period's objectives under their parents, down to personal ones.

Each objective shown carries its own KRs (with health), a roll-up progress (the mean progress
of its KRs and of every objective aligned under it, at any depth), the latest confidence of its
KRs, and its KRs counted by health. The tree is never read whole: the page shows a bounded set
of objectives, and each branch is opened on request (htmx, or `?parent=` in the API):

- the period's roots (objectives aligned with nothing), a page at a time, each with its first
  level of children;
- or one team's branch: the team's objectives with their first level of children, each with
  the chain of objectives it is aligned with above it (titles only);
- or one objective's branch: its KRs and its children.

Roll-ups are read from `ObjectiveRollup` rows, one per shown objective, which the services
keep in the transactions that change them (`services.rollups`): a company objective's roll-up
costs what a personal one's does. KRs and health only for shown ones.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from incheck import clock
from incheck.accounts.models import Team
from incheck.accounts.selectors import team_get
from incheck.errors import NotFound
from incheck.okrs.models import KeyResult, Objective, ObjectiveRollup, Period
from incheck.okrs.selectors.choices import objective_choice
from incheck.okrs.selectors.health import KeyResultRow, with_row_relations
from incheck.okrs.selectors.key_results import key_result_rows_of
from incheck.okrs.selectors.periods import current_among, every_period
from incheck.prepared import Prepared

# How many roots a page shows, children under one objective, KRs under the shown objectives.
ROOTS_PER_PAGE = 20
CHILDREN_LIMIT = 25
KEY_RESULT_LIMIT = 400
# A chain of parents longer than this is cut (parents never form a cycle, but a page must
# not loop if bad data ever holds one).
ANCESTOR_LIMIT = 12


@dataclass(frozen=True)
class HealthCount:
    code: str
    severity: str
    count: int
    rank: int


@dataclass
class AlignmentNode:
    """One objective as the tree shows it."""

    objective: Objective
    # Mean progress (0..1) of the KRs in its subtree, itself included; None without KRs.
    rollup: float | None = None
    rollup_key_results: int = 0
    children_count: int = 0
    rows: list[KeyResultRow] = field(default_factory=list)
    # Its children when the branch is open; None when closed (a click away).
    children: list[AlignmentNode] | None = None
    # The objectives it is aligned with, nearest last (the team view's context).
    ancestors: list[Objective] = field(default_factory=list)

    @property
    def rollup_percent(self) -> int | None:
        return None if self.rollup is None else round(self.rollup * 100)

    @property
    def confidence(self) -> int | None:
        """The latest confidence given on one of its KRs."""
        rated = [row.kr for row in self.rows if row.kr.confidence is not None]
        if not rated:
            return None
        latest = max(rated, key=lambda kr: (kr.last_check_in_at or kr.created_at, kr.pk))
        return latest.confidence

    @property
    def health(self) -> list[HealthCount]:
        """Its KRs counted by their worst signal ("healthy" for none), most urgent first."""
        counts = Counter(row.worst.code if row.worst else "healthy" for row in self.rows)
        worst = {row.worst.code: row.worst for row in self.rows if row.worst}
        found = [
            HealthCount(
                code=code,
                severity=worst[code].severity if code in worst else "ok",
                count=count,
                rank=worst[code].rank if code in worst else 99,
            )
            for code, count in counts.items()
        ]
        return sorted(found, key=lambda health: health.rank)

    @property
    def children_after(self) -> int | None:
        """The last shown child's id: the next page of children starts after it."""
        return self.children[-1].objective.pk if self.children else None

    @property
    def more_children(self) -> int:
        shown = len(self.children or [])
        return max(0, self.children_count - shown)


@dataclass
class Alignment:
    period: Period | None
    periods: list[Period]
    nodes: list[AlignmentNode]
    team: Team | None = None
    # The objective whose branch this is (the branch view), else None.
    focus: AlignmentNode | None = None
    # The next page of roots starts after this objective id; None on the last page.
    next_after: int | None = None


def _objectives(*, archived: bool = False) -> QuerySet[Objective]:
    """Objectives with what a node shows; archived ones only when asked (a chain of parents
    and a form's current choice still name them)."""
    objectives = Objective.objects.select_related("period", "team", "owner__profile")
    return objectives if archived else objectives.filter(archived_at__isnull=True)


def period_and_team(
    *, tz: dt.tzinfo, period_id: int | None, team_id: int | None
) -> tuple[list[Period], Period | None, Team | None]:
    """What the alignment tree and the dashboard are filtered by: every period (newest first),
    the one asked (else the current one) and the team asked; NotFound for an unknown one."""
    periods = every_period()
    period = choose_period(periods, period_id, tz=tz)
    team = None
    if team_id is not None:
        team = team_get(team_id)
        if team is None:
            raise NotFound(code="not_found")
    return periods, period, team


def choose_period(periods: list[Period], period_id: int | None, *, tz: dt.tzinfo) -> Period | None:
    """The asked period (NotFound if unknown), else the current one."""
    if period_id is None:
        return current_among(periods, clock.today(tz))
    period = next((p for p in periods if p.pk == period_id), None)
    if period is None:
        raise NotFound(code="not_found")
    return period


def alignment_tree(
    *,
    tz: dt.tzinfo,
    period_id: int | None = None,
    team_id: int | None = None,
    after: int | None = None,
) -> Alignment:
    """The period's roots (a page after `after`), or one team's branch, each one level open."""
    periods, period, team = period_and_team(tz=tz, period_id=period_id, team_id=team_id)
    if period is None:
        return Alignment(period=None, periods=periods, nodes=[], team=team)
    if team is not None:
        tops = _TEAM_TOPS(period.pk, team.pk)
        next_after = None
    else:
        # An objective aligned under an archived one stands as a root, not out of sight.
        roots = (
            _objectives()
            .filter(Q(parent__isnull=True) | Q(parent__archived_at__isnull=False), period=period)
            .order_by("id")
        )
        if after is not None:
            roots = roots.filter(id__gt=after)
        tops = list(roots[: ROOTS_PER_PAGE + 1])
        next_after = tops[ROOTS_PER_PAGE - 1].pk if len(tops) > ROOTS_PER_PAGE else None
        tops = tops[:ROOTS_PER_PAGE]
    nodes = [AlignmentNode(objective=objective) for objective in tops]
    _open(nodes, tz=tz)
    if team is not None:
        _attach_ancestors(nodes)
    return Alignment(period=period, periods=periods, nodes=nodes, team=team, next_after=next_after)


def alignment_branch(objective_id: int, *, tz: dt.tzinfo, after: int | None = None) -> Alignment:
    """One objective, open: its KRs and its children (a page after `after`), and its chain."""
    objective = _objectives().filter(pk=objective_id).first()
    if objective is None:
        raise NotFound(code="not_found")
    node = AlignmentNode(objective=objective)
    _open([node], tz=tz, after=after)
    _attach_ancestors([node])
    return Alignment(period=objective.period, periods=[objective.period], nodes=[node], focus=node)


def _open(nodes: list[AlignmentNode], *, tz: dt.tzinfo, after: int | None = None) -> None:
    """Load the nodes' children (closed), then KRs, counts and roll-ups of everything shown."""
    ids = [node.objective.pk for node in nodes]
    # The first children through the statement built once; a later page of them (a branch's
    # "more") as it comes.
    children = _CHILDREN(ids) if after is None else list(_children(ids, after))
    by_parent: dict[int, list[AlignmentNode]] = {pk: [] for pk in ids}
    for child in children:
        siblings = by_parent[child.parent_id or 0]
        if len(siblings) < CHILDREN_LIMIT:
            siblings.append(AlignmentNode(objective=child))
    for node in nodes:
        node.children = by_parent[node.objective.pk]
    shown = nodes + [child for node in nodes for child in node.children or []]
    _fill(shown, tz=tz)


def _fill(nodes: list[AlignmentNode], *, tz: dt.tzinfo) -> None:
    """KRs with health, children counts and roll-ups of the given nodes (three queries)."""
    by_id = {node.objective.pk: node for node in nodes}
    ids = list(by_id)
    rows = key_result_rows_of(_KEY_RESULTS(ids), tz=tz)
    for row in rows:
        by_id[row.kr.objective_id].rows.append(row)
    for parent_id, count in _CHILDREN_COUNTS(ids):
        by_id[parent_id].children_count = count
    # The roll-ups the services keep (`services.rollups`): one row each, whatever lies below.
    for pk, krs, total in _ROLLUPS(ids):
        node = by_id[pk]
        node.rollup_key_results = krs
        node.rollup = total / krs if krs else None


def _attach_ancestors(nodes: list[AlignmentNode]) -> None:
    """Each node's chain of parents, nearest last: one query per level, at most a few levels."""
    pending = {node.objective.pk: node.objective.parent_id for node in nodes}
    chains: dict[int, list[Objective]] = {pk: [] for pk in pending}
    for _level in range(ANCESTOR_LIMIT):
        wanted = {parent for parent in pending.values() if parent is not None}
        if not wanted:
            break
        found = {o.pk: o for o in _ANCESTORS(sorted(wanted))}
        for pk, parent in list(pending.items()):
            ancestor = found.get(parent) if parent is not None else None
            if ancestor is None or any(a.pk == ancestor.pk for a in chains[pk]):
                pending[pk] = None
                continue
            chains[pk].insert(0, ancestor)
            pending[pk] = ancestor.parent_id
    for node in nodes:
        node.ancestors = chains[node.objective.pk]


def objective_choice_of(objective_id: int) -> tuple[int, str] | None:
    """The choice an objective id stands for (a form's current parent), or None if unknown."""
    objective = _objectives(archived=True).filter(pk=objective_id).first()
    return objective_choice(objective) if objective is not None else None


def objective_search(
    *, period_id: int, q: str = "", exclude: int | None = None, limit: int = 20
) -> list[Objective]:
    """The period's objectives whose title (or team, or owner) matches `q`, for a picker."""
    found = _objectives().filter(period_id=period_id)
    if exclude is not None:
        found = found.exclude(pk=exclude)
    for word in q.split()[:6]:
        found = found.filter(
            Q(title__icontains=word)
            | Q(team__name__icontains=word)
            | Q(owner__profile__display_name__icontains=word)
            | Q(owner__username__icontains=word)
        )
    return list(found.order_by("team__name", "title", "id")[:limit])


# The tree's reads, built once a process (`incheck.prepared`): Django took longer to build
# them than the database to run them. Those by a list of ids are built once per length of
# the list (a long list runs as Django builds it).
def _children(ids: list[int], after: int | None = None) -> QuerySet[Objective]:
    """The objectives aligned under these, by parent (after the child `after`). At most
    CHILDREN_LIMIT for each parent are shown (the rest is a click away): a bounded number of
    rows is read whatever the tree's width (a window function would do it per parent; the
    shown nodes are few, so one capped read is enough)."""
    children = _objectives().filter(parent_id__in=ids)
    if after is not None:
        children = children.filter(id__gt=after)
    return children.order_by("parent_id", "id")[: CHILDREN_LIMIT * len(ids)]


def _key_results(ids: list[int]) -> QuerySet[KeyResult]:
    """The KRs in use of these objectives, with everything their rows read."""
    return with_row_relations(
        KeyResult.objects.filter(objective_id__in=ids, archived_at__isnull=True).order_by(
            "objective_id", "id"
        )[:KEY_RESULT_LIMIT]
    )


def _children_counts(ids: list[int]) -> QuerySet[Objective, tuple[int, int]]:
    """(parent id, how many objectives in use are aligned under it)."""
    return (
        Objective.objects.filter(parent_id__in=ids, archived_at__isnull=True)
        .order_by()
        .values_list("parent_id")
        .annotate(n=Count("id"))
    )


def _rollups(ids: list[int]) -> QuerySet[ObjectiveRollup, tuple[int, int, float]]:
    return ObjectiveRollup.objects.filter(objective_id__in=ids).values_list(
        "objective_id", "key_results", "progress_sum"
    )


def _ancestors(ids: list[int]) -> QuerySet[Objective]:
    return _objectives(archived=True).filter(pk__in=ids)


_TEAM_TOPS = Prepared(
    lambda period_id, team_id: (
        _objectives().filter(period_id=period_id, team_id=team_id).order_by("id")[:ROOTS_PER_PAGE]
    )
)
_CHILDREN = Prepared(_children)
_KEY_RESULTS = Prepared(_key_results)
_CHILDREN_COUNTS = Prepared(_children_counts)
_ROLLUPS = Prepared(_rollups)
_ANCESTORS = Prepared(_ancestors)
