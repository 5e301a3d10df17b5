"""Teams (admins) and members (leads of the team, and admins), with the personas."""

from __future__ import annotations

import pytest

from incheck.accounts.models import Membership, Team
from incheck.audit.models import AuditEvent
from incheck.errors import Conflict, Forbidden, Invalid
from incheck.people.services import members as member_services
from incheck.people.services import teams as team_services
from incheck.testing.factories import UserFactory


def test_an_admin_creates_renames_nests_and_archives_teams(personas):
    sales = team_services.team_create(actor=personas.ada, name=" Sales ", parent_id=None)
    assert sales.name == "Sales"
    nordics = team_services.team_create(actor=personas.ada, name="Nordics", parent_id=sales.pk)
    team_services.team_update(actor=personas.ada, team_id=sales.pk, name="Sales & Partners")
    team_services.team_update(actor=personas.ada, team_id=nordics.pk, parent_id=None)
    team_services.team_update(actor=personas.ada, team_id=nordics.pk, archived=True)
    nordics.refresh_from_db()
    assert nordics.parent_id is None and nordics.archived_at is not None
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == [
        "team.created",
        "team.created",
        "team.renamed",
        "team.moved",
        "team.archived",
    ]


def test_a_team_cannot_sit_under_itself_or_its_own_teams(personas):
    child = team_services.team_create(
        actor=personas.ada, name="Leads", parent_id=personas.growth.pk
    )
    for parent in (personas.growth.pk, child.pk):
        with pytest.raises(Invalid) as refused:
            team_services.team_update(
                actor=personas.ada, team_id=personas.growth.pk, parent_id=parent
            )
        assert "parent" in refused.value.fields
    assert Team.objects.get(pk=personas.growth.pk).parent_id is None


def test_team_names_are_unique_whatever_their_case(personas):
    with pytest.raises(Invalid) as taken:
        team_services.team_create(actor=personas.ada, name="GROWTH")
    assert "name" in taken.value.fields
    with pytest.raises(Invalid):
        team_services.team_create(actor=personas.ada, name="   ")


@pytest.mark.parametrize("who", ["lena", "alice", "charlie"])
def test_only_admins_change_the_team_structure(personas, who):
    with pytest.raises(Forbidden):
        team_services.team_create(actor=getattr(personas, who), name="Shadow IT")
    with pytest.raises(Forbidden):
        team_services.team_update(
            actor=getattr(personas, who), team_id=personas.growth.pk, name="X"
        )


def test_a_lead_adds_and_removes_members_of_their_team_and_makes_leads(personas):
    nina = UserFactory(username="nina")
    member_services.membership_add(
        actor=personas.lena, team_id=personas.growth.pk, person_id=nina.pk
    )
    member_services.membership_set_role(
        actor=personas.lena, team_id=personas.growth.pk, person_id=nina.pk, role="lead"
    )
    assert Membership.objects.get(user=nina).role == "lead"
    member_services.membership_remove(
        actor=personas.lena, team_id=personas.growth.pk, person_id=personas.bob.pk
    )
    assert not Membership.objects.filter(user=personas.bob).exists()
    assert AuditEvent.objects.filter(action__startswith="membership.").count() == 3


@pytest.mark.parametrize("who", ["alice", "charlie"])
def test_members_and_outsiders_do_not_manage_a_team(personas, who):
    with pytest.raises(Forbidden):
        member_services.membership_add(
            actor=getattr(personas, who), team_id=personas.growth.pk, person_id=personas.charlie.pk
        )
    with pytest.raises(Forbidden):
        member_services.membership_remove(
            actor=getattr(personas, who), team_id=personas.growth.pk, person_id=personas.bob.pk
        )


def test_a_lead_of_one_team_does_not_manage_another(personas):
    with pytest.raises(Forbidden):
        member_services.membership_add(
            actor=personas.lena, team_id=personas.platform.pk, person_id=personas.bob.pk
        )


def test_no_one_joins_twice_nor_an_archived_team(personas):
    with pytest.raises(Conflict):
        member_services.membership_add(
            actor=personas.ada, team_id=personas.growth.pk, person_id=personas.alice.pk
        )
    team_services.team_update(actor=personas.ada, team_id=personas.platform.pk, archived=True)
    with pytest.raises(Conflict):
        member_services.membership_add(
            actor=personas.ada, team_id=personas.platform.pk, person_id=personas.alice.pk
        )


def test_an_unknown_role_is_refused(personas):
    with pytest.raises(Invalid):
        member_services.membership_set_role(
            actor=personas.ada, team_id=personas.growth.pk, person_id=personas.alice.pk, role="boss"
        )
