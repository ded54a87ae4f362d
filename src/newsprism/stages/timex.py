"""Time expressions: every phrase of an article that names a day, a month or a span
relative to one ("January 3, 2020", "on Saturday", "yesterday", "two years ago", "a week
after the collapse", "the second anniversary of his martyrdom").

This stage only finds and parses the phrases (explicit dates are read with dateutil);
resolving a relative phrase needs the article's date and, for an anniversary, the date
the corpus knows for the happening it counts from, so :mod:`newsprism.corpus.dates` does it.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from ..ingest.dates import parse_metadata_date
from ..model import Analysis, TimeExpression

__all__ = ["TimeExpression", "TimeFinder", "find_times", "happening", "HAPPENINGS", "WEEKDAYS", "UNITS"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
UNITS = ("day", "week", "month", "year")
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "fifteenth": 15, "twentieth": 20,
             "twenty-fifth": 25, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100}

# Month names are matched capitalised only ("May 5", never the verb "may").
_MONTH = (r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:1[89]|20)\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER = r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"
_ORDINAL = r"(?P<ord>\d{1,3}(?:st|nd|rd|th)|" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r")"
# The happening a relative phrase counts from: a short noun phrase that stops at a preposition,
# a verb-like word or punctuation ("his martyrdom", "Soleimani's killing", "the collapse").
_ANCHOR = (r"(?P<anchor>(?:(?:the|his|her|their|its|this|that|last\s+year['’]s)\s+)?(?:[\w'’.-]+\s+){0,5}?"
           r"(?:[\w'’.-]+))")
_STOP = r"(?=\s*(?:[,.;:!?”\")]|$|\s(?:on|in|at|with|when|while|and|as|by|to|near|that|which|who|was|were|is|has|had|,)\b))"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("date", re.compile(r"\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b")),
    ("date", re.compile(r"\b" + _MONTH.format(g="m") + r"\s+" + _DAY.format(g="d") + r",?\s+" + _YEAR.format(g="y") + r"\b")),
    ("date", re.compile(r"\b" + _DAY.format(g="d") + r"\s+" + _MONTH.format(g="m") + r",?\s+" + _YEAR.format(g="y") + r"\b")),
    ("month_day", re.compile(r"\b" + _MONTH.format(g="m") + r"\s+" + _DAY.format(g="d") + r"\b(?![,\s]*\d)")),
    ("month_day", re.compile(r"\b" + _DAY.format(g="d") + r"\s+" + _MONTH.format(g="m") + r"\b(?![,\s]*\d)")),
    ("month", re.compile(r"\b" + _MONTH.format(g="m") + r",?\s+" + _YEAR.format(g="y") + r"\b")),
    ("anniversary", re.compile(
        r"(?i:\b(?:the\s+)?" + _ORDINAL + r"(?:[\s-]+year)?\s+(?P<pre>[a-z]+\s+)?anniversary\b(?:\s+of\s+" + _ANCHOR + _STOP + r")?)")),
    ("anniversary", re.compile(
        r"(?i:\b(?:the\s+)?" + _NUMBER + r"-year\s+(?P<pre>[a-z]+\s+)?anniversary\b(?:\s+of\s+" + _ANCHOR + _STOP + r")?)")),
    ("offset", re.compile(
        r"(?i:\b" + _NUMBER + r"\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|earlier|later|before|after|since)\b"
        r"(?:\s+" + _ANCHOR + _STOP + r")?)")),
    ("last", re.compile(r"(?i:\b(?P<mod>last|next|this|past)\s+(?P<unit>week|month|year)\b)")),
    ("relative", re.compile(r"(?i:\b(?P<rel>today|yesterday|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))\b)")),
    ("weekday", re.compile(
        r"\b(?:(?i:(?P<mod>last|next|this|on|early|late|by|until|since))\s+)?" + _WEEKDAY
        + r"(?:['’]s)?(?:\s+(?i:morning|afternoon|evening|night))?\b")),
]

_FUTURE = re.compile(r"\b(?:will|shall|is to|are to|is due|are due|due to|scheduled|planned for|plans to|is expected to|"
                     r"are expected to|would be held|is set to|are set to)\b[^.!?\n]{0,60}$", re.I)


def _month(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _ordinal(word: str) -> int:
    word = word.lower()
    return int(re.sub(r"\D", "", word)) if word[0].isdigit() else _ORDINALS[word]


# Nouns (and participles) that name a happening an anniversary or an offset counts from.
HAPPENINGS = {
    "death": ("martyrdom", "martyring", "martyred", "killing", "killed", "assassination", "assassinated", "death",
              "died", "murder", "murdered", "slaying", "slain", "passing", "demise", "execution", "executed"),
    "attack": ("attack", "attacks", "strike", "strikes", "bombing", "bombings", "shooting", "massacre", "raid"),
    "collapse": ("collapse", "collapsed", "failure", "failed", "disaster", "flood", "flooding", "breach",
                 "explosion", "blast", "earthquake", "crash", "fire"),
    "founding": ("founding", "founded", "foundation", "establishment", "independence", "revolution", "victory",
                 "liberation", "election", "inauguration", "signing", "wedding", "birth"),
}
_HAPPENING_OF = {word: key for key, words in HAPPENINGS.items() for word in words}


def happening(word: str) -> str | None:
    """The kind of happening ``word`` names ("martyrdom" and "killed" are both ``death``)."""
    return _HAPPENING_OF.get(word.lower().strip("'’.,"))


def _anchor(match: re.Match[str]) -> tuple[str, int] | None:
    """The anchor words and where they end: cut after the first happening noun unless an
    "of ..." follows it ("the martyrdom of the popular commander")."""
    anchor = match.groupdict().get("anchor")
    if not anchor:
        return None
    start = match.start("anchor")
    words = list(re.finditer(r"[^\s]+", anchor))
    keep = len(words)
    for i, w in enumerate(words):
        if happening(w.group(0)) and not (i + 1 < len(words) and words[i + 1].group(0).lower() == "of"):
            keep = i + 1
            break
    text = anchor[: words[keep - 1].end()].rstrip(".,;:")
    return text, start + len(text)


def _parse(kind: str, m: re.Match[str], text: str) -> TimeExpression | None:
    g = m.groupdict()
    start, end, words = m.start(), m.end(), m.group(0)
    if kind == "date":
        day = parse_metadata_date(words)  # dateutil, refusing to fill in a missing part
        if day is None:
            return None
        return TimeExpression(start, end, words, kind, year=day.year, month=day.month, day=day.day)
    if kind == "month_day":
        day_number = int(g["d"])
        if not 1 <= day_number <= 31:
            return None
        return TimeExpression(start, end, words, kind, month=_month(g["m"]), day=day_number)
    if kind == "month":
        return TimeExpression(start, end, words, kind, year=int(g["y"]), month=_month(g["m"]))
    if kind == "anniversary":
        count = _ordinal(g["ord"]) if g.get("ord") else _NUMBERS.get((g.get("n") or "").lower())
        if not count:
            return None
        found = _anchor(m)
        if found:
            anchor, end = found
            words = text[start:end]
        else:
            anchor = (g.get("pre") or "").strip() or None
        if g.get("pre") and found:
            anchor = f"{g['pre'].strip()} of {anchor}"  # "martyrdom anniversary of Soleimani"
        return TimeExpression(start, end, words, kind, shift=count, unit="year", anchor=anchor)
    if kind == "offset":
        n = g["n"].lower()
        count = int(n) if n.isdigit() else _NUMBERS.get(n)
        direction = g["dir"].lower()
        found = _anchor(m) if direction in ("after", "before", "since") else None
        if direction in ("after", "before", "since") and found is None:
            return None  # "two days after" with nothing after it counts from nothing we can name
        anchor = None
        if found:
            anchor, end = found
            words = text[start:end]
        else:
            end = m.start("dir") + len(g["dir"])
            words = text[start:end]
        sign = -1 if direction in ("ago", "earlier", "before") else 1
        return TimeExpression(start, end, words, kind, shift=None if count is None else sign * count,
                              unit=g["unit"].lower(), anchor=anchor, modifier=direction)
    if kind == "last":
        mod = g["mod"].lower()
        shift = {"last": -1, "past": -1, "next": 1, "this": 0}[mod]
        return TimeExpression(start, end, words, kind, shift=shift, unit=g["unit"].lower(), modifier=mod)
    if kind == "relative":
        rel = " ".join(g["rel"].lower().split())
        shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(rel, 0)
        return TimeExpression(start, end, words, kind, shift=shift, unit="day", modifier=rel)
    if kind == "weekday":
        mod = (g.get("mod") or "").lower() or None
        if mod is None or mod in ("on", "early", "late", "by", "until", "since"):
            sentence_start = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
            if _FUTURE.search(text[sentence_start:start]):
                mod = "next" if mod is None or mod == "on" else mod
        return TimeExpression(start, end, words, kind, weekday=WEEKDAYS.index(g["weekday"]), modifier=mod)
    raise ValueError(kind)


def find_times(text: str) -> list[TimeExpression]:
    """Every time expression in ``text``, in text order; where two overlap the earlier
    listed (more specific) pattern wins."""
    taken: list[tuple[int, int]] = []
    found: list[TimeExpression] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            expr = _parse(kind, m, text)
            if expr is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(expr)
    return sorted(found, key=lambda t: t.start)


class TimeFinder:
    """The per-article stage: ``Analysis.times`` from the article text."""

    name = "timex"
    version = "1"

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        for analysis in analyses:
            yield analysis.with_stage(self.name, self.version, times=tuple(find_times(analysis.article.text)))
