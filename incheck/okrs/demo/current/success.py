"""This quarter in Customer Success, led by Elin (who writes in Swedish), with Tom.

Elin's churn KR is healthy and got past its blocker; Tom closed his last Next Up without a new
one, and his health-score KR has had no check-in for weeks: it is dead.
"""

from __future__ import annotations

from incheck.okrs.demo.story import (
    Story,
    blocker,
    blocker_in,
    confidence,
    context,
    done,
    dropped,
    milestone,
    next_up,
    not_done,
    partly,
    progress,
)
from incheck.okrs.models import Objective


def write(s: Story) -> None:
    objective = s.objective(
        by="elin",
        day=-49,
        team="Customer Success",
        title="Clinics stay because they love working with us",
    )
    _churn(s, objective)
    _nps(s, objective)
    _health_score(s, objective)


def _churn(s: Story, objective: Objective) -> None:
    kr = s.key_result(
        objective,
        by="elin",
        day=-48,
        owner="elin",
        title="Monthly logo churn",
        kr_type="decrease",
        start=2.4,
        target=1.5,
        unit="%",
    )
    s.sit(
        kr,
        -47,
        context(
            "Vi tappar 2,4 % av klinikerna varje månad. Vid 1,5 % växer vi utan att sälja mer. "
            "Taktik: ringa kliniker med låg aktivitet, erbjuda paus i stället för uppsägning "
            "och följa upp varje uppsägning."
        ),
        confidence(6, "Samtalen kan vi styra; pausen kräver hjälp från ekonomi."),
        next_up(
            "Senast {day} ska vi ha en lista över kliniker med låg aktivitet, uppdaterad varje "
            "måndag.",
            due=-40,
        ),
    )
    s.sit(
        kr,
        -40,
        progress(2.4, "Listan finns: 38 kliniker med låg aktivitet."),
        next_up(
            "Ringa de 38 klinikerna senast {day}; Tom och jag delar listan.", due=-30, expect=2.2
        ),
        closure=done("Listan uppdateras automatiskt.", "Inloggningar säger mer än bokningar."),
    )
    found = s.sit(
        kr,
        -30,
        progress(2.1, "Samtalen ger resultat: 6 kliniker stannade."),
        blocker(
            "Faktureringen kan inte pausa abonnemang, så kliniker med säsongsuppehåll säger upp "
            "i stället.",
            way_around="Manuell paus via support tills vidare.",
        ),
        next_up("Senast {day} ska ekonomi och jag ha en manuell pausrutin på plats.", due=-22),
        closure=partly("Vi nådde 29 av 38.", "Förmiddagar fungerar; efter lunch svarar ingen."),
    )
    s.resolve(
        blocker_in(found),
        -23,
        "Ekonomi pausar abonnemang på begäran, upp till 2 månader. 4 kliniker pausade i stället "
        "för att säga upp. Lärdom: fråga ekonomi tidigt, de hade en lösning hela tiden.",
    )
    s.sit(
        kr,
        -22,
        progress(1.9),
        confidence(7, "Pausrutinen fungerar och listan håller oss i fas."),
        next_up(
            "Senast {day} ska pausen finnas som knapp i kundportalen, i stället för via support.",
            due=-10,
            expect=1.8,
        ),
        closure=done("Rutinen på plats.", "En manuell rutin räcker för att lära oss behovet."),
    )
    s.sit(
        kr,
        -9,
        progress(1.8),
        confidence(7, "Stabilt. December är osäker: kliniker säger upp inför nyår."),
        next_up(
            "Senast {day} ringer vi alla som sagt upp i november och frågar varför.",
            due=4,
            expect=1.7,
        ),
        closure=not_done(
            "Knappen hann inte med i sprinten.",
            "Det vi behöver från Product måste in i deras planering, inte vår.",
        ),
    )


def _nps(s: Story, objective: Objective) -> None:
    kr = s.key_result(
        objective,
        by="tom",
        day=-47,
        owner="tom",
        title="NPS from clinic owners",
        kr_type="increase",
        start=31,
        target=45,
        unit="points",
    )
    s.sit(
        kr,
        -46,
        context(
            "Our NPS is 31 and the detractors all mention slow answers. 45 would put us at the "
            "top of booking tools. Tactic: answer every ticket within 4 working hours and call "
            "every detractor."
        ),
        confidence(6, "Answer times we control; the survey comes once a month."),
        next_up(
            "By {day} I will list the detractors from the October survey and call the first 10.",
            due=-37,
        ),
    )
    s.sit(
        kr,
        -36,
        progress(
            33,
            "October survey: 33. Most detractors complain about late SMS reminders, not support.",
            signal="insight",
        ),
        next_up(
            "By {day} I will get the SMS delay onto Product's roadmap, with the calls as evidence.",
            due=-25,
        ),
        closure=done("Called 10 detractors.", "7 of 10 had the same problem: late SMS reminders."),
    )
    s.sit(
        kr,
        -24,
        progress(35),
        confidence(7, "The SMS fix is planned; it should lift the next survey."),
        next_up("Follow up on the SMS thing.", due=-12),
        closure=done(
            "Jonas put it in the next sprint.",
            "Evidence from calls moves a roadmap faster than a ticket.",
        ),
    )
    # No new plan after this one: the KR is left without a Next Up.
    s.sit(kr, -5, progress(38, "November survey: 38. The SMS fix shipped last week."))
    s.close(
        kr,
        -5,
        dropped(
            "Didn't need to: Product shipped the fix on their own.",
            "Plans that depend on others' work need a date from them, not from me.",
        ),
    )


def _health_score(s: Story, objective: Objective) -> None:
    kr = s.key_result(
        objective,
        by="tom",
        day=-47,
        owner="tom",
        title="Health score live for every clinic in the CRM",
        kr_type="milestone",
    )
    s.sit(
        kr,
        -45,
        context(
            "We notice unhappy clinics only when they cancel. A health score in the CRM (logins, "
            "bookings, tickets) lets us call them first. Tactic: a spreadsheet first, automate "
            "when the formula works."
        ),
        confidence(5, "Depends on event data from Product."),
        next_up(
            "By {day} I will have the formula in a spreadsheet for the 40 largest clinics.", due=-38
        ),
    )
    s.sit(
        kr,
        -37,
        milestone(False, "The spreadsheet works for 25 clinics."),
        confidence(4, "Older accounts lack event data. I need Priya's help, and she is busy."),
        next_up("Talk to Priya about the event data.", due=-30),
        closure=partly(
            "The formula works, but only for 25: older accounts have no event data.",
            "Check the data before designing the formula.",
        ),
    )
    s.sit(
        kr,
        -26,
        milestone(False),
        next_up(
            "By {day} I will decide with Elin whether to launch for the 25 clinics we have data "
            "for.",
            due=-20,
        ),
        closure=not_done("Priya had no time.", "Ask for someone's time in their planning meeting."),
    )
    s.feedback(
        kr,
        -3,
        by="elin",
        signal="consider",
        text="This one has been quiet for weeks. Consider launching for the 25 clinics now, or "
        "dropping it this quarter and saying so.",
    )
