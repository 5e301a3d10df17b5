"""Who may see and who may write, page by page, with the personas."""

from __future__ import annotations

import pytest
from django.test import Client

from incheck.okrs.models import CheckIn, KeyResult, Objective

pytestmark = pytest.mark.django_db

DUE = "2026-12-04"


def client_for(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


def pages(personas):
    kr, objective, team = personas.kr.pk, personas.objective.pk, personas.growth.pk
    return [
        "/",
        f"/key-results/{kr}/",
        f"/key-results/{kr}/edit/",
        "/objectives/new/",
        f"/objectives/{objective}/edit/",
        f"/objectives/{objective}/key-results/new/",
        "/teams/",
        f"/teams/{team}/",
        f"/teams/{team}/?period={personas.period.pk}",
        "/periods/",
        f"/periods/{personas.period.pk}/review/",
        f"/periods/{personas.period.pk}/review/team/{team}/",
        f"/periods/{personas.period.pk}/review/person/{personas.alice.pk}/",
        f"/periods/{personas.period.pk}/checkout/",
        "/insights/",
        "/blockers/",
        "/accounts/profile/",
    ]


def a_sitting(**extra):
    return {
        "progress_value": "94",
        "progress_text": "Webinar brought 34 leads",
        "no_next_up": "on",
        **extra,
    }


def test_every_page_sends_the_anonymous_to_sign_in(personas):
    client = Client()
    for url in pages(personas):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url


def test_posting_a_check_in_anonymously_writes_nothing(personas):
    response = Client().post(f"/key-results/{personas.kr.pk}/check-ins/", a_sitting())
    assert response.status_code == 302
    assert CheckIn.objects.count() == 0


def test_an_anonymous_htmx_request_is_told_to_sign_in(personas):
    response = Client().post(
        f"/key-results/{personas.kr.pk}/check-ins/", a_sitting(), headers={"HX-Request": "true"}
    )
    assert response.status_code == 401
    assert response["HX-Redirect"] == "login"


@pytest.mark.parametrize("who", ["alice", "bob", "lena", "charlie", "ada"])
@pytest.mark.parametrize(
    "url",
    ["/", "kr", "team", "/teams/", "/periods/", "review", "/insights/", "/blockers/"],
)
def test_everyone_signed_in_reads(personas, who, url):
    url = {
        "kr": f"/key-results/{personas.kr.pk}/",
        "team": f"/teams/{personas.growth.pk}/",
        "review": f"/periods/{personas.period.pk}/review/",
    }.get(url, url)
    response = client_for(getattr(personas, who)).get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_a_teammate_or_stranger_may_not_check_in_and_nothing_is_written(personas, who):
    client = client_for(getattr(personas, who))
    url = f"/key-results/{personas.kr.pk}/check-ins/"
    for headers in ({}, {"HX-Request": "true"}):
        response = client.post(url, a_sitting(), headers=headers)
        assert response.status_code == 403
    assert CheckIn.objects.count() == 0
    assert KeyResult.objects.get(pk=personas.kr.pk).current_value == 60


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_the_page_shows_no_check_in_form_to_those_who_may_not_write(personas, who):
    html = client_for(getattr(personas, who)).get(f"/key-results/{personas.kr.pk}/").content
    assert b'id="check-in"' not in html
    assert b"Only the owner" in html


@pytest.mark.parametrize("who", ["alice", "lena", "ada"])
def test_the_owner_the_lead_and_an_admin_may_check_in(personas, who):
    response = client_for(getattr(personas, who)).post(
        f"/key-results/{personas.kr.pk}/check-ins/", a_sitting()
    )
    assert response.status_code == 302
    assert CheckIn.objects.filter(key_result=personas.kr, kind="progress").count() == 1
    assert KeyResult.objects.get(pk=personas.kr.pk).current_value == 94


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_someone_elses_key_result_may_not_be_edited(personas, who):
    client = client_for(getattr(personas, who))
    url = f"/key-results/{personas.kr.pk}/edit/"
    assert client.get(url).status_code == 403
    response = client.post(
        url,
        {
            "title": "Hijacked",
            "owner_id": personas.alice.pk,
            "kr_type": "increase",
            "start_value": "60",
            "target_value": "200",
            "unit": "leads",
        },
    )
    assert response.status_code == 403
    assert KeyResult.objects.get(pk=personas.kr.pk).title == "200 new leads"


def test_a_team_objective_is_edited_by_its_lead_not_its_members(personas):
    url = f"/objectives/{personas.objective.pk}/edit/"
    data = {"title": "Fill the pipeline", "owned_by": f"team:{personas.growth.pk}", "parent": ""}
    assert client_for(personas.bob).post(url, data).status_code == 403
    assert Objective.objects.get(pk=personas.objective.pk).title == "Grow the pipeline"
    response = client_for(personas.lena).post(url, data)
    assert response.status_code == 302
    assert Objective.objects.get(pk=personas.objective.pk).title == "Fill the pipeline"


def test_a_stranger_may_not_add_a_key_result_to_another_teams_objective(personas):
    response = client_for(personas.charlie).get(
        f"/objectives/{personas.objective.pk}/key-results/new/"
    )
    assert response.status_code == 403


def test_missing_things_are_404_pages_not_errors(personas):
    client = client_for(personas.alice)
    for url in (
        "/key-results/999999/",
        "/teams/999999/",
        "/objectives/999999/edit/",
        "/key-results/999999/edit/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"Not found" in response.content
    response = client.post("/key-results/999999/check-ins/", a_sitting())
    assert response.status_code == 404


def test_a_huge_id_is_not_found_rather_than_a_database_error(personas):
    response = client_for(personas.alice).get("/key-results/99999999999999999999999/")
    assert response.status_code == 404


def test_the_check_in_form_refuses_get(personas):
    response = client_for(personas.alice).get(f"/key-results/{personas.kr.pk}/check-ins/")
    assert response.status_code == 405


def test_csrf_is_enforced_on_a_check_in(personas):
    client = client_for(personas.alice, enforce_csrf_checks=True)
    response = client.post(f"/key-results/{personas.kr.pk}/check-ins/", a_sitting())
    assert response.status_code == 403
    assert CheckIn.objects.count() == 0


def test_csrf_passes_with_the_token_from_the_page(personas):
    client = client_for(personas.alice, enforce_csrf_checks=True)
    client.get(f"/key-results/{personas.kr.pk}/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        f"/key-results/{personas.kr.pk}/check-ins/", a_sitting(), headers={"X-CSRFToken": token}
    )
    assert response.status_code == 302
    assert CheckIn.objects.count() == 2  # the progress and "no Next Up this time"


def test_sign_out_is_a_post_form_in_the_top_bar(personas):
    html = client_for(personas.alice).get("/").content.decode()
    assert 'action="/accounts/logout/"' in html
    assert 'method="post"' in html
    assert 'href="/insights/"' in html


def test_signing_in_through_the_form_lands_in_the_inbox(personas):
    client = Client()
    assert client.get("/accounts/login/").status_code == 200
    response = client.post("/accounts/login/", {"username": "alice", "password": "pw"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_the_team_page_offers_edit_and_add_only_to_those_who_may(personas):
    objective = personas.objective.pk
    edit, add = f"/objectives/{objective}/edit/", f"/objectives/{objective}/key-results/new/"
    url = f"/teams/{personas.growth.pk}/"
    lead = client_for(personas.lena).get(url).content.decode()
    assert edit in lead and add in lead
    member = client_for(personas.bob).get(url).content.decode()
    assert edit not in member and add in member
    stranger = client_for(personas.charlie).get(url).content.decode()
    assert edit not in stranger and add not in stranger
