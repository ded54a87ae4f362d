"""The framing pass: outlet profiles over the corpus and within each event, the event's
alternations (how its outlets name one referent or act) and omissions (what the others
report and one outlet does not). Reads what the stages, the entities, statements, reuse
and events passes stored; writes ``outlet_profiles`` and ``event_framing``.

Distinctive terms compare an outlet with every other outlet of the same scope (the corpus,
or the event); the informative prior is the whole corpus's own-voice counts, so the
same words are shrunk the same way in every comparison.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from ..ids import text_hash
from ..store.framing import framing_json
from .framing import FramedArticle, FramingSettings, Term, alternations, corpus_words, outlet_name, prior_for, profile
from .memo import Memo
from .omissions import OmissionSettings, omissions

__all__ = ["framing_pass", "framed_articles", "OMISSIONS_VERSION"]

logger = logging.getLogger(__name__)

#: Bump when :func:`~newsprism.corpus.omissions.omissions` changes what it finds: the
#: omissions of an event are kept (see :class:`~newsprism.corpus.memo.Memo`) by this version.
OMISSIONS_VERSION = "2"


class _Quote(NamedTuple):
    start: int
    end: int
    kind: str
    statement: str | None


def framed_articles(store: Any, statements: list[dict[str, Any]] | None = None
                    ) -> tuple[list[FramedArticle], dict[str, dict[str, Any]]]:
    """Every article as the framing pass reads it, and the entities by id
    (``statements``: the store's, where the caller has read them already)."""
    chain_entity = store.entity_chains()
    entities = {e["id"]: e for e in store.entities()}
    statement_of = {q: s["id"] for s in (store.statements() if statements is None else statements) for q in s["quotes"]}
    event_of = store.event_articles()
    sentences = store.sentences()
    per: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for q in store.quote_columns("id", "article", "start", "end", "kind"):
        per[q.article]["quotes"].append(_Quote(q.start, q.end, q.kind, statement_of.get(q.id)))
    for m in store.mention_columns("article", "start", "end", "text", "kind", "chain"):
        entity = chain_entity.get((m.article, m.chain)) if m.chain is not None else None
        per[m.article]["mentions"].append((m.start, m.end, m.text, m.kind, entity))
    for s in store.scare_quotes():
        per[s["article"]]["scare"].append((s["start"], s["end"]))
    for t in store.framing_term_columns("article", "start", "end", "kind", "entry", "family", "scare", "chain"):
        entity = chain_entity.get((t.article, t.chain)) if t.chain >= 0 else None
        per[t.article]["terms"].append(Term(t.start, t.end, t.kind, t.entry, t.family, bool(t.scare), entity))
    for b in store.boilerplate():
        per[b["article"]]["exclude"].append((b["start"], b["end"]))
    articles = []
    for row in store.articles():
        parts = per.get(row["id"], {})
        articles.append(FramedArticle(
            id=row["id"], outlet=outlet_name(row["outlet"], row["source"], row["url"]), text=row["text"],
            event=event_of.get(row["id"]), sentences=tuple((x.start, x.end) for x in sentences.get(row["id"], ())),
            quotes=tuple(parts.get("quotes", ())), mentions=tuple(parts.get("mentions", ())),
            scare=tuple(parts.get("scare", ())), terms=tuple(parts.get("terms", ())),
            exclude=tuple(parts.get("exclude", ()))))
    return articles, entities


class Rest(Mapping[str, int]):
    """The word counts of ``total`` less those of ``part`` (the other outlets of a group),
    without copying the group's vocabulary for every outlet: looked up word by word."""

    def __init__(self, total: Counter[str], part: Counter[str], total_size: int | None = None):
        self._total, self._part = total, part
        self._size = (total.total() if total_size is None else total_size) - part.total()

    def __getitem__(self, word: str) -> int:
        n = self._total.get(word, 0) - self._part.get(word, 0)
        if n <= 0:
            raise KeyError(word)
        return n

    def __iter__(self) -> Iterator[str]:
        return (w for w, n in self._total.items() if n - self._part.get(w, 0) > 0)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def total(self) -> int:
        return self._size


def _profiles(groups: dict[str, list[FramedArticle]], words: dict[str, Counter[str]], prior: dict[str, float],
              names: dict[str, str], settings: FramingSettings) -> dict[str, dict[str, Any]]:
    """Each outlet's profile against the other outlets of the same group of articles."""
    counts: dict[str, Counter[str]] = {}
    total: Counter[str] = Counter()
    for o, arts in groups.items():  # update in place: summing Counters copies the running total each time
        counts[o] = Counter()
        for a in arts:
            counts[o].update(words[a.id])
        total.update(counts[o])
    out = {}
    size = total.total()  # once: an outlet's Rest would otherwise sum the group's vocabulary again
    for outlet, arts in sorted(groups.items()):
        others = Rest(total, counts[outlet], size) if len(groups) > 1 else None
        p = profile(arts, names, counts[outlet], others if others is not None else Counter(), prior, settings)
        if others is None:
            p["distinctive_terms"] = []  # one outlet: nothing to compare with
        out[outlet] = p
    return out


def _omission_inputs(groups: Mapping[str, list[FramedArticle]], types: Mapping[str, str], names: Mapping[str, str],
                     statement_texts: Mapping[str, str], settings: OmissionSettings) -> dict[str, Any]:
    """Everything :func:`omissions` reads of one event, as JSON-ready values."""
    entities = sorted({m[4] for arts in groups.values() for a in arts for m in a.mentions if m[4] is not None})
    statements = sorted({q.statement for arts in groups.values() for a in arts for q in a.quotes if q.statement})
    return {
        "outlets": {o: [[a.id, text_hash(a.text), a.sentences, a.quotes, a.mentions, a.exclude] for a in arts]
                    for o, arts in groups.items()},
        "entities": [[e, types.get(e), names.get(e)] for e in entities],
        "statements": [[s, statement_texts.get(s)] for s in statements],
        "settings": dataclasses.asdict(settings),
    }


def framing_pass(store: Any, settings: FramingSettings | None = None,
                 omission_settings: OmissionSettings | None = None) -> int:
    """Outlet profiles, alternations and omissions; returns how many outlets. An event's
    omissions depend on its own articles alone and are recomputed only when those changed."""
    settings = settings or FramingSettings()
    omission_settings = omission_settings or OmissionSettings()
    memo = Memo(store, "framing.omissions", OMISSIONS_VERSION)
    statements = store.statements()
    articles, entities = framed_articles(store, statements)
    names = {k: e["name"] for k, e in entities.items()}
    types = {k: e["type"] for k, e in entities.items()}
    statement_texts = {s["id"]: s["text"] for s in statements}
    words = corpus_words(articles)
    prior = prior_for(words, settings)
    by_outlet: dict[str, list[FramedArticle]] = defaultdict(list)
    by_event: dict[str, dict[str, list[FramedArticle]]] = defaultdict(lambda: defaultdict(list))
    for a in articles:
        by_outlet[a.outlet].append(a)
        if a.event is not None:
            by_event[a.event][a.outlet].append(a)
    event_rows: list[dict[str, Any]] = []

    def profile_rows() -> Iterator[dict[str, Any]]:
        """Every profile as its JSON text, written by the store as it comes: held as Python
        objects until the end, the profiles of a 3,000-article store took 1.9 GB."""
        for o, p in _profiles(dict(by_outlet), words, prior, names, settings).items():
            yield {"outlet": o, "event": "", "profile": framing_json(p)}
        for event, groups in sorted(by_event.items()):
            profiles = _profiles(dict(groups), words, prior, names, settings)
            inputs = _omission_inputs(groups, types, names, statement_texts, omission_settings)
            missing = memo.get(event, inputs, lambda: omissions(groups, types, names, statement_texts, omission_settings))
            for outlet, p in profiles.items():
                yield {"outlet": outlet, "event": event, "profile": framing_json({**p, "omissions": missing[outlet]})}
            event_rows.append({"event": event, "framing": framing_json({"outlets": sorted(groups),
                                                                        "alternations": alternations(profiles)})})

    store.replace_framing(profile_rows(), event_rows)
    memo.save()
    logger.info("framing: %d outlets, %d events (omissions of %d kept, %d found)", len(by_outlet), len(event_rows),
                memo.hits, memo.misses)
    return len(by_outlet)
