"""The events pass: dates resolved (:mod:`.dates`), articles clustered into events and
events linked into storylines (:mod:`.events`), everything written with its evidence.

Per-article work is done once: time expressions are found by the ``timex`` stage and the
lead embeddings are cached in the store (on Ray the ``vectors`` stage stores them with the
articles), so a new batch costs its own articles plus the cheap corpus-wide steps (the
date votes, the windowed similarity graph and the clusters).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import defaultdict
from typing import Any, Callable, Sequence

import numpy as np
from scipy import sparse

from ..ids import content_id
from .dates import LEAD_SENTENCES, DatedArticle, infer_from_event, resolve_dates, vote
from .events import EventDoc, EventSettings, cluster_events, cosines, link_stories

__all__ = ["events_pass", "EMBEDDING_MODEL", "lead_text", "lead_vectors"]

logger = logging.getLogger(__name__)
EMBEDDING_MODEL = "all-MiniLM-L6-v2"
_TITLE_WORDS = 14
_FAR = dt.date.max


def _lead(row: dict[str, Any]) -> str:
    spans = row["sentences"][:LEAD_SENTENCES]
    return " ".join(row["text"][s:e] for s, e in spans) if spans else row["text"][:600]


def lead_text(title: str | None, text: str, sentences: Sequence[tuple[int, int]]) -> str:
    """What an article's lead embedding embeds: its title and its first sentences."""
    return " ".join(filter(None, (title, _lead({"text": text, "sentences": sentences}))))


def lead_vectors(vectors: np.ndarray) -> np.ndarray:
    """Lead embeddings as stored: unit length, rounded to float16 (see ``add_lead_vectors``)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    return vectors.astype(np.float16)


def _short_title(row: dict[str, Any]) -> str:
    if row["title"]:
        return " ".join(row["title"].split())
    lead = " ".join(_lead(row).split())
    words = lead.split()
    return " ".join(words[:_TITLE_WORDS]) + ("…" if len(words) > _TITLE_WORDS else "")


def _embeddings(store: Any, rows: list[dict[str, Any]], embed: Callable[[list[str]], np.ndarray] | None) -> np.ndarray:
    cached = store.lead_vectors(EMBEDDING_MODEL)
    missing = [r for r in rows if r["id"] not in cached]
    if missing:
        if embed is None:
            from ..models.embeddings import SentenceEmbedder

            embed = SentenceEmbedder.load().encode
        vectors = lead_vectors(embed([lead_text(r["title"], r["text"], r["sentences"]) for r in missing]))
        fresh = {r["id"]: v.astype(np.float32) for r, v in zip(missing, vectors)}
        store.add_lead_vectors(EMBEDDING_MODEL, fresh)
        cached.update(fresh)
    return np.stack([cached[r["id"]] for r in rows]) if rows else np.zeros((0, 384), dtype=np.float32)


def _normalise_rows(m: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


def events_pass(store: Any, settings: EventSettings | None = None,
                embed: Callable[[list[str]], np.ndarray] | None = None) -> int:
    """Dates, events and storylines for every article in ``store``; returns how many events."""
    settings = settings or EventSettings()
    rows = store.event_inputs()
    dated = {r["id"]: DatedArticle(r["id"], r["text"], r["published"], r["sentences"], r["times"]) for r in rows}
    dates = resolve_dates(list(dated.values()))

    masks: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    forced: list[tuple[str, str]] = []
    for link in store.reuse_links():
        a, b = link["a_article"], link["b_article"]
        if link["syndicated"]:
            forced.append((a, b))
            continue
        masks[a][b].append((link["a_start"], link["a_end"]))
        masks[b][a].append((link["b_start"], link["b_end"]))
    forced.extend(sorted(store.duplicates().items()))
    boiler: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for item in store.boilerplate():
        boiler[item["article"]].append((item["start"], item["end"]))

    docs = [EventDoc(r["id"], r["text"], r["title"], dates[r["id"]].happened, _lead(r),
                     {other: tuple(spans) for other, spans in sorted(masks.get(r["id"], {}).items())},
                     tuple(sorted(boiler.get(r["id"], ())))) for r in rows]
    emb = _embeddings(store, rows, embed) if settings.embedding_weight > 0 else None
    clustering = cluster_events(docs, settings, embeddings=emb, forced=forced)

    labels = clustering.labels
    groups: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        groups[int(label)].append(i)
    index = {r["id"]: i for i, r in enumerate(rows)}
    copies: dict[int, set[str]] = defaultdict(set)
    for a, b in forced:
        if a in index and b in index and labels[index[a]] == labels[index[b]]:
            copies[int(labels[index[a]])].add(f"{a[:8]} and {b[:8]}: syndicated copies")
    x = clustering.vectors
    k = int(labels.max()) + 1 if len(labels) else 0
    assign = sparse.csr_matrix((np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(k, len(labels)))
    centroids = _normalise_rows(sparse.csr_matrix(assign @ x))
    emb_centroids = baselines = None
    if clustering.embeddings is not None:
        emb_centroids = np.asarray(assign @ clustering.embeddings)
        emb_centroids /= np.maximum(np.linalg.norm(emb_centroids, axis=1, keepdims=True), 1e-9)
    if clustering.baseline is not None:
        baselines = np.asarray(assign @ clustering.baseline).ravel() / np.asarray(assign.sum(axis=1)).ravel()
    event_rows, member_rows, event_days, event_ids = [], [], [], []
    for label in range(k):
        members = groups[label]
        ids = [rows[i]["id"] for i in members]
        day, day_evidence = vote((dates[a].happened, dates[a].happened_rule or "published", dates[a].happened_evidence or "",
                                  a) for a in ids if dates[a].happened is not None)
        if len(members) > 1:
            sims = cosines(x[members], x[members])
            mean = (sims.sum(axis=1) - np.diag(sims)) / (len(members) - 1)
        else:
            mean = np.ones(1)
        first = min(members, key=lambda i: (dates[rows[i]["id"]].happened or day or _FAR, rows[i]["id"]))
        event_id = content_id("event", rows[first]["id"])
        titled = [j for j, i in enumerate(members) if rows[i]["title"]] or list(range(len(members)))
        medoid = members[max(titled, key=lambda j: (round(float(mean[j]), 6), -j))]
        evidence = [f"{a[:8]}: word cosine {float(m):.2f} to the others on average" for a, m in zip(ids, mean)] \
            if len(ids) > 1 else []
        event_rows.append({"id": event_id, "title": _short_title(rows[medoid]), "date": day.isoformat() if day else None,
                           "date_evidence": day_evidence, "story": None,
                           "evidence": json.dumps(evidence + sorted(copies.get(label, ())))})
        member_rows.extend({"event": event_id, "article": a, "similarity": round(float(m), 4)} for a, m in zip(ids, mean))
        for a in ids:
            if day is not None and dates[a].published is None:
                dates[a] = infer_from_event(dated[a], dates[a], day, f"dated by {day_evidence.split(': ', 1)[-1][:120]}")
        event_days.append(day)
        event_ids.append(event_id)

    story_rows = []
    if event_rows:
        story_labels = link_stories(centroids, event_days, settings, embeddings=emb_centroids, baseline=baselines)
        chains: dict[int, list[int]] = defaultdict(list)
        for j, label in enumerate(story_labels):
            chains[int(label)].append(j)
        for members in chains.values():
            if len(members) < 2:
                continue
            members.sort(key=lambda j: (event_days[j] or _FAR, event_ids[j]))
            story_id = content_id("story", event_ids[members[0]])
            sims = cosines(centroids[members], centroids[members])
            evidence = [f"{event_ids[a][:8]} then {event_ids[b][:8]}: word cosine {sims[i, i + 1]:.2f}"
                        for i, (a, b) in enumerate(zip(members, members[1:]))]
            story_rows.append({"id": story_id, "title": event_rows[members[0]]["title"], "evidence": json.dumps(evidence),
                               "events": [event_ids[j] for j in members]})
            for j in members:
                event_rows[j]["story"] = story_id
    date_rows = [{"article": a, "published": d.published.isoformat() if d.published else None,
                  "published_evidence": d.published_evidence, "happened": d.happened.isoformat() if d.happened else None,
                  "happened_evidence": d.happened_evidence, "happened_rule": d.happened_rule} for a, d in sorted(dates.items())]
    resolved_rows = [{"article": a, "start": r.expression.start, "date": r.date.isoformat(), "precision": r.precision,
                      "evidence": r.evidence} for a, d in sorted(dates.items()) for r in d.times]
    store.replace_events(date_rows, resolved_rows, event_rows, member_rows,
                         [{k: v for k, v in s.items() if k != "events"} for s in story_rows])
    return len(event_rows)

