"""Quality floors of event clustering on real data (they may only rise): BASIL (never used
to choose a setting) and the AllSides stories of the test split. The figures in the
closing note and benchmarks/RESULTS.md come from `make bench` (benchmarks/events_bench.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import events_bench  # noqa: E402

from newsprism.corpus.events import EventSettings  # noqa: E402


@pytest.fixture(scope="module")
def embed():
    from newsprism.models.embeddings import SentenceEmbedder

    return SentenceEmbedder.load().encode


@pytest.mark.slow
def test_basil_events(shared_dir, embed):
    result = events_bench.evaluate("basil", *events_bench.basil(), EventSettings(), embed)
    assert result["b3_f1"] >= 0.99 and result["b3_precision"] >= 0.985  # measured 2026-12-02: 0.9906 (P 0.990, R 0.991)
    assert result["pair_f1"] >= 0.975  # measured 0.9785


@pytest.mark.slow
def test_allsides_test_split_events(shared_dir, embed):
    result = events_bench.evaluate("allsides", *events_bench.allsides("test"), EventSettings(), embed)
    assert result["b3_f1"] >= 0.845  # measured 2026-12-02: 0.8498 (P 0.864, R 0.836)
    assert result["pair_f1"] >= 0.69  # measured 0.693
