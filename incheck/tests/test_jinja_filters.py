"""The Jinja2 filters that shortcut Django's give what Django's give."""

from __future__ import annotations

from django.template import defaultfilters
from django.utils.safestring import mark_safe

from incheck.jinja import linebreaksbr


def test_linebreaksbr_is_djangos():
    for text in (
        "",
        "plain",
        "two\nlines",
        "windows\r\nand mac\rlines\n",
        "<b>'quoted' & \"double\"</b>\n<script>",
        "åäö «»",
    ):
        assert linebreaksbr(text) == defaultfilters.linebreaksbr(text, autoescape=True)
    safe = mark_safe("<b>kept</b>\nsafe")
    assert linebreaksbr(safe) == defaultfilters.linebreaksbr(safe, autoescape=True)
    assert linebreaksbr(12) == defaultfilters.linebreaksbr(12, autoescape=True)
