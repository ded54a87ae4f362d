"""Store methods for the framing pass: the per-article framing terms it reads and the
outlet profiles and event framing it writes (as JSON documents, rewritten whole)."""

from __future__ import annotations

import json
from typing import Any, Iterable

from sqlalchemy import delete, select

from . import schema

__all__ = ["FramingStore"]

_CHUNK = 5000


class FramingStore:
    """Mixed into :class:`newsprism.store.Store`."""

    engine: Any
    _rows: Any  # AttributionStore._rows(table, *order)

    def framing_terms(self) -> list[dict[str, Any]]:
        t = schema.framing_terms
        rows = self._rows(t, t.c.article, t.c.start, t.c.kind, t.c.chain)
        return [{**r, "chain": None if r["chain"] < 0 else r["chain"], "scare": bool(r["scare"])} for r in rows]

    def framing_articles(self) -> list[dict[str, Any]]:
        """Every article's id, source, url, outlet and text, by id."""
        a = schema.articles
        with self.engine.connect() as conn:
            rows = conn.execute(select(a.c.id, a.c.source, a.c.url, a.c.outlet, a.c.text).order_by(a.c.id)).all()
        return [dict(r._mapping) for r in rows]

    def sentence_spans(self) -> dict[str, list[tuple[int, int]]]:
        s = schema.sentences
        spans: dict[str, list[tuple[int, int]]] = {}
        with self.engine.connect() as conn:
            for r in conn.execute(select(s.c.article, s.c.start, s.c.end).order_by(s.c.article, s.c.idx)):
                spans.setdefault(r.article, []).append((r.start, r.end))
        return spans

    def statement_of_quote(self) -> dict[str, str]:
        sq = schema.statement_quotes
        return {r["quote"]: r["statement"] for r in self._rows(sq, sq.c.quote)}

    def replace_framing(self, profiles: Iterable[dict[str, Any]], events: Iterable[dict[str, Any]]) -> None:
        """Rewrite the outlet profiles (``{outlet, event, profile}``; event '' is the
        corpus) and the event framing (``{event, framing}``) in one transaction."""
        p_rows = [{"outlet": r["outlet"], "event": r["event"], "profile": json.dumps(r["profile"], sort_keys=True)}
                  for r in profiles]
        e_rows = [{"event": r["event"], "framing": json.dumps(r["framing"], sort_keys=True)} for r in events]
        with self.engine.begin() as conn:
            for table, rows in ((schema.outlet_profiles, p_rows), (schema.event_framing, e_rows)):
                conn.execute(delete(table))
                for i in range(0, len(rows), _CHUNK):
                    conn.execute(table.insert(), rows[i:i + _CHUNK])

    def outlet_profiles(self) -> list[dict[str, Any]]:
        """``{outlet, event, profile}`` rows, by outlet then event ('' = the corpus first)."""
        t = schema.outlet_profiles
        return [{**r, "profile": json.loads(r["profile"])} for r in self._rows(t, t.c.outlet, t.c.event)]

    def event_framing(self) -> dict[str, dict[str, Any]]:
        t = schema.event_framing
        return {r["event"]: json.loads(r["framing"]) for r in self._rows(t, t.c.event)}
