"""The insight library: full-text search in English and Swedish, filters, and a bounded read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from incheck.errors import Invalid
from incheck.okrs.models import CheckIn
from incheck.okrs.selectors.insights import insight_list, matching_insights, search_terms
from incheck.okrs.services.signals import blocker_resolve
from incheck.testing.factories import (
    CheckInFactory,
    KeyResultFactory,
    ObjectiveFactory,
    PeriodFactory,
)

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 10, 5, 8, 0, tzinfo=dt.UTC)


def insight(kr, text, *, days=0, author=None, kind="insight", **fields):
    return CheckInFactory(
        key_result=kr,
        author=author or kr.owner,
        kind=kind,
        signal="insight",
        text=text,
        created_at=T0 + dt.timedelta(days=days),
        value=None,
        **fields,
    )


def texts(page):
    return [item.text for item in page.items]


@pytest.fixture
def library(personas):
    kr = personas.kr
    return {
        "webinars": insight(kr, "Two webinars brought 14 new leads; LinkedIn did nothing.", days=1),
        "calls": insight(kr, "Cold calls in the morning work better than after lunch.", days=2),
        "swedish": insight(kr, "Kunderna får svar snabbare när vi ringer på förmiddagen.", days=3),
        "swedish_caps": insight(kr, "ÖKAD närvaro när inbjudan går ut på tisdagar", days=4),
        "far": insight(kr, "Far bort med kampanjen, tog för lång tid", days=5),
    }


def test_search_terms_keep_letters_and_digits_only():
    assert search_terms('"Webinar*" AND ökad') == ["webinar", "and", "ökad"]
    assert search_terms("' OR 1=1 --") == ["or", "1"]
    assert search_terms('*"()') == []
    assert search_terms(None) == []


def test_an_english_word_finds_the_insights_that_hold_it(library):
    assert texts(insight_list(q="webinars")) == [library["webinars"].text]
    assert texts(insight_list(q="LUNCH")) == [library["calls"].text]


def test_a_word_also_finds_longer_words_that_start_with_it(library):
    assert texts(insight_list(q="webinar")) == [library["webinars"].text]
    assert texts(insight_list(q="förmid")) == [library["swedish"].text]


def test_a_word_finds_its_other_forms_in_english_and_swedish(personas, library):
    # The case: "webinar" found an insight and "webinars" did not, the other way round.
    single = insight(personas.kr, "One webinar with the partner filled the pipeline", days=6)
    both = {library["webinars"].text, single.text}
    assert set(texts(insight_list(q="webinars"))) == both
    assert set(texts(insight_list(q="webinar"))) == both
    # Swedish: "kunder" and "kund" find "Kunderna"; "kampanjer" finds "kampanjen".
    assert texts(insight_list(q="kunder")) == [library["swedish"].text]
    assert texts(insight_list(q="kund")) == [library["swedish"].text]
    assert texts(insight_list(q="kampanjer")) == [library["far"].text]
    # English: "leads" finds "lead", "brought" is not "bring" (irregular forms stay apart).
    lead = insight(personas.kr, "Every lead from the fair wanted a demo", days=7)
    assert lead.text in texts(insight_list(q="leads"))


def test_swedish_letters_are_letters_of_their_own(library):
    assert texts(insight_list(q="får")) == [library["swedish"].text]
    # "far" is another word than "får": å is not an a with a ring to a Swede.
    assert texts(insight_list(q="far")) == [library["far"].text]
    assert texts(insight_list(q="förmiddagen")) == [library["swedish"].text]


def test_case_does_not_matter_for_swedish_capitals(library):
    assert texts(insight_list(q="ökad")) == [library["swedish_caps"].text]
    assert texts(insight_list(q="Närvaro")) == [library["swedish_caps"].text]


def test_every_word_must_appear_in_any_order(library):
    assert texts(insight_list(q="linkedin webinars")) == [library["webinars"].text]
    assert texts(insight_list(q="webinars lunch")) == []


@pytest.mark.parametrize(
    "q",
    [
        '"',
        '""',
        "*",
        "AND",
        "OR",
        "NOT",
        "NEAR(",
        "webinars AND",
        "' OR 1=1",
        "'; DROP TABLE okrs_checkin; --",
        '"unterminated',
        "a:*",
        "!&|()<->",
        "%_\\",
        "-webinars",
        "text:webinars",
        "^webinars",
        "   ",
        "x" * 500,
        "ord " * 100,
    ],
)
def test_a_tricky_query_never_errors(library, q):
    page = insight_list(q=q)
    assert page.total == len(page.items) <= len(library)


def test_sql_typed_into_the_search_is_words_not_a_condition(library):
    assert insight_list(q="' OR 1=1").total == 0
    assert CheckIn.objects.count() == len(library)


def test_operators_are_searched_as_words(personas, library):
    both = insight(personas.kr, "Research AND development share a budget", days=9)
    assert texts(insight_list(q="AND")) == [both.text]


def test_a_query_of_signs_only_lists_everything(library):
    assert insight_list(q='*"').total == len(library)


def test_insights_come_newest_first_and_only_insights(personas, library):
    CheckInFactory(key_result=personas.kr, kind="progress", text="webinars again", value=70)
    CheckInFactory(key_result=personas.kr, kind="blocker", signal="blocker", text="no webinars")
    page = insight_list()
    assert [item.pk for item in page.items] == [
        library[name].pk for name in ("far", "swedish_caps", "swedish", "calls", "webinars")
    ]
    assert texts(insight_list(q="webinars")) == [library["webinars"].text]


def test_a_signal_on_another_kind_is_an_insight_too(personas):
    flagged = insight(personas.kr, "Pricing page visits double after a webinar", kind="progress")
    page = insight_list(q="pricing")
    assert [item.pk for item in page.items] == [flagged.pk]
    assert insight_list(kind="progress").total == 1
    assert insight_list(kind="insight").total == 0


def test_an_unknown_kind_is_a_field_error():
    with pytest.raises(Invalid) as caught:
        insight_list(kind="gossip")
    assert "kind" in caught.value.fields


def test_filters_by_team_period_and_author(personas):
    platform_kr = KeyResultFactory(
        objective=ObjectiveFactory(period=personas.period, team=personas.platform),
        owner=personas.charlie,
    )
    q3 = PeriodFactory(name="2026 Q3", start_on=dt.date(2026, 7, 1), end_on=dt.date(2026, 9, 30))
    old_kr = KeyResultFactory(
        objective=ObjectiveFactory(period=q3, team=personas.growth), owner=personas.alice
    )
    # Bob's personal objective: his KR counts as Growth's, the team he is in.
    personal_kr = KeyResultFactory(
        objective=ObjectiveFactory(period=personas.period, team=None, owner=personas.bob),
        owner=personas.bob,
    )
    growth_now = insight(personas.kr, "Growth insight now", days=1)
    by_lena = insight(personas.kr, "Lena's insight on Alice's KR", days=2, author=personas.lena)
    platform = insight(platform_kr, "Platform insight", days=3)
    growth_q3 = insight(old_kr, "Growth insight last quarter", days=-60)
    bobs = insight(personal_kr, "Bob's personal insight", days=4)

    def ids(**filters):
        return {item.pk for item in insight_list(**filters).items}

    assert ids(team_id=personas.growth.pk) == {growth_now.pk, by_lena.pk, growth_q3.pk, bobs.pk}
    assert ids(team_id=personas.platform.pk) == {platform.pk}
    assert ids(period_id=q3.pk) == {growth_q3.pk}
    assert ids(author_id=personas.lena.pk) == {by_lena.pk}
    assert ids(team_id=personas.growth.pk, period_id=personas.period.pk, q="insight") == {
        growth_now.pk,
        by_lena.pk,
        bobs.pk,
    }


def test_the_insight_from_a_resolved_blocker_links_back_to_it(personas):
    blocker = CheckInFactory(
        key_result=personas.kr, kind="blocker", signal="blocker", text="Legal blocks the mailing"
    )
    blocker_resolve(
        actor=personas.alice, blocker_id=blocker.pk, resolution="Ask for opt-in at webinars"
    )
    page = insight_list(q="opt-in")
    assert len(page.items) == 1
    assert page.items[0].resolves == blocker
    assert page.items[0].resolves.text == "Legal blocks the mailing"


def test_search_follows_edits_and_deletes(personas, library):
    CheckIn.objects.filter(pk=library["calls"].pk).update(text="Calls at nine: three meetings")
    assert insight_list(q="lunch").total == 0
    assert insight_list(q="nine").total == 1
    # A check-in that stops being an insight leaves the search, and one that becomes one joins.
    CheckIn.objects.filter(pk=library["calls"].pk).update(signal="")
    assert insight_list(q="nine").total == 0
    CheckIn.objects.filter(pk=library["calls"].pk).update(signal="insight")
    assert insight_list(q="nine").total == 1
    library["webinars"].delete()
    assert insight_list(q="webinars").total == 0
    assert insight_list().total == len(library) - 1


def test_pages_do_not_overlap(personas):
    made = [insight(personas.kr, f"Insight number {n}", days=n) for n in range(7)]
    first = insight_list(q="insight", limit=3)
    second = insight_list(q="insight", limit=3, offset=3)
    assert first.total == 7
    assert first.has_next and not first.has_previous and second.has_previous
    assert [item.pk for item in first.items + second.items] == [c.pk for c in made[::-1][:6]]


@pytest.mark.parametrize("size", [3, 30])
def test_a_page_of_insights_reads_in_three_queries(personas, django_assert_num_queries, size):
    other_kr = KeyResultFactory(
        objective=ObjectiveFactory(period=personas.period, team=None, owner=personas.bob),
        owner=personas.bob,
    )
    for n in range(size):
        insight(personas.kr if n % 2 else other_kr, f"Webinar lesson {n}", days=n)
    blocker = CheckInFactory(key_result=personas.kr, kind="blocker", signal="blocker", text="x")
    blocker_resolve(actor=personas.alice, blocker_id=blocker.pk, resolution="Webinar detour")
    for q in ("webinar", None):
        with django_assert_num_queries(3):
            page = insight_list(q=q, team_id=personas.growth.pk, period_id=personas.period.pk)
            for item in page.items:
                str(item.key_result.objective.period)
                str(item.key_result.objective.team)
                str(item.author.profile)
                str(item.resolves.text if item.resolves else "")
        assert page.total == size + 1
    with django_assert_num_queries(2):
        assert insight_list(q="nothing matches this").items == []


def test_a_search_that_matches_many_pages_newest_first_without_sorting_them_all(
    personas, django_assert_num_queries
):
    # Over COUNT_LIMIT matches: the page comes from the newest-first index (`page_ids`); the
    # same rows, order and filters as a search that matches few, ids written out of time order.
    kr, other = (
        personas.kr,
        KeyResultFactory(
            objective=ObjectiveFactory(period=personas.period, team=None, owner=personas.bob),
            owner=personas.bob,
        ),
    )
    days = [(n * 37) % 120 for n in range(120)]
    made = [
        insight(kr if n % 3 else other, f"Webinar lesson {n}", days=day, author=None)
        for n, day in enumerate(days)
    ]
    insight(kr, "Cold calls in the morning", days=200)
    newest = sorted(made, key=lambda row: (row.created_at, row.pk), reverse=True)
    with django_assert_num_queries(3):
        first = insight_list(q="webinar", limit=10)
    assert first.total_is_more
    assert [item.pk for item in first.items] == [row.pk for row in newest[:10]]
    second = insight_list(q="webinar", limit=10, offset=10)
    assert [item.pk for item in second.items] == [row.pk for row in newest[10:20]]
    mine = insight_list(q="webinar", limit=50, author_id=personas.alice.pk)
    assert [item.pk for item in mine.items] == [
        row.pk for row in newest if row.author_id == personas.alice.pk
    ][:50]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 table")
def test_the_search_triggers_survive_all_migrations():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {row[0] for row in cursor.fetchall()}
    assert {
        "okrs_checkin_fts_insert",
        "okrs_checkin_fts_delete",
        "okrs_checkin_fts_update_old",
        "okrs_checkin_fts_update_new",
    } <= triggers, "a migration rebuilt okrs_checkin: run 0002's SQLITE_TRIGGERS again"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN index")
def test_the_search_uses_the_gin_index(personas):
    # Enough insights that scanning them all costs more than the index; one rare word.
    CheckIn.objects.bulk_create(
        CheckIn(
            key_result=personas.kr,
            author=personas.alice,
            created_at=T0,
            kind="insight",
            signal="insight",
            text=f"Routine lesson number {n} about follow-up mails",
        )
        for n in range(3000)
    )
    insight(personas.kr, "A zeppelin over the trade fair drew a crowd")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE okrs_checkin")
    plan = matching_insights(search_terms("zeppelin")).explain()
    assert "okrs_checkin_insight_search" in plan


def test_the_library_page_marks_the_searched_words_and_escapes_the_text(client, personas):
    insight(personas.kr, "Webinars beat ads <img src=x onerror=alert(1)>", days=1)
    insight(personas.kr, "Cold calls in the morning", days=2)
    client.force_login(personas.bob)
    response = client.get("/insights/", {"q": "webinar ads"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<mark>Webinars</mark> beat <mark>ads</mark> &lt;img src=x onerror=alert(1)&gt;" in body
    assert "<img src=x" not in body
    assert "Cold calls" not in body


def test_the_library_page_links_a_resolved_blocker_insight_to_its_blocker(client, personas):
    blocker = CheckInFactory(
        key_result=personas.kr, kind="blocker", signal="blocker", text="Legal blocks the mailing"
    )
    blocker_resolve(actor=personas.alice, blocker_id=blocker.pk, resolution="Opt-in at webinars")
    client.force_login(personas.charlie)
    body = client.get("/insights/").content.decode()
    assert f"#blocker-{blocker.pk}" in body
    assert "Legal blocks the mailing" in body


def test_the_library_page_filters_by_person_and_kind(client, personas, library):
    by_lena = insight(personas.kr, "Lena saw a pattern", days=9, author=personas.lena)
    flagged = insight(personas.kr, "Progress with a lesson", days=10, kind="progress")
    client.force_login(personas.alice)
    body = client.get("/insights/", {"person": personas.lena.pk}).content.decode()
    assert by_lena.text in body and flagged.text not in body
    body = client.get("/insights/", {"kind": "progress"}).content.decode()
    assert flagged.text in body and by_lena.text not in body


@pytest.mark.parametrize(
    "params",
    [
        {"q": '"'},
        {"q": "' OR 1=1"},
        {"q": "x" * 201},
        {"team": "abc"},
        {"period": "-3"},
        {"person": "99999999999999999999999"},
        {"kind": "gossip"},
        {"page": "0"},
        {"page": "abc"},
        {"page": "999"},
    ],
)
def test_bad_library_input_is_a_form_error_never_a_crash(client, personas, library, params):
    client.force_login(personas.alice)
    response = client.get("/insights/", params)
    assert response.status_code == 200


def test_a_bad_filter_is_named_on_the_form(client, personas, library):
    client.force_login(personas.alice)
    body = client.get("/insights/", {"team": "abc", "q": "webinars"}).content.decode()
    assert "Enter a whole number." in body
    # The valid filters still apply.
    assert "LinkedIn did nothing" in body
    assert "Cold calls" not in body


def test_the_library_pages_keep_the_filters(client, personas):
    for n in range(30):
        insight(personas.kr, f"Webinar lesson {n}", days=n)
    client.force_login(personas.alice)
    first = client.get("/insights/", {"q": "webinar"}).content.decode()
    assert "?q=webinar&amp;page=2" in first
    second = client.get("/insights/", {"q": "webinar", "page": 2}).content.decode()
    assert "lesson 0<" in second and "lesson 29<" not in second


@pytest.mark.parametrize("size", [3, 30])
def test_the_library_page_reads_in_a_fixed_number_of_queries(
    client, personas, django_assert_max_num_queries, size
):
    for n in range(size):
        insight(personas.kr, f"Webinar lesson {n}", days=n)
    client.force_login(personas.alice)
    client.get("/insights/")
    # Session and user, the count, the page's ids and rows, the periods, and the team and person
    # filters' first matches (and the chosen team's name): none grows with the data.
    with django_assert_max_num_queries(10):
        response = client.get("/insights/", {"q": "webinar", "team": personas.growth.pk})
    assert response.content.decode().count('class="insight card"') == min(size, 25)
