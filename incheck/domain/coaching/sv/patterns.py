"""Swedish word lists and patterns, written the way people write check-ins.

Swedish builds compounds ("styrelsemötet", "marknadsföringskanaler", "e-postmarknadsföring"),
so some stems accept a prefix (`\\w*`) or a suffix. Common English loanwords in Swedish
workplaces ("meeting", "sync", "deadline", "workaround") are listed too. Each pattern is a
`|`-separated list of regex fragments over normalised text (see `text.normalise`), matched as
whole words after the aliases are expanded; what counts is decided in LABELLING.md.
"""

from __future__ import annotations

import re

from ..lexicon import (
    CLOCK,
    ISO_DATE,
    NUMERIC_DATE,
    ONE_TO_ONE,
    YEAR,
    Lexicon,
    without_diacritics_too,
)
from ..text import NUMBER, Aliases, alt, before, near, rx

ALIASES = Aliases(
    {
        "imorn": "imorgon",
        "imorrn": "imorgon",
        "imon": "imorgon",
        "i morrn": "imorgon",
        "i morn": "imorgon",
        "m": "med",
        "ang": "angående",
        "ang.": "angående",
        "e": "är",
        "pga": "på grund av",
        "p.g.a": "på grund av",
        "fr.o.m": "från och med",
        "fr o m": "från och med",
        "t.o.m": "till och med",
        "mkt": "mycket",
        "ca": "cirka",
    }
)

_NUMBER_WORDS = (
    "två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|femton|tjugo|trettio|fyrtio|femtio"
    "|sextio|hundra|tusen|dussin"
)
# "en" and "ett" are left out of counts (they are the articles), but they do start durations.
_COUNT = alt(r"\d+|en|ett|några|ett par|par|flera", _NUMBER_WORDS)
_UNIT = (
    "(?:minut(?:er)?|min|timm(?:e|ar)|tim|h|dag(?:ar|en)?|dygn|veck(?:a|or|an)|månad(?:er|en)?"
    "|kvartal(?:et)?|år(?:et)?|sprint(?:ar|en)?|eftermiddag(?:ar)?|förmiddag(?:ar)?)"
)
_DAY = "(?:mån|tis|ons|tors|fre|lör|sön)"
_WEEKDAY = rf"{_DAY}dag(?:en|ens)?"
_MONTH_FULL = (
    "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
)
_MONTH = alt(_MONTH_FULL, "jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec") + r"\.?"
_ORDINAL = r"\d{1,2}(?::[ae])?"
_PERIOD = (
    "(?:vecka|veckan|veckas|helg|helgen|månad|månaden|kvartal|kvartalet|sprint|sprinten"
    "|år|året|period|perioden|termin|terminen)"
)
_EVENT = (
    r"\w*(?:möte|mötet|mötena|avstämning|avstämningen|incheckning|incheckningen|check-?in"
    "|genomgång|genomgången|demo|demon|lansering|lanseringen|release|releasen|retro|retron"
    "|planering|planeringen|kick-?off|kick-?offen|deadline|konferens|konferensen|mässan"
    r"|styrelsen|ledningsgruppen|terminen|terminsstart|lovet|helgerna|jul|julen|semestern"
    r"|revisionen|besiktningen|inspektionen|tentan|flytten|överlämningen|bokslutet|frosten"
    r"|skörden|rusningen|säsongen|våren|hösten|vintern|sommaren|giving tuesday|black friday)"
)
_RECURRING = alt(
    rf"(?:varje|var|varannan|var tredje) (?:\w+ )?(?:{_WEEKDAY}|{_PERIOD}|morgon|kväll|dag|gång)"
    rf"(?:(?: och|,| eller) {_WEEKDAY})*",
    rf"(?:på )?{_DAY}dag(?:ar|arna)|{_DAY}dags(?:morgnar|kvällar|eftermiddagar)",
    r"som (?:vanligt|alltid)",
    "dagligen|veckovis|varje vecka|månadsvis|löpande|återkommande",
)
_PAST = alt(
    rf"(?:sedan |sen )?i {_DAY}dags|sedan (?:i )?(?:går|morse|förra \w+)",
    rf"förra {_PERIOD}|i förrgår|igår|i går|i morse|förut|hittills|tidigare i veckan",
    rf"för {_COUNT} {_UNIT} sedan|{_COUNT} {_UNIT} sedan",
    r"(?:blev|var|gjordes) (?:klar|klart|gjord|gjort)|gjordes|skickades|hölls",
)

_DEADLINE = rx(
    ISO_DATE,
    NUMERIC_DATE,
    _WEEKDAY,
    rf"(?:på |till |senast |nästa |innan |före |i )?{_DAY}\.?",
    rf"(?:den )?{_ORDINAL} {_MONTH}",
    _MONTH_FULL,
    # "den 12:e", but not the start of "den 4/12" (a date, matched whole above).
    r"den \d{1,2}(?::[ae])?(?![/\d])|\d{1,2}:[ae]",
    "i morgon|imorgon|i övermorgon|i dag|idag|i kväll|ikväll|i eftermiddag|i förmiddag",
    "(?:i|till|före|innan|under|nästa|senast) (?:vår|våren|höst|hösten|vinter|vintern|sommar)",
    rf"(?:denna|den här|detta|det här|nästa|kommande|innevarande|i) {_PERIOD}",
    "(?:veckans|månadens|kvartalets|sprintens|årets|periodens|terminens) slut",
    r"q[1-4]:?s slut",
    "(?:slutet|utgången) (?:av|på) (?:veckan|månaden|kvartalet|sprinten|året|perioden|terminen)",
    "(?:innan|tills|till|när) (?:sprinten|veckan|månaden|kvartalet|terminen|perioden|året)"
    " (?:är |tar )?slut",
    "månadsskiftet|kvartalsskiftet|årsskiftet|veckoslutet|terminsslutet",
    "(?:innan|före|till|inför|senast|fram till|under|efter) (?:jul|julen|påsk|påsken|midsommar"
    "|semestern|sommaren|sommar|nyår|lunch|lunchen|helgen|helgerna|ledigheten|lovet)",
    rf"inom (?:de närmaste |de kommande )?{_COUNT} {_UNIT}|inom (?:veckan|månaden|kvartalet)",
    rf"om {_COUNT} {_UNIT}|{_COUNT} {_UNIT} från (?:nu|idag|i dag)",
    "(?:de )?(?:närmaste|kommande) (?:dagarna|veckorna|dagar|veckor)",
    "nästa (?:check-?in|incheckning|avstämning)",
    "(?:innan|före|inför|senast|fram till|efter|över|under) (?:nästa |det |vårt |mitt |den |veckans"
    rf" |månadens )?(?:[\w-]+ ){{0,2}}{_EVENT}",
    rf"till nästa (?:[\w-]+ )?{_EVENT}",
    r"kl\.? ?\d{1,2}(?:[:.]\d{2})?",
    rf"(?:i|under|till|före|innan|år|senast) {YEAR}",
    "(?:i|under|till|före|innan|senast|inom) (?:q|kv|kvartal) ?[1-4]",
    r"(?:v|vv|vecka|veckan|w|week) ?\.? ?(?:[1-9]|[1-4]\d|5[0-3])",
    "eow|eod|eom|end of day",
)

_MEASURE = (
    r"(?<!till )(?<!mål )(?<!målet )(?<!nå )(?<!når )(?<!behöver )(?<!alla )(?<!prio )"
    r"(?<!under )(?<!över )(?<!än )(?<!ner till )"
    rf"(?:{NUMBER}(?:%|k|h|ms|s|min|x)?|noll)"
)
# Times that place a number today or in the past: a few words may stand between them.
_NOW = alt(
    "idag|i dag|nu|just nu|för närvarande|i dagsläget|dagsläget|i nuläget|hittills",
    rf"förra {_PERIOD}|senaste {_PERIOD}|i fjol|ifjol|i snitt|snittet|genomsnitt\w*|snitt\w*",
    rf"i {_MONTH}",
)
# A number the text marks as the target where it stands: "till 75 %", "över 3 000", "< 5 %".
_TARGET_NUMBER = re.compile(
    r"(?:\b(?:till|under|över|mer än|fler än|mindre än|färre än|minst|högst|max(?:imalt)?"
    r"|som mest|som minst|inom|ner till|upp till|nå|når)|[<>≤≥]) ?"
    rf"(?:\d{{1,3}}(?: \d{{3}})+|{NUMBER})\S*|\b{NUMBER}\S*\+"
)
# Verbs that state a measure: only right next to the number ("är 92 %", "väntar 19 dagar").
_STATE = alt(
    "vi (?:har(?! som mål)|får|fick|hade|ligger på|är på|landade på|gör|tar in|stänger|kör"
    "|håller|säljer)",
    r"ligger (?:vi )?på|är|var|har|hade|tar|tog|lägger|väntar|betalar|rapporterar|får|fick",
    r"går med|bränner|läser",
)

# Swedish typed on a keyboard without å, ä and ö ("mote med Anna pa fredag") reads the same.
LEXICON = without_diacritics_too(
    Lexicon(
        aliases=ALIASES,
        deadline=_DEADLINE,
        not_deadline=rx(_RECURRING, _PAST),
        past=rx(_PAST, "deployade|stängde|startade|gjorde|skickade|träffade|höll"),
        not_quantity=rx(
            rf"{_COUNT}[- ]{_UNIT}",
            CLOCK,
            r"kl\.? ?\d{1,2}",
            ONE_TO_ONE + "s?",
            YEAR,
            r"\d+ ?h|\w+\+\d+",
            r"(?:plan|våning|åk|årskurs|klass|nivå|rum|sal|steg|fas|version|nr|#) ?\d+",
        ),
        number_word=rx(_NUMBER_WORDS),
        vague_amount=rx(
            r"(?:några|ett par|ett antal|flera|fler|lite|en del|en massa|massa|diverse|många)"
            r" (?!av (?:de|dem|våra))(?!gånger\b|mer\b)[^\W\d_]\w+"
        ),
        activity=rx(
            r"\w*(?:möte(?:t|n|na)?|möten|avstämning(?:en|ar)?|genomgång(?:en)?|planering(?:en)?)",
            r"få (?:\w+ ){1,3}att (?:gå ihop|fungera|funka|rulla)|få (?:ner|upp|bort|till)",
            r"träff(?:a|as|en)?|ses",
            "stäm(?:ma|mer)? av|prata(?:r)? (?:med|om)|snacka(?:r)? (?:med|om)|samtal med",
            "ta(?:r)? ett snack|snack med|fika|lunch|kaffe|ta en kaffe|aw|after work|middag",
            r"frukost|promenad\w*|workshop|catcha upp|höras|huddle|samråd\w*|konferens\w*",
            r"kick-?off|internat|offsite|kvartalsgenomgång\w*",
            "diskuter(?:a|ar|as)?|diskussion(?:er)?|synka(?:r)?|sync|meeting|catch-up",
            ONE_TO_ONE,
            "jobba(?:r)? (?:med|på|vidare)|arbeta(?:r)? (?:med|på|vidare)|fortsätt(?:a|er)?",
            "fortsatta|titta(?:r)? (?:på|närmare|över)|kolla(?:r)? (?:på|upp|över)|kika(?:r)? på",
            "se(?:r)? över|fokusera(?:r)? på|följ(?:a|er)? upp|uppföljning|driv(?:a|er)? (?:vidare"
            "|framåt|på)|driva",
            "ta(?:r)? tag i|komma igång|tänka på|fundera(?:r)? på|undersök(?:a|er)?|utforska",
            "försöka|hålla koll|ha koll|som vanligt|samma som förra veckan|planera(?:r)?",
            "(?:gå|går|titta|tittar|kolla|kollar) igenom|gräva i|förbered(?:a|er)?|engagera",
            "fixa(?:r)?|laga(?:r)?|göra klart|bli klar med|slutföra|färdigställa|ta hand om",
            r"hjälpa till|höra av (?:mig|oss|dig)|lägga (?:\w+ ){0,3}på att|hålla farten|städa",
            r"parprogrammera|iterera|köra hårt|nu kör vi|felsöka|åtgärda|ta itu med|hantera",
            r"vårda|stärka|bredda|relation(?:en|er)?|vara mer \w+|marknadsföra|pusha|få ordning",
            # Outcome verbs restate the key result ("öka antalet leads"); they are not yet a plan.
            "förbättra(?:r)?|optimera(?:r)?|öka(?:r)?|växa|minska(?:r)?|höja|sänka",
        ),
        method=rx(
            "genom att|genom|via|med hjälp av|använd(?:a|er)|steg|sedan|sen|därefter|efter det",
            "till sist|slutligen|en i taget|en åt gången|mall|antingen (?:\\w+ ){1,6}eller",
        ),
        purpose=rx(
            "för att|så att|i syfte att|med målet att|målet är|syftet (?:är|med)",
            r"så (?:vi|jag|hon|han|de|teamet|ni|\w+) (?:kan|vet|får|går)",
            "(?:nå|fatta|ta|få) (?:ett )?beslut|för beslut|beslut om|beslutar|besluta",
            "bestämma|bestämmer|välja|väljer|komma fram till|ta reda på|lära oss",
            "testa om|se om|se vilk(?:en|et|a)|validera|bekräfta|enas om|komma överens",
            "(?:ett )?ja eller nej|fråga om",
        ),
        concrete_verb=rx(
            "ring(?:a|er|de)?|mejla(?:r)?|maila(?:r)?|skicka(?:r)?|skriv(?:a|er)?|ta(?:r)? fram",
            "sammanställ(?:a|er)?|presenter(?:a|ar)|jämför(?:a)?|boka(?:r)?|intervjua(?:r)?",
            "testa(?:r)?|bygg(?:a|er)?|publicer(?:a|ar)|lanser(?:a|ar)|leverer(?:a|ar)",
            "analyser(?:a|ar)|skapa(?:r)?|bjud(?:a|er)? in|mät(?:a|er)|räkna|sätta upp",
            "lista(?:r)?|välj(?:a|er)?|spela(?:r)? in|rekrytera(?:r)?|anställ(?:a|er)?",
            "kontakta(?:r)?|demo(?:a|ar)|notera|markera|skissa|revidera|lämna in|beställ(?:a)?",
            "installera|dela|kartlägga|läsa|skriva ut|fråga|be om",
        ),
        joiner=re.compile(r"\b(?:och|sedan|sen|därefter|plus|(?:jag|vi) ska)\b|[.:](?= )"),
        why=rx(
            "eftersom|för att|så att|gör det möjligt|möjliggör(?:a)?|krävs för|annars",
            r"så (?:vi|jag|teamet|ni|de|kunderna|folk) (?:kan|slipper|slutar|stannar)",
            "anledning(?:en)?|skäl(?:et)?|syfte(?:t)?|varför|(?:det |vilket )?betyder att|innebär",
            r"vilket betyder|leder till|ledde till|hjälper (?:oss|till)|låter (?:oss|dem|\w+)",
            r"ger oss|frigör\w*|täcker|betalar (?:för )?(?:de|den|det|\w+en)|kan vi inte behålla",
            r"håller (?:oss|dem|kvar)|sparar|slipper|stannar (?:\w+ )?(?:längre|kvar|hos oss)",
            r"kostar|kostade|tappar|förlorar|kan inte|kan vi inte|aldrig|överger|sliter ut",
            r"äter upp|halkar efter|blir tunn|på grund av|väntar på oss|hoppar av|ensamma",
            r"för (?:lite|få|långsam\w*|dyr\w*)|inte tillräckligt|hittar inte|klagar|klagomål",
            r"enstjärniga|hänger på|tar slut|går (?:över )?till (?:privat|konkurrent\w*)",
            r"gör (?:\w+ ){1,3}till|lägger (?:\w+ ){0,2}\d+ (?:timmar|dagar) (?:i|per) \w+ på",
            r"täck(?:a|er)|hinner (?:vi|de|ni)|lämna|säga upp sig|sagt upp sig|slutar",
            r"betyder (?!mycket|allt|väldigt)|försenar|sjunker|håller inne|tappar|ingenstans",
            r"betyda att|strunta\w* i|finnas kvar|överleva|hänger (?:\w+ )?på|incident\w*",
            r"intrång|nätfiske\w*|attack\w*|skulle (?:finansiera|betala|täcka|frigöra)",
            r"finansiera|skyddar|håller (?:\w+ ){0,2}bemannad|går (?:därifrån|hem)|gör att",
            r"missnöjd\w*|dyker upp i|nämner",
            "(?:vi )?nekar|ger (?:de flesta|mest|\\w+ klagomål)|för dyrt|saknade",
            "(?<!tid )till att (?:anställa|behålla|växa|nå)",
        ),
        target=rx(
            rf"mål|målet|vill ha|behöver|prio|i tid|→ {NUMBER}|till {NUMBER}|nå {NUMBER}|når",
            r"ner till|upp till",
            rf"(?:till|senast|före) (?:{_MONTH_FULL}|q[1-4]|slutet|årsskiftet|våren|sommaren|hösten"
            r"|vintern|jul|julen|påsk|nyår)|gör att|täcker",
            r"betalar|låter|skulle|betyder|ska|kommer att|bör|plan|(?:vi|jag) \w+r\b",
        ),
        target_number=_TARGET_NUMBER,
        now=rx(
            "idag|i dag|nu|just nu|för närvarande|i dagsläget|dagsläget|i nuläget|hittills",
            rf"förra {_PERIOD}|senaste {_PERIOD}|i fjol|ifjol|i snitt|snittet|genomsnitt\w*",
            _PAST,
        ),
        baseline=rx(
            "baslinje(?:n)?|utgångsläge(?:t)?|nuläge(?:t)?|startvärde(?:t)?|jämfört med",
            rf"från {NUMBER}\S*(?: %)? (?:\w+ )?till|(?:upp|ned|ner) från",
            # en andel som den är: "23 % av timmarna är omarbete"
            rf"{NUMBER} ?% av (?:[\w-]+ ){{1,3}}(?:är|var|blir|går|får|hittas|avbokas|uteblir)",
            rf"{NUMBER}\S*(?: %)? (?:\S+ ){{0,3}}→ {NUMBER}",
            rf"{NUMBER} (?:av|i) {NUMBER}",
            rf"(?:ungefär|cirka|runt|omkring|~) ?{NUMBER}",
            "vi (?:har|hade|får) (?:inget|ingen|inga|noll)",
            near(_NOW, _MEASURE),
            before(_STATE, _MEASURE, gap=2),
        ),
        tactic=rx(
            "genom|via|med hjälp av|plan(?:en|er)?|planera(?:r)?|taktik(?:en|er)?",
            "strategi(?:n|er)?|(?:istället|i stället) för",
            "vi ska|vi kommer att|jag ska|jag kommer att|fokusera(?:r)? på|satsa(?:r)? på|ska vi",
            # Compounds end in these ("e-postkampanj", "kvällsmottagning"); one \w* for all.
            r"\w*(?:kanal(?:en|er|erna)?|annons\w*|innehåll(?:et)?|mässa|mässor(?:na)?|kampanj\w*"
            r"|samtal|schema|triage\w*|app|dashboard\w*|mall|pass|mottagning|rundor)",
            r"e-?post\w*|mejl\w*|nyhetsbrev\w*|google ads|linkedin|webb?inar\w*|blogg\w*|seo",
            r"event(?:et|s)?|kalla samtal|ringa|ringer|uppsökande|partner\w*",
            r"rekommendation(?:er)?|sociala medier|podd\w*|kundcase|case|demo(?:n|s)?|pilot(?:er)?",
            r"landningssid\w*|utskick\w*",
            r"lägg(?:er|a)? till|larma(?:r)?|cacha(?:r)?|cache|justera(?:r)?",
            r"skriv(?:er|a)? (?:om|dem|en|de|vi)|inför(?:a|er)?|erbjud(?:a|er)|flytta(?:r)?",
            r"jaga(?:r)?",
            r"prova(?:r)?|korta(?:r)?|öppna(?:r)?|omplacera(?:r)?|rulla(?:r)? ut|para(?:r)? ihop",
            r"lansera(?:r)?|rita(?:r)? om|slå(?:r)? ihop|automatisera(?:r)?|utbilda(?:r)?",
            r"rekrytera(?:r)?|anställ(?:a|er)? (?:\d|två|tre|en|ett|fler)|kör(?:a)? (?!hårt)",
            r"bygg(?:a|er)|testa(?:r)?|byt(?:a|er)? till|söker|sök(?:a)? hos",
            r"upphandla(?:r)?|skicka(?:r)?|autosvar|påminnelse\w*|sms|checklista|workshop\w*",
            r"installera\w*|uppgradera\w*|köpa|\w*besök|\w*utmaning|tävling\w*|kurs\w*",
            r"\w*avstämningar|\w*genomgångar|\w*hörna|bör (?!vara\b)\w+|flyttas|införs|läggs",
            r"sälj(?:a|er|s)|(?:kortare|enklare|billigare|mindre|tydligare|utspridda) \w+",
            r"läsfaddrar|lästid|enkät|självbetjäning|mentor\w*|plus",
            r"bör (?:halvera|sluta|minska|täcka|ge)",
        ),
        obstacle=rx(
            r"\w*risk(?:en|er|erna)?|riskera(?:r)?|hinder|hindret|hindren|blocker(?:ing|ingar)?",
            "kapacitet(?:en)?",
            "blockera(?:r|d|t)?|behöv(?:er|s)?|krävs|kräver|beror på|beroende|förutsatt",
            "om|men|dock|såvida|står i vägen|i vägen|problem(?:et|en)?|utmaning(?:en|ar)?",
            "oro(?:lig|ar)?|osäker(?:t|het)?|saknar|saknas|brist(?:er)?|väntar på|ligger efter",
            "tight|trångt|långsam(?:t|ma)?|flaskhals(?:en)?|tveksam(?:t)?|så länge|hänger på",
            r"lite (?:tid|kapacitet|budget|folk)|bröt|trasig\w*|riskerar|kan (?:bli|stoppa|dra ut"
            r"|spricka|försena\w*|slå fel|gå fel|påverka|strula|krångla|ta längre)",
            r"kanske|inte (?:klar|klart|redo|live|påskriv\w*|godkän\w*)|väntar|ställ(?:des|s) in",
            r"ledig|borta|bortrest|tjänstledig|föräldraledig|bara|endast|omsättning|skulle",
            r"protestera\w*|motstånd|invändning\w*|slutar|säger upp sig|går i pension",
            r"\w+ kort (?:till|fram|i|under)",
            r"(?:är|för) (?:hög|höga|låg|låga)|missar|värmebölja|väder\w*|strejk\w*",
            r"försen\w*|glider|fastnat|sjuk\w*|sen(?:t|a)",
        ),
        mitigation=rx(
            "för att minska|minska risken|minimera|sänka risken|vi ska|jag ska|vi kommer att",
            "jag kommer att|genom att|därför|planerar att|tänker|så att|så vi|så jag",
            "istället|i stället|plan b|reservplan(?:en)?|backup|eskalera\\w*|be(?:r)? om hjälp",
            "ta hjälp|för att (?:undvika|säkra|kompensera|hinna|komma ikapp|köpa tid)",
            r"(?<!inte )(?:har|vi har|jag har) (?:redan )?(?:bett|bokat|börjat|lagt till|flyttat"
            r"|anställt|sökt)",
            "nästa steg|åtgärd(?:er)?|under tiden|så länge|tills vidare|annars",
            r"(?:vi|jag) (?!har\b|är\b|ligger|tappar|får\b|behöver|saknar|väntar|vet\b|tror|hoppas"
            r"|måste|vill\b|skulle|kan\b|missar|ser\b)\w+r\b",
            r"lån(?:a|ar|at) in|bokar|tidigarelägg\w*|övertid|extrapersonal|vikarier",
            r"så (?:[\w-]+ ){1,3}(?:kör|tar|gör|\w+ar|\w+er)",
            r"och då|i så fall|då (?:\w+ ){0,2}(?:vi|jag)\b",
            # ett steg som redan är taget sänker risken (LABELLING.md): "andra laget skrev på"
            r"(?<!inte )(?<!ej )(?:skrev på|sa ja|gick live|gick i drift|lanserade|rekryterade"
            r"|utbildade|installerade|säkrade|levererade|har fått (?!avslag|nej)\w+"
            r"|kom (?:igår|i går|i förrgår|i tid|förra veckan))",
        ),
        way_around=rx(
            "workaround|istället|i stället|lösning(?:en|ar)?|lösa|löser|kringgå|runt",
            r"genom att|ska|kommer att|eskalera\w*|be om|ber|bett|bad|fråga(?:r|t|de)?",
            "tillfällig(?:t|a)?",
            "under tiden|så länge|tills vidare|alternativ(?:et|en)?|plan b|byt(?:a|er) till",
            "manuellt|låna|lånar|kontakta(?:r|t)?|pinga(?:r|t)?|(?:vi|jag) kan(?! inte)",
            r"tills (?:det|de|vi|ett|en|han|hon|dess)|tog upp|brygga|via|först|lånedator\w*",
            # "vi kör", "jag skriver": someone acts (not "vi har", "jag väntar").
            r"(?:vi|jag) (?!har\b|är\b|ligger|får\b|behöver|saknar|väntar|vet\b|hittar|kan\b)"
            r"\w+r\b",
        ),
        reflection=rx(
            "lärde|lärt|lär|lärdom(?:ar|en)?|nästa gång|annorlunda|taktik(?:en|er)?",
            "fungera(?:de|t|r)?|funka(?:de|t|r)?|eftersom|skulle|borde|insikt(?:en|er)?",
            r"misstag(?:et)?|i efterhand|visade sig|insåg|fortsätt(?:a|er)?|ändra|istället",
            r"i stället|överrask\w*|på grund av|pga|underskatt\w*|överskatt\w*",
            "(?:rätt|fel) (?:taktik|beslut|val|satsning)|gav resultat|lönade sig",
            r"fel satt|behålla|slutar vi|nästa år|vägde upp|uppskattade|levererade sämre|men",
            r"gjorde (?:det|skillnaden|det mesta)|knappt|hjälpte|bar kvartalet|(?:rätt|fel) \w+",
            r"gjorde (?:ingenting|inget)|gav (?:ingenting|inget)|stryker|slutar vi",
        ),
        filler=rx(
            "klart|klar|uppdaterat|uppdaterad|uppdatering|ok|okej|bra|ja|nej|inget|ingen|nytt|värde",
            "status|samma|som|förut|planerat|enligt|plan|på|spår|ändring|förändring|sedan|sist",
            "förra|veckan|se|ovan|fortfarande|det|är|allt|hittills|nu|framsteg|till|den|här|i",
            r"kvartalet|månaden|går|flyter|banan|pågår|dagar|dag|timmar|h|min|veckor|%|totalt",
            "första|gången|gång|per|liter|kg|kr|sek|msek|st|igen|uppe|nere|tillbaka|av|under",
        ),
        explanation=rx(
            r"efter|eftersom|för att|tack vare|på grund av|från (?:de|den|det|webb\w*|\w+en)|men",
            r"dock|än|i stället|istället|lärde|lärdom|hjälp(?:er|te)|funk(?:ar|ade)|fungera\w*",
            r"gav|kom från|förtroende\w*|trodde|väntat|förväntat|överrask\w*|långsammare",
            r"snabbare|bättre|sämre|svårare|lättare|mest|främst|bara|ännu|så (?:vi|jag)|äntligen",
        ),
    )
)
