"""The review and check-out pages: wiring, permissions with the personas, and the forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from incheck.domain.calibration import ForecastError, calibration
from incheck.okrs.models import Feedback, KeyResult, Objective, Period
from incheck.okrs.selectors.calibration import ForecasterCalibration
from incheck.okrs.tests.test_review import _fill, quarter  # noqa: F401 - the fixture
from incheck.testing.factories import PeriodFactory

pytestmark = pytest.mark.django_db


def client_for(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


@pytest.fixture
def next_period(db):
    return PeriodFactory(name="2027 Q1", start_on=dt.date(2027, 1, 1), end_on=dt.date(2027, 3, 31))


def urls(personas):
    period = personas.period.pk
    return {
        "index": f"/periods/{period}/review/",
        "team": f"/periods/{period}/review/team/{personas.growth.pk}/",
        "person": f"/periods/{period}/review/person/{personas.alice.pk}/",
        "checkout": f"/periods/{period}/checkout/",
        "close": f"/periods/{period}/checkout/close/",
        "carry": f"/periods/{period}/checkout/carry-over/",
    }


# The review ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["alice", "bob", "lena", "charlie", "ada"])
@pytest.mark.parametrize("page", ["index", "team", "person"])
def test_every_review_page_is_readable_by_everyone_signed_in(personas, quarter, who, page):  # noqa: F811
    response = client_for(getattr(personas, who)).get(urls(personas)[page])
    assert response.status_code == 200


def test_the_review_needs_a_sign_in(personas):
    response = Client().get(urls(personas)["team"])
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_picker_links_to_teams_and_people(personas, quarter):  # noqa: F811
    html = client_for(personas.alice).get(urls(personas)["index"]).content.decode()
    assert urls(personas)["team"] in html
    assert urls(personas)["person"] in html
    assert urls(personas)["checkout"] not in html  # alice may not check out
    lead_html = client_for(personas.lena).get(urls(personas)["index"]).content.decode()
    assert urls(personas)["checkout"] in lead_html


def test_the_review_shows_the_context_beside_the_outcome_and_the_calibration(personas, quarter):  # noqa: F811
    html = client_for(personas.lena).get(urls(personas)["team"]).content.decode()
    assert "60 leads a quarter now; tactic: webinars" in html
    assert "Target changed" not in html  # only the Context written at the start
    assert "Webinars won" in html  # the Outcome's reflection
    assert "One webinar ran" in html  # expected → happened
    assert "Keep the webinars" in html  # feedback
    assert "When Alice said 8/10, the key result was reached 1 of 1 time." in html
    assert "When Alice said 7/10, the key result was reached 0 of 1 time." in html
    assert "Brier score 0.23 over 3 forecasts" in html
    # Next Ups: (12/140 + 0.3) / 2 = 0.1929 → 19 %, expected more than happened
    assert "missed what happened by 19% of the distance from start to target" in html
    assert "On balance optimistic: more was expected than happened." in html
    assert "10 webinars" in html and "has no Outcome yet" in html


@pytest.mark.parametrize(
    "path",
    [
        "/periods/999999/review/",
        "/periods/999999/review/team/1/",
        "/periods/{period}/review/team/999999/",
        "/periods/{period}/review/person/999999/",
        "/periods/999999/checkout/",
    ],
)
def test_unknown_things_are_404(personas, path):
    response = client_for(personas.ada).get(path.format(period=personas.period.pk))
    assert response.status_code == 404


def test_a_colleague_gives_feedback_from_the_review(personas, quarter):  # noqa: F811
    kr1 = quarter[0]
    url = urls(personas)["team"]
    response = client_for(personas.bob).post(
        url, {"key_result": kr1.pk, "signal": "consider", "text": "Send the agenda first"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url}#kr-{kr1.pk}"
    feedback = Feedback.objects.get(text="Send the agenda first")
    assert (feedback.author, feedback.signal, feedback.key_result_id) == (
        personas.bob,
        "consider",
        kr1.pk,
    )


def test_feedback_on_ones_own_kr_is_refused_on_the_form(personas, quarter):  # noqa: F811
    before = Feedback.objects.count()
    response = client_for(personas.alice).post(
        urls(personas)["person"],
        {"key_result": quarter[0].pk, "signal": "continue", "text": "I did great"},
    )
    assert response.status_code == 403
    # The review's KR cards are Jinja2, which writes a quote as &#39; (Django: &#x27;).
    assert "Feedback is for others&#39; key results." in response.content.decode()
    assert Feedback.objects.count() == before


def test_the_form_is_not_offered_on_ones_own_kr(personas, quarter):  # noqa: F811
    html = client_for(personas.alice).get(urls(personas)["person"]).content.decode()
    assert 'name="key_result"' not in html
    html = client_for(personas.bob).get(urls(personas)["person"]).content.decode()
    assert f'name="key_result" value="{quarter[0].pk}"' in html


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"signal": "continue", "text": ""}, "This needs a few words."),
        ({"signal": "maybe", "text": "Hm"}, "Select a valid choice"),
        ({"signal": "", "text": "Hm"}, "Feedback is continue or consider."),
        ({"signal": "continue", "text": "x" * 281}, "at most 280 characters"),
    ],
)
def test_bad_feedback_is_a_form_error_and_writes_nothing(personas, quarter, data, error):  # noqa: F811
    before = Feedback.objects.count()
    response = client_for(personas.bob).post(
        urls(personas)["team"], {"key_result": quarter[0].pk, **data}
    )
    assert response.status_code == 422
    assert error in response.content.decode()
    assert Feedback.objects.count() == before


def test_feedback_without_a_csrf_token_is_refused(personas, quarter):  # noqa: F811
    client = client_for(personas.bob, enforce_csrf_checks=True)
    response = client.post(
        urls(personas)["team"], {"key_result": quarter[0].pk, "signal": "continue", "text": "Hi"}
    )
    assert response.status_code == 403
    assert not Feedback.objects.filter(text="Hi").exists()


@pytest.mark.parametrize("n", [3, 30])
def test_the_review_page_reads_in_a_fixed_number_of_queries(personas, n):
    _fill(personas, n)
    client = client_for(personas.lena)
    url = urls(personas)["team"]
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    # session, user, profile, then the review's reads: the same for 3 and 30 KRs
    assert len(context.captured_queries) == 11


# The check-out ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"), [("lena", 200), ("ada", 200), ("alice", 403), ("charlie", 403)]
)
def test_the_checkout_page_is_for_leads_and_admins(personas, quarter, who, status):  # noqa: F811
    response = client_for(getattr(personas, who)).get(urls(personas)["checkout"])
    assert response.status_code == status


def test_the_checkout_lists_krs_missing_an_outcome_with_links(personas, quarter):  # noqa: F811
    html = client_for(personas.lena).get(urls(personas)["checkout"]).content.decode()
    kr3 = quarter[2]
    assert f"/key-results/{kr3.pk}/?open=outcome#check-in" in html
    assert "Close the period" in html
    assert 'name="csrfmiddlewaretoken"' in html


CONFIRMED = {"confirm": "on"}


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
@pytest.mark.parametrize("data", [CONFIRMED, {}])
def test_a_member_may_not_close_the_period(personas, who, data):
    response = client_for(getattr(personas, who)).post(urls(personas)["close"], data)
    assert response.status_code == 403
    assert not Period.objects.get(pk=personas.period.pk).is_closed


def test_a_lead_closes_the_period_once(personas, frozen_time):
    client = client_for(personas.lena)
    response = client.post(urls(personas)["close"], CONFIRMED)
    assert response.status_code == 302
    assert response["Location"] == urls(personas)["checkout"]
    assert Period.objects.get(pk=personas.period.pk).closed_at == frozen_time
    page = client.get(urls(personas)["checkout"]).content.decode()
    assert "Closed on" in page
    assert 'name="confirm"' not in page
    assert client.post(urls(personas)["close"], CONFIRMED).status_code == 409


def test_the_close_step_asks_to_confirm_that_the_period_will_be_locked(personas):
    html = client_for(personas.lena).get(urls(personas)["checkout"]).content.decode()
    close_step = html.split('id="close-heading"', 1)[1].split("</section>", 1)[0]
    assert 'type="checkbox" name="confirm"' in close_step
    assert "I understand the period will be locked" in close_step


@pytest.mark.parametrize("data", [{}, {"confirm": ""}, {"confirm": "false"}])
def test_closing_without_ticking_the_box_is_a_form_error_and_leaves_it_open(personas, data):
    response = client_for(personas.lena).post(urls(personas)["close"], data)
    assert response.status_code == 422
    html = response.content.decode()
    close_step = html.split('id="close-heading"', 1)[1].split("</section>", 1)[0]
    assert 'id="close-error"' in close_step
    assert "Tick the box to confirm" in close_step
    assert not Period.objects.get(pk=personas.period.pk).is_closed


def test_closing_is_a_post(personas):
    assert client_for(personas.lena).get(urls(personas)["close"]).status_code == 405


def test_closing_without_a_csrf_token_is_refused(personas):
    client = client_for(personas.lena, enforce_csrf_checks=True)
    assert client.post(urls(personas)["close"], CONFIRMED).status_code == 403
    assert not Period.objects.get(pk=personas.period.pk).is_closed


def test_a_lead_carries_unfinished_objectives_over(personas, quarter, next_period):  # noqa: F811
    client = client_for(personas.lena)
    html = client.get(urls(personas)["checkout"]).content.decode()
    assert f'value="{personas.objective.pk}"' in html and "2027 Q1" in html
    response = client.post(
        urls(personas)["carry"],
        {"objectives": [personas.objective.pk], "to_period": next_period.pk},
    )
    assert response.status_code == 302
    copy = Objective.objects.get(period=next_period)
    assert copy.origin_id == personas.objective.pk
    assert KeyResult.objects.filter(objective=copy).count() == 3
    assert "carried into 2027 Q1" in client.get(urls(personas)["checkout"]).content.decode()


@pytest.mark.parametrize(
    ("data", "status", "error"),
    [
        ({"objectives": ["999999"]}, 422, "No such objective."),
        ({"objectives": ["abc"]}, 422, "Enter a number."),
        ({"objectives": []}, 422, "Choose at least one objective"),
        ({"to_period": ""}, 422, "Choose the period to carry them into."),
    ],
)
def test_bad_carry_over_input_is_a_form_error_and_writes_nothing(
    personas, next_period, data, status, error
):
    post = {"objectives": [personas.objective.pk], "to_period": next_period.pk, **data}
    response = client_for(personas.lena).post(urls(personas)["carry"], post)
    assert response.status_code == status
    assert error in response.content.decode()
    assert not Objective.objects.filter(period=next_period).exists()


def test_carrying_twice_is_a_conflict_shown_on_the_form(personas, next_period):
    client = client_for(personas.lena)
    post = {"objectives": [personas.objective.pk], "to_period": next_period.pk}
    assert client.post(urls(personas)["carry"], post).status_code == 302
    response = client.post(urls(personas)["carry"], post)
    assert response.status_code == 409
    assert "Already carried into that period." in response.content.decode()
    assert Objective.objects.filter(period=next_period).count() == 1


def test_a_member_may_not_carry_over(personas, next_period):
    response = client_for(personas.alice).post(
        urls(personas)["carry"],
        {"objectives": [personas.objective.pk], "to_period": next_period.pk},
    )
    assert response.status_code == 403
    assert not Objective.objects.filter(period=next_period).exists()


@pytest.mark.parametrize("n", [3, 30])
def test_the_checkout_page_reads_in_a_fixed_number_of_queries(personas, n):
    _fill(personas, n)
    client = client_for(personas.lena)
    with CaptureQueriesContext(connection) as context:
        response = client.get(urls(personas)["checkout"])
    assert response.status_code == 200
    assert len(context.captured_queries) == 11


def test_the_checkout_shows_a_page_of_a_large_period_not_all_of_it(personas):
    """A company's period: the first 50 KRs without an Outcome and their count, unfinished
    objectives 50 at a time (the next page after the last one shown)."""
    from incheck.okrs.selectors.checkout import CHECKOUT_LIST
    from incheck.testing.factories import KeyResultFactory, ObjectiveFactory

    for number in range(CHECKOUT_LIST + 10):
        objective = ObjectiveFactory(
            period=personas.period, team=personas.growth, title=f"Objective {number:03}"
        )
        KeyResultFactory(objective=objective, owner=personas.alice, title=f"KR {number:03}")
    client = client_for(personas.lena)
    with CaptureQueriesContext(connection) as context:
        html = client.get(urls(personas)["checkout"]).content.decode()
    assert len(context.captured_queries) <= 13
    missing = KeyResult.objects.filter(objective__period=personas.period, outcome__isnull=True)
    total = missing.count()
    assert f"{total} key results have no Outcome yet; the first {CHECKOUT_LIST}:" in html
    assert html.count("?open=outcome#check-in") == CHECKOUT_LIST
    assert html.count('name="objectives"') == CHECKOUT_LIST
    carry = html.split('id="carry-heading"')[1]
    assert "<strong>Objective 000</strong>" in carry
    assert "<strong>Objective 059</strong>" not in carry
    after = carry.split('id="carry-more" href="?after=')[1].split("#")[0]
    rest = client.get(f"{urls(personas)['checkout']}?after={after}").content.decode()
    rest_carry = rest.split('id="carry-heading"')[1]
    assert "<strong>Objective 059</strong>" in rest_carry
    assert "<strong>Objective 000</strong>" not in rest_carry
    assert 'id="carry-more"' not in rest


def test_feedback_on_no_readable_kr_is_a_form_error(personas, quarter):  # noqa: F811
    response = client_for(personas.bob).post(
        urls(personas)["team"], {"key_result": "abc", "signal": "continue", "text": "Hi"}
    )
    assert response.status_code == 422
    assert "That feedback could not be read" in response.content.decode()
    assert not Feedback.objects.filter(text="Hi").exists()


def test_calibration_numbers_are_rounded_as_people_say_them_in_units_that_fit():
    from django.template import engines

    def sentence(unit, mean_absolute):
        error = ForecastError(
            n=3,
            mean_absolute=mean_absolute,
            mean_signed=mean_absolute,
            mean_absolute_share=0.17,
            mean_signed_share=0.17,
            unit=unit,
        )
        row = ForecasterCalibration(
            id=1, name="Alice", confidence=calibration([]), next_up_error=error
        )
        return engines["jinja2"].get_template("okrs/_review_forecaster.html").render({"row": row})

    leads = sentence("leads", 4.666)
    assert "That is about 4.7 leads per Next Up." in leads
    assert "4.67" not in leads
    # A KR measured in percent: its error is in percentage points, not "%" beside a share.
    percent = sentence("%", 0.72)
    assert "That is about 0.72 percentage points per Next Up." in percent
    assert "0.72 %" not in percent
    assert "That is about 17 per Next Up." in sentence("", 17.4)
