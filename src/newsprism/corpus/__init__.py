"""Corpus passes: read what the per-article stages stored, write links between articles.

:func:`run_corpus_passes` runs them in order: canonical entities (from each article's
coreference chains), then statements (quotes of one utterance across articles), then
reuse (passages shared between articles, syndicated copies, outlet boilerplate), then
events (dates resolved, articles grouped by the happening they report, storylines), then
framing (how each outlet names, stresses and omits, over the corpus and per event). Each pass
rewrites its own tables from the per-article rows, so its result depends only on what
the store holds, never on the order articles arrived in.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from typing import Any, Callable

import numpy as np

from ..ids import text_hash
from ..store import Store

__all__ = ["run_corpus_passes", "entity_pass", "statement_pass", "reuse_pass", "events_pass", "framing_pass"]

logger = logging.getLogger(__name__)
POOL_MIN_ARTICLES = 5000
#: Bump when :func:`~newsprism.corpus.statements.group_statements` groups differently: each
#: speaker's statements are kept (see :class:`~newsprism.corpus.memo.Memo`) by this version.
#: 2: no cosine in the evidence of a link within one article (embeddings compare articles).
STATEMENTS_VERSION = "2"


def entity_pass(store: Store) -> int:
    """Canonical entities from every article's mention chains; returns how many."""
    from .entities import ChainRecord, canonicalise

    # Per chain: how often each type, and each name and descriptor once, in order of use.
    by_chain: dict[tuple[str, int], tuple[Counter[str], dict[str, None], dict[str, None]]] = {}
    names_in: dict[str, set[str]] = defaultdict(set)
    # Only the six columns used, as the rows stream by.
    for m in store.iter_mention_columns("article", "chain", "type", "kind", "text", "head"):
        if m.chain is None:
            continue
        entry = by_chain.get((m.article, m.chain))
        if entry is None:
            entry = by_chain[(m.article, m.chain)] = (Counter(), {}, {})
        entry[0][m.type] += 1
        entry[1 if m.kind == "name" else 2][m.text] = None
        if m.kind == "name":
            names_in[m.article].add(m.head or m.text)
    records = []
    for (article, chain), (types, names, descriptors) in sorted(by_chain.items()):
        if not names:
            continue  # a chain the article never names has no evidence of who it is
        kind = "PERSON" if "PERSON" in types else max(sorted(types), key=types.__getitem__)
        context = tuple(sorted(n for n in names_in[article] if n not in names))
        records.append(ChainRecord(article, chain, kind, tuple(names), tuple(descriptors), context))
    del by_chain, names_in
    clusters = canonicalise(records)
    entities = [{"id": c.id, "name": c.name, "type": c.type, "evidence": list(c.evidence)} for c in clusters]
    chains = [{"article": a, "chain": ch, "entity": c.id} for c in clusters for a, ch in c.members]
    store.replace_entities(entities, chains)
    return len(entities)


def stored_embeddings(store: Store) -> Callable[[list[str]], np.ndarray]:
    """An ``embed`` for the statements pass that reads each text's vector from the store
    and computes (loading the model only then) and stores only the texts it lacks. Every
    vector is the stored float16 one, so a text gets the same vector whichever run and
    batch computed it, and a store that grows re-embeds only its new quotes."""
    from ..models.embeddings import MODEL_NAME

    loaded: list[Callable[[list[str]], np.ndarray]] = []

    def embed(texts: list[str]) -> np.ndarray:
        keys = [text_hash(t) for t in texts]
        found = store.text_vectors(MODEL_NAME, keys)
        missing = {k: t for k, t in zip(keys, texts) if k not in found}
        if missing:
            if not loaded:
                from ..models.embeddings import SentenceEmbedder

                loaded.append(SentenceEmbedder.load().encode)
            vectors = np.asarray(loaded[0](list(missing.values())), dtype=np.float32)
            fresh = dict(zip(missing, vectors.astype(np.float16).astype(np.float32)))
            store.add_text_vectors(MODEL_NAME, fresh)
            found.update(fresh)
        return np.stack([found[k] for k in keys]) if keys else np.zeros((0, 384), dtype=np.float32)

    return embed


def statement_pass(store: Store, embed: Any | None = None) -> int:
    """Statements: quotes of one utterance by one speaker across articles; returns how many."""
    from .statements import QuoteRecord, group_statements

    chain_entity = store.entity_chains()
    articles = store.article_metadata()
    records = []
    for q in store.quote_columns("id", "article", "text", "kind", "speaker_chain"):
        speaker = chain_entity.get((q.article, q.speaker_chain)) if q.speaker_chain is not None else None
        article = articles.get(q.article, {})
        records.append(QuoteRecord(q.id, q.article, q.text, q.kind, speaker, None, article.get("published"),
                                   article.get("outlet")))
    memo = None
    if embed is None and records:
        from ..models.embeddings import MODEL_NAME
        from .memo import Memo

        embed, memo = stored_embeddings(store), Memo(store, "statements", f"{STATEMENTS_VERSION}:{MODEL_NAME}")
    groups = group_statements(records, embed, memo=memo)
    store.replace_statements(
        {"id": g.id, "speaker": g.speaker, "text": g.text, "quotes": list(g.quotes), "event": g.event,
         "variants": list(g.variants), "evidence": list(g.evidence)}
        for g in groups
    )
    if memo is not None:
        memo.save()
    return len(groups)


def reuse_pass(store: Store, settings: Any | None = None, processes: int = 1, runner: Any | None = None) -> int:
    """Reuse links, boilerplate and syndicated copies (see :mod:`.reuse`); returns how
    many links. Texts are streamed from the store, then read again only for the
    articles of candidate pairs. The fingerprints and alignments run in ``processes``
    worker processes, or on ``runner`` (the Ray engine's tasks) where one is given; that
    pays off only on large stores, so fewer than ``POOL_MIN_ARTICLES`` articles are done
    in this process."""
    from .reuse import find_reuse

    if store.count("articles") < POOL_MIN_ARTICLES:
        processes, runner = 1, None
    result = find_reuse(store.iter_reuse_docs(), settings, fetch=store.fetch_reuse_docs, processes=processes,
                        runner=runner)
    store.replace_reuse(result)
    return len(result.links)


def framing_pass(store: Store) -> int:
    """Outlet profiles, alternations and omissions (see :mod:`.framing_pass`); returns how many outlets."""
    from .framing_pass import framing_pass as run

    return run(store)


def events_pass(store: Store) -> int:
    """Dates, events and storylines (see :mod:`.event_pass`); returns how many events."""
    from .event_pass import events_pass as run

    return run(store)


PASSES = (("entities", entity_pass), ("statements", statement_pass), ("reuse", reuse_pass), ("events", events_pass),
          ("framing", framing_pass))


def run_corpus_passes(store: Store, *, force: bool = False, processes: int = 1, runner: Any | None = None,
                      progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    """Every corpus pass that has not yet seen every article (all with ``force``), in
    order; a pass that runs makes every later pass run too. Returns what each produced.
    ``processes`` (or ``runner``, see :func:`reuse_pass`) is what the reuse pass may use.
    ``progress(name, position, total)`` is called as each pass that runs starts, with its
    place (0-based) among all ``total`` passes, and ``("", total, total)`` once the passes
    that ran are done.

    Each pass rewrites its tables in one transaction and then records that it is done,
    so a run stopped anywhere is completed by the next one."""
    counts: dict[str, int] = {}
    for position, (name, run) in enumerate(PASSES):
        if force or counts or store.corpus_stale(name):
            if progress is not None:
                progress(name, position, len(PASSES))
            counts[name] = run(store, processes=processes, runner=runner) if name == "reuse" else run(store)
            store.mark_corpus_done(name)
    if counts:
        if progress is not None:
            progress("", len(PASSES), len(PASSES))
        logger.info("corpus passes: %s", counts)
    return counts


