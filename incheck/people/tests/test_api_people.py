"""People management through the API: the same services, the same rules, the personas."""

from __future__ import annotations

import pytest

from incheck.accounts.models import Membership, Team
from incheck.okrs.tests.api.helpers import assert_error, queries
from incheck.testing.factories import UserFactory

CSV = "name,email,team,role\nNina,nina@nordlys.example,Sales,lead\n"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/people", None),
        ("POST", "/people", {"email": "x@nordlys.example"}),
        ("GET", "/people/1", None),
        ("PATCH", "/people/1", {"is_admin": True}),
        ("POST", "/people/1/invitation", None),
        ("POST", "/people/1/hand-over", {"to": 2}),
        ("POST", "/teams", {"name": "Shadow IT"}),
        ("PATCH", "/teams/1", {"name": "Renamed"}),
        ("POST", "/people/import", {"csv": CSV}),
        ("GET", "/audit", None),
    ],
)
@pytest.mark.parametrize("who", ["alice", "lena", "charlie"])
def test_people_management_is_for_admins(api, personas, method, path, body, who):
    response = api.call(method, path, body, as_=who)
    assert_error(response, 403, "forbidden")


def test_an_admin_invites_and_gets_the_link_once(api, personas):
    response = api.post(
        "/people",
        {"email": "nina@nordlys.example", "name": "Nina", "team_id": personas.growth.pk},
        as_="ada",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "invited" and "/invitations/" in body["invitation_link"]
    assert body["teams"] == [{"id": personas.growth.pk, "name": "Growth", "role": "member"}]
    again = api.get(f"/people/{body['id']}", as_="ada").json()
    assert "invitation_link" not in again


def test_a_bad_invitation_names_each_field(api, personas):
    body = assert_error(
        api.post("/people", {"email": "nope", "role": "boss"}, as_="ada"), 422, "invalid"
    )
    assert set(body["fields"]) == {"email", "role"}
    body = assert_error(api.post("/people", {"email": 7}, as_="ada"), 422, "invalid")
    assert "email" in body["fields"]


def test_the_people_list_pages_searches_and_filters(api, personas):
    for n in range(5):
        UserFactory(username=f"sales{n}")
    body = api.get("/people?q=sales&limit=2", as_="ada").json()
    assert len(body["items"]) == 2 and body["next"]
    rest = api.get(body["next"].split("/api/v1", 1)[1], as_="ada").json()
    names = [item["username"] for item in body["items"] + rest["items"]]
    assert names[:4] == ["sales0", "sales1", "sales2", "sales3"]
    api.patch(f"/people/{personas.bob.pk}", {"is_active": False}, as_="ada")
    gone = api.get("/people?status=deactivated", as_="ada").json()
    assert [item["username"] for item in gone["items"]] == ["bob"]


def test_the_people_list_reads_in_a_fixed_number_of_queries(api, personas):
    few, _ = queries(api, "/people", as_="ada")
    for n in range(30):
        Membership.objects.create(user=UserFactory(username=f"p{n}"), team=personas.growth)
    many, body = queries(api, "/people?limit=200", as_="ada")
    assert many == few and len(body["items"]) == 35


def test_deactivation_ends_the_persons_api_access(api, personas):
    assert api.get("/me", as_="bob").status_code == 200
    response = api.patch(f"/people/{personas.bob.pk}", {"is_active": False}, as_="ada")
    assert response.json()["status"] == "deactivated"
    assert_error(api.get("/me", as_="bob"), 401, "not_authenticated")


def test_admin_rights_and_the_last_admin(api, personas):
    assert api.patch(f"/people/{personas.lena.pk}", {"is_admin": True}, as_="ada").json()[
        "is_admin"
    ]
    assert api.get("/people", as_="lena").status_code == 200
    api.patch(f"/people/{personas.lena.pk}", {"is_admin": False}, as_="ada")
    assert_error(
        api.patch(f"/people/{personas.ada.pk}", {"is_admin": False}, as_="ada"), 409, "last_admin"
    )
    assert_error(api.patch("/people/999999", {"is_admin": True}, as_="ada"), 404, "not_found")
    assert_error(api.patch(f"/people/{personas.bob.pk}", {"is_admin": 1}, as_="ada"), 422)


def test_hand_over_through_the_api(api, personas):
    body = api.post(
        f"/people/{personas.alice.pk}/hand-over", {"to": personas.bob.pk}, as_="ada"
    ).json()
    assert body == {"key_results": 1}
    personas.kr.refresh_from_db()
    assert personas.kr.owner == personas.bob


def test_teams_through_the_api(api, personas):
    created = api.post("/teams", {"name": "Nordics", "parent_id": personas.growth.pk}, as_="ada")
    assert created.status_code == 201
    team = created.json()
    assert team["parent_id"] == personas.growth.pk and team["archived"] is False
    moved = api.patch(f"/teams/{team['id']}", {"parent_id": None, "archived": True}, as_="ada")
    assert moved.json()["parent_id"] is None and moved.json()["archived"] is True
    names = [t["name"] for t in api.get("/teams").json()["items"]]
    assert "Nordics" not in names
    assert [t["name"] for t in api.get("/teams?archived=true").json()["items"]] == ["Nordics"]
    cycle = api.patch(f"/teams/{personas.growth.pk}", {"parent_id": personas.growth.pk}, as_="ada")
    assert "parent" in assert_error(cycle, 422, "invalid")["fields"]
    taken = api.post("/teams", {"name": "growth"}, as_="ada")
    assert "name" in assert_error(taken, 422)["fields"]


def test_a_lead_manages_members_of_their_team_through_the_api(api, personas):
    path = f"/teams/{personas.growth.pk}/members"
    added = api.post(path, {"person_id": personas.charlie.pk, "role": "member"}, as_="lena")
    assert added.status_code == 201 and added.json()["user"]["username"] == "charlie"
    assert_error(
        api.post(path, {"person_id": personas.charlie.pk}, as_="lena"), 409, "already_member"
    )
    lead = api.patch(f"{path}/{personas.charlie.pk}", {"role": "lead"}, as_="lena")
    assert lead.json()["role"] == "lead"
    assert api.delete(f"{path}/{personas.charlie.pk}", as_="lena").status_code == 204
    assert_error(api.delete(f"{path}/{personas.charlie.pk}", as_="lena"), 404, "not_member")
    for who in ("alice", "charlie"):
        assert_error(api.post(path, {"person_id": personas.ada.pk}, as_=who), 403)
    other = f"/teams/{personas.platform.pk}/members"
    assert_error(api.post(other, {"person_id": personas.bob.pk}, as_="lena"), 403)


def test_the_csv_import_dry_runs_then_applies_and_is_idempotent(api, personas):
    dry = api.post("/people/import", {"csv": CSV}, as_="ada").json()
    assert dry["applied"] is False and dry["counts"]["create_person"] == 1
    assert dry["lines"][0]["changes"][0] == {"kind": "create_person", "role": ""}
    assert not Team.objects.filter(name="Sales").exists()
    done = api.post("/people/import", {"csv": CSV, "dry_run": False}, as_="ada").json()
    assert done["applied"] is True
    again = api.post("/people/import", {"csv": CSV, "dry_run": False}, as_="ada").json()
    assert not any(again["counts"].values())


def test_a_csv_with_problems_is_a_422_naming_line_and_column_and_writes_nothing(api, personas):
    text = CSV + "Ghost,ghost,Sales,boss\n"
    body = assert_error(
        api.post("/people/import", {"csv": text, "dry_run": False}, as_="ada"), 422, "invalid"
    )
    assert set(body["fields"]) == {"3.email", "3.role"}
    assert not Team.objects.filter(name="Sales").exists()
    dry = api.post("/people/import", {"csv": text}, as_="ada").json()
    assert [(p["line"], p["column"]) for p in dry["problems"]] == [(3, "email"), (3, "role")]


def test_the_audit_log_through_the_api(api, personas):
    api.patch(f"/people/{personas.bob.pk}", {"is_active": False}, as_="ada")
    events = api.get("/audit", as_="ada").json()["items"]
    deactivated = [e for e in events if e["action"] == "person.deactivated"]
    assert deactivated[0]["text"] == "Ada deactivated Bob"
    assert deactivated[0]["actor_id"] == personas.ada.pk
