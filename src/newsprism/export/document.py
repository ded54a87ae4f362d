"""The v1 JSON contract (``shared/contract/export.md``) built from a store.

Keys listed in the contract are always present; lists the analysis has not computed yet
are empty. Everything is ordered deterministically, so the same store gives the same
document apart from ``created``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .. import __version__
from ..corpus.framing import voices_of
from ..model import stored_parts
from ..stages.framing import VoiceSpans
from ..store import Store

__all__ = ["build_document", "CONTRACT_KEYS"]

CONTRACT_KEYS = (
    "newsprism_version",
    "created",
    "articles",
    "entities",
    "quotes",
    "statements",
    "events",
    "stories",
    "reuse",
    "outlets",
)


def _article(row: dict[str, Any], sentences: list[Any], scare_quotes: list[dict[str, Any]],
             boilerplate: list[dict[str, Any]], duplicate_of: str | None, dates: dict[str, Any] | None,
             event: str | None, times: list[dict[str, Any]]) -> dict[str, Any]:
    dates = dates or {}
    published = row["published"] or dates.get("published")
    evidence = row["published_evidence"] if row["published"] else dates.get("published_evidence")
    return {
        # contract v1
        "id": row["id"],
        "source": row["source"],
        "outlet": row["outlet"],
        "title": row["title"],
        "published": published,
        "published_evidence": evidence,
        "language": row["language"],
        "text": row["text"],
        "event": event,
        # additions (the contract allows new keys)
        "url": row["url"],
        "author": row["author"],
        "format": row["format"],
        "outlet_evidence": row["outlet_evidence"],
        "place": row["place"],
        "previous_version": row["previous_version"],
        "sentences": [[s.start, s.end] for s in sentences],
        "scare_quotes": scare_quotes,
        "boilerplate": boilerplate,
        "duplicate_of": duplicate_of,
        "happened": dates.get("happened"),
        "happened_evidence": dates.get("happened_evidence"),
        "times": times,
    }


def _times(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Each article's time expressions, with the day each resolves to where it does."""
    resolved = store.resolved_times()
    out: dict[str, list[dict[str, Any]]] = {}
    for t in store.time_expressions():
        r = resolved.get((t["article"], t["start"]), {})
        out.setdefault(t["article"], []).append(
            {"start": t["start"], "end": t["end"], "text": t["text"], "kind": t["kind"], "date": r.get("date"),
             "precision": r.get("precision"), "evidence": r.get("evidence")})
    return out


def _events(store: Store, event_of: dict[str, str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    members: dict[str, list[str]] = {}
    for article, event in sorted(event_of.items()):
        members.setdefault(event, []).append(article)
    events = [{"id": e["id"], "title": e["title"], "date": e["date"], "date_evidence": e["date_evidence"],
               "articles": members.get(e["id"], []), "story": e["story"],
               # additions
               "evidence": e["evidence"]} for e in store.events()]
    chain: dict[str, list[str]] = {}
    for e in events:  # events come oldest first
        if e["story"]:
            chain.setdefault(e["story"], []).append(e["id"])
    stories = [{"id": s["id"], "title": s["title"], "events": chain.get(s["id"], []), "evidence": s["evidence"]}
               for s in store.stories()]
    return events, stories


def _add_voices(articles: list[dict[str, Any]], sentences: dict[str, list[Any]], quote_rows: list[dict[str, Any]]) -> None:
    """Each article's ``sentence_voice`` (own, reported, quoted or mixed, per sentence)
    and ``voice_spans`` (the reported and quoted stretches), from its quotes."""
    by_article: dict[str, list[dict[str, Any]]] = {}
    for q in quote_rows:
        by_article.setdefault(q["article"], []).append(q)
    for a in articles:
        voices = VoiceSpans(by_article.get(a["id"], []))
        a["sentence_voice"] = voices_of([(s.start, s.end) for s in sentences.get(a["id"], [])], voices)
        a["voice_spans"] = sorted([{"start": s, "end": e, "voice": "quoted"} for s, e in voices.quoted]
                                  + [{"start": s, "end": e, "voice": "reported"} for s, e in voices.reported],
                                  key=lambda x: (x["start"], x["end"], x["voice"]))


def _outlets(store: Store) -> list[dict[str, Any]]:
    """Each outlet's corpus profile, with its profile within each event it reports."""
    outlets: dict[str, dict[str, Any]] = {}
    for row in store.outlet_profiles():  # the corpus row ('') sorts before the events
        if row["event"] == "":
            outlets[row["outlet"]] = {"name": row["outlet"], **row["profile"], "events": []}
        else:
            outlets[row["outlet"]]["events"].append({"event": row["event"], **row["profile"]})
    return [outlets[name] for name in sorted(outlets)]


def _entities(store: Store, chain_entity: dict[tuple[str, int], str]) -> list[dict[str, Any]]:
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for m in store.mentions():
        entity = chain_entity.get((m["article"], m["chain"])) if m["chain"] is not None else None
        if entity is not None:
            by_entity.setdefault(entity, []).append(m)
    out = []
    for e in store.entities():
        mentions = by_entity.get(e["id"], [])
        out.append({
            "id": e["id"],
            "name": e["name"],
            "type": e["type"],
            "aliases": sorted({m["text"] for m in mentions}),
            "mentions": [{"article": m["article"], "start": m["start"], "end": m["end"], "text": m["text"]} for m in mentions],
            # additions
            "evidence": e["evidence"],
        })
    return out


def _reuse(links: list[dict[str, Any]], texts: dict[str, str]) -> list[dict[str, Any]]:
    def span(article: str, start: int, end: int) -> dict[str, Any]:
        return {"article": article, "start": start, "end": end, "text": texts[article][start:end]}

    return [
        {"a": span(r["a_article"], r["a_start"], r["a_end"]), "b": span(r["b_article"], r["b_start"], r["b_end"]),
         "similarity": r["similarity"], "kind": r["kind"],
         # additions
         "id": r["id"], "words": r["words"], "syndicated": r["syndicated"], "boilerplate": r["boilerplate"],
         "direction": r["direction"], "evidence": r["evidence"], "quoted": r["quoted"]}
        for r in links
    ]


def _quote_reuse(quotes: list[dict[str, Any]], links: list[dict[str, Any]]) -> dict[str, tuple[list[str], bool]]:
    """For each quote: the reuse links whose passage holds at least half of it, and
    whether it is independent: False when it stands in the ``b`` side of a link whose
    shared words go beyond quoted words (the outlet copied the passage, not only the
    same quotation)."""
    sides: dict[str, list[tuple[int, int, str, bool]]] = {}
    for r in links:
        sides.setdefault(r["a_article"], []).append((r["a_start"], r["a_end"], r["id"], False))
        sides.setdefault(r["b_article"], []).append((r["b_start"], r["b_end"], r["id"], not r["quoted"]))
    out = {}
    for q in quotes:
        ids, copied = [], False
        for start, end, link, copy in sides.get(q["article"], ()):
            if 2 * (min(end, q["end"]) - max(start, q["start"])) >= q["end"] - q["start"]:
                ids.append(link)
                copied = copied or copy
        out[q["id"]] = (ids, not copied)
    return out


def _quotes(statement_of: dict[str, str], chain_entity: dict[tuple[str, int], str],
            quote_rows: list[dict[str, Any]], reuse_of: dict[str, tuple[list[str], bool]]) -> list[dict[str, Any]]:
    out = []
    for q in quote_rows:
        speaker = chain_entity.get((q["article"], q["speaker_chain"])) if q["speaker_chain"] is not None else None
        out.append({
            "id": q["id"], "article": q["article"], "start": q["start"], "end": q["end"], "text": q["text"],
            "kind": q["kind"], "speaker_text": q["speaker_text"], "speaker": speaker, "cue": q["cue"],
            "statement": statement_of.get(q["id"]),
            # additions
            "cue_span": [q["cue_start"], q["cue_end"]] if q["cue_start"] is not None else None,
            # a cue in several pieces ("teilte … mit"): each [start, end]; cue_span is the first
            "cue_parts": stored_parts(q.get("cue_parts")) or None,
            # content in several pieces, around the words that attribute it: each [start, end];
            # start and end run from the first piece to the last
            "content_parts": stored_parts(q.get("content_parts")) or None,
            "speaker_span": [q["speaker_start"], q["speaker_end"]] if q["speaker_start"] is not None else None,
            "speaker_name": q["speaker_name"],
            "evidence": q["rule"],
            "reuse": reuse_of[q["id"]][0],
            "independent": reuse_of[q["id"]][1],
        })
    return out


def _statements(store: Store, reuse_of: dict[str, tuple[list[str], bool]]) -> list[dict[str, Any]]:
    return [
        {"id": s["id"], "speaker": s["speaker"], "text": s["text"], "quotes": s["quotes"], "event": s["event"],
         "variants": s["variants"], "evidence": s["evidence"],
         "independent_quotes": sum(1 for q in s["quotes"] if reuse_of.get(q, ([], True))[1])}
        for s in store.statements()
    ]


def build_document(store: Store, *, created: dt.datetime | None = None) -> dict[str, Any]:
    """The whole export as plain Python data, ready for ``json.dumps``."""
    created = created or dt.datetime.now(dt.timezone.utc)
    sentences = store.sentences()
    scare: dict[str, list[dict[str, Any]]] = {}
    for s in store.scare_quotes():
        scare.setdefault(s["article"], []).append({"start": s["start"], "end": s["end"], "text": s["text"]})
    boiler: dict[str, list[dict[str, Any]]] = {}
    for b in store.boilerplate():
        boiler.setdefault(b["article"], []).append(
            {"start": b["start"], "end": b["end"], "outlet": b["outlet"], "articles": b["articles"], "origin": b["origin"]})
    duplicates = store.duplicates()
    dates = store.article_dates()
    event_of = store.event_articles()
    times = _times(store)
    quote_rows = store.quotes()
    articles = [_article(row, sentences.get(row["id"], []), scare.get(row["id"], []), boiler.get(row["id"], []),
                         duplicates.get(row["id"]), dates.get(row["id"]), event_of.get(row["id"]), times.get(row["id"], []))
                for row in store.articles()]
    _add_voices(articles, sentences, quote_rows)
    texts = {a["id"]: a["text"] for a in articles}
    links = store.reuse_links()
    reuse_of = _quote_reuse(quote_rows, links)
    statements = _statements(store, reuse_of)
    article_of = {q["id"]: q["article"] for q in quote_rows}
    for s in statements:  # the event at which it was said: where its quotes' articles agree on one
        found = {event_of.get(article_of.get(q, "")) for q in s["quotes"]}
        if s["event"] is None and len(found) == 1:
            s["event"] = found.pop()
    events, stories = _events(store, event_of)
    event_framing = store.event_framing()
    for e in events:
        framing = event_framing.get(e["id"], {})
        e["outlets"] = framing.get("outlets", [])
        e["alternations"] = framing.get("alternations", [])
    statement_of = {q: s["id"] for s in statements for q in s["quotes"]}
    chain_entity = store.entity_chains()
    return {
        "newsprism_version": __version__,
        "created": created.isoformat(timespec="seconds"),
        "articles": articles,
        "entities": _entities(store, chain_entity),
        "quotes": _quotes(statement_of, chain_entity, quote_rows, reuse_of),
        "statements": statements,
        "events": events,
        "stories": stories,
        "reuse": _reuse(links, texts),
        "outlets": _outlets(store),
    }
