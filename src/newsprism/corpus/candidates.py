"""Candidate pairs for the reuse pass, from compact per-article fingerprints (numpy).

Three sources, each good at one kind of reuse:

* :func:`minhash_signatures` / :func:`lsh_pairs`: one-permutation MinHash (each shingle
  hash falls in one of ``bins`` bins by its low bits; a bin keeps its smallest value;
  empty bins borrow the next filled bin's value, "rotation" densification) banded into
  ``bins / rows`` LSH bands. Articles sharing a band are near-duplicate candidates; every
  member of a bucket is paired with the bucket's *first* article only, so a story copied
  by 500 outlets costs 499 pairs, not 124,750.
* :func:`star_pairs`: exact hashes of whole sentences. A sentence shared by any number of
  articles pairs each of them with the earliest, however common the sentence is.
* :func:`shingle_pairs`: passim's shingle index. Shingles in more than ``max_df``
  articles are dropped (common phrases and syndicated text would explode the pairs);
  article pairs sharing at least ``min_shared`` of the others are candidates.

The shingle index and the LSH bands can be worked out in parts, as a shuffle:
:func:`index_parts` cuts the packed shingles by ranges of their hash (every article holding
a shingle lands in the same part), :func:`pair_counts` counts the pairs of one part, and
:func:`merge_pair_counts` adds the parts' counts up by pair; :func:`band_heads` is one LSH
band. The result is the same as in one piece, but no step holds more than one part's
sorted shingles and pair codes (at 100k articles, the index in one piece took 1.4 GB
beyond the fingerprints).

Pairs are ``int64`` arrays of article numbers ``lo < hi`` (numbers are positions in an
order the caller chose: earliest first).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from .tokens import mix64

__all__ = ["minhash_signatures", "lsh_pairs", "band_heads", "star_pairs", "shingle_pairs", "index_parts", "pair_counts",
           "merge_pair_counts", "pack", "unique_pairs", "sorted_unique"]

_HIGH = np.uint64(0xFFFFFFFF00000000)
_LOW = np.uint64(0xFFFFFFFF)


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` by sorting (faster than its hash table for large integer arrays)."""
    values = np.sort(values)
    if len(values) > 1:
        values = values[np.concatenate(([True], values[1:] != values[:-1]))]
    return values


def pack(hashes: np.ndarray, doc: int | np.ndarray) -> np.ndarray:
    """Shingle hashes packed with the article number: high 32 bits of the hash, then the
    article. Sorting the packed values groups equal shingles, articles in order."""
    return (hashes & _HIGH) | (np.asarray(doc).astype(np.uint64) & _LOW)


def minhash_signatures(hashes: np.ndarray, doc: np.ndarray, ndocs: int, bins: int) -> np.ndarray:
    """``(ndocs, bins)`` one-permutation MinHash signatures of each article's shingles."""
    if bins & (bins - 1):
        raise ValueError(f"minhash bins must be a power of two, got {bins}")
    mixed = mix64(hashes)
    shift = np.uint64(bins.bit_length() - 1)
    empty = np.iinfo(np.uint64).max
    sig = np.full(ndocs * bins, empty, dtype=np.uint64)
    slot = doc.astype(np.int64) * bins + (mixed & np.uint64(bins - 1)).astype(np.int64)
    np.minimum.at(sig, slot, mixed >> shift)
    sig = sig.reshape(ndocs, bins)
    # Rotation densification: an empty bin takes the next filled bin's value (circularly),
    # offset by the distance, so documents with the same shingles still agree bin by bin.
    filled = sig != empty
    if not filled.all():
        for k in range(1, bins):
            todo = ~filled
            if not todo.any():
                break
            src = np.roll(sig, -k, axis=1)
            src_ok = np.roll(filled, -k, axis=1)
            take = todo & src_ok
            with np.errstate(over="ignore"):
                sig[take] = src[take] + np.uint64(k) * np.uint64(0x9E3779B97F4A7C15)
            filled = filled | take
    return sig


def lsh_pairs(signatures: np.ndarray, rows: int, ok: np.ndarray | None = None,
              run: Callable[..., Iterable[np.ndarray]] | None = None) -> np.ndarray:
    """``(k, 2)`` pairs (bucket head, member) of articles sharing an LSH band. ``run(fn,
    jobs)`` (such as the reuse pass's ``Runner.map``) works out the bands, one
    :func:`band_heads` job each; without it they are worked out here."""
    ndocs, bins = signatures.shape
    docs = np.arange(ndocs, dtype=np.int64)
    if ok is not None:
        docs = docs[ok]
    if ndocs < 2 or len(docs) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    bands = ((signatures[docs, band * rows : (band + 1) * rows], docs, band) for band in range(bins // rows))
    out = list(run(band_heads, bands) if run is not None else (band_heads(*job) for job in bands))
    return unique_pairs(np.concatenate(out)) if out else np.zeros((0, 2), dtype=np.int64)


def band_heads(block: np.ndarray, docs: np.ndarray, band: int) -> np.ndarray:
    """Pairs (bucket head, member) of one LSH band: ``block`` holds the band's rows of
    the signatures of articles ``docs``."""
    key = mix64(block[:, 0] ^ np.uint64(band))
    for r in range(1, block.shape[1]):
        with np.errstate(over="ignore"):
            key = mix64(key * np.uint64(0x100000001B3) ^ block[:, r])
    return _heads(key, docs)


def _heads(key: np.ndarray, doc: np.ndarray) -> np.ndarray:
    """Pairs (first article with this key, each other article with it)."""
    order = np.lexsort((doc, key))
    key, doc = key[order], doc[order]
    new = np.ones(len(key), dtype=bool)
    new[1:] = key[1:] != key[:-1]
    head = doc[np.flatnonzero(new)[np.cumsum(new) - 1]]
    member = ~new & (head != doc)
    return np.stack([head[member], doc[member]], axis=1)


def star_pairs(key: np.ndarray, doc: np.ndarray) -> np.ndarray:
    """Pairs (earliest article with this key, each later one), for exact sentence hashes."""
    if len(key) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    return unique_pairs(_heads(key, doc.astype(np.int64)))


def unique_pairs(pairs: np.ndarray) -> np.ndarray:
    """Distinct pairs, each as ``(lo, hi)``, sorted."""
    if len(pairs) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    lo = np.minimum(pairs[:, 0], pairs[:, 1])
    hi = np.maximum(pairs[:, 0], pairs[:, 1])
    keep = lo != hi
    codes = sorted_unique(lo[keep].astype(np.int64) << np.int64(32) | hi[keep].astype(np.int64))
    return np.stack([codes >> np.int64(32), codes & np.int64(0xFFFFFFFF)], axis=1)


def shingle_pairs(packed: np.ndarray, max_df: int, min_shared: int) -> np.ndarray:
    """Article pairs sharing at least ``min_shared`` shingles held by at most ``max_df``
    articles. ``packed`` comes from :func:`pack`."""
    return merge_pair_counts([pair_counts(packed, max_df)], min_shared)


def index_parts(packed: np.ndarray, parts: int) -> np.ndarray:
    """The part (``0 .. parts - 1``) of each packed shingle: ranges of its hash, so that
    all the articles holding one shingle are in one part."""
    if not 1 <= parts <= 1 << 16:
        raise ValueError(f"the shingle index is cut in 1 to 65,536 parts, not {parts}")
    return ((packed >> np.uint64(32)) * np.uint64(parts) >> np.uint64(32)).astype(np.uint16)


def pair_counts(packed: np.ndarray, max_df: int) -> tuple[np.ndarray, np.ndarray]:
    """For a part of the shingle index (whole shingles: see :func:`index_parts`): the
    pairs of articles sharing a shingle held by 2 to ``max_df`` articles, as ascending
    codes ``lo << 32 | hi``, and how many such shingles each pair shares."""
    packed = sorted_unique(packed)
    none = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    if len(packed) < 2:
        return none
    high = packed & _HIGH
    doc = (packed & _LOW).astype(np.int64)
    new = np.ones(len(packed), dtype=bool)
    new[1:] = high[1:] != high[:-1]
    starts = np.flatnonzero(new)
    sizes = np.diff(np.append(starts, len(packed)))
    del packed, high, new
    chunks = []
    for size in range(2, max_df + 1):
        group_starts = starts[sizes == size]
        if len(group_starts) == 0:
            continue
        members = doc[group_starts[:, None] + np.arange(size)]  # (groups, size), ascending
        x, y = np.triu_indices(size, 1)
        chunks.append(members[:, x].ravel() << np.int64(32) | members[:, y].ravel())
    if not chunks:
        return none
    return _run_counts(np.sort(np.concatenate(chunks)))


def _run_counts(codes: np.ndarray, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of sorted ``codes`` and how many times (or the sum of
    ``weights``) each occurs."""
    new = np.concatenate(([True], codes[1:] != codes[:-1]))
    first = np.flatnonzero(new)
    if weights is None:
        return codes[first], np.diff(np.append(first, len(codes)))
    return codes[first], np.add.reduceat(weights, first)


def merge_pair_counts(parts: list[tuple[np.ndarray, np.ndarray]], min_shared: int,
                      rows: int | None = None) -> np.ndarray:
    """The pairs whose counts over ``parts`` (from :func:`pair_counts`) add up to at
    least ``min_shared``, as ``(lo, hi)`` rows in ascending order. With ``rows``, the
    counts are added up a range of pairs at a time, each range about ``rows`` codes of
    all the parts together (the parts' codes are sorted: each gives a slice)."""
    parts = [p for p in parts if len(p[0])]
    if not parts:
        return np.zeros((0, 2), dtype=np.int64)
    total = sum(len(p[0]) for p in parts)
    ranges = max(1, -(-total // rows)) if rows else 1
    top = max(int(p[0][-1]) for p in parts) + 1
    bounds = [top * k // ranges for k in range(ranges + 1)]
    out = []
    for lo, hi in zip(bounds, bounds[1:]):
        cuts = [np.searchsorted(p[0], [lo, hi]) for p in parts]
        codes = np.concatenate([p[0][a:b] for p, (a, b) in zip(parts, cuts)])
        counts = np.concatenate([p[1][a:b] for p, (a, b) in zip(parts, cuts)])
        if len(parts) > 1 and len(codes):
            order = np.argsort(codes, kind="stable")
            codes, counts = _run_counts(codes[order], counts[order])
        out.append(codes[counts >= min_shared])
    codes = np.concatenate(out)
    return np.stack([codes >> np.int64(32), codes & np.int64(0xFFFFFFFF)], axis=1)
