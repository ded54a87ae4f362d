"""Canonical corpus-wide entities from per-article coreference chains.

:func:`canonicalise` is a pure, deterministic corpus pass: one :class:`ChainRecord` per entity
per article in, :class:`EntityCluster` s out, each merge recorded as a line of evidence. Merges
need the same ``type``; descriptors and context never merge anything on their own.

PERSON (names compared after :func:`~newsprism.corpus.names.strip_honorifics`)
  1. Full names (2+ tokens) merge when first and last tokens match up to transliteration
     (:func:`~newsprism.corpus.names.tokens_match`) and middle names don't conflict; or when
     first names match and surnames are one skeleton edit apart with phonetic rapidfuzz ratio
     >= :data:`SURNAME_TYPO_MIN` (Gaddafi/Qaddafi). Different first names never merge.
  2. A one-token chain ("Khamenei", "Martyr Soleimani") joins the full-name cluster whose
     surname it matches when it is the only one in the corpus; with several, candidates are
     narrowed by the chain's own other names (a first name: "Haj Qassem"), shared specific
     titles ("General", "Minister"), being named in the same article, then co-occurring names
     that only one candidate shares (at least :data:`CONTEXT_MIN`, more than
     :data:`CONTEXT_MARGIN` x the runner-up's); still ambiguous, it stays alone. One-token
     chains never merge with each other.

ORG, GPE, NORP, LOC, FAC, EVENT, OTHER
  1. Names equal after case, "the", possessives, punctuation, function words and
     transliteration: "Qods force" = "Quds Force".
  2. Expansions with the same acronym whose content words agree by stem or transliteration
     ("Islamic Revolution Guards Corps" = "Islamic Revolutionary Guard Corps").
  3. An acronym-only chain ("IRGC") joins the one cluster spelling it out; with several, the
     same-article and context tie-breaks; with none, same-acronym chains merge together.
  "Popular Mobilization Units" and "... Forces" stay apart: the rule that would merge them
  (2 of 3 content words plus shared context) also merges the House and Senate Armed
  Services Committees, so it is not principled evidence.

Complexity: candidates are blocked by skeleton keys (first/last skeletons, a one-deletion
neighbourhood of surname skeletons, acronyms) and compared only inside a block, over distinct
spellings; union-find joins them. Measured with tests/corpus/test_entities.py's synthetic
benchmark on one shared development core: 25k / 50k / 100k chains in 1.2 / 2.5 / 4.1 s of
CPU (about 210 MB peak), i.e. linear.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from newsprism.corpus.names import (
    GENERIC_TITLES, acronym, as_acronym, content_words, deletions, full_names_match,
    name_similarity, name_tokens, org_display, parse_name, phonetic, raw_variants, same_stems,
    same_words, skeleton, strip_honorifics, surname_typo, tokens_match,
)
from newsprism.ids import content_id

__all__ = ["CONTEXT_MARGIN", "CONTEXT_MIN", "ENTITY_TYPES", "SURNAME_TYPO_MIN", "ChainRecord",
           "EntityCluster", "canonicalise"]

log = logging.getLogger(__name__)

ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "OTHER"})
SURNAME_TYPO_MIN = 0.80  #: phonetic ratio for surnames one skeleton edit apart
CONTEXT_MIN = 2  #: distinctive co-occurring names a context tie-break needs
CONTEXT_MARGIN = 2.0  #: ... and how many times the runner-up's count
_PERSON = "honorifics removed"
_ORG = "case, “the”, possessives, punctuation and function words normalised"


@dataclass(frozen=True)
class ChainRecord:
    """One entity as one article refers to it (built by the per-article mention stage)."""

    article: str
    chain: int
    type: str
    names: tuple[str, ...]
    descriptors: tuple[str, ...] = ()
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntityCluster:
    """One real-world entity across the corpus, with one evidence line per merge."""

    id: str
    name: str
    type: str
    members: tuple[tuple[str, int], ...]
    aliases: tuple[str, ...]
    evidence: tuple[str, ...]


class _Form(NamedTuple):
    """One bare spelling in a chain: display text, the raw surface form, matching tokens."""

    text: str
    raw: str
    tokens: tuple[str, ...]


@dataclass
class _Info:
    """Snapshot of one cluster, to decide where a bare surname or acronym belongs."""

    members: list[int] = field(default_factory=list)
    firsts: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # by skeleton
    lasts: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    titles: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    context: set[str] = field(default_factory=set)


class _UnionFind:
    """Union-find over chain indices; the smaller index stays root; unions are logged."""

    def __init__(self, refs: Sequence[str]) -> None:
        self.parent, self.refs, self.log = list(range(len(refs))), refs, []

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = x = self.parent[self.parent[x]]
        return x

    def union(self, a: int, b: int, why: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
            self.log.append((a, f"{why} [{self.refs[a]} ~ {self.refs[b]}]"))


@lru_cache(maxsize=200_000)
def _context_key(name: str) -> str:
    tokens = name_tokens(strip_honorifics(name) or org_display(name))
    return as_acronym(name) or " ".join(skeleton(t) for t in tokens)


def _keys(names: Iterable[str]) -> set[str]:
    return {k for k in map(_context_key, names) if k}


def _same(a: _Form, b: _Form, what: str) -> str:
    if a.text == b.text:
        return f"“{a.raw}” = “{b.raw}”: same name “{a.text}” after {what}"
    return (f"“{a.raw}” = “{b.raw}”: same name after {what}, transliteration skeleton "
            f"{' '.join(skeleton(t) for t in a.tokens)}, similarity "
            f"{name_similarity(a.text, b.text):.2f}")


def _link(views: dict[int, list[_Form]], what: str, uf: _UnionFind,
          blockers: Iterable[tuple[Callable, Callable, Callable]]) -> None:
    """Union identical phonetic forms, then compare distinct forms inside each block."""
    reps: dict[tuple[str, ...], tuple[int, _Form]] = {}
    for i, forms in views.items():
        for f in forms:
            key = tuple(phonetic(t) for t in f.tokens)
            if key in reps:
                uf.union(reps[key][0], i, _same(reps[key][1], f, what))
            else:
                reps[key] = (i, f)
    for block_keys, ok, why in blockers:
        blocks: dict[object, list[tuple[int, _Form]]] = defaultdict(list)
        for i, f in reps.values():
            for key in block_keys(f):
                blocks[key].append((i, f))
        for block in blocks.values():
            for x, (i, fa) in enumerate(block):
                for j, fb in block[x + 1:]:
                    if uf.find(i) != uf.find(j) and ok(fa.tokens, fb.tokens):
                        uf.union(i, j, why(fa, fb))


def _tie_break(cands: list[int], ctx: set[str], rec: ChainRecord, infos: dict[int, _Info],
               tiers: list[tuple[str, Callable[[int], float]]]) -> tuple[int | None, str]:
    """Narrow candidates tier by tier; the last tier (context) needs a clear winner."""
    own = set().union(*(infos[r].keys for r in cands))
    holders = [[r for r in cands if k in infos[r].context] for k in ctx - own]
    only = Counter(h[0] for h in holders if len(h) == 1)

    def context(r: int) -> float:  # co-occurring names shared with this candidate only
        return only[r] if only[r] >= CONTEXT_MIN else 0

    tiers = [*tiers, ("the only candidate named in the same article",
                      lambda r: int(rec.article in infos[r].articles or bool(infos[r].keys & ctx))),
             ("co-occurring names that only this candidate shares", context)]
    for n, (label, score) in enumerate(tiers):
        scores = {r: score(r) for r in cands}
        ranked = sorted(scores.values(), reverse=True)
        top = [r for r in cands if scores[r] == ranked[0] > 0]
        if len(top) == 1 and (n < len(tiers) - 1 or ranked[0] > CONTEXT_MARGIN * ranked[1]):
            return top[0], label
        cands = top or cands
    return None, ""


# --------------------------------------------------------------------------- PERSON
@lru_cache(maxsize=100_000)
def _person_forms(names: tuple[str, ...]) -> tuple[tuple[_Form, ...], tuple[_Form, ...], frozenset[str]]:
    """Full names (2+ tokens), one-token names and specific titles of one chain's names."""
    full, single, titles = [], [], set()
    for raw in names:
        parsed = parse_name(raw)
        titles.update(t for t in parsed.titles if t not in GENERIC_TITLES)
        for text in parsed.variants:
            tokens = name_tokens(text)
            (full if len(tokens) >= 2 else single).append(_Form(text, raw, tokens))
    return tuple(full), tuple(f for f in single if f.tokens), frozenset(titles)


def _knows(index: dict[str, set[str]], token: str) -> bool:
    return any(tokens_match(token, known) for known in index.get(skeleton(token), ()))


def _typo_why(a: _Form, b: _Form) -> str:
    x, y = a.tokens[-1], b.tokens[-1]
    return (f"“{a.raw}” = “{b.raw}”: same first name, surnames one skeleton edit apart "
            f"({skeleton(x)}/{skeleton(y)}), phonetic similarity "
            f"{fuzz.ratio(phonetic(x), phonetic(y)) / 100:.2f} >= {SURNAME_TYPO_MIN:.2f}")


def _link_persons(recs: Sequence[ChainRecord], idx: list[int], uf: _UnionFind) -> None:
    views = {i: _person_forms(recs[i].names) for i in idx}
    _link({i: v[0] for i, v in views.items()}, _PERSON, uf, [
        (lambda f: [(skeleton(f.tokens[0]), skeleton(f.tokens[-1]))], full_names_match,
         lambda a, b: _same(a, b, _PERSON)),
        (lambda f: [(skeleton(f.tokens[0]), d) for d in sorted(deletions(skeleton(f.tokens[-1])))],
         lambda a, b: surname_typo(a, b, SURNAME_TYPO_MIN), _typo_why)])
    infos: dict[int, _Info] = {}
    for i in idx:
        if views[i][0]:
            info = infos.setdefault(uf.find(i), _Info())
            info.members.append(i)
            for f in views[i][0]:
                info.firsts[skeleton(f.tokens[0])].add(f.tokens[0])
                info.lasts[skeleton(f.tokens[-1])].add(f.tokens[-1])
            info.titles |= views[i][2]
            info.articles.add(recs[i].article)
            info.keys.update(" ".join(skeleton(t) for t in f.tokens) for f in views[i][0])
            info.context |= _keys(recs[i].context)
    by_surname: dict[str, set[int]] = defaultdict(set)
    for root, info in infos.items():
        for key in info.lasts:
            by_surname[key].add(root)
    decisions, names = [], {}
    for i in idx:
        full, single, titles = views[i]
        if full or not single:
            continue
        matched = {r: f for f in single for r in sorted(by_surname.get(skeleton(f.tokens[0]), ()))
                   if _knows(infos[r].lasts, f.tokens[0])}
        if not matched:
            continue
        rec, cands = recs[i], sorted(matched)
        root, why = cands[0], "the only full-name person with this surname in the corpus"
        if len(cands) > 1:
            root, why = _tie_break(cands, _keys(rec.context), rec, infos, [
                ("the chain also names this candidate’s first name", lambda r, single=single: sum(
                    _knows(infos[r].firsts, f.tokens[0]) for f in single)),
                ("a specific title shared with this candidate only",
                 lambda r, titles=titles: len(titles & infos[r].titles))])
        if root is None:
            log.debug("%s#%s %r: ambiguous surname, left alone", rec.article, rec.chain, rec.names)
            continue
        if root not in names:
            names[root] = _person_name([recs[m] for m in infos[root].members])
        form = matched[root]
        decisions.append((root, i, f"“{form.raw}” → “{names[root]}”: bare surname “{form.text}” "
                                   f"(skeleton {skeleton(form.tokens[0])}); {why}"))
    for root, i, why in decisions:
        uf.union(root, i, why)


def _person_name(recs: Sequence[ChainRecord]) -> str:
    """Most votes for its first and last tokens, then most frequent, longest, alphabetical."""
    full, single, votes = Counter(), Counter(), Counter()
    for rec in recs:
        forms, bare, _ = _person_forms(rec.names)
        full.update(f.text for f in forms)
        single.update(f.text for f in bare)
        votes.update(("first", f.tokens[0].casefold()) for f in forms)
        votes.update(("last", f.tokens[-1].casefold()) for f in (*forms, *bare))

    def rank(t: str) -> tuple:
        toks = name_tokens(t)
        n = votes["first", toks[0].casefold()] + votes["last", toks[-1].casefold()]
        return (-n, -full[t], -len(toks), t.casefold(), t)

    pool = full or single
    return min(pool, key=rank if full else lambda t: (-pool[t], t.casefold(), t)) if pool \
        else _fallback_name(recs)


# ----------------------------------------------------------------- ORG, GPE and the rest
@lru_cache(maxsize=100_000)
def _org_forms(etype: str, names: tuple[str, ...]) -> tuple[tuple[_Form, ...], frozenset[str]]:
    """Spelled-out forms and written acronyms of one chain's names."""
    plain, written = [], set()
    for raw in names:
        for display in filter(None, map(org_display, raw_variants(raw))):
            tokens = list(name_tokens(" ".join(content_words(display))))
            if as_acronym(display):
                written.add(as_acronym(display))
            elif tokens:
                if etype == "NORP" and len(tokens[-1]) > 3 and tokens[-1].endswith("s"):
                    tokens[-1] = tokens[-1][:-1]  # "Iraqis" = "Iraqi"
                plain.append(_Form(display, raw, tuple(tokens)))
    return tuple(plain), frozenset(written)


def _link_names(recs: Sequence[ChainRecord], idx: list[int], uf: _UnionFind) -> None:
    views = {i: _org_forms(recs[i].type, recs[i].names) for i in idx}
    _link({i: v[0] for i, v in views.items()}, _ORG, uf, [
        (lambda f: [tuple(map(skeleton, f.tokens))], same_words, lambda a, b: _same(a, b, _ORG)),
        (lambda f: [acronym(f.text)] if acronym(f.text) else [], same_stems,
         lambda a, b: f"“{a.raw}” = “{b.raw}”: same acronym {acronym(a.text)} and every content "
                      "word agrees by stem or transliteration")])
    infos: dict[int, _Info] = {}
    spelled: dict[str, set[int]] = defaultdict(set)
    for i in idx:
        plain, written = views[i]
        if plain:
            root = uf.find(i)
            info = infos.setdefault(root, _Info())
            info.members.append(i)
            info.articles.add(recs[i].article)
            info.keys |= _keys(f.text for f in plain)
            info.context |= _keys(recs[i].context)
            for letters in written | {acronym(f.text) for f in plain} - {""}:
                spelled[letters].add(root)
    decisions, orphans, names = [], defaultdict(list), {}
    for i in idx:
        rec, (plain, written) = recs[i], views[i]
        if plain or not written:
            continue
        cands = sorted({r for letters in written for r in spelled.get(letters, ())})
        if not cands:
            orphans[min(written)].append(i)
            continue
        root, why = cands[0], f"the only {rec.type} in the corpus spelling out {'/'.join(sorted(written))}"
        if len(cands) > 1:
            root, why = _tie_break(cands, _keys(rec.context), rec, infos, [])
        if root is None:
            log.debug("%s#%s %r: ambiguous acronym, left alone", rec.article, rec.chain, rec.names)
            continue
        if root not in names:
            names[root] = _org_name([recs[m] for m in infos[root].members])
        name = names[root]
        decisions.append((root, i, f"“{rec.names[0]}” → “{name}”: acronym; {why}"))
    for root, i, why in decisions:
        uf.union(root, i, why)
    for letters, chains in orphans.items():
        for i in chains[1:]:
            uf.union(chains[0], i, f"“{letters}” = “{letters}”: same acronym, not spelled out in the corpus")


def _org_name(recs: Sequence[ChainRecord]) -> str:
    """The most frequent spelled-out name (then most words, alphabetical); else the acronym."""
    plain, written = Counter(), Counter()
    for rec in recs:
        forms, letters = _org_forms(rec.type, rec.names)
        plain.update(f.text for f in forms)
        written.update(letters)
    pool = plain or written
    return min(pool, key=lambda t: (-pool[t], -len(t.split()), t.casefold(), t)) if pool \
        else _fallback_name(recs)


def _fallback_name(recs: Sequence[ChainRecord]) -> str:
    texts = Counter(t for r in recs for t in (*r.names, *r.descriptors))
    return min(texts, key=lambda t: (-texts[t], t.casefold(), t)) if texts \
        else f"{recs[0].article}#{recs[0].chain}"


# --------------------------------------------------------------------------- the pass
def _checked(chains: Iterable[ChainRecord]) -> list[ChainRecord]:
    seen: dict[tuple[str, int], ChainRecord] = {}
    for rec in chains:
        if rec.type not in ENTITY_TYPES:
            raise ValueError(f"chain {rec.article}#{rec.chain}: unknown entity type {rec.type!r}; "
                             f"map spaCy labels to one of {sorted(ENTITY_TYPES)}")
        if seen.setdefault((rec.article, rec.chain), rec) != rec:
            raise ValueError(f"chain {rec.article}#{rec.chain} given twice with different content; "
                             "chain numbers must be unique within an article")
    return [seen[k] for k in sorted(seen)]


def canonicalise(chains: Iterable[ChainRecord]) -> list[EntityCluster]:
    """Merge per-article chains into corpus-wide entities, sorted by id.

    Records are processed in (article, chain) order, so any input order gives the same
    clusters, names, ids and evidence. Two unmerged clusters with the same type and name
    (an ambiguous bare surname) are told apart by adding their first member to the id.
    """
    recs = _checked(chains)
    uf = _UnionFind([f"{r.article}#{r.chain}" for r in recs])
    by_type: dict[str, list[int]] = defaultdict(list)
    for i, rec in enumerate(recs):
        by_type[rec.type].append(i)
    for etype in sorted(by_type):
        (_link_persons if etype == "PERSON" else _link_names)(recs, by_type[etype], uf)
    groups: dict[int, list[int]] = defaultdict(list)
    evidence: dict[int, list[str]] = defaultdict(list)
    for i in range(len(recs)):
        groups[uf.find(i)].append(i)
    for i, line in uf.log:
        evidence[uf.find(i)].append(line)
    drafts = []
    for root, members in groups.items():
        group = [recs[i] for i in members]
        name = (_person_name if recs[root].type == "PERSON" else _org_name)(group)
        aliases = tuple(sorted({t for r in group for t in (*r.names, *r.descriptors)}))
        drafts.append((recs[root].type, name, tuple((r.article, r.chain) for r in group), aliases,
                       tuple(evidence[root])))
    taken: set[str] = set()
    out = []
    for etype, name, members, aliases, lines in sorted(drafts):
        cid = content_id(etype, name)
        if cid in taken:
            cid = content_id(etype, name, *members[0])
        taken.add(cid)
        out.append(EntityCluster(cid, name, etype, members, aliases, lines))
    log.info("canonicalise: %d chains -> %d entities", len(recs), len(out))
    return sorted(out, key=lambda c: c.id)
