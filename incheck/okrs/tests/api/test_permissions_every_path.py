"""One permission rule for create and update, on every path: the HTML forms and the API.

What may not be created may not be reached by an update either (issue 8, item 4): a member
does not move her objective into a team or hand it to someone else, a lead does not move his
team's objective into another team, a KR's owner from another team does not hand it over.
Parent links never form a loop. "Admin" is a superuser: `is_staff` alone grants nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from incheck.accounts.services import token_create
from incheck.okrs.messages import message
from incheck.okrs.models import CheckIn, KeyResult, Objective, Period
from incheck.okrs.tests.api.helpers import assert_error
from incheck.testing.factories import (
    KeyResultFactory,
    MembershipFactory,
    ObjectiveFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def browser_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def unchanged(objective: Objective) -> dict[str, Any]:
    return Objective.objects.filter(pk=objective.pk).values("team_id", "owner_id", "parent_id")[0]


@pytest.fixture
def alices_objective(personas):
    return ObjectiveFactory(
        period=personas.period, team=None, owner=personas.alice, created_by=personas.alice
    )


def objective_form(objective: Objective, owned_by: str, parent: Any = "") -> dict[str, Any]:
    return {"title": objective.title, "description": "", "owned_by": owned_by, "parent": parent}


@pytest.mark.parametrize(
    ("who", "owner", "moved_to"),
    [
        ("alice", "alices", "team:growth"),  # her own objective into her team
        ("alice", "alices", "user:bob"),  # handed to a teammate
        ("lena", "growth", "team:platform"),  # the lead's team objective into another team
        ("lena", "growth", "user:alice"),  # handed to one of his people
    ],
)
def test_an_objective_is_moved_only_where_it_could_be_created(
    api, personas, alices_objective, who, owner, moved_to
):
    objective = alices_objective if owner == "alices" else personas.objective
    before = unchanged(objective)
    kind, name = moved_to.split(":")
    target = getattr(personas, name)
    change = {"team_id": target.pk} if kind == "team" else {"owner_id": target.pk}
    create = {"period_id": personas.period.pk, "title": "Somewhere else", **change}

    # The API: create and update answer alike.
    assert_error(api.post("/objectives", create, as_=who), 403, "forbidden")
    assert_error(api.patch(f"/objectives/{objective.pk}", change, as_=who), 403, "forbidden")
    # The form: the owner is not offered, and a forged choice is refused.
    form = objective_form(objective, f"{kind}:{target.pk}")
    response = browser_of(getattr(personas, who)).post(f"/objectives/{objective.pk}/edit/", form)
    assert response.status_code in {200, 403}
    assert response.status_code == 403 or response.context["form"].errors

    assert unchanged(objective) == before
    assert not Objective.objects.filter(title="Somewhere else").exists()


def test_a_lead_still_edits_and_an_admin_moves_anywhere(api, personas, alices_objective):
    path = f"/objectives/{personas.objective.pk}"
    assert api.patch(path, {"title": "Fill the pipeline"}, as_="lena").status_code == 200
    assert api.patch(path, {"team_id": personas.growth.pk}, as_="lena").status_code == 200
    assert api.patch(path, {"team_id": personas.platform.pk}, as_="ada").status_code == 200
    assert Objective.objects.get(pk=personas.objective.pk).team_id == personas.platform.pk
    own = f"/objectives/{alices_objective.pk}"
    assert api.patch(own, {"title": "Learn SQL well"}, as_="alice").status_code == 200


def test_a_key_result_is_handed_over_only_by_those_who_could_create_it(api, personas):
    charlies = KeyResultFactory(objective=personas.objective, owner=personas.charlie)
    form = {
        "title": charlies.title,
        "owner_id": personas.alice.pk,
        "kr_type": "increase",
        "start_value": "0",
        "target_value": "100",
        "unit": "leads",
    }

    patch = api.patch(f"/key-results/{charlies.pk}", {"owner_id": personas.alice.pk}, as_="charlie")
    assert_error(patch, 403, "forbidden")
    created = {
        "objective_id": personas.objective.pk,
        "title": "Mine",
        "owner_id": personas.charlie.pk,
    }
    assert_error(api.post("/key-results", created, as_="charlie"), 403, "forbidden")
    page = browser_of(personas.charlie).post(f"/key-results/{charlies.pk}/edit/", form)
    assert page.status_code == 403
    assert KeyResult.objects.get(pk=charlies.pk).owner_id == personas.charlie.pk

    # The lead of the KR's team hands it over on either path.
    response = browser_of(personas.lena).post(f"/key-results/{charlies.pk}/edit/", form)
    assert response.status_code == 302
    assert KeyResult.objects.get(pk=charlies.pk).owner_id == personas.alice.pk


def test_parent_links_never_make_a_loop(api, personas):
    top = personas.objective
    middle = ObjectiveFactory(period=personas.period, team=personas.growth, parent=top)
    bottom = ObjectiveFactory(period=personas.period, team=personas.growth, parent=middle)

    for parent in (top, bottom, middle):
        body = assert_error(
            api.patch(f"/objectives/{top.pk}", {"parent_id": parent.pk}, as_="lena"), 422
        )
        assert body["fields"] == {"parent": message("parent_cycle")}
    response = browser_of(personas.lena).post(
        f"/objectives/{top.pk}/edit/", objective_form(top, f"team:{personas.growth.pk}", bottom.pk)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["parent"] == [message("parent_cycle")]
    assert Objective.objects.get(pk=top.pk).parent_id is None
    # Realigning lower in the tree is fine.
    assert (
        api.patch(f"/objectives/{bottom.pk}", {"parent_id": top.pk}, as_="lena").status_code == 200
    )


@pytest.fixture
def staff(personas):
    """A user with `is_staff` and nothing else: the Django admin site's flag, not an admin."""
    user = UserFactory(username="stan", is_staff=True)
    MembershipFactory(user=user, team=personas.platform)
    return user


def test_is_staff_alone_is_not_an_admin(personas, staff):
    token = token_create(user=staff, name="tests")[1]
    headers = {"Authorization": f"Bearer {token}"}
    client = Client()

    me = client.get("/api/v1/me", headers=headers).json()
    assert me["is_admin"] is False
    sitting = {"entries": [{"kind": "progress", "value": 90, "text": "Not mine"}]}
    path = f"/api/v1/key-results/{personas.kr.pk}/check-ins"
    response = client.post(path, sitting, content_type="application/json", headers=headers)
    assert_error(response, 403, "forbidden")
    period = {"name": "2027 Q1", "start_on": "2027-01-01", "end_on": "2027-03-31"}
    response = client.post(
        "/api/v1/periods", period, content_type="application/json", headers=headers
    )
    assert_error(response, 403, "forbidden")

    browser = browser_of(staff)
    form = {"progress_value": "90", "progress_text": "Not mine"}
    assert browser.post(f"/key-results/{personas.kr.pk}/check-ins/", form).status_code == 403
    period_form = {"name": "2027 Q1", "start_on": "2027-01-01", "end_on": "2027-03-31"}
    assert browser.post("/periods/", period_form).status_code == 403
    assert CheckIn.objects.count() == 0
    assert not Period.objects.filter(name="2027 Q1").exists()
