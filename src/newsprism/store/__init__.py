"""The store: one SQLAlchemy Core schema on SQLite (default, WAL) or PostgreSQL.

Per-article stages write through :meth:`Store.write_batch`, one transaction per batch, with
inserts that ignore rows already present: re-running the same input changes nothing, and a
run killed at any moment and started again ends with the same rows.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

from ..errors import StoreError
from ..ids import content_id
from ..model import Analysis, Article, Failure, RunSummary, Sentence
from . import schema
from .attribution import AttributionStore, attribution_rows
from .migrations import migrate
from .events import EventStore
from .framing import FramingStore
from .memo import MemoStore
from .reuse import ReuseStore
from .search import SearchStore

__all__ = ["Store", "open_store", "failure_id"]

logger = logging.getLogger(__name__)
_CHUNK = 500  # ids per IN (...) query


def failure_id(failure: Failure) -> str:
    return content_id("failure", failure.source, failure.record, failure.stage, failure.reason)


def _normalise_url(url: str) -> str:
    if "://" not in url:
        # A bare path: sqlite file.
        return f"sqlite:///{url}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class Store(AttributionStore, ReuseStore, EventStore, FramingStore, MemoStore, SearchStore):
    """A newsprism database. Use :func:`open_store`; close it (or use ``with``) when done."""

    def __init__(self, engine: Engine, url: str):
        self.engine = engine
        self.url = url
        self.dialect = engine.dialect.name

    # -- lifecycle -------------------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    # -- writing ---------------------------------------------------------------------
    def _insert_ignore(self, table):  # type: ignore[no-untyped-def]
        dialect = postgresql if self.dialect == "postgresql" else sqlite
        return dialect.insert(table).on_conflict_do_nothing()

    def existing_articles(self, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` already in the store."""
        ids = list(ids)
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(ids), _CHUNK):
                chunk = ids[i : i + _CHUNK]
                found.update(conn.execute(select(schema.articles.c.id).where(schema.articles.c.id.in_(chunk))).scalars())
        return found

    def read_inputs(self, digests: Iterable[str]) -> dict[str, list[str]]:
        """``digest -> article ids`` of the input files read before (see :meth:`record_inputs`)."""
        digests = sorted(set(digests))
        t = schema.read_inputs
        found: dict[str, list[str]] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(digests), _CHUNK):
                query = select(t.c.digest, t.c.articles).where(t.c.digest.in_(digests[i : i + _CHUNK]))
                found.update((r.digest, json.loads(r.articles)) for r in conn.execute(query))
        return found

    def record_inputs(self, rows: Iterable[tuple[str, str, Sequence[str]]]) -> None:
        """Remember input files read in full: ``(digest, source, article ids)`` each."""
        values = [{"digest": d, "source": s, "articles": json.dumps(list(ids))} for d, s, ids in rows]
        if values:
            with self.engine.begin() as conn:
                for i in range(0, len(values), _CHUNK):
                    conn.execute(self._insert_ignore(schema.read_inputs), values[i : i + _CHUNK])

    def write_batch(self, analyses: Sequence[Analysis], failures: Sequence[Failure] = ()) -> int:
        """Write analysed articles and failures in one transaction; returns new versions linked."""
        a = schema.articles
        linked = 0
        with self.engine.begin() as conn:
            latest = self._latest_versions(conn, {x.article.version_key for x in analyses})
            article_rows, sentence_rows, stage_rows = [], [], []
            vectors: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}  # table -> a row per key, the first: texts recur
            extra: dict[str, list[dict[str, Any]]] = {"mentions": [], "quotes": [], "scare_quotes": [], "time_expressions": [],
                                                   "framing_terms": []}
            for analysis in analyses:
                article = analysis.article
                previous = latest.get(article.version_key)
                if previous == article.id:
                    previous = None
                if previous is not None:
                    linked += 1
                latest[article.version_key] = article.id
                article_rows.append(_article_row(article, previous))
                sentence_rows.extend(
                    {"article": article.id, "idx": s.index, "start": s.start, "end": s.end, "paragraph": s.paragraph}
                    for s in analysis.sentences
                )
                stage_rows.extend({"article": article.id, "stage": n, "version": v} for n, v in analysis.stages)
                for name, rows in attribution_rows(analysis).items():
                    extra[name].extend(rows)
                for v in analysis.vectors:
                    key = "article" if v.table == "lead_vectors" else "text"
                    vectors.setdefault(v.table, {}).setdefault((v.model, v.key),
                                                               {key: v.key, "model": v.model, "vector": v.vector})
            tables = [(a, article_rows), (schema.sentences, sentence_rows), (schema.article_stages, stage_rows)]
            tables += [(schema.metadata.tables[name], rows) for name, rows in extra.items()]
            tables += [(schema.metadata.tables[name], list(rows.values())) for name, rows in vectors.items()]
            for table, rows in tables:
                if rows:
                    conn.execute(self._insert_ignore(table), rows)
            failure_rows = [
                {"id": failure_id(f), "source": f.source, "record": f.record, "stage": f.stage, "reason": f.reason}
                for f in failures
            ]
            if failure_rows:
                conn.execute(self._insert_ignore(schema.failures), failure_rows)
        return linked

    def _latest_versions(self, conn, keys: set[str]) -> dict[str, str]:  # type: ignore[no-untyped-def]
        """For each version key, the id of its newest article (one no other article supersedes)."""
        a = schema.articles
        newer = a.alias("newer")
        latest: dict[str, str] = {}
        keys_list = sorted(keys)
        for i in range(0, len(keys_list), _CHUNK):
            chunk = keys_list[i : i + _CHUNK]
            superseded = select(newer.c.previous_version).where(newer.c.previous_version.is_not(None))
            query = select(a.c.version_key, a.c.id).where(a.c.version_key.in_(chunk), a.c.id.not_in(superseded))
            for key, article_id in conn.execute(query):
                latest[key] = article_id
        return latest

    def record_run(self, summary: RunSummary, started: dt.datetime, settings: dict[str, Any], version: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                schema.runs.insert().values(
                    id=summary.run_id,
                    started=started.isoformat(timespec="seconds"),
                    finished=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    newsprism_version=version,
                    settings=json.dumps(settings, sort_keys=True),
                    summary=json.dumps(summary.as_dict(), sort_keys=True),
                )
            )

    # -- reading ---------------------------------------------------------------------
    def count(self, table: str) -> int:
        t = schema.metadata.tables[table]
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t)).scalar_one())

    def articles(self) -> Iterator[dict[str, Any]]:
        """Every article as a row dict, ordered by source then id."""
        a = schema.articles
        with self.engine.connect() as conn:
            yield from (dict(r._mapping) for r in conn.execute(select(a).order_by(a.c.source, a.c.id)))

    def sentences(self) -> dict[str, list[Sentence]]:
        """Sentences of every article, keyed by article id, in order."""
        s = schema.sentences
        out: dict[str, list[Sentence]] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(select(s).order_by(s.c.article, s.c.idx)):
                out.setdefault(row.article, []).append(Sentence(row.idx, row.start, row.end, row.paragraph))
        return out

    def stats(self) -> dict[str, Any]:
        """Counts of what the store holds, for ``newsprism info``."""
        a = schema.articles
        with self.engine.connect() as conn:
            by_outlet = conn.execute(select(a.c.outlet, func.count()).group_by(a.c.outlet).order_by(func.count().desc(), a.c.outlet)).all()
            by_language = conn.execute(select(a.c.language, func.count()).group_by(a.c.language).order_by(func.count().desc(), a.c.language)).all()
        return {
            "articles": self.count("articles"),
            "sentences": self.count("sentences"),
            "mentions": self.count("mentions"),
            "quotes": self.count("quotes"),
            "scare_quotes": self.count("scare_quotes"),
            "entities": self.count("entities"),
            "statements": self.count("statements"),
            "reuse_links": self.count("reuse_links"),
            "boilerplate_spans": self.count("reuse_boilerplate"),
            "syndicated_copies": self.count("reuse_duplicates"),
            "time_expressions": self.count("time_expressions"),
            "events": self.count("events"),
            "stories": self.count("stories"),
            "framing_terms": self.count("framing_terms"),
            "outlet_profiles": self.count("outlet_profiles"),
            "failures": self.count("failures"),
            "runs": self.count("runs"),
            "outlets": {str(k if k is not None else "unknown"): int(v) for k, v in by_outlet},
            "languages": {str(k): int(v) for k, v in by_language},
        }

    def failures(self) -> list[Failure]:
        f = schema.failures
        with self.engine.connect() as conn:
            rows = conn.execute(select(f).order_by(f.c.source, f.c.record, f.c.reason)).all()
        return [Failure(r.source, r.reason, r.stage, r.record) for r in rows]

    def runs(self) -> list[dict[str, Any]]:
        r = schema.runs
        with self.engine.connect() as conn:
            return [dict(x._mapping) for x in conn.execute(select(r).order_by(r.c.started, r.c.id))]

    def table_rows(self, table: str) -> list[dict[str, Any]]:
        """All rows of a table, ordered by every column (for comparisons and dumps)."""
        t = schema.metadata.tables[table]
        with self.engine.connect() as conn:
            return [dict(x._mapping) for x in conn.execute(select(t).order_by(*t.c))]


def _article_row(article: Article, previous: str | None) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "format": article.format,
        "url": article.url,
        "version_key": article.version_key,
        "previous_version": previous,
        "title": article.title,
        "author": article.author,
        "outlet": article.outlet,
        "outlet_evidence": article.outlet_evidence,
        "place": article.place,
        "published": article.published.isoformat() if article.published else None,
        "published_evidence": article.published_evidence,
        "language": article.language,
        "text": article.text,
    }


def open_store(url: str = "sqlite:///newsprism.db", *, create: bool = True) -> Store:
    """Open (and, with ``create``, create and migrate) the database at ``url``.

    ``url`` is an SQLAlchemy URL (``sqlite:///path.db``, ``postgresql://host/db``) or a
    path to an SQLite file. Raises :class:`~newsprism.errors.StoreError` naming the URL and
    the reason when the database cannot be opened.
    """
    full = _normalise_url(url)
    try:
        if full.startswith("sqlite"):
            path = full.split("sqlite:///", 1)[-1] if full.startswith("sqlite:///") else ""
            if path and path != ":memory:" and not create and not Path(path).exists():
                raise StoreError(f"no database at {path}; run `newsprism analyze` first or pass --db")
            if path and path != ":memory:":
                parent = Path(path).parent
                if not parent.exists():
                    raise StoreError(f"cannot create database {path}: folder {parent} does not exist")
            engine = create_engine(full)
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(full, pool_pre_ping=True)
        with engine.begin() as conn:
            applied = migrate(conn)
        if applied:
            logger.info("migrated %s to schema versions %s", url, applied)
    except StoreError:
        raise
    except (ArgumentError, NoSuchModuleError) as exc:
        raise StoreError(f"not a database URL newsprism can open: {url!r} ({exc})") from None
    except OperationalError as exc:
        raise StoreError(f"cannot open database {url!r}: {exc.orig}") from None
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open database {url!r}: {exc}") from None
    return Store(engine, url)
