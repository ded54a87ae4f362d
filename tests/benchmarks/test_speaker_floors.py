"""Quality floor of speaker resolution (it may only rise): whom the quote stage takes a
pronoun speaker for, on attributions of PolNeAR whose gold source is "he" or "she", 60
of the test split and 60 of dev, annotated by hand (benchmarks/speakers_polnear.json;
benchmarks/speakers_bench.py)."""

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

    docs = {(split, d.name): d for split in ("test", "dev") for d in polnear.load_split(split)}
    items = json.loads(speakers_bench.GOLD.read_text(encoding="utf-8"))["items"]
    assert [sum(i["split"] == split for i in items) for split in ("test", "dev")] == [60, 60]
    for item in items:
        doc = docs[item["split"], item["doc"]]
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
@pytest.mark.parametrize(("split", "floor"), [("test", 50), ("dev", 43)])
def test_pronoun_speakers_on_polnear(shared_dir, split, floor):
    if not polnear.DATA_DIR.is_dir():
        pytest.skip(f"PolNeAR is not at {polnear.DATA_DIR}")
    result = speakers_bench.run(split)
    # measured 2026-12-07: test 50 right, 7 wrong, 3 missed (no quote with that speaker
    # span); dev 43 / 6 / 11 (42 / 6 / 12 before speaker labels and ''doubled'' marks). Before pronouns were settled in the text's order and
    # possessors kept out of speakers: test 27 / 30 / 3, dev 31 / 17 / 12
    assert result["counts"]["right"] >= floor, result["counts"]
