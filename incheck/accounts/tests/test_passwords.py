"""Passwords: change your own on the profile; reset a forgotten one through the e-mail's link."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.test import Client, override_settings

from incheck.accounts.models import Profile

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "lantern-orbit-57"


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def sign_in(username, password, address="192.0.2.1"):
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )
    return response


# Changing one's own password.


def test_the_profile_links_to_changing_the_password(personas):
    page = signed_in(personas.alice).get("/accounts/profile/").content.decode()
    assert 'href="/accounts/password/"' in page


def test_changing_the_password_needs_a_sign_in():
    response = Client().get("/accounts/password/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_person_changes_her_password_and_stays_signed_in(personas):
    client = signed_in(personas.alice)
    assert client.get("/accounts/password/").status_code == 200
    response = client.post(
        "/accounts/password/",
        {"old_password": "pw", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/accounts/profile/"
    assert "Your password is changed." in response.content.decode()
    assert client.get("/").status_code == 200  # the session survived the change
    personas.alice.refresh_from_db()
    assert personas.alice.check_password(NEW_PASSWORD)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"old_password": "wrong", "new_password1": NEW_PASSWORD}, "old_password"),
        ({"old_password": "pw", "new_password1": "12345678"}, "new_password2"),
        ({"old_password": "pw", "new_password1": "alice"}, "new_password2"),
    ],
)
def test_a_wrong_old_password_or_a_weak_new_one_is_a_form_error(personas, data, field):
    data.setdefault("new_password2", data["new_password1"])
    response = signed_in(personas.alice).post("/accounts/password/", data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    personas.alice.refresh_from_db()
    assert personas.alice.check_password("pw")


def test_the_change_page_is_swedish_for_a_swedish_reader(personas):
    Profile.objects.filter(user=personas.alice).update(language="sv")
    page = signed_in(personas.alice).get("/accounts/password/").content.decode()
    assert "Byt lösenord" in page
    assert "Gammalt lösenord" in page  # Django's own field labels, in Swedish


# Resetting a forgotten one by e-mail.


def link_in(message) -> str:
    found = re.search(r"https?://\S+/accounts/password/reset/\S+/\S+/", message.body)
    assert found, message.body
    return found.group(0)


@override_settings(INCHECK_BASE_URL="https://okr.example.org")
def test_the_whole_reset_flow_through_the_emails_link(personas):
    client = Client()
    login = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/password/reset/"' in login
    assert client.get("/accounts/password/reset/").status_code == 200

    sent = client.post("/accounts/password/reset/", {"email": "ALICE@example.org"})
    assert sent.status_code == 302
    assert sent["Location"] == "/accounts/password/reset/sent/"
    assert "Check your e-mail" in client.get(sent["Location"]).content.decode()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.org"]
    assert message.subject == "Choose a new Incheck password"
    assert "Your user name is alice." in message.body
    link = link_in(message)
    # The link starts with the configured address, never the request's Host.
    assert link.startswith("https://okr.example.org/accounts/password/reset/")

    form_page = client.get(urlparse(link).path, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302
    assert done["Location"] == "/accounts/password/reset/done/"
    assert "Your new password is set" in client.get(done["Location"]).content.decode()

    assert sign_in("alice", NEW_PASSWORD).status_code == 302
    assert sign_in("alice", "pw").status_code == 200  # the old password is gone

    # The link works once.
    again = client.get(urlparse(link).path, follow=True)
    assert again.context["validlink"] is False
    assert "This link no longer works" in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_email(personas):
    response = Client().post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_the_reset_email_is_in_the_persons_own_language(personas):
    Profile.objects.filter(user=personas.alice).update(language="sv")
    Client().post(
        "/accounts/password/reset/", {"email": "alice@example.org"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    message = mail.outbox[0]
    assert message.subject == "Välj ett nytt lösenord till Incheck"
    assert "Ditt användarnamn är alice." in message.body
    assert "Hej Alice" in message.body


def test_without_a_language_of_her_own_the_email_follows_the_browser(personas):
    Client().post(
        "/accounts/password/reset/", {"email": "bob@example.org"}, HTTP_ACCEPT_LANGUAGE="sv"
    )
    assert mail.outbox[0].subject == "Välj ett nytt lösenord till Incheck"


def test_the_reset_pages_are_swedish_for_a_swedish_browser():
    page = Client().get("/accounts/password/reset/", HTTP_ACCEPT_LANGUAGE="sv")
    assert "Återställ ditt lösenord" in page.content.decode()


def test_resetting_the_password_lifts_a_sign_in_lock_on_that_user_name(personas):
    for n in range(5):
        sign_in("alice", "wrong", f"198.51.100.{n}")
    assert sign_in("alice", "pw", "198.51.100.9").status_code == 429

    client = Client()
    client.post("/accounts/password/reset/", {"email": "alice@example.org"})
    set_password = client.get(urlparse(link_in(mail.outbox[0])).path, follow=True)
    client.post(
        set_password.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert sign_in("alice", NEW_PASSWORD, "198.51.100.9").status_code == 302
