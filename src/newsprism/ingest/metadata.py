"""Metadata found in an article's own words: datelines and credit lines.

Each finder looks at the normalised text and returns what it found with the words that
gave it, so the outlet of an article is never a silent guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Dateline", "find_dateline", "find_credit_outlet"]

_DASH = r"(?:[–—]|-{1,2})"
# "TEHRAN (Tasnim) –", "WASHINGTON, Jan. 3 (AP) —", "LONDON (Reuters) -"
_PLACE_AND_OUTLET = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{1,40}?)(?:,[^()\n]{1,40})?\s*\((?P<outlet>[^()\n]{2,60})\)\s*" + _DASH + r"\s"
)
# "TEHRAN –": a place in capitals and a dash.
_PLACE_ONLY = re.compile(r"^(?P<place>[A-Z][A-Z.'’ -]{2,40}?)(?:,[^\n–—]{1,40})?\s+" + _DASH + r"\s")
# "Islam Times -": a short name in mixed case (each word capitalised) and a dash.
_OUTLET_ONLY = re.compile(r"^(?P<outlet>(?:[A-Z][\w&'’.]*\s){0,4}[A-Z][\w&'’.]*)\s+" + _DASH + r"\s")
# "All Content by Mehr News Agency is licensed under a Creative Commons ..."
_CREDIT_LICENSED = re.compile(
    r"\bAll (?:content|contents|material|rights)\b[^.\n]{0,30}?\bby (?P<outlet>[A-Z][\w&'’. -]{1,60}?) (?:is|are) (?:licensed|published|protected)",
    re.IGNORECASE,
)
# "© 2024 Harbour Herald. All rights reserved." / "Copyright 2021 Example News"
_CREDIT_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|Copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<outlet>[A-Z][\w&'’ -]{1,60}?)\s*(?:\.|,|;|\n|$|All rights)",
)


@dataclass(frozen=True)
class Dateline:
    place: str | None
    outlet: str | None
    text: str


def find_dateline(text: str) -> Dateline | None:
    """The dateline that opens ``text``, if any: place, outlet or both."""
    head = text[:200]
    match = _PLACE_AND_OUTLET.match(head)
    if match:
        return Dateline(match["place"].strip(), match["outlet"].strip(), match.group(0).strip())
    match = _PLACE_ONLY.match(head)
    if match and any(ch.isalpha() for ch in match["place"]):
        return Dateline(match["place"].strip(), None, match.group(0).strip())
    match = _OUTLET_ONLY.match(head)
    if match and not match["outlet"].isupper():
        return Dateline(None, match["outlet"].strip(), match.group(0).strip())
    return None


def find_credit_outlet(text: str) -> tuple[str, str] | None:
    """``(outlet, words)`` from a licence or copyright line near the end of ``text``."""
    tail_start = max(0, len(text) - 600)
    tail = text[tail_start:]
    for pattern in (_CREDIT_LICENSED, _CREDIT_COPYRIGHT):
        matches = list(pattern.finditer(tail))
        if matches:
            match = matches[-1]
            outlet = match["outlet"].strip(" .,-")
            if outlet and not outlet.isdigit():
                return outlet, match.group(0).strip()
    return None
