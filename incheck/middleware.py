"""Refuse the NUL character anywhere in a page's request, before anything reads it.

PostgreSQL's text cannot hold NUL (SQLite's can), and a NUL reaching a query is a `DataError`:
a 500 on the token page, a token's URL, a search box. Nothing a person types holds one, so
instead of guarding every field of every form, every query parameter and every path, this
middleware answers 400 for any request whose path, query string or form fields (names and
values) hold one: on both databases alike, so a test on SQLite sees what PostgreSQL would do.

The API validates its own input field by field (`okrs/api/types.py`: a 422 naming the field,
query parameters included), and a session cookie Django would never issue is no session at all
(`accounts/sessions.py`); both are left to themselves here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from incheck.errors import DomainError
from incheck.okrs.views.common import error_page

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class BadRequest(DomainError):
    status = 400
    default_code = "malformed"


def _texts(request: HttpRequest) -> Iterable[str]:
    yield request.path
    for key, values in request.GET.lists():
        yield key
        yield from values
    if request.method == "POST" and request.content_type in FORM_TYPES:
        try:
            form = request.POST
        except RequestDataTooBig:
            return  # too large: the view (or the API's handler) answers 413 / 400 for it
        for key, values in form.lists():
            yield key
            yield from values


def holds_nul(request: HttpRequest) -> bool:
    """Whether any text of the request holds the NUL character."""
    return any(NUL in text for text in _texts(request))


class RefuseNul:
    """Middleware: 400 for a request that holds NUL (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/") or not holds_nul(request):
            return self.get_response(request)
        return error_page(request, BadRequest(_("Text may not contain the NUL character.")))
