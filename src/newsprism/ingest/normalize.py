"""Normalise decoded text once, at ingest, keeping a map back to the decoded offsets.

The normalised text is what every span points into. Each rule is a regular-expression
rewrite; :class:`OffsetMap` composes them so ``to_source(i)`` gives, for any offset of the
normalised text, the offset of the same character in the text the reader produced.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

__all__ = ["normalize_text", "Normalized", "OffsetMap"]

# Spaces that are not U+0020 (no-break, thin, figure, ideographic, ...), and tabs.
_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Characters that carry nothing visible: zero-width space/joiners, BOM, soft hyphen.
_INVISIBLE = "\u200b\u2060\ufeff\u00ad"
_NON_ASCII_RUN = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\u0085\x0b\x0c]")
_INVISIBLES = re.compile(f"[{_INVISIBLE}]+")
# Only runs that change: two or more spaces, or any other kind of space.
_SPACE_RUNS = re.compile(f" {{2,}}|[ ]*[{_SPACES}][ {_SPACES}]*")
_SPACE_AROUND_NEWLINE = re.compile(r" +\n *|\n +")
_BLANK_LINES = re.compile(r"\n{3,}")
# A sentence end glued to the next sentence: "commander.At", "sincerity.“The", "continue.”In".
# The character before the stop is lower case or a digit, so "U.S.", "e.g." in
# "e.g.," or domain names ("khamenei.ir") are left alone.
_GLUED = re.compile(r"(?<=[a-z0-9\)][.!?])(?P<close>[”’\"')]?)(?P<next>[“‘\"]?[A-Z])")


@dataclass
class OffsetMap:
    """Maps offsets of a rewritten text back to the text before the rewrites.

    Each rewrite is stored as sorted breakpoints ``(new_start, old_start)``: between two
    breakpoints offsets move together; inside a replaced piece they point at its start.
    """

    _passes: list[tuple[list[int], list[int], list[int]]] = field(default_factory=list)

    def add(self, new_starts: list[int], old_starts: list[int], new_lengths_equal: list[int]) -> None:
        self._passes.append((new_starts, old_starts, new_lengths_equal))

    def to_source(self, offset: int) -> int:
        for new_starts, old_starts, linear in reversed(self._passes):
            i = bisect.bisect_right(new_starts, offset) - 1
            if i < 0:
                continue
            delta = offset - new_starts[i]
            offset = old_starts[i] + (delta if linear[i] else 0)
        return offset


@dataclass(frozen=True)
class Normalized:
    text: str
    offsets: OffsetMap

    def to_source(self, offset: int) -> int:
        return self.offsets.to_source(offset)


def _rewrite(text: str, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str], offsets: OffsetMap) -> str:
    pieces: list[str] = []
    new_starts: list[int] = [0]
    old_starts: list[int] = [0]
    linear: list[int] = [1]
    last = 0
    out = 0
    for match in pattern.finditer(text):
        replacement = repl(match)
        if replacement == match.group(0):
            continue
        pieces.append(text[last : match.start()])
        out += match.start() - last
        # The common prefix and suffix of match and replacement move linearly (an inserted
        # space shifts the letters after it); only the changed middle is collapsed.
        whole = match.group(0)
        limit = min(len(whole), len(replacement))
        prefix = 0
        while prefix < limit and whole[prefix] == replacement[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and whole[-1 - suffix] == replacement[-1 - suffix]:
            suffix += 1
        if len(replacement) - prefix - suffix > 0:
            new_starts.append(out + prefix)
            old_starts.append(match.start() + prefix)
            linear.append(0)
        pieces.append(replacement)
        out += len(replacement)
        new_starts.append(out - suffix)
        old_starts.append(match.end() - suffix)
        linear.append(1)
        last = match.end()
    if last == 0 and not pieces:
        return text
    pieces.append(text[last:])
    offsets.add(new_starts, old_starts, linear)
    return "".join(pieces)


def _glued(match: re.Match[str], text: str) -> str:
    close, nxt = match.group("close"), match.group("next")
    whole = match.group(0)
    if close == '"':
        # A straight quote after a stop closes a quotation when the paragraph so far
        # holds an odd number of them; otherwise it opens the next sentence.
        para_start = text.rfind("\n", 0, match.start()) + 1
        if text.count('"', para_start, match.start()) % 2 == 0:
            return " " + whole
    if close:
        return close + " " + nxt
    return " " + whole


def normalize_text(text: str) -> Normalized:
    """NFC, one kind of line break and space, no invisible characters, no glued sentences.

    Paragraph breaks survive: a single newline stays a newline, runs of blank lines become
    one blank line. Leading and trailing whitespace is dropped.
    """
    offsets = OffsetMap()
    if not unicodedata.is_normalized("NFC", text):
        # Compose runs of non-ASCII characters (with the ASCII letter a combining mark
        # may attach to), so the offset map knows where composed characters came from.
        text = _rewrite(text, _NON_ASCII_RUN, lambda m: unicodedata.normalize("NFC", m.group(0)), offsets)
    text = _rewrite(text, _LINE_BREAKS, lambda m: "\n", offsets)
    text = _rewrite(text, _INVISIBLES, lambda m: "", offsets)
    text = _rewrite(text, _SPACE_RUNS, lambda m: " ", offsets)
    text = _rewrite(text, _SPACE_AROUND_NEWLINE, lambda m: "\n", offsets)
    text = _rewrite(text, _BLANK_LINES, lambda m: "\n\n", offsets)
    current = text
    text = _rewrite(current, _GLUED, lambda m: _glued(m, current), offsets)
    stripped = text.strip()
    if stripped != text:
        lead = len(text) - len(text.lstrip())
        offsets.add([0], [lead], [1])
        text = stripped
    return Normalized(text, offsets)
