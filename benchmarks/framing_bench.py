"""Framing benchmark on NewsWCL50 (Hamborg, Zhukova & Gipp, JCDL 2019): do the labels
five outlets use for one concept end up under one entity?

NewsWCL50's article texts are not distributed (``../shared/bench/framing/README.md``),
only its 8,694 coded mentions: for each of 10 events and 5 outlets, the surface text of
every mention and the concept it codes. So this benchmark measures the cross-outlet step
of our labels (the entities pass, ``newsprism.corpus.entities.canonicalise``) on the
coded mentions: each outlet's mentions of one concept form that article's chain (the
in-article coreference the text would give; here taken from the annotation), its names
are the mentions written as names, its descriptors the rest. The question is whether the
entities pass groups the five outlets' chains of a concept into one entity and keeps the
concepts apart; a label counts as correct where its mention lands in its concept's entity.

Scores, over the ACTOR, ACTOR-I, GROUP and COUNTRY mentions (the concepts our entities
cover), with Hamborg et al.'s concept-level matching: each coded concept is matched to
the predicted entity holding most of its mentions; precision and recall are mention-
weighted; B³ F1 is also given. Baselines: "exact string" merges chains that share a
lower-cased mention; "no merge" keeps each outlet's chain apart.

This is not the end-to-end task Hamborg et al. score (their method F1 45.7, best baseline
29.8, from raw text): in-article chains come from the annotation here. Run:
``python benchmarks/framing_bench.py`` (prints one JSON line per method).
"""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import events_bench  # the B³ scores of the events benchmark
from newsprism.corpus.entities import ChainRecord, canonicalise
from newsprism.stages.lexicon import TITLE_WORDS

SHARED = Path(os.environ.get("NEWSPRISM_SHARED", Path(__file__).resolve().parents[2] / "shared"))
ANNOTATIONS = SHARED / "bench" / "framing" / "newswcl50" / "Annotations.csv"
TYPES = {"ACTOR": "PERSON", "ACTOR-I": "PERSON", "GROUP": "ORG", "COUNTRY": "GPE"}
_SMALL = {"the", "of", "a", "an", "and", "for", "'s", "’s", "de", "al", "bin", "von", "van"}


def load() -> list[dict[str, str]]:
    with open(ANNOTATIONS, encoding="utf-8-sig", newline="") as handle:
        handle.readline()  # "sep=,"
        return [r for r in csv.DictReader(handle) if r["code_type"] in TYPES]


def is_name(text: str) -> bool:
    """A mention written as a name: every word capitalised (titles and small words aside),
    at least one word that is not a title ("President Trump", not "the President")."""
    words = [w for w in text.replace("``", " ").replace("''", " ").split() if w.lower() not in _SMALL]
    if not words or not all(w[0].isupper() for w in words if w[0].isalpha()):
        return False
    return any(w.lower().strip(".,") not in TITLE_WORDS for w in words)


def chains(rows: list[dict[str, str]]) -> tuple[list[ChainRecord], dict[int, tuple[str, int]]]:
    """One chain per (event, outlet, concept); returns the chains and row index -> chain key."""
    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        groups[(r["event_id"], r["publisher_id"], r["code_name"])].append(i)
    records, key_of = [], {}
    numbers: Counter[str] = Counter()
    for (event, outlet, concept), members in sorted(groups.items()):
        article = f"{event}/{outlet}"
        number = numbers[article]
        numbers[article] += 1
        texts = [rows[i]["code_mention"].strip() for i in members]
        etype = Counter(TYPES[rows[i]["code_type"]] for i in members).most_common(1)[0][0]
        names = tuple(sorted({t for t in texts if is_name(t)}))
        descriptors = tuple(sorted({t for t in texts if not is_name(t)}))
        records.append(ChainRecord(article, number, etype, names, descriptors))
        for i in members:
            key_of[i] = (article, number)
    return records, key_of


def score(gold: list[str], pred: list[str]) -> dict[str, float]:
    """Concept-matched P/R/F1 (mention-weighted) and B³ over the same mentions."""
    by_gold: dict[str, list[int]] = defaultdict(list)
    by_pred: dict[str, list[int]] = defaultdict(list)
    for i, (g, p) in enumerate(zip(gold, pred)):
        by_gold[g].append(i)
        by_pred[p].append(i)
    tp_p = tp_r = 0.0
    for g, members in by_gold.items():
        best, hits = Counter(pred[i] for i in members).most_common(1)[0]
        tp_p += hits / len(by_pred[best]) * len(members)
        tp_r += hits
    n = len(gold)
    p, r = tp_p / n, tp_r / n
    b3 = events_bench.scores(pred, gold)  # type: ignore[arg-type]
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4),
            **{k: round(b3[k], 4) for k in ("b3_precision", "b3_recall", "b3_f1")}}


def _exact(records: list[ChainRecord]) -> dict[tuple[str, int], str]:
    """Merge chains of one event that share a lower-cased mention (union-find)."""
    parent = {(r.article, r.chain): (r.article, r.chain) for r in records}

    def find(x):  # type: ignore[no-untyped-def]
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    seen: dict[tuple[str, str], tuple[str, int]] = {}
    for r in records:
        event = r.article.split("/")[0]
        for t in (*r.names, *r.descriptors):
            k = (event, t.lower())
            if k in seen:
                parent[find((r.article, r.chain))] = find(seen[k])
            else:
                seen[k] = (r.article, r.chain)
    return {k: "/".join(map(str, find(k))) for k in parent}


def evaluate() -> list[dict[str, object]]:
    """Our entities pass and the two baselines on NewsWCL50's coded mentions."""
    rows = load()
    records, key_of = chains(rows)
    gold = [f"{r['event_id']}/{r['code_name']}" for r in rows]
    started = time.perf_counter()
    entity_of: dict[tuple[str, int], str] = {}
    by_event: dict[str, list[ChainRecord]] = defaultdict(list)
    for rec in records:
        by_event[rec.article.split("/")[0]].append(rec)
    for event, recs in sorted(by_event.items()):  # events are separate corpora, as in the paper
        for cluster in canonicalise(recs):
            for member in cluster.members:
                entity_of[member] = f"{event}/{cluster.id}"
    seconds = time.perf_counter() - started
    alone = ["/".join(map(str, key_of[i])) for i in range(len(rows))]
    ours = [entity_of.get(key_of[i], alone[i]) for i in range(len(rows))]
    exact = _exact(records)
    common = {"set": "newswcl50", "mentions": len(rows), "chains": len(records), "concepts": len(set(gold))}
    return [{**common, "method": "newsprism entities pass", **score(gold, ours), "seconds": round(seconds, 2)},
            {**common, "method": "exact string", **score(gold, [exact[key_of[i]] for i in range(len(rows))])},
            {**common, "method": "no merge", **score(gold, alone)}]


def main() -> None:
    if not ANNOTATIONS.exists():
        sys.exit(f"NewsWCL50 annotations not found at {ANNOTATIONS}; set NEWSPRISM_SHARED")
    for result in evaluate():
        print(json.dumps(result))


if __name__ == "__main__":
    main()
