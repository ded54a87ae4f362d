"""The reuse pass's units of work, as plain functions a process pool can run.

:func:`fingerprint_batch` turns a batch of articles into arrays (shingles packed with the
article number, MinHash signatures, word counts, sentence hashes); :func:`index_part`
counts the candidate pairs of one part of the shingle index; :func:`align_block`
aligns a block of candidate pairs given their texts. None keeps state, so
:class:`Runner` can run them in this process or in ``processes`` worker processes
(spawned, results in submission order, a bounded number in flight) with the same result.
"""

from __future__ import annotations

import multiprocessing
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from .align import Passage, Prepared, ReuseSettings, align_pair
from .candidates import minhash_signatures, pack, pair_counts, sorted_unique
from .tokens import DocTokens, TokenBatch, shingles, span_hashes, tokenize

__all__ = ["ReuseDoc", "sentence_spans", "prepare", "fingerprint_batch", "index_part", "align_block", "Runner", "PARTS"]

_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+|\n\s*\n")
_LAST_WORD = re.compile(r"\w+$")
_ABBREVIATIONS = frozenset("Mr Mrs Ms Dr Prof Lt Gen Col Maj Capt Sgt Gov Sen Rep St Jr Sr Mt No Jan Feb Mar Apr Aug "
                           "Sept Sep Oct Nov Dec vs etc Inc Corp Ltd Co".split())
PARTS = ("packed", "signatures", "words", "sent_hash", "sent_doc", "sent_idx", "sent_words", "sent_span")


@dataclass(frozen=True)
class ReuseDoc:
    """What the pass needs of an article. Without ``sentences`` it splits on sentence
    punctuation (not after initials and common abbreviations) and blank lines."""

    id: str
    text: str
    sentences: tuple[tuple[int, int], ...] = ()
    outlet: str | None = None
    published: str | None = None
    quotes: tuple[tuple[int, int], ...] = ()  # spans of words in quotation marks


def sentence_spans(doc: ReuseDoc) -> list[tuple[int, int]]:
    if doc.sentences:
        return list(doc.sentences)
    spans, start, text = [], 0, doc.text
    for m in _SENTENCE_END.finditer(text):
        word = _LAST_WORD.search(text, max(0, m.start() - 12), m.start())
        if word and m.group()[0] == "." and (len(word.group()) == 1 or word.group() in _ABBREVIATIONS):
            continue  # "Lt. General", "U.S. officials", "Dr. Qasimova"
        end = m.start() + len(m.group().rstrip())
        if end > start:
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def prepare(doc: ReuseDoc, tokens: DocTokens, masked_sentences: Iterable[int] = ()) -> Prepared:
    spans = np.asarray(sentence_spans(doc) or [(0, len(doc.text))], dtype=np.int64).reshape(-1, 2)
    lo, hi = tokens.index_at(spans[:, 0]), tokens.index_at(spans[:, 1])
    mask = None
    masked = list(masked_sentences)
    if masked:
        mask = np.zeros(len(tokens), dtype=bool)
        for s in masked:
            mask[lo[s] : hi[s]] = True
    return Prepared(doc.id, doc.text, tokens, lo, hi, spans[:, 0], spans[:, 1], mask)


def _word_index(tb: TokenBatch, owner: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Batch-wide index of the first word of text ``owner[k]`` starting at or after
    char ``offsets[k]`` (``offsets`` may have several columns): one search over
    (text, start) keys."""
    keys = tb.doc_of_token.astype(np.int64) << np.int64(32) | tb.starts.astype(np.int64)
    wanted = owner.astype(np.int64)[:, None] << np.int64(32) | offsets.astype(np.int64)
    return np.searchsorted(keys, wanted, side="left")


def fingerprint_batch(batch: list[ReuseDoc], g0: int, s: ReuseSettings) -> dict[str, np.ndarray]:
    """Fingerprints of articles ``g0, g0 + 1, ...``: every distinct shingle packed with
    the article number, MinHash signatures, word counts, and each sentence of at least
    ``boilerplate_min_words`` words as (hash, article, index, words, char span)."""
    tb = tokenize([d.text for d in batch])
    h, first = shingles(tb.hashes, s.shingle, tb.bounds)
    local = np.searchsorted(tb.bounds, first, side="right") - 1
    per_doc = [np.asarray(sentence_spans(d) or [(0, 0)], dtype=np.int64).reshape(-1, 2) for d in batch]
    counts = np.fromiter((len(x) for x in per_doc), dtype=np.int64, count=len(per_doc))
    spans = np.concatenate(per_doc)
    owner = np.repeat(np.arange(len(batch)), counts)
    lo, hi = _word_index(tb, owner, spans).T
    idx = np.arange(len(spans)) - np.repeat(np.cumsum(counts) - counts, counts)
    ok = np.flatnonzero(hi - lo >= s.boilerplate_min_words)
    return {
        "packed": sorted_unique(pack(h, local + g0)),
        "signatures": minhash_signatures(h, local, len(batch), s.minhash_bins),
        "words": np.diff(tb.bounds),
        "sent_hash": span_hashes(tb.hashes, lo[ok], hi[ok]),
        "sent_doc": owner[ok] + g0,
        "sent_idx": idx[ok],
        "sent_words": (hi - lo)[ok],
        "sent_span": spans[ok],
    }


def jaccard(a: Prepared, b: Prepared, n: int) -> float:
    """Exact Jaccard similarity of the two texts' sets of ``n``-word shingles."""
    ha = sorted_unique(shingles(a.tokens.hashes, n)[0])
    hb = sorted_unique(shingles(b.tokens.hashes, n)[0])
    union = len(ha) + len(hb)
    if union == 0:
        return 0.0
    inter = len(np.intersect1d(ha, hb, assume_unique=True))
    return inter / (union - inter)


def index_part(packed: np.ndarray, alive: np.ndarray, max_df: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`~newsprism.corpus.candidates.pair_counts` of one part of the shingle index,
    leaving out the shingles of the articles not ``alive`` (syndicated copies)."""
    return pair_counts(packed[alive[(packed & np.uint64(0xFFFFFFFF)).astype(np.int64)]], max_df)


def covers_both(found: list[Passage], a: Prepared, b: Prepared, share: float) -> bool:
    """Whether the passages hold ``share`` of the words of both articles: a whole copy."""
    return bool(found) and (sum(p.words for p in found) >= share * len(a.tokens)
                            and sum(p.b_words for p in found) >= share * len(b.tokens))


def align_block(docs: dict[int, ReuseDoc], masks: dict[int, list[int]], pairs: list[tuple[int, int]],
                s: ReuseSettings, duplicates_only: bool) -> list[tuple[int, int, list[Passage], bool, float | None]]:
    """Align each pair of articles (numbers into ``docs``): ``(x, y, passages, whole,
    jaccard)``. With ``duplicates_only`` (MinHash candidates), only pairs whose shingle
    Jaccard reaches ``duplicate_jaccard`` and whose passages cover both articles count."""
    order = sorted(docs)
    prepared: dict[int, Prepared] = {}
    for i in range(0, len(order), s.batch):
        chunk = order[i : i + s.batch]
        tb = tokenize([docs[g].text for g in chunk])
        for k, g in enumerate(chunk):
            prepared[g] = prepare(docs[g], tb.doc(k), masks.get(g, ()))
    out = []
    for x, y in pairs:
        a, b = prepared[x], prepared[y]
        jac = None
        if duplicates_only:
            jac = jaccard(a, b, s.shingle)
            if jac < s.duplicate_jaccard:
                continue
        found = align_pair(a, b, s)
        whole = covers_both(found, a, b, s.syndicated_cover)
        if found and (whole or not duplicates_only):
            out.append((x, y, found, whole, jac))
    return out


class Runner:
    """Runs work units here (``processes`` 1) or in spawned worker processes, yielding
    results in submission order with at most ``2 * processes`` units in flight."""

    def __init__(self, processes: int = 1):
        self.processes = processes
        self._pool = (ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"))
                      if processes > 1 else None)

    def map(self, fn: Callable[..., Any], jobs: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
        if self._pool is None:
            for job in jobs:
                yield fn(*job)
            return
        pending: deque[Future[Any]] = deque()
        for job in jobs:
            pending.append(self._pool.submit(fn, *job))
            if len(pending) >= 2 * self.processes:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
