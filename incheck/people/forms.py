"""The people pages' forms: parsing only; the services judge."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from incheck.form_errors import ServiceErrors

ROLE_CHOICES = [("member", _("member")), ("lead", _("lead"))]


class InviteForm(ServiceErrors, forms.Form):
    email = forms.CharField(label=_("E-mail"), max_length=254)
    name = forms.CharField(label=_("Name"), required=False, max_length=500)
    team = forms.CharField(
        label=_("Team"),
        required=False,
        max_length=500,
        help_text=_("Optional: the name of the team they join."),
    )
    role = forms.ChoiceField(label=_("Role in the team"), choices=ROLE_CHOICES, initial="member")


class PersonActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            (name, name)
            for name in (
                "deactivate",
                "reactivate",
                "grant_admin",
                "revoke_admin",
                "reinvite",
                "hand_over",
            )
        ]
    )
    to = forms.CharField(
        label=_("Hand them to (e-mail or user name)"), required=False, max_length=254
    )


class TeamForm(ServiceErrors, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=500)
    parent = forms.CharField(
        label=_("Part of (team name)"),
        required=False,
        max_length=500,
        help_text=_("Leave empty for a team at the top."),
    )


class MemberAddForm(ServiceErrors, forms.Form):
    person = forms.CharField(label=_("E-mail or user name"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, initial="member")


class MemberChangeForm(forms.Form):
    person_id = forms.IntegerField(min_value=1, max_value=2**62)
    action = forms.ChoiceField(
        choices=[("remove", "remove"), ("lead", "lead"), ("member", "member")]
    )


class RosterForm(forms.Form):
    text = forms.CharField(
        label=_("CSV text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        max_length=256 * 1024,
    )
    file = forms.FileField(label=_("…or a CSV file"), required=False)
    send_invitations = forms.BooleanField(
        label=_("E-mail an invitation to each new person"), required=False
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return cleaned
