"""Full-text search over article titles and texts (schema v6).

SQLite searches an FTS5 index (``articles_fts``, unicode61 tokenizer, case- and
accent-insensitive); PostgreSQL its built-in full-text search over a GIN expression index
(``ix_articles_fts``, the ``'simple'`` configuration: case-insensitive, no stemming, no stop
words, and *not* accent-insensitive, so ``Qasem`` does not find ``Qâsem`` there).

The user's text is never handed to ``MATCH`` or ``to_tsquery``: it is parsed here into words
and quoted phrases, and the engine query is built from those alone, passed as a parameter.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text

from .migrations import PG_FTS_DOCUMENT

__all__ = ["SearchStore", "Term", "parse_query", "snippet"]

logger = logging.getLogger(__name__)

MAX_TERMS = 16
MAX_LIMIT = 100
SNIPPET_CHARS = 240

_WORD = re.compile(r"[^\W_]+")  # a query word: letters and digits (``_`` separates, as in both engines)
_PHRASE = re.compile(r'"([^"]*)"')
# A word of the article text, with any combining marks it carries (decomposed accents).
_TEXT_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])+")


@dataclass(frozen=True)
class Term:
    """A word matched as a prefix, or a phrase (words adjacent, in order, each matched whole)."""

    words: tuple[str, ...]  # lowercased
    prefix: bool
    # As typed (NFC): what the engines get, so each folds it exactly as it folded the index
    # (Python's and PostgreSQL's lowercasing differ, e.g. for "İ").
    typed: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not self.typed:
            object.__setattr__(self, "typed", self.words)

    def __str__(self) -> str:
        return " ".join(self.words)


def parse_query(query: str) -> list[Term]:
    """The terms of a search. Words are Unicode letter/digit runs, lowercased, each matched
    as a prefix; a double-quoted part of the query is a phrase (a quoted single word is
    matched whole); an unpaired ``"`` is ignored, as is all other punctuation. At most
    :data:`MAX_TERMS` words in all; repeated terms are dropped."""
    query = unicodedata.normalize("NFC", query)
    groups: list[Term] = []
    pos = 0
    for m in _PHRASE.finditer(query):
        groups.extend(Term((w,), True) for w in _WORD.findall(query[pos:m.start()]))
        groups.append(Term(tuple(_WORD.findall(m.group(1))), False))
        pos = m.end()
    groups.extend(Term((w,), True) for w in _WORD.findall(query[pos:]))
    terms: list[Term] = []
    budget = MAX_TERMS
    for group in groups:
        typed = group.words[:budget]
        term = Term(tuple(w.lower() for w in typed), group.prefix, typed)
        if term.words and term not in terms:
            terms.append(term)
            budget -= len(term.words)
    return terms


def _fts5_query(terms: list[Term]) -> str:
    parts = []
    for term in terms:
        quoted = '"' + " ".join(term.typed).replace('"', '""') + '"'
        parts.append(quoted + "*" if term.prefix else quoted)
    return " AND ".join(parts)


def _tsquery(terms: list[Term]) -> str:
    def lexeme(word: str) -> str:
        return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"

    parts = []
    for term in terms:
        if term.prefix:
            parts.append(lexeme(term.typed[0]) + ":*")
        else:
            parts.append("(" + " <-> ".join(lexeme(w) for w in term.typed) + ")")
    return " & ".join(parts)


def _fold(word: str, accents: bool) -> str:
    word = word.casefold()
    if accents:
        word = unicodedata.normalize("NFKD", word)
        word = "".join(c for c in word if not unicodedata.combining(c))
    else:
        word = unicodedata.normalize("NFC", word)
    return word


def snippet(article_text: str, terms: list[Term], *, fold_accents: bool = True, size: int = SNIPPET_CHARS) -> dict[str, Any]:
    """A window of about ``size`` characters of ``article_text`` around the first match of
    any term, cut at whitespace: ``{text, start, end, marks}`` where ``text`` is
    ``article_text[start:end]`` and ``marks`` the ``[start, end]`` spans, relative to
    ``text``, of the matched words in it (each word of a phrase on its own). Matching is
    case-insensitive and, with ``fold_accents``, accent-insensitive. With no match in the
    text (only the title matched) it is the text's opening, with no marks. Plain text."""
    tokens = [(m.start(), m.end(), _fold(m.group(), fold_accents)) for m in _TEXT_WORD.finditer(article_text)]
    folded = [(term, tuple(_fold(w, fold_accents) for w in term.words)) for term in terms]
    spans: set[tuple[int, int]] = set()
    for i, (s, e, word) in enumerate(tokens):
        for term, words in folded:
            if term.prefix:
                if word.startswith(words[0]):
                    spans.add((s, e))
            elif tuple(t[2] for t in tokens[i:i + len(words)]) == words:
                spans.update(t[:2] for t in tokens[i:i + len(words)])
    hits = sorted(spans)
    n = len(article_text)
    first_start, first_end = hits[0] if hits else (0, 0)
    start = max(0, min(first_start - size // 3, n - size))
    end = min(n, start + size)
    if start > 0 and not article_text[start - 1].isspace():
        cut = start  # inside a word: start after it, never past the match
        while cut < first_start and not article_text[cut].isspace():
            cut += 1
        start = cut
    while start < first_start and article_text[start].isspace():
        start += 1
    floor = max(first_end, start)
    if end < n and not article_text[end].isspace():
        cut = end
        while cut > floor and not article_text[cut - 1].isspace():
            cut -= 1
        if cut > floor:  # else: no whitespace to cut at; keep the hard cut
            end = cut
    while end > floor and article_text[end - 1].isspace():
        end -= 1
    marks = [[s - start, e - start] for s, e in hits if s >= start and e <= end]
    return {"text": article_text[start:end], "start": start, "end": end, "marks": marks}


class SearchStore:
    """Mixed into :class:`newsprism.store.Store`."""

    engine: Any
    dialect: str

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
        """Articles whose title or text match ``query``, best first.

        Every word of ``query`` must occur as a word prefix (``kill`` finds *killed*); a
        double-quoted part is a phrase, its words adjacent and in order. Punctuation and
        search-engine syntax are ignored, never interpreted. Returns
        ``{query, terms, total, hits}``: ``terms`` the words searched for (a phrase as its
        words joined by a space), ``total`` how many articles match, and ``hits`` at most
        ``limit`` (capped at 100) of them from ``offset``, each ``{article, title, outlet,
        published, source, snippet}`` with ``snippet`` as :func:`snippet` makes it.

        Ranking: SQLite by ``bm25``, PostgreSQL by ``ts_rank``; ties by article id. On
        PostgreSQL (configuration ``'simple'``) matching is case- but not
        accent-insensitive, and its parser keeps some tokens whole (``example.org``,
        ``-19`` in ``covid-19``); on SQLite it is case- and accent-insensitive.
        """
        terms = parse_query(query)
        result: dict[str, Any] = {"query": query, "terms": [str(t) for t in terms], "total": 0,
                                  "hits": []}
        if not terms:
            return result
        limit = max(0, min(int(limit), MAX_LIMIT))
        offset = max(0, int(offset))
        if self.dialect == "postgresql":
            match = _tsquery(terms)
            where = f"{PG_FTS_DOCUMENT} @@ to_tsquery('simple', :q)"
            count_sql = f"SELECT count(*) FROM articles WHERE {where}"
            hits_sql = (f"SELECT id, title, outlet, published, source, text FROM articles WHERE {where} "
                        f"ORDER BY ts_rank({PG_FTS_DOCUMENT}, to_tsquery('simple', :q)) DESC, id "
                        "LIMIT :limit OFFSET :offset")
        else:
            match = _fts5_query(terms)
            count_sql = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :q"
            hits_sql = ("SELECT a.id, a.title, a.outlet, a.published, a.source, a.text "
                        "FROM articles_fts JOIN articles AS a ON a.rowid = articles_fts.rowid "
                        "WHERE articles_fts MATCH :q ORDER BY bm25(articles_fts), a.id LIMIT :limit OFFSET :offset")
        logger.debug("search %r as %r", query, match)
        with self.engine.connect() as conn:
            result["total"] = int(conn.execute(text(count_sql), {"q": match}).scalar_one())
            rows = conn.execute(text(hits_sql), {"q": match, "limit": limit, "offset": offset}).all() if limit else []
        fold_accents = self.dialect != "postgresql"
        result["hits"] = [
            {"article": r.id, "title": r.title, "outlet": r.outlet, "published": r.published, "source": r.source,
             "snippet": snippet(r.text, terms, fold_accents=fold_accents)}
            for r in rows
        ]
        return result
