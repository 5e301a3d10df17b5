"""English word lists and patterns, written the way people write check-ins.

Each pattern is a `|`-separated list of regex fragments over normalised text (casefolded,
single spaces, see `text.normalise`), matched as whole words after the aliases are expanded.
What each one is for is in `lexicon.Lexicon`; what counts is decided in LABELLING.md.
"""

from __future__ import annotations

import re

from ..lexicon import CLOCK, ISO_DATE, NUMERIC_DATE, ONE_TO_ONE, YEAR, Lexicon
from ..text import NUMBER, Aliases, alt, before, near, rx

ALIASES = Aliases(
    {
        "tmrw": "tomorrow",
        "tmw": "tomorrow",
        "tmr": "tomorrow",
        "2moro": "tomorrow",
        "2morrow": "tomorrow",
        "tomorow": "tomorrow",
        "tommorow": "tomorrow",
        "tommorrow": "tomorrow",
        "2day": "today",
        "tdy": "today",
        "yday": "yesterday",
        "b4": "before",
        "w/": "with",
        "w/o": "without",
        "thru": "through",
        "mtg": "meeting",
        "mtgs": "meetings",
        "rn": "right now",
        "atm": "at the moment",
        "wk": "week",
        "wks": "weeks",
        "mo": "month",
        "mos": "months",
        "hrs": "hours",
        "r": "are",
        "u": "you",
        "bc": "because",
        "b/c": "because",
        "cuz": "because",
        "coz": "because",
        "tho": "though",
        "ppl": "people",
        "approx": "about",
    }
)

_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty"
    "|fifty|sixty|hundred|thousand|dozen"
)
# "one" and "a" are left out of counts (too often an article), but they do start durations.
_COUNT = alt(r"\d+|a|an|one|a couple of|a few|couple of|few|several", _NUMBER_WORDS)
_UNIT = r"(?:minute|min|hour|hr|h|day|week|fortnight|month|quarter|year|sprint|afternoon)s?"
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:'s)?"
_WEEKDAY_PLURAL = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days"
_WEEKDAY_ABBR = "(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
# "may" and "march" are also verbs; they count only next to a day or after a preposition.
_MONTH_ALONE = "january|february|april|june|july|august|september|october|november|december"
_MONTH_FULL = alt(_MONTH_ALONE, "may|march")
_MONTH = alt(_MONTH_FULL, "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec") + r"\.?"
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
_PERIOD = "(?:day|week|weekend|month|quarter|sprint|cycle|year|iteration|period|term|semester)"
_EVENT = (
    "(?:meeting|review|offsite|board|demo|launch|release|retro|retrospective|planning"
    "|kick-?off|check-?in|standup|stand-up|sync|all-hands|town hall|deadline|holidays?"
    "|christmas|easter|summer|vacation|break|conference|term|semester|new year|go-live|audit"
    "|inspection|visit|exams?|trip|move|handover|closing|close|renewal|frost|harvest|rush|peak"
    "|season|winter|spring|autumn|fall|half term|giving tuesday|black friday)"
)
# "by" + gerund is a method ("by offering a webinar"), unless the gerund names a time of day.
_BY_GERUND = r"by (?!morning|evening|spring|during|thanksgiving|nothing)\w+ing"
_RECURRING = (
    "(?:every|each) (?:other |second |single )?(?:\\w+ )?"
    rf"(?:{_WEEKDAY}|{_WEEKDAY_ABBR}|{_PERIOD}|morning|evening|night|time)s?"
    rf"(?:(?: and|,| or) (?:{_WEEKDAY}|{_WEEKDAY_ABBR}))*"
    rf"|{_WEEKDAY} (?:mornings|afternoons|evenings|nights)|as (?:normal|usual|always)"
)
_PAST = alt(
    rf"(?:since|last|past|previous) (?:the )?(?:{_WEEKDAY}|{_PERIOD}s?|{_MONTH}|night|time)",
    rf"(?:since|earlier) (?:this|today|yesterday)(?: {_PERIOD}| morning| afternoon)?",
    rf"yesterday|ago|so far(?: this {_PERIOD})?|to date|{_COUNT} {_UNIT} ago",
    r"(?:was|were|got) (?:done|finished|completed|sent|held|deployed)",
)

_DEADLINE = rx(
    ISO_DATE,
    NUMERIC_DATE,
    _WEEKDAY,
    rf"(?:by|on|until|till|before|next|this|due|from|starting) {_WEEKDAY_ABBR}\.?",
    "tues|thurs|thur|thu|weds|fri",
    rf"(?:before|until|till|when) (?:the |this |our )?{_PERIOD} (?:ends|is over|closes)",
    rf"{_ORDINAL}(?: of)? {_MONTH}|{_MONTH} {_ORDINAL}",
    rf"(?:by|before|until|till|in|during|end of|of|early|late|start of|beginning of|after"
    rf"|from|for) {_MONTH_FULL}",
    rf"mid-? ?{_MONTH_FULL}",
    "tomorrow|tonight|today|later today|this (?:morning|afternoon|evening)|noon|midnight",
    "(?:in|by|before|until|this|next|over the|during the|early|late) (?:spring|summer|autumn"
    "|fall|winter)",
    rf"(?:this|next|coming|following) {_PERIOD}s?",
    rf"end of (?:the |this |next )?(?:{_PERIOD}|business)|{_PERIOD}[- ]end|weekend",
    "eod|eow|eom|eoq|eoy|cob|eob|close of business",
    rf"(?:within|in) (?:the next )?{_COUNT} {_UNIT}|within the (?:next )?{_PERIOD}",
    rf"{_COUNT} {_UNIT} from (?:now|today)|(?:next|coming) (?:few|couple of) {_UNIT}",
    "(?:before|until|till|ahead of|prior to|in time for|after|over|during)"
    rf" (?:the |our |my |this |the next |next )?(?:[\w-]+ ){{0,2}}{_EVENT}",
    rf"by (?:the |our |this |the next |next )?{_EVENT}",
    r"(?:the|on|by|before|until) \d{1,2}(?:st|nd|rd|th)",
    r"\d{1,2}(?::\d{2})? ?(?:am|pm)|by (?:lunch|morning|evening)",
    rf"(?:in|by|during|before|of|end of) {YEAR}",
    r"(?:by|before|in|until|end of|during|this|next|early|mid|late) q[1-4]",
    r"q[1-4](?:'s)? end|end of q[1-4]",
    r"(?:w|wk|cw|week) ?(?:[1-9]|[1-4]\d|5[0-3])",
)

_MEASURE = (
    r"(?<!to )(?<!goal )(?<!target )(?<!reach )(?<!hit )(?<!need )(?<!for )(?<!all )"
    r"(?<!by )(?<!under )(?<!below )(?<!over )(?<!above )(?<!than )(?<!no )"
    rf"(?:{NUMBER}(?:%|k|m|h|ms|s|min|x)?|zero)(?! priority| prio)"
)
# Times that place a number today or in the past: a few words may stand between them.
_NOW = alt(
    "today|now|right now|currently|current|at the moment|at present|presently|so far|to date",
    rf"last (?:time|q[1-4]|{_PERIOD})|this (?:{_PERIOD}|year) so far|on average|average[ds]?|avg",
    rf"in (?:{_MONTH})",
)
# Verbs that state a measure: only right next to the number ("is 92%", "wait 19 days").
_STATE = alt(
    r"we're at|we've got|is|are|was|were|at|sits at|stands at|runs at|averaged",
    r"takes?|took|spends?|pays?|waits?|reports?|gets?|got|sees|saw|read|have|has|had",
    r"we (?:have(?! to)|get|got|had|did|are at|sit at|see|make|close|average|bring in|run|do"
    r"|hold|serve|sell)",
)
_WE = "(?:we|i|the team|they)"
# A number the text marks as the target where it stands: "to 75%", "under 200", "< 5%", "97%+".
_TARGET_NUMBER = re.compile(
    r"(?:\b(?:to|under|below|above|over|less than|more than|fewer than|at least|at most"
    r"|no more than|max(?:imum)?|min(?:imum)?|down to|up to|within)|[<>≤≥]) ?"
    rf"{NUMBER}\S*|\b{NUMBER}\S*\+"
)

LEXICON = Lexicon(
    aliases=ALIASES,
    deadline=_DEADLINE,
    not_deadline=rx(_RECURRING, _PAST, _WEEKDAY_PLURAL, "(?:bi-?)?weekly|daily|monthly|nightly"),
    past=rx(_PAST, r"(?:deployed|closed|started|finished|completed|did|sent|held|met)"),
    not_quantity=rx(
        rf"{_COUNT}[- ]{_UNIT}|{CLOCK}|{ONE_TO_ONE}s?|{YEAR}|\w+\+\d+",
        r"\d{1,2} ?(?:am|pm)|\d+ ?(?:h|hrs|mins?)",
        r"(?:year|grade|floor|level|room|step|phase|version|no|nr|#) ?\d+",
        r"\d+(?:st|nd|rd|th)",
    ),
    number_word=rx(_NUMBER_WORDS),
    vague_amount=rx(
        r"(?:some|a few|few|a couple(?: of)?|couple of|several|more|a bunch of|a number of"
        r"|various|a handful of|lots of|loads of|a lot of|many|any) (?!of (?:the|them|our))"
        r"(?!time\b|point\b|more\b|than\b)[a-z]\w+"
    ),
    activity=rx(
        r"meetings?|meet(?: with| up)?|have a (?:chat|call|talk|sync|catch-up|session|word)",
        r"call with|chat(?:s|ting)? (?:with|about|to)|a chat|talk(?:s|ing)? (?:to|with|about)",
        r"speak(?:s|ing)? (?:to|with)|lunch|coffee|drinks|dinner|breakfast|beers?|fika",
        r"(?:a )?walk(?:-and-talk| and talk)?(?: with)?|workshop|crit|huddle|standups?",
        r"walk-?through|walk through|offsite|off-site|retreat|away ?day|conference|qbrs?",
        r"consult(?:ation|ing)?(?: with)?|get-together|hang out",
        r"sync(?:s|ing|ed)?(?: up)?|catch up|catch-up|touch base|check in with",
        r"align(?:ing)? (?:with|on)",
        r"discuss(?:es|ing|ion|ions)?|brainstorm(?:s|ing)?|review(?:s|ing)?|grooming|go over",
        ONE_TO_ONE + "s?",
        r"work(?:s|ing)? (?:on|with)|look(?:s|ing)? (?:into|at)|continu(?:e|es|ing)",
        r"keep (?:going|working|pushing|at it|on|the momentum|up|building|iterating)",
        r"focus(?:es|ing)? on|follow(?:s|ing)?[- ]up",
        r"progress on|make progress|push(?:ing)? (?:on|forward|ahead)|move (?:forward|ahead)",
        r"push(?:ing)? (?:\w+ ){1,3}(?:forward|ahead|along)|drive (?:\w+ )?(?:forward|adoption)",
        r"think(?:ing)? about|explor(?:e|es|ing)|investigat(?:e|es|ing)|try to|get started",
        "start (?:on|working)|deal with|take care of|handle|carry on|stay on top of",
        "more of the same|same as last week|as usual|keep an eye on|check on|figure out|dig into",
        "go(?:ing)? (?:through|over)|plan(?:ning)? (?:the|a|an|our|for|out)|prep|prepar(?:e|ing)",
        r"planning|keep (?:\w+ ){0,3}going|get (?:\w+ ){1,3}(?:down|up)",
        r"help(?:ing)? (?:out )?with|help out|sort(?:ing)? out|wrap(?:ping)? up",
        r"get (?:\w+ ){0,3}done",
        r"get (?:\w+ ){1,3}(?:green|fixed|sorted|working|live|back on track|over the line)",
        r"fix(?:es|ing)?|finish(?:es|ing)?|complet(?:e|es|ing)|spend (?:\w+ ){0,3}on",
        r"pair(?:ing)? (?:up )?with|engage|groom|iterat(?:e|ing)|crush it|make it happen",
        r"patch(?:es|ing)?|debug(?:s|ging)?|troubleshoot\w*|resolv(?:e|es|ing)|address|tackle",
        r"nurtur\w*|strengthen\w*|maintain\w*|relationships?|be more \w+|promot(?:e|es|ing)",
        # Outcome verbs restate the key result ("improve conversion"); they are not yet a plan.
        r"improv(?:e|es|ing)|optimi[sz](?:e|es|ing)|boost(?:ing)?|increas(?:e|es|ing)|grow(?:ing)?",
        r"reduc(?:e|es|ing)|lower(?:ing)?|cut down",
    ),
    method=rx(
        _BY_GERUND,
        # "go through the numbers" is a meeting, "through referrals" a method.
        r"(?<!go )(?<!goes )(?<!going )(?<!went )through",
        r"via|using|with the help of|steps?|after that|afterwards|followed by|finally",
        "(?<!by )(?<!until )(?<!since )then|one by one|either (?:\\w+ ){1,6}or",
    ),
    purpose=rx(
        "so that|in order to|with the goal of|aim(?:ing)? to|the (?:goal|aim|purpose) is",
        "so (?:we|i|she|he|they|you|the team|it|that|\\w+) (?:can|could|will|know|have|get|leave"
        "|own|decide|pick)",
        "to (?:reach|make|get|take) (?:a |the )?decision|to decid(?:e|ing)|decisions? on",
        "for a decision|agree(?:ing)? on|to agree|to test (?:whether|if)|to lock",
        "to (?:choose|pick|confirm|validate|prove|unblock|learn|find out|ask|secure|catch)",
        "to see (?:if|whether|which|how)|to understand|whether|to explain",
        "to (?:find|identify|spot|fix|solve) (?:the|what|why|where|which|who)",
        "to get (?:a |the )?(?:sign-off|approval|go-ahead|yes|commitment)|(?:a )?yes or no",
    ),
    concrete_verb=rx(
        r"call(?:s|ing)?|e-?mail(?:s|ing)?|send(?:s|ing)?|writ(?:e|es|ing)|draft(?:s|ing)?",
        r"publish(?:es|ing)?|ship(?:s|ping)?|launch(?:es|ing)?|deliver(?:s|ing)?",
        r"present(?:s|ing)?|compar(?:e|es|ing)|list(?:s|ing)?|book(?:s|ing)?",
        r"schedul(?:e|es|ing)|interview(?:s|ing)?|test(?:s|ing)?|build(?:s|ing)?",
        r"collect(?:s|ing)?|analy[sz](?:e|es|ing)|summari[sz](?:e|es|ing)|log(?:s|ging)?",
        r"shortlist(?:s|ing)?|pick(?:s|ing)?|choos(?:e|es|ing)|record(?:s|ing)?|put up",
        r"design(?:s|ing)?|creat(?:e|es|ing)|shar(?:e|es|ing)|post(?:s|ing)?|print",
        r"invit(?:e|es|ing)|measur(?:e|es|ing)|set(?:ting)? up|pitch(?:es|ing)?|ask",
        r"contact(?:s|ing)?|reach(?:ing)? out|count|map|mark|read|revise|sketch|submit|flag",
    ),
    joiner=re.compile(r"\b(?:and|then|after that|plus|(?:i|we)(?:'ll| will))\b|[.:](?= )"),
    why=rx(
        "because|cause|so that|in order to|which means|means (?:that|we|the|our|fewer|more|less)",
        "so (?:we|i|the team|they|customers|people|it|sales) (?:can|don't|won't|stop|keep|get)",
        r"enabl(?:e|es|ing)|lets|let (?:us|them|the|our|people|managers|sales)|would let",
        r"allow(?:s|ing)?|unlock(?:s|ing)?|frees|free up|freeing|pays? (?:for|the)|covers?",
        r"ignor\w*|to stay|to survive|would (?:fund|pay|cover|let|allow|free|keep|save|mean)",
        r"funds?(?= )(?! for)|incidents?|breach\w*|phishing|attacks?",
        r"keeps? (?:us|them|the|our|people|customers)|keep (?:\w+ ){0,3}(?:busy|longer|on board)",
        r"saves?|saving|protects?|justif(?:y|ies)|helps? (?:us|the|our|them)|otherwise",
        r"without (?:it|this|that|more|them|the)|leads? to|led to|results? in",
        r"turns? (?:\w+ ){1,3}into",
        r"drives? (?:most|the|our|much|a lot)|depends? on (?:it|them|this)|hinges? on",
        r"costs? (?:us|the|our|\d|roughly|about|around)|cost us|los(?:e|es|ing|t)",
        r"miss(?:es|ing)? out",
        r"can't|cannot|can not|never|complain\w*|abandon\w*|go(?:es|ing)? (?:private|elsewhere)",
        r"(?<!by )means|delay(?:s|ed|ing)?|slows? (?:\w+ )?down|drops? (?:queued|the|our|\w+s)",
        r"walk(?:s|ing)? out|keeps? (?:\w+ ){0,3}from|nowhere|no way to|no one to|stall\w*",
        r"burn(?:s|ing)? out|burnout|eat(?:s|ing)? (?:up|into|half|our)|fall(?:s|ing)? behind",
        r"runs? thin|pil(?:e|es|ing) up|waits? on|waiting (?:on|for)|feel (?:alone|lost)",
        r"too (?:slow|long|few|many|much|expensive|late|high|low)|not enough|pain(?:ful)?|hurts?",
        r"struggl\w*|frustrat\w*|annoy\w*|drop(?:s|ping)? (?:off|out)|(?:1|one|2|two)-star",
        r"bad reviews|complaints?|ends? (?:next|this|in|soon)|expir\w+|run(?:s)? out",
        r"(?:asked|want|wants) to leave|quit(?:ting)?|resign\w*|show(?:s)? up in|mention\w*",
        r"unhappy|dissatisfied|angry",
        r"spend\w* (?:\w+ ){0,3}(?:a|per|every) (?:day|week|month) on",
        "(?<!time )to (?:hire|afford|fund|grow|reach|hit|support|sustain|scale|double|cover|pay"
        "|win|keep|retain|avoid|protect|justify|free up|fill|feed)",
    ),
    target=rx(
        rf"target|goal|aim(?:ing|s)?|want(?:s|ed)?|need(?:s|ed)?|priority|on time|reach|→ {NUMBER}",
        rf"to {NUMBER}|by (?:end|the end|{_MONTH_FULL}|q[1-4]|next|this|{YEAR}|spring|summer|autumn"
        r"|fall|winter|christmas|easter|new year)|keeps?|covers?|pays?",
        r"lets?|would|means|will|'ll|going to|should|plan|getting to|get to",
    ),
    target_number=_TARGET_NUMBER,
    now=rx(
        "today|now|right now|currently|current|at the moment|at present|presently|so far|to date",
        rf"last (?:time|q[1-4]|{_PERIOD})|this (?:{_PERIOD}|year) so far|on average|average[ds]?",
        _PAST,
    ),
    baseline=rx(
        rf"baseline|starting point|start(?:ing|ed)? (?:at|from) {NUMBER}|(?:up|down) from",
        rf"from {NUMBER}\S*(?: %)? (?:\w+ )?to|compared (?:to|with)|status quo",
        # a share as it is: "23% of our hours are rework"
        rf"{NUMBER} ?% of (?:[\w'-]+ ){{1,3}}(?:is|are|was|were|get|go|fail|end|leave)",
        rf"{NUMBER}\S*(?: %)? (?:\S+ ){{0,3}}(?:→|to) {NUMBER}",
        rf"{NUMBER} (?:of|out of|in) {NUMBER}",
        rf"(?:about|around|roughly|approximately|~) ?{NUMBER}",
        rf"{_WE} (?:have|had|get|got) (?:no|zero|none)|nothing (?:yet|today|so far)",
        near(_NOW, _MEASURE),
        before(_STATE, _MEASURE, gap=2),
    ),
    tactic=rx(
        _BY_GERUND,
        r"through|via|using|plan(?:s|ned)?|tactics?|strategy|approach|focus(?:ing)? on",
        r"instead of",
        "we will|we'll|we're going to|we are going to|i will|i'll|will (?!be\\b)\\w+",
        r"should (?:close|halve|make|cut|fix|bring|help|get|keep|reduce)",
        r"channels?|e-?mail(?:s|ing)?|newsletters?|ads|advertising|adwords|linkedin|webinars?",
        r"content|blog(?:s|posts?)?|seo|events?|trade ?shows?|fairs?|cold call(?:s|ing)?",
        r"outreach|campaigns?|partner(?:s|ships?)?|referrals?|social media|podcasts?",
        r"case stud(?:y|ies)|demos?|pilots?|landing pages?|direct mail|inbound|outbound",
        r"rota|triage|automat\w*|auto-?repl\w+|reminders?|sms|app|dashboards?|templates?",
        r"checklist|workshops?|training|shifts?|slots|cach(?:e|es|ing)|retries|runbooks",
        r"surveys?|plus|calls",
        r"add(?:s|ing)?|mov(?:e|es|ing)|cut(?:s|ting)?|tun(?:e|es|ing)|re-?writ(?:e|es|ing)",
        r"writ(?:e|ing) (?:the|them|a|an|one|\d)|launch\w*|offer(?:s|ing)?",
        r"pilot(?:s|ing)?|introduc\w*|roll(?:s|ing)? out|switch(?:es|ing)? to|train(?:s|ing)?",
        r"recruit(?:s|ing)?|call(?:s|ing)? (?:every|all|the|each)|merg(?:e|es|ing)|redraw\w*",
        r"open(?:s|ing)? (?:two|a|an|\d|the|new|evening)|fix(?:es|ing)?",
        r"build(?:ing)? (?:a|an|the|\d|two|our)",
        r"(?<!first )run(?:ning)? (?:a|an|the|\d|two|weekly|daily|more|webinars?|ads|campaigns?)",
        r"split(?:s|ting)?|replac(?:e|es|ing)|pair(?:s|ing)?|send(?:s|ing)?|publish\w*",
        r"freez(?:e|es|ing)|chas(?:e|es|ing)|apply(?:ing)?",
        r"hir(?:e|es|ing) (?:\d|two|three|a|an|more)",
        r"re-?slot\w*|roll out|self-serve|self-service|install\w*|upgrad\w*|buy(?:ing)?",
        r"visits?|challenge|competition|courses?|sessions|meetups|qbrs?|corner",
        r"should (?!be\b|have\b)\w+|enforc\w*|sell(?:s|ing)?",
        r"(?:shorter|simpler|cheaper|smaller|clearer|lighter|staggered) \w+",
    ),
    obstacle=rx(
        r"risk(?:s|y)?|block(?:er|ers|ed|ing)?|depend(?:s|ing|ent)? on|dependenc(?:y|ies)",
        r"need(?:s|ed)?|requir(?:e|es|ed)|if|unless|but|however|though|although",
        r"worr(?:y|ied|ies)|concern(?:s|ed)?|challeng(?:e|es|ing)|problems?|issues?",
        r"in the way|bottlenecks?|lack(?:s|ing)?|missing|short (?:on|of)|tight|behind",
        r"slow(?:er)?|uncertain(?:ty)?|not sure|unsure|waiting (?:on|for)|hinges? on",
        r"obstacles?|hurdles?|struggl(?:e|es|ing)|capacity|as long as|provided",
        r"little (?:time|capacity|budget|room|help)|broke(?:n)?|could|may|might|can't|cannot",
        r"won't|isn't|aren't|not (?:finished|ready|done|live|signed|approved)|waiting",
        r"cancel(?:l)?ed|delay(?:s|ed)?|slip(?:s|ped|ping)?|stuck|sick|late",
        r"(?:is|are) (?:off|away|out|on leave)|off for|on leave|only|turnover|would|short",
        r"push(?:es|ing)? back|pushback|resist\w*|objections?|protest\w*|leaving|quit\w*",
        r"(?:is|are) (?:too )?(?:high|low)|miss(?:es)?(?! out)|heatwave|weather|strike",
    ),
    mitigation=rx(
        r"mitigat(?:e|es|ing|ion)|de-?risk(?:ing)?|(?:lower|reduce|cut|limit) (?:the |that )?risk",
        "we will|we'll|i will|i'll|plan(?:ning)? to|going to|so we|so that|so (?:\\w+ ){1,4}will",
        _BY_GERUND,
        r"backup|fallback|plan b|instead|workaround|escalat(?:e|es|ed|ing)",
        r"in which case|if (?:so|that happens)|then we",
        "to (?:avoid|ensure|make sure|counter|offset|compensate|speed up|catch up|buy time)",
        r"(?<!n't )(?<!not )(?:asked|booked|started|added|moved|hired|applied|pulled in"
        r"|brought in|escalated)",
        r"(?:i'm|we're|i am|we are) (?!waiting|struggling|hoping|worried|missing|losing"
        r"|lacking|running (?:late|behind|out)|getting|seeing|not)\w+ing",
        r"speed(?:ing)? (?:things |it )?up|front-?load\w*|meanwhile|in the meantime|for now",
        "otherwise (?:we|i)|next step|we can still|i can still",
        # a step already taken lowers the risk (LABELLING.md): "second crew signed last week"
        r"(?<!n't )(?<!not )(?<!never )(?:signed|said yes|went live|launched|rolled out|trained"
        r"|recruited|secured|installed|delivered|arrived|came in|agreed|has their|have their)",
    ),
    way_around=rx(
        "workaround|work around|way around|(?:get|go) around|instead|bypass|plan b|fallback",
        "we'll|we will|i'll|i will|will try|going to",
        _BY_GERUND,
        r"ask(?:s|ed|ing)?|escalat(?:e|es|ed|ing)|meanwhile|in the meantime|for now",
        r"alternative(?:ly|s)?|temporar(?:y|ily)|switch(?:ing)? to|until (?:then|it|we|they)",
        r"manual(?:ly)?|borrow\w*|ping(?:ed)?|reach(?:ed)? out|talk(?:ed)? to|contact(?:ed)?",
        r"(?:on )?paper|by hand|spreadsheet|(?:a |shared )sheet",
        "(?:we|i) (?:can|could)(?!'t| not)",
        r"rais(?:e|ed|ing) (?:it|this)|bridg(?:e|es|ing)|through|via|offer(?:s|ing)?",
        r"(?:i'm|we're) (?!waiting|struggling|hoping|stuck|blocked|not)\w+ing",
        r"first so|(?:start|starts|starting) (?:on|with) (?:\w+ ){0,4}first|loaner\w*",
    ),
    reflection=rx(
        r"learn(?:ed|t|ing|ings)?|lessons?|would(?:n't)?|next time|different(?:ly)?|tactics?",
        r"work(?:ed|s) (?:well|out)|worked|didn't|did not|because|wrong|mistakes?",
        r"should have|should've|(?:in )?hindsight|reali[sz](?:e|ed)|insights?|takeaways?",
        r"keep doing|continue|change|instead|surpris(?:ed|ing)|turned out|paid off",
        r"(?:was|were) right|right call|(?:under|over)estimat\w*|if (?:we|i) had",
        r"worth (?:keeping|it|doing)|carried|we'll (?:drop|keep|stop|start|shift|move|use)",
        r"we'd|i'd|next (?:year|quarter|period|round)|(?:was|were) (?:a bit |too )?(?:off|wrong"
        r"|ambitious|low|high|easy|hard)|made up for|(?:under|over)deliver\w*|turned (?:\w+ )?off",
        r"helped|did it|did most|barely|wrong bet|right bet|bet|(?:right|wrong) \w+",
        r"did nothing|made no difference|(?:we'd|we will|we'll) drop",
    ),
    filler=rx(
        "done|updated|updates?|ok|okay|fine|good|great|well|yes|no|nothing|new|value|progress",
        "status|same|as|before|planned|on|track|changes?|since|last|week|time|n|a|na|see|above",
        "first|per|litres?|liters?|kg|kr|sek|eur|usd|k|m|x|again|up|down|back",
        "number|still|it|is|the|all|so|far|now|at|this|quarter|month|more|in|going|progressing",
        r"days?|hours?|h|min|mins|weeks?|months?|%|total|currently|to|of",
    ),
    explanation=rx(
        r"after|because|since(?! last)|thanks to|due to|from (?:the|our|a|an)|but|though",
        r"however|while|than|instead|learn(?:ed|t)|lessons?|help(?:s|ed)?|works?|worked",
        r"brought|gave|came from|driven by|confidence|hoped|expected|thought|surpris\w*",
        r"slower|faster|better|worse|harder|easier|mostly|mainly|only|waits?|blocked|when",
        r"so (?:we|i|the)|finally|didn't|did not",
    ),
)
