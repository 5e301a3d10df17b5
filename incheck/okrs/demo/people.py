"""Nordlys, the demo organisation: a small Stockholm company selling online booking to clinics.

Six people in three teams. Everyone signs in with the demo password (demo / demo, laura / demo,
…), so the product can be tried as a member or as another team's lead; the sign-in page lists
them while the demo is loaded. The demo is for trying out: it loads only into an empty
installation, and its passwords are published.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User

from incheck.accounts.models import Membership, Profile, Team

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo"
TIME_ZONE = "Europe/Stockholm"
ORGANISATION = "Nordlys"


@dataclass(frozen=True)
class Person:
    username: str
    display_name: str
    language: str
    team: str
    role: str
    manager: str | None = None


# The demo user leads Growth; Swedish speakers write their check-ins in Swedish.
PEOPLE = (
    Person("demo", "Maja Lindqvist", "en", "Growth", Membership.Role.LEAD),
    Person("laura", "Laura Becker", "en", "Growth", Membership.Role.MEMBER, manager="demo"),
    Person("jonas", "Jonas Ek", "sv", "Product", Membership.Role.LEAD),
    Person("priya", "Priya Nair", "en", "Product", Membership.Role.MEMBER, manager="jonas"),
    Person("elin", "Elin Sjöberg", "sv", "Customer Success", Membership.Role.LEAD),
    Person("tom", "Tom Okafor", "en", "Customer Success", Membership.Role.MEMBER, manager="elin"),
)
TEAMS = ("Growth", "Product", "Customer Success")


@dataclass(frozen=True)
class Org:
    """The people by username and the teams by name, as the story refers to them."""

    users: dict[str, User]
    teams: dict[str, Team]

    @property
    def demo(self) -> User:
        return self.users[DEMO_USERNAME]


def create_org() -> Org:
    """Teams, people with profiles and managers, and memberships.

    Written directly: these are the installation's set-up (an administrator's job in the admin),
    not check-ins, so there is no method rule for a service to hold.
    """
    teams = {name: Team.objects.create(name=name) for name in TEAMS}
    users: dict[str, User] = {}
    for person in PEOPLE:
        first, last = person.display_name.split(" ", 1)
        user = User(
            username=person.username,
            first_name=first,
            last_name=last,
            email=f"{person.username}@nordlys.example",
        )
        if person.username == DEMO_USERNAME:
            # Staff and superuser, so that the admin can be explored too.
            user.is_staff = user.is_superuser = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        users[person.username] = user
    for person in PEOPLE:
        Profile.objects.create(
            user=users[person.username],
            display_name=person.display_name,
            language=person.language,
            time_zone=TIME_ZONE,
            manager=users[person.manager] if person.manager else None,
        )
        Membership.objects.create(
            user=users[person.username], team=teams[person.team], role=person.role
        )
    return Org(users=users, teams=teams)
