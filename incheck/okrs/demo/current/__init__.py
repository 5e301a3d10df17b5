"""This quarter at Nordlys: seven weeks of check-ins up to today.

Days count back from today (negative) and due dates forward (positive). Between them the KRs
show every health the method knows: healthy ones, a Context due after an edit, a missing Next
Up, a stale one, a dead one, one behind pace with falling confidence, and an overdue Next Up in
the demo user's inbox.
"""

from __future__ import annotations

from incheck.okrs.demo.current import growth, leads, product, success
from incheck.okrs.demo.story import Story


def write(s: Story) -> None:
    funnel = growth.write(s)
    leads.write(s, parent=funnel)
    product.write(s)
    success.write(s)
