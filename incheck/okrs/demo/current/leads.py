"""This quarter for Laura in Growth: her own objective, aligned to the team's funnel.

Her KRs are the healthy ones: checked in every week or two, explicit plans, insights noted.
"""

from __future__ import annotations

from incheck.okrs.demo.story import (
    Story,
    blocker,
    blocker_in,
    confidence,
    context,
    done,
    milestone,
    next_up,
    partly,
    progress,
)
from incheck.okrs.models import Objective


def write(s: Story, parent: Objective) -> None:
    objective = s.objective(
        by="laura",
        day=-48,
        owner="laura",
        parent=parent,
        title="Make webinars and partners our steadiest lead sources",
    )
    _webinar_leads(s, objective)
    _swedish_series(s, objective)
    _referrals(s, objective)


def _webinar_leads(s: Story, objective: Objective) -> None:
    kr = s.key_result(
        objective,
        by="laura",
        day=-47,
        owner="laura",
        title="Leads from webinars",
        kr_type="increase",
        start=60,
        target=200,
        unit="leads",
    )
    s.sit(
        kr,
        -46,
        context(
            "We get 60 webinar leads a quarter now. 200 would feed Sales without more ads. "
            "Tactic: a monthly series for clinic owners, a Swedish track, and the recording "
            "sent to every no-show within a day."
        ),
        confidence(6, "The format works; three a quarter is new for us."),
        next_up(
            "By {day} I will publish the dates for all three months and open registration.",
            due=-40,
            expect=70,
        ),
    )
    s.sit(
        kr,
        -39,
        progress(78, "Registration open; pre-registrations count as leads."),
        confidence(7, "Registrations came faster than last quarter."),
        next_up(
            "Run the October webinar on {day} and call every attendee within 24 hours.",
            due=-29,
            expect=105,
        ),
        closure=done("Dates published in both newsletters.", "Three dates at once fill better."),
    )
    s.sit(
        kr,
        -28,
        progress(112, "October webinar: 52 attended."),
        confidence(8, "Two solid months; the Swedish track decides the rest."),
        next_up(
            "By {day} I will send the October recording to the 40 no-shows and run the "
            "November webinar.",
            due=-15,
            expect=140,
        ),
        closure=done("Ran it, called 50 of 52 the next day.", "The calls are what convert."),
    )
    s.sit(
        kr,
        -14,
        progress(138),
        next_up(
            "Run the November webinar on {day} with the guest from FysioForum; follow up "
            "within 24 hours.",
            due=-6,
            expect=150,
        ),
        closure=partly(
            "Recording sent; the November webinar moved a week for the guest speaker.",
            "Guest speakers bring people but cost us control of the date.",
        ),
    )
    s.sit(
        kr,
        -1,
        progress(
            156,
            "November webinar: 48 attended. The guest brought her own audience.",
            signal="insight",
        ),
        confidence(8, "On pace, with the December date booked."),
        next_up(
            "By {day} I will book the December guest and send the invitation to all 3 partner "
            "newsletters.",
            due=7,
            expect=175,
        ),
        closure=done(
            "Ran it with the guest, followed up all 48.", "Guests with an audience beat ads."
        ),
    )
    s.feedback(
        kr,
        -1,
        by="demo",
        signal="continue",
        at="16:30",
        text="Calling every attendee within a day is why this works. Keep it as the series grows, "
        "even if it means fewer webinars.",
    )


def _swedish_series(s: Story, objective: Objective) -> None:
    kr = s.key_result(
        objective,
        by="laura",
        day=-47,
        owner="laura",
        title="Swedish webinar series launched with its first session",
        kr_type="milestone",
    )
    s.sit(
        kr,
        -45,
        context(
            "Our webinars are in English; half the owners we talk to prefer Swedish. A Swedish "
            "series opens the smaller clinics outside Stockholm. Tactic: a co-host who speaks "
            "Swedish, first session in November."
        ),
        confidence(6, "I need a Swedish-speaking co-host; I don't have one yet."),
        next_up("By {day} I will find a Swedish-speaking co-host.", due=-35),
    )
    s.sit(
        kr,
        -34,
        milestone(False, "Co-host found."),
        next_up("By {day} I will publish the Swedish landing page, reviewed by Elin.", due=-21),
        closure=done("Elin from CS will co-host.", "Asking inside the company was fastest."),
    )
    s.sit(
        kr,
        -20,
        milestone(False, "Landing page live, 23 registered."),
        confidence(7, "Registrations look fine for a first session."),
        next_up("Run the first Swedish session on {day}.", due=-8),
        closure=partly(
            "Page live, but the invitation went out a week late: translation took time.",
            "Write in Swedish from the start instead of translating.",
        ),
    )
    s.sit(
        kr,
        -7,
        milestone(True, "First session held: 37 attended, 12 asked for a demo.", signal="insight"),
        confidence(10, "Launched."),
        next_up("By {day} I will set the dates for 3 Swedish sessions next quarter.", due=8),
        closure=done("Held it with Elin; 37 came.", "Small clinics ask more: plan longer Q&A."),
    )


def _referrals(s: Story, objective: Objective) -> None:
    kr = s.key_result(
        objective,
        by="laura",
        day=-47,
        owner="laura",
        title="Leads from partner referrals",
        kr_type="increase",
        start=10,
        target=60,
        unit="leads",
    )
    s.sit(
        kr,
        -46,
        context(
            "Partners send us 10 leads a quarter without trying. 60 would make referrals our "
            "second channel. Tactic: a referral deal with 5 partners that have newsletters, "
            "with a month free for referred clinics."
        ),
        confidence(5, "No partner has signed yet, and legal may be slow."),
        next_up(
            "By {day} I will draft the referral terms and get them approved by Maja and legal.",
            due=-37,
        ),
        at="11:40",
    )
    found = s.sit(
        kr,
        -36,
        progress(12),
        blocker(
            "Legal needs a data processing agreement before we can sign any referral partner.",
            way_around="Start from the agreement in our customer contract.",
        ),
        next_up(
            "By {day} I will have the agreement adapted and the first 2 partners signed.",
            due=-25,
            expect=15,
        ),
        closure=partly(
            "Terms drafted; legal wants a data processing agreement first.",
            "Start the legal review on day one: it is the slow part.",
        ),
    )
    s.resolve(
        blocker_in(found),
        -27,
        "Legal accepted our customer agreement with two changes. Reusing what exists beat "
        "writing from scratch.",
    )
    s.sit(
        kr,
        -25,
        progress(19, "Two partners signed, and they sent 7 leads in their first week."),
        confidence(7, "Partners deliver faster than I expected; keeping them engaged is the risk."),
        next_up(
            "By {day} I will sign 2 more partners with newsletters and send each a ready-made "
            "article.",
            due=-15,
            expect=28,
        ),
        closure=done("FysioForum and KlinikEkonomi signed.", "Partners with a newsletter deliver."),
        at="11:40",
    )
    s.sit(
        kr,
        -13,
        progress(29),
        next_up(
            "By {day} I will send the December article to all 3 partners and track the leads "
            "per partner.",
            due=3,
            expect=36,
        ),
        closure=partly(
            "Signed one; the other wants to wait until January.",
            "Ready-made articles get published; asks for a mention don't.",
        ),
        at="11:40",
    )
    s.sit(kr, -4, progress(34, "5 referrals this week from the partner article."), at="11:40")
