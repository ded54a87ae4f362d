"""The shingle index and LSH bands worked out in parts (a shuffle) give what they give in
one piece, and what a plain count over every pair says."""

from collections import Counter
from itertools import combinations

import numpy as np
import pytest

from newsprism.corpus.candidates import (band_heads, index_parts, lsh_pairs, merge_pair_counts, pack, pair_counts,
                                         shingle_pairs)


def _index(seed: int, docs: int = 120, shingles: int = 900, rows: int = 5000) -> np.ndarray:
    rng = np.random.default_rng(seed)
    vocabulary = rng.integers(0, 2**62, size=shingles, dtype=np.uint64) << np.uint64(1)
    return pack(rng.choice(vocabulary, size=rows), rng.integers(0, docs, size=rows))


def _counted(packed: np.ndarray, max_df: int, min_shared: int) -> list[tuple[int, int]]:
    """Pairs sharing ``min_shared`` shingles held by 2 to ``max_df`` articles, by hand."""
    holders: dict[int, set[int]] = {}
    for value in packed.tolist():
        holders.setdefault(value >> 32, set()).add(value & 0xFFFFFFFF)
    shared = Counter(pair for docs in holders.values() if 2 <= len(docs) <= max_df
                     for pair in combinations(sorted(docs), 2))
    return sorted(pair for pair, n in shared.items() if n >= min_shared)


@pytest.mark.parametrize("seed", range(4))
def test_the_shingle_index_finds_the_pairs_a_plain_count_finds(seed):
    packed = _index(seed)
    expected = _counted(packed, max_df=12, min_shared=2)
    assert len(expected) > 100  # the data makes pairs to find
    assert [tuple(p) for p in shingle_pairs(packed, 12, 2).tolist()] == expected


@pytest.mark.parametrize("parts", [1, 2, 7, 64])
@pytest.mark.parametrize("rows", [None, 1, 50, 10**9])
def test_the_index_in_parts_and_counted_by_ranges_is_the_index_in_one_piece(parts, rows):
    packed = _index(11)
    cut = index_parts(packed, parts)
    assert set(np.unique(cut).tolist()) <= set(range(parts))
    if parts > 1:  # all the articles of one shingle in one part
        assert all(len(set(cut[(packed >> np.uint64(32)) == h].tolist())) == 1
                   for h in np.unique(packed >> np.uint64(32))[:50])
    counted = [pair_counts(packed[cut == p], 12) for p in range(parts)]
    assert np.array_equal(merge_pair_counts(counted, 2, rows), shingle_pairs(packed, 12, 2))


def test_an_index_with_no_shared_shingle_has_no_pairs():
    packed = pack(np.arange(10, dtype=np.uint64) << np.uint64(33), np.arange(10))
    assert pair_counts(packed, 5)[0].size == 0
    assert merge_pair_counts([pair_counts(packed, 5)], 1, 3).shape == (0, 2)
    with pytest.raises(ValueError, match="1 to 65,536 parts"):
        index_parts(packed, 0)


def test_lsh_bands_one_at_a_time_are_the_banding_of_the_whole_signature():
    rng = np.random.default_rng(5)
    signatures = rng.integers(0, 4, size=(80, 16), dtype=np.uint64)
    ok = rng.random(80) > 0.2
    docs = np.flatnonzero(ok).astype(np.int64)
    heads = np.concatenate([band_heads(signatures[docs, b * 4 : (b + 1) * 4], docs, b) for b in range(4)])
    pairs = lsh_pairs(signatures, 4, ok)
    assert len(pairs) > 0
    assert {tuple(sorted(p)) for p in heads.tolist()} == {tuple(p) for p in pairs.tolist()}
    # Each pair shares all four rows of some band.
    assert all(any((signatures[x, b * 4 : (b + 1) * 4] == signatures[y, b * 4 : (b + 1) * 4]).all() for b in range(4))
               for x, y in pairs.tolist())
