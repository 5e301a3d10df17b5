"""Archiving a KR or an objective (with its KRs): gone from the pages, the inbox, the lists and
the nudges; kept in reviews and exports; brought back by unarchiving. Who may: whoever may edit
it (the owner, the team's leads, admins), on every path (service, form, API)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from incheck.domain.checkins import Entry
from incheck.errors import Conflict, Forbidden
from incheck.okrs.models import KeyResult, Objective
from incheck.okrs.selectors.key_results import key_result_list
from incheck.okrs.selectors.pages import inbox_for_user, team_page
from incheck.okrs.selectors.review import period_review
from incheck.okrs.selectors.rhythm import team_rhythm
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.okrs.services.key_results import key_result_update
from incheck.okrs.services.objectives import objective_update
from incheck.okrs.tests.api.helpers import api, assert_error
from incheck.portability.tests.conftest import export_text

pytestmark = pytest.mark.django_db

UTC = dt.UTC
__all__ = ["api"]  # the API client fixture


def client_for(user, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def archived(kr) -> bool:
    kr = KeyResult.objects.select_related("objective").get(pk=kr.pk)
    return kr.archived_at is not None or kr.objective.archived_at is not None


def in_inbox(personas) -> bool:
    inbox = inbox_for_user(personas.alice, tz=UTC)
    return any(row.kr.pk == personas.kr.pk for group in inbox.groups for row in group.rows)


def test_an_archived_kr_leaves_the_pages_and_lists_and_stays_in_reviews_and_exports(personas):
    assert in_inbox(personas)
    key_result_update(actor=personas.lena, key_result_id=personas.kr.pk, archived=True)
    assert not in_inbox(personas)
    team = team_page(personas.growth.pk, tz=UTC)
    assert personas.kr.pk not in [row.kr.pk for group in team.groups for row in group.rows]
    assert personas.kr.pk not in list(key_result_list().values_list("pk", flat=True))
    assert list(key_result_list(archived=True).values_list("pk", flat=True)) == [personas.kr.pk]
    rhythm = team_rhythm(personas.growth.pk, personas.period.pk, tz=UTC)
    assert rhythm.key_results == 0
    # Kept where history is read: the review and the export.
    review = period_review(period_id=personas.period.pk, team_id=personas.growth.pk)
    assert personas.kr.pk in [item.kr.pk for item in review.key_results]
    document = json.loads(export_text())
    (row,) = [kr for kr in document["key_results"] if kr["id"] == personas.kr.pk]
    assert row["archived_at"] is not None
    # Its own page stays, says so and takes no check-in.
    html = client_for(personas.alice).get(f"/key-results/{personas.kr.pk}/").content.decode()
    assert "archived-note" in html
    assert 'id="check-in"' not in html
    with pytest.raises(Conflict):
        checkin_sitting_create(
            actor=personas.alice,
            key_result_id=personas.kr.pk,
            entries=[Entry(kind="progress", value=70), Entry(kind="no_next_up")],
        )
    # Unarchived, it is back.
    key_result_update(actor=personas.lena, key_result_id=personas.kr.pk, archived=False)
    assert in_inbox(personas)


def test_archiving_an_objective_takes_its_krs_with_it_and_unarchiving_brings_them_back(personas):
    objective_update(actor=personas.lena, objective_id=personas.objective.pk, archived=True)
    assert archived(personas.kr)
    assert not in_inbox(personas)
    groups = team_page(personas.growth.pk, tz=UTC).groups
    assert personas.objective.pk not in [group.objective.pk for group in groups]
    objective_update(actor=personas.lena, objective_id=personas.objective.pk, archived=False)
    assert not archived(personas.kr)
    assert in_inbox(personas)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("alice", True), ("lena", True), ("ada", True), ("bob", False), ("charlie", False)],
)
def test_who_may_archive_a_kr_on_every_path(personas, api, who, allowed):
    user = getattr(personas, who)
    # Service.
    if allowed:
        key_result_update(actor=user, key_result_id=personas.kr.pk, archived=True)
        assert archived(personas.kr)
        key_result_update(actor=user, key_result_id=personas.kr.pk, archived=False)
    else:
        with pytest.raises(Forbidden):
            key_result_update(actor=user, key_result_id=personas.kr.pk, archived=True)
    # Form.
    response = client_for(user).post(f"/key-results/{personas.kr.pk}/archive/", {"archived": "1"})
    assert response.status_code == (302 if allowed else 403)
    assert archived(personas.kr) == allowed
    if allowed:
        client_for(user).post(f"/key-results/{personas.kr.pk}/archive/", {"archived": "0"})
        assert not archived(personas.kr)
    # API.
    response = api.patch(f"/key-results/{personas.kr.pk}", {"archived": True}, as_=who)
    if allowed:
        assert response.status_code == 200, response.content
        assert response.json()["archived"] is True
    else:
        assert_error(response, 403, "forbidden")
        assert not archived(personas.kr)


@pytest.mark.parametrize(
    ("who", "allowed"), [("lena", True), ("ada", True), ("alice", False), ("charlie", False)]
)
def test_who_may_archive_an_objective(personas, api, who, allowed):
    response = api.patch(f"/objectives/{personas.objective.pk}", {"archived": True}, as_=who)
    if allowed:
        assert response.status_code == 200, response.content
        assert response.json()["archived"] is True
        assert archived(personas.kr)
        listed = api.get("/objectives", as_=who).json()["items"]
        assert personas.objective.pk not in [o["id"] for o in listed]
        listed = api.get("/objectives?archived=true", as_=who).json()["items"]
        assert [o["id"] for o in listed] == [personas.objective.pk]
    else:
        assert_error(response, 403, "forbidden")
        assert Objective.objects.get(pk=personas.objective.pk).archived_at is None


def test_the_archive_form_needs_the_csrf_token_and_asks_first(personas):
    client = client_for(personas.lena, csrf=True)
    ask = client.get(f"/objectives/{personas.objective.pk}/archive/")
    assert ask.status_code == 200
    assert Objective.objects.get(pk=personas.objective.pk).archived_at is None
    assert (
        client.post(f"/objectives/{personas.objective.pk}/archive/", {"archived": "1"}).status_code
        == 403
    )
    assert Objective.objects.get(pk=personas.objective.pk).archived_at is None


def test_an_archived_kr_checked_in_through_the_api_is_a_conflict(personas, api):
    key_result_update(actor=personas.alice, key_result_id=personas.kr.pk, archived=True)
    response = api.post(
        f"/key-results/{personas.kr.pk}/check-ins",
        {"entries": [{"kind": "progress", "value": 70}, {"kind": "no_next_up"}]},
    )
    assert_error(response, 409, "archived")
