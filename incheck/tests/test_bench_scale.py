"""A smoke run of `bench.scale`'s organisation (the benchmark itself is not a test: too slow).

The generator must write what the services would: every KR's summaries agree with its
check-ins, so what the benchmark measures is what a real organisation would show.
"""

from __future__ import annotations

import pytest
from django.db.models import Max

from bench.scale_data import build
from incheck.domain.progress import progress_fraction
from incheck.okrs.models import CheckIn, KeyResult, Objective

pytestmark = pytest.mark.django_db


def test_a_tiny_organisation_is_built_with_consistent_summaries_and_its_pages_answer(client):
    rows = build(0.01)
    assert rows["team"] == 2 and rows["user"] == 20
    assert rows["key_result"] == 20 * 10
    assert rows["check_in"] >= rows["key_result"] * 45
    latest = dict(
        CheckIn.objects.values("key_result_id")
        .annotate(at=Max("created_at"))
        .values_list("key_result_id", "at")
    )
    for kr in KeyResult.objects.select_related("open_next_up", "outcome"):
        assert kr.last_check_in_at == latest[kr.pk]
        assert kr.progress == progress_fraction(
            kr_type=kr.kr_type,
            start=kr.start_value,
            target=kr.target_value,
            current=kr.current_value,
        )
        if kr.open_next_up is not None:
            assert kr.open_next_up.kind == "next_up" and kr.open_next_up.closed_at is None
    # Personal objectives are aligned under their team's, the team's under the company's.
    assert not Objective.objects.filter(owner__isnull=False, parent__isnull=True).exists()
    client.force_login(KeyResult.objects.filter(objective__period_id=4).first().owner)
    for url in ("/", "/alignment/", "/dashboard/", "/teams/", "/insights/?q=webinar"):
        assert client.get(url).status_code == 200, url
