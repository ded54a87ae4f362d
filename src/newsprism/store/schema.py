"""The database schema (SQLAlchemy Core), one for SQLite and PostgreSQL.

Tables hold content only, keyed by content-derived ids, so a run killed and started again
ends with the same rows as an uninterrupted one. ``runs`` logs completed runs.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, MetaData, PrimaryKeyConstraint, String, Table, Text

__all__ = ["metadata", "schema_migrations", "runs", "articles", "sentences", "article_stages", "failures"]

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", String(40), nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("started", String(40), nullable=False),
    Column("finished", String(40), nullable=False),
    Column("newsprism_version", String(40), nullable=False),
    Column("settings", Text, nullable=False),
    Column("summary", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("source", Text, nullable=False),
    Column("format", String(16), nullable=False),
    Column("url", Text),
    Column("version_key", Text, nullable=False),
    Column("previous_version", String(32)),
    Column("title", Text),
    Column("author", Text),
    Column("outlet", Text),
    Column("outlet_evidence", Text),
    Column("place", Text),
    Column("published", String(10)),
    Column("published_evidence", Text),
    Column("language", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_articles_version_key", "version_key"),
    Index("ix_articles_outlet", "outlet"),
)

sentences = Table(
    "sentences",
    metadata,
    Column("article", String(32), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("paragraph", Integer, nullable=False),
    PrimaryKeyConstraint("article", "idx"),
)

article_stages = Table(
    "article_stages",
    metadata,
    Column("article", String(32), nullable=False),
    Column("stage", String(40), nullable=False),
    Column("version", String(20), nullable=False),
    PrimaryKeyConstraint("article", "stage"),
)

failures = Table(
    "failures",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("source", Text, nullable=False),
    Column("record", Text),
    Column("stage", String(40), nullable=False),
    Column("reason", Text, nullable=False),
    Index("ix_failures_source", "source"),
)
