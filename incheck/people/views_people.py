"""The people pages (admins): the searchable list with the invitation form, one person, the
CSV import and the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from incheck.accounts.models import Team
from incheck.domain.people import team_key
from incheck.errors import DomainError, Invalid, NotFound
from incheck.okrs.views.common import domain_errors, is_htmx, signed_in
from incheck.people.forms import InviteForm, PersonActionForm
from incheck.people.messages import message
from incheck.people.selectors import STATUSES, audit_page, people_page, person_detail
from incheck.people.services import people as people_services
from incheck.people.services.common import admin_actor
from incheck.people.services.invitations import invitation_link
from incheck.people.services.members import person_find


def team_id_by_name(name: str) -> int | None:
    """The active team with this name (as `team_key` folds it), for forms that name a team."""
    key = team_key(name)
    for pk, team_name in Team.objects.filter(archived_at__isnull=True).values_list("pk", "name"):
        if team_key(team_name) == key:
            return int(pk)
    return None


@require_http_methods(["GET", "HEAD", "POST"])
@domain_errors
def people_list(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    admin_actor(user)
    form = InviteForm(request.POST if request.method == "POST" else None)
    status_code = 200
    if request.method == "POST":
        status_code = 422
        if form.is_valid():
            data = form.cleaned_data
            team_id = team_id_by_name(data["team"]) if data["team"] else None
            try:
                if data["team"] and team_id is None:
                    raise Invalid(
                        message("invalid_input"),
                        code="invalid",
                        fields={"team": message("unknown_team")},
                    )
                person, raw = people_services.person_invite(
                    actor=user,
                    email=data["email"],
                    name=data["name"],
                    team_id=team_id,
                    role=data["role"],
                )
            except Invalid as error:
                form.refused(error)
            else:
                request.session["incheck_invitation_link"] = invitation_link(raw)
                messages.success(
                    request, _("Invitation sent to %(email)s.") % {"email": person.email}
                )
                return HttpResponseRedirect(reverse("person_detail", args=[person.pk]))
    query = request.GET.get("q", "")
    status = request.GET.get("status", "")
    status = status if status in STATUSES else ""
    page = people_page(query=query, status=status, number=request.GET.get("page", 1))
    context: dict[str, Any] = {"form": form, "page": page, "query": query, "status": status}
    template = "people/_people_results.html" if is_htmx(request) else "people/people.html"
    return render(request, template, context, status=status_code)


@require_http_methods(["GET", "HEAD", "POST"])
@domain_errors
def person_page(request: HttpRequest, person_id: int) -> HttpResponse:
    user = signed_in(request)
    admin_actor(user)
    form = PersonActionForm(request.POST if request.method == "POST" else None)
    error_text = ""
    if request.method == "POST" and form.is_valid():
        try:
            notice = _act(user, person_id, form.cleaned_data)
        except DomainError as error:
            error_text = " ".join([error.detail, *error.fields.values()])
        else:
            messages.success(request, notice)
            return HttpResponseRedirect(reverse("person_detail", args=[person_id]))
    detail = person_detail(person_id)
    if detail is None:
        raise NotFound(message("not_found"), code="not_found")
    context = {
        "detail": detail,
        "form": form,
        "error_text": error_text,
        "is_self": detail.person.pk == user.pk,
        # Shown once, right after the invitation: for when e-mail is not set up.
        "invitation_link": request.session.pop("incheck_invitation_link", ""),
    }
    return render(request, "people/person.html", context, status=422 if error_text else 200)


def _act(user: Any, person_id: int, data: dict[str, Any]) -> str:
    action = data["action"]
    if action == "deactivate":
        people_services.person_deactivate(actor=user, person_id=person_id)
        return _("Deactivated. They can no longer sign in, and their API tokens are revoked.")
    if action == "reactivate":
        people_services.person_reactivate(actor=user, person_id=person_id)
        return _("Reactivated. They can sign in again.")
    if action in {"grant_admin", "revoke_admin"}:
        people_services.person_set_admin(
            actor=user, person_id=person_id, is_admin=action == "grant_admin"
        )
        return _("Administrator rights changed.")
    if action == "reinvite":
        _person, _raw = people_services.person_reinvite(actor=user, person_id=person_id)
        return _("A new invitation is on its way; the old link no longer works.")
    receiver = person_find(data.get("to") or "")
    if receiver is None:
        raise Invalid(
            message("unknown_person"), code="invalid", fields={"to": message("unknown_person")}
        )
    moved = people_services.key_results_hand_over(
        actor=user, from_person_id=person_id, to_person_id=receiver.pk
    )
    return _("%(count)s key results handed over.") % {"count": moved}


@require_safe
@domain_errors
def audit_log(request: HttpRequest) -> HttpResponse:
    admin_actor(signed_in(request))
    query = request.GET.get("q", "")
    page = audit_page(query=query, number=request.GET.get("page", 1))
    context = {"page": page, "query": query}
    template = "people/_audit_results.html" if is_htmx(request) else "people/audit.html"
    return render(request, template, context)
