"""Creating and editing objectives and key results through the forms."""

from __future__ import annotations

import pytest
from django.test import Client

from incheck.accounts.models import Team
from incheck.okrs.models import KeyResult, Objective

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def kr_data(**extra):
    return {
        "title": "Demos booked",
        "owner_id": "",
        "kr_type": "increase",
        "start_value": "4",
        "target_value": "20",
        "unit": "demos",
        **extra,
    }


def test_anyone_sets_a_personal_objective_and_goes_on_to_its_first_key_result(personas):
    client = client_for(personas.bob)
    data = {
        "period": personas.period.pk,
        "title": "Learn the product by heart",
        "description": "",
        "owned_by": f"user:{personas.bob.pk}",
        "parent": "",
    }
    response = client.post("/objectives/new/", data)
    objective = Objective.objects.get(title="Learn the product by heart")
    assert objective.owner == personas.bob
    assert response["Location"] == f"/objectives/{objective.pk}/key-results/new/"


def test_the_owner_list_offers_only_what_the_person_may_choose(personas):
    html = client_for(personas.bob).get("/objectives/new/").content.decode()
    assert f'value="user:{personas.bob.pk}"' in html
    assert f'value="team:{personas.growth.pk}"' not in html
    assert f'value="user:{personas.alice.pk}"' not in html
    html = client_for(personas.lena).get("/objectives/new/").content.decode()
    assert f'value="team:{personas.growth.pk}"' in html
    assert f'value="team:{personas.platform.pk}"' not in html


def test_owners_are_searched_never_listed_whole(personas):
    """An admin may pick any team or person: the form shows the first few, typing finds more."""
    from incheck.accounts.selectors import SEARCH_LIMIT
    from incheck.testing.factories import TeamFactory, UserFactory

    for number in range(SEARCH_LIMIT + 5):
        UserFactory(username=f"zed{number:02}")
        TeamFactory(name=f"Zone {number:02}")
    admin = client_for(personas.ada)
    html = admin.get("/objectives/new/").content.decode()
    assert html.count('name="owned_by"') <= 2 * SEARCH_LIMIT + 1
    assert f'value="user:{personas.ada.pk}" checked' in html
    found = admin.get("/search/owners/?name=owned_by&owned_by_q=zone+07").content.decode()
    zone = Team.objects.get(name="Zone 07")
    assert f'value="team:{zone.pk}"' in found
    assert found.count('name="owned_by"') == 1
    # Bob may only pick himself: a search for Growth finds nothing he may choose.
    bob = client_for(personas.bob)
    found = bob.get("/search/owners/?name=owned_by&owned_by_q=growth").content.decode()
    assert 'name="owned_by"' not in found
    found = bob.get("/search/owners/?name=owned_by&owned_by_q=").content.decode()
    assert f'value="user:{personas.bob.pk}"' in found


def test_an_objective_edit_keeps_an_owner_the_editor_could_not_pick_anew(personas):
    html = client_for(personas.ada).get(f"/objectives/{personas.objective.pk}/edit/")
    owned_by = f"team:{personas.objective.team_id}"
    assert f'value="{owned_by}" checked' in html.content.decode()


def test_the_key_result_owner_is_a_search_with_the_owner_on_top(personas):
    from incheck.accounts.selectors import SEARCH_LIMIT
    from incheck.testing.factories import UserFactory

    for number in range(SEARCH_LIMIT + 5):
        UserFactory(username=f"zed{number:02}")
    html = client_for(personas.alice).get(f"/key-results/{personas.kr.pk}/edit/").content.decode()
    assert html.count('name="owner_id"') <= SEARCH_LIMIT + 1
    assert f'value="{personas.alice.pk}" checked' in html
    assert 'hx-get="/search/people/?name=owner_id' in html


def test_a_key_result_for_nobody_is_a_form_error_and_writes_nothing(personas):
    before = KeyResult.objects.count()
    response = client_for(personas.alice).post(
        f"/objectives/{personas.objective.pk}/key-results/new/", kr_data(owner_id=999999)
    )
    assert response.status_code == 200
    assert "No such person." in response.content.decode()
    assert KeyResult.objects.count() == before


def test_an_objective_owner_that_is_not_a_team_or_person_is_a_form_error(personas):
    data = {"period": personas.period.pk, "title": "T", "owned_by": "<b>team:1</b>"}
    response = client_for(personas.bob).post("/objectives/new/", data)
    assert response.status_code == 200
    assert "Choose a team or a person as owner." in response.content.decode()
    assert Objective.objects.count() == 1


def test_an_objective_without_a_title_is_a_form_error(personas):
    data = {"period": personas.period.pk, "title": "  ", "owned_by": f"user:{personas.bob.pk}"}
    response = client_for(personas.bob).post("/objectives/new/", data)
    assert response.status_code == 200
    assert "Give it a title." in response.content.decode()
    assert Objective.objects.count() == 1


def test_a_closed_period_takes_no_new_objective(personas, frozen_time):
    personas.period.closed_at = frozen_time
    personas.period.save()
    data = {"period": personas.period.pk, "title": "Late", "owned_by": f"user:{personas.bob.pk}"}
    response = client_for(personas.bob).post("/objectives/new/", data)
    assert response.status_code == 200
    assert Objective.objects.count() == 1


def test_a_new_key_result_opens_on_its_context(personas):
    response = client_for(personas.alice).post(
        f"/objectives/{personas.objective.pk}/key-results/new/",
        kr_data(owner_id=personas.alice.pk),
    )
    kr = KeyResult.objects.get(title="Demos booked")
    assert (kr.start_value, kr.target_value, kr.unit, kr.owner) == (4, 20, "demos", personas.alice)
    assert response["Location"] == f"/key-results/{kr.pk}/?open=context#check-in"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ({"target_value": "abc"}, "Enter a number."),
        ({"target_value": "NaN"}, "Enter a number."),
        ({"start_value": "inf"}, "Enter a number."),
        ({"target_value": ""}, "Enter the target."),
        ({"target_value": "4"}, "The target must differ from the start."),
        ({"target_value": "2"}, "the target must be above the start"),
        ({"title": "t" * 201}, "Keep the title under 200 characters"),
        ({"kr_type": "sideways"}, "valid choice"),
    ],
)
def test_bad_key_result_input_is_a_form_error_and_writes_nothing(personas, data, text):
    response = client_for(personas.alice).post(
        f"/objectives/{personas.objective.pk}/key-results/new/",
        kr_data(owner_id=personas.alice.pk, **data),
    )
    assert response.status_code == 200
    assert text in response.content.decode()
    assert KeyResult.objects.count() == 1


def test_a_milestone_needs_no_numbers(personas):
    client_for(personas.alice).post(
        f"/objectives/{personas.objective.pk}/key-results/new/",
        kr_data(owner_id=personas.alice.pk, kr_type="milestone", start_value="", target_value=""),
    )
    kr = KeyResult.objects.get(title="Demos booked")
    assert (kr.kr_type, kr.start_value, kr.target_value) == ("milestone", 0, 1)


def test_the_edit_form_warns_that_a_significant_change_makes_context_due(personas):
    html = client_for(personas.alice).get(f"/key-results/{personas.kr.pk}/edit/").content.decode()
    assert "Changing the title, type, start, target or unit makes a new Context due" in html
    assert 'value="60"' in html
    assert 'value="200"' in html


def test_editing_the_target_makes_a_new_context_due(personas, frozen_time):
    import datetime as dt

    from incheck import clock

    clock.freeze(frozen_time + dt.timedelta(days=1))
    response = client_for(personas.alice).post(
        f"/key-results/{personas.kr.pk}/edit/",
        kr_data(
            owner_id=personas.alice.pk,
            title="200 new leads",
            start_value="60",
            target_value="250",
            unit="leads",
        ),
    )
    assert response["Location"] == f"/key-results/{personas.kr.pk}/"
    kr = KeyResult.objects.get(pk=personas.kr.pk)
    assert kr.target_value == 250
    assert kr.changed_at == frozen_time + dt.timedelta(days=1)


def test_an_edit_error_names_the_field(personas):
    response = client_for(personas.alice).post(
        f"/key-results/{personas.kr.pk}/edit/",
        kr_data(owner_id=personas.alice.pk, title="", start_value="60", target_value="250"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give it a title." in html.split('name="title"', 1)[1]
    assert KeyResult.objects.get(pk=personas.kr.pk).target_value == 200
