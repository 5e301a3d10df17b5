"""Django's makemessages, reading the Jinja2 templates too (`incheck/jinja.py`).

Django pushes every template through `templatize`, which understands Django's tags only: a
Jinja2 template's `_("…")` with arguments, `ngettext` and `{% trans %}` would be missed and,
with `--no-obsolete`, their translations dropped from the catalogue. Files under a
`templates/jinja2/` folder are turned into Python calls by Jinja2's own extractor instead.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.commands import makemessages

from incheck.jinja import messages_as_python


def is_jinja_template(path: str) -> bool:
    parts = Path(path).parts
    return any(parts[i : i + 2] == ("templates", "jinja2") for i in range(len(parts) - 1))


class BuildFile(makemessages.BuildFile):
    def preprocess(self) -> None:
        if not (self.is_templatized and is_jinja_template(self.path)):
            super().preprocess()
            return
        source = Path(self.path).read_text(encoding="utf-8")
        Path(self.work_path).write_text(messages_as_python(source), encoding="utf-8")


class Command(makemessages.Command):
    build_file_class = BuildFile
