"""A team's rhythm in a period: the KR facts and the check-in kinds, read in two queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet

from incheck import clock
from incheck.accounts.models import Team
from incheck.accounts.rhythm import cadence_of
from incheck.domain.cadence import Cadence
from incheck.domain.rhythm import KeyResultFacts, TeamRhythm
from incheck.domain.rhythm import team_rhythm as compute_team_rhythm
from incheck.okrs.models import CheckIn, KeyResult
from incheck.okrs.selectors.health import KeyResultRow, key_result_rows
from incheck.okrs.selectors.scopes import in_team, not_archived
from incheck.prepared import Prepared


def rhythm_facts(row: KeyResultRow, *, tz: dt.tzinfo) -> KeyResultFacts:
    """A KR row as the rhythm sees it; context due comes from the health rules."""
    return KeyResultFacts(
        has_open_next_up=row.kr.open_next_up_id is not None,
        context_due="context_due" in row.codes,
        last_check_in_on=clock.local_date(row.kr.last_check_in_at, tz),
    )


def team_rhythm(
    team_id: int,
    period_id: int,
    *,
    tz: dt.tzinfo,
    cadence: Cadence | None = None,
    rows: list[KeyResultRow] | None = None,
) -> TeamRhythm:
    """The rhythm of a team's KRs in a period (the team's KRs by `selectors.scopes.in_team`:
    its objectives' and its members' personal ones, as on the team page and the review; archived
    ones left out, as on the team page).

    Two queries: the KR rows with their health, and their check-ins counted by kind (and one
    for the team's cadence when the caller does not pass it). `rows`: the same KR rows, when
    the caller has read them already (the team page): then one query, none without KRs.
    """
    if cadence is None:
        cadence = cadence_of(Team.objects.filter(pk=team_id).first())
    if rows is None:
        rows = key_result_rows(
            KeyResult.objects.filter(
                in_team(team_id, key_result=""), not_archived(), objective__period_id=period_id
            ),
            tz=tz,
        )
    # Counted by the KRs' ids: the rows are the team's KRs of the period by `in_team`, so
    # the team's union and the joins are not asked (and built) a second time.
    key_result_ids = [row.kr.pk for row in rows]
    # Built once a process per number of KRs (`incheck.prepared`).
    counts = _KIND_COUNTS(key_result_ids)
    return compute_team_rhythm(
        [rhythm_facts(row, tz=tz) for row in rows],
        dict(counts),
        today=clock.today(tz),
        cadence=cadence,
    )


def _kind_counts(key_result_ids: list[int]) -> QuerySet[CheckIn, tuple[str, int]]:
    """The KRs' check-ins counted by kind: (kind, count) rows."""
    return (
        CheckIn.objects.filter(key_result_id__in=key_result_ids)
        .order_by()  # no default ordering in the GROUP BY
        .values_list("kind")
        .annotate(count=Count("id"))
    )


_KIND_COUNTS = Prepared(_kind_counts)
