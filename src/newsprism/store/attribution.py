"""Store methods for who-said-what: mentions, quotes, scare quotes (per article) and the
corpus passes' entities and statements (rewritten whole by each pass)."""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator, Sequence

from sqlalchemy import delete, select

from ..ids import content_id
from ..model import Analysis, parts_json
from . import schema
from .batches import chunked

__all__ = ["AttributionStore", "quote_id", "attribution_rows"]

_IN_CHUNK = 500  # article ids per IN (...) list: well under SQLite's bound on variables


def quote_id(article: str, start: int, end: int) -> str:
    return content_id("quote", article, start, end)


def attribution_rows(analysis: Analysis) -> dict[str, list[dict[str, Any]]]:
    """The rows one analysed article adds to the mentions, quotes and scare_quotes tables."""
    a = analysis.article
    text = a.text
    return {
        "mentions": [
            {"article": a.id, "idx": i, "start": m.start, "end": m.end, "text": m.text, "type": m.type, "kind": m.kind,
             "chain": m.chain, "head": m.head, "evidence": m.evidence}
            for i, m in enumerate(analysis.mentions)
        ],
        "quotes": [
            {"id": quote_id(a.id, q.start, q.end), "article": a.id, "start": q.start, "end": q.end, "text": q.text,
             "kind": q.kind, "cue": q.cue, "cue_start": q.cue_start, "cue_end": q.cue_end, "speaker_text": q.speaker_text,
             "speaker_start": q.speaker_start, "speaker_end": q.speaker_end, "speaker_chain": q.speaker_chain,
             "speaker_name": q.speaker_name, "rule": q.rule,
             "cue_parts": parts_json(q.cue_parts), "content_parts": parts_json(q.content_parts)}
            for q in analysis.quotes
        ],
        "scare_quotes": [{"article": a.id, "start": s, "end": e, "text": text[s:e]} for s, e in analysis.scare_quotes],
        "time_expressions": [{"article": a.id, "start": t.start, "end": t.end, "text": t.text, "kind": t.kind,
                              "fields": json.dumps(t.fields(), sort_keys=True)} for t in analysis.times],
        "framing_terms": [{"article": a.id, "start": t.start, "end": t.end, "kind": t.kind,
                           "chain": -1 if t.chain is None else t.chain, "text": t.text, "entry": t.entry,
                           "voice": t.voice, "family": t.family, "scare": int(t.scare)} for t in analysis.framing],
    }


class AttributionStore:
    """Mixed into :class:`newsprism.store.Store`."""

    engine: Any

    def _rows(self, table, *order) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
        with self.engine.connect() as conn:
            result = conn.execute(select(table).order_by(*order))
            keys = list(result.keys())
            return [dict(zip(keys, r)) for r in result]

    def mentions(self) -> list[dict[str, Any]]:
        m = schema.mentions
        return self._rows(m, m.c.article, m.c.idx)

    def quotes(self) -> list[dict[str, Any]]:
        q = schema.quotes
        return self._rows(q, q.c.article, q.c.start, q.c.end)

    def quote_columns(self, *names: str) -> list[Any]:
        """Only ``names`` of every quote (rows with those attributes), in the order of
        :meth:`quotes`: the corpus passes read a few of its 17 columns, for every quote."""
        q = schema.quotes
        return self._columns(q, names, q.c.article, q.c.start, q.c.end)

    def iter_mention_columns(self, *names: str) -> Iterator[Any]:
        """Only ``names`` of every mention, in the order of :meth:`mentions`, as the database
        hands the rows over, none of them held here: for a pass that folds the mentions
        into something smaller (a 10k-article store holds 2.3 million)."""
        m = schema.mentions
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=10_000).execute(
                select(*(m.c[n] for n in names)).order_by(m.c.article, m.c.idx))
            yield from result

    def article_columns(self, table: str, names: Sequence[str], articles: Iterable[str] | None = None,
                        order: Sequence[str] = ()) -> list[Any]:
        """Only ``names`` of the rows of ``table`` that belong to the articles ``articles``
        (ids; None: every article), ordered by ``order`` (default: the article) within
        each run of up to 500 ids: for a corpus pass that reads a group of articles at a
        time. The ``articles`` table's own rows are those of the ids."""
        t = schema.metadata.tables[table]
        key = t.c.id if table == "articles" else t.c.article
        query = select(*(t.c[n] for n in names)).order_by(*((t.c[n] for n in order) if order else (key,)))
        with self.engine.connect() as conn:  # .all(): one fetchall, not a fetchone per row
            if articles is None:
                return conn.execute(query).all()
            ids = sorted(set(articles))
            return [row for i in range(0, len(ids), _IN_CHUNK)
                    for row in conn.execute(query.where(key.in_(ids[i : i + _IN_CHUNK]))).all()]

    def _columns(self, table, names, *order) -> list[Any]:  # type: ignore[no-untyped-def]
        with self.engine.connect() as conn:
            return list(conn.execute(select(*(table.c[n] for n in names)).order_by(*order)))

    def scare_quotes(self) -> list[dict[str, Any]]:
        s = schema.scare_quotes
        return self._rows(s, s.c.article, s.c.start)

    def article_metadata(self) -> dict[str, dict[str, Any]]:
        """``id -> {published, outlet}`` of every article, without reading the texts."""
        a = schema.articles
        with self.engine.connect() as conn:
            rows = conn.execute(select(a.c.id, a.c.published, a.c.outlet)).all()
        return {r.id: {"published": r.published, "outlet": r.outlet} for r in rows}

    def entity_chains(self) -> dict[tuple[str, int], str]:
        return {(r["article"], r["chain"]): r["entity"] for r in self._rows(schema.entity_chains, schema.entity_chains.c.article, schema.entity_chains.c.chain)}

    def entities(self) -> list[dict[str, Any]]:
        e = schema.entities
        return [{**r, "evidence": json.loads(r["evidence"])} for r in self._rows(e, e.c.id)]

    def statements(self) -> list[dict[str, Any]]:
        s = schema.statements
        members: dict[str, list[str]] = {}
        for r in self._rows(schema.statement_quotes, schema.statement_quotes.c.statement, schema.statement_quotes.c.quote):
            members.setdefault(r["statement"], []).append(r["quote"])
        return [
            {**r, "variants": json.loads(r["variants"]), "evidence": json.loads(r["evidence"]), "quotes": members.get(r["id"], [])}
            for r in self._rows(s, s.c.id)
        ]

    def statement_texts(self) -> dict[str, str]:
        """Statement id -> its representative wording (without variants and evidence)."""
        s = schema.statements
        return {r.id: r.text for r in self._columns(s, ("id", "text"), s.c.id)}

    def statement_of_quotes(self) -> dict[str, str]:
        """Quote id -> the statement it is one wording of."""
        q = schema.statement_quotes
        return {r.quote: r.statement for r in self._columns(q, ("quote", "statement"), q.c.quote)}

    def corpus_stale(self, name: str) -> bool:
        """Whether pass ``name`` has not yet seen every article in the store."""
        with self.engine.connect() as conn:
            seen = conn.execute(select(schema.corpus_state.c.articles).where(schema.corpus_state.c["pass"] == name)).scalar()
        return seen != self.count("articles")  # type: ignore[attr-defined]

    def mark_corpus_done(self, name: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(schema.corpus_state).where(schema.corpus_state.c["pass"] == name))
            conn.execute(schema.corpus_state.insert().values({"pass": name, "articles": self.count("articles")}))  # type: ignore[attr-defined]

    def replace_entities(self, entities: Iterable[dict[str, Any]], chains: Iterable[dict[str, Any]]) -> None:
        """Rewrite the entities pass's output in one transaction."""
        with self.engine.begin() as conn:
            conn.execute(delete(schema.entity_chains))
            conn.execute(delete(schema.entities))
            rows = [{**e, "evidence": json.dumps(list(e["evidence"]), ensure_ascii=False)} for e in entities]
            if rows:
                conn.execute(schema.entities.insert(), rows)
            chain_rows = list(chains)
            if chain_rows:
                conn.execute(schema.entity_chains.insert(), chain_rows)

    def replace_statements(self, statements: Iterable[dict[str, Any]]) -> None:
        """Rewrite the statements pass's output in one transaction; ``statements`` is read
        as it comes and written a few thousand at a time (their variants and evidence as
        JSON text are never all held at once)."""
        with self.engine.begin() as conn:
            conn.execute(delete(schema.statement_quotes))
            conn.execute(delete(schema.statements))
            for chunk in chunked(statements):
                conn.execute(schema.statements.insert(), [
                    {"id": s["id"], "speaker": s["speaker"], "text": s["text"], "event": s["event"],
                     "variants": json.dumps(list(s["variants"]), ensure_ascii=False, sort_keys=True),
                     "evidence": json.dumps(list(s["evidence"]), ensure_ascii=False)} for s in chunk])
                members = [{"statement": s["id"], "quote": q} for s in chunk for q in s["quotes"]]
                if members:
                    conn.execute(schema.statement_quotes.insert(), members)
