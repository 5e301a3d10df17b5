#!/usr/bin/env python
"""Django's manage.py; the same as the `incheck` command."""

from incheck.cli import main

if __name__ == "__main__":
    main()
