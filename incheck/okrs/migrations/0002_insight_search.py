"""Full-text search over insights, with each database's own machinery.

PostgreSQL: a GIN expression index on `to_tsvector('simple', text)`, partial to insights. The
'simple' configuration lowercases and splits words but does not stem or drop stop words: the
text is English and Swedish mixed, often in one team, and an English stemmer would mangle Swedish
words (and the other way round). Prefix matching in the query makes up for the missing stemming.

SQLite: an FTS5 table over `okrs_checkin.text` (external content, so the text is not stored
twice) holding insights only, kept in sync by triggers. `remove_diacritics 0`: å, ä and ö are
letters of their own in Swedish ("far" and "får" are different words).

Nothing here changes the model state: the index and the FTS table are invisible to the ORM.
Caution for later migrations: on SQLite, Django rebuilds a table to alter or drop a column
(`_remake_table`), which drops its triggers. A migration that does that to `okrs_checkin` must
run `SQLITE_TRIGGERS` again; `test_insights.py` checks the triggers exist after all migrations.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import Q

INDEX_NAME = "okrs_checkin_insight_search"

SQLITE_TABLE = """
CREATE VIRTUAL TABLE IF NOT EXISTS okrs_checkin_fts USING fts5(
    text, content='okrs_checkin', content_rowid='id', tokenize='unicode61 remove_diacritics 0'
)
"""

# External content: the FTS index must be told the exact old text to forget, and only rows that
# were indexed (insights) may be "deleted" from it, hence the WHEN clauses on both sides.
SQLITE_TRIGGERS = [
    """
    CREATE TRIGGER IF NOT EXISTS okrs_checkin_fts_insert AFTER INSERT ON okrs_checkin
    WHEN new.signal = 'insight' BEGIN
        INSERT INTO okrs_checkin_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS okrs_checkin_fts_delete AFTER DELETE ON okrs_checkin
    WHEN old.signal = 'insight' BEGIN
        INSERT INTO okrs_checkin_fts(okrs_checkin_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS okrs_checkin_fts_update_old AFTER UPDATE OF text, signal
    ON okrs_checkin WHEN old.signal = 'insight' BEGIN
        INSERT INTO okrs_checkin_fts(okrs_checkin_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS okrs_checkin_fts_update_new AFTER UPDATE OF text, signal
    ON okrs_checkin WHEN new.signal = 'insight' BEGIN
        INSERT INTO okrs_checkin_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
]

SQLITE_FILL = """
INSERT INTO okrs_checkin_fts(rowid, text) SELECT id, text FROM okrs_checkin WHERE signal = 'insight'
"""

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS okrs_checkin_fts_insert",
    "DROP TRIGGER IF EXISTS okrs_checkin_fts_delete",
    "DROP TRIGGER IF EXISTS okrs_checkin_fts_update_old",
    "DROP TRIGGER IF EXISTS okrs_checkin_fts_update_new",
    "DROP TABLE IF EXISTS okrs_checkin_fts",
]


def search_index() -> GinIndex:
    # Built from the same expression the selector filters on, so PostgreSQL can match the
    # query's `to_tsvector('simple'::regconfig, COALESCE(text, ''))` to this index.
    return GinIndex(
        SearchVector("text", config="simple"),
        name=INDEX_NAME,
        condition=Q(signal="insight"),
    )


def create_search(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.add_index(apps.get_model("okrs", "CheckIn"), search_index())
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_TABLE)
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)
        schema_editor.execute(SQLITE_FILL)


def drop_search(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("okrs", "CheckIn"), search_index())
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("okrs", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_search, drop_search),
    ]
