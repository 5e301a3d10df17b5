"""Localised advice per hint: short, friendly, and saying how to make the check-in better.

Written here as plain strings rather than through gettext so that the domain stays free of
Django; the reviewed language, not the request's, decides which text is used.
"""

from __future__ import annotations

MESSAGES: dict[tuple[str, str], str] = {
    ("en", "no_deadline"): (
        "Add a time anchor: a date or a weekday, e.g. 'By next Friday I will …' or 'by 4 Dec'. "
        "'Soon' and 'asap' don't count."
    ),
    ("en", "no_how"): (
        "Say how: the method, the steps, a number or the purpose — e.g. 'compare 3 options and "
        "present them to Laura so she can decide'."
    ),
    ("en", "no_why"): (
        "Say why this key result matters and why this number: what does reaching it enable? "
        "E.g. 'lets us hire a second sales rep'."
    ),
    ("en", "no_baseline"): (
        "Give the baseline: where are you today, in numbers? E.g. 'we get 60 leads a quarter now'."
    ),
    ("en", "no_tactic"): (
        "Name the main tactic for the period: which channels, content or approach? "
        "E.g. 'through e-mail campaigns and two webinars'."
    ),
    ("en", "no_obstacle"): (
        "Say what is needed or what stands in the way: the risk that could keep you from "
        "reaching it."
    ),
    ("en", "no_mitigation"): (
        "Add what you can do to lower the risk, e.g. 'I'll book the customer calls this week "
        "so a slip shows early'."
    ),
    ("en", "no_comment"): (
        "Add a comment: what happened since last time, what did you learn, and did your "
        "confidence go up or down?"
    ),
    ("en", "no_way_around"): (
        "Name a way around it: a workaround, who you'll ask or escalate to, or what you'll do "
        "instead meanwhile."
    ),
    ("en", "no_reflection"): (
        "Reflect: was the tactic from the Context right, and what would you do differently "
        "next time?"
    ),
    ("sv", "no_deadline"): (
        "Lägg till en tidpunkt: ett datum eller en veckodag, t.ex. ”Senast nästa fredag ska "
        "jag …” eller ”4 dec”. ”Snart” räknas inte."
    ),
    ("sv", "no_how"): (
        "Skriv hur: metoden, stegen, ett antal eller syftet – t.ex. ”ta fram 3 alternativ och "
        "presentera dem för Laura för att nå ett beslut”."
    ),
    ("sv", "no_why"): (
        "Berätta varför nyckelresultatet är viktigt och varför just den siffran: vad gör det "
        "möjligt? T.ex. ”vi kan anställa en säljare till”."
    ),
    ("sv", "no_baseline"): (
        "Ange utgångsläget i siffror: var står ni i dag? T.ex. ”i dag får vi 60 leads per kvartal”."
    ),
    ("sv", "no_tactic"): (
        "Beskriv huvudtaktiken för perioden: vilka kanaler och vilket innehåll? T.ex. ”via "
        "e-postmarknadsföring och två webbinarier”."
    ),
    ("sv", "no_obstacle"): (
        "Skriv vad som behövs eller vad som står i vägen: risken som kan hindra dig från att "
        "nå resultatet."
    ),
    ("sv", "no_mitigation"): (
        "Lägg till vad du kan göra för att minska risken, t.ex. ”jag bokar kundsamtalen i "
        "veckan så att en försening syns tidigt”."
    ),
    ("sv", "no_comment"): (
        "Lägg till en kommentar: vad har hänt sedan sist, vad lärde du dig, och har ditt "
        "förtroende ökat eller minskat?"
    ),
    ("sv", "no_way_around"): (
        "Beskriv en väg runt hindret: en tillfällig lösning, vem du ska fråga eller eskalera "
        "till, eller vad du gör istället."
    ),
    ("sv", "no_reflection"): (
        "Reflektera: var taktiken från sammanhanget rätt, och vad skulle du göra annorlunda "
        "nästa gång?"
    ),
}


def message(lang: str, code: str) -> str:
    """The advice for `code` in `lang` (both already validated by the caller)."""
    return MESSAGES[(lang, code)]
