"""One rule shows a service's refusal on every HTML form (`incheck.form_errors`)."""

from __future__ import annotations

from django import forms

from incheck.errors import Conflict, Forbidden, Invalid
from incheck.form_errors import ServiceErrors


class _Form(ServiceErrors, forms.Form):
    aliases = {"owner": "owned_by"}

    owned_by = forms.CharField(required=False)
    progress_value = forms.CharField(required=False)


def _bound() -> _Form:
    form = _Form({})
    assert form.is_valid()
    return form


def test_a_problem_lands_on_the_field_that_holds_it() -> None:
    form = _bound()
    status = form.refused(
        Invalid("Check the form.", fields={"progress.value": "A number.", "owner": "Pick one."})
    )
    assert status == 422
    assert form.errors == {"progress_value": ["A number."], "owned_by": ["Pick one."]}


def test_a_problem_without_a_visible_field_goes_above_the_form() -> None:
    form = _bound()
    form.refused(Invalid("Check the form.", fields={"confidence.level": "Pick a level."}))
    assert form.non_field_errors() == ["Pick a level."]


def test_a_refusal_without_fields_shows_its_detail_and_its_status() -> None:
    form = _bound()
    assert form.refused(Conflict("Someone closed it first.")) == 409
    assert form.non_field_errors() == ["Someone closed it first."]
    other = _bound()
    assert other.refused(Forbidden("Not yours.")) == 403
    assert other.non_field_errors() == ["Not yours."]
