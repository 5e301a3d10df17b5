"""Outgoing webhooks: the events an integration may subscribe to, and when to try again.

Deliveries follow the Standard Webhooks specification (signing is the ``standardwebhooks``
library's). A delivery that fails is tried again later, each wait longer than the one before
(``RETRY_AFTER``): a receiver that is down for a deploy gets the message minutes later; one
that is gone gives up after about a day, and the delivery log says so.

>>> retry_after(1)
datetime.timedelta(seconds=60)
>>> retry_after(len(RETRY_AFTER) + 1) is None
True
"""

from __future__ import annotations

from datetime import timedelta

CHECK_IN_CREATED = "check_in.created"
NEXT_UP_OVERDUE = "next_up.overdue"
BLOCKER_RAISED = "blocker.raised"
BLOCKER_RESOLVED = "blocker.resolved"
KEY_RESULT_DEAD = "key_result.dead"
PERIOD_CLOSED = "period.closed"
# The test button's event: sent to one endpoint only, whatever it subscribes to.
WEBHOOK_TEST = "webhook.test"

EVENTS = (
    CHECK_IN_CREATED,
    NEXT_UP_OVERDUE,
    BLOCKER_RAISED,
    BLOCKER_RESOLVED,
    KEY_RESULT_DEAD,
    PERIOD_CLOSED,
)

# The waits after the 1st, 2nd, … failed attempt; after the last, the delivery has failed.
RETRY_AFTER = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
)
ATTEMPTS = len(RETRY_AFTER) + 1


def retry_after(failed_attempts: int) -> timedelta | None:
    """How long to wait after ``failed_attempts`` failures (1 = the first); None: give up."""
    if failed_attempts < 1:
        raise ValueError("failed_attempts_not_positive")
    if failed_attempts > len(RETRY_AFTER):
        return None
    return RETRY_AFTER[failed_attempts - 1]


def is_success(status: int) -> bool:
    """Standard Webhooks: any 2xx answer is a delivery; everything else is retried."""
    return 200 <= status < 300
