"""Page contexts: what each page of the report shows, as plain data (store -> dicts).

The web app and the static report render the same contexts with the same templates, and
serve each as JSON at ``<page>.json``. Links are not built here: a context names what it
links to (``["events", id]``) and the renderer turns that into a URL for its medium.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Callable, Iterable
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ..corpus.framing import outlet_name, voices_of
from ..model import stored_parts
from ..stages.framing import VoiceSpans
from ..store import Store
from .highlight import Layer, segments
from .queries import Reader

__all__ = ["PageNotFound", "index_page", "event_page", "article_page", "entity_page", "outlet_page", "search_page",
           "safe_url", "lead"]

ID = re.compile(r"[0-9a-f]{8,32}")
_LEAD_CHARS = 320
_PAGE_EVENTS = 200
_PAGE_STORIES = 50
_FIGURES = ("articles", "quotes", "statements", "entities", "events", "stories", "reuse_links", "failures")  # tables


class PageNotFound(LookupError):
    """No such event, article, entity or outlet (or a malformed id)."""

    def __init__(self, kind: str, key: str, malformed: bool = False):
        self.kind, self.key, self.malformed = kind, key, malformed
        super().__init__(f"{'malformed' if malformed else 'no'} {kind} id {key!r}" if kind != "outlet" else f"no outlet {key!r}")


def _reading(build: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    """``build(store, reader, *args)`` called as ``page(store, *args)``, with a
    :class:`Reader` open for the whole page (one connection, one consistent view)."""

    @functools.wraps(build)
    def page(store: Store, *args: Any) -> dict[str, Any]:
        with Reader(store) as reader:
            return build(store, reader, *args)

    return page


def _check_id(kind: str, key: str) -> None:
    if not ID.fullmatch(key):
        raise PageNotFound(kind, key, malformed=True)


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) URL with a host, else None (so ``javascript:`` and
    ``data:`` links from hostile input are never rendered as links)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def lead(text: str, limit: int = _LEAD_CHARS) -> str:
    """The first paragraph, cut at a word boundary near ``limit`` characters."""
    first = text.strip().split("\n\n", 1)[0].strip()
    if len(first) <= limit:
        return first
    cut = first.rfind(" ", 0, limit)
    return first[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def _name(row: dict[str, Any]) -> str:
    return outlet_name(row.get("outlet"), row.get("source", ""), row.get("url"))


def _card(row: dict[str, Any], dates: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """An article as listed on other pages: title, outlet, dates, lead."""
    d = dates.get(row["id"], {})
    return {"id": row["id"], "title": row["title"], "outlet": _name(row), "source": row["source"],
            "label": row["title"] or f"untitled ({PurePosixPath(row['source'].replace(chr(92), '/')).name})",
            "published": row["published"] or d.get("published"), "happened": d.get("happened"),
            "lead": lead(row["text"]) if "text" in row else None}


def _by_outlet(cards: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    columns: dict[str, list[dict[str, Any]]] = {}
    for c in sorted(cards, key=lambda c: (c["outlet"], c["published"] or "", c["id"])):
        columns.setdefault(c["outlet"], []).append(c)
    return [{"outlet": name, "articles": arts} for name, arts in columns.items()]


# -- the front page ----------------------------------------------------------------------------

@_reading
def index_page(store: Store, reader: Reader) -> dict[str, Any]:
    """Corpus figures, the events on a timeline with their articles per outlet, stories."""
    figures = {table: store.count(table) for table in _FIGURES}
    events = reader.event_overview()
    stories = {s["id"]: {"id": s["id"], "title": s["title"], "events": []} for s in reader.stories()}
    for e in events:
        if e["story"] in stories:
            stories[e["story"]]["events"].append({"id": e["id"], "title": e["title"], "date": e["date"]})
    counts = reader.outlet_counts()
    outlets = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    largest = sorted(events, key=lambda e: (-e["articles"], e["date"] or "9999", e["id"]))[:_PAGE_EVENTS]
    profiles = set(reader.profiled_outlets())
    return {
        "page": "index",
        "figures": figures,
        "outlets": [{"name": k, "articles": v, "profiled": k in profiles} for k, v in outlets],
        "timeline": [{"id": e["id"], "title": e["title"], "date": e["date"], "articles": e["articles"],
                      "outlets": e["outlets"]} for e in events if e["date"]],
        "events": [{"id": e["id"], "title": e["title"], "date": e["date"], "articles": e["articles"],
                    "outlets": sorted(e["outlets"])} for e in largest],
        "events_total": len(events),
        "undated_events": sum(1 for e in events if not e["date"]),
        "stories": sorted((s for s in stories.values() if len(s["events"]) > 1),
                          key=lambda s: (-len(s["events"]), s["id"]))[:_PAGE_STORIES],
        "stories_total": sum(1 for s in stories.values() if len(s["events"]) > 1),
    }


# -- one event ---------------------------------------------------------------------------------

def _matrix(reader: Reader, quotes: list[dict[str, Any]], outlet_of: dict[str, str], outlets: list[str]) -> dict[str, Any]:
    """Statements as rows, outlets as columns; each cell the wordings that outlet used,
    each diffed word by word against the statement's reference wording."""
    statement_of = reader.statements_of_quotes(q["id"] for q in quotes)
    statements = reader.statements(set(statement_of.values()))
    speakers = reader.entities({s["speaker"] for s in statements.values() if s["speaker"]})
    rows: dict[str, dict[str, Any]] = {}
    order: dict[str, int] = {}  # first appearance, in article then text order
    for q in quotes:
        sid = statement_of.get(q["id"])
        if sid is None or sid not in statements:
            continue
        s = statements[sid]
        variants = {v["quote"]: v for v in s["variants"]}
        row = rows.setdefault(sid, {"statement": sid, "text": s["text"], "cells": {o: [] for o in outlets},
                                    "speaker": ({"id": s["speaker"], "name": speakers[s["speaker"]]["name"]}
                                                if s["speaker"] in speakers else None)})
        v = variants.get(q["id"])
        row["cells"][outlet_of[q["article"]]].append({
            "quote": q["id"], "article": q["article"], "text": q["text"], "kind": q["kind"],
            "speaker_text": q["speaker_text"], "relation": v["relation"] if v else "reference",
            "similarity": v["similarity"] if v else 1.0, "diff": v["diff"] if v else None})
        order.setdefault(sid, len(order))
    out = list(rows.values())
    for r in out:
        r["outlet_count"] = sum(1 for cell in r["cells"].values() if cell)
    out.sort(key=lambda r: (-r["outlet_count"], order[r["statement"]], r["statement"]))
    return {"outlets": outlets, "rows": out, "shared": sum(1 for r in out if r["outlet_count"] > 1)}


def _reuse_items(reader: Reader, ids: list[str], rows: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    links = reader.reuse_links(ids)
    others = reader.articles({x for link in links for x in (link["a_article"], link["b_article"])} - set(rows))
    known = {**rows, **others}

    def side(article: str, start: int, end: int) -> dict[str, Any]:
        row = known.get(article)
        return {"article": article, "start": start, "end": end, "outlet": _name(row) if row else None,
                "title": row["title"] if row else None, "text": row["text"][start:end] if row else None}

    return [{"id": link["id"], "a": side(link["a_article"], link["a_start"], link["a_end"]),
             "b": side(link["b_article"], link["b_start"], link["b_end"]), "kind": link["kind"],
             "similarity": link["similarity"], "words": link["words"], "direction": link["direction"],
             "syndicated": link["syndicated"], "quoted": link["quoted"], "boilerplate": link["boilerplate"],
             "evidence": link["evidence"]} for link in links]


@_reading
def event_page(store: Store, reader: Reader, event_id: str) -> dict[str, Any]:
    """The event's date and evidence, its articles side by side by outlet, the quote
    matrix, the reused passages and how each outlet words it."""
    _check_id("event", event_id)
    event = reader.event(event_id)
    if event is None:
        raise PageNotFound("event", event_id)
    ids = reader.event_members(event_id)
    rows = reader.articles(ids)
    dates = reader.article_dates(ids)
    cards = [_card(rows[i], dates) for i in ids if i in rows]
    outlet_of = {c["id"]: c["outlet"] for c in cards}
    columns = _by_outlet(cards)
    outlets = [c["outlet"] for c in columns]
    quotes = reader.quotes(ids)
    profiles = {p["outlet"]: p["profile"] for p in reader.outlet_profiles(event=event_id)}
    framing = reader.event_framing(event_id)
    return {
        "page": "event",
        "event": {"id": event["id"], "title": event["title"], "date": event["date"],
                  "date_evidence": event["date_evidence"], "evidence": event["evidence"]},
        "story": reader.story(event["story"]) if event["story"] else None,
        "columns": columns,
        "matrix": _matrix(reader, quotes, outlet_of, outlets),
        "reuse": _reuse_items(reader, ids, rows),
        "framing": {
            "outlets": [{"outlet": o, **profiles[o]} for o in outlets if o in profiles],
            "alternations": framing.get("alternations", []),
        },
    }


# -- one article -------------------------------------------------------------------------------

def _speaker(q: dict[str, Any], chains: dict[tuple[str, int], str], entities: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    entity = chains.get((q["article"], q["speaker_chain"])) if q["speaker_chain"] is not None else None
    return {"id": entity, "name": entities[entity]["name"]} if entity in entities else None


@_reading
def article_page(store: Store, reader: Reader, article_id: str) -> dict[str, Any]:
    """The text with its quotes, speakers, entity mentions, reused passages, scare quotes
    and each sentence's voice (own, reported, quoted, mixed) highlighted."""
    _check_id("article", article_id)
    row = reader.article(article_id)
    if row is None:
        raise PageNotFound("article", article_id)
    text = row["text"]
    dates = reader.article_dates([article_id])
    sentences = reader.sentences(article_id)
    quotes = reader.quotes([article_id])
    mentions = reader.mentions([article_id])
    chains = reader.chain_entities([article_id])
    entities = reader.entities(set(chains.values()))
    statement_of = reader.statements_of_quotes(q["id"] for q in quotes)
    voices = VoiceSpans(quotes)
    sentence_voice = voices_of([(s["start"], s["end"]) for s in sentences], voices)
    reuse = _reuse_items(reader, [article_id], {article_id: row})
    scare = reader.scare_quotes(article_id)
    event_id = reader.events_of([article_id]).get(article_id)
    event = reader.events([event_id]).get(event_id) if event_id else None

    layers: list[Layer] = [Layer(s["start"], s["end"], f"voice-{v}") for s, v in zip(sentences, sentence_voice)]
    by_entity: dict[str, dict[str, Any]] = {}
    for m in mentions:
        entity = chains.get((article_id, m["chain"])) if m["chain"] is not None else None
        if entity in entities:
            layers.append(Layer(m["start"], m["end"], "mention", f"{entities[entity]['name']} ({m['type']})", ("entities", entity)))
            item = by_entity.setdefault(entity, {"id": entity, "name": entities[entity]["name"],
                                                 "type": entities[entity]["type"], "mentions": []})
            item["mentions"].append(m["text"])
    quote_items = []
    for q in quotes:
        speaker = _speaker(q, chains, entities)
        who = speaker["name"] if speaker else (q["speaker_text"] or "unknown speaker")
        for start, end in stored_parts(q.get("content_parts")) or [(q["start"], q["end"])]:
            layers.append(Layer(start, end, f"quote quote-{q['kind']}", f"{q['kind']} quote of {who}"))
        if q["cue_start"] is not None:
            for start, end in stored_parts(q.get("cue_parts")) or [(q["cue_start"], q["cue_end"])]:
                layers.append(Layer(start, end, "cue", "cue"))
        if q["speaker_start"] is not None:
            layers.append(Layer(q["speaker_start"], q["speaker_end"], "speaker", f"speaker: {who}"))
        quote_items.append({"id": q["id"], "start": q["start"], "end": q["end"], "text": q["text"], "kind": q["kind"],
                            "cue": q["cue"], "speaker_text": q["speaker_text"], "speaker": speaker,
                            "statement": statement_of.get(q["id"]), "evidence": q["rule"]})
    for r in reuse:
        mine, other = (r["a"], r["b"]) if r["a"]["article"] == article_id else (r["b"], r["a"])
        first = ("this article first" if (r["direction"] == "a_first") == (mine is r["a"]) else "the other first") \
            if r["direction"] else "which came first is unknown"
        layers.append(Layer(mine["start"], mine["end"], "reused",
                            f"also in {other['outlet']}: {other['title'] or other['article']} ({r['kind']}; {first})",
                            ("articles", other["article"])))
    for s in scare:
        layers.append(Layer(s["start"], s["end"], "scare", "scare quotes"))

    card = _card(row, dates)
    return {
        "page": "article",
        "article": {**card, "url": row["url"], "link": safe_url(row["url"]), "author": row["author"], "place": row["place"],
                    "language": row["language"], "format": row["format"], "text": text,
                    "published_evidence": row["published_evidence"] or dates.get(article_id, {}).get("published_evidence"),
                    "happened_evidence": dates.get(article_id, {}).get("happened_evidence"),
                    "duplicate_of": reader.duplicate_of(article_id)},
        "event": event,
        "segments": segments(text, layers),
        "voice": {v: sentence_voice.count(v) for v in ("own", "reported", "quoted", "mixed")},
        "quotes": quote_items,
        "entities": sorted(by_entity.values(), key=lambda e: (-len(e["mentions"]), e["name"])),
        "reuse": reuse,
        "scare_quotes": [{"start": s["start"], "end": s["end"], "text": s["text"]} for s in scare],
        "framing_terms": [{**t, "chain": None if t["chain"] < 0 else t["chain"], "scare": bool(t["scare"])}
                          for t in reader.framing_terms(article_id)],
    }


# -- one entity --------------------------------------------------------------------------------

@_reading
def entity_page(store: Store, reader: Reader, entity_id: str) -> dict[str, Any]:
    """An entity's aliases, how each outlet labels it in its own words, its statements."""
    _check_id("entity", entity_id)
    entity = reader.entities([entity_id]).get(entity_id)
    if entity is None:
        raise PageNotFound("entity", entity_id)
    chains = set(reader.entity_chains(entity_id))
    article_ids = {a for a, _ in chains}
    mentions = [m for m in reader.mentions(article_ids) if (m["article"], m["chain"]) in chains]
    rows = reader.articles(article_ids, text=False)
    aliases: dict[str, int] = {}
    for m in mentions:
        aliases[m["text"]] = aliases.get(m["text"], 0) + 1
    labels = []
    for p in reader.outlet_profiles(event=""):
        own = [{"text": x["text"], "count": x["count"]} for x in p["profile"].get("labels", []) if x["entity"] == entity_id]
        if own:
            labels.append({"outlet": p["outlet"], "labels": own})
    statements = reader.statements_by_speaker(entity_id)
    members = reader.statement_quotes(s["id"] for s in statements)
    quotes = reader.quotes_by_id(q for qs in members.values() for q in qs)
    quote_articles = reader.articles({q["article"] for q in quotes.values()} - set(rows), text=False)
    known = {**rows, **quote_articles}
    event_of = reader.events_of(q["article"] for q in quotes.values())
    said = []
    for s in statements:
        qs = [quotes[q] for q in members.get(s["id"], []) if q in quotes]
        # as in the export: the event at which it was said, where its quotes' articles agree on one
        found = {event_of.get(q["article"]) for q in qs}
        said.append({"id": s["id"], "text": s["text"], "event": s["event"] or (found.pop() if len(found) == 1 else None),
                     "outlets": sorted({_name(known[q["article"]]) for q in qs if q["article"] in known}),
                     "quotes": [{"id": q["id"], "article": q["article"], "text": q["text"], "kind": q["kind"]} for q in qs]})
    said.sort(key=lambda s: (-len(s["outlets"]), -len(s["quotes"]), s["id"]))
    return {
        "page": "entity",
        "entity": {"id": entity["id"], "name": entity["name"], "type": entity["type"], "evidence": entity["evidence"]},
        "aliases": [{"text": t, "count": n} for t, n in sorted(aliases.items(), key=lambda kv: (-kv[1], kv[0]))],
        "labels": labels,
        "statements": said,
        "articles": sorted((_card(r, {}) for r in rows.values()), key=lambda a: (a["outlet"], a["published"] or "", a["id"])),
    }


# -- one outlet --------------------------------------------------------------------------------

@_reading
def outlet_page(store: Store, reader: Reader, name: str) -> dict[str, Any]:
    """An outlet's distinctive terms, labels, scare quotes, acts, voice and articles."""
    rows = reader.outlet_profiles(event="", outlet=name)
    if not rows:
        raise PageNotFound("outlet", name)
    profile = rows[0]["profile"]
    articles = reader.articles(profile.get("articles", []), text=False)
    events = reader.events_of(articles)
    titles = reader.events(set(events.values()))
    dates = reader.article_dates(articles)
    listed = []
    for r in articles.values():
        card = _card(r, dates)
        e = titles.get(events.get(r["id"], ""))
        listed.append({**card, "event": {"id": e["id"], "title": e["title"], "date": e["date"]} if e else None})
    listed.sort(key=lambda a: (a["published"] or "", a["id"]))
    return {"page": "outlet", "outlet": name, "profile": {k: v for k, v in profile.items() if k != "articles"},
            "articles": listed}


# -- search ------------------------------------------------------------------------------------

def search_page(store: Store, query: str, page: int = 1) -> dict[str, Any]:
    """Full-text search over titles and texts."""
    query = (query or "")[:200]
    page = max(1, min(page, 1000))
    limit = 20
    found = store.search(query, limit=limit, offset=(page - 1) * limit)
    return {"page": "search", "query": query, "number": page, "per_page": limit, **found}
