"""Plain-text articles: a title line, the ``date YYYY-MM-DD`` header, then the body."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from ..model import Failure, RawArticle
from .decode import DecodeError, decode_bytes

__all__ = ["read_text", "split_header"]

# The seeds' header: an optional space, "date", an ISO date, on the first line.
_DATE_HEADER = re.compile(r"^[ \t\ufeff]*date[ \t]+(\d{4})-(\d{2})-(\d{2})(?:[ \t]+|[ \t]*\r?\n)")
_TITLE_END_PUNCT = tuple(".,;:”\"’'")


def _looks_like_title(line: str) -> bool:
    """Short, starts like a heading, and does not end like a sentence or a quotation."""
    return (
        0 < len(line) <= 160
        and len(line.split()) <= 25
        and (line[0].isupper() or line[0].isdigit())
        and not line.endswith(_TITLE_END_PUNCT)
    )


def split_header(text: str) -> tuple[dt.date | None, str | None, str]:
    """``(published, title, body)`` of a plain-text article.

    The first line is a title when it is followed by more text, is short, and does not end
    like a sentence; it may follow the date header on its own line.
    """
    published = None
    match = _DATE_HEADER.match(text)
    if match:
        try:
            published = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            published = None
        else:
            text = text[match.end() :]
    stripped = text.lstrip()
    first, sep, rest = stripped.partition("\n")
    title = None
    if sep and rest.strip() and _looks_like_title(first.strip()):
        # A title stands alone: a blank line follows it, or the next line is a paragraph.
        if rest.startswith(("\n", "\r\n")) or len(rest.split("\n", 1)[0]) > len(first) * 1.5:
            title = first.strip()
            text = rest
    return published, title, text


def read_text(data: bytes, source: str) -> Iterator[RawArticle | Failure]:
    """One article from a plain-text file."""
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        yield Failure(source, str(exc))
        return
    published, title, body = split_header(text)
    if not body.strip():
        yield Failure(source, "no article text (the file holds only whitespace or a title)")
        return
    yield RawArticle(
        source=source,
        text=body,
        format="txt",
        title=title,
        published=published,
        published_evidence="metadata" if published else None,
    )
