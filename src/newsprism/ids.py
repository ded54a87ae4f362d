"""Deterministic ids derived from content, never from row numbers or the clock."""

from __future__ import annotations

import hashlib

__all__ = ["content_id", "text_hash"]


def content_id(*parts: object, length: int = 16) -> str:
    """A stable hex id for a tuple of values (``None`` and ``""`` hash differently)."""
    h = hashlib.sha256()
    for part in parts:
        if part is None:
            h.update(b"\x00N")
        else:
            data = str(part).encode("utf-8", "surrogatepass")
            h.update(b"\x00S" + len(data).to_bytes(8, "big") + data)
    return h.hexdigest()[:length]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
