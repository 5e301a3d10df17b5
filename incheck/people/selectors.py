"""Reads for the people pages: every list pages (50 a page) and searches; each page reads in a
fixed number of queries whatever the organisation's size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from incheck.accounts.models import Membership, Team
from incheck.audit.models import AuditEvent
from incheck.okrs.models import KeyResult
from incheck.okrs.selectors.scopes import not_archived
from incheck.people.models import ExternalIdentity, Invitation

PAGE_SIZE = 50
SEARCH_LIMIT = 100
STATUSES = ("invited", "active", "deactivated")


def _page(queryset: QuerySet[Any], number: Any) -> Page:
    return Paginator(queryset, PAGE_SIZE).get_page(number)


def person_status(user: Any) -> str:
    """invited (never signed in, invited), active, or deactivated."""
    if not user.is_active:
        return "deactivated"
    if user.last_login is None and getattr(user, "was_invited", False):
        return "invited"
    return "active"


def _people() -> QuerySet[Any]:
    invited = Invitation.objects.filter(user=OuterRef("pk"))
    return get_user_model().objects.select_related("profile").annotate(was_invited=Exists(invited))


def people_list(*, query: str = "", status: str = "", by_name: bool = True) -> QuerySet[Any]:
    """People by name (else by user name: the API's cursor needs non-null sort keys), searched
    by name, user name or e-mail, filtered by status, with their teams prefetched (unevaluated:
    the caller pages it)."""
    people = _people()
    query = query.strip()[:SEARCH_LIMIT]
    if query:
        people = people.filter(
            Q(profile__display_name__icontains=query)
            | Q(username__icontains=query)
            | Q(email__icontains=query)
        )
    if status == "deactivated":
        people = people.filter(is_active=False)
    elif status == "invited":
        people = people.filter(is_active=True, last_login__isnull=True, was_invited=True)
    elif status == "active":
        people = people.filter(is_active=True).exclude(last_login__isnull=True, was_invited=True)
    people = people.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("team").order_by("team__name"),
        )
    )
    if by_name:
        return people.order_by("profile__display_name", "username", "pk")
    return people.order_by("username", "pk")


def people_page(*, query: str = "", status: str = "", number: Any = 1) -> Page:
    """A page of `people_list` (three queries: the count, the page, the memberships)."""
    return _page(people_list(query=query, status=status), number)


@dataclass(frozen=True)
class PersonDetail:
    person: Any
    status: str
    memberships: list[Membership]
    open_key_results: int
    invitation: Invitation | None
    uses_sso: bool


def person_detail(person_id: int) -> PersonDetail | None:
    """One person as an admin sees them (five queries)."""
    person = _people().filter(pk=person_id).first()
    if person is None:
        return None
    return PersonDetail(
        person=person,
        status=person_status(person),
        memberships=list(
            Membership.objects.filter(user=person).select_related("team").order_by("team__name")
        ),
        open_key_results=KeyResult.objects.filter(
            not_archived(), owner=person, objective__period__closed_at__isnull=True
        ).count(),
        invitation=Invitation.objects.filter(user=person).order_by("-created_at").first(),
        uses_sso=ExternalIdentity.objects.filter(user=person).exists(),
    )


def teams_page(*, query: str = "", archived: bool = False, number: Any = 1) -> Page:
    """Teams by name with their parent and member count (archived ones only when asked)."""
    teams = Team.objects.select_related("parent").annotate(member_count=Count("memberships"))
    teams = teams.filter(archived_at__isnull=not archived)
    query = query.strip()[:SEARCH_LIMIT]
    if query:
        teams = teams.filter(name__icontains=query)
    return _page(teams.order_by("name", "pk"), number)


def members_page(*, team_id: int, query: str = "", number: Any = 1) -> Page:
    """A team's members, leads first, then by name."""
    members = Membership.objects.filter(team_id=team_id).select_related("user__profile")
    query = query.strip()[:SEARCH_LIMIT]
    if query:
        members = members.filter(
            Q(user__profile__display_name__icontains=query)
            | Q(user__username__icontains=query)
            | Q(user__email__icontains=query)
        )
    return _page(members.order_by("role", "user__profile__display_name", "user__username"), number)


def audit_page(*, query: str = "", number: Any = 1) -> Page:
    """A page of the audit log (two queries)."""
    return _page(audit_list(query=query), number)


def audit_list(*, query: str = "") -> QuerySet[AuditEvent]:
    """The audit log, newest first, searched by who, what or whom (unevaluated)."""
    events = AuditEvent.objects.all()
    query = query.strip()[:SEARCH_LIMIT]
    if query:
        events = events.filter(
            Q(actor_name__icontains=query)
            | Q(target_name__icontains=query)
            | Q(action__icontains=query)
        )
    return events.order_by("-at", "-id")
