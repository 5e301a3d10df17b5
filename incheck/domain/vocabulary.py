"""The method's words, as the values stored and sent: the one source of every list of them.

The kinds of check-in (in the order a person reads a sitting), the signals a check-in may carry,
how a Next Up is closed, and the feedback signals. The models' choices, the forms, the API's
schemas and the templates take their values from here; `incheck/tests/test_vocabulary.py`
checks that every one of them agrees.

>>> KINDS[:3]
('context', 'progress', 'confidence')
"""

from __future__ import annotations

from typing import Literal, get_args

Kind = Literal[
    "context", "progress", "confidence", "next_up", "no_next_up", "outcome", "insight", "blocker"
]
Signal = Literal["", "insight", "blocker"]
ClosureStatus = Literal["done", "partly", "not_done", "dropped"]
FeedbackSignal = Literal["continue", "consider"]

# The order of the kinds is the order a person reads one sitting: what it is about, what moved,
# how sure, what next (a plan, or the recorded choice of none this time: "no_next_up"), then the
# end and the signals.
KINDS: tuple[Kind, ...] = get_args(Kind)
SIGNALS: tuple[Signal, ...] = get_args(Signal)
CLOSURES: tuple[ClosureStatus, ...] = get_args(ClosureStatus)
FEEDBACK_SIGNALS: tuple[FeedbackSignal, ...] = get_args(FeedbackSignal)
# The kinds that are themselves a signal (written on their own, or the insight a resolved
# blocker leaves): their row's signal is their kind.
SIGNAL_KINDS: frozenset[str] = frozenset({"insight", "blocker"})
