"""The statements pass: which quotes, across outlets, report the same utterance.

Outlets quote one utterance verbatim, as fragments of a longer quote, or in different
English wordings (translations, paraphrases). This pass groups such quotes into
:class:`StatementGroup` records. It is pure and deterministic: the same quotes (in any
order) and the same embedder give the same groups, ids and evidence.

Rules:

1. **Who may group.** Only quotes of the same, known speaker. A quote whose ``speaker``
   is ``None`` is never grouped: it becomes its own single-member statement, so every
   quote belongs to exactly one statement and the report can say "speaker unknown".
   Quotes whose events are both known and differ never group, directly or through a
   third quote.
2. **Links between two quotes** (:func:`compare`), strongest first:

   * ``verbatim``: the same words once case, punctuation and quote marks are folded;
   * ``fragment``: :func:`~newsprism.corpus.diff.aligned_fraction` >= ``fragment_min``
     (0.8): the shorter quote's content words (two at least: a one-word quote such as
     "unforgettable" is too weak a sign) lie, in order, inside the longer one;
   * ``translation`` / ``paraphrase`` (only with an embedder, only between quotes of
     *different* articles, ``paraphrase`` when either is indirect speech): the best cosine
     between a sentence of one quote and a sentence of the other (whole quotes count as
     one more "sentence") reaches ``threshold`` (0.46) **and** the two quotes are a mutual
     best match between their articles (some sentence of each finds the other quote as
     the most similar quote of that speaker in the other article), or the cosine reaches
     ``strong_threshold`` (0.80) on its own. When either event is unknown and the two
     articles were published more than ``max_days_apart`` (7) days apart, only the strong
     threshold counts.

   Sentences are split on ``. ! ? ;`` and quote marks; pieces under four words join
   their neighbour. Quotes with fewer than three content words take part only in the
   lexical links. One article is taken to use one wording per utterance, which is why
   two differently-worded quotes of one article are never linked by embeddings; so only
   speakers quoted in more than one article are embedded, and a link within one article
   carries no cosine in its evidence.
3. **Groups** grow by union-find over the links, strongest first, with a guard against
   chaining: two groups merge only if every quote of the group that does *not* hold the
   merged representative links directly to that representative, or to more than half
   of the quotes of the group that does.
4. **Representative wording** (``StatementGroup.text``): the member that best covers the
   others, i.e. the first by (kind: direct, embedded, partial, indirect; most words;
   smallest id) - in practice the longest direct quote.

Calibration (all-MiniLM-L6-v2; same-speaker, same-event pairs of different articles in
the five seed articles and the example corpus): true translation pairs score 0.52-0.92,
all mutual best matches; other mutual pairs score at most 0.39, except two hard
negatives (0.58 and 0.73) that share the speaker's stock phrases. Non-mutual false pairs
reach 0.62. Hence 0.46 with mutuality, 0.80 without. Cosine alone cannot separate the
sets (a true pair at 0.52 sits below false pairs at 0.62-0.73); mutuality removes every
false pair except the two hard negatives, which stay known errors.

Candidate pairs come per speaker block: verbatim by hashing, fragments through an index
of content-word bigrams, embeddings by chunked matrix products over sentence vectors,
keeping all pairs when the block has at most ``all_pairs_max`` quotes and the ``top_k``
nearest quotes of each sentence otherwise.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ..ids import content_id
from .diff import STOPWORDS, aligned_fraction, word_diff, words

__all__ = [
    "QuoteRecord",
    "StatementGroup",
    "Link",
    "group_statements",
    "compare",
    "split_segments",
    "embedding_texts",
    "DEFAULT_THRESHOLD",
    "STRONG_THRESHOLD",
    "FRAGMENT_MIN",
]

logger = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.46
STRONG_THRESHOLD = 0.80
FRAGMENT_MIN = 0.8
MAX_DAYS_APART = 7
MIN_SEGMENT_WORDS = 4
MIN_EMBED_CONTENT_WORDS = 3
MIN_FRAGMENT_CONTENT_WORDS = 2
BIGRAM_POSTINGS_MAX = 200
_KIND_RANK = {"direct": 0, "embedded": 1, "partial": 2, "indirect": 3}
_RELATION_RANK = {"verbatim": 0, "fragment": 1, "translation": 2, "paraphrase": 2}
_SPLIT = re.compile(r"(?<=[.!?;])[\s\"“”„]+|[\"“”„]+|;\s*")
_EMBED_CHUNK = 2048
_SIM_CELLS = 8_000_000  # floats per block of the similarity matrix (32 MB)


@dataclass(frozen=True)
class QuoteRecord:
    """One quote as the statements pass sees it (flattened from the store)."""

    id: str
    article: str
    text: str
    kind: str  # direct | partial | indirect | embedded
    speaker: str | None  # canonical entity id, or None when unresolved
    event: str | None = None  # event id when known
    published: str | None = None  # ISO date of the article
    outlet: str | None = None


@dataclass(frozen=True)
class StatementGroup:
    """One utterance as reported by one or more quotes.

    ``variants`` holds one dict per member other than the representative:
    ``{"quote", "relation", "similarity", "diff"}``, ``diff`` being
    ``word_diff(text, member text)``. ``evidence`` says, per member, why it joined.
    """

    id: str
    speaker: str | None
    text: str
    quotes: tuple[str, ...]
    event: str | None
    variants: tuple[dict, ...]
    evidence: tuple[str, ...]

    @property
    def representative(self) -> str:
        """Id of the quote whose wording is ``text``."""
        taken = {v["quote"] for v in self.variants}
        return next(q for q in self.quotes if q not in taken)


@dataclass(frozen=True)
class Link:
    """Why two quotes are the same utterance: relation, its score and the raw signals."""

    relation: str
    score: float
    aligned: float
    cosine: float | None = None
    mutual: bool = False


def split_segments(text: str) -> list[str]:
    """Sentences and clauses of a quote; pieces under four words join their neighbour."""
    pieces = [p.strip(" \t\n,-–—'\"") for p in _SPLIT.split(text)]
    merged: list[str] = []
    for piece in (p for p in pieces if words(p)):
        if merged and (len(words(merged[-1])) < MIN_SEGMENT_WORDS or len(words(piece)) < MIN_SEGMENT_WORDS):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


@lru_cache(maxsize=200_000)
def _normal(text: str) -> str:
    return " ".join(words(text))


@lru_cache(maxsize=200_000)
def _content_count(text: str) -> int:
    return sum(w not in STOPWORDS for w in words(text))


def _embeddable(text: str) -> bool:
    return _content_count(text) >= MIN_EMBED_CONTENT_WORDS


def embedding_texts(text: str) -> list[str]:
    """What the statements pass embeds of a quote's ``text``: each of its segments and the
    whole quote (only the whole where it is one segment); nothing where the quote has
    too few content words to be compared by meaning."""
    if not _embeddable(text):
        return []
    parts = split_segments(text)
    whole = " ".join(text.split())
    return parts + [whole] if len(parts) != 1 else [whole]


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _far_apart(a: QuoteRecord, b: QuoteRecord, max_days: int) -> bool:
    if a.event is not None and b.event is not None:
        return False
    da, db = _date(a.published), _date(b.published)
    return da is not None and db is not None and abs((da - db).days) > max_days


def compare(a: QuoteRecord, b: QuoteRecord, cosine: float | None = None, mutual: bool = False, *,
            threshold: float = DEFAULT_THRESHOLD, strong_threshold: float = STRONG_THRESHOLD,
            fragment_min: float = FRAGMENT_MIN, max_days_apart: int = MAX_DAYS_APART,
            aligned: Callable[[str, str], float] = aligned_fraction) -> Link | None:
    """The link between two quotes of one speaker (rule 2), or None.

    ``cosine`` is their best sentence-pair cosine (None without an embedder) and
    ``mutual`` whether they are a mutual best match between their articles; ``aligned``
    is :func:`~newsprism.corpus.diff.aligned_fraction` or a cache of it.
    """
    if _normal(a.text) == _normal(b.text):
        return Link("verbatim", 1.0, 1.0, cosine, mutual)
    share = round(aligned(a.text, b.text), 4)
    shorter = min(_content_count(a.text), _content_count(b.text))
    if share >= fragment_min and shorter >= MIN_FRAGMENT_CONTENT_WORDS:
        return Link("fragment", share, share, cosine, mutual)
    if cosine is None or a.article == b.article:
        return None
    needed = strong_threshold if (not mutual or _far_apart(a, b, max_days_apart)) else threshold
    if cosine >= needed:
        relation = "paraphrase" if "indirect" in (a.kind, b.kind) else "translation"
        return Link(relation, cosine, share, cosine, mutual)
    return None


class _PairCache:
    """``function(a, b)`` of two texts, worked out once per pair of texts."""

    def __init__(self, function: Callable[[str, str], float]):
        self.function = function
        self.found: dict[tuple[str, str], float] = {}

    def __call__(self, a: str, b: str) -> float:
        value = self.found.get((a, b))
        if value is None:
            value = self.found[(a, b)] = self.function(a, b)
        return value


class _Sentences:
    """Sentence vectors (one row per sentence, plus the whole quote) of embeddable quotes."""

    def __init__(self, items: Sequence[QuoteRecord], indices: Sequence[int],
                 embed: Callable[[list[str]], np.ndarray] | None):
        self.rows: dict[int, np.ndarray] = {}
        self._texts: dict[int, str] = {}
        self._wordings: dict[str, np.ndarray] = {}  # one array per wording, shared by its copies
        self._cosine = _PairCache(lambda a, b: round(float((self._wordings[a] @ self._wordings[b].T).max()), 4))
        if embed is None:
            return
        segs: dict[str, list[str]] = {}
        for i in indices:
            text = items[i].text
            if text not in segs and _embeddable(text):
                segs[text] = embedding_texts(text)
        texts = sorted({s for ss in segs.values() for s in ss})
        table: dict[str, np.ndarray] = {}
        for start in range(0, len(texts), _EMBED_CHUNK):
            chunk = texts[start : start + _EMBED_CHUNK]
            vecs = np.asarray(embed(chunk), dtype=np.float32)
            vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
            table.update(zip(chunk, vecs))
        self._wordings = {text: np.stack([table[s] for s in ss]) for text, ss in segs.items()}
        self._texts = {i: items[i].text for i in indices if items[i].text in self._wordings}
        self.rows = {i: self._wordings[text] for i, text in self._texts.items()}

    def cosine(self, i: int, j: int) -> float | None:
        """The best sentence-pair cosine of quotes ``i`` and ``j`` (copies share theirs)."""
        if i not in self.rows or j not in self.rows:
            return None
        return self._cosine(self._texts[i], self._texts[j])


def _embedding_pairs(block: list[int], items: Sequence[QuoteRecord], sents: _Sentences, threshold: float,
                     all_pairs_max: int, top_k: int) -> dict[tuple[int, int], bool]:
    """Pairs of the block (different articles) whose best cosine reaches ``threshold``,
    each with whether it is a mutual best match between the two articles."""
    members = sorted((i for i in block if i in sents.rows), key=lambda i: (items[i].article, items[i].id))
    if len(members) < 2:
        return {}
    mat = np.concatenate([sents.rows[i] for i in members])
    counts = np.array([len(sents.rows[i]) for i in members])
    qoff = np.concatenate([[0], np.cumsum(counts)[:-1]])
    owner = np.repeat(np.arange(len(members)), counts)
    arts = [items[i].article for i in members]
    art_of = np.cumsum([0] + [int(arts[k] != arts[k - 1]) for k in range(1, len(arts))])
    aoff = np.flatnonzero(np.r_[True, art_of[1:] != art_of[:-1]])
    found: list[np.ndarray] = []  # (row's quote) * m + column quote, of each pair above the threshold
    best: list[np.ndarray] = []  # the same, where the column quote is the row's best in its article
    m = len(members)
    step = max(1, _SIM_CELLS // len(mat))
    for lo in range(0, len(mat), step):
        sims = np.maximum.reduceat(mat[lo : lo + step] @ mat.T, qoff, axis=1)
        rows_art = art_of[owner[lo : lo + step]]
        sims[rows_art[:, None] == art_of[None, :]] = -np.inf
        best_in_art = np.maximum.reduceat(sims, aoff, axis=1)[:, art_of]
        if m <= all_pairs_max:
            rr, cc = np.nonzero(sims >= threshold)
        else:
            k = min(top_k, m - 1)
            cc = np.argpartition(-sims, k - 1, axis=1)[:, :k].ravel()
            rr = np.repeat(np.arange(len(sims)), k)
            keep = sims[rr, cc] >= threshold
            rr, cc = rr[keep], cc[keep]
        codes = owner[lo + rr].astype(np.int64) * m + cc
        found.append(codes)
        best.append(codes[sims[rr, cc] >= best_in_art[rr, cc]])
    above = np.unique(np.concatenate(found))
    is_best = np.unique(np.concatenate(best))
    x, y = above // m, above % m
    mutual = np.isin(above, is_best) & np.isin(y * m + x, is_best)
    pairs = {}
    for a, b, both in zip(x.tolist(), y.tolist(), mutual.tolist()):
        a, b = members[a], members[b]
        pairs[(min(a, b), max(a, b))] = both
    return pairs


def _lexical_pairs(block: list[int], items: Sequence[QuoteRecord]) -> set[tuple[int, int]]:
    """Verbatim and fragment candidates: identical folded text, or enough shared bigrams.

    Worked out between wordings, then given to every pair of their quotes: copies of one
    quote (wire copy, syndication) cost one wording, not one comparison per pair of copies.
    A bigram in more than ``BIGRAM_POSTINGS_MAX`` quotes (copies counted) is no evidence."""
    by_text: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in block:
        by_text[tuple(words(items[i].text))].append(i)
    quotes_of = list(by_text.values())  # the quotes of each wording
    grams: list[set[tuple[str, str]]] = []
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for f, ws in enumerate(by_text):
        gs = {(x, y) for x, y in zip(ws, ws[1:]) if x not in STOPWORDS or y not in STOPWORDS}
        grams.append(gs or {(ws[0], "")})
        for g in grams[f]:
            postings[g].append(f)
    shared: Counter[tuple[int, int]] = Counter()
    for fs in postings.values():
        if sum(len(quotes_of[f]) for f in fs) <= BIGRAM_POSTINGS_MAX:
            shared.update((fs[x], fs[y]) for x in range(len(fs)) for y in range(x + 1, len(fs)))
    pairs: set[tuple[int, int]] = set()
    for same in quotes_of:
        pairs.update((a, b) for x, a in enumerate(same) for b in same[x + 1 :])
    for (f, g), n in shared.items():
        if 2 * n >= min(len(grams[f]), len(grams[g])):
            pairs.update((min(a, b), max(a, b)) for a in quotes_of[f] for b in quotes_of[g])
    return pairs


def _rep_key(q: QuoteRecord) -> tuple:
    return (_KIND_RANK.get(q.kind, 4), -len(words(q.text)), q.id)


def _key(i: int, j: int) -> tuple[int, int]:
    return (i, j) if i < j else (j, i)


class _Groups:
    """Union-find with the anti-chaining guard of rule 3 and the event rule of rule 1,
    over the quotes that ``links`` touch (any other quote is a group of its own).

    Each group keeps its members (a set), its representative (the member first by
    :func:`_rep_key`) and its event (a group holds one known event at most), so a merge
    costs the guard's questions alone."""

    def __init__(self, items: Sequence[QuoteRecord], links: dict[tuple[int, int], Link]):
        self.items, self.links = items, links
        self.parent: dict[int, int] = {}
        self.members: dict[int, set[int]] = {}
        self.rep: dict[int, int] = {}
        self.event: dict[int, str | None] = {}
        self._rank: dict[int, tuple] = {}

    def rank(self, i: int) -> tuple:
        found = self._rank.get(i)
        if found is None:
            found = self._rank[i] = _rep_key(self.items[i])
        return found

    def find(self, i: int) -> int:
        parent = self.parent
        while parent.get(i, i) != i:
            parent[i] = parent.get(parent[i], parent[i])
            i = parent[i]
        return i

    def merge(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        ea, eb = self.event.get(ra, self.items[ra].event), self.event.get(rb, self.items[rb].event)
        if ea is not None and eb is not None and ea != eb:
            return False
        ma, mb = self.members.get(ra, {ra}), self.members.get(rb, {rb})
        repa, repb = self.rep.get(ra, ra), self.rep.get(rb, rb)
        rep = min(repa, repb, key=self.rank)
        host, guests = (ma, mb) if rep == repa else (mb, ma)
        links = self.links
        for g in guests:
            if _key(g, rep) not in links and 2 * sum(_key(g, h) in links for h in host) <= len(host):
                return False
        (big, kept), (small, joined) = ((ra, ma), (rb, mb)) if len(ma) >= len(mb) else ((rb, mb), (ra, ma))
        self.parent[small] = big
        kept |= joined  # the larger set grows in place
        self.members[big] = kept
        self.members.pop(small, None)
        self.rep[big], self.event[big] = rep, ea if ea is not None else eb
        return True

    def of(self, indices: Sequence[int]) -> list[list[int]]:
        """The groups of ``indices`` (all of every group they touch), each sorted."""
        roots = dict.fromkeys(self.find(i) for i in indices)
        return [sorted(self.members.get(r, {r})) for r in roots]


def _chunks(blocks: dict[str, list[int]], size: int) -> list[list[str]]:
    """Speakers in order, cut into runs of about ``size`` quotes (a larger block alone)."""
    out: list[list[str]] = []
    held = 0
    for speaker in sorted(blocks):
        if not out or held + len(blocks[speaker]) > size:
            out.append([])
            held = 0
        out[-1].append(speaker)
        held += len(blocks[speaker])
    return out


def group_statements(
    quotes: Sequence[QuoteRecord],
    embed: Callable[[list[str]], np.ndarray] | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    strong_threshold: float = STRONG_THRESHOLD,
    fragment_min: float = FRAGMENT_MIN,
    max_days_apart: int = MAX_DAYS_APART,
    all_pairs_max: int = 2000,
    top_k: int = 20,
    memo: Any | None = None,
    chunk_quotes: int = 5_000,
) -> list[StatementGroup]:
    """Group quotes into statements (rules in the module docstring), sorted by id.

    ``embed`` maps a list of texts to an ``(n, d)`` array of vectors, e.g.
    ``SentenceEmbedder.load().encode``; without it only verbatim and fragment links are
    made. Every quote lands in exactly one group.

    Quotes group only with quotes of their own speaker, so each speaker's statements
    depend on that speaker's quotes alone: with ``memo`` (a :class:`~newsprism.corpus.memo.Memo`
    made for this ``embed``) a speaker whose quotes are the same as when it was kept gets
    its kept statements, and only the others are grouped (and embedded) again.

    Speakers are grouped a run of about ``chunk_quotes`` quotes at a time, so only that
    run's sentence vectors are held at once; the groups are the same for any size.
    """
    unique: dict[str, QuoteRecord] = {}
    for q in sorted(quotes, key=lambda q: (q.id, q.article, q.text, q.kind, q.speaker or "", q.event or "")):
        if q.id in unique:
            logger.warning("quote id %s given twice; keeping one", q.id)
        unique.setdefault(q.id, q)
    items = list(unique.values())
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(items):
        if q.speaker is not None and words(q.text):
            blocks[q.speaker].append(i)
    blocks = {s: b for s, b in blocks.items() if len(b) > 1}
    options = dict(threshold=threshold, strong_threshold=strong_threshold, fragment_min=fragment_min,
                   max_days_apart=max_days_apart)
    kept: list[StatementGroup] = []
    digests: dict[str, str] = {}  # speaker -> digest of the quotes to group afresh
    if memo is not None:
        for speaker in sorted(blocks):
            inputs = [options, all_pairs_max, top_k, [[q.id, q.article, q.text, q.kind, q.event, q.published, q.outlet]
                                                      for q in (items[i] for i in blocks[speaker])]]
            digest, value = memo.find(speaker, inputs)
            if value is None:
                digests[speaker] = digest
            else:
                kept.extend(_from_json(g) for g in value)
                del blocks[speaker]
    done = {q for g in kept for q in g.quotes}
    result: list[StatementGroup] = []
    grouped: set[int] = set()
    n_links = 0
    # Embeddings link quotes of different articles only: a speaker quoted in one article
    # alone needs no sentence vectors (often most speakers: those only one article quotes).
    spread = {s for s, block in blocks.items() if len({items[i].article for i in block}) > 1}
    # A run of speakers at a time: their sentence vectors are held only while they are grouped.
    for chunk in _chunks(blocks, chunk_quotes):
        sents = _Sentences(items, [i for s in chunk if s in spread for i in blocks[s]], embed)
        aligned = _PairCache(aligned_fraction)  # copies of a quote align as their wording does
        links: dict[tuple[int, int], Link] = {}
        for speaker in chunk:
            block = blocks[speaker]
            mutual = _embedding_pairs(block, items, sents, threshold, all_pairs_max, top_k) if sents.rows else {}
            for a, b in sorted(_lexical_pairs(block, items) | set(mutual)):
                qa, qb = items[a], items[b]
                if qa.event and qb.event and qa.event != qb.event:
                    continue
                cosine = sents.cosine(a, b) if qa.article != qb.article else None
                link = compare(qa, qb, cosine, mutual.get((a, b), False), aligned=aligned, **options)
                if link is not None:
                    links[(a, b)] = link
        del sents, aligned
        n_links += len(links)
        groups = _Groups(items, links)
        for a, b in sorted(links, key=lambda p: (_RELATION_RANK[links[p].relation], -links[p].score,
                                                 items[p[0]].id, items[p[1]].id)):
            groups.merge(a, b)
        for speaker in chunk:
            built = sorted((_build(items, m, links) for m in groups.of(blocks[speaker])), key=lambda g: g.id)
            grouped.update(blocks[speaker])
            if speaker in digests:  # a speaker's kept statements are those of its block
                kept_value = memo.keep(speaker, digests[speaker], [dict(vars(g)) for g in built])
                built = [_from_json(g) for g in kept_value]
            result.extend(built)
    result.extend(_build(items, [i], {}) for i, q in enumerate(items) if i not in grouped and q.id not in done)
    result += kept
    logger.debug("grouped %d quotes into %d statements (%d links; %d speakers kept)", len(items), len(result),
                 n_links, len({g.speaker for g in kept}))
    return sorted(result, key=lambda g: g.id)


def _from_json(g: dict[str, Any]) -> StatementGroup:
    return StatementGroup(g["id"], g["speaker"], g["text"], tuple(g["quotes"]), g["event"], tuple(g["variants"]),
                          tuple(g["evidence"]))


def _build(items: list[QuoteRecord], members: list[int], links: dict[tuple[int, int], Link]) -> StatementGroup:
    rep_i = min(members, key=lambda i: _rep_key(items[i]))
    rep = items[rep_i]
    variants, evidence = [], []
    if len(members) == 1:
        evidence.append("speaker unknown: never grouped" if rep.speaker is None else "no other quote matched")
    for i in sorted((m for m in members if m != rep_i), key=lambda m: items[m].id):
        via = rep_i
        if _key(i, rep_i) not in links:  # joined through a majority of links (rule 3)
            mates = [j for j in members if j != i and _key(i, j) in links]
            via = min(mates, key=lambda j: (_RELATION_RANK[links[_key(i, j)].relation],
                                            -links[_key(i, j)].score, items[j].id))
        link = links[_key(i, via)]
        variants.append({"quote": items[i].id, "relation": link.relation, "similarity": round(link.score, 4),
                         "diff": word_diff(rep.text, items[i].text)})
        cosine = "n/a" if link.cosine is None else f"{link.cosine:.4f}"
        evidence.append(f"{items[i].id}: {link.relation} of {items[via].id} (aligned={link.aligned:.4f}, "
                        f"cosine={cosine}, mutual_best={'yes' if link.mutual else 'no'})")
    ids = tuple(sorted(items[m].id for m in members))
    return StatementGroup(
        id=content_id("statement", *ids),
        speaker=rep.speaker,
        text=rep.text,
        quotes=ids,
        event=next((items[m].event for m in members if items[m].event is not None), None),
        variants=tuple(variants),
        evidence=tuple(evidence),
    )
