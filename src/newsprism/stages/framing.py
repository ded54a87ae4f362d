"""Framing words in one article: loaded language and what happened to whom, with voice.

Two kinds of :class:`~newsprism.model.FramingTerm`:

- lexicon hits: the Recasens et al. (2013) lists, matched on a token's lemma or its
  lower-cased form, multi-word entries ("find out") on consecutive tokens. Hedges,
  factive, assertive and implicative verbs ship in ``newsprism/data/lexicons``; the bias
  lexicon is evaluation data and is read where the shared bench data lies
  (:func:`bias_lexicon_path`); without it the stage finds no ``bias`` words, says so in
  the log and in its version, and everything else is unchanged;
- acts: a word naming a happening done to (or by) an entity the article mentions, read
  off the parse: "the killing **of** Qasem Soleimani", "Soleimani's “martyrdom”", "his
  death", "the strike that killed Soleimani", "he was martyred". Its ``family`` is the
  kind of happening (``death``), so "martyrdom", "assassination" and "killing" of one
  person can be compared across outlets.

Each term carries the voice it is written in (:class:`VoiceSpans`): ``quoted`` inside a
speaker's verbatim words (a direct or partial quote, an embedded post), which are the
speaker's and not the outlet's; ``reported`` inside indirect speech, which reports a claim
in the outlet's own wording; ``own`` everywhere else. Framing counts read the outlet's
words (``own`` and ``reported``), never the ``quoted``. Scare-quoted words stay the
outlet's own and are marked ``scare``.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import ConfigError
from ..model import Analysis, FramingTerm, Mention, Quote, stored_parts
from .timex import happening

logger = logging.getLogger(__name__)

__all__ = ["LEXICONS", "bias_lexicon_path", "load_lexicon", "act_family", "VERBATIM", "VoiceSpans", "Cover", "inside", "find_framing", "FramingFinder"]

# kind -> file (in newsprism/data/lexicons; the bias lexicon in the shared bench data)
LEXICONS = {
    "bias": "npov_lexicon.txt",
    "hedge": "hedges_hyland2005.txt",
    "factive": "factives_hooper1975.txt",
    "assertive": "assertives_hooper1975.txt",
    "implicative": "implicatives_karttunen1971.txt",
}

# Lemmas of verbs naming a happening done to someone; the happening nouns and participles
# ("martyrdom", "killed") come from the time-expression stage's list.
_ACT_VERBS = {
    "kill": "death", "martyr": "death", "assassinate": "death", "murder": "death", "slay": "death",
    "execute": "death", "die": "death", "eliminate": "death", "attack": "attack", "strike": "attack",
    "bomb": "attack", "shoot": "attack", "target": "attack", "raid": "attack",
}
_ACT_NOUNS = {"elimination": "death", "liquidation": "death", "targeting": "attack"}
_OBJECT_PREPS = {"of", "on", "against"}
_ENTITY_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}


BIAS_LEXICON_ENV = "NEWSPRISM_BIAS_LEXICON"
_BIAS_IN_SHARED = Path("bench", "framing", "recasens2013_lexicons", "npov_lexicon.txt")


def bias_lexicon_path() -> tuple[Path, bool]:
    """Where the bias lexicon is read from, and whether the user named it: the file in
    ``$NEWSPRISM_BIAS_LEXICON``, else ``bench/framing/recasens2013_lexicons/npov_lexicon.txt``
    under ``$NEWSPRISM_SHARED`` or the ``shared`` folder beside the repository."""
    named = os.environ.get(BIAS_LEXICON_ENV)
    if named:
        return Path(named), True
    shared = os.environ.get("NEWSPRISM_SHARED") or Path(__file__).resolve().parents[3].parent / "shared"
    return Path(shared) / _BIAS_IN_SHARED, False


def _lexicon_text(kind: str) -> str | None:
    if kind != "bias":
        return resources.files("newsprism").joinpath("data/lexicons", LEXICONS[kind]).read_text(encoding="utf-8")
    path, named = bias_lexicon_path()
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        if named:
            raise ConfigError(f"{BIAS_LEXICON_ENV}={path}: cannot read the bias lexicon ({exc.strerror or exc}); "
                              "point it at npov_lexicon.txt or unset it") from None
        logger.warning("framing: no bias lexicon at %s (set %s or NEWSPRISM_SHARED); bias words are not counted",
                       path, BIAS_LEXICON_ENV)
        return None


@lru_cache(maxsize=None)
def load_lexicon(kind: str) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """The single-word entries and the multi-word entries (as word tuples) of a lexicon;
    empty for the bias lexicon where it cannot be found (see :func:`bias_lexicon_path`)."""
    text = _lexicon_text(kind)
    if text is None:
        return frozenset(), ()
    words: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    for line in text.splitlines():
        entry = line.strip().lower()
        if not entry or entry.startswith("#"):
            continue
        parts = tuple(entry.split())
        if len(parts) == 1:
            words.add(parts[0])
        else:
            phrases.add(parts)
    return frozenset(words), tuple(sorted(phrases, key=lambda p: (-len(p), p)))


def act_family(token) -> str | None:  # type: ignore[no-untyped-def]
    """The kind of happening a token names, if it names one ("killed" -> ``death``)."""
    lemma = token.lemma_.lower()
    if token.pos_ in ("NOUN", "VERB", "ADJ", "PROPN"):
        return (happening(token.lower_) or _ACT_NOUNS.get(lemma)
                or (_ACT_VERBS.get(lemma) if token.pos_ == "VERB" else None))
    return None


VERBATIM = frozenset({"direct", "partial", "embedded"})


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


class VoiceSpans:
    """Where an article quotes a speaker verbatim and where it reports speech indirectly.

    Built from quotes: :class:`~newsprism.model.Quote` objects or stored quote rows
    (dicts), anything with ``start``, ``end`` and ``kind``. Content in pieces (``content_parts``,
    a tuple or, in a stored row, its JSON) is those pieces: the words that attribute it
    between them are the writer's."""

    def __init__(self, quotes: Iterable[object]):
        spans = [(s, e, kind) for q in quotes for s, e, kind in _pieces(q)]
        self.quoted = _merge((s, e) for s, e, kind in spans if kind in VERBATIM)
        self.reported = _merge((s, e) for s, e, kind in spans if kind not in VERBATIM)
        # Quoted and reported words together, each character once: a partial quote lies
        # inside the reported clause that holds it.
        self.attributed = _merge((s, e) for s, e, _ in spans)
        self._quoted, self._reported = Cover(self.quoted), Cover(self.reported)

    def is_quoted(self, start: int, end: int) -> bool:
        """Whether the words at ``start:end`` are quoted verbatim (``voice`` "quoted")."""
        return self._quoted.holds(start, end)

    def voice(self, start: int, end: int) -> str:
        """``quoted``, ``reported`` or ``own`` for the words at ``start:end``."""
        if self.is_quoted(start, end):
            return "quoted"
        if self._reported.holds(start, end):
            return "reported"
        return "own"


def _pieces(q: Any) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of each piece of the quote ``q``'s content."""
    if isinstance(q, dict):
        parts = q.get("content_parts")
        parts = stored_parts(parts) if isinstance(parts, str) else parts
        return [(s, e, q["kind"]) for s, e in parts] if parts else [(q["start"], q["end"], q["kind"])]
    parts = getattr(q, "content_parts", None)
    return [(s, e, q.kind) for s, e in parts] if parts else [(q.start, q.end, q.kind)]


def inside(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` lies wholly within one of ``spans``."""
    return any(s <= start and end <= e for s, e in spans)


class Cover:
    """:func:`inside` for many questions about one set of spans, each in O(log n): the
    spans sorted by start, with the furthest end reached by any span starting so far."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach = list(itertools.accumulate((e for _, e in ordered), max))

    def holds(self, start: int, end: int) -> bool:
        """Whether ``start:end`` lies wholly within one of the spans."""
        i = bisect.bisect_right(self._starts, start)
        return i > 0 and self._reach[i - 1] >= end


def _lexicon_hits(doc, text: str, voices: VoiceSpans, scare: list[tuple[int, int]]) -> list[FramingTerm]:  # type: ignore[no-untyped-def]
    """Each lexicon's entries in the text: its phrases first, then its single words on
    the tokens left. Phrases go longest first, and among phrases of one length those met by
    their lemmas before those met by their lower-cased form, as single words are (so
    "tends to" is the entry "tend to" where a lexicon has both); a token belongs to one
    phrase hit at most."""
    found: list[FramingTerm] = []
    lowers = [t.lower_ for t in doc]
    lemmas = [t.lemma_.lower() for t in doc]
    alpha = [t.is_alpha for t in doc]
    starts: dict[str, list[int]] = {}  # word -> the tokens that are it by form or lemma
    for i, (low, lem) in enumerate(zip(lowers, lemmas)):
        starts.setdefault(low, []).append(i)
        if lem != low:
            starts.setdefault(lem, []).append(i)
    for kind in LEXICONS:
        words, phrases = load_lexicon(kind)
        taken: set[int] = set()
        for n in sorted({len(p) for p in phrases}, reverse=True):
            for forms in (lemmas, lowers):
                for phrase in (p for p in phrases if len(p) == n):
                    for i in sorted(set(starts.get(phrase[0], ()))):
                        if tuple(forms[i:i + n]) != phrase or any(j in taken for j in range(i, i + n)):
                            continue
                        taken.update(range(i, i + n))
                        found.append(_term(doc, text, i, i + n, " ".join(phrase), kind, voices, scare))
        for i, (low, lem) in enumerate(zip(lowers, lemmas)):
            if i in taken or not alpha[i]:
                continue
            entry = lem if lem in words else low if low in words else None
            if entry is not None:
                found.append(_term(doc, text, i, i + 1, entry, kind, voices, scare))
    return found


def _term(doc, text: str, i: int, j: int, entry: str, kind: str, voices: VoiceSpans,  # type: ignore[no-untyped-def]
          scare: list[tuple[int, int]], family: str | None = None, chain: int | None = None) -> FramingTerm:
    """The term on tokens ``i:j``; ``text`` is ``doc.text``, which spaCy rebuilds from every
    token each time it is asked for."""
    start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    return FramingTerm(start, end, text[start:end], entry, kind,
                       voice=voices.voice(start, end),
                       family=family, chain=chain, scare=inside(scare, start, end))


def _head(doc, mention: Mention):  # type: ignore[no-untyped-def]
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _act_of(head):  # type: ignore[no-untyped-def]
    """The token naming what is done to the entity whose mention has ``head``, if any."""
    dep = head.dep_
    if dep == "pobj" and head.head.lower_ in _OBJECT_PREPS and head.head.dep_ == "prep":
        return head.head.head
    if dep == "poss":
        return head.head
    if dep in ("nsubjpass", "dobj", "nsubj"):
        verb = head.head
        if dep == "nsubj" and verb.lemma_.lower() != "die":
            return None
        return verb
    if dep == "compound" and head.head.pos_ == "NOUN":  # "the Soleimani assassination"
        return head.head
    return None


def _acts(doc, text: str, mentions: list[Mention], voices: VoiceSpans, scare: list[tuple[int, int]]) -> list[FramingTerm]:  # type: ignore[no-untyped-def]
    found: dict[tuple[int, int | None], FramingTerm] = {}
    for m in mentions:
        if m.chain is None or m.type not in _ENTITY_TYPES:
            continue
        head = _head(doc, m)
        act = _act_of(head) if head is not None else None
        if act is None or m.start <= act.idx < m.end:
            continue
        family = act_family(act)
        if family is None:
            continue
        i = act.i
        if act.pos_ == "VERB" and act.i > 0 and doc[act.i - 1].dep_ == "auxpass":  # "was killed"
            i = act.i - 1
        term = _term(doc, text, i, act.i + 1, act.lower_, "act", voices, scare, family, m.chain)
        found.setdefault((act.i, m.chain), term)
    return sorted(found.values(), key=lambda t: (t.start, t.chain or 0))


def find_framing(doc, mentions: Iterable[Mention], quotes: Iterable[Quote],  # type: ignore[no-untyped-def]
                 scare_quotes: Iterable[tuple[int, int]]) -> list[FramingTerm]:
    """Every lexicon hit and act of one parsed article, in text order."""
    voices = VoiceSpans(quotes)
    scare = list(scare_quotes)
    text = doc.text
    terms = _lexicon_hits(doc, text, voices, scare) + _acts(doc, text, list(mentions), voices, scare)
    return sorted(terms, key=lambda t: (t.start, t.end, t.kind, t.chain or 0))


class FramingFinder:
    """The per-article stage: needs the parse, the mentions and the quotes."""

    name = "framing"

    @property
    def version(self) -> str:
        """``2``, or ``2-no-bias-lexicon`` where the bias lexicon was not found, so a
        store knows which articles were analysed without it. (Version 1 chose between two
        phrases of one length, "tend to" and "tends to", in an order that changed with
        Python's hash seed.)"""
        return "2" if load_lexicon("bias")[0] else "2-no-bias-lexicon"

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        for analysis in analyses:
            terms = find_framing(analysis.doc, analysis.mentions, analysis.quotes, analysis.scare_quotes)
            yield analysis.with_stage(self.name, self.version, framing=tuple(terms))
