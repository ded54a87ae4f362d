"""Store methods for the reuse pass: streaming its input, rewriting its output."""

from __future__ import annotations

from typing import Any, Iterator, Sequence

from sqlalchemy import delete, select

from . import schema

__all__ = ["ReuseStore"]

_CHUNK = 500
_QUOTATIONS = ("direct", "partial", "embedded")  # words inside quotation marks (or a post)


class ReuseStore:
    """Mixed into :class:`newsprism.store.Store`."""

    engine: Any

    def _reuse_docs(self, conn, ids: Sequence[str], with_quotes: bool = False) -> list[Any]:  # type: ignore[no-untyped-def]
        from ..corpus.reuse import ReuseDoc

        a, s = schema.articles, schema.sentences
        rows = conn.execute(select(a.c.id, a.c.text, a.c.outlet, a.c.published).where(a.c.id.in_(ids)).order_by(a.c.id)).all()
        spans: dict[str, list[tuple[int, int]]] = {}
        query = select(s.c.article, s.c.start, s.c.end).where(s.c.article.in_(ids)).order_by(s.c.article, s.c.idx)
        for r in conn.execute(query):
            spans.setdefault(r.article, []).append((r.start, r.end))
        quoted: dict[str, list[tuple[int, int]]] = {}
        if with_quotes:
            q = schema.quotes
            query = select(q.c.article, q.c.start, q.c.end).where(q.c.article.in_(ids), q.c.kind.in_(_QUOTATIONS))
            for r in conn.execute(query.order_by(q.c.article, q.c.start, q.c.end)):
                quoted.setdefault(r.article, []).append((r.start, r.end))
        return [ReuseDoc(r.id, r.text, tuple(spans.get(r.id, ())), r.outlet, r.published, tuple(quoted.get(r.id, ())))
                for r in rows]

    def iter_reuse_docs(self, batch: int = _CHUNK) -> Iterator[Any]:
        """Every article as a :class:`~newsprism.corpus.reuse.ReuseDoc`, by id, read a
        batch at a time so the texts of a large store are never all in memory."""
        a = schema.articles
        last = ""
        while True:
            with self.engine.connect() as conn:
                ids = conn.execute(select(a.c.id).where(a.c.id > last).order_by(a.c.id).limit(batch)).scalars().all()
                if not ids:
                    return
                docs = self._reuse_docs(conn, ids)
            yield from docs
            last = ids[-1]

    def fetch_reuse_docs(self, ids: Sequence[str]) -> list[Any]:
        """The articles ``ids`` as ReuseDocs (in id order), with their quotations' spans."""
        out: list[Any] = []
        ids = sorted(ids)
        with self.engine.connect() as conn:
            for i in range(0, len(ids), _CHUNK):
                out.extend(self._reuse_docs(conn, ids[i : i + _CHUNK], with_quotes=True))
        return out

    def replace_reuse(self, result: Any) -> None:
        """Rewrite the reuse pass's output (a ReuseResult) in one transaction."""
        links = [
            {"id": r.id, "a_article": r.a.article, "a_start": r.a.start, "a_end": r.a.end, "b_article": r.b.article,
             "b_start": r.b.start, "b_end": r.b.end, "similarity": r.similarity, "kind": r.kind, "words": r.words,
             "syndicated": int(r.syndicated), "boilerplate": r.boilerplate, "direction": r.direction, "evidence": r.evidence,
             "quoted": int(r.quoted)}
            for r in result.links
        ]
        boiler = [{"article": b.article, "start": b.start, "end": b.end, "outlet": b.outlet, "articles": b.articles,
                   "origin": b.origin} for b in result.boilerplate]
        dups = [{"article": k, "duplicate_of": v} for k, v in sorted(result.duplicates.items())]
        with self.engine.begin() as conn:
            for table, rows in ((schema.reuse_links, links), (schema.reuse_boilerplate, boiler),
                                (schema.reuse_duplicates, dups)):
                conn.execute(delete(table))
                for i in range(0, len(rows), 5000):
                    conn.execute(table.insert(), rows[i : i + 5000])

    def reuse_links(self) -> list[dict[str, Any]]:
        r = schema.reuse_links
        with self.engine.connect() as conn:
            rows = conn.execute(select(r).order_by(r.c.a_article, r.c.a_start, r.c.b_article, r.c.b_start, r.c.id)).all()
        return [{**dict(x._mapping), "syndicated": bool(x.syndicated), "quoted": bool(x.quoted)} for x in rows]

    def boilerplate(self) -> list[dict[str, Any]]:
        b = schema.reuse_boilerplate
        with self.engine.connect() as conn:
            return [dict(x._mapping) for x in conn.execute(select(b).order_by(b.c.article, b.c.start))]

    def duplicates(self) -> dict[str, str]:
        """Syndicated copy -> the earliest article of its group."""
        d = schema.reuse_duplicates
        with self.engine.connect() as conn:
            return {x.article: x.duplicate_of for x in conn.execute(select(d).order_by(d.c.article))}
