"""Local alignment of two texts: the passages they share, on both sides, tolerant of edits.

Passim's recipe on word shingles: every ``n``-word shingle that occurs once in each text
is an *anchor* ``(i, j)`` (word ``i`` of a, word ``j`` of b). Anchors chain into one
passage while both texts move forward by at most ``max_gap`` words between them, so a
changed, dropped or inserted word (which breaks the ``n`` shingles around it) leaves the
passage whole. A chain spans words ``[i0, i_last + n)`` of a and ``[j0, j_last + n)`` of
b; its similarity is the Indel similarity of the two word sequences (``2·LCS / (|a|+|b|)``,
rapidfuzz), and it is ``verbatim`` when the words are the same.

A passage is kept when it has at least ``min_words`` words on both sides and is *at least
one sentence long*: on one side or the other it holds ``sentence_cover`` (0.9) of the
words of some sentence. A shared name or stock phrase ("Leader of the Islamic Revolution
Ayatollah Seyed Ali Khamenei") is thus never reuse, while a copied sentence with an
edited first or last word is. Edges snap to the sentence: when both sides stop at most
``edge_words`` words short of a sentence boundary (and the two shortfalls differ by at
most two words: an edited word, not a sentence one side adds), the passage is widened
to it (after dropping, at an edge, the same few words, fewer than ``n``, of a
neighbouring sentence that both sides hold); and a passage that starts (ends) a sentence takes the sentence's
first (last) character, so opening quote marks and the final full stop belong to it.

Words inside ``mask`` (an outlet's boilerplate in all but one of its articles) never
anchor a passage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from rapidfuzz.distance import Indel

from .tokens import DocTokens, shingles

__all__ = ["ReuseSettings", "Prepared", "Passage", "anchors", "chain", "align_pair"]


@dataclass(frozen=True)
class ReuseSettings:
    """The reuse pass's knobs; the defaults are what ``newsprism analyze`` uses."""

    shingle: int = 5               # words per shingle
    max_df: int = 50               # shingles in more articles than this do not make candidate pairs
    min_shared: int = 4            # shingles two articles must share to be aligned
    min_words: int = 10            # a passage has at least this many words on both sides
    sentence_cover: float = 0.9    # ... and holds this share of some sentence's words on one side
    max_gap: int = 20              # words between two anchors of one passage, on either side
    edge_words: int = 4            # passage edges this close to a sentence boundary snap to it
    min_similarity: float = 0.5    # Indel similarity of the two word sequences
    verbatim_min: float = 1.0      # similarity at or above which a passage is "verbatim"
    syndicated_cover: float = 0.8  # passages covering this share of both articles: a full copy
    minhash_bins: int = 64         # one-permutation MinHash signature length
    minhash_band: int = 4          # rows per LSH band (bins / band bands)
    duplicate_jaccard: float = 0.5 # exact shingle Jaccard that confirms an LSH candidate
    boilerplate_min_words: int = 4 # sentences shorter than this are never boilerplate
    boilerplate_mask: int = 3      # repeated in this many of an outlet's articles: linked from the earliest only
    batch: int = 200               # texts tokenised at once
    index_rows: int = 4_000_000    # shingles per part of the shingle index (candidates.index_parts)

    @classmethod
    def paraphrase(cls) -> "ReuseSettings":
        """Looser alignment for comparing texts already known to be related (how heavily
        was this rewritten from that?): 3-word shingles, gaps of up to 20 words, word
        similarity down to 0.3. Across a news corpus it links unrelated sentences that
        share stock phrases, so ``analyze`` never uses it."""
        return cls(shingle=3, max_gap=20, min_similarity=0.3)


@dataclass(frozen=True)
class Prepared:
    """One text made ready for alignment: its words, sentences (word ranges and char
    spans) and the words no anchor may use."""

    id: str
    text: str
    tokens: DocTokens
    sent_lo: np.ndarray
    sent_hi: np.ndarray
    sent_start: np.ndarray
    sent_end: np.ndarray
    mask: np.ndarray | None = None
    _shingles: dict = field(default_factory=dict, compare=False, repr=False)

    def unique_shingles(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Hashes of the ``n``-word shingles that occur once (none touching ``mask``), and
        the index of each one's first word; computed once per text."""
        if n not in self._shingles:
            self._shingles[n] = _unique_shingles(self, n)
        return self._shingles[n]


@dataclass(frozen=True)
class Passage:
    """A shared passage: char spans in a and b, its words and how alike they are."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int
    b_words: int
    similarity: float
    verbatim: bool
    anchors: int


def _unique_shingles(doc: Prepared, n: int) -> tuple[np.ndarray, np.ndarray]:
    hashes, first = shingles(doc.tokens.hashes, n)
    if doc.mask is not None and doc.mask.any() and len(first):
        masked = np.concatenate([[0], np.cumsum(doc.mask, dtype=np.int64)])
        keep = masked[first + n] == masked[first]
        hashes, first = hashes[keep], first[keep]
    values, index, counts = np.unique(hashes, return_index=True, return_counts=True)
    once = counts == 1
    return values[once], first[index[once]]


def anchors(a: Prepared, b: Prepared, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Word positions ``(i, j)`` of shingles that occur once in a and once in b, by i."""
    ha, fa = a.unique_shingles(n)
    hb, fb = b.unique_shingles(n)
    _, ia, ib = np.intersect1d(ha, hb, assume_unique=True, return_indices=True)
    i, j = fa[ia], fb[ib]
    order = np.lexsort((j, i))
    return i[order], j[order]


def chain(i: np.ndarray, j: np.ndarray, n: int, max_gap: int) -> list[tuple[int, int, int, int, int]]:
    """Anchors chained into passages: ``(a_lo, a_hi, b_lo, b_hi, anchors)`` word ranges."""
    open_chains: list[list[int]] = []  # [i0, j0, last_i, last_j, count]
    done: list[list[int]] = []
    for x, y in zip(i.tolist(), j.tolist()):
        best, best_skew = None, None
        still_open = []
        for c in open_chains:
            di, dj = x - c[2], y - c[3]
            if di > max_gap:
                done.append(c)
                continue
            still_open.append(c)
            if 0 < di and 0 < dj <= max_gap:
                skew = abs(di - dj)
                if best is None or skew < best_skew:
                    best, best_skew = c, skew
        open_chains = still_open
        if best is None:
            open_chains.append([x, y, x, y, 1])
        else:
            best[2], best[3], best[4] = x, y, best[4] + 1
    done.extend(open_chains)
    return sorted((c[0], c[2] + n, c[1], c[3] + n, c[4]) for c in done)


def _covers_sentence(doc: Prepared, lo: int, hi: int, share: float) -> bool:
    inside = np.minimum(doc.sent_hi, hi) - np.maximum(doc.sent_lo, lo)
    size = doc.sent_hi - doc.sent_lo
    return bool(np.any((size > 0) & (inside >= np.ceil(share * size))))


def _edge_gaps(doc: Prepared, lo: int, hi: int, edge: int) -> tuple[int | None, int | None]:
    """Words between ``lo`` and the start of its sentence, and between ``hi`` and the end
    of the sentence holding word ``hi - 1``; None where farther than ``edge`` or unknown."""
    gaps: list[int | None] = []
    for word, to_start in ((lo, True), (hi - 1, False)):
        s = int(np.searchsorted(doc.sent_hi, word, side="right"))
        gap = None
        if s < len(doc.sent_lo) and doc.sent_lo[s] <= word:
            gap = word - int(doc.sent_lo[s]) if to_start else int(doc.sent_hi[s]) - hi
        gaps.append(gap if gap is not None and gap <= edge else None)
    return gaps[0], gaps[1]


def _fragments(doc: Prepared, lo: int, hi: int) -> tuple[int, int]:
    """Words of a sentence the passage only enters at its start (leaves at its end):
    ``(head, tail)``, 0 where the passage starts (ends) at a sentence boundary or holds
    no more than that sentence."""
    head = tail = 0
    s = int(np.searchsorted(doc.sent_hi, lo, side="right"))
    if s < len(doc.sent_lo) and doc.sent_lo[s] < lo and doc.sent_hi[s] < hi:
        head = int(doc.sent_hi[s]) - lo
    s = int(np.searchsorted(doc.sent_hi, hi - 1, side="right"))
    if s < len(doc.sent_lo) and doc.sent_lo[s] > lo and doc.sent_hi[s] > hi:
        tail = hi - int(doc.sent_lo[s])
    return head, tail


def _char_span(doc: Prepared, lo: int, hi: int) -> tuple[int, int]:
    t = doc.tokens
    start, end = int(t.starts[lo]), int(t.ends[hi - 1])
    s = int(np.searchsorted(doc.sent_lo, lo, side="right")) - 1
    if 0 <= s < len(doc.sent_lo) and doc.sent_lo[s] == lo:
        start = min(start, int(doc.sent_start[s]))
    s = int(np.searchsorted(doc.sent_hi, hi, side="left"))
    if 0 <= s < len(doc.sent_hi) and doc.sent_hi[s] == hi:
        end = max(end, int(doc.sent_end[s]))
    return start, end


def align_pair(a: Prepared, b: Prepared, settings: ReuseSettings) -> list[Passage]:
    """The passages a and b share (see the module docstring), in a's order."""
    n = settings.shingle
    i, j = anchors(a, b, n)
    if len(i) == 0:
        return []
    out = []
    for a_lo, a_hi, b_lo, b_hi, count in chain(i, j, n, settings.max_gap):
        # Drop a few words of a neighbouring sentence the chain ran into ("... within six
        # months. The Kessel Dam ..."), when both sides hold the same short fragment.
        a_head, a_tail = _fragments(a, a_lo, a_hi)
        b_head, b_tail = _fragments(b, b_lo, b_hi)
        if 0 < a_head == b_head < n:
            a_lo, b_lo = a_lo + a_head, b_lo + b_head
        if 0 < a_tail == b_tail < n:
            a_hi, b_hi = a_hi - a_tail, b_hi - b_tail
        # Widen both sides to a sentence boundary when each is a few words short of it.
        a_lg, a_hg = _edge_gaps(a, a_lo, a_hi, settings.edge_words)
        b_lg, b_hg = _edge_gaps(b, b_lo, b_hi, settings.edge_words)
        if a_lg is not None and b_lg is not None and abs(a_lg - b_lg) <= 2:
            a_lo, b_lo = a_lo - a_lg, b_lo - b_lg
        if a_hg is not None and b_hg is not None and abs(a_hg - b_hg) <= 2:
            a_hi, b_hi = a_hi + a_hg, b_hi + b_hg
        words = a_hi - a_lo
        if min(words, b_hi - b_lo) < settings.min_words:
            continue
        if not (_covers_sentence(a, a_lo, a_hi, settings.sentence_cover)
                or _covers_sentence(b, b_lo, b_hi, settings.sentence_cover)):
            continue
        wa = a.tokens.hashes[a_lo:a_hi].tolist()
        wb = b.tokens.hashes[b_lo:b_hi].tolist()
        similarity = 1.0 if wa == wb else float(Indel.normalized_similarity(wa, wb))
        if similarity < settings.min_similarity:
            continue
        a_start, a_end = _char_span(a, a_lo, a_hi)
        b_start, b_end = _char_span(b, b_lo, b_hi)
        out.append(Passage(a_start, a_end, b_start, b_end, words, b_hi - b_lo, round(similarity, 4),
                           similarity >= settings.verbatim_min, count))
    return out
