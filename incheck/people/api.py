"""The API's people management: the same services as the pages, the same rules.

People, invitations, deactivation, admin rights, hand-over and the CSV import are for admins;
a team's members for its leads and admins; the audit log for admins.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from incheck.accounts.api import router as accounts_router
from incheck.accounts.models import Membership, Team
from incheck.accounts.names import display_name
from incheck.audit.words import audit_sentence
from incheck.errors import Invalid, NotFound
from incheck.okrs.api.context import user_of
from incheck.okrs.api.pagination import Mapped, Page
from incheck.okrs.api.schemas import UserRef
from incheck.okrs.api.types import Flag, Id, Input, Ref, Text
from incheck.people.messages import message
from incheck.people.selectors import audit_list, people_list, person_detail, person_status
from incheck.people.services import members as member_services
from incheck.people.services import people as people_services
from incheck.people.services import teams as team_services
from incheck.people.services.common import admin_actor
from incheck.people.services.invitations import invitation_link
from incheck.people.services.roster import roster_dry_run, roster_import

router = Router(tags=["people management"])
# GET /teams lives in the accounts router; ninja serves one path from one router, so the writes
# on /teams join it there.
teams_router = accounts_router


class PersonTeamOut(Schema):
    id: int
    name: str
    role: str


class PersonOut(Schema):
    id: int
    username: str
    display_name: str
    email: str
    status: str = Field(description="invited, active or deactivated")
    is_admin: bool
    teams: list[PersonTeamOut]


def person_out(person: Any, memberships: list[Membership] | None = None) -> dict[str, Any]:
    if memberships is None:
        memberships = list(person.memberships.all())
    return {
        "id": person.pk,
        "username": person.get_username(),
        "display_name": display_name(person),
        "email": person.email,
        "status": person_status(person),
        "is_admin": bool(person.is_superuser),
        "teams": [{"id": m.team_id, "name": m.team.name, "role": m.role} for m in memberships],
    }


def _person(person_id: int) -> dict[str, Any]:
    detail = person_detail(person_id)
    if detail is None:
        raise NotFound(message("not_found"), code="not_found")
    return person_out(detail.person, detail.memberships)


@router.get("/people", response=list[PersonOut])
@paginate(Page)
def list_people(request: HttpRequest, q: Text = "", status: Text = "") -> Any:
    """List people (admins), searched by name or e-mail, filtered by invited/active/deactivated."""
    admin_actor(user_of(request))
    return Mapped(
        people_list(query=q, status=status, by_name=False),
        lambda rows: [person_out(r) for r in rows],
    )


class InviteIn(Input):
    email: Text = Field(max_length=254)
    name: Text = Field("", max_length=500)
    team_id: Ref | None = None
    role: Text = "member"


class InvitedOut(PersonOut):
    invitation_link: str = Field(description="The one-time link (also e-mailed); valid 7 days.")


@router.post("/people", response={201: InvitedOut})
def invite_person(request: HttpRequest, payload: InviteIn) -> Status[dict[str, Any]]:
    """Invite someone by e-mail (admins): they are created and sent a one-time link."""
    person, raw = people_services.person_invite(
        actor=user_of(request),
        email=payload.email,
        name=payload.name,
        team_id=payload.team_id,
        role=payload.role,
    )
    return Status(201, {**_person(person.pk), "invitation_link": invitation_link(raw)})


@router.get("/people/{int:person_id}", response=PersonOut)
def get_person(request: HttpRequest, person_id: Id) -> dict[str, Any]:
    """Read one person (admins)."""
    admin_actor(user_of(request))
    return _person(person_id)


class PersonPatch(Input):
    is_active: Flag | None = None
    is_admin: Flag | None = None


@router.patch("/people/{int:person_id}", response=PersonOut)
def update_person(request: HttpRequest, person_id: Id, payload: PersonPatch) -> dict[str, Any]:
    """Deactivate or reactivate someone, or change their admin rights (admins)."""
    actor = user_of(request)
    admin_actor(actor)
    current = people_services.person_get(person_id)
    if payload.is_active is not None and payload.is_active != current.is_active:
        if payload.is_active:
            people_services.person_reactivate(actor=actor, person_id=person_id)
        else:
            people_services.person_deactivate(actor=actor, person_id=person_id)
    if payload.is_admin is not None:
        people_services.person_set_admin(
            actor=actor, person_id=person_id, is_admin=payload.is_admin
        )
    return _person(person_id)


class LinkOut(Schema):
    invitation_link: str


@router.post("/people/{int:person_id}/invitation", response={201: LinkOut})
def invite_person_again(request: HttpRequest, person_id: Id) -> Status[dict[str, str]]:
    """Send someone who has not signed in yet a new invitation (admins)."""
    _person_row, raw = people_services.person_reinvite(actor=user_of(request), person_id=person_id)
    return Status(201, {"invitation_link": invitation_link(raw)})


class HandOverIn(Input):
    to: Ref


class HandOverOut(Schema):
    key_results: int


@router.post("/people/{int:person_id}/hand-over", response=HandOverOut)
def hand_over_key_results(request: HttpRequest, person_id: Id, payload: HandOverIn) -> Any:
    """Give all of someone's key results in open periods to another person (admins)."""
    moved = people_services.key_results_hand_over(
        actor=user_of(request), from_person_id=person_id, to_person_id=payload.to
    )
    return {"key_results": moved}


class TeamIn(Input):
    name: Text = Field(max_length=500)
    parent_id: Ref | None = None


class TeamPatch(Input):
    name: Text | None = Field(None, max_length=500)
    parent_id: Ref | None = None
    archived: Flag | None = None


class ManagedTeamOut(Schema):
    id: int
    name: str
    parent_id: int | None
    archived: bool

    @staticmethod
    def resolve_archived(obj: Any) -> bool:
        return obj.archived_at is not None


@teams_router.post("/teams", response={201: ManagedTeamOut})
def create_team(request: HttpRequest, payload: TeamIn) -> Status[Team]:
    """Create a team, optionally under a parent team (admins)."""
    team = team_services.team_create(
        actor=user_of(request), name=payload.name, parent_id=payload.parent_id
    )
    return Status(201, team)


@teams_router.patch("/teams/{team_id}", response=ManagedTeamOut)
def update_team(request: HttpRequest, team_id: Id, payload: TeamPatch) -> Team:
    """Rename a team, move it (`parent_id`: null for the top), archive or restore it (admins)."""
    given = payload.model_fields_set
    return team_services.team_update(
        actor=user_of(request),
        team_id=team_id,
        name=payload.name,
        parent_id=payload.parent_id if "parent_id" in given else team_services.UNCHANGED,
        archived=payload.archived,
    )


class MemberIn(Input):
    person_id: Ref
    role: Text = "member"


class RoleIn(Input):
    role: Text


class MembershipOut(Schema):
    user: UserRef
    role: str


@teams_router.post("/teams/{team_id}/members", response={201: MembershipOut})
def add_team_member(request: HttpRequest, team_id: Id, payload: MemberIn) -> Status[Membership]:
    """Put someone in a team (the team's leads and admins)."""
    membership = member_services.membership_add(
        actor=user_of(request), team_id=team_id, person_id=payload.person_id, role=payload.role
    )
    return Status(201, membership)


@teams_router.patch("/teams/{team_id}/members/{person_id}", response=MembershipOut)
def update_team_member(request: HttpRequest, team_id: Id, person_id: Id, payload: RoleIn) -> Any:
    """Make a member a lead or a lead a member (the team's leads and admins)."""
    return member_services.membership_set_role(
        actor=user_of(request), team_id=team_id, person_id=person_id, role=payload.role
    )


@teams_router.delete("/teams/{team_id}/members/{person_id}", response={204: None})
def remove_team_member(request: HttpRequest, team_id: Id, person_id: Id) -> Status[None]:
    """Take someone out of a team (the team's leads and admins)."""
    member_services.membership_remove(actor=user_of(request), team_id=team_id, person_id=person_id)
    return Status(204, None)


class RosterIn(Input):
    csv: Text = Field(description="The CSV text: name, email, team, role.")
    dry_run: Flag = True
    send_invitations: Flag = False


class ProblemOut(Schema):
    line: int
    column: str
    code: str
    detail: str


class ChangeOut(Schema):
    kind: str = Field(description="create_person, create_team, join_team or change_role")
    role: str


class LineOut(Schema):
    line: int
    email: str
    team: str
    changes: list[ChangeOut]


class RosterOut(Schema):
    applied: bool
    counts: dict[str, int]
    lines: list[LineOut]
    problems: list[ProblemOut]


@router.post("/people/import", response=RosterOut)
def import_people(request: HttpRequest, payload: RosterIn) -> dict[str, Any]:
    """Import people and teams from CSV (admins): a dry run unless `dry_run` is false.

    With `dry_run: false` everything is written, or (any problem: 422 naming `LINE.COLUMN`)
    nothing."""
    actor = user_of(request)
    if payload.dry_run:
        result = roster_dry_run(actor=actor, text=payload.csv)
    else:
        result = roster_import(
            actor=actor, text=payload.csv, send_invitations=payload.send_invitations
        )
        if result.problems:
            fields = {
                f"{p.line}.{p.column}" if p.column else str(p.line): message(p.code)
                for p in result.problems
            }
            raise Invalid(message("invalid_input"), code="invalid", fields=fields)
    return {
        "applied": result.applied,
        "counts": result.counts,
        "lines": [
            {
                "line": plan.row.line,
                "email": plan.row.email,
                "team": plan.row.team,
                "changes": [{"kind": c.kind, "role": c.detail} for c in plan.changes],
            }
            for plan in result.lines
        ],
        "problems": [
            {"line": p.line, "column": p.column, "code": p.code, "detail": message(p.code)}
            for p in result.problems
        ],
    }


class AuditOut(Schema):
    id: int
    at: Any
    actor_id: int | None
    actor_name: str
    action: str
    target_type: str
    target_id: int | None
    target_name: str
    details: dict[str, Any]
    text: str

    @staticmethod
    def resolve_text(obj: Any) -> str:
        return audit_sentence(obj)


@router.get("/audit", response=list[AuditOut])
@paginate(Page)
def list_audit_events(request: HttpRequest, q: Text = "") -> Any:
    """Read the audit log, newest first (admins)."""
    admin_actor(user_of(request))
    return audit_list(query=q)
