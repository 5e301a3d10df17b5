"""The check-in form on the KR page: a sitting in one POST, with htmx or without JavaScript."""

from __future__ import annotations

import pytest
from django.test import Client

from incheck.domain.checkins import Entry
from incheck.okrs.models import CheckIn, KeyResult
from incheck.okrs.services.checkins import checkin_sitting_create

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
DUE = "2026-12-04"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def post(personas, data, *, htmx=False, user=None):
    client = client_for(user or personas.alice)
    return client.post(
        f"/key-results/{personas.kr.pk}/check-ins/", data, headers=HTMX if htmx else {}
    )


def three_kinds(**extra):
    return {
        "progress_value": "94",
        "progress_text": "Two webinars brought 34 leads; LinkedIn did nothing.",
        "confidence_level": "7",
        "confidence_text": "Need the webinars to repeat; booking two more lowers the risk.",
        "next_up_text": "By Friday I will book 2 webinars with partners to reach 120 leads.",
        "next_up_due_on": DUE,
        "next_up_expected_value": "120",
        **extra,
    }


def test_a_plain_post_writes_one_sitting_and_redirects_to_the_timeline(personas):
    response = post(personas, three_kinds())
    assert response.status_code == 302
    assert response["Location"] == f"/key-results/{personas.kr.pk}/#timeline"
    check_ins = list(CheckIn.objects.all())
    assert sorted(c.kind for c in check_ins) == ["confidence", "next_up", "progress"]
    assert len({c.sitting for c in check_ins}) == 1
    kr = KeyResult.objects.get(pk=personas.kr.pk)
    assert (kr.current_value, kr.confidence) == (94, 7)
    assert kr.open_next_up.expected_value == 120


def test_an_htmx_post_answers_with_the_live_region_and_a_fresh_form(personas):
    response = post(personas, three_kinds(), htmx=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="kr-live"')
    assert "<html" not in html
    assert 'id="checkin-saved"' in html
    # The timeline and the header show the sitting; the form is empty again.
    assert "Two webinars brought 34 leads" in html
    assert "94</strong>" in html
    assert 'name="progress_value" value="94"' not in html


def test_blank_sections_are_not_submitted(personas):
    post(personas, {"confidence_level": "6", "next_up_due_on": DUE, "no_next_up": "on"})
    assert sorted(c.kind for c in CheckIn.objects.all()) == ["confidence", "no_next_up"]


def test_an_empty_form_asks_for_at_least_one_check_in(personas):
    response = post(personas, {"next_up_due_on": DUE}, htmx=True)
    assert response.status_code == 422
    assert "Write at least one check-in." in response.content.decode()
    assert CheckIn.objects.count() == 0


def test_a_sitting_that_would_leave_no_next_up_asks_for_one_and_writes_nothing(personas):
    response = post(
        personas, {"progress_value": "70", "progress_text": "Counted the CRM."}, htmx=True
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Never leave a key result without a Next Up" in html
    # The plan is asked for on its own field, beside the visible way out.
    assert 'aria-invalid="true"' in html.split('name="next_up_text"')[1].split(">")[0]
    assert 'name="no_next_up"' in html
    assert CheckIn.objects.count() == 0


def test_no_next_up_this_time_is_recorded_with_the_sitting(personas):
    response = post(
        personas,
        {"progress_value": "70", "progress_text": "Counted the CRM.", "no_next_up": "on"},
        htmx=True,
    )
    assert response.status_code == 200
    kinds = sorted(CheckIn.objects.values_list("kind", flat=True))
    assert kinds == ["no_next_up", "progress"]
    assert len(set(CheckIn.objects.values_list("sitting", flat=True))) == 1
    html = response.content.decode()
    assert "No Next Up this time" in html  # on the timeline
    # The KR still has no plan: the form asks again, with the plan's field focused.
    assert "autofocus" in html.split('name="next_up_text"')[1].split(">")[0]


def test_no_next_up_beside_a_plan_is_refused(personas):
    response = post(personas, three_kinds(no_next_up="on"), htmx=True)
    assert response.status_code == 422
    assert "untick" in response.content.decode()
    assert CheckIn.objects.count() == 0


def test_after_a_sitting_with_a_next_up_nothing_more_is_asked(personas):
    html = post(personas, three_kinds(), htmx=True).content.decode()
    assert 'id="ask-next-up"' not in html


def test_a_new_next_up_asks_to_close_the_open_one_first(personas):
    post(personas, three_kinds())
    data = {
        "next_up_text": "Call the 10 warmest leads by Friday to book demos.",
        "next_up_due_on": DUE,
    }
    response = post(personas, data, htmx=True)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Close the open Next Up first" in html
    assert CheckIn.objects.filter(kind="next_up").count() == 1

    closed = {
        **data,
        "closure_status": "partly",
        "closure_happened": "Booked one webinar.",
        "closure_learned": "Partners answer slowly: ask two weeks ahead.",
    }
    assert post(personas, closed, htmx=True).status_code == 200
    first, second = CheckIn.objects.filter(kind="next_up").order_by("id")
    assert (first.closure, first.happened, first.actual_value) == (
        "partly",
        "Booked one webinar.",
        94,
    )
    assert second.closed_at is None
    assert KeyResult.objects.get(pk=personas.kr.pk).open_next_up == second


def test_the_open_next_up_is_shown_with_what_was_expected(personas):
    post(personas, three_kinds())
    html = client_for(personas.alice).get(f"/key-results/{personas.kr.pk}/").content.decode()
    assert "You planned: “By Friday I will book 2 webinars" in html
    assert "by Fri 4 Dec" in html
    assert "expecting 120\u00a0leads" in html  # a value and its unit stay on one line
    assert 'name="closure_status"' in html


def test_a_closed_next_up_shows_expected_against_what_happened(personas):
    post(personas, three_kinds())
    post(
        personas,
        {
            "progress_value": "101",
            "closure_status": "not_done",
            "closure_happened": "Partners were on holiday.",
            "closure_learned": "Ask earlier.",
            "no_next_up": "on",
        },
    )
    html = client_for(personas.alice).get(f"/key-results/{personas.kr.pk}/").content.decode()
    assert "120 → 101" in html
    # The sitting that closed it says so too.
    assert "Closed the Next Up “By Friday I will book 2 webinars" in html
    assert "Partners were on holiday." in html
    assert "Not done" in html


# Bad input: a form error on the field, the right status, and nothing written. -----------------


@pytest.mark.parametrize(
    ("data", "field", "text"),
    [
        ({"progress_value": "abc"}, "progress_value", "Enter a number."),
        ({"progress_value": "NaN"}, "progress_value", "Enter a number."),
        ({"progress_value": "inf"}, "progress_value", "Enter a number."),
        ({"progress_value": "-Infinity"}, "progress_value", "Enter a number."),
        ({"progress_value": "1e400"}, "progress_value", "Enter a number."),
        ({"progress_value": "1" * 50}, "progress_value", "Enter a number."),
        ({"progress_value": "1e13"}, "progress_value", "Enter a number."),
        ({"progress_value": "10000000000000"}, "progress_value", "too large"),
        ({"confidence_level": "11"}, "confidence_level", "Confidence goes from 0 to 10."),
        ({"confidence_level": "-1"}, "confidence_level", "Confidence goes from 0 to 10."),
        ({"confidence_level": "seven"}, "confidence_level", "Enter a number."),
        ({"confidence_level": "6.5"}, "confidence_level", "Enter a number."),
        ({"progress_value": "70", "progress_text": "x" * 281}, "progress_text", "at most 280"),
        ({"context_text": "y" * 281}, "context_text", "at most 280"),
        (
            {"next_up_text": "Call 5 leads", "next_up_due_on": "2026-11-23"},
            "next_up_due_on",
            "has passed",
        ),
        (
            {"next_up_text": "Call 5 leads", "next_up_due_on": "tomorrow"},
            "next_up_due_on",
            "YYYY-MM-DD",
        ),
        ({"next_up_text": "Call 5 leads", "next_up_due_on": ""}, "next_up_due_on", "Give a date"),
        (
            {"next_up_text": "", "next_up_expected_value": "90", "next_up_due_on": DUE},
            "next_up_text",
            "needs a few words",
        ),
        ({"confidence_text": "Harder than I thought"}, "confidence_level", "Choose a confidence"),
        ({"progress_value": "70", "progress_signal": "alarm"}, "progress_signal", "valid choice"),
    ],
)
@pytest.mark.parametrize("htmx", [True, False])
def test_bad_input_is_a_form_error_and_writes_nothing(personas, data, field, text, htmx):
    response = post(personas, {"next_up_due_on": DUE, **data}, htmx=htmx)
    assert response.status_code == (422 if htmx else 200)
    html = response.content.decode()
    assert text in html
    # The message sits with its field, after the field's own input.
    assert text in html.split(f'name="{field}"', 1)[1]
    assert CheckIn.objects.count() == 0
    assert KeyResult.objects.get(pk=personas.kr.pk).current_value == 60


def test_a_decimal_comma_is_a_number(personas):
    post(personas, {"progress_value": "1 234,5", "no_next_up": "on"})
    assert KeyResult.objects.get(pk=personas.kr.pk).current_value == 1234.5


def test_a_value_on_a_milestone_is_refused_and_nothing_written(personas):
    KeyResult.objects.filter(pk=personas.kr.pk).update(
        kr_type="milestone", start_value=0, target_value=1, current_value=0
    )
    response = post(personas, {"progress_value": "1"}, htmx=True)
    assert response.status_code == 422
    assert "A milestone has no value" in response.content.decode()
    assert CheckIn.objects.count() == 0


def test_a_milestone_is_checked_in_as_reached(personas):
    KeyResult.objects.filter(pk=personas.kr.pk).update(
        kr_type="milestone", start_value=0, target_value=1, current_value=0
    )
    html = client_for(personas.alice).get(f"/key-results/{personas.kr.pk}/").content.decode()
    assert 'name="progress_reached"' in html
    assert 'name="progress_value"' not in html
    post(
        personas,
        {"progress_reached": "yes", "progress_text": "Shipped on Monday.", "no_next_up": "on"},
    )
    assert KeyResult.objects.get(pk=personas.kr.pk).current_value == 1


def test_a_closed_period_is_a_conflict_and_writes_nothing(personas, frozen_time):
    personas.period.closed_at = frozen_time
    personas.period.save()
    response = post(personas, {"progress_value": "70", "progress_text": "Late"}, htmx=True)
    assert response.status_code == 409
    assert "The period is closed" in response.content.decode()
    response = post(personas, {"progress_value": "70", "progress_text": "Late"})
    assert response.status_code == 200
    assert "The period is closed" in response.content.decode()
    assert CheckIn.objects.count() == 0


def test_a_blocker_signal_keeps_its_way_around(personas):
    post(
        personas,
        {
            "confidence_level": "4",
            "confidence_text": "Legal review blocks the webinar.",
            "confidence_signal": "blocker",
            "confidence_way_around": "Ask Ada to fast-track it.",
            "progress_value": "61",
            "progress_way_around": "typed, then unflagged",
            "no_next_up": "on",
        },
    )
    confidence = CheckIn.objects.get(kind="confidence")
    assert (confidence.signal, confidence.way_around) == ("blocker", "Ask Ada to fast-track it.")
    assert CheckIn.objects.get(kind="progress").way_around == ""
    html = client_for(personas.bob).get(f"/key-results/{personas.kr.pk}/").content.decode()
    assert "Open blockers" in html
    assert "Ask Ada to fast-track it." in html


def test_user_text_is_escaped_everywhere(personas):
    KeyResult.objects.filter(pk=personas.kr.pk).update(title="<script>alert('kr')</script>")
    post(
        personas,
        {
            "progress_value": "70",
            "progress_text": "<script>alert('x')</script>",
            "next_up_text": "<b>bold</b> plan",
            "next_up_due_on": DUE,
        },
    )
    # The KR cards and timeline are Jinja2 templates, which write a quote as &#39; where
    # Django writes &#x27;: both are escaped, so the page is read with either spelling.
    for url in (f"/key-results/{personas.kr.pk}/", "/", f"/teams/{personas.growth.pk}/"):
        html = client_for(personas.alice).get(url).content.decode().replace("&#39;", "&#x27;")
        assert "<script>alert" not in html, url
        assert "&lt;script&gt;alert(&#x27;kr&#x27;)&lt;/script&gt;" in html, url
    html = client_for(personas.alice).get(f"/key-results/{personas.kr.pk}/").content.decode()
    html = html.replace("&#39;", "&#x27;")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html


def test_the_page_opens_the_section_asked_for(personas):
    html = (
        client_for(personas.alice)
        .get(f"/key-results/{personas.kr.pk}/?open=outcome")
        .content.decode()
    )
    assert 'id="section-outcome" open' in html
    assert 'name="outcome_text"' in html


def test_context_due_opens_the_context_section(personas):
    html = client_for(personas.alice).get(f"/key-results/{personas.kr.pk}/").content.decode()
    assert 'id="section-context" open' in html
    assert "No Context yet" in html
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[
            Entry(kind="context", text="60 leads a quarter today; 200 lets us hire a rep."),
            Entry(kind="no_next_up"),
        ],
    )
    html = client_for(personas.alice).get(f"/key-results/{personas.kr.pk}/").content.decode()
    assert 'id="section-context" open' not in html
    assert "60 leads a quarter today" in html
