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
# The demo's people have addresses in a domain reserved for examples (RFC 2606), which no real
# account has: that is how the sign-in page knows the demo is what is loaded.
DEMO_DOMAIN = "nordlys.example"


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
            email=f"{person.username}@{DEMO_DOMAIN}",
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


@dataclass(frozen=True)
class DemoSignIn:
    """One demo person as the sign-in page offers them."""

    username: str
    display_name: str
    team: str
    is_lead: bool
    is_admin: bool


def demo_sign_ins() -> list[DemoSignIn]:
    """The demo's people who can sign in, while the demo is loaded; [] otherwise (one query).

    A person counts only with their demo address: a real installation that happens to have a
    user called "demo" or "laura" never shows its people to someone who has not signed in.
    """
    present = set(
        User.objects.filter(
            username__in=[person.username for person in PEOPLE],
            email__iendswith=f"@{DEMO_DOMAIN}",
            is_active=True,
        ).values_list("username", flat=True)
    )
    if DEMO_USERNAME not in present:
        return []
    return [
        DemoSignIn(
            username=person.username,
            display_name=person.display_name,
            team=person.team,
            is_lead=person.role == Membership.Role.LEAD,
            is_admin=person.username == DEMO_USERNAME,
        )
        for person in PEOPLE
        if person.username in present
    ]


# The sign-in page's context while the demo may be loaded: `demo_people` is a callable, which
# the template calls once per page shown (so the list is never stale and costs one query).
SIGN_IN_CONTEXT = {"demo_people": demo_sign_ins, "demo_password": DEMO_PASSWORD}
