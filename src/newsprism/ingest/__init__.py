"""Ingest: find the input files, read each with the reader made for its format.

:func:`iter_inputs` turns the paths a user gives into :class:`InputFile` work items (one
per file; directories are walked); :func:`read_input` reads one of them into raw articles
and failures. Nothing here raises on bad input: every problem becomes a
:class:`~newsprism.model.Failure` naming the file and the reason.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..model import Failure, RawArticle

__all__ = ["InputFile", "iter_inputs", "read_input", "FORMATS", "detect_format"]

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".arc": "warc",
    ".arc.gz": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
}
STDIN = "-"


@dataclass(frozen=True)
class InputFile:
    """One file to read: its path as the user gave it (``-`` for standard input)."""

    source: str
    size: int | None = None


def _suffix(name: str) -> str:
    lower = name.lower()
    for compound in (".warc.gz", ".arc.gz"):
        if lower.endswith(compound):
            return compound
    return os.path.splitext(lower)[1]


def iter_inputs(paths: Iterable[str]) -> Iterator[InputFile | Failure]:
    """Expand ``paths`` (files, directories walked in sorted order, ``-``) into inputs.

    Hidden files and folders (``.name``) inside a directory are skipped; a path that does
    not exist becomes a failure.
    """
    for raw in paths:
        path = str(raw)
        if path == STDIN:
            yield InputFile(STDIN)
            continue
        p = Path(path)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    full = os.path.join(root, name)
                    yield InputFile(full, _size(full))
        elif p.is_file():
            yield InputFile(path, _size(path))
        elif p.exists():
            yield Failure(path, "not a regular file or directory")
        else:
            yield Failure(path, "no such file or directory")


def _size(path: str) -> int | None:
    try:
        return os.stat(path).st_size
    except OSError:
        return None


def _format_size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def _read_bytes(item: InputFile, max_bytes: int) -> bytes:
    if item.source == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        with open(item.source, "rb") as handle:
            data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _TooBig(len(data) if item.size is None else item.size)
    return data


class _TooBig(Exception):
    def __init__(self, size: int):
        self.size = size


def detect_format(name: str, head: bytes) -> str:
    """The reader for a file: by its extension, else by sniffing its first bytes."""
    fmt = FORMATS.get(_suffix(name))
    if fmt == "feed":
        from .feeds import looks_like_feed

        if not looks_like_feed(head):
            fmt = "html" if b"<html" in head[:2048].lower() else "feed"
        return fmt
    if fmt:
        return fmt
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048]
    lower = start.lower()
    if start.startswith(b"WARC/"):
        return "warc"
    if start[:1] in (b"{", b"["):
        first_line = start.split(b"\n", 1)[0].strip()
        return "jsonl" if first_line.startswith(b"{") and first_line.endswith(b"}") and b"\n{" in start else "json"
    if start.startswith(b"<"):
        from .feeds import looks_like_feed

        if looks_like_feed(start):
            return "feed"
        if lower.startswith((b"<!doctype html", b"<html")) or b"<body" in lower or b"<p" in lower:
            return "html"
    return "txt"


def read_input(item: InputFile, *, max_bytes: int) -> list[RawArticle | Failure]:
    """Everything one input file holds: its articles and, for what could not be read, failures."""
    name = item.source
    if item.size is not None and item.size > max_bytes:
        return [Failure(name, f"file is {_format_size(item.size)}, over the {_format_size(max_bytes)} size limit (raise max_bytes / --max-size to read it)")]
    try:
        data = _read_bytes(item, max_bytes)
    except _TooBig as exc:
        return [Failure(name, f"file is {_format_size(exc.size)}, over the {_format_size(max_bytes)} size limit (raise max_bytes / --max-size to read it)")]
    except OSError as exc:
        return [Failure(name, f"cannot read: {exc.strerror or exc}")]
    if not data:
        return [Failure(name, "empty file")]
    inner = name
    lower = name.lower()
    if lower.endswith(".gz") and not lower.endswith((".warc.gz", ".arc.gz")):
        try:
            data = _gunzip(data, max_bytes)
        except _TooBig:
            return [Failure(name, f"decompressed content is over the {_format_size(max_bytes)} size limit")]
        except (OSError, EOFError, zlib.error) as exc:
            return [Failure(name, f"truncated or corrupt gzip: {exc}")]
        inner = name[:-3]
    fmt = detect_format(inner, data[:4096])
    try:
        return list(_reader(fmt)(data, name))
    except RecursionError:
        return [Failure(name, f"input nests too deeply for the {fmt} reader")]


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
        out = handle.read(max_bytes + 1)
    if len(out) > max_bytes:
        raise _TooBig(len(out))
    return out


def _reader(fmt: str):  # type: ignore[no-untyped-def]
    if fmt == "txt":
        from .text import read_text

        return read_text
    if fmt == "html":
        from .html import read_html

        return read_html
    if fmt == "warc":
        from .warc import read_warc

        return read_warc
    if fmt == "feed":
        from .feeds import read_feed

        return read_feed
    from . import records

    return {"jsonl": records.read_jsonl, "json": records.read_json, "csv": records.read_csv}[fmt]
