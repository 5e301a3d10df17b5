"""The review's calibration from plain rows gives exactly what the model-based one gave.

`selectors.calibration.forecasters` once grouped CheckIn instances (with their authors); it now
groups tuples read by `selectors.review_reads.forecasts`. The old grouping is kept here, word for
word but for the row type, and both are compared on awkward data: every number must be equal
(not approximately: the same sums in the same order).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

import pytest

from incheck.accounts.names import display_name
from incheck.domain.calibration import (
    ExpectedValue,
    Forecast,
    final_score,
)
from incheck.okrs.models import CheckIn, KeyResult, Period
from incheck.okrs.selectors.calibration import _calibrations
from incheck.okrs.selectors.review import period_review, scoped_key_results
from incheck.okrs.selectors.scopes import teams_by_key_result
from incheck.testing.factories import (
    CheckInFactory,
    KeyResultFactory,
    MembershipFactory,
    ObjectiveFactory,
)

pytestmark = pytest.mark.django_db


def _old_forecasters(key_results, *, levels, next_ups, scores, threshold):
    """The grouping as it was before the rows (CheckIn instances with their authors)."""
    kr_by_id = {kr.pk: kr for kr in key_results}
    kr_teams = teams_by_key_result(key_results)
    names, team_names = {}, {}
    forecasts, team_forecasts = defaultdict(list), defaultdict(list)
    for check_in in levels:
        judged = scores.get(check_in.key_result_id)
        if judged is None or check_in.level is None:
            continue
        forecast = Forecast(level=check_in.level, final_score=judged)
        names[check_in.author_id] = display_name(check_in.author)
        forecasts[check_in.author_id].append(forecast)
        for kr_team in kr_teams[check_in.key_result_id]:
            team_names[kr_team.pk] = kr_team.name
            team_forecasts[kr_team.pk].append(forecast)
    expected, team_expected = defaultdict(list), defaultdict(list)
    for kr_id, closed in next_ups.items():
        kr = kr_by_id[kr_id]
        for next_up in closed:
            if next_up.expected_value is None or next_up.actual_value is None:
                continue
            value = ExpectedValue(
                expected=next_up.expected_value,
                actual=next_up.actual_value,
                start=kr.start_value,
                target=kr.target_value,
                closure=next_up.closure,
                unit=kr.unit,
            )
            names[next_up.author_id] = display_name(next_up.author)
            expected[next_up.author_id].append(value)
            for kr_team in kr_teams[kr_id]:
                team_names[kr_team.pk] = kr_team.name
                team_expected[kr_team.pk].append(value)
    return (
        _calibrations(names, forecasts, expected, threshold),
        _calibrations(team_names, team_forecasts, team_expected, threshold),
    )


def _old_review_calibration(period, *, team_id=None, person_id=None, threshold=0.7):
    """The old reads: model instances of every confidence and closed Next Up of the scope."""
    key_results = list(
        scoped_key_results(period, team_id=team_id, person_id=person_id)
        .select_related("objective__team", "owner__profile", "outcome__author__profile")
        .order_by("objective_id", "id")
    )
    in_scope = CheckIn.objects.filter(key_result_id__in=[kr.pk for kr in key_results])
    next_ups = defaultdict(list)
    for next_up in (
        in_scope.filter(kind=CheckIn.Kind.NEXT_UP, closed_at__isnull=False)
        .select_related("author__profile")
        .order_by("created_at", "id")
    ):
        next_ups[next_up.key_result_id].append(next_up)
    levels = list(
        in_scope.filter(kind=CheckIn.Kind.CONFIDENCE, level__isnull=False)
        .select_related("author__profile")
        .order_by("created_at", "id")
    )
    scores = {
        kr.pk: final_score(
            outcome_score=kr.outcome.score if kr.outcome is not None else None,
            kr_type=kr.kr_type,
            start=kr.start_value,
            target=kr.target_value,
            current=kr.current_value,
            period_closed=period.is_closed,
        )
        for kr in key_results
    }
    return _old_forecasters(
        key_results, levels=levels, next_ups=next_ups, scores=scores, threshold=threshold
    )


@pytest.fixture
def awkward_quarter(personas):
    """Several KRs in odd units, forecasts by owners and by a lead, in shuffled time order;
    Next Ups dropped, without values, on a KR without a range; personal KRs of a person in
    two teams; Outcomes on some KRs."""
    rng = random.Random(11)
    MembershipFactory(user=personas.alice, team=personas.platform)
    own = ObjectiveFactory(period=personas.period, team=None, owner=personas.alice)
    platform = ObjectiveFactory(period=personas.period, team=personas.platform)
    key_results = [personas.kr]
    for index, (objective, owner, unit, start, target) in enumerate(
        [
            (personas.objective, personas.bob, "leads", 60, 200),
            (own, personas.alice, "%", 12.5, 3.25),
            (own, personas.alice, "leads", 7, 7),  # no range: no share
            (platform, personas.bob, "ms", 900, 120),
            (personas.objective, personas.alice, "", 0, 1 / 3),
        ]
    ):
        key_results.append(
            KeyResultFactory(
                objective=objective,
                owner=owner,
                unit=unit,
                start_value=start,
                target_value=target,
                kr_type="decrease" if target < start else "increase",
                title=f"KR {index}",
            )
        )
    base = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)
    for kr in key_results:
        for _step in range(12):
            author = rng.choice([kr.owner, kr.owner, personas.lena])
            when = base + dt.timedelta(hours=rng.randrange(0, 24 * 60))
            CheckInFactory(
                key_result=kr,
                kind="confidence",
                author=author,
                created_at=when,
                text="",
                value=None,
                level=rng.randrange(0, 11),
            )
            closure = rng.choice(["done", "partly", "not_done", "dropped"])
            with_values = rng.random() > 0.2
            CheckInFactory(
                key_result=kr,
                kind="next_up",
                author=author,
                created_at=when,
                text="Plan",
                value=None,
                expected_value=rng.uniform(-5, 300) if with_values else None,
                actual_value=rng.uniform(-5, 300) if with_values else None,
                closure=closure,
                closed_at=when + dt.timedelta(days=3),
                happened="So",
            )
    for kr in key_results[::2]:
        outcome = CheckInFactory(
            key_result=kr,
            kind="outcome",
            text="Done",
            value=kr.target_value,
            score=rng.choice([0.3, 0.7, 0.69999, 1.0]),
            created_at=base + dt.timedelta(days=70),
        )
        KeyResult.objects.filter(pk=kr.pk).update(outcome=outcome)
    return key_results


@pytest.mark.parametrize("closed", [False, True])
@pytest.mark.parametrize("scope", ["growth", "platform", "alice", "bob", "lena"])
def test_the_calibration_from_rows_equals_the_one_from_check_ins(
    personas, awkward_quarter, closed, scope
):
    if closed:
        Period.objects.filter(pk=personas.period.pk).update(
            closed_at=dt.datetime(2026, 12, 31, tzinfo=dt.UTC)
        )
    period = Period.objects.get(pk=personas.period.pk)
    who = getattr(personas, scope)
    key = "team_id" if scope in ("growth", "platform") else "person_id"
    for threshold in (0.7, 0.3):
        people, teams = _old_review_calibration(period, **{key: who.pk}, threshold=threshold)
        review = period_review(period_id=period.pk, **{key: who.pk}, threshold=threshold)
        assert review.people == people
        if key == "team_id":
            assert review.teams == [row for row in teams if row.id == who.pk]
        assert review.people or scope == "lena" or not closed
