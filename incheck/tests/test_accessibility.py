"""The accessibility gate: WCAG 2.1 AA on every page a person can reach (issue 9).

Every page in PAGES is opened in a real browser, in English and in Swedish, and checked by
axe-core at desktop width (1366 px) and phone width (390 px): any violation of impact serious or
critical fails the test, naming the page, the language, the width, the rule and the elements.
Each page is also walked with the Tab key (English, desktop), in the state the gate checks it in:
every visible control must be reachable and show where the focus is.

Adding a page is one line in PAGES: a name, a URL built over the fixture organisation (the demo,
Nordlys), who is signed in, and optionally what a person does first (open a form, submit it
with a mistake). See docs/architecture.md, "The accessibility gate".

Cost: the session's one browser and one live server; one fixture organisation and one
browser context a person per language. The two languages are two tests, so that make test's two
xdist workers take one each, and both start first (`first` marker, incheck/conftest.py): a long
test collected last would run alone at the end. The gate runs on SQLite only: it checks the
HTML the templates render, which does not depend on the database, so running it again on
PostgreSQL would double its cost for nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.db import connection

from incheck import clock
from incheck.accounts.models import Profile, Team
from incheck.accounts.services import token_create
from incheck.conftest import FROZEN_NOW, sign_in
from incheck.okrs.demo import DEMO_PASSWORD, load_demo
from incheck.okrs.models import KeyResult, Objective, Period
from incheck.testing.accessibility import (
    AXE_PATH,
    add_axe,
    axe_missing_message,
    axe_violations,
    keyboard_problems,
    wait_until_settled,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"en": "en-GB", "sv": "sv-SE"}
WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
KEYBOARD_LANGUAGE = "en"
TODAY = FROZEN_NOW.astimezone(clock.zone("Europe/Stockholm")).date()

# KRs of the demo the pages below open (see incheck/okrs/demo/).
MAJAS_KR = "Qualified trial sign-ups per month"  # Maja's (demo's) own, with an open Next Up
LAST_QUARTERS_KR = "Leads from webinars"


class Org:
    """The fixture organisation (the demo, Nordlys) as the URL builders see it."""

    def user(self, username: str) -> User:
        return User.objects.get(username=username)

    def team(self, name: str) -> Team:
        return Team.objects.get(name=name)

    @cached_property
    def current(self) -> Period:
        return Period.objects.get(start_on__lte=TODAY, end_on__gte=TODAY)

    @cached_property
    def previous(self) -> Period:
        return Period.objects.filter(end_on__lt=self.current.start_on).latest("end_on")

    def kr(self, title: str, period: Period | None = None) -> KeyResult:
        return KeyResult.objects.get(title=title, objective__period=period or self.current)

    def objective(self, title: str) -> Objective:
        return Objective.objects.get(title=title, period=self.current)

    def webhook(self) -> int:
        """An outgoing webhook with a delivery in its log (made on first use)."""
        from incheck.notify.models import WebhookEndpoint
        from incheck.notify.services.webhooks import endpoint_create, endpoint_test, new_secret

        endpoint = WebhookEndpoint.objects.first()
        if endpoint is None:
            endpoint = endpoint_create(
                user=self.user("demo"),
                url="http://127.0.0.1:9/hooks/ci",
                secret=new_secret(),
                events=["check_in.created", "period.closed"],
                description="CI dashboard",
            )
            endpoint_test(user=self.user("demo"), endpoint_id=endpoint.pk)
        return endpoint.pk


Action = Callable[[Any], None]


@dataclass(frozen=True)
class Page:
    """One page of the gate: its URL over the organisation, who looks, and what they do first."""

    name: str
    url: Callable[[Org], str]
    user: str | None = "demo"  # who is signed in (demo people share DEMO_PASSWORD); None: nobody
    then: Action | None = None
    status: int = 200


# ---- what a person does on a page before it is checked ---------------------------------------


def submit(form: str, fill: dict[str, str] | None = None, errors: str = ".error") -> Action:
    """Fill fields of the form (CSS selectors in it), submit it, wait for its errors."""

    def act(tab: Any) -> None:
        for field, value in (fill or {}).items():
            tab.locator(form).locator(field).first.fill(value)
        tab.locator(form).locator("button[type=submit]").first.click()
        tab.locator(errors).first.wait_for()

    return act


def open_every_section(tab: Any) -> None:
    closed = tab.locator(".checkin-form details.section:not([open]) > summary")
    while closed.count():
        closed.first.click()


def create_token(tab: Any) -> None:
    tab.fill("#token-name", "weekly sales script")
    tab.click("#api-tokens-panel form.form button[type=submit]")
    tab.locator("#new-token").wait_for()


def open_a_branch(tab: Any) -> None:
    tab.locator(".align-toggle[aria-expanded=false]").first.click()
    tab.locator(
        ".align-branch:not([hidden]) .align-branch, .align-branch:not([hidden]) li"
    ).first.wait_for()


def search_a_team(tab: Any) -> None:
    # The field shows a few teams before anything is typed, so waiting for a choice alone could
    # return before the matches arrive, and the walk would then meet radios swapped under it.
    with tab.expect_response(lambda response: "team_q=gro" in response.url):
        tab.fill("#id_team_q", "gro")
    tab.locator("#team-options .search-choice-option", has_text="Gro").first.wait_for()
    tab.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling')")


def rhythm_with_a_wrong_day(tab: Any) -> None:
    """Every two weeks from a date that is not on the team's check-in day."""
    tab.check("#rhythm-form [name=every_weeks][value='2']")
    day = tab.locator("#rhythm-form [name=weekday]").input_value()
    # 1 January 2001 was a Monday: pick a day of that week that is not the team's.
    tab.fill("#rhythm-form [name=anchor_on]", f"2001-01-0{2 if day == '0' else 1}")
    tab.locator("#rhythm-form button[type=submit]").click()
    tab.locator("#rhythm-form .error").first.wait_for()


def channel_with_a_bad_address(tab: Any) -> None:
    """A Microsoft Teams channel whose address is not one."""
    tab.select_option("#channel-form [name=kind]", "teams")
    tab.fill("#channel-form [name=url]", "not an address")
    tab.locator("#channel-form button[type=submit]").click()
    tab.locator("#channel-form .error").first.wait_for()


TOO_LONG = "x" * 300
CHECK_IN = "form.checkin-form"

# ---- the pages -----------------------------------------------------------------------------
# One line a page. Add yours when you add a page (PROTOCOL: every page must pass the gate).

PAGES: list[Page] = [
    Page("sign-in", lambda o: "/accounts/login/", user=None),
    Page(
        "sign-in, wrong password",
        lambda o: "/accounts/login/",
        user=None,
        then=submit("form", {"[name=username]": "demo", "[name=password]": "nope"}, ".alert"),
    ),
    Page("inbox", lambda o: "/"),
    Page("inbox of a member", lambda o: "/", user="laura"),
    Page(
        "KR page, the check-in form open",
        lambda o: f"/key-results/{o.kr(MAJAS_KR).pk}/",
        then=open_every_section,
    ),
    Page(
        "KR page, check-in with errors",
        lambda o: f"/key-results/{o.kr(MAJAS_KR).pk}/",
        then=submit(CHECK_IN, {"[name=progress_text]": TOO_LONG}, "#checkin-errors"),
    ),
    Page(
        "KR page of someone else, feedback with errors",
        lambda o: f"/key-results/{o.kr(MAJAS_KR).pk}/",
        user="laura",
        then=submit("form.feedback-form"),
    ),
    Page(
        "KR page, closed period",
        lambda o: f"/key-results/{o.kr(LAST_QUARTERS_KR, o.previous).pk}/",
    ),
    Page("teams", lambda o: "/teams/"),
    Page("a team", lambda o: f"/teams/{o.team('Growth').pk}/"),
    Page("a team's settings", lambda o: f"/teams/{o.team('Growth').pk}/settings/"),
    Page(
        "a team's settings, rhythm with errors",
        lambda o: f"/teams/{o.team('Growth').pk}/settings/",
        then=rhythm_with_a_wrong_day,
    ),
    Page(
        "a team's settings, a channel with errors",
        lambda o: f"/teams/{o.team('Growth').pk}/settings/",
        then=submit("#channel-form", {"[name=target]": "two words"}),
    ),
    Page(
        "a team's settings, as a member",
        lambda o: f"/teams/{o.team('Growth').pk}/settings/",
        user="laura",
    ),
    Page(
        "a team, last quarter",
        lambda o: f"/teams/{o.team('Growth').pk}/?period={o.previous.pk}",
    ),
    Page("insights", lambda o: "/insights/"),
    Page("insights, a search", lambda o: "/insights/?q=webinar"),
    Page("insights, no match", lambda o: "/insights/?q=zzzz"),
    Page("blockers", lambda o: "/blockers/"),
    Page("blockers, resolved", lambda o: "/blockers/?state=resolved"),
    Page("blockers, resolve with errors", lambda o: "/blockers/", then=submit(".resolve-form")),
    Page("periods", lambda o: "/periods/"),
    Page(
        "periods, new period with errors",
        lambda o: "/periods/",
        then=submit(".period-form form", {"[name=name]": ""}),
    ),
    Page("review, open period", lambda o: f"/periods/{o.current.pk}/review/"),
    Page("review, closed period", lambda o: f"/periods/{o.previous.pk}/review/"),
    Page(
        "team review, open period",
        lambda o: f"/periods/{o.current.pk}/review/team/{o.team('Growth').pk}/",
    ),
    Page(
        "team review, closed period",
        lambda o: f"/periods/{o.previous.pk}/review/team/{o.team('Growth').pk}/",
    ),
    Page(
        "person review, open period",
        lambda o: f"/periods/{o.current.pk}/review/person/{o.user('laura').pk}/",
    ),
    Page(
        "person review, closed period",
        lambda o: f"/periods/{o.previous.pk}/review/person/{o.user('laura').pk}/",
    ),
    Page("check-out, open period", lambda o: f"/periods/{o.current.pk}/checkout/"),
    Page(
        "check-out, close with errors",
        lambda o: f"/periods/{o.current.pk}/checkout/",
        then=submit(".close-form"),
    ),
    Page("check-out, closed period", lambda o: f"/periods/{o.previous.pk}/checkout/"),
    Page("profile", lambda o: "/accounts/profile/"),
    # Passwords (incheck/accounts/views_password.py): change one's own, reset a forgotten one.
    Page("change the password", lambda o: "/accounts/password/"),
    Page(
        "change the password with errors",
        lambda o: "/accounts/password/",
        then=submit(
            "form.form",
            {
                "[name=old_password]": "nope",
                "[name=new_password1]": "a long new password 1",
                "[name=new_password2]": "a long new password 1",
            },
        ),
    ),
    Page("password reset", lambda o: "/accounts/password/reset/", user=None),
    Page(
        "password reset with errors",
        lambda o: "/accounts/password/reset/",
        user=None,
        # The browser lets "a@b" through (type=email); Django wants a domain with a dot.
        then=submit("form", {"[name=email]": "a@b"}),
    ),
    Page("password reset, link sent", lambda o: "/accounts/password/reset/sent/", user=None),
    Page("password reset, the e-mail's link", lambda o: reset_link(o), user=None),
    Page(
        "password reset, new passwords that differ",
        lambda o: reset_link(o),
        user=None,
        then=submit(
            "form",
            {"[name=new_password1]": "a long new password 1", "[name=new_password2]": "other"},
        ),
    ),
    Page(
        "password reset, a link that no longer works",
        lambda o: "/accounts/password/reset/MQ/no-such-token/",
        user=None,
    ),
    Page("password reset, done", lambda o: "/accounts/password/reset/done/", user=None),
    Page(
        "profile, a chat channel with errors",
        lambda o: "/accounts/profile/",
        then=channel_with_a_bad_address,
    ),
    Page(
        "profile, nudges with errors",
        lambda o: "/accounts/profile/",
        then=submit(
            "#nudge-form", {"[name=away_from]": "2026-12-20", "[name=away_until]": "2026-12-01"}
        ),
    ),
    Page("integrations", lambda o: "/integrations/"),
    Page(
        "integrations, a webhook with errors",
        lambda o: "/integrations/",
        then=submit("#webhook-form", {"[name=url]": "not an address"}),
    ),
    Page("a webhook and its delivery log", lambda o: f"/integrations/webhooks/{o.webhook()}/"),
    Page("tokens", lambda o: "/accounts/tokens/"),
    Page("tokens, a new token", lambda o: "/accounts/tokens/", then=create_token),
    Page(
        "new objective",
        lambda o: f"/objectives/new/?team={o.team('Growth').pk}&period={o.current.pk}",
    ),
    Page(
        "new objective with errors",
        lambda o: f"/objectives/new/?team={o.team('Growth').pk}",
        then=submit("form.form", {"[name=title]": ""}),
    ),
    Page(
        "edit objective",
        lambda o: f"/objectives/{o.kr(MAJAS_KR).objective_id}/edit/",
    ),
    Page(
        "new key result",
        lambda o: f"/objectives/{o.kr(MAJAS_KR).objective_id}/key-results/new/",
    ),
    Page(
        "new key result with errors",
        lambda o: f"/objectives/{o.kr(MAJAS_KR).objective_id}/key-results/new/",
        then=submit("form.kr-form", {"[name=title]": ""}),
    ),
    Page("edit key result", lambda o: f"/key-results/{o.kr(MAJAS_KR).pk}/edit/"),
    # Correcting a check-in (views/corrections.py): a sitting demo wrote a moment ago.
    Page("correct a check-in", lambda o: f"/sittings/{fresh_sitting(o)}/edit/"),
    Page(
        "correct a check-in with errors",
        lambda o: f"/sittings/{fresh_sitting(o)}/edit/",
        then=submit("form.sitting-edit", {"input[name$=progress_value]": "lots"}),
    ),
    Page("delete a check-in", lambda o: f"/sittings/{fresh_sitting(o)}/delete/"),
    # Archiving (views/archiving.py): the pages that ask first.
    Page("archive a key result", lambda o: f"/key-results/{o.kr(MAJAS_KR).pk}/archive/"),
    Page(
        "archive an objective",
        lambda o: f"/objectives/{o.kr(MAJAS_KR).objective_id}/archive/",
    ),
    Page(
        "not allowed (403)",
        lambda o: f"/key-results/{o.kr(MAJAS_KR).pk}/edit/",
        user="laura",
        status=403,
    ),
    Page("not found (404)", lambda o: "/no-such-page/", status=404),
    Page("alignment", lambda o: "/alignment/"),
    Page("alignment, a branch opened", lambda o: "/alignment/", then=open_a_branch),
    Page("alignment, a team searched", lambda o: "/alignment/", then=search_a_team),
    Page("alignment, a team's branch", lambda o: f"/alignment/?team={o.team('Growth').pk}"),
    Page(
        "alignment, one objective",
        lambda o: f"/alignment/objectives/{o.kr(MAJAS_KR).objective_id}/",
    ),
    Page("dashboard", lambda o: "/dashboard/"),
    Page("dashboard, teams by a figure", lambda o: "/dashboard/?sort=dead"),
    Page("teams, a search", lambda o: "/teams/?q=gro"),
    # People and teams (incheck/people, docs/people.md).
    Page("people", lambda o: "/people/"),
    Page("people, no match", lambda o: "/people/?q=zzzz&status=deactivated"),
    Page(
        "people, invitation with errors",
        lambda o: "/people/",
        then=submit("#invite form", {"[name=email]": "not an address"}, "#invite .error"),
    ),
    Page("a person", lambda o: f"/people/{o.user('laura').pk}/"),
    Page("teams to manage", lambda o: "/people/teams/"),
    Page(
        "teams to manage, new team with errors",
        lambda o: "/people/teams/",
        then=submit("#new-team form", {"[name=name]": "growth"}, "#new-team .error"),
    ),
    Page(
        "a team's members, as its lead",
        lambda o: f"/teams/{o.team('Product').pk}/members/",
        user="jonas",
    ),
    Page("a team's members, as an admin", lambda o: f"/teams/{o.team('Growth').pk}/members/"),
    Page("import from CSV", lambda o: "/people/import/"),
    Page(
        "import from CSV, a dry run with problems",
        lambda o: "/people/import/",
        then=submit(
            "form[enctype]",
            {"[name=text]": "name,email,team,role\nNina,nina@nordlys.example,,\nX,nope,,boss\n"},
            ".alert",
        ),
    ),
    Page(
        "import from CSV, a dry run to confirm",
        lambda o: "/people/import/",
        then=submit(
            "form[enctype]",
            {"[name=text]": "name,email,team,role\nNina,nina@nordlys.example,Growth,lead\n"},
            "#confirm-import",
        ),
    ),
    Page("audit log", lambda o: "/people/audit/"),
    Page("an invitation", lambda o: f"/invitations/{invitation(o)}/", user=None),
    Page("an invitation that is not valid", lambda o: "/invitations/nope/", user=None, status=404),
    # Last: it archives a KR of the demo (the pages above show it in use).
    Page("an archived key result's page", lambda o: f"/key-results/{archived_kr(o)}/"),
]


def archived_kr(org: Org) -> int:
    """A KR of demo's, not Maja's, archived now: its id (its page says so, with a way back)."""
    from incheck.okrs.services.key_results import key_result_update

    kr = (
        KeyResult.objects.filter(objective__period=org.current, owner__username="demo")
        .exclude(title=MAJAS_KR)
        .order_by("id")
        .first()
    ) or KeyResult.objects.filter(objective__period=org.current).exclude(title=MAJAS_KR).first()
    assert kr is not None
    key_result_update(actor=org.user("demo"), key_result_id=kr.pk, archived=True)
    return kr.pk


def fresh_sitting(org: Org) -> str:
    """A sitting demo writes now on their own KR (still theirs to correct): its id."""
    from incheck.domain.checkins import Entry
    from incheck.okrs.services.checkins import checkin_sitting_create

    kr = org.kr(MAJAS_KR)
    sitting = checkin_sitting_create(
        actor=org.user("demo"),
        key_result_id=kr.pk,
        entries=[Entry(kind="progress", value=kr.current_value, text="Counted the sign-ups again")],
    )
    return str(sitting.id)


def invitation(org: Org) -> str:
    """A fresh invitation's link secret (for the invitation page)."""
    from incheck.people.services.people import person_invite

    _person, raw = person_invite(
        actor=org.user("demo"), email=f"new{Profile.objects.count()}@nordlys.example", name="Nina"
    )
    return raw


def reset_link(org: Org) -> str:
    """The link a password reset e-mail carries, for the demo's administrator."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = org.user("demo")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/accounts/password/reset/{uid}/{default_token_generator.make_token(user)}/"


# ---- the gate ------------------------------------------------------------------------------


def fixture_organisation() -> Org:
    """The demo, written for the frozen day, read in whatever language the browser asks for."""
    load_demo(today=TODAY)
    # The demo's people have languages of their own; the gate chooses one per browser instead.
    Profile.objects.update(language="")
    token_create(user=User.objects.get(username="demo"), name="CI export")
    return Org()


@pytest.mark.first
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_passes_axe_at_desktop_and_phone_width(
    language: str, browser: Any, live_server: Any
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the markup does not depend on the database: the gate runs on SQLite only")
    if not AXE_PATH.exists():
        pytest.fail(axe_missing_message())
    org = fixture_organisation()
    failures: list[str] = []
    tabs: dict[str | None, Any] = {}

    def tab_for(user: str | None) -> Any:
        """One browser context a person, signed in once, asking for the language checked."""
        if user not in tabs:
            context = browser.new_context(base_url=live_server.url, locale=LANGUAGES[language])
            context.set_default_timeout(10_000)
            add_axe(context)
            tabs[user] = context.new_page()
            if user is not None:
                sign_in(tabs[user], user, DEMO_PASSWORD)
        return tabs[user]

    try:
        for page in PAGES:
            tab = tab_for(page.user)
            tab.set_viewport_size(WIDTHS["desktop"])
            address = page.url(org)  # once: a builder may make what it links to
            response = tab.goto(address)
            where = f"{page.name} [{language}]"
            if response is None or response.status != page.status:
                status = response.status if response else "no response"
                failures.append(f"{where}: answered {status}, expected {page.status}")
                continue
            if page.then is not None:
                page.then(tab)
                # Nothing stays hovered where the last click was.
                tab.mouse.move(0, 0)
            wait_until_settled(tab)
            for width, size in WIDTHS.items():
                tab.set_viewport_size(size)
                violations = axe_violations(tab)
                if violations:
                    details = "\n".join(v.describe() for v in violations)
                    failures.append(f"{where} at {size['width']} px ({width}):\n{details}")
            if language == KEYBOARD_LANGUAGE:
                # The keys and the focus styles do not change with the language or the width.
                # Every state is walked: what a person did first may add controls (a dry run's
                # Import button, a new token's Revoke button, an opened branch).
                tab.set_viewport_size(WIDTHS["desktop"])
                problems = keyboard_problems(tab)
                if problems:
                    failures.append(f"{where}, keyboard:\n" + "\n".join(problems))
    finally:
        for tab in tabs.values():
            tab.context.close()
    assert not failures, "Accessibility gate:\n" + "\n".join(failures)


def test_the_gate_covers_every_page_once() -> None:
    """Names are how a failure points at a page: they must be unique."""
    names = [page.name for page in PAGES]
    assert len(names) == len(set(names))


# Addresses of ours that are no page to check: where a form posts (its errors show on the page
# it came from, which the gate opens with those errors), a redirect, a piece htmx swaps into a
# page the gate opens, a monitor's probe. Django's admin and the API (its docs are third-party,
# see the module's docstring) are not ours to gate. Anything else needs a line in PAGES.
NOT_PAGES = {
    "logout": "a form's target (sign out)",
    "sso_start": "a redirect to the OpenID provider",
    "sso_callback": "a redirect back from the OpenID provider",
    "api_token_revoke": "a form's target (the tokens page)",
    "blocker_resolve": "a form's target (blockers, resolve with errors)",
    "checkout_close": "a form's target (check-out, close with errors)",
    "checkout_carry_over": "a form's target (check-out)",
    "check_in_create": "a form's target (KR page, check-in with errors)",
    "feedback_give": "a form's target (KR page of someone else, feedback with errors)",
    "coach": "htmx: the live hints on the KR page",
    "search_choices": "htmx: the choices of a search field (alignment, a team searched)",
    "healthz": "a monitor's probe, plain text",
    # Nudges, channels and integrations (incheck/notify): forms on the profile, a team's settings
    # and the integrations page, which answer with that page (and its errors) or a redirect.
    "profile_nudges": "a form's target (profile, nudges with errors)",
    "profile_channel_add": "a form's target (profile, a chat channel with errors)",
    "profile_email_test": "a form's target (profile)",
    "profile_calendar": "a form's target (profile)",
    "team_channel_add": "a form's target (a team's settings)",
    "channel_test": "a form's target (profile, a team's settings)",
    "channel_remove": "a form's target (profile, a team's settings)",
    "slack_save": "a form's target (integrations)",
    "slack_test": "a form's target (integrations)",
    "webhook_add": "a form's target (integrations, a webhook with errors)",
    "webhook_test": "a form's target (a webhook and its delivery log)",
    "webhook_remove": "a form's target (a webhook and its delivery log)",
    "calendar_feed": "an iCalendar file for calendar programs, not a page",
}
NOT_OURS = ("admin/", "api/")


def named_addresses(patterns: list[Any], prefix: str = "") -> dict[str, str]:
    """Every named address of ours: {name: route}."""
    from django.urls import URLPattern

    found: dict[str, str] = {}
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(NOT_OURS):
            continue
        if isinstance(pattern, URLPattern):
            if pattern.name:
                found[pattern.name] = route
        else:
            found.update(named_addresses(pattern.url_patterns, route))
    return found


def test_every_address_of_ours_is_a_page_of_the_gate_or_said_why_not() -> None:
    """A page added without its line in PAGES fails here, before the gate's long run."""
    from django.urls import Resolver404, get_resolver, resolve

    if connection.vendor != "sqlite":
        pytest.skip("which addresses there are does not depend on the database")
    org = fixture_organisation()
    gated = set()
    for page in PAGES:
        try:
            gated.add(resolve(urlsplit(page.url(org)).path).url_name)
        except Resolver404:
            assert page.status == 404, f"{page.name}: no address of ours"
    addresses = named_addresses(get_resolver().url_patterns)
    missing = {
        name: route
        for name, route in addresses.items()
        if name not in gated and name not in NOT_PAGES
    }
    assert missing == {}, "add a Page (or a reason in NOT_PAGES) for each"
    assert set(NOT_PAGES) <= set(addresses), "NOT_PAGES names an address that is gone"
