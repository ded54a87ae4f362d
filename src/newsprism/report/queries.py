"""Scoped reads for the report's pages: one event, article, entity or outlet at a time.

The store's own readers return whole tables (what the corpus passes and the export need);
a page must cost the same on a store of ten articles or ten million, so every read here
is bounded by an id and served by an index.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Sequence

from sqlalchemy import func, or_, select

from ..corpus.framing import outlet_name
from ..store import Store, schema
from ..store.events import event_order

__all__ = ["Reader"]

_CHUNK = 500


def _statement(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "variants": json.loads(row["variants"]), "evidence": json.loads(row["evidence"])}


class Reader:
    """Read-only queries over one store, each bounded by the ids it is given.

    Use it as a context manager: all its queries run on one connection in one read
    transaction, so a page sees one consistent state of the store even while
    ``analyze`` writes to it."""

    def __init__(self, store: Store):
        self.store = store
        self.engine = store.engine
        self._conn: Any = None

    def __enter__(self) -> "Reader":
        self._conn = self.engine.connect()
        self._conn.begin()
        return self

    def __exit__(self, *exc: object) -> None:
        self._conn.rollback()  # nothing was written; end the read transaction
        self._conn.close()
        self._conn = None

    def _all(self, query) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
        if self._conn is None:
            raise RuntimeError("use Reader(store) as a context manager: `with Reader(store) as reader:`")
        return [dict(r._mapping) for r in self._conn.execute(query)]

    def _where_in(self, query, column, values: Iterable[Any]) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
        """``query`` restricted to ``column IN values``, a chunk of values at a time."""
        values = sorted(set(values))
        out: list[dict[str, Any]] = []
        for i in range(0, len(values), _CHUNK):
            out.extend(self._all(query.where(column.in_(values[i:i + _CHUNK]))))
        return out

    # -- articles ----------------------------------------------------------------------
    def articles(self, ids: Iterable[str], *, text: bool = True) -> dict[str, dict[str, Any]]:
        a = schema.articles
        columns = [a] if text else [c for c in a.c if c.name != "text"]
        return {r["id"]: r for r in self._where_in(select(*columns), a.c.id, ids)}

    def article(self, article_id: str) -> dict[str, Any] | None:
        return self.articles([article_id]).get(article_id)

    def sentences(self, article_id: str) -> list[dict[str, Any]]:
        s = schema.sentences
        return self._all(select(s).where(s.c.article == article_id).order_by(s.c.idx))

    def mentions(self, article_ids: Iterable[str]) -> list[dict[str, Any]]:
        m = schema.mentions
        return sorted(self._where_in(select(m), m.c.article, article_ids), key=lambda r: (r["article"], r["idx"]))

    def quotes(self, article_ids: Iterable[str]) -> list[dict[str, Any]]:
        q = schema.quotes
        return sorted(self._where_in(select(q), q.c.article, article_ids), key=lambda r: (r["article"], r["start"], r["end"]))

    def scare_quotes(self, article_id: str) -> list[dict[str, Any]]:
        s = schema.scare_quotes
        return self._all(select(s).where(s.c.article == article_id).order_by(s.c.start))

    def framing_terms(self, article_id: str) -> list[dict[str, Any]]:
        t = schema.framing_terms
        return self._all(select(t).where(t.c.article == article_id).order_by(t.c.start, t.c.kind, t.c.chain))

    def article_dates(self, article_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        d = schema.article_dates
        return {r["article"]: r for r in self._where_in(select(d), d.c.article, article_ids)}

    def duplicate_of(self, article_id: str) -> str | None:
        d = schema.reuse_duplicates
        rows = self._all(select(d.c.duplicate_of).where(d.c.article == article_id))
        return rows[0]["duplicate_of"] if rows else None

    def boilerplate(self, article_id: str) -> list[dict[str, Any]]:
        b = schema.reuse_boilerplate
        return self._all(select(b).where(b.c.article == article_id).order_by(b.c.start))

    # -- entities ----------------------------------------------------------------------
    def chain_entities(self, article_ids: Iterable[str]) -> dict[tuple[str, int], str]:
        c = schema.entity_chains
        return {(r["article"], r["chain"]): r["entity"] for r in self._where_in(select(c), c.c.article, article_ids)}

    def entities(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        e = schema.entities
        return {r["id"]: {**r, "evidence": json.loads(r["evidence"])} for r in self._where_in(select(e), e.c.id, ids)}

    def entity_chains(self, entity_id: str) -> list[tuple[str, int]]:
        c = schema.entity_chains
        rows = self._all(select(c.c.article, c.c.chain).where(c.c.entity == entity_id).order_by(c.c.article, c.c.chain))
        return [(r["article"], r["chain"]) for r in rows]

    # -- statements --------------------------------------------------------------------
    def statements_of_quotes(self, quote_ids: Iterable[str]) -> dict[str, str]:
        """Quote id -> statement id."""
        sq = schema.statement_quotes
        return {r["quote"]: r["statement"] for r in self._where_in(select(sq), sq.c.quote, quote_ids)}

    def statements(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        s = schema.statements
        return {r["id"]: _statement(r) for r in self._where_in(select(s), s.c.id, ids)}

    def statements_by_speaker(self, entity_id: str) -> list[dict[str, Any]]:
        s = schema.statements
        rows = self._all(select(s).where(s.c.speaker == entity_id).order_by(s.c.id))
        return [_statement(r) for r in rows]

    def statement_quotes(self, statement_ids: Iterable[str]) -> dict[str, list[str]]:
        """Statement id -> its quote ids."""
        sq = schema.statement_quotes
        out: dict[str, list[str]] = {}
        for r in sorted(self._where_in(select(sq), sq.c.statement, statement_ids), key=lambda r: (r["statement"], r["quote"])):
            out.setdefault(r["statement"], []).append(r["quote"])
        return out

    def quotes_by_id(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        q = schema.quotes
        return {r["id"]: r for r in self._where_in(select(q), q.c.id, ids)}

    # -- reuse -------------------------------------------------------------------------
    def reuse_links(self, article_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Links with either side in ``article_ids``."""
        r = schema.reuse_links
        found: dict[str, dict[str, Any]] = {}
        ids = sorted(set(article_ids))
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            for row in self._all(select(r).where(or_(r.c.a_article.in_(chunk), r.c.b_article.in_(chunk)))):
                found[row["id"]] = {**row, "syndicated": bool(row["syndicated"]), "quoted": bool(row["quoted"])}
        return sorted(found.values(), key=lambda x: (x["a_article"], x["a_start"], x["b_article"], x["b_start"], x["id"]))

    # -- events ------------------------------------------------------------------------
    def event(self, event_id: str) -> dict[str, Any] | None:
        e = schema.events
        rows = self._all(select(e).where(e.c.id == event_id))
        return {**rows[0], "evidence": json.loads(rows[0]["evidence"])} if rows else None

    def event_members(self, event_id: str) -> list[str]:
        m = schema.event_articles
        return [r["article"] for r in self._all(select(m.c.article).where(m.c.event == event_id).order_by(m.c.article))]

    def events_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        m = schema.event_articles
        return {r["article"]: r["event"] for r in self._where_in(select(m), m.c.article, article_ids)}

    def events(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        e = schema.events
        return {r["id"]: r for r in self._where_in(select(e.c.id, e.c.title, e.c.date, e.c.story), e.c.id, ids)}

    def stories(self) -> list[dict[str, Any]]:
        s = schema.stories
        return self._all(select(s.c.id, s.c.title).order_by(s.c.id))

    def story(self, story_id: str) -> dict[str, Any] | None:
        s, e = schema.stories, schema.events
        rows = self._all(select(s).where(s.c.id == story_id))
        if not rows:
            return None
        events = self._all(select(e.c.id, e.c.title, e.c.date).where(e.c.story == story_id))
        events.sort(key=event_order)
        return {**rows[0], "evidence": json.loads(rows[0]["evidence"]), "events": events}

    def outlet_counts(self) -> dict[str, int]:
        """Articles per outlet, named as the framing pass names them (the outlet, or the
        source an article without one came from)."""
        a = schema.articles
        counts: dict[str, int] = {}
        for r in self._all(select(a.c.outlet, a.c.source, a.c.url, func.count().label("n")).group_by(a.c.outlet, a.c.source, a.c.url)):
            name = outlet_name(r["outlet"], r["source"], r["url"])
            counts[name] = counts.get(name, 0) + int(r["n"])
        return counts

    def profiled_outlets(self) -> list[str]:
        t = schema.outlet_profiles
        return [r["outlet"] for r in self._all(select(t.c.outlet).where(t.c.event == "").order_by(t.c.outlet))]

    def event_overview(self) -> list[dict[str, Any]]:
        """Every event with its date, story and article count per outlet (one grouped query)."""
        e, m, a = schema.events, schema.event_articles, schema.articles
        counts: dict[str, dict[str | None, int]] = {}
        query = (select(m.c.event, a.c.outlet, a.c.source, a.c.url, func.count().label("n"))
                 .join(a, a.c.id == m.c.article).group_by(m.c.event, a.c.outlet, a.c.source, a.c.url))
        for r in self._all(query):
            name = outlet_name(r["outlet"], r["source"], r["url"])
            per = counts.setdefault(r["event"], {})
            per[name] = per.get(name, 0) + int(r["n"])
        rows = self._all(select(e.c.id, e.c.title, e.c.date, e.c.story))
        rows.sort(key=event_order)
        return [{**r, "outlets": dict(sorted(counts.get(r["id"], {}).items())),
                 "articles": sum(counts.get(r["id"], {}).values())} for r in rows]

    # -- framing -----------------------------------------------------------------------
    def outlet_profiles(self, *, event: str | None = None, outlet: str | None = None) -> list[dict[str, Any]]:
        """Profiles within ``event`` ('' = the corpus profiles) and/or of ``outlet``."""
        t = schema.outlet_profiles
        query = select(t)
        if event is not None:
            query = query.where(t.c.event == event)
        if outlet is not None:
            query = query.where(t.c.outlet == outlet)
        return [{**r, "profile": json.loads(r["profile"])} for r in self._all(query.order_by(t.c.outlet, t.c.event))]

    def event_framing(self, event_id: str) -> dict[str, Any]:
        t = schema.event_framing
        rows = self._all(select(t.c.framing).where(t.c.event == event_id))
        return json.loads(rows[0]["framing"]) if rows else {}
