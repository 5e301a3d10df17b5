"""The coach reading English check-ins: each row is (kind, text, the hints a coach would give).

Texts are written the way people write check-ins, vague and explicit; rows state the judgement,
and the row id says why.
"""

from __future__ import annotations

import pytest

from incheck.domain.coaching import review


def rows(*table: tuple[str, str, set[str], str]) -> list:
    """(kind, text, expected codes, id) rows as pytest params, the id saying why."""
    return [pytest.param(kind, text, expected, id=why) for kind, text, expected, why in table]


def codes(kind: str, text: str) -> set[str]:
    return {hint.code for hint in review(kind, text, lang="en").hints}


ARTICLE = rows(
    (
        "next_up",
        "Have a meeting with Laura about new marketing channels",
        {"no_deadline", "no_how"},
        "article-a-meeting-with-laura-is-an-activity",
    ),
    (
        "next_up",
        "Research and settle on our 3 most effective options for developing new marketing "
        "channels, then present them to Laura to reach a decision on which one to go for",
        {"no_deadline"},
        "article-three-options-then-decision-is-explicit",
    ),
    (
        "next_up",
        "By next Friday I will compare 3 options and present them to Laura so she can decide",
        set(),
        "article-by-next-friday-i-will",
    ),
)

TIME_ANCHORS = rows(
    ("next_up", "Call 20 customers from the churn list by Friday", set(), "by-friday"),
    ("next_up", "Call 20 customers from the churn list", {"no_deadline"}, "no-date"),
    (
        "next_up",
        "Grow the newsletter by offering a webinar",
        {"no_deadline"},
        "by-plus-activity-is-a-method-not-a-deadline",
    ),
    ("next_up", "Send the proposal to Acme soon", {"no_deadline"}, "soon-is-vague"),
    (
        "next_up",
        "Draft the case study and send it to Maria for review by 2026-12-04",
        set(),
        "iso-date-and-two-steps",
    ),
    (
        "next_up",
        "Interview five customers before the board meeting on the 12th",
        set(),
        "before-the-board-meeting-on-the-12th",
    ),
    ("next_up", "Publish two blog posts on pricing by EOW", set(), "eow-and-a-count-in-words"),
    ("next_up", "Book demos with 10 leads from the webinar in week 49", set(), "week-49"),
    (
        "next_up",
        "Present the churn analysis to the leadership team on 4/12",
        set(),
        "day-slash-month",
    ),
    (
        "next_up",
        "Ship the referral page December 4 and measure signups for a week",
        set(),
        "month-day-and-two-steps",
    ),
    (
        "next_up",
        "Write the onboarding email sequence by end of the month",
        set(),
        "end-of-the-month-and-a-concrete-deliverable",
    ),
    (
        "next_up",
        "In 3 days: run the A/B test on the signup page with 2 headline variants so we can pick",
        set(),
        "in-3-days-is-time-not-quantity-2-variants-is",
    ),
    (
        "next_up",
        "Get the 5 pricing quotes from vendors sometime later",
        {"no_deadline"},
        "later-is-vague",
    ),
)

ACTIVITIES = rows(
    ("next_up", "Sync with Laura on Friday", {"no_how"}, "sync-with"),
    ("next_up", "Work on the landing page by next week", {"no_how"}, "work-on"),
    ("next_up", "Look into new channels", {"no_deadline", "no_how"}, "look-into"),
    ("next_up", "Continue with the campaign", {"no_deadline", "no_how"}, "continue-with"),
    ("next_up", "Follow up on the leads asap", {"no_deadline", "no_how"}, "follow-up-asap"),
    ("next_up", "Finish deck by 4 Dec", {"no_how"}, "too-short-to-say-how"),
    ("next_up", "Catch up with the sales team tomorrow", {"no_how"}, "catch-up-tomorrow"),
    (
        "next_up",
        "Discuss the Q1 budget with Anna within two weeks",
        {"no_how"},
        "discuss-within-two-weeks",
    ),
    ("next_up", "Focus on outbound this week", {"no_how"}, "focus-on-this-week"),
    ("next_up", "Keep going", {"no_deadline", "no_how"}, "keep-going"),
    (
        "next_up",
        "Meet the agency in w49 to agree on the Q1 campaign brief",
        set(),
        "meeting-with-a-purpose-is-a-plan",
    ),
    ("next_up", "Prepare deck later", {"no_deadline", "no_how"}, "short-and-vague-time"),
    ("next_up", "Have a 1:1 with Sam on Monday", {"no_how"}, "a-1-1-is-not-a-quantity"),
    (
        "next_up",
        "Call the three biggest customers on Monday to confirm renewal",
        set(),
        "count-and-purpose",
    ),
    (
        "next_up",
        "Run 3 customer interviews, summarise the objections and share them with sales by 4 Dec",
        set(),
        "explicit-without-activity-words",
    ),
    (
        "next_up",
        "Get sign-off from finance next Friday",
        set(),
        "a-concrete-ask-is-not-an-activity",
    ),
    (
        "next_up",
        "Go through the numbers with Per on Friday",
        {"no_how"},
        "go-through-is-a-meeting-and-per-is-a-name",
    ),
    (
        "next_up",
        "Improve conversion on the pricing page",
        {"no_deadline", "no_how"},
        "improve-restates-the-goal-but-is-no-plan",
    ),
    (
        "next_up",
        "Improve conversion on the pricing page by testing 2 new headlines before the 20th",
        set(),
        "improve-by-testing-two-headlines-is-a-plan",
    ),
    ("next_up", "We may need to call 5 customers", {"no_deadline"}, "may-the-verb-is-not-a-month"),
    (
        "next_up",
        "Plan the Q1 campaign with the team next week",
        {"no_how"},
        "plan-the-campaign-is-an-activity",
    ),
)

CONTEXT = rows(
    (
        "context",
        "200 leads lets us hire a second sales rep. We get 60 leads a quarter now, so we will "
        "triple that through webinars and LinkedIn ads.",
        set(),
        "why-baseline-and-tactic",
    ),
    (
        "context",
        "We need 200 new leads this quarter.",
        {"no_baseline", "no_tactic", "no_why"},
        "a-target-alone",
    ),
    (
        "context",
        "This matters because sales can only hire if the pipeline is full.",
        {"no_baseline", "no_tactic"},
        "why-only",
    ),
    (
        "context",
        "Currently we close 12 deals a month; we'll get to 20 by focusing on referrals",
        {"no_why"},
        "baseline-and-tactic-but-no-why",
    ),
    (
        "context",
        "Churn is 4% today. Reducing it is critical because renewals fund the team.",
        {"no_tactic"},
        "no-tactic",
    ),
    (
        "context",
        "Doubling signups enables the paid tier; we'll run a content campaign and SEO.",
        {"no_baseline"},
        "no-baseline",
    ),
    (
        "context",
        "Well, I had to come up with something",
        {"no_baseline", "no_tactic", "no_why"},
        "article-i-had-to-come-up-with-something",
    ),
    (
        "context",
        "Last quarter we got 45 leads. The goal is 200 so that we can justify a second rep, "
        "mainly via email marketing and Google Ads.",
        set(),
        "last-quarter-baseline",
    ),
    (
        "context",
        "Now is the time to reach 200 leads so we can hire.",
        {"no_baseline", "no_tactic"},
        "a-target-near-now-is-not-a-baseline",
    ),
    (
        "context",
        "200 leads by December. Currently too few leads, so we'll run webinars because sales "
        "needs them.",
        {"no_baseline"},
        "a-baseline-needs-a-number-in-the-same-sentence",
    ),
)

PROGRESS = rows(
    ("progress", "34/200", {"no_comment"}, "a-bare-number"),
    ("progress", "Done", {"no_comment"}, "done"),
    ("progress", "Updated, on track", {"no_comment"}, "updated-on-track"),
    ("progress", "No change since last week, same as before", {"no_comment"}, "only-filler-words"),
    (
        "progress",
        "Went from 20 to 34 leads; the webinar brought most of them and confidence is up.",
        set(),
        "what-happened-and-confidence",
    ),
    (
        "progress",
        "Two partners signed after the pricing call; slower than hoped.",
        set(),
        "what-happened",
    ),
)

CONFIDENCE = rows(
    ("confidence", "7/10", {"no_mitigation", "no_obstacle"}, "a-bare-level"),
    ("confidence", "8 - feeling good", {"no_mitigation", "no_obstacle"}, "a-feeling"),
    (
        "confidence",
        "6/10: we depend on the new website going live, but I'll push for a soft launch so we "
        "can test earlier.",
        set(),
        "dependency-and-mitigation",
    ),
    (
        "confidence",
        "5/10, the risk is that legal review takes too long.",
        {"no_mitigation"},
        "risk-without-mitigation",
    ),
    (
        "confidence",
        "Dropped to 4. If the CRM migration slips we lose two weeks.",
        {"no_mitigation"},
        "if-names-the-risk",
    ),
    (
        "confidence",
        "Confidence up to 8; we will book the venue this week to lock the date.",
        {"no_obstacle"},
        "action-without-obstacle",
    ),
)

BLOCKER = rows(
    ("blocker", "Legal hasn't approved the new terms.", {"no_way_around"}, "problem-only"),
    (
        "blocker",
        "Waiting on IT for CRM access; in the meantime I'll log leads in a spreadsheet.",
        set(),
        "in-the-meantime",
    ),
    (
        "blocker",
        "The designer is off sick, so we'll ask the agency to cover the landing page.",
        set(),
        "ask-someone-else",
    ),
    ("blocker", "Budget frozen until January", {"no_way_around"}, "frozen"),
)

OUTCOME = rows(
    ("outcome", "Reached 180 of 200.", {"no_reflection"}, "number-only"),
    ("outcome", "Final: 150 leads, 0.7", {"no_reflection"}, "score-only"),
    (
        "outcome",
        "Ended at 180/200. Webinars worked better than ads; next time we'd start them in week one.",
        set(),
        "what-worked-and-next-time",
    ),
    (
        "outcome",
        "We hit 210 because the partner channel took off - the tactic was right.",
        set(),
        "because-and-tactic",
    ),
)

ALL_ROWS = ARTICLE + TIME_ANCHORS + ACTIVITIES + CONTEXT + PROGRESS + CONFIDENCE + BLOCKER + OUTCOME


@pytest.mark.parametrize(("kind", "text", "expected"), ARTICLE)
def test_the_articles_next_up_examples_are_judged_as_the_article_does(kind, text, expected):
    assert codes(kind, text) == expected


@pytest.mark.parametrize(("kind", "text", "expected"), TIME_ANCHORS)
def test_a_next_up_needs_a_real_time_anchor_not_soon_or_by_plus_activity(kind, text, expected):
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


@pytest.mark.parametrize(("kind", "text", "expected"), ALL_ROWS)
def test_english_check_ins_are_read_the_same_when_the_language_is_detected(kind, text, expected):
    result = review(kind, text)
    assert result.lang == "en"
    assert {hint.code for hint in result.hints} == expected


def test_there_are_enough_english_examples_to_mean_something():
    assert len(ALL_ROWS) - len(ARTICLE) >= 45


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
