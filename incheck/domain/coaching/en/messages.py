"""What the coach says, in English: one short piece of advice per hint code.

Plain strings, not gettext: the domain stays free of Django, and the reviewed language (not the
request's) decides which text is used. A new code needs a message here and in every other
language folder (a contract test checks that none is missing).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "no_deadline": (
        "Add a time anchor: a date or a weekday, e.g. 'By next Friday I will …' or 'by 4 Dec'. "
        "'Soon' and 'asap' don't count."
    ),
    "no_how": (
        "Say how: the method, the steps, a number or the purpose — e.g. 'compare 3 options and "
        "present them to Laura so she can decide'."
    ),
    "no_why": (
        "Say why this key result matters and why this number: what does reaching it enable? "
        "E.g. 'lets us hire a second sales rep'."
    ),
    "no_baseline": (
        "Give the baseline: where are you today, in numbers? E.g. 'we get 60 leads a quarter now'."
    ),
    "no_tactic": (
        "Name the main tactic for the period: which channels, content or approach? "
        "E.g. 'through e-mail campaigns and two webinars'."
    ),
    "no_obstacle": (
        "Say what is needed or what stands in the way: the risk that could keep you from "
        "reaching it."
    ),
    "no_mitigation": (
        "Add what you can do to lower the risk, e.g. 'I'll book the customer calls this week "
        "so a slip shows early'."
    ),
    "no_comment": (
        "Add a comment: what happened since last time, what did you learn, and did your "
        "confidence go up or down?"
    ),
    "no_way_around": (
        "Name a way around it: a workaround, who you'll ask or escalate to, or what you'll do "
        "instead meanwhile."
    ),
    "no_reflection": (
        "Reflect: was the tactic from the Context right, and what would you do differently "
        "next time?"
    ),
}
