"""Linking helpers of the quote stage: which pronoun may refer to whom, and how the
attribution tagger's loose spans become (content, cue, source) triples."""

from __future__ import annotations

import bisect
import dataclasses
import re
from typing import Callable

from ..model import Mention
from .lexicon import BELIEF_VERBS, SPEECH_VERBS

__all__ = ["CONFIDENT_CUE", "CONFIDENT_PAIR", "MIN_SOURCE_SCORE", "agrees", "link_tagged", "reports"]

# A model cue without a reporting verb ("has learned", "shows", a colon) is kept when the
# tagger is this sure of it (mean tag probability).
CONFIDENT_CUE = 0.75
# ... or when the mean probability of the cue and its content together is at least this.
CONFIDENT_PAIR = 0.7
# A model source is taken when the tagger is at least this sure of it (chosen on PolNeAR
# dev for the tagger of 2026-12-07: source exact F1 80.46 with every source, 80.86 at
# 0.65, 80.80 at 0.7, 79.97 at 0.8; cue and content within 0.02).
MIN_SOURCE_SCORE = 0.65

# A reporting verb the tagger carries on into the place or time after it ("Khamenei said
# [in] the meeting"): the preposition is not the cue's.
_CUE_PLACE = re.compile(r"(said|says|say|told|tells|stated|states|added|adds|noted|notes|wrote|writes|explained|explains|"
                        r"declared|declares)\s+(?:in|at|on|during)", re.IGNORECASE)


def _cue_without_place(text: str, cue):  # type: ignore[no-untyped-def]
    """``cue`` without a preposition of place or time after its verb (:data:`_CUE_PLACE`)."""
    m = _CUE_PLACE.fullmatch(text, cue.start, cue.end)
    return dataclasses.replace(cue, end=m.end(1)) if m else cue


def reports(sent, start: int, end: int) -> bool:  # type: ignore[no-untyped-def]
    """Whether the cue words ``start:end`` report speech or thought (a reporting or belief
    verb, "according to"): the model also tags cues like "is planning" or "proved"."""
    for token in sent:
        if start <= token.idx < end:
            lemma = token.lemma_.lower()
            if lemma in SPEECH_VERBS or lemma in BELIEF_VERBS or token.lower_ == "according":
                return True
    return False


_FEMININE = ("ms.", "mrs.", "miss", "ms", "mrs", "madam", "dame", "lady", "queen", "princess", "she", "her", "hers")
_MASCULINE = ("mr.", "mr", "sir", "lord", "king", "prince", "he", "him", "his")


def agrees(gender: str, chain: int, mentions: list[Mention]) -> bool:
    """Whether a pronoun of ``gender`` ("m", "f", "p") can refer to ``chain``: no title or
    pronoun already tied to the chain says otherwise. Plural "they" takes nobody here."""
    if gender == "p":
        return False
    clash = _FEMININE if gender == "m" else _MASCULINE
    for m in mentions:
        if m.chain == chain and m.text.split()[0].lower() in clash:
            return False
    return True


def sentence_locator(sentences: list) -> Callable[[int], int]:  # type: ignore[type-arg]
    """``index(offset)``: the sentence holding a character offset (binary search; an
    offset past the end belongs to the last sentence)."""
    starts = [sent.start_char for sent in sentences]

    def index(offset: int) -> int:
        return min(max(bisect.bisect_right(starts, offset) - 1, 0), max(len(starts) - 1, 0))

    return index


def link_tagged(tagged: list, sentences: list) -> list:  # type: ignore[no-untyped-def]
    """``(content, cue, source or None)`` from the model's spans: each content of two words
    or more, with the nearest cue in its own sentences (else in the sentence just before or
    after, when no other content sits there: "He was blunt. The country, he said, …") and
    the source nearest that cue in the cue's sentence. A cue without a reporting verb is
    kept when the tagger is sure of it (:data:`CONFIDENT_CUE`) or of it and the content
    together (:data:`CONFIDENT_PAIR`). A content with no cue is dropped (quotations whose
    cue stands further away are the quotation-mark rules' to find)."""
    sentence_index = sentence_locator(sentences)

    text = sentences[0].doc.text if sentences else ""

    def content_text(span) -> str:  # type: ignore[no-untyped-def]
        return text[span.start : span.end]

    by_label: dict[str, list] = {"source": [], "cue": [], "content": []}
    for span in tagged:
        by_label[span.label].append(_cue_without_place(text, span) if span.label == "cue" else span)
    content_sentences = [(sentence_index(c.start), sentence_index(c.end - 1)) for c in by_label["content"]]

    def gap(a, b) -> int:  # type: ignore[no-untyped-def]
        return min(abs(a.start - b.end), abs(b.start - a.end))

    # Each cue's nearest content of two words or more (by index into the contents).
    long_contents = [k for k, c in enumerate(by_label["content"]) if len(content_text(c).split()) >= 2]
    nearest_content = {id(cue): min(long_contents, key=lambda k: gap(cue, by_label["content"][k]))
                       for cue in by_label["cue"] if long_contents}
    links = []
    for k, content in enumerate(by_label["content"]):
        if len(content_text(content).split()) < 2:
            continue
        first, last = content_sentences[k]
        cues = [c for c in by_label["cue"] if first <= sentence_index(c.start) <= last and not (content.start <= c.start < content.end)]
        if not cues:
            cues = [c for c in by_label["cue"] if sentence_index(c.start) in (first - 1, last + 1)
                    and not any(j != k and a <= sentence_index(c.start) <= b for j, (a, b) in enumerate(content_sentences))]
        if not cues:
            continue
        # The nearest cue, among those this content is the nearest content of where there
        # are any: in "Putney told CNN that A, but he said B", "said" is B's, not A's.
        own = [c for c in cues if nearest_content.get(id(c)) == k]
        cue = min(own or cues, key=lambda c: gap(c, content))
        home = sentence_index(cue.start)
        if not (reports(sentences[home], cue.start, cue.end) or cue.score >= CONFIDENT_CUE
                or (cue.score + content.score) / 2 >= CONFIDENT_PAIR):
            continue
        sources = [x for x in by_label["source"] if sentence_index(x.start) == home and not (content.start <= x.start < content.end)
                   and x.score >= MIN_SOURCE_SCORE]
        source = min(sources, key=lambda x: min(abs(x.start - cue.end), abs(cue.start - x.end)), default=None)
        links.append((content, cue, source))
    return links
