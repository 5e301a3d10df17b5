"""Team pages: the team structure (admins: create, rename, nest, archive) and a team's members
(its leads and admins: add, remove, choose leads)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from incheck.domain.permissions import may_manage_members
from incheck.errors import DomainError, Forbidden, Invalid
from incheck.okrs.services.access import actor_for
from incheck.okrs.views.common import domain_errors, is_htmx, signed_in
from incheck.people.forms import MemberAddForm, MemberChangeForm, TeamForm
from incheck.people.messages import message
from incheck.people.selectors import members_page, teams_page
from incheck.people.services import members as member_services
from incheck.people.services import teams as team_services
from incheck.people.services.common import admin_actor
from incheck.people.views_people import team_id_by_name


def _parent_id(form: TeamForm) -> int | None:
    name = form.cleaned_data.get("parent") or ""
    if not name:
        return None
    parent_id = team_id_by_name(name)
    if parent_id is None:
        raise Invalid(
            message("invalid_input"), code="invalid", fields={"parent": message("unknown_team")}
        )
    return parent_id


@require_http_methods(["GET", "HEAD", "POST"])
@domain_errors
def team_admin(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    admin_actor(user)
    form = TeamForm(request.POST if request.method == "POST" else None)
    status_code = 200
    if request.method == "POST":
        status_code = 422
        if form.is_valid():
            try:
                team = team_services.team_create(
                    actor=user, name=form.cleaned_data["name"], parent_id=_parent_id(form)
                )
            except Invalid as error:
                form.refused(error)
            else:
                messages.success(request, _("%(team)s is created.") % {"team": team.name})
                return HttpResponseRedirect(reverse("team_members", args=[team.pk]))
    query = request.GET.get("q", "")
    archived = request.GET.get("archived") == "1"
    page = teams_page(query=query, archived=archived, number=request.GET.get("page", 1))
    context: dict[str, Any] = {"form": form, "page": page, "query": query, "archived": archived}
    template = "people/_teams_results.html" if is_htmx(request) else "people/teams.html"
    return render(request, template, context, status=status_code)


@require_http_methods(["GET", "HEAD", "POST"])
@domain_errors
def team_members(request: HttpRequest, team_id: int) -> HttpResponse:
    user = signed_in(request)
    team = team_services.team_get(team_id)
    actor = actor_for(user)
    if not may_manage_members(actor, team_id=team.pk):
        raise Forbidden(message("forbidden"), code="forbidden")
    add_form = MemberAddForm(
        request.POST if request.method == "POST" and "person" in request.POST else None
    )
    team_form = TeamForm(
        request.POST if request.method == "POST" and "name" in request.POST else None,
        initial={"name": team.name, "parent": team.parent.name if team.parent else ""},
    )
    error_text, status_code = "", 200
    if request.method == "POST":
        status_code = 422
        try:
            notice = _members_post(request, user, team.pk, add_form, team_form)
        except Forbidden:
            raise
        except DomainError as error:
            if add_form.is_bound:
                add_form.refused(error)
            elif team_form.is_bound:
                team_form.refused(error)
            else:
                error_text = " ".join([error.detail, *error.fields.values()])
        else:
            if notice:
                messages.success(request, notice)
                return HttpResponseRedirect(reverse("team_members", args=[team.pk]))
    query = request.GET.get("q", "")
    page = members_page(team_id=team.pk, query=query, number=request.GET.get("page", 1))
    context = {
        "team": team,
        "page": page,
        "query": query,
        "add_form": add_form,
        "team_form": team_form,
        "error_text": error_text,
        "is_admin": actor.is_admin,
    }
    template = "people/_members_results.html" if is_htmx(request) else "people/members.html"
    return render(request, template, context, status=status_code)


def _members_post(
    request: HttpRequest, user: Any, team_id: int, add_form: MemberAddForm, team_form: TeamForm
) -> str:
    """One change from the members page; returns what to tell the person ("" for a form
    error already on the form)."""
    if add_form.is_bound:
        if not add_form.is_valid():
            return ""
        person = member_services.person_find(add_form.cleaned_data["person"])
        if person is None:
            raise Invalid(
                message("invalid_input"),
                code="invalid",
                fields={"person": message("unknown_person")},
            )
        member_services.membership_add(
            actor=user, team_id=team_id, person_id=person.pk, role=add_form.cleaned_data["role"]
        )
        return _("Added to the team.")
    if team_form.is_bound:
        if not team_form.is_valid():
            return ""
        team_services.team_update(
            actor=user,
            team_id=team_id,
            name=team_form.cleaned_data["name"],
            parent_id=_parent_id(team_form),
        )
        return _("Team saved.")
    if "archive" in request.POST:
        archived = request.POST["archive"] == "1"
        team_services.team_update(actor=user, team_id=team_id, archived=archived)
        return _("Team archived.") if archived else _("Team restored.")
    change = MemberChangeForm(request.POST)
    if not change.is_valid():
        raise Invalid(message("invalid_input"), code="invalid")
    person_id, action = change.cleaned_data["person_id"], change.cleaned_data["action"]
    if action == "remove":
        member_services.membership_remove(actor=user, team_id=team_id, person_id=person_id)
        return _("Removed from the team.")
    member_services.membership_set_role(
        actor=user, team_id=team_id, person_id=person_id, role=action
    )
    return _("Role changed.")
