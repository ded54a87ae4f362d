"""An article's text cut into segments, each carrying every annotation layer over it.

Annotations overlap (a quote holds a speaker's name, a reused passage holds quotes), so
the text is cut at every span boundary and each piece lists the layers that cover it.
The template renders each piece as one element; nothing here builds HTML.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Iterable

__all__ = ["Layer", "segments"]


@dataclass(frozen=True)
class Layer:
    """One annotation: a CSS class over ``start:end``, with an optional note and a link
    ``(page kind, key)``, e.g. ``("entities", id)``."""

    start: int
    end: int
    css: str
    note: str | None = None
    link: tuple[str, str] | None = field(default=None, compare=False)


def segments(text: str, layers: Iterable[Layer]) -> list[dict[str, Any]]:
    """Consecutive pieces of ``text`` covering all of it: ``{start, end, text, classes,
    notes, link}``, where ``classes`` and ``notes`` come from every layer covering the
    piece (in the order given) and ``link`` from the first covering layer that has one."""
    spans = [x for x in layers if 0 <= x.start < x.end <= len(text)]
    cuts = sorted({0, len(text), *(x.start for x in spans), *(x.end for x in spans)})
    cover: list[list[Layer]] = [[] for _ in cuts[:-1]]
    for layer in spans:
        for i in range(bisect.bisect_left(cuts, layer.start), bisect.bisect_left(cuts, layer.end)):
            cover[i].append(layer)
    out = []
    for i, (start, end) in enumerate(zip(cuts, cuts[1:])):
        on = cover[i]
        classes = list(dict.fromkeys(x.css for x in on))
        notes = list(dict.fromkeys(x.note for x in on if x.note))
        link = next((list(x.link) for x in on if x.link), None)
        out.append({"start": start, "end": end, "text": text[start:end], "classes": classes, "notes": notes, "link": link})
    return out
