"""This quarter in Growth, led by Maja (the demo user): the funnel, and learning every week.

Maja's inbox has something to say: the Next Up on trial sign-ups is overdue, the cost per
trial is behind pace with falling confidence and an open blocker, and the experiments KR is
healthy.
"""

from __future__ import annotations

from incheck.okrs.demo.story import (
    Story,
    blocker,
    blocker_in,
    confidence,
    context,
    done,
    insight,
    next_up,
    not_done,
    partly,
    progress,
)
from incheck.okrs.models import Objective


def write(s: Story) -> Objective:
    """Growth's team objective (returned, for alignment) and Maja's own one."""
    funnel = s.objective(
        by="demo",
        day=-49,
        team="Growth",
        title="Fill the funnel with clinics that fit us",
        description="Clinics with 3 to 15 practitioners who already take bookings online are "
        "the ones that stay. More of them, for less money.",
    )
    learning = s.objective(
        by="demo",
        day=-49,
        owner="demo",
        title="Run Growth as a team that learns every week",
    )
    _sign_ups(s, funnel)
    _cost(s, funnel)
    _experiments(s, learning)
    return funnel


def _sign_ups(s: Story, objective: Objective) -> None:
    kr = s.key_result(
        objective,
        by="demo",
        day=-48,
        owner="demo",
        title="Qualified trial sign-ups per month",
        kr_type="increase",
        start=40,
        target=90,
        unit="sign-ups",
    )
    s.sit(
        kr,
        -47,
        context(
            "40 qualified trials a month today (clinics with 3+ practitioners). 90 a month fills "
            "Sales' calendar and lets us test a second SDR. Tactic: webinars, partner "
            "referrals, and a sign-up form that stops losing mobile visitors."
        ),
        confidence(6, "Webinars are proven; referrals are not yet."),
        next_up(
            "By {day} I will cut the sign-up form from 9 fields to 4 and A/B test it against "
            "the old one.",
            due=-40,
            expect=42,
        ),
    )
    s.sit(
        kr,
        -40,
        progress(44, "Short form live since Tuesday, mostly mobile sign-ups."),
        next_up(
            "By {day} I will read the A/B result and roll the winner out to all traffic.",
            due=-33,
            expect=50,
        ),
        closure=done(
            "Form cut to 4 fields, test running.",
            "Half the fields were there because nobody had asked whether we used them.",
        ),
    )
    found = s.sit(
        kr,
        -33,
        progress(52, "The short form won clearly: +31% completed sign-ups."),
        blocker(
            "The form broke on Safari after the new cookie banner: two days of mobile sign-ups "
            "lost.",
            way_around="Roll the banner back until IT has a fix.",
        ),
        next_up(
            "By {day} I will brief Laura on the partner list, so she can start the outreach.",
            due=-26,
        ),
        closure=done(
            "Rolled out to all traffic on Wednesday.",
            "One change at a time: the result was clear within a week.",
        ),
    )
    s.resolve(
        blocker_in(found),
        -30,
        "The banner now loads after the form; tested on Safari and iOS. Every banner change "
        "gets a mobile check before release.",
    )
    s.sit(
        kr,
        -26,
        progress(58),
        confidence(
            7,
            "Form fixed and referrals starting. The risk is December, when clinics "
            "don't buy. Webinar invitations go out earlier to cover it.",
        ),
        next_up("Sync with Laura.", due=-19),
        closure=done("Briefed Laura, she has the list.", "A written brief saved a second meeting."),
    )
    s.sit(
        kr,
        -19,
        progress(63),
        next_up(
            "By {day} I will ask Sales which of last month's trials they would call qualified, "
            "and align our definition with theirs.",
            due=-12,
        ),
        closure=partly(
            "We met, but talked about the webinar calendar instead of the funnel.",
            "A meeting without a question gives an answer to someone else's question.",
        ),
    )
    s.sit(
        kr,
        -9,
        progress(66, "Slower week: two clinic chains froze budgets for December."),
        confidence(6, "December is slow for clinics; the referral channel has to carry us."),
        next_up(
            "By {day} I will call the 12 trial accounts that stalled at onboarding and book 5 "
            "demos, so we learn why they stall.",
            due=-3,
            expect=70,
        ),
        closure=done(
            "Sales and we now use the same definition of qualified.",
            "Sales counted 3 of our trials as unqualified: clinics with one practitioner.",
        ),
    )


def _cost(s: Story, objective: Objective) -> None:
    kr = s.key_result(
        objective,
        by="demo",
        day=-48,
        owner="demo",
        title="Cost per qualified trial",
        kr_type="decrease",
        start=1450,
        target=900,
        unit="SEK",
    )
    s.sit(
        kr,
        -47,
        context(
            "A qualified trial costs 1,450 SEK in ads today. At 900 we can double the budget "
            "and stay within plan. Tactic: stop broad Facebook campaigns, move the money to "
            "Google search for clinic booking, and to webinars."
        ),
        confidence(7, "Search has worked for others in our space."),
        next_up(
            "By {day} I will pause the three broad Facebook campaigns and move their budget to "
            "search.",
            due=-42,
            expect=1400,
        ),
        at="08:55",
    )
    s.sit(
        kr,
        -41,
        progress(1380, "Facebook paused, search live."),
        next_up("work on the funnel", due=-34),
        closure=done("Paused all three, budget moved.", "Facebook brought clicks, not clinics."),
    )
    s.sit(
        kr,
        -33,
        progress(1350, "A small step. Search clicks cost more than we planned."),
        confidence(6, "Search clicks cost 30% more than planned."),
        next_up(
            "By {day} I will ship a search landing page per clinic type (physio, dental, "
            "massage) and compare the cost per trial after one week.",
            due=-26,
            expect=1250,
        ),
        closure=partly(
            "Looked at the landing pages, shipped nothing.",
            "A vague plan gave me nothing to hold myself to.",
        ),
        at="09:05",
    )
    s.sit(
        kr,
        -24,
        progress(1370, "Landing pages live, but the cost went up."),
        confidence(
            4,
            "A competitor bids on our brand name, and the landing pages did not move the cost. "
            "Mitigation: bid on our own name, and move budget to webinars.",
            signal="blocker",
            way_around="Bid on our own brand until the competitor gives up.",
        ),
        next_up("Meeting with Laura about the budget.", due=-12),
        closure=done("Three landing pages live.", "Dental clinics convert at half the rate."),
    )
    s.sit(
        kr,
        -11,
        progress(1390, "Bidding on our own name costs money too."),
        next_up("Meeting with Laura", due=2),
        closure=not_done(
            "We didn't meet: Laura was at the physio conference. Some Slack messages instead.",
            "Book the meeting when I write the plan, not after.",
        ),
    )


def _experiments(s: Story, objective: Objective) -> None:
    kr = s.key_result(
        objective,
        by="demo",
        day=-48,
        owner="demo",
        title="Growth experiments shipped and written up",
        kr_type="increase",
        start=0,
        target=12,
        unit="experiments",
    )
    s.sit(
        kr,
        -47,
        context(
            "We ran experiments last quarter but wrote none up, and repeated two mistakes. 12 "
            "written-up experiments, about one a week, make Growth a team that learns. Tactic: "
            "a one-page template and a review every Friday."
        ),
        confidence(7, "Small steps, all in our hands."),
        next_up(
            "By {day} I will write the one-page template and hold the first Friday review.",
            due=-42,
            expect=1,
        ),
        at="09:10",
    )
    s.sit(
        kr,
        -42,
        progress(1, "First write-up: the short sign-up form."),
        next_up("Hold the weekly review on {day} and pick two experiments.", due=-35, expect=3),
        closure=done(
            "Template done, first review held.", "One page is enough; nobody read page 2."
        ),
    )
    s.sit(
        kr,
        -35,
        progress(3),
        next_up("Hold the weekly review on {day}; Laura presents the webinar test.", due=-28),
        closure=done("Two experiments picked.", "Picking in the review beats picking alone."),
    )
    s.sit(
        kr,
        -21,
        progress(5, "Behind on write-ups, but the reviews happen."),
        insight(
            "Experiments written up before they start end sooner: the stop rule is on the page."
        ),
        next_up("By {day} I will write up the landing-page test, even though it failed.", due=-14),
        closure=partly(
            "Review held, the write-up came a week late.",
            "Write the result on the day the test ends.",
        ),
    )
    s.sit(
        kr,
        -2,
        progress(8, "Two write-ups this week: the landing pages (failed) and brand bidding."),
        confidence(8, "Well ahead of one a week now; the habit has stuck."),
        next_up(
            "Hold the weekly review on {day} with the whole team and pick next week's test.",
            due=3,
            expect=9,
        ),
        closure=done("Written up, failure and all.", "The failed tests teach the most."),
    )
