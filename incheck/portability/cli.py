"""What the export and import commands share: help that keeps its paragraphs, and streams."""

from __future__ import annotations

import argparse
import io
import sys
from typing import Any, TextIO

from django.core.management.base import DjangoHelpFormatter


class HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Django's help layout, keeping the description's line breaks (it explains the format)."""


def stream(options: dict[str, Any], name: str) -> TextIO:
    """The real stdout/stderr (or the one `call_command` was given), not Django's wrapper,
    which would add line ends to every write."""
    given = options.get(name)
    if given is not None:
        return given
    if name == "stderr":
        return sys.stderr
    # The document is UTF-8 whatever the terminal's locale says (å, ä, ö and emoji included).
    if isinstance(sys.stdout, io.TextIOWrapper) and sys.stdout.encoding.lower() != "utf-8":
        sys.stdout.reconfigure(encoding="utf-8")
    return sys.stdout
