"""Last quarter at Nordlys: written from its first day to its check-out, now closed.

Days count from the quarter's first day; `last` is its last day. Every KR ends with an Outcome
(one score adjusted with a reason), and the leads and colleagues leave continue / consider
feedback, so the review and the calibration have something to read.
"""

from __future__ import annotations

from incheck.okrs.demo.previous import growth, product, success
from incheck.okrs.demo.story import Story


def write(s: Story, *, last: int) -> None:
    """The whole previous quarter; `last` is the story day of its last day."""
    growth_objective = s.objective(
        by="demo",
        day=0,
        team="Growth",
        title="Prove that webinars can bring us clinics",
        description="Events have never been a channel for us. This quarter we find out whether "
        "they can be.",
    )
    care_objective = s.objective(
        by="elin",
        day=0,
        team="Customer Success",
        title="Stop losing clinics in their first 90 days",
    )
    setup_objective = s.objective(
        by="jonas",
        day=0,
        team="Product",
        title="Make setup something a clinic can do on its own",
    )
    growth.write(s, growth_objective, last=last)
    success.write(s, care_objective, last=last)
    product.write(s, setup_objective, last=last)
