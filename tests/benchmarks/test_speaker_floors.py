"""Quality floor of speaker resolution (it may only rise): whom the quote stage takes a
pronoun speaker for, on 60 attributions of PolNeAR's test split whose gold source is "he"
or "she", annotated by hand (benchmarks/speakers_polnear.json; benchmarks/speakers_bench.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import polnear  # noqa: E402
import speakers_bench  # noqa: E402


def test_the_annotation_names_real_pronoun_sources(shared_dir):
    if not polnear.DATA_DIR.is_dir():
        pytest.skip(f"PolNeAR is not at {polnear.DATA_DIR}")
    import json

    docs = {d.name: d for d in polnear.load_split("test")}
    items = json.loads(speakers_bench.GOLD.read_text(encoding="utf-8"))["items"]
    assert len(items) == 60
    for item in items:
        doc = docs[item["doc"]]
        assert doc.text[item["start"] : item["end"]] == item["pronoun"]
        assert any(s.label == "source" and (s.start, s.end) == (item["start"], item["end"]) for s in doc.spans)


def test_judge():
    item = {"surname": "Clinton", "not": "Bill"}
    assert speakers_bench.judge(item, "Hillary Clinton", True) == "right"
    assert speakers_bench.judge(item, "Clinton", True) == "right"
    assert speakers_bench.judge(item, "Bill Clinton", True) == "wrong"
    assert speakers_bench.judge(item, "Donald Trump", True) == "wrong"
    assert speakers_bench.judge(item, None, True) == "unresolved"
    assert speakers_bench.judge(item, None, False) == "missed"


@pytest.mark.slow
def test_pronoun_speakers_on_polnear_test(shared_dir):
    if not polnear.DATA_DIR.is_dir():
        pytest.skip(f"PolNeAR is not at {polnear.DATA_DIR}")
    result = speakers_bench.run()
    # measured 2026-12-07: 50 right, 7 wrong, 3 missed (no quote with that speaker span);
    # before pronouns were settled in the text's order and possessors kept out of
    # speakers: 27 right, 30 wrong, 3 missed
    assert result["counts"]["right"] >= 50, result["counts"]
