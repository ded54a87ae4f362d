"""The reuse pass: passages one article shares with another, syndicated copies, and the
text each outlet repeats in its own articles (boilerplate).

:func:`find_reuse` works in three tiers, each doing what it is best at:

1. **Exact hashes** of every sentence's words. A sentence shared by articles of one
   outlet is that outlet's *boilerplate* (credit lines, bios, background paragraphs it
   reuses), recorded as such; links over it are flagged ``boilerplate``, and where three
   or more of the outlet's articles (``boilerplate_mask``) repeat it, it is masked in all
   but the earliest so it makes no web of links. Other shared sentences pair every
   article holding them with the earliest, however many there are.
2. **MinHash LSH** over each article's shingles finds near-duplicate whole articles
   (syndicated copies, versions); a candidate is confirmed by the exact Jaccard of the
   two shingle sets and by alignment covering ``syndicated_cover`` of both articles.
   Copies are linked to the earliest of their group (``syndicated``) and leave the
   later tier, so counts can collapse them while every outlet keeps its article.
3. **A shingle index** with bounded document frequency, then passim-style alignment
   (:mod:`.align`) of each candidate pair recovers the reused passages on both sides
   (a pair it aligns almost whole is a syndicated copy too).

Articles are taken earliest first by ``(published, id)`` (undated last): a link's ``a``
is the earlier article, and its ``direction`` says so only when both dates are known and
differ; copies of one passage are credited to the earliest article holding it. A link
whose shared words are quoted on both sides says so (``quoted``). Everything is
deterministic: the same articles in any order, in one process or several, give the same
links.

Fingerprints are computed streaming, a batch of articles at a time; texts are read a
second time (``fetch``) only for the articles of candidate pairs.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..ids import content_id
from ..model import Span
from .align import Passage, ReuseSettings
from .candidates import index_parts, lsh_pairs, merge_pair_counts, star_pairs, unique_pairs
from .reuse_work import PARTS, ReuseDoc, Runner, align_block, fingerprint_batch, index_part, prepare, sentence_spans

__all__ = ["ReuseDoc", "ReuseLink", "Boilerplate", "ReuseResult", "ReuseSettings", "find_reuse", "compare", "prepare",
           "sentence_spans"]

logger = logging.getLogger(__name__)
_PAIR_BLOCK = 4000


@dataclass(frozen=True)
class ReuseLink:
    """A passage of article ``a`` that also stands, verbatim or nearly, in ``b``."""

    a: Span
    b: Span
    similarity: float
    kind: str  # "verbatim" | "near"
    words: int
    syndicated: bool = False
    boilerplate: str | None = None
    direction: str | None = None
    evidence: str = ""
    # The shared words are quoted words on both sides: outlets quoting one speech (or one
    # translation of it) alike, which alone does not show that one copied the other.
    quoted: bool = False

    @property
    def id(self) -> str:
        return content_id("reuse", self.a.article, self.a.start, self.a.end, self.b.article, self.b.start, self.b.end)


@dataclass(frozen=True)
class Boilerplate:
    """Text an outlet repeats across its own articles, as it stands in one of them."""

    article: str
    start: int
    end: int
    outlet: str
    articles: int  # how many of the outlet's articles hold it
    origin: str    # the earliest of them


@dataclass
class ReuseResult:
    links: list[ReuseLink]
    boilerplate: list[Boilerplate]
    duplicates: dict[str, str]  # syndicated copy -> earliest article of its group
    stats: dict[str, float | int] = field(default_factory=dict)


class _Fingerprints:
    """Phase one: every article's shingles, MinHash signature and sentence hashes."""

    def __init__(self, docs: Iterable[ReuseDoc], s: ReuseSettings, runner: Runner):
        self.s = s
        self.ids: list[str] = []
        self.outlets: list[str | None] = []
        self.published: list[str | None] = []
        parts: dict[str, list[np.ndarray]] = {k: [] for k in PARTS}
        for result in runner.map(fingerprint_batch, self._batches(docs)):
            for key, value in result.items():
                parts[key].append(value)
        empty = {"packed": np.uint64, "sent_hash": np.uint64}
        for key, values in parts.items():
            shape = {"signatures": (0, s.minhash_bins), "sent_span": (0, 2)}.get(key, (0,))
            setattr(self, key, np.concatenate(values) if values else np.zeros(shape, dtype=empty.get(key, np.int64)))
        # Earliest first: (published, id), undated last.
        order = sorted(range(len(self.ids)), key=lambda g: (self.published[g] is None, self.published[g] or "", self.ids[g]))
        self.order = np.asarray(order, dtype=np.int64)
        self.rank = np.empty(len(order), dtype=np.int64)
        self.rank[self.order] = np.arange(len(order))

    def _batches(self, docs: Iterable[ReuseDoc]) -> Iterator[tuple[list[ReuseDoc], int, ReuseSettings]]:
        batch: list[ReuseDoc] = []
        for d in docs:
            batch.append(d)
            if len(batch) >= self.s.batch:
                yield self._job(batch)
                batch = []
        if batch:
            yield self._job(batch)

    def _job(self, batch: list[ReuseDoc]) -> tuple[list[ReuseDoc], int, ReuseSettings]:
        g0 = len(self.ids)
        self.ids.extend(d.id for d in batch)
        self.outlets.extend(d.outlet for d in batch)
        self.published.extend(d.published for d in batch)
        return batch, g0, self.s


class _Union:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while x != root:
            self.parent[x], x = root, self.parent.get(x, x)
        return root

    def union(self, x: int, y: int, rank: np.ndarray) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:  # the earlier article is the root
            if rank[ry] < rank[rx]:
                rx, ry = ry, rx
            self.parent[ry] = rx


class _Aligner:
    """Aligns candidate pairs a block at a time: fetches the block's texts (keeping those
    the next block shares), then runs :func:`align_block` here or in a worker."""

    def __init__(self, fp: _Fingerprints, fetch: Callable[[Sequence[str]], Iterable[ReuseDoc]],
                 s: ReuseSettings, runner: Runner):
        self.fp, self.fetch, self.s, self.runner = fp, fetch, s, runner
        self.docs: dict[int, ReuseDoc] = {}
        self.quotes: dict[int, tuple[tuple[int, int], ...]] = {}
        self.fetched = 0

    def _load(self, needed: set[int]) -> dict[int, ReuseDoc]:
        self.docs = {g: d for g, d in self.docs.items() if g in needed}
        missing = sorted(needed - set(self.docs))
        index = {self.fp.ids[g]: g for g in missing}
        for d in self.fetch([self.fp.ids[g] for g in missing]):
            self.docs[index[d.id]] = d
            self.quotes[index[d.id]] = d.quotes
            self.fetched += 1
        return {g: self.docs[g] for g in needed}

    def run(self, pairs: np.ndarray, masks: dict[int, list[int]], duplicates_only: bool
            ) -> Iterator[tuple[int, int, list[Passage], bool, float | None]]:
        def jobs() -> Iterator[tuple[Any, ...]]:
            for i in range(0, len(pairs), _PAIR_BLOCK):
                block = pairs[i : i + _PAIR_BLOCK].tolist()
                needed = {g for pair in block for g in pair}
                docs = self._load(needed)
                yield docs, {g: masks[g] for g in needed if g in masks}, block, self.s, duplicates_only

        for results in self.runner.map(align_block, jobs()):
            yield from results


def _inside(start: int, end: int, spans: Iterable[tuple[int, int]], share: float = 0.9) -> bool:
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return end > start and covered >= share * (end - start)


def _link(fp: _Fingerprints, x: int, y: int, p: Passage, tier: str, syndicated: bool, n: int,
          quotes: dict[int, tuple[tuple[int, int], ...]]) -> ReuseLink:
    """Orient a passage of articles x and y: ``a`` is the earlier of the two."""
    quoted = _inside(p.a_start, p.a_end, quotes.get(x, ())) and _inside(p.b_start, p.b_end, quotes.get(y, ()))
    a_span, b_span = Span(fp.ids[x], p.a_start, p.a_end), Span(fp.ids[y], p.b_start, p.b_end)
    words = p.words
    if fp.rank[y] < fp.rank[x]:
        x, y, a_span, b_span, words = y, x, b_span, a_span, p.b_words
    da, db = fp.published[x], fp.published[y]
    direction = "a_first" if da and db and da < db else None
    when = (f"{fp.ids[x]} published {da}, before {fp.ids[y]} ({db})" if direction
            else "publication dates do not tell which came first")
    evidence = f"{tier}; {p.anchors} shared {n}-word shingles; word similarity {p.similarity:.2f}; {when}"
    if quoted:
        evidence += "; the shared words are quoted on both sides"
    return ReuseLink(a_span, b_span, p.similarity, "verbatim" if p.verbatim else "near", words,
                     syndicated, None, direction, evidence, quoted)


def find_reuse(docs: Iterable[ReuseDoc], settings: ReuseSettings | None = None, *,
               fetch: Callable[[Sequence[str]], Iterable[ReuseDoc]] | None = None,
               processes: int = 1, runner: Runner | None = None) -> ReuseResult:
    """Reuse links, boilerplate and syndicated copies among ``docs``.

    ``docs`` is read once; ``fetch(ids)`` must give those articles again (texts and
    sentences) for the alignment step. Without ``fetch``, ``docs`` is kept in memory.
    With ``processes`` > 1, fingerprints and alignments run in that many worker
    processes; with a ``runner`` (anything with :meth:`Runner.map`, such as the Ray
    engine's tasks), on it. The result is the same."""
    s = settings or ReuseSettings()
    if fetch is None:
        docs = list(docs)
        by_id = {d.id: d for d in docs}
        fetch = lambda ids: [by_id[i] for i in ids]  # noqa: E731
    if runner is not None:
        return _find(docs, s, fetch, runner)
    with Runner(processes) as local:
        return _find(docs, s, fetch, local)


def _find(docs: Iterable[ReuseDoc], s: ReuseSettings, fetch: Callable[[Sequence[str]], Iterable[ReuseDoc]],
          runner: Runner) -> ReuseResult:
    clock = time.perf_counter()
    fp = _Fingerprints(docs, s, runner)
    stats: dict[str, float | int] = {"articles": len(fp.ids), "words": int(fp.words.sum()),
                                     "fingerprints": len(fp.packed), "fingerprint_seconds": round(time.perf_counter() - clock, 3)}
    # Tier 2 first: near-duplicate articles (whole copies) and their groups.
    parts = max(1, -(-len(fp.packed) // s.index_rows))
    index_runner = runner if parts > 1 else Runner()  # an index in one piece: no units to send out
    heads = _lsh(fp, s, index_runner)
    lsh = unique_pairs(fp.order[heads]) if len(heads) else heads
    links: list[ReuseLink] = []
    groups = _Union()
    aligner = _Aligner(fp, fetch, s, runner)
    done: set[tuple[int, int]] = set()
    for x, y, found, _whole, jac in aligner.run(lsh, {}, duplicates_only=True):
        done.add((x, y))
        groups.union(x, y, fp.rank)
        tier = f"near-duplicate article (MinHash LSH; shingle Jaccard {jac:.2f})"
        links.extend(_link(fp, x, y, p, tier, True, s.shingle, aligner.quotes) for p in found)
    duplicates = {g: groups.find(g) for g in list(groups.parent) if groups.find(g) != g}
    stats["lsh_pairs"] = len(lsh)
    # Tier 1: boilerplate (one outlet's repeated sentences) and exact shared sentences.
    alive = np.ones(len(fp.ids), dtype=bool)
    alive[list(duplicates)] = False
    boilerplate, masks = _boilerplate(fp, alive)
    in_sentence = alive[fp.sent_doc] & (fp.sent_words >= s.min_words)
    if masks:
        masked = np.array([g << 32 | i for g, idx in masks.items() for i in idx], dtype=np.int64)
        in_sentence &= ~np.isin(fp.sent_doc << np.int64(32) | fp.sent_idx, masked)
    stars = star_pairs(fp.sent_hash[in_sentence], fp.rank[fp.sent_doc[in_sentence]])
    stars = unique_pairs(fp.order[stars]) if len(stars) else stars
    # Tier 3: the shingle index.
    shared = _shingle_index(fp, s, alive, parts, index_runner)
    pairs = unique_pairs(np.concatenate([stars, shared]))
    if done:
        pairs = pairs[[(x, y) not in done for x, y in pairs.tolist()]]
    stats.update(sentence_pairs=len(stars), shingle_pairs=len(shared), index_parts=parts,
                 aligned_pairs=len(pairs) + len(lsh))
    for x, y, found, whole, _jac in aligner.run(pairs, masks, duplicates_only=False):
        if whole:
            groups.union(x, y, fp.rank)
        tier = "whole-article copy (shingle index)" if whole else "shared passage"
        links.extend(_link(fp, x, y, p, tier, whole, s.shingle, aligner.quotes) for p in found)
    duplicates = {g: groups.find(g) for g in list(groups.parent) if groups.find(g) != g}
    before = len(links)
    links = _drop_relayed(links, {fp.ids[g]: int(fp.rank[g]) for g in range(len(fp.ids))})
    stats["relayed_links_dropped"] = before - len(links)
    links = _mark_boilerplate(links, boilerplate)
    links.sort(key=lambda r: (r.a.article, r.a.start, r.b.article, r.b.start, r.a.end, r.b.end))
    stats.update(links=len(links), boilerplate_spans=len(boilerplate), texts_fetched=aligner.fetched,
                 syndicated_articles=len(duplicates), seconds=round(time.perf_counter() - clock, 3))
    logger.info("reuse: %s", stats)
    return ReuseResult(links, boilerplate, {fp.ids[g]: fp.ids[r] for g, r in sorted(duplicates.items())}, stats)


def _lsh(fp: _Fingerprints, s: ReuseSettings, runner: Runner) -> np.ndarray:
    """Near-duplicate candidates: (bucket head, member) pairs of numbers in the order
    ``fp.order`` (earliest first), one LSH band per unit of ``runner``; articles shorter
    than a shingle take no part."""
    return lsh_pairs(fp.signatures[fp.order], s.minhash_band, fp.words[fp.order] >= s.shingle, runner.map)


def _shingle_index(fp: _Fingerprints, s: ReuseSettings, alive: np.ndarray, parts: int, runner: Runner) -> np.ndarray:
    """Pairs of articles sharing ``s.min_shared`` rare shingles, as a shuffle: the index
    cut in ``parts`` by shingle hash (each part at most about ``s.index_rows`` shingles),
    each part's pairs counted by a unit of ``runner``, the counts added up here a range of
    pairs at a time."""
    cut = index_parts(fp.packed, parts) if parts > 1 else None
    pieces = ((fp.packed if cut is None else fp.packed[cut == p], alive, s.max_df) for p in range(parts))
    return merge_pair_counts(list(runner.map(index_part, pieces)), s.min_shared, s.index_rows)


def _boilerplate(fp: _Fingerprints, alive: np.ndarray) -> tuple[list[Boilerplate], dict[int, list[int]]]:
    """Sentences repeated in two or more articles of one outlet (adjacent ones joined
    into one span), and for each article the sentences to mask: where ``boilerplate_mask``
    or more articles repeat one, all copies but the earliest article's, so a bio in every
    article makes no web of links (two articles sharing one make one link, flagged)."""
    names = sorted({o for o in fp.outlets if o is not None})
    code = {o: i for i, o in enumerate(names)}
    outlet_of = np.array([code.get(o, -1) for o in fp.outlets] or [0], dtype=np.int64)
    rows = np.flatnonzero((outlet_of[fp.sent_doc] >= 0) & alive[fp.sent_doc]) if len(fp.sent_doc) else np.zeros(0, np.int64)
    order = rows[np.lexsort((fp.rank[fp.sent_doc[rows]], fp.sent_hash[rows], outlet_of[fp.sent_doc[rows]]))]
    key_o, key_h, docs = outlet_of[fp.sent_doc[order]], fp.sent_hash[order], fp.sent_doc[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (key_o[1:] != key_o[:-1]) | (key_h[1:] != key_h[:-1])
    group = np.cumsum(new) - 1
    new_doc = new.copy()
    new_doc[1:] |= docs[1:] != docs[:-1]
    distinct = np.bincount(group, weights=new_doc, minlength=group[-1] + 1 if len(group) else 0).astype(np.int64)
    per_doc: dict[int, list[tuple[int, int, int, int]]] = {}  # g -> (sentence, row, articles, origin)
    masks: dict[int, list[int]] = {}
    firsts = np.flatnonzero(new)
    for k in np.flatnonzero(distinct >= 2).tolist():
        lo = int(firsts[k])
        hi = int(firsts[k + 1]) if k + 1 < len(firsts) else len(order)
        origin = int(docs[lo])  # rows are sorted earliest article first
        for pos in range(lo, hi):
            r = int(order[pos])
            g, i = int(fp.sent_doc[r]), int(fp.sent_idx[r])
            per_doc.setdefault(g, []).append((i, r, int(distinct[k]), origin))
            if g != origin and distinct[k] >= fp.s.boilerplate_mask:
                masks.setdefault(g, []).append(i)
    out: list[Boilerplate] = []
    for g, items in sorted(per_doc.items()):
        items.sort()
        run: list[tuple[int, int, int, int]] = []
        for item in items + [(-10, -1, 0, -1)]:
            if run and (item[0] != run[-1][0] + 1 or item[3] != run[-1][3]):
                start, end = int(fp.sent_span[run[0][1], 0]), int(fp.sent_span[run[-1][1], 1])
                out.append(Boilerplate(fp.ids[g], start, end, fp.outlets[g] or "", max(x[2] for x in run), fp.ids[run[0][3]]))
                run = []
            run.append(item)
    return out, masks


def _covered(span: Span, others: Iterable[Span], share: float = 0.8) -> bool:
    size = max(span.end - span.start, 1)
    return any(o.article == span.article and min(o.end, span.end) - max(o.start, span.start) >= share * size
               for o in others)


def _drop_relayed(links: list[ReuseLink], rank: dict[str, int]) -> list[ReuseLink]:
    """Copies of one passage are credited to its earliest article: a link between two
    later copies x and y is dropped when an earlier article z has links to both that
    cover the passage on each side ("what was copied from whom", as passim clusters
    reprints)."""
    into: dict[str, list[ReuseLink]] = {}
    for link in links:
        into.setdefault(link.b.article, []).append(link)
    out = []
    for link in links:
        x, y = link.a.article, link.b.article
        sources_x = {m.a.article for m in into.get(x, ()) if _covered(link.a, [m.b])}
        relayed = any(
            rank[m.a.article] < rank[x] and m.a.article in sources_x and _covered(link.b, [m.b])
            for m in into.get(y, ())
        )
        if not relayed:
            out.append(link)
    return out


def _mark_boilerplate(links: list[ReuseLink], boilerplate: list[Boilerplate]) -> list[ReuseLink]:
    """A link whose passage is mostly an outlet's boilerplate (in either article) says so."""
    spans: dict[str, list[Boilerplate]] = {}
    for b in boilerplate:
        spans.setdefault(b.article, []).append(b)
    out = []
    for link in links:
        flag = None
        for side in (link.a, link.b):
            for b in spans.get(side.article, ()):
                overlap = min(side.end, b.end) - max(side.start, b.start)
                if overlap > 0.5 * (side.end - side.start):
                    flag = b.outlet
        out.append(link if flag is None else dataclasses.replace(link, boilerplate=flag))
    return out


def compare(a: ReuseDoc, b: ReuseDoc, settings: ReuseSettings | None = None) -> list[ReuseLink]:
    """The passages two articles share, each link's ``a`` the earlier of the two (by
    date, then id; not necessarily the first argument). Text both repeat as one outlet
    is linked and flagged ``boilerplate``."""
    return find_reuse([a, b], settings).links
