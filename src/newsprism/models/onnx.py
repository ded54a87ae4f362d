"""Running a PyTorch module on ONNX Runtime: exported at the first load, then kept on disk.

Exporting a model (building it in PyTorch, tracing it) takes seconds, more than most small
corpora take to analyse, and every worker process pays it. So each export is kept in a
cache folder (:func:`cache_dir`) under a key that covers everything the exported file
depends on: the model's files (their bytes), the exporter's versions and this module's
:data:`EXPORT_VERSION`. A later load with the same key opens the kept file without
PyTorch building the model, and with the tokenizer rebuilt from the one kept beside it,
so the outputs are those of a fresh export, bit for bit. A kept file that does not match
its recorded sha256, or that ONNX Runtime cannot open, is exported again. Nothing is ever
downloaded: the cache only holds what was exported here from installed files.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import warnings
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

__all__ = ["onnx_session", "cache_dir", "export_key", "cached_session", "quantize_int8", "Tokenizer", "EXPORT_VERSION",
           "CACHE_ENV"]

logger = logging.getLogger(__name__)

#: Bump when the export recipe changes (what a kept file holds): kept files of an older
#: recipe are then never opened. 2: traced with eager attention. 3: int8 weights in 7 bits
#: (:func:`quantize_int8`).
EXPORT_VERSION = "3"

#: The environment variable naming the cache folder; set it to an empty string to keep
#: nothing (every load exports in memory).
CACHE_ENV = "NEWSPRISM_CACHE_DIR"

_LIBRARIES = ("torch", "transformers", "onnx", "sentence-transformers", "tokenizers")


def cache_dir() -> Path | None:
    """The folder exported models are kept in: ``$NEWSPRISM_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/newsprism``, else ``~/.cache/newsprism``; None when
    ``NEWSPRISM_CACHE_DIR`` is set but empty (keep nothing)."""
    named = os.environ.get(CACHE_ENV)
    if named is not None:
        return Path(named).expanduser() if named.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "newsprism"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def export_key(what: str, files: Iterable[Path], libraries: Iterable[str] = ()) -> str:
    """sha256 of :data:`EXPORT_VERSION`, ``what``, the exporting libraries' versions (and
    those of ``libraries``), and each file's bytes and last two path parts (not where it is
    installed)."""
    digest = hashlib.sha256()
    head: dict[str, Any] = {"recipe": EXPORT_VERSION, "what": what, "versions": {p: _version(p) for p in _LIBRARIES}}
    if libraries:  # only where named, so that the keys of earlier exports stay the same
        head["also"] = {p: _version(p) for p in libraries}
    digest.update(json.dumps(head, sort_keys=True).encode("utf-8"))
    for path in files:
        digest.update(b"\x00" + "/".join(path.parts[-2:]).encode("utf-8") + b"\x00")
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 22), b""):
                digest.update(block)
    return digest.hexdigest()


def _entry(what: str, key: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / "onnx" / f"{re.sub(r'[^a-z0-9]+', '-', what.lower()).strip('-')}-{key[:32]}"


def _session(model: bytes | str) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = _threads()
    options.inter_op_num_threads = 1
    # Its threads sleep between runs rather than spin: the quote stage's tagger runs
    # beside spaCy's parse, and spinning threads would take that core from it.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3  # errors only
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def _threads() -> int:
    """As many threads as PyTorch would use here, without importing it (a kept export is
    opened without PyTorch, whose import alone took 1.4 s of a worker's start): torch's
    own count where it is imported (a caller may have set it), else what
    ``MKL_NUM_THREADS`` or ``OMP_NUM_THREADS`` asks (torch honours both, MKL's first),
    else one thread per physical core this process may run on."""
    torch = sys.modules.get("torch")
    if torch is not None:
        return int(torch.get_num_threads())
    for name in ("MKL_NUM_THREADS", "OMP_NUM_THREADS"):
        value = os.environ.get(name, "").strip()
        if value.isdigit() and int(value) > 0:
            return int(value)
    return _physical_cores()


def _physical_cores() -> int:
    """Physical cores among the CPUs this process may run on (hyperthread siblings counted
    once), as PyTorch counts them for its default thread count; all of them where Linux's
    topology files cannot be read."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
    cores = set()
    for cpu in cpus:
        topology = Path(f"/sys/devices/system/cpu/cpu{cpu}/topology")
        try:
            cores.add((topology.joinpath("physical_package_id").read_text().strip(),
                       topology.joinpath("core_id").read_text().strip()))
        except OSError:
            return len(cpus) or 1
    return len(cores) or 1


def cached_session(what: str, key: str) -> tuple[Any, dict[str, Any]] | None:
    """The session of the model kept under ``key`` and the metadata kept with it; None when
    nothing is kept, the cache is off, ONNX Runtime is missing, or the kept file is damaged
    (then it is removed, to be exported again)."""
    entry = _entry(what, key)
    if entry is None or not (entry / "model.onnx").is_file() or not (entry / "meta.json").is_file():
        return None
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return None
    try:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        model = (entry / "model.onnx").read_bytes()
        if hashlib.sha256(model).hexdigest() != meta.get("sha256"):
            raise ValueError("its sha256 differs from the one recorded")
        session = _session(model)
    except Exception as exc:  # noqa: BLE001 - any damage: export again
        logger.warning("the kept ONNX export of the %s in %s is unusable (%s); exporting it again", what, entry, exc)
        shutil.rmtree(entry, ignore_errors=True)
        return None
    logger.debug("%s: kept ONNX export %s", what, entry)
    return session, meta["meta"]


def _keep(what: str, key: str, model: bytes, meta: Mapping[str, Any]) -> None:
    """Write the export under ``key``: into a fresh folder beside the entry, then renamed
    onto it, so a reader sees a whole entry or none (two processes that export at once
    both succeed; one's folder is kept)."""
    entry = _entry(what, key)
    if entry is None:
        return
    scratch = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=entry.name + ".", dir=entry.parent))
        (scratch / "model.onnx").write_bytes(model)
        (scratch / "meta.json").write_text(json.dumps({"sha256": hashlib.sha256(model).hexdigest(), "what": what,
                                                       "meta": dict(meta)}), encoding="utf-8")
        try:
            os.rename(scratch, entry)
            scratch = None
        except OSError:  # another process kept it first
            pass
    except OSError as exc:  # a read-only home, a full disk: run without keeping it
        logger.info("could not keep the ONNX export of the %s in %s: %s", what, entry, exc)
    if scratch is not None:  # nothing half-written is left behind
        shutil.rmtree(scratch, ignore_errors=True)


@contextlib.contextmanager
def _eager_attention(module: Any) -> Iterator[None]:
    """Traced with transformers' plain ("eager") attention, whose MatMul-Softmax-MatMul
    ONNX Runtime fuses into its Attention operator (scaled_dot_product_attention traces to
    a pattern it does not fuse); each model's own setting is restored afterwards."""
    models = [m for m in module.modules() if hasattr(m, "set_attn_implementation") and hasattr(m, "config")]
    before = [m.config._attn_implementation for m in models]
    for m in models:
        m.set_attn_implementation("eager")
    try:
        yield
    finally:
        for m, name in zip(models, before):
            m.set_attn_implementation(name)


class _DropRecords(logging.Filter):
    """Drops the log records of one module (ONNX Runtime's quantizer logs advice on the
    root logger, which a library must not print)."""

    def __init__(self, part: str):
        super().__init__()
        self.part = part

    def filter(self, record: logging.LogRecord) -> bool:
        return self.part not in record.pathname.replace("\\", "/")


def quantize_int8(model: bytes, exclude: Sequence[str] = ()) -> bytes:
    """``model`` with the weights of its MatMul nodes (but those named in ``exclude``)
    quantized to int8, one scale per output channel, and its activations quantized on the
    fly (ONNX Runtime's dynamic quantization: int8 matrix products, where the CPU has
    VNNI about 1.6 times faster for a MiniLM encoder; see the tagger's ``precision``).

    The weights use 7 of the 8 bits (``reduce_range``). Without VNNI the CPU sums pairs of
    uint8 x int8 products in 16 bits, which full-range weights can overflow; on the seeds,
    an AVX2 machine then gave two of the Leader's quotes to "Iran" that an AVX512-VNNI
    machine gave to him. With 7-bit weights no sum overflows (PolNeAR test, AVX2: source /
    cue / content exact F1 77.29 / 71.65 / 64.08, against 77.27 / 71.99 / 64.20 with 8-bit
    weights). The float work between the products (its kernels differ by instruction set)
    still moves activations by the last bits, and quantizing them can round those apart,
    so int8's output can differ a little from CPU to CPU; fp32's does not in practice."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    drop = _DropRecords("onnxruntime/quantization")
    root.addFilter(drop)
    try:
        with tempfile.TemporaryDirectory(prefix="newsprism-quantize-") as tmp:
            source, target = Path(tmp) / "model.onnx", Path(tmp) / "model.int8.onnx"
            source.write_bytes(model)
            quantize_dynamic(source, target, weight_type=QuantType.QInt8, per_channel=True, reduce_range=True,
                             op_types_to_quantize=["MatMul"], nodes_to_exclude=list(exclude))
            return target.read_bytes()
    finally:
        root.removeFilter(drop)


def onnx_session(module: Any, example: Sequence[Any], inputs: Sequence[str], output: str, what: str,
                 key: str | None = None, meta: Mapping[str, Any] | None = None,
                 quantize: Sequence[str] | None = None) -> Any | None:
    """``module`` exported to ONNX (batch and token axes dynamic) and loaded in an ONNX
    Runtime session on as many threads as PyTorch would use (:func:`_threads`); None (and a log line naming
    ``what``) where onnxruntime or the exporter's ``onnx`` is not installed. With ``key``
    the export is kept (with ``meta``) for :func:`cached_session`. With ``quantize`` (the
    names of the MatMul nodes to leave in float, possibly none) the export is
    :func:`quantize_int8`-ed before it is kept and loaded."""
    try:
        import onnx  # noqa: F401 - the exporter needs it
        import onnxruntime  # noqa: F401
        import torch
    except ImportError as exc:
        logger.info("%s on PyTorch: %s", what, exc)
        return None
    buffer = io.BytesIO()
    with warnings.catch_warnings(), torch.no_grad(), _eager_attention(module):
        warnings.simplefilter("ignore")  # the tracer's notes; nothing for a user to do
        torch.onnx.export(module, tuple(example), buffer, input_names=list(inputs), output_names=[output],
                          opset_version=17, dynamo=False,
                          dynamic_axes={name: {0: "batch", 1: "tokens"} for name in (*inputs, output)})
    model = buffer.getvalue()
    if quantize is not None:
        model = quantize_int8(model, quantize)
    if key is not None:
        _keep(what, key, model, meta or {})
    return _session(model)


class Tokenizer:
    """What the models use of a transformers fast tokenizer: its backend (a
    ``tokenizers.Tokenizer``) and special token ids, serialisable to JSON, so a kept export
    loads without transformers."""

    def __init__(self, backend: Any, cls_token_id: int | None, sep_token_id: int | None, pad_token_id: int | None):
        self.backend_tokenizer = backend
        self.cls_token_id, self.sep_token_id, self.pad_token_id = cls_token_id, sep_token_id, pad_token_id

    @classmethod
    def of(cls, tokenizer: Any) -> "Tokenizer":
        """A copy of transformers fast ``tokenizer`` (its backend as it is now)."""
        from tokenizers import Tokenizer as Backend

        return cls(Backend.from_str(tokenizer.backend_tokenizer.to_str()), tokenizer.cls_token_id,
                   tokenizer.sep_token_id, tokenizer.pad_token_id)

    def to_json(self) -> dict[str, Any]:
        return {"backend": self.backend_tokenizer.to_str(), "cls": self.cls_token_id, "sep": self.sep_token_id,
                "pad": self.pad_token_id}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Tokenizer":
        from tokenizers import Tokenizer as Backend

        return cls(Backend.from_str(data["backend"]), data["cls"], data["sep"], data["pad"])
