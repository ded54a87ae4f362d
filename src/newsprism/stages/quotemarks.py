"""Quotation marks: every quoted stretch of an article, however the marks are typed.

Handles “…”, "…", ‘…’, «…», „…“, ''…'' (two apostrophes for each mark, as some archives
and wire feeds type them), a quotation running over several paragraphs (an opening mark
at the start of each, the closing one only at the end), a straight quote closing a curly
one, and unclosed marks (the quotation then ends with its paragraph). Apostrophes
(Soleimani’s, don’t) are never taken for marks.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Quoted", "find_quoted"]

_CLOSERS = {"“": "”\"", '"': '"”', "‘": "’'", "'": "'’", "«": "»", "„": "“”\"", "‹": "›"}
#: Two apostrophes typed for a double quotation mark: ''Hopefully,'' the president said.
_DOUBLED = "''"


@dataclass(frozen=True)
class Quoted:
    """A quoted stretch: marks at ``open`` and ``close`` (None when unclosed), content
    ``start:end`` between them, trimmed of spaces. A mark of two characters (``''``) is at
    ``open`` and ``open + 1``, and at ``close - 1`` and ``close``: ``text[open : close + 1]``
    is the quotation with its marks, whatever they are."""

    open: int
    close: int | None
    start: int
    end: int
    mark: str


def _is_opener(text: str, i: int) -> bool:
    ch = text[i]
    width = len(_DOUBLED) if text.startswith(_DOUBLED, i) else 1  # ''word: the mark is two apostrophes
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if ch in "“«„‹":
        return not after.isspace()
    if ch in "‘'\"":
        # at a word start, and not an apostrophe or a closing mark
        return (before.isspace() or before in "([{—–-/:;,“\"") and not after.isspace() and after != ch
    return False


def _is_closer(text: str, i: int, opener: str) -> bool:
    ch = text[i]
    if opener == _DOUBLED:
        # a single apostrophe ("isn't", a quotation inside) does not close it; of three in
        # a row ('This is their lives.''') the last two do
        return text.startswith(_DOUBLED, i) and not text.startswith("'''", i) and not text[i - 1].isspace()
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
        opener = _DOUBLED if text.startswith(_DOUBLED, i) else text[i]
        start = i
        j = i + len(opener)
        close = None
        while j < n:
            ch = text[j]
            if ch == "\n":
                # A quotation goes on into the next paragraph only when that one opens with the same mark.
                k = j
                while k < n and text[k].isspace():
                    k += 1
                if text.startswith(opener, k):
                    j = k + len(opener)
                    continue
                break
            if _is_closer(text, j, opener):
                close = j + len(opener) - 1
                break
            j += 1
        end = close - len(opener) + 1 if close is not None else j
        content_start, content_end = _trim(text, start + len(opener), end)
        if content_end > content_start:
            found.append(Quoted(start, close, content_start, content_end, opener))
        i = (close + 1) if close is not None else j
    return found
