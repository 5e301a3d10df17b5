"""Every page is safe for any date the database can hold (issue 8, item 3).

New periods are bounded (`domain.dates`), but older rows, an import or the Django admin may
still hold a period from year 1 to year 9999 or a Next Up due on 9999-12-31: every page that
derives dates from them (the next-quarter suggestion, the chart's month ticks, the pace, the
outcome window) must still answer, for everyone. The pages are the accessibility gate's list
(`incheck/tests/test_accessibility.py`), so a page added there is checked here too.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client

from incheck.okrs.models import CheckIn, KeyResult, Period
from incheck.tests.test_accessibility import PAGES, fixture_organisation

pytestmark = pytest.mark.django_db

FIRST_DAY = dt.date.min  # 0001-01-01
LAST_DAY = dt.date.max  # 9999-12-31


@pytest.fixture
def org():
    """The demo organisation, its periods stretched to the ends of the calendar."""
    org = fixture_organisation()
    Period.objects.filter(pk=org.previous.pk).update(start_on=FIRST_DAY, end_on=dt.date(1, 1, 5))
    Period.objects.filter(pk=org.current.pk).update(start_on=dt.date(1, 1, 6), end_on=LAST_DAY)
    plans = CheckIn.objects.filter(kind="next_up", closed_at__isnull=True)
    first = plans.order_by("pk").first()
    plans.update(due_on=LAST_DAY)
    if first is not None:
        CheckIn.objects.filter(pk=first.pk).update(due_on=FIRST_DAY)
    for name in ("current", "previous"):
        org.__dict__.pop(name, None)  # read the stretched periods afresh
    return org


def test_every_page_answers_for_periods_at_the_ends_of_the_calendar(org):
    clients: dict[str, Client] = {}
    failures = []
    for page in PAGES:
        if page.user is None:
            client = Client(raise_request_exception=False)
        elif page.user not in clients:
            clients[page.user] = Client(raise_request_exception=False)
            clients[page.user].force_login(User.objects.get(username=page.user))
        client = clients.get(page.user or "", client)
        url = page.url(org)
        # Followed as the browser does (a reset e-mail's link redirects to its form).
        response = client.get(url, follow=True)
        if response.status_code != page.status:
            failures.append(f"{page.name} ({url}): {response.status_code}")
    assert not failures, failures


def test_the_api_answers_for_periods_at_the_ends_of_the_calendar(org):
    from incheck.accounts.services import token_create

    demo = User.objects.get(username="demo")
    token = token_create(user=demo, name="dates")[1]
    client = Client(raise_request_exception=False, headers={"Authorization": f"Bearer {token}"})
    kr = KeyResult.objects.filter(objective__period=org.current).first()
    paths = [
        "/api/v1/periods",
        f"/api/v1/periods/{org.current.pk}/review?person={demo.pk}",
        f"/api/v1/periods/{org.previous.pk}/review?person={demo.pk}",
        "/api/v1/key-results?limit=200",
        f"/api/v1/key-results/{kr.pk}",
        f"/api/v1/key-results/{kr.pk}/check-ins",
        "/api/v1/objectives",
        "/api/v1/blockers",
        "/api/v1/insights",
    ]
    statuses = {path: client.get(path).status_code for path in paths}
    assert statuses == dict.fromkeys(paths, 200)
