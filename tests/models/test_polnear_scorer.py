"""The PolNeAR benchmark's scorer on hand-made spans, and its loader on the real data."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("polnear", REPO / "benchmarks" / "polnear.py")
polnear = importlib.util.module_from_spec(_spec)
sys.modules["polnear"] = polnear
_spec.loader.exec_module(polnear)

TEXT = "“The bridge is safe,” the engineer said. Critics disagreed, the paper reported."
#       0         1         2         3         4         5         6         7
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678


def _doc() -> polnear.Doc:
    spans = [
        polnear.Span("T1", "content", 1, 19),  # The bridge is safe   (no quotes, no comma)
        polnear.Span("T2", "source", 22, 34),  # the engineer
        polnear.Span("T3", "cue", 35, 39),  # said
        polnear.Span("T4", "content", 41, 58),  # Critics disagreed
        polnear.Span("T5", "source", 60, 69),  # the paper
        polnear.Span("T6", "cue", 70, 78),  # reported
    ]
    return polnear.Doc("hand", TEXT, spans, [])


def test_spans_are_what_the_comments_say():
    doc = _doc()
    assert [TEXT[s.start : s.end] for s in doc.spans] == [
        "The bridge is safe", "the engineer", "said", "Critics disagreed", "the paper", "reported",
    ]


def test_normalize_strips_quotes_whitespace_and_trailing_punctuation():
    assert polnear.normalize_span(TEXT, 0, 21) == (1, 19)  # “The bridge is safe,” -> The bridge is safe
    assert polnear.normalize_span(TEXT, 34, 40) == (35, 39)  # " said." -> said
    assert polnear.normalize_span(TEXT, 20, 22) is None  # ", " -> nothing


def test_exact_and_overlap():
    doc = _doc()
    predicted = {
        "hand": [
            ("content", 0, 21),  # exact after normalization
            ("source", 26, 34),  # "engineer": overlap only
            ("cue", 35, 40),  # "said." exact after normalization
            ("content", 41, 49),  # "Critics": overlap only
            ("content", 50, 58),  # "disagreed": overlaps the same gold, already taken
            ("source", 70, 78),  # wrong label: no match at all
        ]
    }
    result = polnear.score([doc], predicted)
    assert result["content"]["exact"] == {"p": 33.33, "r": 50.0, "f1": 40.0, "tp": 1, "pred": 3, "gold": 2}
    assert result["content"]["overlap"]["tp"] == 2  # one-to-one: "disagreed" finds no free gold
    assert result["source"]["exact"]["tp"] == 0
    assert result["source"]["overlap"] == {"p": 50.0, "r": 50.0, "f1": 50.0, "tp": 1, "pred": 2, "gold": 2}
    assert result["cue"]["exact"] == {"p": 100.0, "r": 50.0, "f1": 66.67, "tp": 1, "pred": 1, "gold": 2}


def test_missing_document_predicts_nothing_and_duplicates_count_once():
    doc = _doc()
    assert polnear.score([doc], {})["cue"]["exact"]["r"] == 0.0
    twice = {"hand": [("cue", 35, 39), ("cue", 35, 40)]}  # the same span after normalization
    assert polnear.score([doc], twice)["cue"]["exact"]["pred"] == 1


def test_overlap_prefers_the_gold_span_sharing_most_characters():
    doc = polnear.Doc("d", "aaaa bbbb", [polnear.Span("T1", "source", 0, 4), polnear.Span("T2", "source", 5, 9)], [])
    # (2, 9) overlaps T1 by 2 and T2 by 4 and takes T2, leaving T1 for (3, 4).
    result = polnear.score([doc], {"d": [("source", 3, 4), ("source", 2, 9)]})
    assert result["source"]["overlap"]["tp"] == 2


@pytest.mark.skipif(not (polnear.DATA_DIR / "dev").is_dir(), reason=f"PolNeAR not found at {polnear.DATA_DIR}")
def test_loader_reads_dev_with_one_annotator_per_article():
    docs = polnear.load_split("dev")
    assert len(docs) == 84
    n_spans = sum(len(d.spans) for d in docs)
    assert n_spans > 6000
    for doc in docs:
        ids = {s.tid for s in doc.spans}
        for att in doc.attributions:
            assert set(att.sources + att.cues + att.contents) <= ids
        for span in doc.spans:
            assert 0 <= span.start < span.end <= len(doc.text)
