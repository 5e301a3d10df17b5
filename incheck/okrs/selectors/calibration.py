"""Calibration per forecaster and per team, from rows already read by a review.

The rules are in ``domain.calibration``; this module only groups the rows: confidence check-ins
and closed Next Ups by their author (the forecaster: usually the KR's owner, sometimes a lead
who checked in for them) and by the team of the KR they forecast.

The rows are plain tuples (``LevelRow``, ``ClosedNextUp``), not check-ins: a team's review
scores every forecast of the team's KRs, hundreds of rows, and a model instance (with its
author and profile) costs ten times what a tuple does (bench.scale, docs/architecture.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from incheck.accounts.models import Team
from incheck.domain.calibration import (
    Calibration,
    ExpectedValue,
    Forecast,
    ForecastError,
    calibration,
    forecast_error,
)
from incheck.okrs.models import KeyResult


class LevelRow(NamedTuple):
    """A confidence check-in: a forecast of ``level``/10 that its KR will be reached."""

    key_result_id: int
    author_id: int
    level: int


class ClosedNextUp(NamedTuple):
    """A closed Next Up, as the calibration and the review's tally read it."""

    id: int
    key_result_id: int
    author_id: int
    expected_value: float | None
    actual_value: float | None
    closure: str


# The fields of each row, in order: `values_list(*LEVEL_FIELDS)` reads a LevelRow's values.
LEVEL_FIELDS = LevelRow._fields
CLOSED_NEXT_UP_FIELDS = ClosedNextUp._fields


@dataclass(frozen=True)
class ForecasterCalibration:
    """How well one person's (or one team's) forecasts held."""

    id: int
    name: str
    confidence: Calibration
    next_up_error: ForecastError


def _calibrations(
    names: Mapping[int, str],
    forecasts: dict[int, list[Forecast]],
    expected: dict[int, list[ExpectedValue]],
    threshold: float,
) -> list[ForecasterCalibration]:
    return sorted(
        (
            ForecasterCalibration(
                id=key,
                name=names[key],
                confidence=calibration(forecasts.get(key, []), threshold=threshold),
                next_up_error=forecast_error(expected.get(key, [])),
            )
            for key in set(forecasts) | set(expected)
        ),
        key=lambda row: (row.name.casefold(), row.id),
    )


def forecasters(
    key_results: Sequence[KeyResult],
    *,
    levels: Sequence[LevelRow],
    next_ups: Mapping[int, Sequence[ClosedNextUp]],
    names: Mapping[int, str],
    scores: Mapping[int, float | None],
    threshold: float,
    kr_teams: Mapping[int, Sequence[Team]] | None = None,
) -> tuple[list[ForecasterCalibration], list[ForecasterCalibration]]:
    """Calibration per forecaster (check-in author) and per team of the KR forecast.

    ``levels`` in the order they were written; ``next_ups`` per KR, each KR's in the order they
    were written; ``names`` every author's display name; ``scores`` each KR's final score.
    ``kr_teams``: each KR's teams (``scopes.teams_by_key_result``), the teams whose boxes are
    wanted; None → no team box (a person's review shows none).
    """
    kr_by_id = {kr.pk: kr for kr in key_results}
    team_names: dict[int, str] = {}
    team_ids: dict[int, list[int]] = {}
    for kr_id, teams in (kr_teams or {}).items():
        team_ids[kr_id] = [team.pk for team in teams]
        for team in teams:
            team_names[team.pk] = team.name
    no_team: list[int] = []
    forecasts: dict[int, list[Forecast]] = defaultdict(list)
    team_forecasts: dict[int, list[Forecast]] = defaultdict(list)
    # A forecast is a level and a score: a few dozen distinct ones (frozen, so shared).
    made: dict[tuple[int, float], Forecast] = {}
    for kr_id, author_id, level in levels:
        judged = scores.get(kr_id)
        if judged is None or level is None:
            continue  # not judged yet: the period is open and the KR has no Outcome
        forecast = made.get((level, judged))
        if forecast is None:
            forecast = made[level, judged] = Forecast(level=level, final_score=judged)
        forecasts[author_id].append(forecast)
        for team_id in team_ids.get(kr_id, no_team):
            team_forecasts[team_id].append(forecast)
    expected: dict[int, list[ExpectedValue]] = defaultdict(list)
    team_expected: dict[int, list[ExpectedValue]] = defaultdict(list)
    for kr_id, closed in next_ups.items():
        kr = kr_by_id[kr_id]
        start, target, unit = kr.start_value, kr.target_value, kr.unit
        kr_team_ids = team_ids.get(kr_id, no_team)
        for next_up in closed:
            if next_up.expected_value is None or next_up.actual_value is None:
                continue
            value = ExpectedValue(
                expected=next_up.expected_value,
                actual=next_up.actual_value,
                start=start,
                target=target,
                closure=next_up.closure,
                unit=unit,
            )
            expected[next_up.author_id].append(value)
            for team_id in kr_team_ids:
                team_expected[team_id].append(value)

    return (
        _calibrations(names, forecasts, expected, threshold),
        _calibrations(team_names, team_forecasts, team_expected, threshold),
    )
