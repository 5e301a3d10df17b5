"""The check-out review: outcomes beside the first Context, and calibration worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from incheck.errors import Forbidden, NotFound
from incheck.okrs.models import CheckIn, Feedback, KeyResult, Period
from incheck.okrs.selectors.checkout import period_checkout
from incheck.okrs.selectors.review import period_review, review_picker
from incheck.testing.factories import (
    CheckInFactory,
    KeyResultFactory,
    ObjectiveFactory,
    PeriodFactory,
)

pytestmark = pytest.mark.django_db


def at(month, day):
    return dt.datetime(2026, month, day, 9, 0, tzinfo=dt.UTC)


def check_in(kr, kind, when, author=None, **fields):
    fields = {"text": "", "value": None, **fields}
    return CheckInFactory(
        key_result=kr, kind=kind, created_at=when, author=author or kr.owner, **fields
    )


def outcome(kr, value, score, when=None):
    row = check_in(kr, "outcome", when or at(11, 20), value=value, score=score, text="Webinars won")
    KeyResult.objects.filter(pk=kr.pk).update(outcome=row, current_value=value)
    return row


@pytest.fixture
def quarter(personas):
    """A small Growth quarter (numbers in the comments of the tests that read them).

    KR1 alice, 60 → 200 leads: confidence 8 and 6, a Next Up expected 100 → actual 88 (partly),
        Outcome 172, score 0.8 (reached).
    KR2 alice, 10 → 0 bugs (decrease): confidence 7, a Next Up expected 5 → actual 8 (not done),
        a dropped one expected 2 → 8, Outcome 7, score 0.3 (missed).
    KR3 bob, 0 → 10 webinars: confidence 9, no Outcome, last value 4.
    """
    kr1 = personas.kr
    kr1.unit = "leads"
    kr1.save()
    kr2 = KeyResultFactory(
        objective=personas.objective,
        owner=personas.alice,
        kr_type="decrease",
        start_value=10,
        target_value=0,
        unit="bugs",
        title="Bugs down to 0",
    )
    kr3 = KeyResultFactory(
        objective=personas.objective,
        owner=personas.bob,
        start_value=0,
        target_value=10,
        current_value=4,
        unit="webinars",
        title="10 webinars",
    )
    check_in(kr1, "context", at(10, 2), text="60 leads a quarter now; tactic: webinars")
    check_in(kr1, "context", at(11, 2), text="Target changed: tactic now LinkedIn")
    check_in(kr1, "confidence", at(10, 5), level=8)
    check_in(kr1, "confidence", at(11, 1), level=6)
    check_in(
        kr1,
        "next_up",
        at(10, 20),
        text="Two webinars by Friday",
        due_on=dt.date(2026, 10, 30),
        expected_value=100,
        actual_value=88,
        closure="partly",
        closed_at=at(10, 30),
        happened="One webinar ran",
    )
    check_in(kr2, "confidence", at(10, 6), level=7)
    check_in(
        kr2,
        "next_up",
        at(10, 7),
        text="Fix the 5 worst",
        due_on=dt.date(2026, 10, 14),
        expected_value=5,
        actual_value=8,
        closure="not_done",
        closed_at=at(10, 14),
        happened="Release froze",
    )
    check_in(
        kr2,
        "next_up",
        at(10, 15),
        text="Fix 3 more",
        due_on=dt.date(2026, 10, 21),
        expected_value=2,
        actual_value=8,
        closure="dropped",
        closed_at=at(10, 21),
        happened="Moved to Platform",
    )
    check_in(kr3, "confidence", at(10, 8), level=9)
    check_in(kr1, "insight", at(11, 3), signal="insight", text="Webinars beat ads")
    check_in(kr1, "progress", at(11, 4), signal="blocker", text="No contact list", value=120)
    Feedback.objects.create(
        key_result=kr1,
        author=personas.lena,
        signal="continue",
        text="Keep the webinars",
        created_at=at(11, 21),
    )
    outcome(kr1, 172, 0.8)  # (172 − 60) / 140 = 0.8
    outcome(kr2, 7, 0.3)  # (7 − 10) / (0 − 10) = 0.3
    return kr1, kr2, kr3


def by_kr(review):
    return {item.kr.pk: item for item in review.key_results}


def test_each_kr_shows_its_first_context_beside_its_outcome(personas, quarter):
    kr1, kr2, kr3 = quarter
    review = period_review(period_id=personas.period.pk, team_id=personas.growth.pk)
    items = by_kr(review)
    assert items[kr1.pk].context.text == "60 leads a quarter now; tactic: webinars"
    assert items[kr1.pk].outcome.value == 172
    assert items[kr1.pk].outcome.score == 0.8
    assert items[kr1.pk].final_score == 0.8
    assert items[kr2.pk].context is None
    assert [n.closure for n in items[kr2.pk].next_ups] == ["not_done", "dropped"]
    assert [i.text for i in items[kr1.pk].insights] == ["Webinars beat ads"]
    assert [b.text for b in items[kr1.pk].open_blockers] == ["No contact list"]
    assert [f.text for f in items[kr1.pk].feedback] == ["Keep the webinars"]
    # The period is open and bob has no Outcome: listed as missing, not judged yet.
    assert [item.kr.pk for item in review.missing_outcomes] == [kr3.pk]
    assert items[kr3.pk].final_score is None


def test_calibration_per_person_by_hand(personas, quarter):
    review = period_review(period_id=personas.period.pk, team_id=personas.growth.pk)
    (alice,) = review.people  # bob's only forecast is not judged yet (no Outcome, period open)
    assert (alice.id, alice.name) == (personas.alice.pk, "Alice")
    # 8 on KR1 (reached): (0.8 − 1)² = 0.04; 6 on KR1: (0.6 − 1)² = 0.16;
    # 7 on KR2 (missed, 0.3 < 0.7): (0.7 − 0)² = 0.49. Brier = 0.69 / 3 = 0.23
    assert alice.confidence.n == 3
    assert alice.confidence.brier == pytest.approx(0.23)
    assert [(b.level, b.n, b.reached) for b in alice.confidence.buckets] == [
        (8, 1, 1),
        (7, 1, 0),
        (6, 1, 1),
    ]
    # Next Ups (the dropped one left out): KR1 (100 − 88) / 140 = 0.085714…;
    # KR2 (5 − 8) / (0 − 10) = 0.3. Units differ, so no mean in units.
    error = alice.next_up_error
    assert error.n == 2
    assert error.mean_signed is None
    assert error.mean_signed_share == pytest.approx((12 / 140 + 0.3) / 2)
    assert error.mean_absolute_share == pytest.approx((12 / 140 + 0.3) / 2)


def test_a_closed_period_judges_krs_without_an_outcome_by_their_last_value(
    personas, quarter, frozen_time
):
    Period.objects.filter(pk=personas.period.pk).update(closed_at=frozen_time)
    review = period_review(period_id=personas.period.pk, team_id=personas.growth.pk)
    alice, bob = review.people
    assert alice.confidence.n == 3
    # bob said 9; 4 / 10 = 0.4 is missed: (0.9 − 0)² = 0.81
    assert (bob.name, bob.confidence.n, bob.confidence.brier) == ("Bob", 1, pytest.approx(0.81))
    (growth,) = review.teams
    # The team: alice's 0.69 + bob's 0.81 over 4 forecasts = 1.5 / 4 = 0.375
    assert (growth.name, growth.confidence.n) == ("Growth", 4)
    assert growth.confidence.brier == pytest.approx(0.375)


def test_a_lead_who_forecasts_for_someone_is_scored_as_the_forecaster(personas, quarter):
    kr1 = quarter[0]
    check_in(kr1, "confidence", at(11, 10), author=personas.lena, level=5)
    review = period_review(period_id=personas.period.pk, person_id=personas.alice.pk)
    lena = next(row for row in review.people if row.id == personas.lena.pk)
    assert (lena.confidence.n, lena.confidence.brier) == (1, pytest.approx(0.25))  # (0.5 − 1)²


def test_a_person_review_covers_that_persons_krs(personas, quarter):
    kr3 = quarter[2]
    review = period_review(period_id=personas.period.pk, person_id=personas.bob.pk)
    assert [item.kr.pk for item in review.key_results] == [kr3.pk]
    assert review.person == personas.bob


def test_a_team_review_covers_its_objectives_and_its_members_personal_ones(personas, quarter):
    own = ObjectiveFactory(period=personas.period, team=None, owner=personas.alice)
    personal = KeyResultFactory(objective=own, owner=personas.alice)
    other_period = PeriodFactory(
        name="2026 Q3", start_on=dt.date(2026, 7, 1), end_on=dt.date(2026, 9, 30)
    )
    KeyResultFactory(objective=ObjectiveFactory(period=other_period, team=personas.growth))
    growth = period_review(period_id=personas.period.pk, team_id=personas.growth.pk)
    platform = period_review(period_id=personas.period.pk, team_id=personas.platform.pk)
    assert personal.pk in by_kr(growth)
    assert len(growth.key_results) == 4
    assert platform.key_results == []


def test_feedback_is_offered_on_others_krs_only(personas, quarter):
    kr1, _, kr3 = quarter
    items = by_kr(
        period_review(
            period_id=personas.period.pk, team_id=personas.growth.pk, viewer=personas.alice
        )
    )
    assert not items[kr1.pk].may_give_feedback
    assert items[kr3.pk].may_give_feedback


def test_the_threshold_is_a_parameter(personas, quarter):
    review = period_review(period_id=personas.period.pk, team_id=personas.growth.pk, threshold=0.3)
    (alice,) = review.people
    # Now KR2 (0.3) is reached too: 0.04 + 0.16 + (0.7 − 1)² = 0.09 → 0.29 / 3
    assert alice.confidence.brier == pytest.approx(0.29 / 3)


@pytest.mark.parametrize(
    "scope",
    [{"period_id": 987654}, {"team_id": 987654}, {"person_id": 987654}],
)
def test_an_unknown_period_team_or_person_is_not_found(personas, scope):
    with pytest.raises(NotFound):
        period_review(**{"period_id": personas.period.pk, **scope})


def _fill(personas, n):
    """n KRs, each with a Context, forecasts, a closed Next Up, signals, feedback and an Outcome,
    half in a personal objective (which needs the owner's teams)."""
    own = ObjectiveFactory(period=personas.period, team=None, owner=personas.alice)
    for index in range(n):
        kr = KeyResultFactory(
            objective=personas.objective if index % 2 else own, owner=personas.alice
        )
        check_in(kr, "context", at(10, 2), text="Why")
        check_in(kr, "confidence", at(10, 3), level=index % 11)
        check_in(
            kr,
            "next_up",
            at(10, 4),
            text="Plan",
            expected_value=50,
            actual_value=40,
            closure="done",
            closed_at=at(10, 9),
            happened="Did",
        )
        check_in(kr, "insight", at(10, 5), signal="insight", text="Learned")
        check_in(kr, "blocker", at(10, 6), signal="blocker", text="Stuck")
        Feedback.objects.create(
            key_result=kr,
            author=personas.lena,
            signal="consider",
            text="Try x",
            created_at=at(10, 7),
        )
        outcome(kr, 50, 0.5)


@pytest.mark.parametrize("n", [3, 30])
def test_the_review_reads_in_a_fixed_number_of_queries(personas, django_assert_num_queries, n):
    _fill(personas, n)
    viewer = personas.lena
    # period, team, the team's KR ids, its KRs, the forecasts (confidences and closed Next Ups,
    # as rows), what the KRs print (Outcomes, Contexts, Next Ups, insights, blockers), feedback,
    # the viewer's memberships: not the owners' teams (every KR of a team's review is the team's)
    with django_assert_num_queries(8):
        review = period_review(
            period_id=personas.period.pk, team_id=personas.growth.pk, viewer=viewer
        )
    assert len(review.key_results) == n + 1
    assert review.people[0].confidence.n == n
    assert [row.id for row in review.teams] == [personas.growth.pk]
    assert review.teams[0].confidence.n == n
    # period, person, their KRs, the forecasts, what the KRs print, feedback, the viewer's
    # memberships, the person's teams (the links to the team reviews)
    viewer = type(viewer).objects.get(pk=viewer.pk)  # its teams not remembered yet
    with django_assert_num_queries(8):
        review = period_review(
            period_id=personas.period.pk, person_id=personas.alice.pk, viewer=viewer
        )
    assert len(review.key_results) == n + 1 and review.people[0].confidence.n == n
    assert review.teams == [] and review.person_teams
    # A forecast by someone who owns none of the KRs (a lead): their name in one more read.
    check_in(review.key_results[-1].kr, "confidence", at(10, 5), author=personas.lena, level=4)
    viewer = type(viewer).objects.get(pk=viewer.pk)
    with django_assert_num_queries(9):
        review = period_review(
            period_id=personas.period.pk, person_id=personas.alice.pk, viewer=viewer
        )
    assert personas.lena.pk in {row.id for row in review.people}


def test_the_picker_pages_teams_and_searches_people(personas, quarter):
    picker = review_picker(period_id=personas.period.pk, viewer=personas.alice)
    assert [team.name for team in picker.teams.teams] == ["Growth", "Platform"]
    found = review_picker(period_id=personas.period.pk, viewer=personas.alice, q="bo")
    assert [person.username for person in found.people] == ["bob"]
    assert [team.name for team in found.teams.teams] == []
    assert not picker.may_close
    assert review_picker(period_id=personas.period.pk, viewer=personas.lena).may_close


# The check-out page --------------------------------------------------------------------------


def test_the_checkout_lists_missing_outcomes_and_unfinished_objectives(personas, quarter):
    done = ObjectiveFactory(period=personas.period, team=personas.growth, title="Done")
    KeyResultFactory(
        objective=done, owner=personas.bob, start_value=0, target_value=5, current_value=5
    )
    next_period = PeriodFactory(
        name="2027 Q1", start_on=dt.date(2027, 1, 1), end_on=dt.date(2027, 3, 31)
    )
    page = period_checkout(user=personas.lena, period_id=personas.period.pk)
    kr1, kr2, kr3 = quarter
    assert [kr.pk for kr in page.missing_outcomes] == [kr3.pk, done.key_results.get().pk]
    (candidate,) = page.candidates
    assert candidate.objective == personas.objective
    # KR1 scored 0.8, KR2 0.3, KR3 at 0.4: all unfinished.
    assert [kr.pk for kr in candidate.unfinished] == [kr1.pk, kr2.pk, kr3.pk]
    assert candidate.may_carry
    assert page.targets == [next_period]


def test_the_checkout_page_is_for_leads_and_admins(personas):
    with pytest.raises(Forbidden):
        period_checkout(user=personas.alice, period_id=personas.period.pk)
    period_checkout(user=personas.ada, period_id=personas.period.pk)


@pytest.mark.parametrize(("n", "queries"), [(3, 8), (30, 9)])
def test_the_checkout_reads_in_a_fixed_number_of_queries(
    personas, django_assert_num_queries, n, queries
):
    for _ in range(n):
        objective = ObjectiveFactory(period=personas.period, team=personas.growth)
        KeyResultFactory.create_batch(2, objective=objective, owner=personas.alice)
    # memberships, period, missing outcomes (and their count once the first 50 are full),
    # objectives, their KRs, carried_into, whether more objectives follow, targets
    with django_assert_num_queries(queries):
        page = period_checkout(user=personas.lena, period_id=personas.period.pk)
    assert len(page.candidates) == n + 1
    assert CheckIn.objects.count() == 0
