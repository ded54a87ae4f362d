"""Store methods for the events pass: its input (texts, dates, time expressions, reuse),
cached lead embeddings, and its output (dates, events, storylines)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Iterable, Sequence

import numpy as np
from sqlalchemy import delete, select

from ..model import TimeExpression
from . import schema

__all__ = ["EventStore", "event_order"]

_CHUNK = 5000


def event_order(event: dict[str, Any]) -> tuple[bool, str, str]:
    """Oldest first, undated last, then by id: the same on every database."""
    return event["date"] is None, event["date"] or "", event["id"]


def _vector(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.float16).astype(np.float32)


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class EventStore:
    """Mixed into :class:`newsprism.store.Store`."""

    engine: Any
    _rows: Any  # AttributionStore._rows(table, *order): every row as a dict

    def event_inputs(self) -> list[dict[str, Any]]:
        """Every article with what the events pass reads: text, title, metadata date,
        sentence spans and time expressions, by id."""
        a, s, t = schema.articles, schema.sentences, schema.time_expressions
        with self.engine.connect() as conn:
            rows = conn.execute(select(a.c.id, a.c.text, a.c.title, a.c.published, a.c.outlet).order_by(a.c.id)).all()
            spans: dict[str, list[tuple[int, int]]] = {}
            for r in conn.execute(select(s.c.article, s.c.start, s.c.end).order_by(s.c.article, s.c.idx)):
                spans.setdefault(r.article, []).append((r.start, r.end))
            times: dict[str, list[TimeExpression]] = {}
            for r in conn.execute(select(t).order_by(t.c.article, t.c.start)):
                times.setdefault(r.article, []).append(
                    TimeExpression(r.start, r.end, r.text, r.kind, **json.loads(r.fields)))
        return [{"id": r.id, "text": r.text, "title": r.title, "published": _day(r.published), "outlet": r.outlet,
                 "sentences": tuple(spans.get(r.id, ())), "times": tuple(times.get(r.id, ()))} for r in rows]

    def lead_vectors(self, model: str) -> dict[str, np.ndarray]:
        v = schema.lead_vectors
        with self.engine.connect() as conn:
            rows = conn.execute(select(v.c.article, v.c.vector).where(v.c.model == model)).all()
        return {r.article: _vector(r.vector) for r in rows}

    def add_lead_vectors(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        """Store embeddings as float16: what a vector is must not depend on the batch it
        was computed in (padding changes the last bits), so every use reads the rounded one."""
        self._add_vectors(schema.lead_vectors, "article", model, vectors)

    def text_vectors(self, model: str, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        """Stored sentence vectors (float32, from float16) of the texts with these sha256 hashes."""
        v = schema.text_vectors
        keys = sorted(set(hashes))
        out: dict[str, np.ndarray] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(keys), _CHUNK):
                query = select(v.c.text, v.c.vector).where(v.c.model == model, v.c.text.in_(keys[i:i + _CHUNK]))
                out.update((r.text, _vector(r.vector)) for r in conn.execute(query))
        return out

    def add_text_vectors(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        """Store sentence vectors of texts by their sha256, as float16 (see add_lead_vectors)."""
        self._add_vectors(schema.text_vectors, "text", model, vectors)

    def _add_vectors(self, table: Any, key: str, model: str, vectors: dict[str, np.ndarray]) -> None:
        rows = [{key: k, "model": model, "vector": np.asarray(x, dtype=np.float16).tobytes()} for k, x in sorted(vectors.items())]
        with self.engine.begin() as conn:
            for i in range(0, len(rows), _CHUNK):
                conn.execute(self._insert_ignore(table), rows[i:i + _CHUNK])  # type: ignore[attr-defined]

    def replace_events(self, dates: Iterable[dict[str, Any]], resolved: Iterable[dict[str, Any]],
                       events: Sequence[dict[str, Any]], members: Iterable[dict[str, Any]],
                       stories: Sequence[dict[str, Any]]) -> None:
        """Rewrite the events pass's output in one transaction."""
        tables = ((schema.article_dates, list(dates)), (schema.resolved_times, list(resolved)),
                  (schema.events, list(events)), (schema.event_articles, list(members)), (schema.stories, list(stories)))
        with self.engine.begin() as conn:
            for table, rows in tables:
                conn.execute(delete(table))
                for i in range(0, len(rows), _CHUNK):
                    conn.execute(table.insert(), rows[i:i + _CHUNK])

    def article_dates(self) -> dict[str, dict[str, Any]]:
        return {r["article"]: r for r in self._rows(schema.article_dates, schema.article_dates.c.article)}

    def resolved_times(self) -> dict[tuple[str, int], dict[str, Any]]:
        t = schema.resolved_times
        return {(r["article"], r["start"]): r for r in self._rows(t, t.c.article, t.c.start)}

    def time_expressions(self) -> list[dict[str, Any]]:
        t = schema.time_expressions
        return self._rows(t, t.c.article, t.c.start)

    def events(self) -> list[dict[str, Any]]:
        """Oldest first (undated last, the same on every database), then by id."""
        e = schema.events
        rows = sorted(self._rows(e, e.c.id), key=event_order)
        for r in rows:
            r["evidence"] = json.loads(r["evidence"])
        return rows

    def event_articles(self) -> dict[str, str]:
        """Article id -> event id."""
        m = schema.event_articles
        return {r["article"]: r["event"] for r in self._rows(m, m.c.article)}

    def stories(self) -> list[dict[str, Any]]:
        s = schema.stories
        rows = self._rows(s, s.c.id)
        for r in rows:
            r["evidence"] = json.loads(r["evidence"])
        return rows
