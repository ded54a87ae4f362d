"""The attribution tagger at run time: offline loading, span round-trips, windowing, output."""

from __future__ import annotations

import os

import numpy as np
import pytest

from newsprism.errors import ModelNotFoundError
from newsprism.models import attribution
from newsprism.models.attribution import TAGS, AttributionTagger, TaggedSpan, plan_windows, viterbi_spans

HAS_WEIGHTS = (attribution.DEFAULT_FOLDER / attribution.WEIGHTS_FILE).is_file()
needs_weights = pytest.mark.skipif(
    not HAS_WEIGHTS,
    reason=f"no trained weights at {attribution.DEFAULT_FOLDER} (run `python benchmarks/train_attribution.py`)",
)

# Verified against the shipped weights (PolNeAR convention: a direct quote's content
# includes its quotation marks).
SENTENCES = {
    "“We will rebuild the quay,” the mayor said on Tuesday.": [
        ("content", "“We will rebuild the quay,”"),
        ("source", "the mayor"),
        ("cue", "said"),
    ],
    "The minister said that the dam had been inspected in January.": [
        ("source", "The minister"),
        ("cue", "said"),
        ("content", "that the dam had been inspected in January"),
    ],
    "According to the police, three people were arrested after the match.": [
        ("cue", "According to"),
        ("source", "the police"),
        ("content", "three people were arrested after the match."),
    ],
}


@pytest.fixture(scope="module")
def tagger() -> AttributionTagger:
    return AttributionTagger.load()


def test_missing_weights_raise_with_a_fix(tmp_path):
    with pytest.raises(ModelNotFoundError, match="train_attribution.py"):
        AttributionTagger.load(tmp_path)


def test_windows_cover_the_tokens_in_order_with_overlap():
    text = " ".join(f"Sentence number {i} is here." for i in range(200))
    offsets = [(m, m + 1) for m in range(len(text)) if not text[m].isspace()]
    windows = plan_windows(text, offsets, size=50, overlap=10)
    assert windows[0][0] == 0 and windows[-1][1] == len(offsets)
    assert all(0 < b - a <= 50 for a, b in windows)
    assert all(nxt[0] < cur[1] and nxt[0] > cur[0] for cur, nxt in zip(windows, windows[1:]))
    assert plan_windows("", [], size=50) == []


def test_viterbi_never_starts_a_span_with_an_inside_tag():
    lp = np.log(np.full((3, len(TAGS)), 0.01))
    lp[:, TAGS.index("I-CUE")] = np.log(0.9)  # greedy would give I-CUE I-CUE I-CUE
    lp[0, TAGS.index("B-CUE")] = np.log(0.5)
    spans = viterbi_spans(lp)
    assert [(lab, a, b) for lab, a, b, _ in spans] == [("cue", 0, 2)]


@needs_weights
def test_loads_offline_and_spans_round_trip(tagger):
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    texts = [*SENTENCES, "", "Ünïcødé — “Ça va,” dit-elle. 東京 said nothing 🙂."]
    results = tagger.predict(texts)
    assert len(results) == len(texts) and results[texts.index("")] == []
    for text, spans in zip(texts, results):
        assert spans == sorted(spans, key=lambda s: (s.start, s.end, s.label))
        for span in spans:
            assert isinstance(span, TaggedSpan) and span.label in {"source", "cue", "content"}
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start : span.end].strip() == text[span.start : span.end]
            assert 0.0 < span.score <= 1.0


@needs_weights
def test_finds_source_cue_and_content(tagger):
    for (text, expected), spans in zip(SENTENCES.items(), tagger.predict(list(SENTENCES))):
        got = [(s.label, text[s.start : s.end]) for s in spans]
        assert sorted(got) == sorted(expected), text


@needs_weights
def test_long_text_is_windowed_and_output_is_deterministic(tagger):
    text = "\n\n".join(
        f"“Plan {i} will cut the waiting lists,” the health officer said. Residents of district {i} "
        f"said they doubted it." for i in range(60)
    )
    first = tagger.predict([text, text[:500]], batch_size=4)
    assert tagger.predict([text, text[:500]], batch_size=4) == first
    regrouped = tagger.predict([text[:500], text], batch_size=7)
    assert [[(s.label, s.start, s.end) for s in spans] for spans in regrouped] == [
        [(s.label, s.start, s.end) for s in spans] for spans in first[::-1]
    ]
    assert len(tagger.encode(text).ids) > 3 * tagger.max_length
    cues = [text[s.start : s.end] for s in first[0] if s.label == "cue"]
    assert len(cues) >= 100


@needs_weights
def test_onnx_runtime_tags_as_pytorch_does(tagger):
    pytest.importorskip("onnxruntime", reason="onnxruntime is not installed")
    assert isinstance(tagger.model, attribution.OnnxTagger)  # the default runtime
    on_torch = AttributionTagger.load(runtime="torch")
    assert isinstance(on_torch.model, attribution.TaggerModel)
    texts = list(SENTENCES) + ["\n\n".join(SENTENCES) * 8]
    expected, got = on_torch.predict(texts), tagger.predict(texts)
    # The same spans; ONNX Runtime's fused attention moves the mean tag probabilities in
    # the last digits only.
    assert [[(s.label, s.start, s.end) for s in spans] for spans in got] == [
        [(s.label, s.start, s.end) for s in spans] for spans in expected]
    diffs = [abs(a.score - b.score) for x, y in zip(got, expected) for a, b in zip(x, y)]
    assert max(diffs) <= 1e-3, max(diffs)
    with pytest.raises(ValueError, match="unknown tagger runtime 'tensorrt'"):
        AttributionTagger.load(runtime="tensorrt")
