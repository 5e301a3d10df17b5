"""The check-out review of a period: outcomes beside the first Context, feedback, calibration."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from incheck.errors import Invalid
from incheck.okrs.api.context import user_of
from incheck.okrs.api.schemas import CheckInOut, FeedbackOut, PeriodOut, UserRef
from incheck.okrs.api.types import Id
from incheck.okrs.messages import message
from incheck.okrs.selectors.calibration import ForecasterCalibration
from incheck.okrs.selectors.review import KeyResultReview, period_review

router = Router(tags=["periods"])


class TeamRef(Schema):
    id: int
    name: str


class KeyResultReviewOut(Schema):
    """One KR at check-out: the first Context (the tactic) beside the Outcome (was it right?)."""

    id: int
    objective_id: int
    title: str
    owner: UserRef
    kr_type: str
    start_value: float
    target_value: float
    unit: str
    final_value: float | None
    score: float | None
    final_score: float | None
    context: CheckInOut | None
    outcome: CheckInOut | None
    next_ups: list[CheckInOut]
    insights: list[CheckInOut]
    open_blockers: list[CheckInOut]
    feedback: list[FeedbackOut]


class BucketOut(Schema):
    """ "When you said `level`/10 you reached `reached` of `n`"."""

    level: int
    n: int
    reached: int


class NextUpErrorOut(Schema):
    """Next Up expected vs actual value: `expected − actual`, positive = expected more.

    `mean_absolute` and `mean_signed` are in `unit` and null when the KRs' units differ; the
    `*_share` means divide each error by its KR's range (target − start) and are comparable.
    """

    n: int
    mean_absolute: float | None
    mean_signed: float | None
    mean_absolute_share: float | None
    mean_signed_share: float | None
    unit: str | None


class ForecasterOut(Schema):
    """How one person's (or team's) forecasts held: Brier score (0 best, 1 worst) and buckets."""

    id: int
    name: str
    brier: float | None
    n: int
    buckets: list[BucketOut]
    next_up_error: NextUpErrorOut


class CalibrationOut(Schema):
    reached_threshold: float
    people: list[ForecasterOut]
    teams: list[ForecasterOut]


class ReviewOut(Schema):
    period: PeriodOut
    team: TeamRef | None
    person: UserRef | None
    key_results: list[KeyResultReviewOut]
    missing_outcomes: list[int]
    calibration: CalibrationOut


def _key_result(item: KeyResultReview) -> dict[str, Any]:
    kr = item.kr
    return {
        "id": kr.pk,
        "objective_id": kr.objective_id,
        "title": kr.title,
        "owner": kr.owner,
        "kr_type": kr.kr_type,
        "start_value": kr.start_value,
        "target_value": kr.target_value,
        "unit": kr.unit,
        "final_value": kr.current_value,
        "score": item.outcome.score if item.outcome is not None else None,
        "final_score": item.final_score,
        "context": item.context,
        "outcome": item.outcome,
        "next_ups": item.next_ups,
        "insights": item.insights,
        "open_blockers": item.open_blockers,
        "feedback": item.feedback,
    }


def _forecaster(row: ForecasterCalibration) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "brier": row.confidence.brier,
        "n": row.confidence.n,
        "buckets": row.confidence.buckets,
        "next_up_error": row.next_up_error,
    }


@router.get("/periods/{period_id}/review", response=ReviewOut)
def get_period_review(
    request: HttpRequest, period_id: Id, team: Id | None = None, person: Id | None = None
) -> dict[str, Any]:
    """The check-out review: outcomes, feedback and calibration, for a team or a person."""
    if team is None and person is None:
        # The whole organisation's review is every KR of the period in one answer: read it a
        # team (or a person) at a time instead.
        raise Invalid(
            message("invalid_input"),
            code="invalid",
            fields={"team": message("review_scope_required")},
        )
    review = period_review(
        period_id=period_id, team_id=team, person_id=person, viewer=user_of(request)
    )
    return {
        "period": review.period,
        "team": review.team,
        "person": review.person,
        "key_results": [_key_result(item) for item in review.key_results],
        "missing_outcomes": [item.kr.pk for item in review.missing_outcomes],
        "calibration": {
            "reached_threshold": review.threshold,
            "people": [_forecaster(row) for row in review.people],
            "teams": [_forecaster(row) for row in review.teams],
        },
    }
