"""Summaries on the KR row that are derived from other columns of the same row."""

from __future__ import annotations

from incheck.domain.progress import progress_fraction
from incheck.okrs.models import KeyResult


def refresh_progress(key_result: KeyResult) -> KeyResult:
    """Set `progress` from the row's type, start, target and current value (before a save).

    Every service that changes one of those calls it, so alignment can average progress in SQL
    while the rule itself stays in `domain.progress`.
    """
    key_result.progress = progress_fraction(
        kr_type=key_result.kr_type,
        start=key_result.start_value,
        target=key_result.target_value,
        current=key_result.current_value,
    )
    return key_result
