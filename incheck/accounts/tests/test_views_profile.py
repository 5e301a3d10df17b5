"""The profile page: display name, language and time zone."""

from __future__ import annotations

import pytest
from django.test import Client

from incheck.accounts.models import Profile

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def data(**extra):
    return {
        "display_name": "Alice Andersson",
        "language": "sv",
        "time_zone": "Europe/Helsinki",
        **extra,
    }


def test_the_profile_needs_a_sign_in():
    response = Client().get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_person_changes_name_language_and_time_zone(personas):
    client = client_for(personas.alice)
    response = client.post("/accounts/profile/", data())
    assert response.status_code == 302
    profile = Profile.objects.get(user=personas.alice)
    assert (profile.display_name, profile.language, profile.time_zone) == (
        "Alice Andersson",
        "sv",
        "Europe/Helsinki",
    )
    # The language is also kept in the session, which is read before the user is known.
    assert client.session["incheck_language"] == "sv"


def test_the_chosen_language_is_used_on_the_next_page(personas):
    client = client_for(personas.alice)
    client.post("/accounts/profile/", data(language="sv"))
    response = client.get("/")
    assert response["Content-Language"] == "sv"
    assert client.get("/").wsgi_request.LANGUAGE_CODE == "sv"


def test_the_browser_language_is_a_choice_too(personas):
    client = client_for(personas.alice)
    client.post("/accounts/profile/", data(language="sv"))
    client.post("/accounts/profile/", data(language=""))
    assert Profile.objects.get(user=personas.alice).language == ""
    assert client.session["incheck_language"] == ""
    response = client.get("/", headers={"Accept-Language": "sv"})
    assert response["Content-Language"] == "sv"
    response = client.get("/", headers={"Accept-Language": "en"})
    assert response["Content-Language"] == "en"


@pytest.mark.parametrize(
    ("field", "value"),
    [("time_zone", "Mars/Olympus"), ("language", "de"), ("display_name", "x" * 121)],
)
def test_bad_input_is_a_form_error_and_changes_nothing(personas, field, value):
    response = client_for(personas.alice).post("/accounts/profile/", data(**{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error"' in html.split(f'name="{field}"', 1)[1]
    assert Profile.objects.get(user=personas.alice).display_name == "Alice"


def test_the_display_name_is_escaped(personas):
    client = client_for(personas.alice)
    client.post("/accounts/profile/", data(display_name="<img src=x onerror=alert(1)>"))
    html = client.get("/").content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_profile_page_has_a_place_for_api_tokens(personas):
    html = client_for(personas.alice).get("/accounts/profile/").content.decode()
    assert 'id="api-tokens"' in html


def test_e_mail_nudges_are_on_until_the_box_is_unticked(personas):
    # The choice moved to the nudges form on the same page (incheck.notify).
    client = client_for(personas.alice)
    html = client.get("/accounts/profile/").content.decode()
    box = html.split('name="wants_reminders"', 1)[1].split(">", 1)[0]
    assert "checked" in box
    assert "E-mail me nudges" in html

    # An unticked box is absent from the form: that is the "no".
    assert client.post("/accounts/profile/nudges/", {"nudge_hour": "9"}).status_code == 302
    assert Profile.objects.get(user=personas.alice).wants_reminders is False
    html = client.get("/accounts/profile/").content.decode()
    assert "checked" not in html.split('name="wants_reminders"', 1)[1].split(">", 1)[0]

    nudges = {"nudge_hour": "9", "wants_reminders": "on"}
    assert client.post("/accounts/profile/nudges/", nudges).status_code == 302
    assert Profile.objects.get(user=personas.alice).wants_reminders is True
    # Saving the rest of the profile leaves the choice alone.
    assert client.post("/accounts/profile/", data()).status_code == 302
    assert Profile.objects.get(user=personas.alice).wants_reminders is True


def test_a_profile_update_without_the_reminder_choice_leaves_it_alone(personas):
    from incheck.accounts.services import profile_update

    Profile.objects.filter(user=personas.alice).update(wants_reminders=False)
    profile_update(user=personas.alice, display_name="A", language="", time_zone="UTC")
    assert Profile.objects.get(user=personas.alice).wants_reminders is False
    profile_update(
        user=personas.alice, display_name="A", language="", time_zone="UTC", wants_reminders=True
    )
    assert Profile.objects.get(user=personas.alice).wants_reminders is True


def test_the_time_zone_choice_suggests_likely_zones_first_and_offers_no_old_aliases(personas):
    client = client_for(personas.alice)
    html = client.get("/accounts/profile/", headers={"Accept-Language": "en-US"}).content.decode()
    select = html.split('name="time_zone"', 1)[1].split("</select>", 1)[0]
    first_group = select.split("</optgroup>", 1)[0]
    assert 'optgroup label="Suggested"' in first_group
    # Alice's own zone (the factory's), then her browser's country's main zone.
    assert first_group.index('value="Europe/Stockholm"') < first_group.index("America/New_York")
    assert '<optgroup label="Europe">' in select
    for alias in ("W-SU", "Zulu", "ROC", "localtime", "US/Eastern"):
        assert f'value="{alias}"' not in select


def test_profile_saved_is_said_in_the_language_just_chosen(personas):
    client = client_for(personas.alice)
    response = client.post("/accounts/profile/", data(language="sv"), follow=True)
    assert "Profilen är sparad." in response.content.decode()
    response = client.post("/accounts/profile/", data(language="en"), follow=True)
    assert "Profile saved." in response.content.decode()
