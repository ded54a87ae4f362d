"""Schema migrations, recorded in ``schema_migrations``; each runs once, in order."""

from __future__ import annotations

import datetime as dt
from typing import Callable

from sqlalchemy import Connection, inspect, select
from sqlalchemy.exc import OperationalError

from ..errors import SchemaError
from . import schema

__all__ = ["MIGRATIONS", "migrate", "current_version"]


def _v1_initial(conn: Connection) -> None:
    tables = [schema.runs, schema.articles, schema.sentences, schema.article_stages, schema.failures]
    schema.metadata.create_all(conn, tables=tables)


def _v2_attribution(conn: Connection) -> None:
    tables = [schema.mentions, schema.quotes, schema.scare_quotes, schema.entities, schema.entity_chains,
              schema.statements, schema.statement_quotes, schema.corpus_state]
    schema.metadata.create_all(conn, tables=tables)


def _v3_reuse(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.reuse_links, schema.reuse_boilerplate, schema.reuse_duplicates])


def _v4_events(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.time_expressions, schema.article_dates, schema.resolved_times,
                                             schema.lead_vectors, schema.events, schema.event_articles, schema.stories])


def _v5_framing(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.framing_terms, schema.outlet_profiles, schema.event_framing])


# v6: full-text search. Not in ``schema.metadata``: the index is derived from ``articles``,
# kept in sync by the database itself (SQLite triggers; a PostgreSQL expression index).
_SQLITE_FTS = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    # Index the articles already in the store.
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
]
# The expression newsprism.store.search matches against; keep the two identical so the index is used.
PG_FTS_DOCUMENT = "to_tsvector('simple', coalesce(title, '') || ' ' || text)"


def _v6_search(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        try:
            for statement in _SQLITE_FTS:
                conn.exec_driver_sql(statement)
        except OperationalError as exc:
            if "fts5" in str(exc.orig).lower():
                raise SchemaError(f"this SQLite ({exc.orig}) has no FTS5 module, which newsprism's search needs") from None
            raise
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING gin ({PG_FTS_DOCUMENT})")


def _v7_page_indexes(conn: Connection) -> None:
    """Indexes the report's pages read by (stores made before v7 lack them; newer ones
    got them with their tables)."""
    for index in (*schema.statements.indexes, *schema.outlet_profiles.indexes, *schema.events.indexes):
        index.create(conn, checkfirst=True)


def _v8_text_vectors(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.text_vectors])


def _v9_corpus_memo(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.corpus_memo])


def _v10_read_inputs(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.read_inputs])


def _v11_cue_parts(conn: Connection) -> None:
    """The pieces of a cue in several parts (German "teilte … mit"); a store made before
    v11 lacks the column, a newer one got it with the table."""
    if "cue_parts" not in {c["name"] for c in inspect(conn).get_columns("quotes")}:
        conn.exec_driver_sql("ALTER TABLE quotes ADD COLUMN cue_parts TEXT")


def _v12_content_parts(conn: Connection) -> None:
    """The pieces of a quote's content around the words that attribute it (German "Die
    Polizisten waren Berichten zufolge bewaffnet"); as v11."""
    if "content_parts" not in {c["name"] for c in inspect(conn).get_columns("quotes")}:
        conn.exec_driver_sql("ALTER TABLE quotes ADD COLUMN content_parts TEXT")


# (version, name, function). Append; never edit or reorder a migration that has shipped.
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "articles, sentences, stages, failures, runs", _v1_initial),
    (2, "mentions, quotes, scare quotes, entities, statements", _v2_attribution),
    (3, "reuse links, boilerplate, syndicated copies", _v3_reuse),
    (4, "time expressions, dates, events, storylines", _v4_events),
    (5, "framing terms, outlet profiles, event framing", _v5_framing),
    (6, "full-text search over article titles and texts", _v6_search),
    (7, "indexes for the report's pages", _v7_page_indexes),
    (8, "sentence vectors of quote texts", _v8_text_vectors),
    (9, "corpus passes' per-group results with their input digests", _v9_corpus_memo),
    (10, "input files already read, with the articles each gave", _v10_read_inputs),
    (11, "the pieces of a cue in several parts", _v11_cue_parts),
    (12, "the pieces of a quote's content in several parts", _v12_content_parts),
]
LATEST = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_migrations"):
        return 0
    versions = conn.execute(select(schema.schema_migrations.c.version)).scalars().all()
    return max(versions, default=0)


def migrate(conn: Connection) -> list[int]:
    """Bring the schema to the latest version; returns the versions applied."""
    schema.metadata.create_all(conn, tables=[schema.schema_migrations])
    have = current_version(conn)
    if have > LATEST:
        raise SchemaError(
            f"the database is at schema version {have}, newer than this newsprism knows ({LATEST}); "
            "upgrade newsprism or use another --db"
        )
    applied = []
    for version, name, apply in MIGRATIONS:
        if version <= have:
            continue
        apply(conn)
        conn.execute(
            schema.schema_migrations.insert().values(
                version=version, name=name, applied_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
            )
        )
        applied.append(version)
    return applied
