"""The CSV import page (admins): paste or upload, see the dry run line by line, confirm."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from incheck.okrs.views.common import domain_errors, signed_in
from incheck.people.forms import RosterForm
from incheck.people.messages import message
from incheck.people.services.common import admin_actor
from incheck.people.services.roster import MAX_CHARACTERS, roster_dry_run, roster_import


def _text(form: RosterForm) -> str:
    upload = form.cleaned_data.get("file")
    if upload is not None:
        raw = upload.read(MAX_CHARACTERS * 4 + 1)
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
    return str(form.cleaned_data.get("text") or "")


@require_http_methods(["GET", "HEAD", "POST"])
@domain_errors
def roster(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    admin_actor(user)
    form = RosterForm(request.POST or None, request.FILES or None)
    result, text = None, ""
    if request.method == "POST" and form.is_valid():
        text = _text(form)
        if form.cleaned_data["confirm"]:
            result = roster_import(
                actor=user, text=text, send_invitations=form.cleaned_data["send_invitations"]
            )
            if result.applied:
                counts = result.counts
                messages.success(
                    request,
                    _(
                        "Imported: %(people)s new people, %(teams)s new teams, "
                        "%(joined)s memberships, %(roles)s role changes."
                    )
                    % {
                        "people": counts["create_person"],
                        "teams": counts["create_team"],
                        "joined": counts["join_team"],
                        "roles": counts["change_role"],
                    },
                )
                return HttpResponseRedirect(reverse("roster"))
        else:
            result = roster_dry_run(actor=user, text=text)
    problems = [
        {"line": p.line, "column": p.column, "text": message(p.code)}
        for p in (result.problems if result else [])
    ]
    context = {"form": form, "result": result, "text": text, "problems": problems}
    status_code = 422 if problems else 200
    return render(request, "people/roster.html", context, status=status_code)
