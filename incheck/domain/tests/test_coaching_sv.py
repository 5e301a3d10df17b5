"""The coach reading Swedish check-ins: the rules the issue names, one class at a time.

The labelled examples live in the corpus (incheck/domain/coaching/sv/corpus/, scored by
test_coaching_corpus.py); the tables that were here are its rows "sv-L…". These tests pin
the classes of text the rules must tell apart, so a change that breaks one says which.
"""

from __future__ import annotations

import pytest

from incheck.domain.coaching import detect_language, review


def codes(kind: str, text: str) -> set[str]:
    return {hint.code for hint in review(kind, text, lang="sv").hints}


def test_swedish_messages_are_given_for_swedish_text():
    result = review("next_up", "ha ett möte med Laura om nya marknadsföringskanaler")
    assert result.lang == "sv"
    assert "Skriv hur" in result.hints[1].message
    assert detect_language("Vi nådde 210 eftersom partnerkanalen tog fart") == "sv"


ANCHORS = [
    *("fredag", "senast fredag", "på måndag", "inom två veckor", "nästa vecka", "i morgon"),
    *("imorgon", "till veckans slut", "innan jul", "före månadsskiftet", "v. 49", "v49"),
    *("vecka 49", "2026-12-04", "4 dec", "4 december", "den 4/12", "den 12:e", "om en vecka"),
    *("innan styrelsemötet", "i slutet av månaden", "kl 14 i dag", "till helgen", "EOW"),
    *("inför ledningsgruppsmötet", "till nästa avstämning", "före midsommar"),
]
NOT_ANCHORS = ["genom att ringa dem", "snart", "senare", "så snart som möjligt", "framöver"]


@pytest.mark.parametrize("anchor", ANCHORS)
def test_dates_weekdays_and_relative_times_are_deadlines(anchor):
    assert codes("next_up", f"Ringa 20 kunder från mässan {anchor}") == set()


@pytest.mark.parametrize("vague", NOT_ANCHORS)
def test_vague_times_and_genom_att_are_not_deadlines(vague):
    assert codes("next_up", f"Ringa 20 kunder från mässan {vague}") == {"no_deadline"}


@pytest.mark.parametrize(
    "meeting",
    [
        "Möte med Laura v. 49 kl 14",
        "Stämma av med Anna den 4/12 kl. 14:00",
        "Prata med Bo om priser inom 2 veckor",
        "Diskutera budgeten med Eva 2026-12-04",
        "Ha ett möte med Laura den 12:e",
        "Ha en 1:1 med Sam nästa måndag",
    ],
)
def test_dates_week_numbers_and_times_are_not_the_quantity_that_makes_a_plan(meeting):
    assert codes("next_up", meeting) == {"no_how"}


@pytest.mark.parametrize(
    "plan",
    [
        "Ringa prospekt varje måndag förmiddag",
        "Gallra kandidater varje tisdag och torsdag",
        "Veckohuddle med teamet på måndagar",
        "Sedan i måndags har jag ringt 14 av 30 uppsagda kunder",
        "I fredags träffade vi inköparen och skickade 3 offerter",
        "Skickade de 4 offerterna igår",
    ],
)
def test_a_recurring_or_past_time_is_not_a_deadline(plan):
    assert "no_deadline" in codes("next_up", plan)


@pytest.mark.parametrize(
    "anchor", ["imorn", "EOD", "i veckan", "nästa sprint", "före Q4:s slut", "v.49", "tors"]
)
def test_abbreviations_and_week_or_quarter_anchors_are_deadlines(anchor):
    assert "no_deadline" not in codes(
        "next_up", f"Skicka de 3 påskrivna offerterna till Acme {anchor}"
    )


@pytest.mark.parametrize(
    "plan",
    [
        "Ringa några samtal till inkommande leads den här veckan",
        "Lägga ut några jobbannonser på LinkedIn i veckan",
        "Skriva ett par blogginlägg innan jul",
        "Boka flera demos från webbinarielistan till fredag",
        "Fixa inloggningsbuggen imorgon",
        "Göra klart jourhandboken till fredag",
    ],
)
def test_vague_amounts_and_a_bare_fix_are_not_explicit(plan):
    assert codes("next_up", plan) == {"no_how"}


@pytest.mark.parametrize(
    "meeting",
    [
        "Lunch med Mats från Acme på torsdag",
        "fika med nya SDR:erna imorgon",
        "Ta ett snack med teamledarna nästa vecka",
        "Ta en kaffe med nya supportkillen på tisdag",
        "Promenadmöte med Jonas imorgon",
        "Workshop med byrån på torsdag",
        "mote med Anna pa fredag om offerten",
    ],
)
def test_meetings_in_every_form_are_meetings(meeting):
    assert codes("next_up", meeting) == {"no_how"}


@pytest.mark.parametrize(
    "plan",
    [
        "Lunch med Mats från Acme på torsdag för att komma överens om förnyelsen",
        "Fika med handläggaren den 9:e för att ta reda på om vi passar utlysningen",
        "Pipelinegenomgång nästa tisdag så att vi kan bestämma vilka affärer som får rabatt",
    ],
)
def test_a_purpose_clause_makes_a_meeting_explicit(plan):
    assert codes("next_up", plan) == set()


@pytest.mark.parametrize(
    ("text", "has_why"),
    [
        ("Kunderna överger varukorgen när betalsteget fallerar.", True),
        ("Nattlarmen sliter ut de jourhavande.", True),
        ("20 % självbetjäning frigör två agenter till onboarding.", True),
        ("Superviktigt KR för teamet!!! 🚀", False),
        ("Leads är avgörande för tillväxten.", False),
        ("Från 8 till 12 affärer per månad via webbinarier.", False),
    ],
)
def test_a_why_is_a_problem_answered_or_what_it_enables_never_hype_or_numbers(text, has_why):
    assert ("no_why" not in codes("context", text)) is has_why
