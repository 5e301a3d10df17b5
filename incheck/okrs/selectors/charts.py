"""The points behind a KR's chart: the value after each check-in, and each confidence forecast."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from incheck.domain.progress import value_left_by
from incheck.okrs.models import CheckIn, KeyResult
from incheck.prepared import Prepared

# A KR checked in every day for a year stays under this; the chart keeps the latest points.
CHART_POINT_LIMIT = 1000


@dataclass(frozen=True)
class ChartSeries:
    """Values in the KR's unit and forecasts 0–10, oldest first, as aware moments."""

    progress: list[tuple[dt.datetime, float]]
    confidence: list[tuple[dt.datetime, int]]


def key_result_chart_series(key_result: KeyResult) -> ChartSeries:
    """The chart's points in one query, independent of the (truncated) timeline.

    The progress series starts from the KR's start value at its creation and follows the value
    each progress or outcome check-in left (`value_left_by`, the same rule as the services).
    """
    rows = _POINTS(key_result.pk)
    rows.reverse()
    current: float | None = key_result.start_value
    progress: list[tuple[dt.datetime, float]] = [(key_result.created_at, key_result.start_value)]
    confidence: list[tuple[dt.datetime, int]] = []
    for created_at, kind, value, reached, level in rows:
        if kind == CheckIn.Kind.CONFIDENCE:
            if level is not None:
                confidence.append((created_at, level))
            continue
        try:
            current = value_left_by(
                kr_type=key_result.kr_type, current=current, entry_value=value, reached=reached
            )
        except ValueError:
            # A value written before the KR changed type means nothing on the new scale.
            continue
        if current is not None:
            progress.append((created_at, current))
    return ChartSeries(progress=progress, confidence=confidence)


def _points(key_result_id: int) -> QuerySet[CheckIn, tuple[dt.datetime, str, Any, Any, Any]]:
    """The check-ins behind the chart, newest first (the latest CHART_POINT_LIMIT)."""
    return (
        CheckIn.objects.filter(
            key_result_id=key_result_id,
            kind__in=(CheckIn.Kind.PROGRESS, CheckIn.Kind.OUTCOME, CheckIn.Kind.CONFIDENCE),
        )
        .order_by("-created_at", "-id")
        .values_list("created_at", "kind", "value", "reached", "level")[:CHART_POINT_LIMIT]
    )


# Built once a process (`incheck.prepared`): every KR page asks it.
_POINTS = Prepared(_points)
