"""The coach reading English check-ins: the rules the issue names, one class at a time.

The labelled examples live in the corpus (incheck/domain/coaching/en/corpus/, scored by
test_coaching_corpus.py); the tables that were here are its rows "en-L…". These tests pin
the classes of text the rules must tell apart, so a change that breaks one says which.
"""

from __future__ import annotations

import pytest

from incheck.domain.coaching import review


def codes(kind: str, text: str) -> set[str]:
    return {hint.code for hint in review(kind, text, lang="en").hints}


ANCHORS = [
    *("2026-12-04", "4 Dec", "December 4", "4/12", "on the 4th of December", "by Dec 4th"),
    *("by Friday", "on Monday", "next Friday", "by next week", "this week", "tomorrow", "EOW"),
    *("end of the month", "by month-end", "within two weeks", "in 3 days", "in a fortnight"),
    *("week 49", "w49", "before the board meeting on the 12th", "by the next check-in"),
    *("by 3pm", "by Q1", "mid-January", "over the weekend"),
]
NOT_ANCHORS = ["by offering a webinar", "by calling them", "soon", "later", "asap", "eventually"]


@pytest.mark.parametrize("anchor", ANCHORS)
def test_dates_weekdays_and_relative_times_are_deadlines(anchor):
    assert codes("next_up", f"Call 20 customers from the fair {anchor}") == set()


@pytest.mark.parametrize("vague", NOT_ANCHORS)
def test_vague_times_and_by_plus_activity_are_not_deadlines(vague):
    assert codes("next_up", f"Call 20 customers from the fair {vague}") == {"no_deadline"}


@pytest.mark.parametrize(
    "meeting",
    [
        "Sync with Anna on 4/12 at 14:00",
        "Have a meeting with Laura in week 49",
        "Catch up with Sam on 2026-12-04",
        "Discuss pricing with Bo within 2 weeks",
        "Talk to Eva about the budget by 3pm tomorrow",
        "Have a 1:1 with Sam next Monday",
    ],
)
def test_dates_week_numbers_and_times_are_not_the_quantity_that_makes_a_plan(meeting):
    assert codes("next_up", meeting) == {"no_how"}


@pytest.mark.parametrize(
    "plan",
    [
        "Call prospects every Monday morning",
        "Screen candidates every Tuesday and Thursday",
        "Weekly huddle with the team on Mondays",
        "Since Monday I've called 14 of the 30 churned accounts",
        "Last Friday we met the buyer and sent 3 offers",
        "Sent the 4 quotes yesterday",
    ],
)
def test_a_recurring_or_past_time_is_not_a_deadline(plan):
    assert "no_deadline" in codes("next_up", plan)


@pytest.mark.parametrize(
    "anchor", ["tmrw", "EOD", "by EOD tmrw", "next wk", "this sprint", "before end of Q4", "wk 49"]
)
def test_abbreviations_and_week_or_quarter_anchors_are_deadlines(anchor):
    assert "no_deadline" not in codes("next_up", f"Send the 3 signed quotes to Acme {anchor}")


@pytest.mark.parametrize(
    "plan",
    [
        "Make some calls to the inbound leads this week",
        "Post a few job ads on LinkedIn this week",
        "Write a couple of blog posts before the holidays",
        "Book several demos from the webinar list by Friday",
        "Fix the login bug tomorrow",
        "Finish the on-call handbook by Friday",
    ],
)
def test_vague_amounts_and_a_bare_fix_are_not_explicit(plan):
    assert codes("next_up", plan) == {"no_how"}


@pytest.mark.parametrize(
    "meeting",
    [
        "Lunch with Mark from Acme on Thursday",
        "coffee with the new SDRs tmrw",
        "Have a chat with the team leads next week",
        "Fika with Anna on Friday",
        "Walk-and-talk with Jonas tomorrow",
        "Workshop with design and eng next Wed",
        "Drinks with the investors on Thursday",
    ],
)
def test_meetings_in_every_form_are_meetings(meeting):
    assert codes("next_up", meeting) == {"no_how"}


@pytest.mark.parametrize(
    "plan",
    [
        "Lunch with Mark from Acme on Thursday to agree on the renewal terms",
        "Coffee with the programme officer on the 9th to find out whether we fit the call",
        "Pipeline review next Tuesday so we can decide which deals get the discount",
    ],
)
def test_a_purpose_clause_makes_a_meeting_explicit(plan):
    assert codes("next_up", plan) == set()


@pytest.mark.parametrize(
    ("text", "has_why"),
    [
        ("Customers abandon their carts when the payment step fails.", True),
        ("Night pages are burning out the on-call engineers.", True),
        ("Getting to 20% deflection frees two agents for onboarding.", True),
        ("Super important KR for the team!!! 🚀", False),
        ("Leads are critical for growth.", False),
        ("From 8 to 12 deals per month via webinars and trial calls.", False),
    ],
)
def test_a_why_is_a_problem_answered_or_what_it_enables_never_hype_or_numbers(text, has_why):
    assert ("no_why" not in codes("context", text)) is has_why
