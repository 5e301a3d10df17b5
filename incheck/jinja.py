"""Jinja2, the template engine of the pages' hot loops (KR cards, timelines, review KRs).

The base layout and most pages stay Django templates; what a page prints many times (a KR
card per key result, a check-in per entry) is a Jinja2 template under `templates/jinja2/`,
because Django's engine costs about three times as much per row (bench.scale, docs/
architecture.md "Speed at organisation scale"). A Django template includes one with
`{% jinja "okrs/_kr_cards.html" rows=group.rows %}` (`okrs/templatetags/jinja_include.py`);
a view may render one directly (`render(request, "okrs/_timeline.html", …)` falls through to
this engine when no Django template has the name).

The filters are the Django templates' own (`incheck_ui`, `reflection`) plus the few built-ins
these templates use. Words go through Jinja2's i18n extension bound to Django's translations
(newstyle: `_("by %(due)s", due=…)` escapes `due` and formats after translating;
`ngettext(singular, plural, n)` has `num`), so one catalogue serves both engines; the msgids
are those of the Django templates' `blocktranslate`, and `make messages` extracts them
(`okrs/management/commands/makemessages.py`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import unicodedata
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.autoreload import file_changed
from django.utils.html import escape
from django.utils.safestring import mark_safe
from jinja2 import Environment, pass_context
from jinja2.ext import extract_from_ast
from jinja2.runtime import Context
from markupsafe import Markup

from incheck.okrs.templatetags import incheck_ui, reflection


def url(name: str, *args: Any) -> str:
    return reverse(name, args=args)


@pass_context
def date(context: Context, value: dt.date | dt.datetime | None, arg: str | None = None) -> str:
    """Django's `date` filter, in the reader's zone as Django's templates show a moment.

    A day (a Next Up's due date: a page shows the same few Fridays on every card) is
    formatted once per language and format, like the words (`_WORDS`)."""
    if type(value) is dt.date:
        language = _language(context)
        key = ("date", language, value, arg)
        text = _WORDS.get(key)
        if text is None:
            text = _WORDS[key] = _in_language(language, defaultfilters.date, value, arg)
        return str(text)
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return defaultfilters.date(value, arg)


def truncatechars(value: Any, length: int) -> str:
    """Django's `truncatechars`; a text already short enough (most) skips its character walk
    and is only NFC-normalised, as Django returns it."""
    text = str(value)
    if int(length) > 0 and len(text) <= int(length):
        return unicodedata.normalize("NFC", text)
    return defaultfilters.truncatechars(value, length)


def linebreaksbr(value: Any) -> Any:
    """Django's `linebreaksbr` (autoescaped), without its newline walk and filter wrappers
    for a plain text with no carriage return: the same markup (a timeline prints ~20)."""
    if type(value) is str and "\r" not in value:
        return mark_safe(escape(value).replace("\n", "<br>"))  # noqa: S308 - escaped
    return defaultfilters.linebreaksbr(value, autoescape=True)


def groupby_consecutive(items: Any, attribute: str) -> list[list[Any]]:
    """Runs of items with the same attribute, in order (Django's `regroup`)."""
    return [list(run) for _key, run in itertools.groupby(items, key=attrgetter(attribute))]


# Words, remembered per language. A page asks for the same few dozen words on every row (a
# KR card, a check-in): through Django's and Jinja2's layers a lookup cost ~10-20 µs, 300-500
# of them a page. The catalogues do not change while the process runs (Django keeps them
# loaded the same way), so each message is translated once per language and process; the
# memo is dropped where Django drops its catalogues (a test changing the languages, the
# development server seeing a .mo file change).
_WORDS: dict[tuple[Any, ...], Any] = {}
_Label = TypeVar("_Label", bound=Callable[[str], str])


@receiver(setting_changed)
def _forget_words_on_setting(*, setting: str, **_kwargs: Any) -> None:
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        _WORDS.clear()


@receiver(file_changed)
def _forget_words_on_catalogue(*, file_path: Any, **_kwargs: Any) -> None:
    if str(file_path).endswith(".mo"):
        _WORDS.clear()


@pass_context
def gettext(context: Context, message: str, **variables: Any) -> Any:
    """Jinja2's newstyle `_()` (format after translating, escaping the values), remembered."""
    autoescape = context.eval_ctx.autoescape
    language = _language(context)
    key = ("_", language, autoescape, message)
    text = _WORDS.get(key)
    if text is None:
        text = _in_language(language, translation.gettext, message)
        # The catalogue is ours (trusted, as Jinja2's own newstyle gettext takes it).
        text = _WORDS[key] = Markup(text) if autoescape else text  # noqa: S704
    if variables:
        return text % variables
    # Even without values the message is a format ("%%" is a per cent sign), as newstyle has it.
    key = ("%", *key[1:])
    formatted = _WORDS.get(key)
    if formatted is None:
        formatted = _WORDS[key] = text % {}
    return formatted


# Counts below this have their plural's words remembered (a count is any number: the memo
# stays bounded); larger ones are translated each time.
_REMEMBERED_COUNTS = 100


@pass_context
def ngettext(context: Context, singular: str, plural: str, n: int, /, **variables: Any) -> Any:
    """Jinja2's newstyle `ngettext` (`num` among the values, formatted after translating),
    the words remembered per language and count: a review's calibration says "reached 2 of 3
    times" a hundred times a page, each ~15 µs through Django's translation."""
    variables.setdefault("num", n)
    autoescape = context.eval_ctx.autoescape
    language = _language(context)
    remembered = type(n) is int and 0 <= n < _REMEMBERED_COUNTS
    key = ("n", language, autoescape, singular, plural, n)
    text = _WORDS.get(key) if remembered else None
    if text is None:
        text = _in_language(language, translation.ngettext, singular, plural, n)
        # The catalogue is ours (trusted, as Jinja2's own newstyle ngettext takes it).
        text = Markup(text) if autoescape else text  # noqa: S704
        if remembered:
            _WORDS[key] = text
    return text % variables


def per_language(label: _Label) -> _Label:
    """A label filter (code → words in the reader's language) remembered per language."""

    @pass_context
    def remembered(context: Context, code: str) -> str:
        language = _language(context)
        key = (label, language, code)
        words = _WORDS.get(key)
        if words is None:
            words = _WORDS[key] = _in_language(language, label, code)
        return words

    return remembered  # type: ignore[return-value]


def _language(context: Context) -> str | None:
    """The reader's language: the page's `LANGUAGE_CODE` (Django's i18n context, passed by
    `{% jinja %}`: a lookup in the render's dict), else the active one (a thread-local read,
    a few µs: hundreds of times a page)."""
    return context.get("LANGUAGE_CODE") or translation.get_language()


def _in_language(language: str | None, function: Callable[..., Any], *args: Any) -> Any:
    """`function(*args)` with `language` active (it is, unless a render was started in another)."""
    if language is None:
        return function(*args)
    with translation.override(language):
        return function(*args)


# What the templates call to translate, and the Python function xgettext knows each one as.
_GETTEXT = {"_": "gettext", "gettext": "gettext", "ngettext": "ngettext", "pgettext": "pgettext"}


def messages_as_python(source: str) -> str:
    """A Jinja2 template's translatable strings as Python calls xgettext reads, line for line.

    makemessages feeds Django templates through `templatize`, which knows Django's tags only;
    for a Jinja2 template this takes its place (`okrs/management/commands/makemessages.py`,
    and the completeness test), so the `#:` references point at the template's own lines.
    """
    parsed = Environment(extensions=["jinja2.ext.i18n"]).parse(source)  # noqa: S701 - parse only
    lines = [""] * (source.count("\n") + 1)
    for lineno, function, strings in extract_from_ast(parsed, tuple(_GETTEXT), babel_style=False):
        if not strings:
            continue
        arguments = ", ".join(repr(text) for text in strings)
        count = ", 0" if function == "ngettext" else ""
        lines[lineno - 1] += f"{_GETTEXT[function]}({arguments}{count}); "
    return "\n".join(lines) + "\n"


def environment(**options: Any) -> Environment:
    options.setdefault("extensions", []).append("jinja2.ext.i18n")
    env = Environment(**options)  # noqa: S701 - Django's backend passes autoescape=True
    env.install_gettext_translations(translation, newstyle=True)  # type: ignore[attr-defined]
    # `_`, `gettext` and `ngettext` remembered per language (above); pgettext as installed.
    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext, url=url, static=static)
    env.filters.update(
        {
            name: getattr(module, name)
            for module, names in (
                (
                    incheck_ui,
                    (
                        "health_label",
                        "health_explanation",
                        "cadence_label",
                        "kind_label",
                        "closure_label",
                        "number",
                        "pct",
                        "quantity",
                        "person",
                        "days_since",
                        "in_kind_order",
                        "percent",
                    ),
                ),
                (reflection, ("share_percent", "bias", "about", "error_unit")),
            )
            for name in names
        }
    )
    for name in ("health_label", "health_explanation", "kind_label", "closure_label"):
        env.filters[name] = per_language(getattr(incheck_ui, name))
    env.filters.update(
        date=date,
        linebreaksbr=linebreaksbr,
        truncatechars=truncatechars,
        capfirst=defaultfilters.capfirst,
        floatformat=defaultfilters.floatformat,
        groupby_consecutive=groupby_consecutive,
    )
    return env
