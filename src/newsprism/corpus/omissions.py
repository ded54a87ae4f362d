"""What other outlets of an event report and one outlet does not: "not mentioned by X".

Three kinds of fact, each with the spans that report it:

- ``entity``: a person or organisation the other outlets mention and X never does;
- ``statement``: something a speaker said (a statement of the statements pass) that the
  other outlets quote and X does not;
- ``sentence``: a sentence in the outlets' own wording that two or more other outlets
  report (their sentences align, TF-IDF cosine >= ``align``) and that no sentence of X
  comes near any of their wordings (cosine < ``absent``). A fact one outlet alone reports is not listed: it is
  not a fact "other outlets" report, and one outlet's detail is what the per-outlet
  profiles show.

Entities and statements need ``min(2, outlets - 1)`` other outlets, so in an event of two
outlets each one's entities and statements are checked against the other.

Each fact names every outlet that reports it (``reported_by``) and shows at most
``max_evidence`` of their spans (``evidence``): one span per outlet, outlets in name order,
then further sentences of theirs. A fact reported by every other outlet of an event would
otherwise carry one span per outlet for each outlet that lacks it, so an event's evidence
grew with the square of its outlets (wire copy reprinted by hundreds of outlets).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping, Sequence

import numpy as np

from .events import cosines, vectorize
from .framing import FramedArticle, sentence_voices

__all__ = ["OmissionSettings", "omissions", "omission_facts", "list_omissions"]

_ENTITY_TYPES = ("PERSON", "ORG")
_WORDS = 8  # a sentence needs this many words to be a fact
_BLOCK = 256  # sentences compared with all the event's at once


@dataclass(frozen=True)
class OmissionSettings:
    align: float = 0.45  # two outlets' sentences report the same fact at this cosine
    absent: float = 0.30  # an outlet has no sentence this near: it does not report it
    max_per_outlet: int = 30  # facts listed per outlet and event, most widely reported first
    max_evidence: int = 5  # spans shown per fact (every reporting outlet is named in reported_by)


def _span(a: FramedArticle, start: int, end: int) -> dict[str, Any]:
    return {"article": a.id, "start": start, "end": end, "text": a.text[start:end]}


def _entities(by_outlet: Mapping[str, Sequence[FramedArticle]], types: Mapping[str, str]) -> dict[str, dict[str, dict[str, Any]]]:
    """entity -> outlet -> its first mention there."""
    seen: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for outlet, articles in sorted(by_outlet.items()):
        for a in articles:
            for start, end, _text, kind, entity in a.mentions:
                if entity and kind != "pronoun" and types.get(entity) in _ENTITY_TYPES and outlet not in seen[entity]:
                    seen[entity][outlet] = _span(a, start, end)
    return seen


# Joins an outlet's texts for one search: no word runs across it, so a name stands as whole
# words in the joined text exactly where it does in one of the texts (names that hold it
# themselves are looked for text by text).
_JOIN = "\x00"


def _short_capitals(name: str) -> bool:
    return name.isupper() and len(name) <= 4


@lru_cache(maxsize=50_000)
def _names_pattern(names: tuple[str, ...], ignore_case: bool) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, names))})(?!\w)", re.IGNORECASE if ignore_case else 0)


def _named_in(texts: Sequence[str], names: set[str], joined: str | None = None) -> bool:
    """Whether any of ``names`` stands as whole words in any of ``texts`` (in any case,
    except a short all-capitals name: "US" is not "us"). ``joined``: the texts joined by
    :data:`_JOIN`, when the caller has it already. One search for the names of each kind."""
    if not names:
        return False
    text = _JOIN.join(texts) if joined is None else joined
    apart = sorted(n for n in names if _JOIN in n)
    for ignore_case in (False, True):
        group = tuple(sorted(n for n in names if _JOIN not in n and _short_capitals(n) != ignore_case))
        if group and _names_pattern(group, ignore_case).search(text):
            return True
    return any(_names_pattern((n,), not _short_capitals(n)).search(t) for n in apart for t in texts)


def _name_words(by_outlet: Mapping[str, Sequence[FramedArticle]], types: Mapping[str, str]) -> dict[str, set[str]]:
    """Each entity's names as the event's articles write them (a person's by surname too),
    so an outlet that writes the name is never said to leave the entity out because the
    entities pass kept its mention apart."""
    found: dict[str, set[str]] = defaultdict(set)
    for articles in by_outlet.values():
        for a in articles:
            for _start, _end, text, kind, entity in a.mentions:
                if entity and kind == "name":
                    found[entity].add(text)
                    if types.get(entity) == "PERSON" and len(text.split()) > 1:
                        found[entity].add(text.split()[-1])
    return found


def _statements(by_outlet: Mapping[str, Sequence[FramedArticle]]) -> dict[str, dict[str, dict[str, Any]]]:
    seen: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for outlet, articles in sorted(by_outlet.items()):
        for a in articles:
            for q in a.quotes:
                if q.statement and outlet not in seen[q.statement]:
                    seen[q.statement][outlet] = _span(a, q.start, q.end)
    return seen


def _sentences(by_outlet: Mapping[str, Sequence[FramedArticle]]) -> list[tuple[str, FramedArticle, int, int]]:
    """The outlets' own-wording sentences long enough to state a fact."""
    found = []
    for outlet, articles in sorted(by_outlet.items()):
        for a in articles:
            for (start, end), voice in zip(a.sentences, sentence_voices(a)):
                if voice == "quoted" or a.excluded(start, end):
                    continue
                if len(a.text[start:end].split()) >= _WORDS:
                    found.append((outlet, a, start, end))
    return found


def _shown(members: Sequence[int], owner: np.ndarray, limit: int) -> list[int]:
    """At most ``limit`` of a fact's sentences (in order), first one per outlet."""
    firsts: dict[int, int] = {}
    for j in members:
        firsts.setdefault(int(owner[j]), j)
    chosen = sorted(firsts.values())[:limit]
    if len(chosen) < limit:
        taken = set(chosen)
        chosen = sorted(chosen + [j for j in members if j not in taken][:limit - len(chosen)])
    return chosen


_KINDS = ("entity", "statement", "sentence")


def _order(entry: Mapping[str, Any]) -> tuple[int, int, str]:
    return (-len(entry["reported_by"]), _KINDS.index(entry["kind"]), entry["text"])


def omission_facts(by_outlet: Mapping[str, Sequence[FramedArticle]], types: Mapping[str, str],
                   settings: OmissionSettings | None = None) -> dict[str, Any]:
    """What :func:`omissions` finds of one event before anything is named, as JSON-ready
    values: ``keyed``, each entity or statement some outlets lack (``[kind, key,
    reported_by, evidence, lacking outlets]``, keyed by the id its mentions or quotes
    carry), and ``sentences``, each outlet's sentence facts, at most ``max_per_outlet``,
    in the order the list puts them. Nothing here depends on what an entity or statement
    is called or which id it has, only on which mentions and quotes share one, so the
    facts of an event can be kept while the corpus renames them (see :func:`list_omissions`)."""
    settings = settings or OmissionSettings()
    outlets = sorted(by_outlet)
    facts: dict[str, Any] = {"outlets": outlets, "keyed": [], "sentences": {o: [] for o in outlets}}
    if len(outlets) < 2:
        return facts
    need = min(2, len(outlets) - 1)
    texts = {o: [a.text for a in by_outlet[o]] for o in outlets}
    joined = {o: _JOIN.join(t) for o, t in texts.items()}
    name_words = _name_words(by_outlet, types)
    for kind, seen in (("entity", _entities(by_outlet, types)), ("statement", _statements(by_outlet))):
        for key, where in sorted(seen.items()):
            if len(where) < need:
                continue
            lacking = [o for o in outlets if o not in where
                       and not (kind == "entity" and _named_in(texts[o], name_words.get(key, set()), joined[o]))]
            if lacking:
                facts["keyed"].append([kind, key, sorted(where), [where[x] for x in sorted(where)][:settings.max_evidence],
                                       lacking])
    sents = _sentences(by_outlet)
    if sents:
        out: dict[str, list[dict[str, Any]]] = facts["sentences"]
        vectors, _ = vectorize([a.text[s:e] for _, a, s, e in sents])
        owner = np.array([outlets.index(o) for o, _, _, _ in sents])
        n = len(sents)
        best = np.zeros((n, len(outlets)))  # each sentence's nearest in each outlet
        groups: list[np.ndarray] = []  # each sentence's alike sentences (itself included)
        for lo in range(0, n, _BLOCK):  # a block of rows at a time: a big event has many sentences
            block = cosines(vectors[lo:lo + _BLOCK], vectors)
            for k in range(len(outlets)):
                cols = owner == k
                if cols.any():
                    best[lo:lo + len(block), k] = block[:, cols].max(axis=1)
            groups.extend(np.flatnonzero(row >= settings.align) for row in block)
        best[np.arange(n), owner] = 1.0
        listed: dict[int, set[int]] = defaultdict(set)  # outlet -> sentences listed as facts it lacks
        reports = best >= settings.align  # sentence x outlet: the outlet has a sentence aligned with it
        supported = reports.sum(axis=1)
        for i in sorted(range(n), key=lambda i: (-supported[i], i)):
            if supported[i] < 2:
                continue
            group = np.union1d(groups[i], [i])  # the sentences reporting this fact
            members = group.tolist()
            reported_by: list[str] | None = None
            for k in np.flatnonzero(best[group].max(axis=0) < settings.absent).tolist():
                if not listed[k].isdisjoint(members):
                    continue
                listed[k].add(i)
                if reported_by is None:
                    reported_by = [outlets[x] for x in np.flatnonzero(reports[i]).tolist()]
                evidence = [_span(sents[j][1], sents[j][2], sents[j][3])
                            for j in _shown([j for j in members if owner[j] != k], owner, settings.max_evidence)]
                text = sents[i][1].text[sents[i][2]:sents[i][3]]
                out[outlets[k]].append({"kind": "sentence", "id": None, "text": text, "reported_by": list(reported_by),
                                        "evidence": evidence, "note": f"not mentioned by {outlets[k]}"})
        for o in outlets:
            out[o].sort(key=_order)  # stable: sentences of one text keep their order
            del out[o][settings.max_per_outlet:]  # no sentence after these can make the list
    return facts


def list_omissions(facts: Mapping[str, Any], names: Mapping[str, str], statement_texts: Mapping[str, str],
                   settings: OmissionSettings | None = None) -> dict[str, list[dict[str, Any]]]:
    """Each outlet's omissions from :func:`omission_facts`: every fact it lacks, named
    (``names`` of entities, ``statement_texts`` of statements), most widely reported
    first, at most ``max_per_outlet``."""
    settings = settings or OmissionSettings()
    out: dict[str, list[dict[str, Any]]] = {o: [] for o in facts["outlets"]}
    for kind in ("entity", "statement"):
        label = names if kind == "entity" else statement_texts
        for k, key, reported_by, evidence, lacking in sorted((f for f in facts["keyed"] if f[0] == kind),
                                                             key=lambda f: f[1]):
            for o in lacking:
                out[o].append({"kind": k, "id": key, "text": label.get(key, ""), "reported_by": list(reported_by),
                               "evidence": list(evidence), "note": f"not mentioned by {o}"})
    for o in out:
        out[o].extend(facts["sentences"][o])
        out[o].sort(key=_order)
        del out[o][settings.max_per_outlet:]
    return out


def omissions(by_outlet: Mapping[str, Sequence[FramedArticle]], types: Mapping[str, str], names: Mapping[str, str],
              statement_texts: Mapping[str, str], settings: OmissionSettings | None = None) -> dict[str, list[dict[str, Any]]]:
    """For each outlet of one event, the facts the others report and it does not."""
    return list_omissions(omission_facts(by_outlet, types, settings), names, statement_texts, settings)
