"""The coach reading Swedish check-ins: each row is (kind, text, the hints a coach would give).

The first rows are the source article's own examples; the rest are written the way Swedish
teams write check-ins, with compounds, å/ä/ö and the odd English loanword.
"""

from __future__ import annotations

import pytest

from incheck.domain.coaching import detect_language, review


def rows(*table: tuple[str, str, set[str], str]) -> list:
    """(kind, text, expected codes, id) rows as pytest params, the id saying why."""
    return [pytest.param(kind, text, expected, id=why) for kind, text, expected, why in table]


def codes(kind: str, text: str) -> set[str]:
    return {hint.code for hint in review(kind, text, lang="sv").hints}


ARTICLE = rows(
    (
        "next_up",
        "ha ett möte med Laura om nya marknadsföringskanaler",
        {"no_deadline", "no_how"},
        "artikeln-ett-möte-med-laura-är-en-aktivitet",
    ),
    (
        "next_up",
        "undersöka och komma fram till våra 3 mest effektiva alternativ för att utveckla nya "
        "marknadsföringskanaler och sedan presentera dem för Laura för att nå ett beslut om "
        "vilket vi ska gå för",
        {"no_deadline"},
        "artikeln-tre-alternativ-och-sedan-beslut-är-explicit",
    ),
    (
        "next_up",
        "Senast nästa fredag ska jag undersöka och komma fram till våra 3 mest effektiva "
        "alternativ och sedan presentera dem för Laura för att nå ett beslut",
        set(),
        "artikeln-senast-nästa-fredag-ska-jag",
    ),
    (
        "context",
        "Ja, jag var tvungen att komma på något",
        {"no_baseline", "no_tactic", "no_why"},
        "artikeln-jag-var-tvungen-att-komma-på-något",
    ),
)

TIME_ANCHORS = rows(
    ("next_up", "Ringa 20 kunder från churnlistan senast fredag", set(), "senast-fredag"),
    ("next_up", "Ringa 20 kunder från churnlistan", {"no_deadline"}, "inget-datum"),
    (
        "next_up",
        "Öka antalet prenumeranter genom att erbjuda ett webbinar",
        {"no_deadline"},
        "genom-att-är-en-metod-inte-en-tidpunkt",
    ),
    ("next_up", "Skicka offerten till Acme snart", {"no_deadline"}, "snart-är-vagt"),
    (
        "next_up",
        "Skriva kundcaset och skicka det till Maria för granskning senast 2026-12-04",
        set(),
        "iso-datum-och-två-steg",
    ),
    (
        "next_up",
        "Intervjua fem kunder innan styrelsemötet den 12:e",
        set(),
        "innan-styrelsemötet-den-12e",
    ),
    (
        "next_up",
        "Publicera två blogginlägg om prissättning till veckans slut",
        set(),
        "till-veckans-slut",
    ),
    ("next_up", "Boka demo med 10 leads från webbinariet v. 49", set(), "v-punkt-49"),
    (
        "next_up",
        "Om tre dagar: kör A/B-testet på registreringssidan med 2 rubriker så att vi kan välja",
        set(),
        "om-tre-dagar-är-tid-2-rubriker-är-antal",
    ),
    ("next_up", "Imorgon: skicka inbjudan till 30 kunder", set(), "imorgon-och-antal"),
    (
        "next_up",
        "Ta fram tre alternativ för nya kanaler senast 4 december",
        set(),
        "senast-4-december",
    ),
    (
        "next_up",
        "Senast fredag ska jag mejla alla 40 deltagare från mässan",
        set(),
        "senast-fredag-ska-jag",
    ),
    ("next_up", "Ringa 15 kunder EOW", set(), "engelskt-lånord-eow-räknas"),
    (
        "next_up",
        "Sammanställa de 5 vanligaste invändningarna så fort som möjligt",
        {"no_deadline"},
        "så-fort-som-möjligt-är-vagt",
    ),
)

ACTIVITIES = rows(
    ("next_up", "Stämma av med Laura på måndag", {"no_how"}, "stämma-av"),
    ("next_up", "Jobba med landningssidan nästa vecka", {"no_how"}, "jobba-med"),
    ("next_up", "Titta på nya kanaler", {"no_deadline", "no_how"}, "titta-på"),
    ("next_up", "Fortsätta med kampanjen", {"no_deadline", "no_how"}, "fortsätta-med"),
    (
        "next_up",
        "Följa upp leadsen så snart som möjligt",
        {"no_deadline", "no_how"},
        "följa-upp-snarast",
    ),
    ("next_up", "Klart deck 4 dec", {"no_how"}, "för-kort-för-att-säga-hur"),
    ("next_up", "Prata med säljteamet i morgon", {"no_how"}, "prata-med-i-morgon"),
    (
        "next_up",
        "Diskutera budgeten för Q1 med Anna inom två veckor",
        {"no_how"},
        "diskutera-inom-två-veckor",
    ),
    ("next_up", "Fokusera på outbound i veckan", {"no_how"}, "fokusera-på"),
    ("next_up", "Köra på", {"no_deadline", "no_how"}, "köra-på"),
    (
        "next_up",
        "Träffa byrån vecka 49 för att komma överens om kampanjbriefen",
        set(),
        "möte-med-syfte-är-en-plan",
    ),
    ("next_up", "Förbereda presentationen senare", {"no_deadline", "no_how"}, "kort-och-vag-tid"),
    ("next_up", "Ha en 1:1 med Sam på måndag", {"no_how"}, "en-1-1-är-inget-antal"),
    (
        "next_up",
        "Ringa de tre största kunderna på måndag för att bekräfta förnyelsen",
        set(),
        "antal-och-syfte",
    ),
    ("next_up", "Kolla på statistiken innan jul", {"no_how"}, "kolla-på-innan-jul"),
    ("next_up", "Se över prissidan före månadsskiftet", {"no_how"}, "se-över-månadsskiftet"),
    (
        "next_up",
        "Arbeta vidare med partnerprogrammet",
        {"no_deadline", "no_how"},
        "arbeta-vidare-med",
    ),
    ("next_up", "Synka med marknad om kampanjen v49", {"no_how"}, "synka-v49"),
    (
        "next_up",
        "Gå igenom siffrorna med Per på fredag",
        {"no_how"},
        "gå-igenom-är-ett-möte-och-per-är-ett-namn",
    ),
    (
        "next_up",
        "Förbättra konverteringen på prissidan",
        {"no_deadline", "no_how"},
        "att-förbättra-upprepar-målet-men-är-ingen-plan",
    ),
    (
        "next_up",
        "Lansera kampanjen och mäta klick i två veckor",
        {"no_deadline"},
        "i-två-veckor-är-en-varaktighet-inte-en-tidpunkt",
    ),
)

CONTEXT = rows(
    (
        "context",
        "200 leads gör det möjligt att anställa en säljare till. Idag får vi 60 leads per "
        "kvartal, så vi ska tredubbla det via webbinarier och LinkedIn-annonser.",
        set(),
        "varför-utgångsläge-och-taktik",
    ),
    (
        "context",
        "Vi behöver 200 nya leads i kvartalet.",
        {"no_baseline", "no_tactic", "no_why"},
        "bara-ett-mål",
    ),
    (
        "context",
        "Det här är viktigt eftersom sälj bara kan anställa om pipen är full.",
        {"no_baseline", "no_tactic"},
        "bara-varför",
    ),
    (
        "context",
        "Just nu stänger vi 12 affärer i månaden; vi ska nå 20 genom rekommendationer",
        {"no_why"},
        "utgångsläge-och-taktik-men-inget-varför",
    ),
    (
        "context",
        "Churn ligger på 4 % idag. Att sänka den är avgörande eftersom förnyelserna finansierar"
        " teamet.",
        {"no_tactic"},
        "ingen-taktik",
    ),
    (
        "context",
        "Förra kvartalet fick vi 45 leads. Målet är 200 så att vi kan motivera en säljare till,"
        " främst via e-postmarknadsföring och Google Ads.",
        set(),
        "förra-kvartalet-som-utgångsläge",
    ),
    (
        "context",
        "Dubbla antalet registreringar för att kunna lansera premiumnivån; vi satsar på "
        "innehåll och SEO.",
        {"no_baseline"},
        "inget-utgångsläge",
    ),
    (
        "context",
        "Målet är 200 leads, vilket gör att vi kan anställa. Vi har 60 i dag och satsar på "
        "webbinarier.",
        set(),
        "gör-att-är-ett-varför-vi-har-60-i-dag-ett-utgångsläge",
    ),
    (
        "context",
        "Vi ska nå 200 leads i år genom webbinarier, eftersom sälj behöver fler möten.",
        {"no_baseline"},
        "målet-är-inget-utgångsläge",
    ),
)

PROGRESS = rows(
    ("progress", "34/200", {"no_comment"}, "bara-en-siffra"),
    ("progress", "Uppdaterat", {"no_comment"}, "uppdaterat"),
    ("progress", "Klart, enligt plan", {"no_comment"}, "klart-enligt-plan"),
    (
        "progress",
        "Ingen förändring sedan förra veckan, fortfarande på spår",
        {"no_comment"},
        "bara-utfyllnadsord",
    ),
    (
        "progress",
        "Gick från 20 till 34 leads; webbinariet gav de flesta och förtroendet har ökat.",
        set(),
        "vad-som-hänt-och-förtroende",
    ),
    (
        "progress",
        "Två partner skrev på efter prissamtalet, men långsammare än vi hoppats.",
        set(),
        "vad-som-hänt",
    ),
)

CONFIDENCE = rows(
    ("confidence", "7/10", {"no_mitigation", "no_obstacle"}, "bara-en-nivå"),
    ("confidence", "8, känns bra", {"no_mitigation", "no_obstacle"}, "bara-en-känsla"),
    (
        "confidence",
        "6/10: vi är beroende av att nya webben går live, men jag ska driva på för en mjuk "
        "lansering så att vi kan testa tidigare.",
        set(),
        "beroende-och-åtgärd",
    ),
    (
        "confidence",
        "5/10, risken är att juristgranskningen drar ut på tiden.",
        {"no_mitigation"},
        "risk-utan-åtgärd",
    ),
    (
        "confidence",
        "Förtroendet upp till 8; vi ska boka lokalen i veckan för att låsa datumet.",
        {"no_obstacle"},
        "åtgärd-utan-hinder",
    ),
    (
        "confidence",
        "7 – huvudrisken är byråns kapacitet; för att minska den har jag bokat dem hela november.",
        set(),
        "sammansatt-huvudrisken-räknas",
    ),
)

BLOCKER = rows(
    ("blocker", "Juristen har inte godkänt de nya villkoren.", {"no_way_around"}, "bara-problemet"),
    (
        "blocker",
        "Väntar på IT för CRM-behörighet; under tiden loggar jag leads i ett kalkylark.",
        set(),
        "under-tiden",
    ),
    (
        "blocker",
        "Designern är sjuk, så vi ber byrån ta landningssidan istället.",
        set(),
        "istället",
    ),
    ("blocker", "Budgeten frusen till januari", {"no_way_around"}, "frusen"),
    (
        "blocker",
        "Vi kan inte skicka mejl innan domänen är verifierad",
        {"no_way_around"},
        "vi-kan-inte-är-ingen-väg-runt",
    ),
    (
        "blocker",
        "Ingen åtkomst till analyskontot. Har bett Jonas lägga till mig.",
        set(),
        "har-bett-någon-om-hjälp",
    ),
)

OUTCOME = rows(
    ("outcome", "Nådde 180 av 200.", {"no_reflection"}, "bara-siffran"),
    ("outcome", "Slutvärde: 150 leads, 0,7", {"no_reflection"}, "bara-poängen"),
    (
        "outcome",
        "Landade på 180/200. Webbinarier fungerade bättre än annonser; nästa gång börjar vi med"
        " dem vecka ett.",
        set(),
        "vad-som-fungerade-och-nästa-gång",
    ),
    (
        "outcome",
        "Vi nådde 210 eftersom partnerkanalen tog fart – taktiken var rätt.",
        set(),
        "eftersom-och-taktik",
    ),
)

ALL_ROWS = ARTICLE + TIME_ANCHORS + ACTIVITIES + CONTEXT + PROGRESS + CONFIDENCE + BLOCKER + OUTCOME


@pytest.mark.parametrize(("kind", "text", "expected"), ARTICLE)
def test_the_articles_examples_are_judged_as_the_article_does(kind, text, expected):
    assert codes(kind, text) == expected


@pytest.mark.parametrize(("kind", "text", "expected"), TIME_ANCHORS)
def test_a_next_up_needs_a_real_time_anchor_not_snart_or_genom_att(kind, text, expected):
    assert codes(kind, text) == expected


@pytest.mark.parametrize(("kind", "text", "expected"), ACTIVITIES)
def test_a_meeting_or_vague_effort_without_how_is_an_activity_not_a_plan(kind, text, expected):
    assert codes(kind, text) == expected


@pytest.mark.parametrize(("kind", "text", "expected"), CONTEXT)
def test_a_context_says_why_where_we_are_today_and_the_tactic(kind, text, expected):
    assert codes(kind, text) == expected


@pytest.mark.parametrize(("kind", "text", "expected"), PROGRESS)
def test_progress_needs_a_comment_not_only_a_number(kind, text, expected):
    assert codes(kind, text) == expected


@pytest.mark.parametrize(("kind", "text", "expected"), CONFIDENCE)
def test_confidence_names_what_stands_in_the_way_and_how_to_lower_the_risk(kind, text, expected):
    assert codes(kind, text) == expected


@pytest.mark.parametrize(("kind", "text", "expected"), BLOCKER)
def test_a_blocker_comes_with_a_way_around_it(kind, text, expected):
    assert codes(kind, text) == expected


@pytest.mark.parametrize(("kind", "text", "expected"), OUTCOME)
def test_an_outcome_reflects_on_the_tactic(kind, text, expected):
    assert codes(kind, text) == expected


# Very short texts ("34/200", "Köra på") carry too few words to tell the language by.
LONG_ROWS = [row for row in ALL_ROWS if len(str(row.values[1]).split()) >= 5]


@pytest.mark.parametrize(("kind", "text", "expected"), LONG_ROWS)
def test_swedish_check_ins_are_detected_as_swedish_and_read_alike(kind, text, expected):
    result = review(kind, text)
    assert result.lang == "sv"
    assert {hint.code for hint in result.hints} == expected


def test_there_are_enough_swedish_examples_to_mean_something():
    assert len(ALL_ROWS) - 2 >= 45  # beyond the article's two Next Up examples


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
