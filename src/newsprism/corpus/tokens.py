"""Word tokens, token hashes and shingle hashes for the reuse pass, vectorised with numpy.

A *word* is a maximal run of word characters (letters, digits, ``_``: what Python's
``str.isalnum`` accepts in the Basic Multilingual Plane), compared case-insensitively, so
``“Haj Qassem…`` and ``Haj qassem`` have the same words and punctuation, quote marks and
spacing never matter. Offsets are Python ``str`` indices into the original text.

Everything is computed on whole batches of texts at once: the texts are joined and read
as UTF-32 code points (so array positions are ``str`` indices), a lookup table marks word
characters, and every word's hash is a polynomial over its code points taken from one
prefix sum (mod 2**64, then mixed with splitmix64). The same word always gets the same
64-bit hash, in every process and run, so hashes can be compared across batches.

A *shingle* is ``n`` consecutive words; :func:`shingles` hashes all of them at once, and
:func:`span_hashes` hashes arbitrary word ranges (sentences, paragraphs) the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

__all__ = ["TokenBatch", "DocTokens", "tokenize", "shingles", "span_hashes", "mix64"]

_M = np.uint64(0xFFFFFFFFFFFFFFFF)
_P = np.uint64(0x100000001B3)  # odd, so it has an inverse mod 2**64
_P_INV = np.uint64(pow(0x100000001B3, -1, 2**64))
_Q = np.uint64(0x9E3779B97F4A7C15)  # word-level base for shingles and spans (odd)
_Q_INV = np.uint64(pow(0x9E3779B97F4A7C15, -1, 2**64))


def _word_table() -> np.ndarray:
    table = np.zeros(65536, dtype=bool)
    for cp in range(65536):
        ch = chr(cp)
        if ch.isalnum() or ch == "_":
            table[cp] = True
    return table


_WORD = _word_table()


def mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads the bits of 64-bit values (vectorised)."""
    with np.errstate(over="ignore"):
        x = x.astype(np.uint64, copy=True)
        x ^= x >> np.uint64(30)
        x *= np.uint64(0xBF58476D1CE4E5B9)
        x ^= x >> np.uint64(27)
        x *= np.uint64(0x94D049BB133111EB)
        x ^= x >> np.uint64(31)
    return x


_POWERS: dict[int, np.ndarray] = {}


def _powers(base: np.uint64, n: int) -> np.ndarray:
    """``base**0 .. base**(n-1)`` mod 2**64 (a read-only view of a table grown on demand)."""
    table = _POWERS.get(int(base))
    if table is None or len(table) < n:
        size = max(n, 1 << 16, 2 * len(table) if table is not None else 0)
        table = np.full(size, base, dtype=np.uint64)
        table[0] = 1
        np.cumprod(table, out=table)  # wraps mod 2**64
        table.setflags(write=False)
        _POWERS[int(base)] = table
    return table[:n]


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters lower-case to two (e.g. "İ"); keep those as they are so offsets hold.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@dataclass(frozen=True)
class DocTokens:
    """The words of one text: char ``starts``/``ends`` and 64-bit ``hashes``, in order."""

    starts: np.ndarray
    ends: np.ndarray
    hashes: np.ndarray

    def __len__(self) -> int:
        return len(self.hashes)

    def index_at(self, offsets: np.ndarray | Sequence[int]) -> np.ndarray:
        """For char offsets, the index of the first word starting at or after each."""
        return np.searchsorted(self.starts, np.asarray(offsets, dtype=np.int64), side="left")


@dataclass(frozen=True)
class TokenBatch:
    """The words of many texts: text ``i`` owns words ``bounds[i]:bounds[i+1]``."""

    starts: np.ndarray
    ends: np.ndarray
    hashes: np.ndarray
    bounds: np.ndarray

    def doc(self, i: int) -> DocTokens:
        lo, hi = int(self.bounds[i]), int(self.bounds[i + 1])
        return DocTokens(self.starts[lo:hi], self.ends[lo:hi], self.hashes[lo:hi])

    @property
    def doc_of_token(self) -> np.ndarray:
        return np.repeat(np.arange(len(self.bounds) - 1), np.diff(self.bounds))


def tokenize(texts: Sequence[str]) -> TokenBatch:
    """The words of ``texts``, with per-text char offsets and hashes (one numpy pass)."""
    if not texts:
        empty = np.zeros(0, dtype=np.int64)
        return TokenBatch(empty, empty, np.zeros(0, dtype=np.uint64), np.zeros(1, dtype=np.int64))
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(lengths + 1, out=offsets[1:])
    joined = "\n".join(_lower_same_length(t) for t in texts) + "\n"
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    is_word = _WORD[np.minimum(codes, 65535)] & (codes < 65536)
    edges = np.diff(is_word.astype(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    with np.errstate(over="ignore"):
        weighted = codes.astype(np.uint64) * _powers(_P, len(codes))
        prefix = np.zeros(len(codes) + 1, dtype=np.uint64)
        np.cumsum(weighted, out=prefix[1:])
        raw = (prefix[ends] - prefix[starts]) * _powers(_P_INV, len(codes))[starts] + (ends - starts).astype(np.uint64)
    hashes = mix64(raw)
    bounds = np.searchsorted(starts, offsets)
    doc_of = np.repeat(np.arange(len(texts)), np.diff(bounds))
    base = offsets[:-1][doc_of]
    return TokenBatch(starts - base, ends - base, hashes, bounds)


def span_hashes(hashes: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """The hash of each word range ``hashes[lo[k]:hi[k]]`` (position independent)."""
    lo = np.asarray(lo, dtype=np.int64)
    hi = np.asarray(hi, dtype=np.int64)
    n = len(hashes)
    with np.errstate(over="ignore"):
        prefix = np.zeros(n + 1, dtype=np.uint64)
        np.cumsum(hashes * _powers(_Q, n), out=prefix[1:])
        raw = (prefix[hi] - prefix[lo]) * _powers(_Q_INV, n + 1)[lo] + (hi - lo).astype(np.uint64)
    return mix64(raw)


def shingles(hashes: np.ndarray, n: int, bounds: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of every run of ``n`` words and the index of each run's first word.

    With ``bounds`` (a :class:`TokenBatch`'s), runs that cross from one text into the
    next are left out."""
    total = len(hashes)
    if total < n:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    first = np.arange(total - n + 1, dtype=np.int64)
    if bounds is not None:
        doc_end = np.repeat(bounds[1:], np.diff(bounds))[: len(first)]
        first = first[first + n <= doc_end]
    return span_hashes(hashes, first, first + n), first
