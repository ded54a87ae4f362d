"""Weighted log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn
2008, "Fightin' Words", *Political Analysis* 16(4), section 3.5).

For a word ``w`` counted ``y_i`` times in the target texts (``n_i`` words in all) and
``y_j`` times in the comparison texts (``n_j``), with prior pseudo-counts ``a_w``
(summing to ``a_0``)::

    delta_w = log((y_i + a_w) / (n_i + a_0 - y_i - a_w)) - log((y_j + a_w) / (n_j + a_0 - y_j - a_w))
    var_w   = 1 / (y_i + a_w) + 1 / (y_j + a_w)
    z_w     = delta_w / sqrt(var_w)

The informative prior is a background distribution scaled to ``a_0`` pseudo-words
(:func:`background_prior`); it shrinks rare words toward zero, so a word used twice by one
outlet and never by the others does not outrank a word the outlet uses throughout.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Mapping

__all__ = ["Score", "Prior", "background_prior", "log_odds"]


@dataclass(frozen=True)
class Score:
    term: str
    delta: float  # the log-odds ratio, target over comparison
    z: float  # delta over its standard deviation
    count: int  # times in the target
    other: int  # times in the comparison


class Prior(dict[str, float]):
    """Pseudo-counts by word, with their sum ``a_0`` worked out once: a corpus's prior holds
    every word and bigram of it, and one framing pass compares thousands of outlets and
    events against it (summing it for each took O(vocabulary) a comparison)."""

    def __init__(self, pseudo_counts: Mapping[str, float]):
        super().__init__(pseudo_counts)
        self.total = sum(self.values())


def background_prior(background: Mapping[str, int], strength: float) -> Prior:
    """Pseudo-counts proportional to ``background``, summing to ``strength``."""
    total = sum(background.values())
    if total <= 0 or strength <= 0:
        raise ValueError("a prior needs a non-empty background and a positive strength")
    return Prior({w: strength * c / total for w, c in background.items() if c > 0})


def _size(counts: Mapping[str, int]) -> int:
    total = getattr(counts, "total", None)  # Counter.total(); framing_pass.Rest.total() is O(1)
    return int(total()) if callable(total) else sum(counts.values())


def log_odds(target: Mapping[str, int], other: Mapping[str, int], prior: Mapping[str, float],
             words: Iterable[str] | None = None) -> list[Score]:
    """Every word of ``target`` or ``other`` that the prior covers (or only ``words``),
    scored; highest z first (ties by term). A word outside the prior has no pseudo-count
    and is left out, and so is a word that is every word of one side (its odds are infinite)."""
    n_i, n_j = _size(target), _size(other)
    a_0 = prior.total if isinstance(prior, Prior) else sum(prior.values())
    scores = []
    for w in sorted(set(target) | set(other) if words is None else set(words)):
        a = prior.get(w, 0.0)
        if a <= 0:
            continue
        y_i, y_j = target.get(w, 0), other.get(w, 0)
        rest_i, rest_j = n_i + a_0 - y_i - a, n_j + a_0 - y_j - a
        if rest_i <= 0 or rest_j <= 0:  # the word is all of one side: its odds are infinite
            continue
        delta = math.log((y_i + a) / rest_i) - math.log((y_j + a) / rest_j)
        z = delta / math.sqrt(1.0 / (y_i + a) + 1.0 / (y_j + a))
        scores.append(Score(w, delta, z, y_i, y_j))
    scores.sort(key=lambda s: (-s.z, s.term))
    return scores
