"""Last quarter in Product: the setup wizard, released three weeks late."""

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
    outcome,
    partly,
)
from incheck.okrs.models import Objective


def write(s: Story, objective: Objective, *, last: int) -> None:
    _wizard(s, objective, last)


def _wizard(s: Story, objective: Objective, last: int) -> None:
    kr = s.key_result(
        objective,
        by="jonas",
        day=1,
        owner="jonas",
        title="Setup wizard v2 released to all new trials",
        kr_type="milestone",
    )
    s.sit(
        kr,
        2,
        context(
            "Idag tar det 9 dagar för en ny klinik att få igång kalendern, och 61 % av de "
            "som slutar fastnar där. En guide i tre steg ska halvera tiden. Taktik: bygga "
            "den med Priya och testa på fem kliniker före release."
        ),
        confidence(7, "Vi vet vad som ska byggas; Outlook är osäkert."),
        next_up("Senast {day} ska en klickbar prototyp vara testad med fem kliniker.", due=20),
    )
    s.sit(
        kr,
        22,
        milestone(
            False,
            "Prototypen testad med fem kliniker: alla fastnade på "
            "personalinbjudan, ingen på kalendern.",
            signal="insight",
        ),
        next_up("Senast {day} ska guiden vara byggd med personalinbjudan sist.", due=50),
        closure=done("Testat med fem kliniker.", "Testa före bygget: vi hade byggt fel steg."),
    )
    found = s.sit(
        kr,
        52,
        blocker(
            "Outlook-synken tappar bokningar för kliniker med delade kalendrar.",
            way_around="Släpp utan Outlook först; Google täcker 70 % av klinikerna.",
        ),
        confidence(5, "Outlook kan försena allt med veckor. Vi släpper Google först om vi måste."),
        next_up("Beslut senast {day}: släppa med eller utan Outlook.", due=58),
        closure=partly(
            "Guiden klar, men Outlook-synken håller inte.",
            "Delade kalendrar fanns inte i vår testdata.",
        ),
    )
    s.resolve(
        blocker_in(found),
        57,
        "Vi släpper med Google och CSV-import; Outlook kommer som eget steg. Att dela upp "
        "releasen var bättre än att vänta.",
    )
    s.sit(
        kr,
        75,
        milestone(True, "Släppt till alla nya testkonton i onsdags!"),
        confidence(10, "Släppt."),
        next_up(
            "Mäta tid till första bokning för de 30 första klinikerna, klart senast {day}.",
            due=last - 4,
        ),
        closure=done("Beslut: utan Outlook.", "Ett litet beslut i tid slår ett stort för sent."),
    )
    s.sit(
        kr,
        last - 3,
        outcome(
            "Släppt, tre veckor sent. Att testa prototypen med kliniker var rätt; Outlook "
            "borde vi ha testat tidigt. Setup tar nu 6 dagar i snitt, inte 4.",
            reached=True,
        ),
        closure=done("Mätt: 6 dagar i median.", "Guiden hjälper, men kalenderimport saknas."),
    )
    s.feedback(
        kr,
        last - 1,
        by="priya",
        signal="continue",
        text="Testing the prototype with five clinics before building saved us weeks. Let's do "
        "it again for the calendar import.",
    )
