"""What the coach says, in Swedish: one short piece of advice per hint code.

Plain strings, not gettext: the domain stays free of Django, and the reviewed language (not the
request's) decides which text is used. A new code needs a message here and in every other
language folder (a contract test checks that none is missing).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "no_deadline": (
        "Lägg till en tidpunkt: ett datum eller en veckodag, t.ex. ”Senast nästa fredag ska "
        "jag …” eller ”4 dec”. ”Snart” räknas inte."
    ),
    "no_how": (
        "Skriv hur: metoden, stegen, ett antal eller syftet – t.ex. ”ta fram 3 alternativ och "
        "presentera dem för Laura för att nå ett beslut”."
    ),
    "no_why": (
        "Berätta varför nyckelresultatet är viktigt och varför just den siffran: vad gör det "
        "möjligt? T.ex. ”vi kan anställa en säljare till”."
    ),
    "no_baseline": (
        "Ange utgångsläget i siffror: var står ni i dag? T.ex. ”i dag får vi 60 leads per kvartal”."
    ),
    "no_tactic": (
        "Beskriv huvudtaktiken för perioden: vilka kanaler och vilket innehåll? T.ex. ”via "
        "e-postmarknadsföring och två webbinarier”."
    ),
    "no_obstacle": (
        "Skriv vad som behövs eller vad som står i vägen: risken som kan hindra dig från att "
        "nå resultatet."
    ),
    "no_mitigation": (
        "Lägg till vad du kan göra för att minska risken, t.ex. ”jag bokar kundsamtalen i "
        "veckan så att en försening syns tidigt”."
    ),
    "no_comment": (
        "Lägg till en kommentar: vad har hänt sedan sist, vad lärde du dig, och har ditt "
        "förtroende ökat eller minskat?"
    ),
    "no_way_around": (
        "Beskriv en väg runt hindret: en tillfällig lösning, vem du ska fråga eller eskalera "
        "till, eller vad du gör istället."
    ),
    "no_reflection": (
        "Reflektera: var taktiken från sammanhanget rätt, och vad skulle du göra annorlunda "
        "nästa gång?"
    ),
}
