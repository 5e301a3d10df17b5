"""One way to write a number per language: "62%" in English, "62 %" in Swedish (issue 9).

The Swedish Language Council writes a (no-break) space before the per cent sign; English
writes none. Pages show percentages through the `pct` and `quantity` filters
(incheck/okrs/templatetags/incheck_ui.py) and through translated sentences; both follow it.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

from incheck.okrs.templatetags.incheck_ui import pct, quantity
from incheck.tests.test_translations import PO, read_po

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
NBSP = "\u00a0"


def test_a_percentage_is_written_the_languages_way():
    with translation.override("en"):
        assert pct(62) == "62%"
        assert quantity(14, "%") == "14%"
    with translation.override("sv"):
        assert pct(62) == f"62{NBSP}%"
        assert quantity(14, "%") == f"14{NBSP}%"


def test_a_value_keeps_its_unit_on_the_same_line():
    with translation.override("en"):
        assert quantity(200, "leads") == f"200{NBSP}leads"
        assert quantity(1234.5, "") == "1,234.5"
        assert quantity(None, "leads") == ""


def test_every_swedish_sentence_puts_a_no_break_space_before_the_per_cent_sign():
    wrong = []
    for entry in read_po(PO.read_text(encoding="utf-8")):
        for text in entry.msgstr.values():
            if re.search(rf"\)s(?!{NBSP})\s?%%", text):
                wrong.append(text)
    assert wrong == []


def test_no_template_writes_a_per_cent_sign_after_a_number_by_hand():
    # Widths and positions in style attributes are CSS, not text; a translated sentence's per
    # cent sign is the catalogue's (checked above).
    by_hand = []
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        text = re.sub(r"\{% blocktranslate.*?\{% endblocktranslate %\}", "", text, flags=re.S)
        text = re.sub(r'style="[^"]*"', "", text)
        by_hand += [
            f"{template.relative_to(TEMPLATES)}: {m}"
            for m in re.findall(r".{0,40}\}\}\s?%(?!\})", text)
        ]
    assert by_hand == []
