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
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple

from ..ids import text_hash
from ..model import stored_parts
from ..store.framing import framing_json
from .framing import (FramedArticle, FramingSettings, ProfileParts, Term, alternations, outlet_name, own_words,
                      terms_of)
from .logodds import background_prior
from .memo import Memo
from .omissions import OmissionSettings, list_omissions, omission_facts

__all__ = ["framing_pass", "OMISSIONS_VERSION", "BATCH_ARTICLES"]

logger = logging.getLogger(__name__)

#: Bump when :func:`~newsprism.corpus.omissions.omissions` changes what it finds: the
#: omissions of an event are kept (see :class:`~newsprism.corpus.memo.Memo`) by this version.
OMISSIONS_VERSION = "3"


class _Quote(NamedTuple):
    start: int
    end: int
    kind: str
    statement: str | None
    content_parts: tuple[tuple[int, int], ...] = ()  # content in pieces (model.Quote.content_parts)


#: Articles read from the store at once: the pass holds one such group of articles (and
#: the events they make up), never the corpus.
BATCH_ARTICLES = 500


class _Reader:
    """Reads articles as the framing pass sees them, a group of ids at a time. What every
    group needs (the entity of each chain, the statement of each quote, the event and
    outlet of each article) is read once."""

    def __init__(self, store: Any):
        self.store = store
        self.chain_entity = store.entity_chains()
        self.statement_of = store.statement_of_quotes()
        self.event_of = store.event_articles()
        # Every article's outlet and place in the store's order (by source, then id).
        rows = store.article_columns("articles", ("id", "outlet", "source", "url"), order=("source", "id"))
        self.outlet_of = {r.id: outlet_name(r.outlet, r.source, r.url) for r in rows}
        self.rank = {r.id: i for i, r in enumerate(rows)}

    def read(self, ids: list[str], full: bool = True) -> list[FramedArticle]:
        """The articles ``ids``, in the store's order; with ``full=False`` only what their
        own words need (text, quotes, boilerplate)."""
        store, chain_entity, statement_of = self.store, self.chain_entity, self.statement_of

        def by_article(table: str, columns: tuple[str, ...], order: tuple[str, ...],
                       make: Any) -> dict[str, tuple[Any, ...]]:
            """``make(article, *row)`` of each row, grouped by article (the rows come ordered by it)."""
            rows = store.article_columns(table, ("article", *columns), ids, order=order)
            return {a: tuple(make(*r) for r in group) for a, group in groupby(rows, key=itemgetter(0))}

        def span(_a: str, s: int, e: int) -> tuple[int, int]:
            return s, e

        quotes = by_article("quotes", ("id", "start", "end", "kind", "content_parts"), ("article", "start", "end"),
                            lambda _a, i, s, e, k, p: _Quote(s, e, k, statement_of.get(i),
                                                             tuple(map(tuple, stored_parts(p)))))
        exclude = by_article("reuse_boilerplate", ("start", "end"), ("article", "start"), span)
        mentions: dict[str, tuple[Any, ...]] = {}
        scare: dict[str, tuple[Any, ...]] = {}
        terms: dict[str, tuple[Any, ...]] = {}
        sentences: dict[str, tuple[Any, ...]] = {}
        if full:
            mentions = by_article("mentions", ("start", "end", "text", "kind", "chain"), ("article", "idx"),
                                  lambda a, s, e, text, kind, chain: (
                                      s, e, text, kind, chain_entity.get((a, chain)) if chain is not None else None))
            scare = by_article("scare_quotes", ("start", "end"), ("article", "start"), span)
            terms = by_article("framing_terms", ("start", "end", "kind", "entry", "family", "scare", "chain"),
                               ("article", "start", "kind", "chain"),
                               lambda a, s, e, kind, entry, family, scared, chain: Term(
                                   s, e, kind, entry, family, bool(scared), chain_entity.get((a, chain)) if chain >= 0 else None))
            sentences = by_article("sentences", ("start", "end"), ("article", "idx"), span)
        articles = []
        for row in store.article_columns("articles", ("id", "text"), ids):
            i = row.id
            articles.append(FramedArticle(
                id=i, outlet=self.outlet_of[i], text=row.text, event=self.event_of.get(i), sentences=sentences.get(i, ()),
                quotes=quotes.get(i, ()), mentions=mentions.get(i, ()), scare=scare.get(i, ()), terms=terms.get(i, ()),
                exclude=exclude.get(i, ())))
        articles.sort(key=lambda a: self.rank[a.id])
        return articles

    def in_order(self) -> Iterator[list[str]]:
        """Every article once, in the store's order, :data:`BATCH_ARTICLES` ids at a time."""
        ids = list(self.rank)
        for i in range(0, len(ids), BATCH_ARTICLES):
            yield ids[i : i + BATCH_ARTICLES]

    def by_event(self) -> Iterator[list[str]]:
        """Every article once, in groups of at least :data:`BATCH_ARTICLES` ids (but the
        last) made of whole events, by event id; the articles of no event last."""
        members: dict[str | None, list[str]] = defaultdict(list)
        for article in self.rank:
            members[self.event_of.get(article)].append(article)
        loose = members.pop(None, [])
        groups = [members[e] for e in sorted(members)]
        groups += [loose[i : i + BATCH_ARTICLES] for i in range(0, len(loose), BATCH_ARTICLES)]
        batch: list[str] = []
        for group in groups:
            batch.extend(group)
            if len(batch) >= BATCH_ARTICLES:
                yield batch
                batch = []
        if batch:
            yield batch


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
    for o, arts in groups.items():
        counts[o] = Counter()
        for a in arts:
            counts[o].update(words[a.id])
    parts = {}
    for o, arts in groups.items():
        parts[o] = ProfileParts()
        for rank, a in enumerate(arts):
            parts[o].add(a, rank)
    return dict(_compare(parts, counts, prior, names, settings))


def _compare(parts: Mapping[str, ProfileParts], counts: dict[str, Counter[str]], prior: dict[str, float],
             names: dict[str, str], settings: FramingSettings,
             total: Counter[str] | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(outlet, profile)`` of each of ``parts``, by outlet, made as they are asked for:
    each outlet's own-voice ``counts`` compared with those of the others, whose sum is
    ``total`` (summed here where the caller has not)."""
    if total is None:
        total = Counter()
        for c in counts.values():  # update in place: summing Counters copies the running total each time
            total.update(c)
    size = total.total()  # once: an outlet's Rest would otherwise sum the group's vocabulary again
    for outlet in sorted(parts):
        others = Rest(total, counts[outlet], size) if len(parts) > 1 else None
        p = parts[outlet].profile(names, counts[outlet], others if others is not None else Counter(), prior, settings)
        if others is None:
            p["distinctive_terms"] = []  # one outlet: nothing to compare with
        yield outlet, p


def _local_keys(groups: Mapping[str, list[FramedArticle]]) -> tuple[dict[str, str], dict[str, str]]:
    """The event's entities and statements numbered in the order the event first uses them
    (outlets by name, their articles, mentions and quotes in order): the keys its
    omissions are kept under, so that a statement that grows in another event (and so
    gets another id) or an entity merged elsewhere costs this event nothing."""
    entities: dict[str, str] = {}
    statements: dict[str, str] = {}
    for outlet in sorted(groups):
        for a in groups[outlet]:
            for m in a.mentions:
                if m[4] is not None and m[4] not in entities:
                    entities[m[4]] = f"e{len(entities)}"
            for q in a.quotes:
                if q.statement and q.statement not in statements:
                    statements[q.statement] = f"s{len(statements)}"
    return entities, statements


def _omission_inputs(groups: Mapping[str, list[FramedArticle]], types: Mapping[str, str], entities: Mapping[str, str],
                     statements: Mapping[str, str], settings: OmissionSettings) -> dict[str, Any]:
    """Everything :func:`omission_facts` reads of one event, as JSON-ready values, with
    its entities and statements under their local keys (see :func:`_local_keys`)."""
    return {
        "outlets": {o: [[a.id, text_hash(a.text), a.sentences,
                         [(q.start, q.end, q.kind, statements.get(q.statement) if q.statement else None) for q in a.quotes],
                         [m[:4] + (entities.get(m[4]) if m[4] is not None else None,) for m in a.mentions], a.exclude]
                        for a in arts] for o, arts in groups.items()},
        "entities": [[local, types.get(e)] for e, local in entities.items()],
        "settings": dataclasses.asdict(settings),
    }


def _event_omissions(memo: Memo, event: str, groups: Mapping[str, list[FramedArticle]], types: Mapping[str, str],
                     names: Mapping[str, str], statement_texts: Mapping[str, str],
                     settings: OmissionSettings) -> dict[str, list[dict[str, Any]]]:
    """The event's omissions: its facts kept under local keys (computed only when its own
    articles changed), given back the corpus's ids and names."""
    entities, statements = _local_keys(groups)
    local = {**entities, **statements}
    inputs = _omission_inputs(groups, types, entities, statements, settings)

    def compute() -> dict[str, Any]:
        facts = omission_facts(groups, types, settings)
        facts["keyed"] = [[kind, local[key], *rest] for kind, key, *rest in facts["keyed"]]
        return facts

    facts = memo.get(event, inputs, compute)
    corpus_key = {v: k for k, v in local.items()}
    facts["keyed"] = [[kind, corpus_key[key], *rest] for kind, key, *rest in facts["keyed"]]
    return list_omissions(facts, names, statement_texts, settings)


def framing_pass(store: Any, settings: FramingSettings | None = None,
                 omission_settings: OmissionSettings | None = None) -> int:
    """Outlet profiles, alternations and omissions; returns how many outlets. An event's
    omissions depend on its own articles alone and are recomputed only when those changed.

    The store is read :data:`BATCH_ARTICLES` articles at a time, twice: first every
    article's own words, for the corpus-wide prior, then whole events, each profiled as
    soon as it is read, while the corpus-wide profiles gather what they count."""
    settings = settings or FramingSettings()
    omission_settings = omission_settings or OmissionSettings()
    memo = Memo(store, "framing.omissions", OMISSIONS_VERSION)
    reader = _Reader(store)
    entities = {e["id"]: e for e in store.entities()}
    names = {k: e["name"] for k, e in entities.items()}
    types = {k: e["type"] for k, e in entities.items()}
    statement_texts = store.statement_texts()
    # 1. Own-voice term counts of each outlet and of the corpus (the prior), in the store's order.
    background: Counter[str] = Counter()
    outlet_counts: dict[str, Counter[str]] = {}
    for ids in reader.in_order():
        for a in reader.read(ids, full=False):
            words = terms_of(own_words(a))
            background.update(words)
            outlet_counts.setdefault(a.outlet, Counter()).update(words)
    prior = background_prior(background, settings.prior_strength) if background else {}
    # 2. Event by event; every article adds to its outlet's corpus-wide profile.
    corpus_parts: dict[str, ProfileParts] = {o: ProfileParts() for o in outlet_counts}
    event_rows: list[dict[str, Any]] = []

    def profile_rows() -> Iterator[dict[str, Any]]:
        """Every profile as its JSON text, written by the store as it comes: held as Python
        objects until the end, the profiles of a 3,000-article store took 1.9 GB."""
        for ids in reader.by_event():
            articles = reader.read(ids)
            words = {a.id: terms_of(own_words(a)) for a in articles}
            by_event: dict[str, dict[str, list[FramedArticle]]] = defaultdict(lambda: defaultdict(list))
            for a in articles:
                corpus_parts[a.outlet].add(a, reader.rank[a.id])
                if a.event is not None:
                    by_event[a.event][a.outlet].append(a)
            for event, groups in sorted(by_event.items()):
                profiles = _profiles(dict(groups), words, prior, names, settings)
                missing = _event_omissions(memo, event, groups, types, names, statement_texts, omission_settings)
                for outlet, p in profiles.items():
                    yield {"outlet": outlet, "event": event, "profile": framing_json({**p, "omissions": missing[outlet]})}
                event_rows.append({"event": event, "framing": framing_json({"outlets": sorted(groups),
                                                                            "alternations": alternations(profiles)})})
        for o, p in _compare(corpus_parts, outlet_counts, prior, names, settings, total=background):
            yield {"outlet": o, "event": "", "profile": framing_json(p)}

    store.replace_framing(profile_rows(), event_rows)
    memo.save()
    logger.info("framing: %d outlets, %d events (omissions of %d kept, %d found)", len(outlet_counts), len(event_rows),
                memo.hits, memo.misses)
    return len(outlet_counts)
