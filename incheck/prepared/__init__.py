"""Statements Django builds once a process, for the hot writes and the busiest pages.

Django compiles a queryset into SQL each time it runs it, and on the check-in sitting and the
busiest pages that cost more than running it. `reads`: `Prepared` and `PreparedCount`, a
queryset compiled once with markers for its arguments; `writes`: `insert_rows` and
`update_columns`, a sitting's INSERT and UPDATEs. `test_prepared` compares each with the ORM.
"""

from incheck.prepared.reads import LIST_KEPT, SHAPES_KEPT, Inline, Prepared, PreparedCount
from incheck.prepared.writes import insert_rows, update_columns

__all__ = [
    "LIST_KEPT",
    "SHAPES_KEPT",
    "Inline",
    "Prepared",
    "PreparedCount",
    "insert_rows",
    "update_columns",
]
