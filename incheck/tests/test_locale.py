"""Which language a page speaks, and how it writes numbers and dates (issue 3, item 5).

The profile's language wins; without one, the browser's (Accept-Language); else English.
Swedish pages write 1 234,5 (a no-break space groups thousands) and "fre 4 dec".
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from incheck.okrs.models import KeyResult
from incheck.testing.factories import CheckInFactory

pytestmark = pytest.mark.django_db

SWEDISH_BROWSER = "sv-SE,sv;q=0.9,en;q=0.5"
NBSP = "\u00a0"


def signed_in(user, language: str, browser: str | None = None) -> Client:
    user.profile.language = language
    user.profile.save()
    client = Client(headers={"accept-language": browser} if browser else {})
    client.force_login(user)
    return client


def page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("profile", "browser", "spoken"),
    [
        pytest.param("sv", "en", "sv", id="a Swedish profile beats an English browser"),
        pytest.param("", SWEDISH_BROWSER, "sv", id="no choice: a Swedish browser decides"),
        pytest.param("", None, "en", id="no choice and no header: English"),
        pytest.param("en", SWEDISH_BROWSER, "en", id="an English profile beats a Swedish browser"),
    ],
)
def test_the_profile_language_wins_else_the_browser_decides(personas, profile, browser, spoken):
    response = signed_in(personas.alice, profile, browser).get("/")
    html = page(response)
    assert response.headers["Content-Language"] == spoken
    assert f'<html lang="{spoken}">' in html
    assert (">Inkorg<" if spoken == "sv" else ">Inbox<") in html


def test_the_profile_language_holds_on_every_later_request(personas):
    client = signed_in(personas.alice, "sv", "en")
    client.get("/")
    assert ">Team<" in page(client.get("/teams/"))
    assert client.get("/insights/").headers["Content-Language"] == "sv"


def test_choosing_the_browser_language_replaces_a_choice_the_session_still_holds(personas):
    # Swedish was chosen on this device, then "the browser's language" on another one.
    client = signed_in(personas.alice, "", "en")
    session = client.session
    session["incheck_language"] = "sv"
    session.save()
    assert client.get("/").headers["Content-Language"] == "en"
    assert client.get("/").headers["Content-Language"] == "en"


def test_the_sign_in_page_follows_the_browser():
    swedish = Client(headers={"accept-language": SWEDISH_BROWSER}).get("/accounts/login/")
    assert "Logga in" in page(swedish)
    assert "Användarnamn" in page(swedish)
    assert "Accept-Language" in swedish.headers["Vary"]
    assert "Sign in" in page(Client().get("/accounts/login/"))


def test_signing_in_with_a_swedish_profile_turns_an_english_browser_to_swedish(personas):
    personas.alice.profile.language = "sv"
    personas.alice.profile.save()
    client = Client(headers={"accept-language": "en"})
    response = client.post("/accounts/login/", {"username": "alice", "password": "pw"}, follow=True)
    assert ">Inkorg<" in page(response)
    assert "Logga ut" in page(response)


def _with_numbers_and_a_plan(kr: KeyResult) -> KeyResult:
    plan = CheckInFactory(
        key_result=kr,
        kind="next_up",
        value=None,
        text="Senast fredag ringer jag 20 kunder för att höra varför de slutade",
        due_on=dt.date(2026, 12, 4),
        expected_value=1500.25,
    )
    KeyResult.objects.filter(pk=kr.pk).update(
        start_value=0, current_value=1234.5, target_value=20000, open_next_up=plan
    )
    return kr


def test_a_swedish_page_writes_numbers_with_a_decimal_comma_and_grouped_thousands(personas):
    kr = _with_numbers_and_a_plan(personas.kr)
    swedish = page(signed_in(personas.alice, "sv").get(f"/key-results/{kr.pk}/"))
    assert f"1{NBSP}234,5" in swedish
    assert f"20{NBSP}000" in swedish
    assert f"1{NBSP}500,25" in swedish
    english = page(signed_in(personas.alice, "en").get(f"/key-results/{kr.pk}/"))
    assert "1,234.5" in english
    assert "1,234,5" not in english and "1234,5" not in swedish


def test_a_swedish_page_writes_dates_with_swedish_day_and_month_names(personas):
    kr = _with_numbers_and_a_plan(personas.kr)
    swedish = page(signed_in(personas.alice, "sv").get(f"/key-results/{kr.pk}/"))
    assert "senast fre 4 dec" in swedish
    assert "tis 24 nov 2026" in swedish  # the timeline
    assert "Dec" not in swedish.replace("December", "")
    english = page(signed_in(personas.alice, "en").get(f"/key-results/{kr.pk}/"))
    assert "by Fri 4 Dec" in english
    inbox = page(signed_in(personas.alice, "sv").get("/"))
    assert "1 okt – 31 dec 2026" in inbox


def test_a_swedish_chart_names_the_months_in_swedish(personas):
    swedish = page(signed_in(personas.alice, "sv").get(f"/key-results/{personas.kr.pk}/"))
    chart = swedish.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert ">okt</text>" in chart and ">nov</text>" in chart
    assert "Framsteg och förtroende under perioden" in chart


def test_a_swedish_check_in_takes_a_number_as_swedes_type_it(personas):
    client = signed_in(personas.alice, "sv")
    response = client.post(
        f"/key-results/{personas.kr.pk}/check-ins/",
        {
            "progress_value": "1 234,5",
            "progress_text": "Två webbinarier gav 14 nya leads.",
            "no_next_up": "on",
        },
    )
    assert response.status_code == 302
    personas.kr.refresh_from_db()
    assert personas.kr.current_value == 1234.5


def test_form_errors_come_in_swedish(personas):
    client = signed_in(personas.alice, "sv")
    html = page(
        client.post(
            f"/key-results/{personas.kr.pk}/check-ins/",
            {"progress_value": "mycket", "progress_text": "Bättre än väntat."},
        )
    )
    assert "Ange ett tal." in html
    assert "Några fält behöver ses över." in html
    assert "Enter a number." not in html


def test_the_edit_form_shows_a_decimal_comma_to_a_swedish_reader(personas):
    KeyResult.objects.filter(pk=personas.kr.pk).update(start_value=0.5, target_value=2.75)
    html = page(signed_in(personas.lena, "sv").get(f"/key-results/{personas.kr.pk}/edit/"))
    assert 'value="0,5"' in html
    assert 'value="2,75"' in html
    english = page(signed_in(personas.lena, "en").get(f"/key-results/{personas.kr.pk}/edit/"))
    assert 'value="0.5"' in english


def _coach(client: Client, text: str) -> str:
    response = client.post(
        "/coach/", {"kind": "next_up", "next_up_text": text}, headers={"HX-Request": "true"}
    )
    return page(response)


def test_coaching_hints_speak_the_page_language_whatever_the_text_is_written_in(personas):
    swedish = _coach(signed_in(personas.alice, "sv"), "Have a meeting with Laura about channels")
    assert 'data-code="no_deadline"' in swedish
    assert "Lägg till en tidpunkt" in swedish
    english = _coach(signed_in(personas.bob, "en"), "Ha ett möte med Laura om kanaler")
    assert 'data-code="no_deadline"' in english
    assert "Add a time anchor" in english
    nod = _coach(
        signed_in(personas.lena, "sv"), "Senast fredag ringer jag 20 kunder för att förstå varför"
    )
    assert "en coach skulle nicka gillande" in nod


def test_the_server_error_page_speaks_swedish(personas, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("incheck.okrs.views.inbox.inbox_for_user", broken)
    client = signed_in(personas.alice, "sv")
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "Något gick fel hos oss" in html
    assert "Tillbaka till inkorgen" in html
