"""Rows written a run at a time: a pass's output is read as it comes and inserted in runs,
never held whole as row dicts besides the pass's own objects."""

from __future__ import annotations

from typing import Any, Iterable, Iterator

__all__ = ["ROWS_PER_INSERT", "chunked"]

ROWS_PER_INSERT = 5000


def chunked(rows: Iterable[dict[str, Any]], size: int = ROWS_PER_INSERT) -> Iterator[list[dict[str, Any]]]:
    """``rows`` in lists of at most ``size``, in order."""
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
