"""The reuse benchmarks' pure helpers: AUC, the planted-passage matching rule, and the
planted-corpus generator (determinism, and that its ground truth holds in the texts)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import clough_bench  # noqa: E402
import reuse_bench  # noqa: E402


def test_auc_counts_ties_as_half():
    # pairs: .9>.4, .9>.1, .8>.4, .8>.1, .4=.4 (a half), .4>.1 -> 5.5 of 6
    assert clough_bench.auc([0.9, 0.8, 0.4], [0.4, 0.1]) == pytest.approx(5.5 / 6)
    assert clough_bench.auc([1, 1], [1]) == 0.5
    assert clough_bench.auc([0], [1, 2]) == 0.0


def test_baselines_on_a_tiny_example():
    answer, source = "a b c d".split(), "a b x c d".split()
    assert clough_bench.containment(answer, source, 1) == 1.0
    assert clough_bench.containment(answer, source, 3) == 0.0  # a-b-c and b-c-d are not in the source
    assert clough_bench.lcs_ratio(answer, source) == 1.0
    assert clough_bench.lcs_ratio("d c b a".split(), source) == 0.25


def test_covers_needs_half_of_the_planted_span():
    assert reuse_bench.covers((150, 200), (100, 200))       # exactly half
    assert not reuse_bench.covers((151, 200), (100, 200))   # just under
    assert reuse_bench.covers((0, 1000), (100, 200))        # a longer link covers it all
    assert not reuse_bench.covers((200, 300), (100, 200))   # touching is not overlapping
    assert reuse_bench.covers((199, 300), (100, 200), 0)    # any overlap, for precision


def test_covered_joins_pieces():
    assert reuse_bench.covered([(0, 30), (20, 50), (80, 120)], (0, 100)) == pytest.approx(0.7)
    assert reuse_bench.covered([], (0, 100)) == 0.0


TRUTH = {
    "passages": [
        {"source": "a", "target": "b", "source_span": [0, 100], "target_span": [50, 150], "words": 45,
         "edited": False, "target_placement": "paragraph", "real": True, "same_outlet": False},
        {"source": "a", "target": "e", "source_span": [300, 400], "target_span": [0, 100], "words": 60,
         "edited": True, "target_placement": "run-in", "real": True, "same_outlet": True},
        {"source": "f", "target": "g", "source_span": [0, 50], "target_span": [0, 50], "words": 20,
         "edited": False, "target_placement": "paragraph", "real": False, "same_outlet": False},
    ],
    "syndicated": [{"original": "c", "copy": "d"}],
}


def test_score_matching_rule():
    links = [
        ("b", 60, 150, "a", 0, 90, 45),      # the a->b passage, sides swapped: found (90 % each side)
        ("a", 300, 340, "e", 0, 40, 41),     # 40 % of a->e: not found, but a correct link
        ("a", 350, 390, "e", 50, 90, 41),    # another 40 %: together the two cover 80 %
        ("a", 500, 600, "e", 500, 600, 50),  # a and e, but away from the planted spans: wrong
        ("c", 0, 10, "d", 0, 10, 50),        # a syndicated pair: correct
        ("x", 0, 10, "y", 0, 10, 10),        # under 40 words: not counted for precision
    ]
    s = reuse_bench.score(TRUTH, links)
    assert s["planted"] == 2  # the 20-word passage is not scored
    assert s["recall"] == 0.5
    assert s["recall_joint"] == 1.0
    assert s["links_counted"] == 5
    assert s["precision"] == 0.8
    assert s["recall_by"]["unedited"] == 1.0 and s["recall_by"]["edited"] == 0.0
    assert s["recall_by"]["own_paragraph"] == 1.0 and s["recall_by"]["run_in"] == 0.0
    assert s["recall_by"]["synthetic"] is None
    assert reuse_bench.score(TRUTH, links, 0)["links_counted"] == 6


def test_syndicated_recall():
    assert reuse_bench.synd_recall(TRUTH, {frozenset(("d", "c"))}) == 1.0
    assert reuse_bench.synd_recall(TRUTH, set()) == 0.0


@pytest.fixture(scope="module")
def small(shared_dir):
    import reuse_corpus

    return reuse_corpus, reuse_corpus.generate(200, seed=3)


def test_generator_is_deterministic(small):
    reuse_corpus, (arts, truth) = small
    again = reuse_corpus.generate(200, seed=3)
    assert (arts, truth) == again


def test_ground_truth_holds_in_the_texts(small):
    from rapidfuzz.distance import Indel

    _, (arts, truth) = small
    by = {a["id"]: a for a in arts}
    assert 40 <= len(truth["passages"]) <= 80 and len(truth["syndicated"]) == 4
    for p in truth["passages"]:
        source, target = by[p["source"]], by[p["target"]]
        assert source["published"] < target["published"]
        s_text, t_text = source["text"][slice(*p["source_span"])], target["text"][slice(*p["target_span"])]
        assert len(s_text.split()) == p["words"]
        if p["edited"]:
            assert s_text != t_text and Indel.normalized_similarity(s_text.split(), t_text.split()) >= 0.7
        else:
            assert s_text == t_text
        for art, span in ((source, p["source_span"]), (target, p["target_span"])):
            starts, ends = {s for s, _ in art["sentences"]}, {e for _, e in art["sentences"]}
            assert span[0] in starts and span[1] in ends  # whole sentences
    for pair in truth["syndicated"]:
        o, c = by[pair["original"]], by[pair["copy"]]
        assert o["outlet"] != c["outlet"] and o["published"] <= c["published"]
        body = c["text"][slice(*pair["copy_span"])]
        assert Indel.normalized_similarity(o["text"].split(), body.split()) >= 0.9
        assert c["text"][pair["copy_span"][1]:].strip().startswith("This article first appeared in")


def test_sentence_spans_are_clean(small):
    _, (arts, _) = small
    for a in arts:
        prev = 0
        for s, e in a["sentences"]:
            piece = a["text"][s:e]
            assert s >= prev and piece and piece == piece.strip()
            prev = e
        assert 3 <= a["text"].count("\n\n") + 1
