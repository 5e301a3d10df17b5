"""The people pages: who may open them, what they do, and bounded queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incheck.accounts.models import Membership
from incheck.audit.models import AuditEvent
from incheck.people.services import people as people_services
from incheck.testing.factories import MembershipFactory, UserFactory

ADMIN_PAGES = ["/people/", "/people/teams/", "/people/import/", "/people/audit/"]


@pytest.mark.parametrize("path", ADMIN_PAGES)
@pytest.mark.parametrize("who", ["alice", "lena", "charlie"])
def test_admin_pages_are_for_admins_only(client, personas, path, who):
    client.force_login(getattr(personas, who))
    assert client.get(path).status_code == 403
    assert client.post(path, {"email": "x@nordlys.example", "name": "X"}).status_code in {403, 405}


@pytest.mark.parametrize("path", [*ADMIN_PAGES, "/teams/1/members/"])
def test_nothing_is_readable_without_signing_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_people_list_searches_and_pages_in_a_fixed_number_of_queries(client, personas):
    client.force_login(personas.ada)
    for n in range(60):
        user = UserFactory(username=f"person{n:02}")
        MembershipFactory(user=user, team=personas.growth)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/people/")
    assert page.status_code == 200
    small = len(queries)
    assert small <= 12
    html = page.content.decode()
    assert "Page 1 of 2" in html and html.count('href="/people/') >= 50
    found = client.get("/people/?q=person07", HTTP_HX_REQUEST="true").content.decode()
    assert "person07" in found.lower() and "person08" not in found.lower()
    assert "<html" not in found


def test_an_admin_invites_from_the_page_and_sees_the_link_once(client, personas):
    client.force_login(personas.ada)
    response = client.post(
        "/people/",
        {"email": "nina@nordlys.example", "name": "Nina", "team": "growth", "role": "member"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "/invitations/" in page and "invited" in page
    assert "/invitations/" not in client.get(response["Location"]).content.decode()
    assert Membership.objects.get(user__email="nina@nordlys.example").team == personas.growth


def test_an_invitation_with_a_bad_address_shows_the_error_and_keeps_the_input(client, personas):
    client.force_login(personas.ada)
    response = client.post("/people/", {"email": "nope", "name": "Nina", "role": "member"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Enter a valid e-mail address." in html and 'value="Nina"' in html


def test_deactivate_and_hand_over_from_the_person_page(client, personas):
    client.force_login(personas.ada)
    url = f"/people/{personas.alice.pk}/"
    assert client.post(url, {"action": "deactivate"}).status_code == 302
    response = client.post(url, {"action": "hand_over", "to": "bob@example.org"})
    assert response.status_code == 302
    personas.kr.refresh_from_db()
    assert personas.kr.owner == personas.bob
    page = client.get(url).content.decode()
    assert "deactivated" in page and "Reactivate" in page


def test_a_refused_action_is_an_error_on_the_page_not_a_500(client, personas):
    client.force_login(personas.ada)
    response = client.post(f"/people/{personas.ada.pk}/", {"action": "revoke_admin"})
    assert response.status_code == 422
    assert "Someone must stay an administrator." in response.content.decode()
    response = client.post(f"/people/{personas.alice.pk}/", {"action": "hand_over", "to": "x"})
    assert response.status_code == 422


def test_a_lead_manages_the_members_of_their_team_but_not_another(client, personas):
    client.force_login(personas.lena)
    url = f"/teams/{personas.growth.pk}/members/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"person": "charlie", "role": "member"}).status_code == 302
    assert client.post(url, {"person_id": personas.bob.pk, "action": "lead"}).status_code == 302
    assert Membership.objects.get(user=personas.bob, team=personas.growth).role == "lead"
    assert client.post(url, {"person_id": personas.bob.pk, "action": "remove"}).status_code == 302
    # Only admins rename or archive.
    assert client.post(url, {"name": "Renamed", "parent": ""}).status_code == 403
    assert client.get(f"/teams/{personas.platform.pk}/members/").status_code == 403


@pytest.mark.parametrize("who", ["alice", "charlie"])
def test_members_and_outsiders_cannot_open_the_members_page(client, personas, who):
    client.force_login(getattr(personas, who))
    assert client.get(f"/teams/{personas.growth.pk}/members/").status_code == 403


def test_the_members_page_reads_in_a_fixed_number_of_queries(client, personas):
    client.force_login(personas.lena)
    url = f"/teams/{personas.growth.pk}/members/"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(40):
        MembershipFactory(user=UserFactory(username=f"m{n}"), team=personas.growth)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_an_admin_creates_a_team_under_another_and_archives_it(client, personas):
    client.force_login(personas.ada)
    response = client.post("/people/teams/", {"name": "Nordics", "parent": "growth"})
    assert response.status_code == 302
    url = response["Location"]
    assert client.post(url, {"archive": "1"}).status_code == 302
    client.get("/teams/")  # shows (and so uses up) the flash messages
    assert "Nordics" not in client.get("/teams/").content.decode()
    assert "Nordics" in client.get("/people/teams/?archived=1").content.decode()
    bad = client.post("/people/teams/", {"name": "Growth", "parent": ""})
    assert bad.status_code == 422 and "already a team" in bad.content.decode()


def test_the_roster_page_shows_the_dry_run_then_imports_on_confirm(client, personas):
    client.force_login(personas.ada)
    text = "name,email,team,role\nNina,nina@nordlys.example,Sales,lead\n"
    dry = client.post("/people/import/", {"text": text})
    html = dry.content.decode()
    assert dry.status_code == 200 and "new person" in html and "joins as lead" in html
    assert not Membership.objects.filter(team__name="Sales").exists()
    done = client.post("/people/import/", {"text": text, "confirm": "True"})
    assert done.status_code == 302
    assert Membership.objects.get(team__name="Sales").role == "lead"


def test_the_roster_page_names_problems_by_line_and_column(client, personas):
    client.force_login(personas.ada)
    response = client.post("/people/import/", {"text": "email,role\nann@x.org,boss\n"})
    assert response.status_code == 422
    assert "Line 2, column role" in response.content.decode()


def test_the_audit_log_reads_in_words(client, personas):
    people_services.person_deactivate(actor=personas.ada, person_id=personas.bob.pk)
    client.force_login(personas.ada)
    html = client.get("/people/audit/").content.decode()
    assert "Ada deactivated Bob" in html
    assert AuditEvent.objects.count() == 1


def test_the_invitation_page_sets_a_password_and_signs_in(client, personas):
    _nina, raw = people_services.person_invite(
        actor=personas.ada, email="nina@nordlys.example", name="Nina"
    )
    page = client.get(f"/invitations/{raw}/")
    assert page.status_code == 200 and "Welcome, Nina" in page.content.decode()
    response = client.post(
        f"/invitations/{raw}/",
        {"password1": "a long pass phrase 42", "password2": "a long pass phrase 42"},
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    client.logout()
    used = client.get(f"/invitations/{raw}/")
    assert used.status_code == 409 and "used already" in used.content.decode()
    assert client.get("/invitations/forged/").status_code == 404
