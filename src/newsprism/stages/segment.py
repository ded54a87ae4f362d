"""Sentence segmentation: paragraphs by line breaks, sentences by spaCy's ``senter``.

Only the small statistical sentence recogniser runs (not the parser), so segmentation
costs a fraction of a full parse. Sentences never cross a paragraph break.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from ..model import Analysis, Sentence
from ..nlp import SpacyStage

__all__ = ["Segmenter", "paragraph_spans"]

_PARAGRAPH = re.compile(r"[^\n]+")
# spaCy's default max_length is 1,000,000 characters; long paragraphs are cut in pieces at
# whitespace well below that so memory stays flat.
_MAX_PIECE = 100_000


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-empty line, stripped of surrounding spaces."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > _MAX_PIECE:
        cut = text.rfind(" ", start, start + _MAX_PIECE)
        if cut <= start:
            cut = start + _MAX_PIECE
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


class Segmenter(SpacyStage):
    """Split an article's text into paragraphs and sentences."""

    name = "segment"
    version = "2"

    purpose = "senter"
    default_batch_size = 256

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        analyses = list(analyses)
        jobs: list[tuple[int, int, int, int]] = []  # (analysis index, paragraph, start, end)
        for i, analysis in enumerate(analyses):
            text = analysis.article.text
            for p, (start, end) in enumerate(paragraph_spans(text)):
                for piece_start, piece_end in _pieces(text, start, end):
                    jobs.append((i, p, piece_start, piece_end))
        found: list[list[Sentence]] = [[] for _ in analyses]
        texts = (analyses[i].article.text[s:e] for i, _p, s, e in jobs)
        for (i, p, start, _end), doc in zip(jobs, self.nlp.pipe(texts, batch_size=self.batch_size)):
            for sent in doc.sents:
                s, e = start + sent.start_char, start + sent.end_char
                text = analyses[i].article.text
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if s < e:
                    found[i].append(Sentence(len(found[i]), s, e, p))
        for analysis, sentences in zip(analyses, found):
            sentences = _marks_to_next(analysis.article.text, sentences)
            yield analysis.with_stage(self.name, self.version, sentences=tuple(sentences))


# An opening quotation mark the sentence recogniser left at the end of the sentence before
# the quotation ("… should be repealed. ''The like-kind rule …'' Mr. Rosenthal said.").
_TRAILING_OPENER = re.compile(r"\s(''|[“«„\"‘])$")


def _marks_to_next(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """``sentences`` with an opening mark at the end of one moved to the next sentence of
    the same paragraph, which it opens."""
    out = list(sentences)
    for k in range(len(out) - 1):
        here, after = out[k], out[k + 1]
        m = _TRAILING_OPENER.search(text, here.start, here.end)
        if m is None or here.paragraph != after.paragraph or text[here.end : after.start].strip():
            continue
        out[k] = Sentence(here.index, here.start, m.start(), here.paragraph)
        out[k + 1] = Sentence(after.index, m.start(1), after.end, after.paragraph)
    return out
