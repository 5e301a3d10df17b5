"""The words for the people-management codes, in the reader's language."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from incheck.domain.people import PERSON_NAME_LIMIT, TEAM_NAME_LIMIT
from incheck.okrs.messages import message as okrs_message

LIMITS = {"team_name_too_long": TEAM_NAME_LIMIT, "person_name_too_long": PERSON_NAME_LIMIT}

MESSAGES: dict[str, Promise] = {
    # Single sign-on refusals (shown on the sign-in page).
    "sso_failed": _("Single sign-on did not complete. Try again."),
    "sso_state": _("That sign-in link was not started here or has expired. Try again."),
    "sso_unreachable": _("The sign-in service did not answer. Try again in a moment."),
    "email_unverified": _(
        "Your sign-in service has not verified your e-mail address, so we cannot tell who you "
        "are here. Verify it there, then try again."
    ),
    "not_invited": _("You have not been invited yet. Ask an administrator for an invitation."),
    "deactivated": _("Your account has been deactivated. Ask an administrator."),
    "ambiguous_email": _(
        "More than one person here has your e-mail address. Ask an administrator."
    ),
    "sso_off": _("Single sign-on is not configured."),
    "password_sign_in_off": _("Sign in with your organisation's single sign-on."),
    # People and teams.
    "email_invalid": _("Enter a valid e-mail address."),
    "email_taken": _("Someone here already has that e-mail address."),
    "person_name_too_long": _("Keep the name under %(limit)s characters."),
    "team_name_required": _("Give the team a name."),
    "team_name_too_long": _("Keep the name under %(limit)s characters."),
    "team_name_taken": _("There is already a team with that name."),
    "team_cycle": _("A team cannot sit under itself or under one of its own teams."),
    "team_archived": _("That team is archived."),
    "unknown_team": _("There is no team with that name."),
    "unknown_role": _("The role is member or lead."),
    "unknown_person": _("There is no one here with that e-mail address or user name."),
    "already_member": _("They are already in this team."),
    "not_member": _("They are not in this team."),
    "self_deactivation": _("You cannot deactivate yourself."),
    "last_admin": _("Someone must stay an administrator."),
    "same_person": _("Hand the key results to someone else."),
    "inactive_person": _("Choose someone whose account is active."),
    "already_active": _("They are already active."),
    "already_deactivated": _("They are already deactivated."),
    "invitation_invalid": _("This invitation link is not valid. Ask for a new one."),
    "invitation_expired": _("This invitation has expired. Ask an administrator for a new one."),
    "invitation_used": _("This invitation has been used already. Sign in instead."),
    "already_signed_in": _("They have signed in already: they need no invitation."),
    # The CSV import, by line and column.
    "roster_empty": _("The file is empty."),
    "roster_unreadable": _("This is not CSV from this line on (a quote left open?)."),
    "roster_unknown_column": _("Unknown column: use name, email, team and role."),
    "roster_missing_column": _("The first line must name an email column."),
    "roster_too_long": _("The file is too long: import at most 5,000 lines at a time."),
    "roster_wrong_field_count": _("This line does not have as many fields as the first line."),
    "roster_email_required": _("Every line needs an e-mail address."),
    "roster_deactivated": _("This person is deactivated: reactivate them first."),
    "roster_duplicate_line": _("The same person and team are on an earlier line."),
    "roster_lead_without_team": _("A lead needs a team."),
}


def message(code: str) -> str:
    """The reader's-language text for a code (falling back to the OKR messages)."""
    text = MESSAGES.get(code)
    if text is None:
        return okrs_message(code)
    limit = LIMITS.get(code)
    return str(text) % {"limit": limit} if limit is not None else str(text)


def messages_for(problems: dict[str, str]) -> dict[str, str]:
    """`{field: code}` → `{field: text}`."""
    return {field: message(code) for field, code in problems.items()}
