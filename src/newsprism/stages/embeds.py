"""Embedded posts as text extraction leaves them: the post's text, then
``— Name (@handle) Month D, YYYY`` (tweets), often with a pic.twitter.com or t.co link."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Embed", "find_embeds"]

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_SIGNATURE = re.compile(
    r"(?:^|\s)[—–-]{1,2}\s*(?P<author>[^\n—–()]{1,80}?)\s*\((?P<handle>@\w{1,30})\)\s*(?P<date>" + _MONTH + r"\s+\d{1,2},\s+\d{4})\s*$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Embed:
    """An embedded post: its text ``start:end``, its author's name and handle."""

    start: int
    end: int
    author: str
    author_start: int
    author_end: int
    handle: str
    date: str
    paragraph_start: int
    paragraph_end: int


def find_embeds(text: str) -> list[Embed]:
    """Every paragraph of ``text`` that ends with an embedded post's signature."""
    out = []
    previous: tuple[int, int] | None = None
    for match in re.finditer(r"[^\n]+", text):
        para_start, para_end = match.span()
        sig = _SIGNATURE.search(text, para_start, para_end)
        if sig is None or sig.end() != para_end:
            previous = (para_start, para_end)
            continue
        author_start, author_end = sig.span("author")
        # Flags and other symbols before a name ("🇮🇶Iraq & Middle East Updates").
        while author_start < author_end and not text[author_start].isalnum():
            author_start += 1
        start, end = para_start, sig.start()
        while start < end and text[start].isspace():
            start += 1
        if end <= start and previous is not None:
            # The signature on a paragraph of its own (a blockquote): the post is the paragraph before.
            start, end = previous
            para_start = start
        if end - start < 2 or author_start >= author_end:
            continue
        out.append(Embed(start, end, text[author_start:author_end], author_start, author_end, sig["handle"],
                         sig["date"], para_start, para_end))
        previous = None
    return out
