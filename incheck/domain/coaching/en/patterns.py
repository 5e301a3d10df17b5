"""English word lists and patterns, written the way people write check-ins.

Each pattern is a `|`-separated list of regex fragments over normalised text (casefolded,
single spaces), matched as whole words.
"""

from __future__ import annotations

from ..lexicon import CLOCK, ISO_DATE, NUMERIC_DATE, ONE_TO_ONE, YEAR, Lexicon
from ..text import NUMBER, alt, near, rx

_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty"
    "|fifty|sixty|hundred|thousand|dozen"
)
# "one" and "a" are left out of counts (too often an article), but they do start durations.
_COUNT = alt(r"\d+|a|an|one|a couple of|a few|couple of", _NUMBER_WORDS)
_UNIT = r"(?:minute|min|hour|hr|day|week|wk|fortnight|month|quarter|year|sprint)s?"
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
_WEEKDAY_ABBR = "(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
# "may" and "march" are also verbs; they count only next to a day or after a preposition.
_MONTH_ALONE = "january|february|april|june|july|august|september|october|november|december"
_MONTH_FULL = alt(_MONTH_ALONE, "may|march")
_MONTH = alt(_MONTH_FULL, "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec") + r"\.?"
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
_PERIOD = "(?:day|week|weekend|month|quarter|sprint|cycle|year|iteration|period)"
_EVENT = (
    "(?:meeting|review|offsite|board|demo|launch|release|retro|retrospective|planning"
    "|kick-?off|check-?in|standup|stand-up|sync|all-hands|town hall|deadline|holidays?"
    "|christmas|easter|summer|vacation|break|conference)"
)
# "by" + gerund is a method ("by offering a webinar"), unless the gerund names a time of day.
_BY_GERUND = r"by (?!morning|evening|spring|during|thanksgiving|nothing)\w+ing"

_DEADLINE = rx(
    ISO_DATE,
    NUMERIC_DATE,
    _WEEKDAY,
    rf"(?:by|on|until|till|before|next|this|due|from) {_WEEKDAY_ABBR}",
    rf"{_ORDINAL}(?: of)? {_MONTH}|{_MONTH} {_ORDINAL}",
    rf"(?:by|before|until|till|in|during|end of|of|early|late|start of|beginning of) {_MONTH_FULL}",
    rf"mid-? ?{_MONTH_FULL}",
    _MONTH_ALONE,
    "tomorrow|tonight|today|later today|this (?:morning|afternoon|evening)|noon|midnight",
    rf"(?:this|next|coming|following) {_PERIOD}s?",
    rf"end of (?:the |this |next )?{_PERIOD}|{_PERIOD}[- ]end|weekend",
    "eod|eow|eom|eoq|eoy|cob|eob",
    rf"(?:within|in) (?:the next )?{_COUNT} {_UNIT}|within the (?:next )?{_PERIOD}",
    rf"{_COUNT} {_UNIT} from (?:now|today)|(?:next|coming) (?:few|couple of) {_UNIT}",
    "(?:before|until|till|ahead of|prior to|in time for)"
    rf" (?:the |our |my |this |the next |next )?(?:[\w-]+ ){{0,2}}{_EVENT}",
    rf"by (?:the |our |this |the next |next )?{_EVENT}",
    r"(?:the|on|by|before|until) \d{1,2}(?:st|nd|rd|th)",
    r"\d{1,2}(?::\d{2})? ?(?:am|pm)|by (?:lunch|morning|evening)",
    rf"(?:in|by|during|before|of|end of) {YEAR}",
    r"(?:by|before|in|until|end of|during|this|next|early|mid|late) q[1-4]",
    r"(?:w|wk|cw|week) ?(?:[1-9]|[1-4]\d|5[0-3])",
)

_BASELINE_MARKERS = alt(
    "today|now|currently|current|right now|at the moment|at present|presently|so far|to date",
    rf"last (?:time|q[1-4]|{_PERIOD})|on average|we're at|we've got",
    r"we (?:have(?! to)|get|got|had|did|are at|sit at|see|make|close|average|bring in)",
)

LEXICON = Lexicon(
    deadline=_DEADLINE,
    not_quantity=rx(
        rf"{_COUNT} {_UNIT}|{CLOCK}|{ONE_TO_ONE}|{YEAR}",
        r"\d{1,2} ?(?:am|pm)|\d+ ?(?:h|hrs|mins?)",
    ),
    number_word=rx(_NUMBER_WORDS),
    activity=rx(
        r"meetings?|meet(?: with| up)?|have a (?:chat|call|talk|sync|catch-up|session)|call with",
        r"chat(?:s|ting)? (?:with|about)|talk(?:s|ing)? (?:to|with|about)",
        r"speak(?:s|ing)? (?:to|with)",
        r"sync(?:s|ing|ed)?(?: up)?|catch up|catch-up|touch base|check in with",
        r"discuss(?:es|ing|ion|ions)?|brainstorm(?:s|ing)?",
        ONE_TO_ONE,
        r"work(?:s|ing)? (?:on|with)|look(?:s|ing)? (?:into|at)|continu(?:e|es|ing)",
        r"keep (?:going|working|pushing|at it|on)|focus(?:es|ing)? on|follow(?:s|ing)?[- ]up",
        r"progress on|make progress|push(?:ing)? (?:on|forward|ahead)|move (?:forward|ahead)",
        r"think(?:ing)? about|explor(?:e|es|ing)|investigat(?:e|es|ing)|try to|get started",
        "start (?:on|working)|deal with|take care of|handle|carry on|stay on top of",
        "more of the same|same as last week|as usual|keep an eye on|check on|figure out|dig into",
        "go(?:ing)? (?:through|over)|plan(?:ning)? (?:the|a|an|our|for|out)",
        # Outcome verbs restate the key result ("improve conversion"); they are not yet a plan.
        r"improv(?:e|es|ing)|optimi[sz](?:e|es|ing)|boost(?:ing)?|increas(?:e|es|ing)|grow(?:ing)?",
    ),
    method=rx(
        _BY_GERUND,
        # "go through the numbers" is a meeting, "through referrals" a method.
        r"(?<!go )(?<!goes )(?<!going )(?<!went )through",
        r"via|using|with the help of|steps?|after that|afterwards|followed by|finally",
        "(?<!by )(?<!until )(?<!since )then|one by one",
    ),
    purpose=rx(
        "so that|in order to|with the goal of|aim(?:ing)? to|the (?:goal|aim|purpose) is",
        "so (?:we|i|she|he|they|you|the team|it|that) (?:can|could|will|know|have|get)",
        "to (?:reach|make|get|take) (?:a |the )?decision|to decid(?:e|ing)|decisions? on",
        "for a decision|agree(?:ing)? on|to agree|to test (?:whether|if)",
        "to (?:choose|pick|confirm|validate|prove|unblock|learn|find out)",
        "to see (?:if|whether|which|how)",
        "to get (?:a |the )?(?:sign-off|approval|go-ahead|yes|commitment)",
    ),
    concrete_verb=rx(
        r"call(?:s|ing)?|e-?mail(?:s|ing)?|send(?:s|ing)?|writ(?:e|es|ing)|draft(?:s|ing)?",
        r"publish(?:es|ing)?|ship(?:s|ping)?|launch(?:es|ing)?|deliver(?:s|ing)?",
        r"present(?:s|ing)?|compar(?:e|es|ing)|list(?:s|ing)?|book(?:s|ing)?",
        r"schedul(?:e|es|ing)|interview(?:s|ing)?|test(?:s|ing)?|build(?:s|ing)?",
        r"prepar(?:e|es|ing)|collect(?:s|ing)?|analy[sz](?:e|es|ing)|summari[sz](?:e|es|ing)",
        r"shortlist(?:s|ing)?|pick(?:s|ing)?|choos(?:e|es|ing)|record(?:s|ing)?",
        r"design(?:s|ing)?|creat(?:e|es|ing)|shar(?:e|es|ing)|post(?:s|ing)?",
        r"invit(?:e|es|ing)|measur(?:e|es|ing)|set(?:ting)? up|pitch(?:es|ing)?",
        r"contact(?:s|ing)?|reach(?:ing)? out",
    ),
    why=rx(
        "because|cause|so that|so (?:we|i|the team|they) can|in order to|enabl(?:e|es|ing)",
        "lets us|let us|allow(?:s|ing)?|matters?|important|critical|crucial|essential|key to",
        "why|reason|purpose|unlock(?:s|ing)?|(?:required|needed) (?:for|to)|otherwise",
        "which means|means (?:that|we)|pays? for|justif(?:y|ies)|helps?",
        "to (?:hire|afford|fund|grow|reach|hit|support|sustain|scale|double|cover|pay|win|keep"
        "|retain|avoid|protect|justify|free up|fill|feed)",
    ),
    baseline=rx(
        rf"baseline|starting point|start(?:ing|ed)? (?:at|from) {NUMBER}|(?:up|down) from",
        rf"from {NUMBER} to|compared (?:to|with)|status quo",
        near(_BASELINE_MARKERS, alt(NUMBER, _NUMBER_WORDS)),
    ),
    tactic=rx(
        _BY_GERUND,
        r"through|via|using|plan(?:s|ned)?|tactics?|strategy|approach|focus(?:ing)? on",
        "we will|we'll|we're going to|we are going to|i will|i'll",
        r"channels?|e-?mail(?:s|ing)?|newsletters?|ads|advertising|adwords|linkedin|webinars?",
        r"content|blog(?:s|posts?)?|seo|events?|trade ?shows?|fairs?|cold call(?:s|ing)?",
        r"outreach|campaigns?|partner(?:s|ships?)?|referrals?|social media|podcasts?",
        r"case stud(?:y|ies)|demos?|pilots?|landing pages?|direct mail|inbound|outbound",
    ),
    obstacle=rx(
        r"risk(?:s|y)?|block(?:er|ers|ed|ing)?|depend(?:s|ing|ent)? on|dependenc(?:y|ies)",
        r"need(?:s|ed)?|requir(?:e|es|ed)|if|unless|but|however|though|although",
        r"worr(?:y|ied|ies)|concern(?:s|ed)?|challeng(?:e|es|ing)|problems?|issues?",
        r"in the way|bottlenecks?|lack(?:s|ing)?|missing|short (?:on|of)|tight|behind",
        r"slow(?:er)?|uncertain(?:ty)?|not sure|unsure|waiting (?:on|for)|hinges? on",
        r"obstacles?|hurdles?|struggl(?:e|es|ing)|capacity|as long as|provided",
    ),
    mitigation=rx(
        r"mitigat(?:e|es|ing|ion)|de-?risk(?:ing)?|(?:lower|reduce|cut|limit) (?:the |that )?risk",
        "we will|we'll|i will|i'll|plan(?:ning)? to|going to|so we|so that",
        _BY_GERUND,
        r"backup|fallback|plan b|instead|workaround|escalat(?:e|es|ed|ing)",
        "to (?:avoid|ensure|make sure|counter|offset|compensate|speed up|catch up)",
        "(?:i've|we've|i have|we have|already) (?:asked|booked|started|added|moved|hired)",
        "next step|we can still|i can still",
    ),
    way_around=rx(
        "workaround|work around|way around|(?:get|go) around|instead|bypass|plan b|fallback",
        "we'll|we will|i'll|i will|will try|going to",
        _BY_GERUND,
        r"ask(?:s|ed|ing)?|escalat(?:e|es|ed|ing)|meanwhile|in the meantime|for now",
        r"alternative(?:ly|s)?|temporar(?:y|ily)|switch(?:ing)? to|until (?:then|it|we|they)",
        r"manual(?:ly)?|borrow|ping(?:ed)?|reach(?:ed)? out|talk(?:ed)? to|contact(?:ed)?",
        "(?:we|i) (?:can|could)(?!'t| not)",
    ),
    reflection=rx(
        r"learn(?:ed|t|ing|ings)?|lessons?|would(?:n't)?|next time|different(?:ly)?|tactics?",
        r"work(?:ed|s) (?:well|out)|worked|didn't|did not|because|wrong|mistakes?",
        r"should have|should've|(?:in )?hindsight|reali[sz](?:e|ed)|insights?|takeaways?",
        r"keep doing|continue|change|instead|surpris(?:ed|ing)|turned out|paid off",
        r"(?:was|were) right|right call|(?:under|over)estimat\w*|if (?:we|i) had",
    ),
    filler=rx(
        "done|updated|updates?|ok|okay|fine|good|great|yes|no|nothing|new|value|progress|status",
        "same|as|before|planned|on|track|changes?|since|last|week|time|n|a|na|see|above|number",
        "still|it|is|the|all|so|far",
    ),
)
