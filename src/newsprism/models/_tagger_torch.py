"""The attribution tagger as a PyTorch module, for training, exporting to ONNX and the
``runtime="torch"`` path. Kept apart from :mod:`newsprism.models.attribution` so that
running the kept ONNX export never imports PyTorch."""

from __future__ import annotations

from pathlib import Path

import torch

__all__ = ["TaggerModel"]


class TaggerModel(torch.nn.Module):
    """BertModel encoder (no pooler) + dropout + linear tag head; returns per-token logits."""

    def __init__(self, encoder, n_tags: int, dropout: float = 0.1):  # type: ignore[no-untyped-def]
        super().__init__()
        self.encoder = encoder
        self.dropout = torch.nn.Dropout(dropout)
        self.classifier = torch.nn.Linear(encoder.config.hidden_size, n_tags)

    @classmethod
    def from_base(cls, base: Path, n_tags: int) -> TaggerModel:
        """The base MiniLM encoder from the installed package folder, with a fresh head."""
        from safetensors.torch import load_file
        from transformers import BertConfig, BertModel

        encoder = BertModel(BertConfig.from_pretrained(str(base), local_files_only=True), add_pooling_layer=False)
        skip = ("pooler.", "embeddings.position_ids")
        state = {k: v for k, v in load_file(str(base / "model.safetensors")).items() if not k.startswith(skip)}
        encoder.load_state_dict(state, strict=True)
        return cls(encoder, n_tags)

    def forward(self, input_ids, attention_mask):  # type: ignore[no-untyped-def]
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.classifier(self.dropout(hidden))
