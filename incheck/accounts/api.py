"""The API's people: who am I, and the teams with their members."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from incheck.accounts.names import display_name
from incheck.accounts.selectors import memberships_of, team_list
from incheck.okrs.api.context import user_of
from incheck.okrs.api.pagination import Page
from incheck.okrs.api.schemas import UserRef
from incheck.okrs.api.types import Switch
from incheck.okrs.services.access import actor_for

router = Router(tags=["people"])


class MyTeamOut(Schema):
    id: int
    name: str
    role: str


class MeOut(Schema):
    id: int
    username: str
    display_name: str
    email: str
    language: str
    time_zone: str
    is_admin: bool
    teams: list[MyTeamOut]


class MemberOut(Schema):
    user: UserRef
    role: str


class TeamOut(Schema):
    id: int
    name: str
    parent_id: int | None
    archived: bool
    members: list[MemberOut]

    @staticmethod
    def resolve_archived(obj: Any) -> bool:
        return obj.archived_at is not None

    @staticmethod
    def resolve_members(obj: Any) -> list[Any]:
        return list(obj.memberships.all())


@router.get("/me", response=MeOut)
def get_me(request: HttpRequest) -> dict[str, Any]:
    """Read the signed-in user, with their teams and role in each."""
    user: Any = user_of(request)
    profile = getattr(user, "profile", None)
    return {
        "id": user.pk,
        "username": user.get_username(),
        "display_name": display_name(user),
        "email": user.email,
        "language": profile.language if profile else "",
        "time_zone": profile.time_zone if profile else "",
        "is_admin": actor_for(user).is_admin,
        "teams": [
            {"id": m.team_id, "name": m.team.name, "role": m.role} for m in memberships_of(user)
        ],
    }


@router.get("/teams", response=list[TeamOut])
@paginate(Page)
def list_teams(request: HttpRequest, archived: Switch = False) -> Any:
    """List teams by name, each with its members and their roles (archived ones on request)."""
    return team_list(archived=archived)
