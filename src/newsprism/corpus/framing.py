"""How each outlet words its coverage: labels, acts, scare quotes, loaded language and
distinctive terms, over the corpus and within each event.

Everything here counts the outlet's own words: text outside a speaker's verbatim quotes
and outside the outlet's boilerplate (indirect speech is the outlet's wording of a claim
and counts; see :mod:`newsprism.stages.framing`). Nothing is scored or rated: each figure
is a count of what the outlet wrote, with the articles it is in.

An article whose outlet is unknown is profiled under its source name (the URL's host, or
the file or container name), never dropped.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath
from typing import Any, Iterable, Mapping, NamedTuple, Sequence
from urllib.parse import urlsplit

from ..stages.framing import Cover, VoiceSpans
from .events import STOP_WORDS
from .logodds import log_odds

__all__ = ["FramingSettings", "FramedArticle", "Term", "outlet_name", "sentence_voices", "voices_of", "own_words", "terms_of",
           "ProfileParts", "distinctive", "alternations"]

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"'s$")
_LEXICON_KINDS = ("bias", "hedge", "factive", "assertive", "implicative")


@dataclass(frozen=True)
class FramingSettings:
    prior_strength: float = 500.0  # a_0 of the informative prior, in pseudo-words (Monroe et al. 2008)
    min_z: float = 1.96  # a distinctive term's z-score at least (two-sided 5%)
    min_count: int = 2  # and the outlet uses it at least this often
    top_terms: int = 25  # distinctive terms kept per outlet (and per outlet within an event)
    top_labels: int = 200  # labels kept per outlet


class Term(NamedTuple):
    """A stored framing term as the framing pass reads it (a compact row: a corpus has
    hundreds of thousands), with the entity its chain resolves to."""

    start: int
    end: int
    kind: str
    entry: str
    family: str | None
    scare: bool
    entity: str | None


@dataclass(frozen=True)
class FramedArticle:
    """One article as the framing pass sees it. ``mentions`` are (start, end, text, kind,
    entity) with the entity resolved by the entities pass (None where it is not);
    ``terms`` are stored framing terms with ``entity`` added; ``exclude`` the boilerplate."""

    id: str
    outlet: str
    text: str
    event: str | None = None
    sentences: tuple[tuple[int, int], ...] = ()
    quotes: tuple[Any, ...] = ()  # rows with start, end, kind, statement
    mentions: tuple[tuple[int, int, str, str, str | None], ...] = ()
    scare: tuple[tuple[int, int], ...] = ()
    terms: tuple[Term, ...] = ()
    exclude: tuple[tuple[int, int], ...] = ()
    voices: VoiceSpans = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "voices", VoiceSpans(self.quotes))

    def outlet_words(self, start: int, end: int) -> bool:
        """Whether ``start:end`` is the outlet's own wording (not verbatim quoted, not boilerplate)."""
        return not self.voices.is_quoted(start, end) and not self.excluded(start, end)

    def excluded(self, start: int, end: int) -> bool:
        """Whether ``start:end`` lies within the outlet's boilerplate."""
        return self._exclude.holds(start, end)

    @cached_property
    def _exclude(self) -> Cover:
        return Cover(self.exclude)

    @cached_property
    def sentence_voice(self) -> list[str]:
        """Each sentence's voice (see :func:`voices_of`), computed once."""
        return voices_of(self.sentences, self.voices)


def outlet_name(outlet: str | None, source: str, url: str | None = None) -> str:
    """The outlet's name, or else the name of the source the article came from."""
    if outlet:
        return outlet
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    return PurePosixPath(source.split("#", 1)[0].replace("\\", "/")).name or source


def sentence_voices(article: FramedArticle) -> list[str]:
    """Each sentence's voice (see :func:`voices_of`)."""
    return article.sentence_voice


def voices_of(sentences: Iterable[tuple[int, int]], voices: VoiceSpans) -> list[str]:
    """Each sentence's voice: ``own`` where under 20% of its characters are attributed
    (quoted or reported), ``quoted`` where 80% are quoted, ``reported`` where 80% are
    attributed and more of them reported than quoted, else ``mixed``."""
    out = []
    # The span lists are merged and sorted: the spans that reach into a sentence are a
    # run starting at the first one ending after its start.
    quoted_ends = [e for _, e in voices.quoted]
    reported_ends = [e for _, e in voices.reported]
    attributed_ends = [e for _, e in voices.attributed]
    for start, end in sentences:
        size = max(1, end - start)
        quoted = _overlap_total(voices.quoted, quoted_ends, start, end)
        reported = _overlap_total(voices.reported, reported_ends, start, end)
        # Characters, not spans: the words of a partial quote inside its reported clause count once.
        attributed = _overlap_total(voices.attributed, attributed_ends, start, end)
        if attributed < 0.2 * size:
            out.append("own")
        elif quoted >= 0.8 * size:
            out.append("quoted")
        elif attributed >= 0.8 * size and reported >= quoted:
            out.append("reported")
        else:
            out.append("mixed")
    return out


def _overlap_total(spans: Sequence[tuple[int, int]], ends: Sequence[int], start: int, end: int) -> int:
    """Characters of ``start:end`` that sorted, disjoint ``spans`` cover (``ends``: their ends)."""
    total = 0
    for i in range(bisect.bisect_right(ends, start), len(spans)):
        s, e = spans[i]
        if s >= end:
            break
        total += min(e, end) - max(s, start)
    return total


def own_words(article: FramedArticle) -> list[list[str]]:
    """The outlet's own wording as runs of lower-cased words (a run breaks at a verbatim
    quote or boilerplate, so no bigram straddles one)."""
    cuts = sorted(article.voices.quoted + list(article.exclude))
    runs, at = [], 0
    for s, e in cuts + [(len(article.text), len(article.text))]:
        if s > at:  # a word without an apostrophe has no possessive to drop: lower-cased alone
            runs.append([w.lower() if "'" not in w and "’" not in w
                         else _POSSESSIVE.sub("", w.lower().replace("’", "'"))
                         for w in _WORD.findall(article.text, at, s)])
        at = max(at, e)
    return [r for r in runs if r]


def terms_of(runs: Iterable[list[str]]) -> Counter[str]:
    """Unigrams and bigrams of content words (stop words and one-letter words dropped;
    a bigram is two adjacent content words)."""
    found: Counter[str] = Counter()
    for run in runs:
        keep = [w if (len(w) > 1 and w not in STOP_WORDS) else None for w in run]
        for i, w in enumerate(keep):
            if w is None:
                continue
            found[w] += 1
            if i + 1 < len(keep) and keep[i + 1] is not None:
                found[f"{w} {keep[i + 1]}"] += 1
    return found


def distinctive(target: Counter[str], other: Counter[str], prior: Mapping[str, float],
                settings: FramingSettings) -> list[dict[str, Any]]:
    """Terms the target uses more than the comparison: z >= ``min_z``, used ``min_count``
    times, best ``top_terms``; ``score`` is the z-score, ``log_odds`` the ratio."""
    found = []
    # only words the target uses min_count times can be listed: score those alone (the
    # comparison's vocabulary is the corpus's, and scoring it all cost O(outlets x words))
    candidates = [w for w, n in target.items() if n >= settings.min_count]
    for s in log_odds(target, other, prior, candidates):
        if s.z < settings.min_z:
            break
        if s.count >= settings.min_count:
            found.append({"term": s.term, "score": round(s.z, 3), "log_odds": round(s.delta, 4),
                          "count": s.count, "others": s.other})
        if len(found) >= settings.top_terms:
            break
    return found


def _label_text(text: str) -> str:
    return "the" + text[3:] if text.startswith("The ") else text


class ProfileParts:
    """Everything an outlet's profile counts but its distinctive terms, gathered article by
    article, so that a profile over all of an outlet's articles is built while they pass
    by, one group at a time, and none of them is held. ``rank`` orders the scare quotes
    (the articles' order in the store), since articles may come in any order."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self._labels: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._acts: dict[tuple[str, str, str], list[tuple[str, bool]]] = defaultdict(list)
        self._loaded: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._scare: list[tuple[int, int, dict[str, Any]]] = []
        self._voice: Counter[str] = Counter({"own": 0, "reported": 0, "quoted": 0, "mixed": 0})

    def add(self, a: FramedArticle, rank: int = 0) -> None:
        self.ids.append(a.id)
        for start, end, text, kind, entity in a.mentions:
            if entity is not None and kind != "pronoun" and a.outlet_words(start, end):
                self._labels[(entity, _label_text(text))].append(a.id)
        for t in a.terms:
            if t.kind == "act":
                if t.entity and a.outlet_words(t.start, t.end):
                    self._acts[(t.entity, t.family, t.entry)].append((a.id, t.scare))
            elif t.kind in _LEXICON_KINDS and a.outlet_words(t.start, t.end):
                self._loaded[(t.kind, t.entry)].append(a.id)
        self._scare.extend((rank, i, {"text": a.text[s:e], "article": a.id, "start": s, "end": e})
                           for i, (s, e) in enumerate(a.scare))
        self._voice.update(sentence_voices(a))

    def labels(self, names: Mapping[str, str], top: int) -> list[dict[str, Any]]:
        rows = [{"entity": e, "name": names.get(e, ""), "text": t, "count": len(ids), "articles": sorted(set(ids))}
                for (e, t), ids in self._labels.items()]
        rows.sort(key=lambda r: (-r["count"], r["name"], r["entity"], r["text"]))
        kept = rows[:top]  # the most used labels, shown entity by entity
        kept.sort(key=lambda r: (r["name"], r["entity"], -r["count"], r["text"]))
        return kept

    def acts(self, names: Mapping[str, str]) -> list[dict[str, Any]]:
        rows = [{"entity": e, "name": names.get(e, ""), "family": f, "text": w, "count": len(hits),
                 "scare_quoted": sum(s for _, s in hits), "articles": sorted({i for i, _ in hits})}
                for (e, f, w), hits in self._acts.items()]
        rows.sort(key=lambda r: (r["name"], r["entity"], r["family"], -r["count"], r["text"]))
        return rows

    def loaded(self) -> list[dict[str, Any]]:
        rows = [{"lexicon": k, "term": w, "count": len(ids), "articles": sorted(set(ids))}
                for (k, w), ids in self._loaded.items()]
        rows.sort(key=lambda r: (_LEXICON_KINDS.index(r["lexicon"]), -r["count"], r["term"]))
        return rows

    def scare(self) -> list[dict[str, Any]]:
        return [row for _, _, row in sorted(self._scare, key=lambda x: (x[0], x[1]))]

    def voice(self) -> dict[str, int]:
        return {"sentences": sum(self._voice.values()), **self._voice}

    def profile(self, names: Mapping[str, str], words: Counter[str], others: Mapping[str, int],
                prior: Mapping[str, float], settings: FramingSettings) -> dict[str, Any]:
        """The profile of the articles added (``words``: their own-voice term counts,
        ``others``: those of the articles they are compared with)."""
        return {
            "articles": sorted(self.ids),
            "distinctive_terms": distinctive(words, others, prior, settings),  # type: ignore[arg-type]
            "labels": self.labels(names, settings.top_labels),
            "scare_quotes": self.scare(),
            "acts": self.acts(names),
            "loaded_language": self.loaded(),
            "voice": self.voice(),
        }


def alternations(profiles: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Where an event's outlets name the same entity, or the same act done to it, with
    different words: per referent, each outlet's words and counts. Only referents two or
    more outlets write about, and only where their words are not all the same."""
    groups: dict[tuple[str, str, str | None], dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    scare: Counter[tuple[str, str, str]] = Counter()
    names: dict[str, str] = {}
    for outlet, p in profiles.items():
        for row in p["labels"]:
            groups[("label", row["entity"], None)][outlet][row["text"]] += row["count"]
            names[row["entity"]] = row["name"]
        for row in p["acts"]:
            groups[("act", row["entity"], row["family"])][outlet][row["text"]] += row["count"]
            scare[(row["entity"], outlet, row["text"])] += row["scare_quoted"]
            names[row["entity"]] = row["name"]
    found = []
    for (kind, entity, family), by_outlet in groups.items():
        if len(by_outlet) < 2 or len({frozenset(c) for c in by_outlet.values()}) < 2:
            continue
        found.append({
            "kind": kind, "entity": entity, "name": names.get(entity, ""), "family": family,
            "outlets": [{"outlet": o, "terms": [{"text": t, "count": n,
                                                 **({"scare_quoted": scare[(entity, o, t)]} if kind == "act" else {})}
                                                for t, n in sorted(c.items(), key=lambda x: (-x[1], x[0]))]}
                        for o, c in sorted(by_outlet.items())],
        })
    found.sort(key=lambda r: (r["kind"] != "act", r["name"], r["entity"], r["family"] or ""))
    return found
