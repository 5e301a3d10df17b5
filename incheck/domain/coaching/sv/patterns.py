"""Swedish word lists and patterns, written the way people write check-ins.

Swedish builds compounds ("styrelsemötet", "marknadsföringskanaler", "e-postmarknadsföring"),
so some stems accept a prefix (`\\w*`) or a suffix. Common English loanwords in Swedish
workplaces ("meeting", "sync", "deadline", "workaround") are listed too.
"""

from __future__ import annotations

from ..lexicon import CLOCK, ISO_DATE, NUMERIC_DATE, ONE_TO_ONE, YEAR, Lexicon
from ..text import NUMBER, alt, near, rx

_NUMBER_WORDS = (
    "två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|femton|tjugo|trettio|fyrtio|femtio"
    "|sextio|hundra|tusen|dussin"
)
# "en" and "ett" are left out of counts (they are the articles), but they do start durations.
_COUNT = alt(r"\d+|en|ett|några|ett par|par", _NUMBER_WORDS)
_UNIT = (
    "(?:minut(?:er)?|min|timm(?:e|ar)|tim|dag(?:ar|en)?|veck(?:a|or|an)|månad(?:er|en)?"
    "|kvartal(?:et)?|år(?:et)?|sprint(?:ar|en)?)"
)
_WEEKDAY = "(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en|ens|s|ar|arna)?"
_MONTH_FULL = (
    "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
)
_MONTH = alt(_MONTH_FULL, "jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec") + r"\.?"
_ORDINAL = r"\d{1,2}(?::[ae])?"
_PERIOD = (
    "(?:vecka|veckan|veckas|helg|helgen|månad|månaden|kvartal|kvartalet|sprint|sprinten"
    "|år|året|period|perioden)"
)
_EVENT = (
    r"\w*(?:möte|mötet|mötena|avstämning|avstämningen|incheckning|incheckningen|check-?in"
    "|genomgång|genomgången|demo|demon|lansering|lanseringen|release|releasen|retro|retron"
    "|planering|planeringen|kick-?off|kick-?offen|deadline|konferens|konferensen|mässan"
    "|styrelsen|ledningsgruppen)"
)

_DEADLINE = rx(
    ISO_DATE,
    NUMERIC_DATE,
    _WEEKDAY,
    rf"(?:den )?{_ORDINAL} {_MONTH}",
    _MONTH_FULL,
    # "den 12:e", but not the start of "den 4/12" (a date, matched whole above).
    r"den \d{1,2}(?::[ae])?(?![/\d])|\d{1,2}:[ae]",
    "i morgon|imorgon|i övermorgon|i dag|idag|i kväll|ikväll|i eftermiddag|i förmiddag",
    rf"(?:denna|den här|detta|det här|nästa|kommande|innevarande|i) {_PERIOD}",
    "(?:veckans|månadens|kvartalets|sprintens|årets|periodens) slut",
    "(?:slutet|utgången) (?:av|på) (?:veckan|månaden|kvartalet|sprinten|året|perioden)",
    "månadsskiftet|kvartalsskiftet|årsskiftet|veckoslutet",
    "(?:innan|före|till|inför|senast|fram till|under) (?:jul|julen|påsk|påsken|midsommar"
    "|semestern|sommaren|sommar|nyår|lunch|lunchen|helgen|ledigheten)",
    rf"inom (?:de närmaste |de kommande )?{_COUNT} {_UNIT}|inom (?:veckan|månaden|kvartalet)",
    rf"om {_COUNT} {_UNIT}|{_COUNT} {_UNIT} från (?:nu|idag|i dag)",
    "(?:de )?(?:närmaste|kommande) (?:dagarna|veckorna|dagar|veckor)",
    "nästa (?:check-?in|incheckning|avstämning)",
    "(?:innan|före|inför|senast|fram till) (?:nästa |det |vårt |mitt |den |veckans |månadens )?"
    rf"(?:[\w-]+ ){{0,2}}{_EVENT}",
    rf"till nästa (?:[\w-]+ )?{_EVENT}",
    r"kl\.? ?\d{1,2}(?:[:.]\d{2})?",
    rf"(?:i|under|till|före|innan|år|senast) {YEAR}",
    "(?:i|under|till|före|innan|senast|inom) (?:q|kv|kvartal) ?[1-4]",
    r"(?:v|vv|vecka|veckan|w|week) ?\.? ?(?:[1-9]|[1-4]\d|5[0-3])",
    "eow|eod|eom",
)

_BASELINE_MARKERS = alt(
    "idag|i dag|nu|just nu|för närvarande|i dagsläget|dagsläget|i nuläget|hittills",
    rf"förra {_PERIOD}|senaste {_PERIOD}|i fjol|ifjol|i snitt|snittet|genomsnitt",
    "vi (?:har(?! som mål)|får|fick|hade|ligger på|är på|landade på|gör|tar in|stänger)",
    "ligger (?:vi )?på",
)

LEXICON = Lexicon(
    deadline=_DEADLINE,
    not_quantity=rx(rf"{_COUNT} {_UNIT}", CLOCK, r"kl\.? ?\d{1,2}", ONE_TO_ONE, YEAR, r"\d+ ?h"),
    number_word=rx(_NUMBER_WORDS),
    activity=rx(
        r"\w*möte(?:t|n|na)?|\w*möten|träff(?:a|as|en)?|ses|\w*avstämning(?:en|ar)?",
        "stäm(?:ma|mer)? av|prata(?:r)? (?:med|om)|snacka(?:r)? (?:med|om)|samtal med",
        "diskuter(?:a|ar|as)?|diskussion(?:er)?|synka(?:r)?|sync|meeting|catch-up",
        ONE_TO_ONE,
        "jobba(?:r)? (?:med|på|vidare)|arbeta(?:r)? (?:med|på|vidare)|fortsätt(?:a|er)?",
        "titta(?:r)? (?:på|närmare|över)|kolla(?:r)? (?:på|upp|över)|kika(?:r)? på",
        "se(?:r)? över|fokusera(?:r)? på|följ(?:a|er)? upp|uppföljning|driv(?:a|er)? vidare",
        "ta(?:r)? tag i|komma igång|tänka på|fundera(?:r)? på|undersök(?:a|er)?|utforska",
        "försöka|hålla koll|som vanligt|samma som förra veckan|planera(?:r)?",
        "(?:gå|går|titta|tittar|kolla|kollar) igenom",
        # Outcome verbs restate the key result ("öka antalet leads"); they are not yet a plan.
        "förbättra(?:r)?|optimera(?:r)?|öka(?:r)?|växa",
    ),
    method=rx(
        "genom att|genom|via|med hjälp av|använd(?:a|er)|steg|sedan|sen|därefter|efter det",
        "till sist|slutligen|en i taget|en åt gången|mall",
    ),
    purpose=rx(
        "för att|så att|i syfte att|med målet att|målet är|syftet (?:är|med)",
        "så (?:vi|jag|hon|han|de|teamet|ni) (?:kan|vet|får)",
        "(?:nå|fatta|ta|få) (?:ett )?beslut|för beslut|beslut om|beslutar|besluta",
        "bestämma|bestämmer|välja|väljer|komma fram till|ta reda på|lära oss",
        "testa om|se om|se vilk(?:en|et|a)|validera|bekräfta",
    ),
    concrete_verb=rx(
        "ring(?:a|er|de)?|mejla(?:r)?|maila(?:r)?|skicka(?:r)?|skriv(?:a|er)?|ta(?:r)? fram",
        "sammanställ(?:a|er)?|presenter(?:a|ar)|jämför(?:a)?|boka(?:r)?|intervjua(?:r)?",
        "testa(?:r)?|bygg(?:a|er)?|publicer(?:a|ar)|lanser(?:a|ar)|leverer(?:a|ar)",
        "analyser(?:a|ar)|förbered(?:a|er)?|skapa(?:r)?|bjud(?:a|er)? in|mät(?:a|er)",
        "lista(?:r)?|välj(?:a|er)?|spela(?:r)? in|rekrytera(?:r)?|anställ(?:a|er)?",
        "kontakta(?:r)?|demo(?:a|ar)",
    ),
    why=rx(
        "eftersom|för att|så att|så (?:vi|jag|teamet|ni|de) kan|gör det möjligt|möjliggör(?:a)?",
        "viktig(?:t|a)?|avgörande|kritisk(?:t|a)?|nödvändig(?:t|a)?|krävs för|annars",
        "anledning(?:en)?|skäl(?:et)?|syfte(?:t)?|varför|betyder|innebär|därför",
        "leder till|hjälper|låter oss|ger oss|gör att",
    ),
    baseline=rx(
        "baslinje(?:n)?|utgångsläge(?:t)?|nuläge(?:t)?|startvärde(?:t)?|jämfört med",
        rf"från {NUMBER} till|(?:upp|ned|ner) från",
        near(_BASELINE_MARKERS, alt(NUMBER, _NUMBER_WORDS)),
    ),
    tactic=rx(
        "genom|via|med hjälp av|plan(?:en|er)?|planera(?:r)?|taktik(?:en|er)?|strategi(?:n|er)?",
        "vi ska|vi kommer att|jag ska|jag kommer att|fokusera(?:r)? på|satsa(?:r)? på",
        r"\w*kanal(?:en|er|erna)?|e-?post\w*|mejl\w*|nyhetsbrev\w*|\w*annons\w*|google ads",
        r"linkedin|webb?inar\w*|\w*innehåll(?:et)?|blogg\w*|seo|event(?:et|s)?|\w*mässa",
        r"\w*mässor(?:na)?|kalla samtal|ringa|ringer|uppsökande|\w*kampanj\w*|partner\w*",
        r"rekommendation(?:er)?|sociala medier|podd\w*|kundcase|case|demo(?:n|s)?|pilot(?:er)?",
        r"landningssid\w*|utskick\w*",
    ),
    obstacle=rx(
        r"\w*risk(?:en|er|erna)?|riskera(?:r)?|hinder|hindret|hindren|blocker(?:ing|ingar)?",
        "kapacitet(?:en)?",
        "blockera(?:r|d|t)?|behöv(?:er|s)?|krävs|kräver|beror på|beroende|förutsatt",
        "om|men|dock|såvida|står i vägen|i vägen|problem(?:et|en)?|utmaning(?:en|ar)?",
        "oro(?:lig|ar)?|osäker(?:t|het)?|saknar|saknas|brist(?:er)?|väntar på|ligger efter",
        "tight|trångt|långsam(?:t|ma)?|flaskhals(?:en)?|tveksam(?:t)?|så länge",
    ),
    mitigation=rx(
        "för att minska|minska risken|minimera|sänka risken|vi ska|jag ska|vi kommer att",
        "jag kommer att|genom att|därför|planerar att|tänker|så att|så vi",
        "istället|i stället|plan b|reservplan(?:en)?|backup|eskalera\\w*|be(?:r)? om hjälp",
        "ta hjälp|för att (?:undvika|säkra|kompensera|hinna|komma ikapp)",
        "(?:har|vi har|jag har) (?:redan )?(?:bett|bokat|börjat|lagt till|flyttat|anställt)",
        "nästa steg|åtgärd(?:er)?",
    ),
    way_around=rx(
        "workaround|istället|i stället|lösning(?:en|ar)?|lösa|löser|kringgå|runt",
        r"genom att|ska|kommer att|eskalera\w*|be om|ber|bett|bad|fråga(?:r|t|de)?",
        "tillfällig(?:t|a)?",
        "under tiden|så länge|tills vidare|alternativ(?:et|en)?|plan b|byt(?:a|er) till",
        "manuellt|låna|kontakta(?:r|t)?|pinga(?:r|t)?|(?:vi|jag) kan(?! inte)",
    ),
    reflection=rx(
        "lärde|lärt|lär|lärdom(?:ar|en)?|nästa gång|annorlunda|taktik(?:en|er)?",
        "fungera(?:de|t|r)?|funka(?:de|t|r)?|eftersom|skulle|borde|insikt(?:en|er)?",
        r"misstag(?:et)?|i efterhand|visade sig|insåg|fortsätt(?:a|er)?|ändra|istället",
        r"i stället|överrask\w*|på grund av|pga|underskatt\w*|överskatt\w*",
        "(?:rätt|fel) (?:taktik|beslut|val)|gav resultat|lönade sig",
    ),
    filler=rx(
        "klart|klar|uppdaterat|uppdaterad|uppdatering|ok|okej|bra|ja|nej|inget|ingen|nytt|värde",
        "status|samma|som|förut|planerat|enligt|plan|på|spår|ändring|förändring|sedan|sist",
        "förra|veckan|se|ovan|fortfarande|det|är|allt|hittills|nu|framsteg",
    ),
)
