"""Events: articles grouped by the happening they report; storylines: events linked over time.

Two articles report one event when their words are alike (TF-IDF cosine over the whole
text, the title and lead counted twice, blended with the cosine of sentence embeddings of
the title and lead, less each article's *baseline*: how alike it looks to its nearest
articles of other days, so long articles and short openings share one scale) and the days
they report lie within ``window_days`` of each other. The
clusters are average-link agglomerations cut at ``threshold``: a group joins another only
while its members are alike *on average*, so one shared background paragraph or one
broad article cannot chain unrelated events together. Text two articles share by reuse
(a copied background paragraph, a repeated quote) is taken out of both before they are
compared, so the copy is no evidence that they report one happening; a syndicated copy is.

The similarity graph is built from blocks of articles ordered by day, each compared only
with the articles within the window, so the work grows with the articles times the
articles of a window (near-linear for a news stream); an exact average-link clustering
then runs inside each connected component of the graph (an average of at least
``threshold`` needs one pair at least that alike, so no merge is missed). A component of
more than ``DENSE_MAX`` rows, whose square of distances would not fit in memory (chained
storylines of a large corpus), is clustered over its edges instead: graph average link,
where a pair that is no edge counts 0 alike (see :func:`_graph_average_link`).

Storylines join events whose centroids are alike at ``story_threshold`` (average link
again), oldest first: yearly commemorations of one killing, a hearing after a collapse.
"""

from __future__ import annotations

import datetime as dt
import heapq
import logging
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components

from .tokens import tokenize

__all__ = ["EventDoc", "EventSettings", "Clustering", "cluster_events", "link_stories", "vectorize", "cosines"]

logger = logging.getLogger(__name__)
_FEATURES = 1 << 20
_BLOCK = 512
_TOKENIZE_CHARS = 2_000_000  # characters tokenized at once (about 40 MB of token arrays)
#: A connected component of more rows than this is clustered over its graph's edges
#: (:func:`_graph_average_link`), not over the square of its distances, which takes 8 n²
#: bytes (200 MB here); a storyline graph of 100k articles held one of 28,668 events.
DENSE_MAX = 5_000

# Words too common in news to tell events apart (scikit-learn's English list, abridged).
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
off on once only or other our ours ourselves out over own said same says she should so some such than that the
their theirs them themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves s t mr mrs ms one
two new told say would also like year years week last first according percent
""".split())


@dataclass(frozen=True)
class EventDoc:
    """One article as the clustering sees it; ``day`` is the day it reports (or None),
    ``masks`` the spans of its text shared by reuse with each other article."""

    id: str
    text: str
    title: str | None = None
    day: dt.date | None = None
    lead: str = ""
    masks: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict, hash=False, compare=False)
    exclude: tuple[tuple[int, int], ...] = ()  # spans never compared (the outlet's boilerplate)


@dataclass(frozen=True)
class EventSettings:
    # Chosen on the AllSides stories before 2021-07-01 (benchmarks/events_bench.py --split dev).
    threshold: float = 0.075  # average-link similarity (over each side's baseline) at which groups are one event
    window_days: int = 7  # reported days further apart are never one event
    undated_threshold: float = 0.175  # an article without a day joins only this alike
    story_threshold: float = 0.075  # the same, between event centroids, for one storyline
    story_window_days: int = 1100  # events further apart are linked only through events between them
    background: int = 10  # k of the per-article baseline subtracted from similarities (0: none)
    baseline_prior: float = 0.33  # the baseline where a corpus has too few other days (median on the dev split)
    embedding_weight: float = 0.6  # share of the lead embeddings' cosine in the similarity (the rest: TF-IDF)


@dataclass(frozen=True)
class Clustering:
    labels: np.ndarray  # event index per document
    similarity: dict[tuple[int, int], float]  # the graph's edges (i < j)
    vectors: sparse.csr_matrix
    embeddings: np.ndarray | None = None  # L2-normalised lead embeddings, where used
    baseline: np.ndarray | None = None  # each document's baseline similarity, where used


def _stop_hashes() -> np.ndarray:
    batch = tokenize([" ".join(sorted(STOP_WORDS))])
    return np.unique(batch.hashes)


_STOP: np.ndarray | None = None


def _batches(texts: Sequence[str], weights: Sequence[str]) -> list[tuple[int, int]]:
    """``(lo, hi)`` runs of ``texts`` of at most ``_TOKENIZE_CHARS`` characters (at least one text each)."""
    out, lo, size = [], 0, 0
    for i, text in enumerate(texts):
        length = len(text) + (len(weights[i]) + 1 if weights else 0)
        if i > lo and size + length > _TOKENIZE_CHARS:
            out.append((lo, i))
            lo, size = i, 0
        size += length
    if lo < len(texts):
        out.append((lo, len(texts)))
    return out


def vectorize(texts: Sequence[str], weights: Sequence[str] = (), idf: np.ndarray | None = None
              ) -> tuple[sparse.csr_matrix, np.ndarray]:
    """L2-normalised TF-IDF rows (sublinear tf, hashed words, stop words dropped) for
    ``texts`` (each plus its ``weights`` text counted again); returns (rows, idf)."""
    global _STOP
    if _STOP is None:
        _STOP = _stop_hashes()
    n = len(texts)
    rows_parts, cols_parts, count_parts = [], [], []
    for lo, hi in _batches(texts, weights):  # a batch at a time: tokenize holds 20 bytes per character
        chunk = [t + "\n" + w for t, w in zip(texts[lo:hi], weights[lo:hi])] if weights else list(texts[lo:hi])
        batch = tokenize(chunk)
        keep = ~np.isin(batch.hashes, _STOP) & ((batch.ends - batch.starts) > 1)
        docs = batch.doc_of_token[keep] + lo
        feats = (batch.hashes[keep] % np.uint64(_FEATURES)).astype(np.int64)
        keys, counts = np.unique(docs * _FEATURES + feats, return_counts=True)
        rows_parts.append(keys // _FEATURES)
        cols_parts.append(keys % _FEATURES)
        count_parts.append(counts)
    empty = np.zeros(0, dtype=np.int64)
    rows = np.concatenate(rows_parts) if rows_parts else empty
    cols = np.concatenate(cols_parts) if cols_parts else empty
    counts = np.concatenate(count_parts) if count_parts else empty
    tf = 1.0 + np.log(counts.astype(np.float64))
    if idf is None:
        # log over the columns used alone (an event's sentences use a few thousand of the
        # 2**20): every unused column has df 0, whose idf is the same for all of them
        used, df = np.unique(cols, return_counts=True)
        idf = np.full(_FEATURES, np.log((1.0 + n) / 1.0) + 1.0)
        idf[used] = np.log((1.0 + n) / (1.0 + df)) + 1.0
    data = tf * idf[cols]
    matrix = sparse.csr_matrix((data.astype(np.float32), (rows, cols)), shape=(n, _FEATURES))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix), idf


def _without(lead: str, text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``lead`` less the words of ``spans`` of ``text`` that stand in it."""
    for start, end in spans:
        lead = lead.replace(text[start:end], " ")
    return lead


def _masked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    parts, at = [], 0
    for start, end in sorted(spans):
        parts.append(text[at:start])
        at = max(at, end)
    parts.append(text[at:])
    return " ".join(parts)


def _dense_pays(rows: int, used: int) -> bool:
    return rows * used <= 4_000_000


def cosines(a: sparse.csr_matrix, b: sparse.csr_matrix, dense: bool | None = None) -> np.ndarray:
    """``a @ b.T`` as a dense array. Small operands are multiplied densely over the columns
    they use (a sparse product would transpose over all 2**20 hashed columns every call);
    ``dense`` forces the choice (blocks of a square computed as the whole square would be)."""
    used = np.unique(np.concatenate([a.indices, b.indices]))
    if dense is None:
        dense = _dense_pays(a.shape[0] + b.shape[0], len(used))
    if dense:
        def expand(m: sparse.csr_matrix) -> np.ndarray:
            out = np.zeros((m.shape[0], len(used)))
            rows = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
            out[rows, np.searchsorted(used, m.indices)] = m.data
            return out

        return expand(a) @ expand(b).T
    return (a @ b.T).toarray().astype(np.float64)


class _Similarity:
    """Pairwise similarity of rows: TF-IDF cosine blended with the embeddings' cosine,
    less each side's ``baseline`` (how alike it looks to articles of other days)."""

    def __init__(self, x: sparse.csr_matrix, emb: np.ndarray | None, w: float, baseline: np.ndarray | None = None):
        self.x, self.emb, self.w = x, emb, (w if emb is not None else 0.0)
        self.baseline = baseline

    def __call__(self, rows: np.ndarray, cols: np.ndarray, dense: bool | None = None) -> np.ndarray:
        sim = cosines(self.x[rows], self.x[cols], dense)
        if self.w > 0:
            sim *= 1 - self.w
            sim += self.w * (self.emb[rows] @ self.emb[cols].T)  # type: ignore[index]
        if self.baseline is not None:
            left, right = self.baseline[rows], self.baseline[cols]
            for lo in range(0, len(rows), _BLOCK):
                sim[lo:lo + _BLOCK] -= (left[lo:lo + _BLOCK, None] + right[None, :]) / 2
        return sim


def _baseline(similarity: _Similarity, days: np.ndarray, window: int, k: int, prior: float,
              sample: int = 512) -> np.ndarray:
    """Per row, the mean of its ``k`` highest similarities to a fixed sample of rows whose
    days lie outside its window (other happenings), whatever the text's length or genre.
    Where fewer than ``k`` such rows exist (a small corpus) the missing ones count as
    ``prior``, the typical baseline of a large news stream."""
    n = len(days)
    step = max(1, n // sample)
    probe = np.arange(0, n, step)[:sample]
    out = np.full(n, prior)
    for lo in range(0, n, _BLOCK):
        rows = np.arange(lo, min(lo + _BLOCK, n))
        sim = similarity(rows, probe)
        near = (np.abs(days[rows][:, None] - days[probe][None, :]) <= window) | (days[rows][:, None] < 0) | (days[probe][None, :] < 0)
        sim[near] = np.nan
        top = -np.sort(-np.nan_to_num(sim, nan=-np.inf), axis=1)[:, :k]
        have = np.isfinite(top)
        total = np.where(have, top, 0.0).sum(axis=1) + (k - have.sum(axis=1)) * prior
        out[rows] = total / k
    return out


def _graph(similarity: _Similarity, days: np.ndarray, window: int, floor: float, undated_floor: float) -> dict[tuple[int, int], float]:
    """Pairs (i < j) at least ``floor`` alike whose days are at most ``window`` apart, and
    pairs with an undated side at least ``undated_floor`` alike, with their similarity.
    Dated rows go in blocks ordered by day, each against the rows of its window."""
    dated = np.flatnonzero(days >= 0)
    dated = dated[np.argsort(days[dated], kind="stable")]
    sorted_days = days[dated]
    undated = np.flatnonzero(days < 0)
    out: dict[tuple[int, int], float] = {}

    def keep(rows: np.ndarray, cols: np.ndarray, sim: np.ndarray, at_least: float) -> None:
        for r, c in zip(*np.nonzero(sim >= at_least)):
            i, j = int(rows[r]), int(cols[c])
            if i != j:
                out[(min(i, j), max(i, j))] = float(sim[r, c])

    for lo in range(0, len(dated), _BLOCK):
        block = dated[lo:lo + _BLOCK]
        right = np.searchsorted(sorted_days, sorted_days[min(lo + _BLOCK, len(dated)) - 1] + window, side="right")
        cols = dated[lo:right]  # pairs with earlier blocks were kept there
        sim = similarity(block, cols)
        sim[np.abs(days[block][:, None] - days[cols][None, :]) > window] = 0.0
        keep(block, cols, sim, floor)
    everyone = np.arange(len(days))
    for lo in range(0, len(undated), _BLOCK):
        block = undated[lo:lo + _BLOCK]
        keep(block, everyone, similarity(block, everyone), undated_floor)
    return out


def _average_link(members: np.ndarray, similarity: _Similarity, days: np.ndarray, window: int, threshold: float,
                  overrides: dict[tuple[int, int], float], opposites: bool = True) -> np.ndarray:
    """Average-link labels (0..k-1) for the rows ``members`` (one connected component);
    with ``opposites``, rows whose days lie further apart than ``window`` count as -1 alike."""
    if len(members) == 1:
        return np.zeros(1, dtype=np.int64)
    n = len(members)
    position = {int(m): k for k, m in enumerate(members)}
    fixed: dict[int, list[tuple[int, float]]] = {}
    for (a, b), value in overrides.items():
        if a in position and b in position:
            i, j = sorted((position[a], position[b]))
            fixed.setdefault(i, []).append((j, value))
    d = days[members]
    known = d >= 0
    # The distances go straight into the condensed upper triangle, a block of rows at a
    # time: a component of n articles holds 4 n² bytes here and scipy's copy of them, never
    # the 8 n² of the whole square besides. Each block is the rows against every member,
    # as the whole square was, so each value is computed as before.
    dense = _dense_pays(2 * n, len(np.unique(similarity.x[members].indices)))
    condensed = np.empty(n * (n - 1) // 2)
    at = 0
    for lo in range(0, n - 1, _BLOCK):
        hi = min(lo + _BLOCK, n)
        sim = similarity(members[lo:hi], members, dense)
        for i, values in ((i, fixed[i]) for i in range(lo, hi) if i in fixed):
            for j, value in values:
                sim[i - lo, j] = value
        if opposites:
            sim[known[lo:hi, None] & known[None, :] & (np.abs(d[lo:hi, None] - d[None, :]) > window)] = -1.0
        np.subtract(1.0, sim, out=sim)
        np.clip(sim, 0.0, 2.0, out=sim)
        for i in range(lo, min(hi, n - 1)):
            condensed[at:at + n - 1 - i] = sim[i - lo, i + 1:]
            at += n - 1 - i
        del sim
    tree = linkage(condensed, method="average")
    return fcluster(tree, t=1.0 - threshold, criterion="distance") - 1


def _graph_average_link(members: np.ndarray, edges: dict[tuple[int, int], float], threshold: float,
                        days: np.ndarray | None = None, window: int = 0) -> np.ndarray:
    """Average-link labels (0..k-1) for the rows ``members`` over the sparse graph ``edges``
    (pairs of rows with their similarity): the linkage of two groups is the sum of the
    similarities of their pairs in ``edges`` over the number of their pairs, so a pair not
    in ``edges`` counts 0 (graph average linkage; Dhulipala et al. 2021, "Hierarchical
    Agglomerative Graph Clustering in Nearly-Linear Time"). Given every pair it is the
    square's average link; given only the pairs at least ``threshold`` alike it counts the
    others 0, about what a pair of unrelated rows is alike once the baselines are
    subtracted. Memory grows with the edges, not with the square of the rows.

    With ``days``, two groups whose known days together span more than ``window`` are
    never merged (the square counts such pairs -1 alike)."""
    n = len(members)
    position = {int(m): k for k, m in enumerate(members)}
    links: list[dict[int, float]] = [{} for _ in range(n)]  # j -> the sum of the pairs' similarities
    for (a, b), value in edges.items():
        i, j = position[a], position[b]
        links[i][j] = links[j][i] = min(1.0, max(-1.0, value))
    size = [1] * n
    first: list[int | None] = [None] * n
    if days is not None:
        first = [int(d) if d >= 0 else None for d in days[members].tolist()]
    last = list(first)
    # Entries (-linkage, i, j), i < j. A merge only lowers the linkage of the merged group
    # with a neighbour whose sum it leaves alone, so such an entry stays as an upper bound
    # and is put back at its current value when it comes up; only the neighbours of the
    # smaller group, whose sums change, get a fresh entry.
    heap = [(-w, i, j) for i in range(n) for j, w in links[i].items() if i < j and w >= threshold]
    heapq.heapify(heap)
    parent = list(range(n))
    while heap:
        negative, i, j = heapq.heappop(heap)
        if size[i] == 0 or size[j] == 0 or j not in links[i]:
            continue  # a group merged since
        value = links[i][j] / (size[i] * size[j])
        if value != -negative:
            if value >= threshold and value < -negative:
                heapq.heappush(heap, (-value, i, j))
            continue
        if value < threshold:
            break
        fi, fj = first[i], first[j]
        if fi is not None and fj is not None and max(last[i], last[j]) - min(fi, fj) > window:  # type: ignore[type-var]
            continue
        big, small = (i, j) if (size[i], -i) >= (size[j], -j) else (j, i)
        del links[big][small]
        size[big] += size[small]
        size[small] = 0
        parent[small] = big
        for k, w in links[small].items():
            if k == big:
                continue
            total = links[big][k] = links[k][big] = links[big].get(k, 0.0) + w
            del links[k][small]
            value = total / (size[big] * size[k])
            if value >= threshold:
                heapq.heappush(heap, (-value, min(big, k), max(big, k)))
        links[small] = {}
        if first[small] is not None:
            first[big] = first[small] if first[big] is None else min(first[big], first[small])  # type: ignore[type-var]
            last[big] = last[small] if last[big] is None else max(last[big], last[small])  # type: ignore[type-var]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    _, labels = np.unique([root(i) for i in range(n)], return_inverse=True)
    return labels.astype(np.int64)


def _labels(n: int, edges: dict[tuple[int, int], float], cluster: Callable[[np.ndarray], np.ndarray],
            large: Callable[[np.ndarray, dict[tuple[int, int], float]], np.ndarray] | None = None) -> np.ndarray:
    """Labels over the connected components of ``edges``, each split by ``cluster``, or by
    ``large`` (given the component's edges) where it has more than ``DENSE_MAX`` rows;
    numbered by each group's first row."""
    if edges:
        pairs = np.array(sorted(edges), dtype=np.int64)
        graph = sparse.coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
        _, component = connected_components(graph, directed=False)
    else:
        component = np.arange(n)
    order = np.argsort(component, kind="stable")
    bounds = np.flatnonzero(np.diff(component[order])) + 1
    sizes = np.bincount(component)
    big = set(np.flatnonzero(sizes > DENSE_MAX).tolist()) if large is not None else set()
    within: dict[int, dict[tuple[int, int], float]] = {c: {} for c in big}
    if big:
        for pair, value in edges.items():
            c = int(component[pair[0]])
            if c in within:
                within[c][pair] = value
    first_of = np.zeros(n, dtype=np.int64)
    for members in np.split(order, bounds):
        c = int(component[members[0]])
        if c in within:
            logger.info("a component of %d rows: graph average link over its %d edges", len(members), len(within[c]))
            local = large(members, within.pop(c))  # type: ignore[misc]
        else:
            local = cluster(members)
        firsts: dict[int, int] = {}
        for row, lab in zip(members, local):
            firsts.setdefault(int(lab), int(row))
        first_of[members] = [firsts[int(lab)] for lab in local]
    _, labels = np.unique(first_of, return_inverse=True)
    return labels.astype(np.int64)


def cluster_events(docs: Sequence[EventDoc], settings: EventSettings | None = None, *,
                   embed: Callable[[list[str]], np.ndarray] | None = None, embeddings: np.ndarray | None = None,
                   forced: Sequence[tuple[str, str]] = ()) -> Clustering:
    """Event labels for ``docs`` (one per document, events numbered by their first
    document in input order). The lead embeddings are ``embeddings`` (one row per
    document) or computed with ``embed`` from each title and lead. ``forced`` pairs of
    ids (syndicated copies) are one event wherever the window allows."""
    settings = settings or EventSettings()
    n = len(docs)
    if n == 0:
        return Clustering(np.zeros(0, dtype=np.int64), {}, sparse.csr_matrix((0, _FEATURES), dtype=np.float32))
    index = {d.id: i for i, d in enumerate(docs)}
    leads = [" ".join(filter(None, (d.title, d.lead))) for d in docs]
    x, idf = vectorize([_masked(d.text, d.exclude) if d.exclude else d.text for d in docs], leads)
    emb = None
    if settings.embedding_weight > 0 and (embeddings is not None or embed is not None):
        emb = np.asarray(embeddings if embeddings is not None else embed(leads), dtype=np.float32)  # type: ignore[misc]
        emb = emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-9)
    # pairs that share reused text are compared without it
    masked_pairs = [(index[d.id], index[o], spans) for d in docs for o, spans in sorted(d.masks.items()) if o in index]
    overrides: dict[tuple[int, int], float] = {}
    if masked_pairs:
        texts = [_masked(docs[i].text, tuple(spans) + docs[i].exclude) for i, _, spans in masked_pairs]
        mx, _ = vectorize(texts, [_without(leads[i], docs[i].text, spans) for i, _, spans in masked_pairs], idf=idf)
        cut = {(i, o): k for k, (i, o, _) in enumerate(masked_pairs)}
        for (i, o), k in cut.items():
            back = cut.get((o, i))
            if back is not None and i < o:
                value = float(cosines(mx[k], mx[back])[0, 0])
                if emb is not None and settings.embedding_weight > 0:
                    value = (1 - settings.embedding_weight) * value + settings.embedding_weight * float(emb[i] @ emb[o])
                overrides[(i, o)] = value
    for a, b in forced:
        if a in index and b in index and a != b:
            overrides[(min(index[a], index[b]), max(index[a], index[b]))] = 1.0
    days = np.array([d.day.toordinal() if d.day else -1 for d in docs], dtype=np.int64)
    w = settings.embedding_weight if emb is not None else 0.0
    similarity = _Similarity(x, emb, w)
    if settings.background:
        similarity.baseline = _baseline(similarity, days, settings.window_days, settings.background,
                                        settings.baseline_prior)
        for pair in list(overrides):
            if overrides[pair] < 1.0:
                overrides[pair] -= (similarity.baseline[pair[0]] + similarity.baseline[pair[1]]) / 2
    edges = _graph(similarity, days, settings.window_days, settings.threshold, settings.undated_threshold)
    for pair, value in overrides.items():
        if pair in edges or value >= settings.threshold:
            edges[pair] = value
    edges = {p: v for p, v in edges.items() if v >= min(settings.threshold, settings.undated_threshold)}
    labels = _labels(n, edges, lambda m: _average_link(m, similarity, days, settings.window_days, settings.threshold,
                                                        overrides),
                     lambda m, e: _graph_average_link(m, e, settings.threshold, days, settings.window_days))
    return Clustering(labels, edges, x, emb, similarity.baseline)


def link_stories(centroids: sparse.csr_matrix, days: Sequence[dt.date | None], settings: EventSettings | None = None,
                 *, embeddings: np.ndarray | None = None, baseline: np.ndarray | None = None) -> np.ndarray:
    """Storyline labels for events: average link over the events' centroids (TF-IDF rows
    and lead ``embeddings``, each L2-normalised, blended as for articles, less each
    event's mean ``baseline``) at ``story_threshold``, among events at most
    ``story_window_days`` apart (a yearly commemoration reaches a few years back);
    events further apart join through the events between them.
    Events of one day are never one storyline (that is two events side by side)."""
    settings = settings or EventSettings()
    k = centroids.shape[0]
    ordinals = np.array([d.toordinal() if d else -1 for d in days], dtype=np.int64)
    similarity = _Similarity(centroids, embeddings, settings.embedding_weight, baseline)
    edges = _graph(similarity, ordinals, settings.story_window_days, settings.story_threshold, settings.story_threshold)
    edges = {p: v for p, v in edges.items() if ordinals[p[0]] != ordinals[p[1]] or ordinals[p[0]] < 0}

    def same_day(members: np.ndarray) -> dict[tuple[int, int], float]:
        """Every pair of ``members`` dated the same day, -1 alike."""
        by_day: dict[int, list[int]] = {}
        for m in sorted(int(x) for x in members):
            if ordinals[m] >= 0:
                by_day.setdefault(int(ordinals[m]), []).append(m)
        return {(a, b): -1.0 for day in by_day.values() for i, a in enumerate(day) for b in day[i + 1:]}

    def split(members: np.ndarray) -> np.ndarray:
        return _average_link(members, similarity, ordinals, settings.story_window_days, settings.story_threshold,
                             same_day(members), opposites=False)

    def split_large(members: np.ndarray, within: dict[tuple[int, int], float]) -> np.ndarray:
        return _graph_average_link(members, {**within, **same_day(members)}, settings.story_threshold)

    return _labels(k, edges, split, split_large)
