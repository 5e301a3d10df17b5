"""Last quarter in Growth: webinars proved themselves, conversion got half-way."""

from __future__ import annotations

from incheck.okrs.demo.story import (
    Story,
    confidence,
    context,
    done,
    next_up,
    outcome,
    partly,
    progress,
)
from incheck.okrs.models import Objective


def write(s: Story, objective: Objective, *, last: int) -> None:
    _webinars(s, objective, last)
    _conversion(s, objective, last)


def _webinars(s: Story, objective: Objective, last: int) -> None:
    kr = s.key_result(
        objective,
        by="laura",
        day=1,
        owner="laura",
        title="Leads from webinars",
        kr_type="increase",
        start=0,
        target=60,
        unit="leads",
    )
    s.sit(
        kr,
        2,
        context(
            "Webinars bring us 0 leads today: we have never run one. 60 a quarter would tell us "
            "whether events can feed a second sales rep. Tactic: one webinar a month, promoted "
            "in the physio associations' newsletters."
        ),
        confidence(
            5,
            "First time we run webinars; the open question is whether the "
            "associations will promote us.",
        ),
        next_up(
            "By {day} I will have the first webinar date set and the invitation approved by Maja.",
            due=9,
        ),
    )
    s.sit(
        kr,
        10,
        progress(0, "Date set for the first webinar, invitation ready."),
        next_up("By {day} I will get the invitation into 2 association newsletters.", due=24),
        closure=done(
            "Date set, invitation approved on Thursday.",
            "Asking Maja on day one saved a round of edits.",
        ),
    )
    s.sit(
        kr,
        26,
        progress(
            11,
            "Pre-registrations count as leads. All came from the newsletter, none from LinkedIn.",
            signal="insight",
        ),
        confidence(6, "Newsletters work, LinkedIn does not."),
        next_up(
            "Run the first webinar on {day} and follow up every attendee within 24 hours.",
            due=42,
            expect=25,
        ),
        closure=partly(
            "Got into one newsletter; the other association publishes quarterly.",
            "Ask for their publishing calendar before planning.",
        ),
    )
    s.sit(
        kr,
        43,
        progress(27, "First webinar: 41 attended, 16 new leads."),
        confidence(
            8,
            "A second webinar with a guest physio could double this: the date and "
            "the guest are booked.",
        ),
        next_up(
            "By {day} I will run webinar #2 with the guest physio and promote it in both "
            "newsletters.",
            due=70,
            expect=50,
        ),
        closure=done(
            "Ran it and called all 41 attendees within a day.",
            "Attendees called the same day booked demos twice as often.",
        ),
    )
    s.sit(
        kr,
        72,
        progress(48, "Webinar #2: 31 attended. It clashed with a physio conference."),
        confidence(7, "Close to 60; the recording could carry us the rest of the way."),
        next_up(
            "By {day} I will send the recording to everyone who registered and did not attend.",
            due=last - 8,
            expect=60,
        ),
        closure=partly(
            "Ran it, but fewer came than planned.",
            "Check the associations' event calendar before picking a date.",
        ),
    )
    s.sit(
        kr,
        last - 5,
        outcome(
            "Reached 62 of 60. The tactic was right: newsletters beat paid social by far. "
            "Next quarter: a monthly series and a Swedish track.",
            value=62,
        ),
        closure=done(
            "Recording sent to 57 no-shows; 14 became leads.",
            "A recording is a lead source of its own.",
        ),
    )
    s.feedback(
        kr,
        last - 2,
        by="demo",
        signal="continue",
        text="Choosing newsletters over paid social was your call and it was right. Keep "
        "checking dates against the associations' calendars.",
    )


def _conversion(s: Story, objective: Objective, last: int) -> None:
    kr = s.key_result(
        objective,
        by="demo",
        day=1,
        owner="demo",
        title="Trial-to-paid conversion",
        kr_type="increase",
        start=8,
        target=14,
        unit="%",
    )
    s.sit(
        kr,
        1,
        context(
            "8% of trials become paying clinics today; 14% would pay for a second sales "
            "rep next year. Tactic: call every trial on day 3 and fix the onboarding steps "
            "where most trials stop."
        ),
        confidence(6, "Calls we control; onboarding fixes depend on Product's sprint plan."),
        next_up(
            "By {day} I will list the steps where trials stop, from last quarter's 240 trials.",
            due=8,
        ),
        at="10:10",
    )
    s.sit(
        kr,
        9,
        progress(8, "No change yet. Most trials stop at calendar setup, then at staff invites."),
        next_up(
            "From {day} every trial gets a call on day 3, with a script written with Tom.", due=15
        ),
        closure=done(
            "Analysis done: 61% stop at calendar setup.",
            "We had guessed payment details. It was the calendar.",
        ),
    )
    s.sit(
        kr,
        30,
        progress(10, "Day-3 calls started; conversion up two points."),
        confidence(5, "Calls work but eat demo time."),
        next_up("By {day} Tom takes over the day-3 calls, so I can do demos.", due=40),
        closure=partly(
            "Calls for 2 weeks out of 3; a big demo week took the time.",
            "Calls need an owner who is not also doing demos.",
        ),
    )
    s.sit(
        kr,
        58,
        progress(11.5),
        confidence(
            3,
            "Calendar setup is still the wall and the new wizard slipped to "
            "September. Mitigation: offer manual calendar setup to trials.",
        ),
        next_up("Offer manual calendar setup in every day-3 call from {day}.", due=65, expect=12),
        closure=done("Tom has the calls.", "Handing over with a script took one afternoon."),
    )
    s.sit(
        kr,
        last - 6,
        outcome(
            "11% of 14%. Day-3 calls were right, but Growth cannot fix onboarding alone. "
            "Next quarter we own the first week together with Product.",
            value=11,
        ),
        closure=partly(
            "Offered in most calls; 9 clinics took it.",
            "The offer converts when a person makes it, not an e-mail.",
        ),
    )
    s.feedback(
        kr,
        last - 1,
        by="elin",
        signal="consider",
        text="Consider handing the first week to CS from the start: we call them anyway, and "
        "you would have had your demo time back in July.",
    )
