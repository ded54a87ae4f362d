"""Quality floor of the statements pass's lexical grouping on planted quotes of real BASIL
sentences (it may only rise). The 10k and 100k figures come from `make bench`
(benchmarks/statements_bench.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import statements_bench  # noqa: E402

from newsprism.corpus.statements import group_statements  # noqa: E402


def test_planted_utterances_become_one_statement_each(shared_dir):
    quotes, gold = statements_bench.planted(3000)
    assert len(set(gold.values())) > 1000
    scores = statements_bench.pair_scores(group_statements(quotes), gold)
    # measured 2026-12-03: pair P 1.0, R 0.9967 on these 3,001 quotes (0.999 / 0.9972 at 100k)
    assert scores["pair_p"] >= 0.995 and scores["pair_r"] >= 0.995, scores
