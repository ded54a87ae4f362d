"""Quotation marks: every quoted stretch of an article, however the marks are typed.

Handles “…”, "…", ‘…’, «…», „…“, a quotation running over several paragraphs (an
opening mark at the start of each, the closing one only at the end), a straight quote
closing a curly one, and unclosed marks (the quotation then ends with its paragraph).
Apostrophes (Soleimani’s, don’t) are never taken for marks.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Quoted", "find_quoted"]

_CLOSERS = {"“": "”\"", '"': '"”', "‘": "’'", "'": "'’", "«": "»", "„": "“”\"", "‹": "›"}


@dataclass(frozen=True)
class Quoted:
    """A quoted stretch: marks at ``open`` and ``close`` (None when unclosed), content
    ``start:end`` between them, trimmed of spaces."""

    open: int
    close: int | None
    start: int
    end: int
    mark: str


def _is_opener(text: str, i: int) -> bool:
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in "“«„‹":
        return not after.isspace()
    if ch in "‘'\"":
        # at a word start, and not an apostrophe or a closing mark
        return (before.isspace() or before in "([{—–-/:;,“\"") and not after.isspace() and after != ch
    return False


def _is_closer(text: str, i: int, opener: str) -> bool:
    ch = text[i]
    if ch not in _CLOSERS[opener]:
        return False
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in "’'":
        # an apostrophe sits between letters ("don’t", "Soleimani’s")
        return not after.isalnum()
    return True


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quoted(text: str) -> list[Quoted]:
    """Every quoted stretch of ``text`` in order (outermost quotations only)."""
    found: list[Quoted] = []
    i, n = 0, len(text)
    while i < n:
        if not (text[i] in "“«„‹‘'\"" and _is_opener(text, i)):
            i += 1
            continue
        opener, start = text[i], i
        j = i + 1
        close = None
        while j < n:
            ch = text[j]
            if ch == "\n":
                # A quotation goes on into the next paragraph only when that one opens with the same mark.
                k = j
                while k < n and text[k].isspace():
                    k += 1
                if k < n and text[k] == opener:
                    j = k + 1
                    continue
                break
            if _is_closer(text, j, opener):
                close = j
                break
            j += 1
        end = close if close is not None else j
        content_start, content_end = _trim(text, start + 1, end)
        if content_end > content_start:
            found.append(Quoted(start, close, content_start, content_end, opener))
        i = (close + 1) if close is not None else j
    return found
