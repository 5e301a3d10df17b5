"""The coaching contract (DESIGN.md §4) and the promises the package makes to its callers."""

from __future__ import annotations

import doctest
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import incheck.domain.coaching as coaching
from incheck.domain.coaching import (
    HINT_CODES,
    KINDS,
    LANGUAGES,
    Hint,
    Review,
    corpus,
    detect_language,
    language,
    lexicon,
    model,
    review,
    text,
)
from incheck.domain.coaching.messages import MESSAGES

# The table in DESIGN.md, copied by hand: a change to either must be a deliberate one.
CONTRACT = {
    "next_up": ("no_deadline", "no_how"),
    "context": ("no_why", "no_baseline", "no_tactic"),
    "confidence": ("no_obstacle", "no_mitigation"),
    "progress": ("no_comment",),
    "blocker": ("no_way_around",),
    "outcome": ("no_reflection",),
}


def test_hint_codes_are_exactly_the_contract_table():
    assert HINT_CODES == CONTRACT


def test_the_kinds_are_the_six_kinds_of_the_method():
    assert KINDS == ("context", "progress", "confidence", "next_up", "outcome", "blocker")
    assert set(KINDS) == set(HINT_CODES)


def test_as_dict_has_the_shape_the_cli_and_api_print():
    result = review("next_up", "Have a meeting with Laura about new channels", lang="en")
    assert result.as_dict() == {
        "kind": "next_up",
        "lang": "en",
        "ok": False,
        "hints": [
            {"code": "no_deadline", "message": MESSAGES[("en", "no_deadline")]},
            {"code": "no_how", "message": MESSAGES[("en", "no_how")]},
        ],
    }


def test_a_good_check_in_is_ok_with_an_empty_list_of_hints():
    result = review("next_up", "By Friday I will call 20 customers to find out why they churned")
    assert result == Review(kind="next_up", lang="en", ok=True, hints=())
    assert result.as_dict()["hints"] == []


def test_hints_come_in_the_order_of_the_contract_table():
    result = review("context", "")
    assert [hint.code for hint in result.hints] == list(CONTRACT["context"])


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("blank", ["", "   ", "?!", "\n\t"])
def test_an_empty_text_gets_all_of_its_kinds_hints(kind, blank):
    result = review(kind, blank)
    assert [hint.code for hint in result.hints] == list(CONTRACT[kind])
    assert result.ok is False


def test_an_unknown_kind_is_refused_and_the_allowed_kinds_are_named():
    with pytest.raises(ValueError, match="unknown kind 'insight'") as error:
        review("insight", "We learned a lot")
    assert all(kind in str(error.value) for kind in KINDS)


@pytest.mark.parametrize("lang", ["de", "", "english", "s"])
def test_an_unsupported_lang_is_refused_and_the_allowed_langs_are_named(lang):
    with pytest.raises(ValueError, match="unsupported lang") as error:
        review("progress", "Went from 20 to 34 after the webinar", lang=lang)
    assert "en, sv" in str(error.value)


@pytest.mark.parametrize(
    ("given_lang", "expected"), [("sv-SE", "sv"), ("EN_gb", "en"), ("SV", "sv")]
)
def test_region_variants_of_a_supported_language_are_accepted(given_lang, expected):
    assert review("progress", "34/200", lang=given_lang).lang == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Senast nästa fredag ska jag ringa tio kunder för att boka möten", "sv"),
        ("Vi har inte nått målet eftersom kampanjen blev försenad", "sv"),
        ("Det är svårt att få tag på rätt personer", "sv"),
        ("Möte med Åsa om prissättningen", "sv"),
        ("By next Friday I will call ten customers to book meetings", "en"),
        ("We did not reach the goal because the campaign was late", "en"),
        ("It is hard to get hold of the right people", "en"),
        ("Meeting with Anna about pricing", "en"),
    ],
)
def test_detect_language_tells_clear_english_from_clear_swedish(sentence, expected):
    assert detect_language(sentence) == expected


@pytest.mark.parametrize("unsure", ["", "   ", "34/200", "OK", "Laura", "2026-12-04"])
def test_detect_language_says_english_when_empty_or_unsure(unsure):
    assert detect_language(unsure) == "en"


def test_a_given_lang_decides_the_messages_but_not_the_judgement():
    plan = "Have a meeting with Laura about new channels"
    in_swedish = review("next_up", plan, lang="sv")
    in_english = review("next_up", plan, lang="en")
    assert in_swedish.lang == "sv"
    assert [h.code for h in in_swedish.hints] == [h.code for h in in_english.hints]
    assert [h.message for h in in_swedish.hints] == [
        MESSAGES[("sv", h.code)] for h in in_swedish.hints
    ]


def test_a_swedish_plan_under_an_english_profile_is_still_read_as_swedish():
    # Without reading the text in its own language, "senast fredag" would not be a deadline.
    result = review("next_up", "Ringa 20 kunder från mässan senast fredag", lang="en")
    assert result.lang == "en"
    assert result.ok


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("code", sorted({c for codes in CONTRACT.values() for c in codes}))
def test_every_code_has_a_short_message_in_every_language(lang, code):
    message = MESSAGES[(lang, code)]
    assert 20 <= len(message) <= 160


def test_english_and_swedish_messages_differ_and_none_is_left_over():
    codes = {c for cs in CONTRACT.values() for c in cs}
    assert set(MESSAGES) == {(lang, code) for lang in LANGUAGES for code in codes}
    assert all(MESSAGES[("en", code)] != MESSAGES[("sv", code)] for code in codes)


def test_a_hint_and_a_review_are_immutable_values():
    hint = Hint(code="no_how", message="Say how.")
    with pytest.raises(AttributeError):
        hint.code = "no_deadline"  # type: ignore[misc]
    assert hint == Hint(code="no_how", message="Say how.")


# Words the patterns care about, so generated texts reach the interesting branches.
_WORDS = (
    "by senast next nästa friday fredag 4 dec 2026-12-04 v49 w49 meeting möte with med "
    "laura 3 tre options alternativ so that för att and och then sedan because eftersom "
    "today idag we vi 60 leads risk om men i'll ska instead istället learned lärde 1:1 "
    "in inom two två weeks veckor the 12th den 12:e work on jobba . , ; ? å ä ö"
)
_VOCABULARY = st.sampled_from(_WORDS.split())
_TEXTS = st.one_of(st.text(), st.lists(_VOCABULARY, max_size=40).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(KINDS), body=_TEXTS, lang=st.sampled_from([None, *LANGUAGES]))
def test_review_never_raises_and_only_gives_its_kinds_codes(kind, body, lang):
    result = review(kind, body, lang)
    codes = [hint.code for hint in result.hints]
    assert set(codes) <= set(CONTRACT[kind])
    assert len(codes) == len(set(codes))
    assert result.ok is (not codes)
    assert result.lang in LANGUAGES
    assert review(kind, body, lang) == result


def test_a_review_takes_well_under_a_millisecond():
    plan = (
        "Senast nästa fredag ska jag undersöka och komma fram till våra 3 mest effektiva "
        "alternativ för att utveckla nya marknadsföringskanaler och sedan presentera dem för "
        "Laura för att nå ett beslut om vilket vi ska gå för, i stället för ett möte."
    )
    # CPU time of this thread: what a review costs, whatever else the machine is running
    # (bench.coaching reports the wall-clock median and 99th percentile).
    rounds = []
    for _ in range(3):
        start = time.thread_time()
        for kind in KINDS * 20:
            review(kind, plan, lang="en")
        rounds.append((time.thread_time() - start) / (len(KINDS) * 20))
    assert min(rounds) < 0.001


def test_a_huge_text_does_not_make_the_coach_hang():
    flood = "by the next meeting with laura 3 so that we 60 today. " * 2000
    start = time.thread_time()  # CPU time: a runaway pattern burns CPU, a busy machine doesn't
    for kind in KINDS:
        review(kind, flood)
    assert time.thread_time() - start < 5


def test_the_coaching_package_imports_nothing_from_django():
    probe = (
        "import sys, incheck.domain.coaching; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(
    "module", [coaching, corpus, language, lexicon, model, text], ids=lambda m: m.__name__
)
def test_the_docstring_examples_are_true(module):
    failed, attempted = doctest.testmod(module)
    assert attempted > 0
    assert failed == 0
