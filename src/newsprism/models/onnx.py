"""Running a PyTorch module on ONNX Runtime: exported in memory at load, never cached."""

from __future__ import annotations

import io
import logging
import warnings
from typing import Any, Sequence

__all__ = ["onnx_session"]

logger = logging.getLogger(__name__)


def onnx_session(module: Any, example: Sequence[Any], inputs: Sequence[str], output: str, what: str) -> Any | None:
    """``module`` exported to ONNX (batch and token axes dynamic) and loaded in an ONNX
    Runtime session on ``torch.get_num_threads()`` threads; None (and a log line naming
    ``what``) where onnxruntime or the exporter's ``onnx`` is not installed."""
    try:
        import onnx  # noqa: F401 - the exporter needs it
        import onnxruntime as ort
        import torch
    except ImportError as exc:
        logger.info("%s on PyTorch: %s", what, exc)
        return None
    buffer = io.BytesIO()
    with warnings.catch_warnings(), torch.no_grad():  # the tracer's notes; nothing for a user to do
        warnings.simplefilter("ignore")
        torch.onnx.export(module, tuple(example), buffer, input_names=list(inputs), output_names=[output],
                          opset_version=17, dynamo=False,
                          dynamic_axes={name: {0: "batch", 1: "tokens"} for name in (*inputs, output)})
    options = ort.SessionOptions()
    options.intra_op_num_threads = torch.get_num_threads()
    options.inter_op_num_threads = 1
    options.log_severity_level = 3  # errors only
    return ort.InferenceSession(buffer.getvalue(), options, providers=["CPUExecutionProvider"])
