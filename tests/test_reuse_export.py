"""Quotes inside copied passages, through the store and the export (small made-up articles)."""

import datetime as dt

from newsprism.corpus import reuse_pass
from newsprism.export import build_document
from newsprism.model import Analysis, Article, Quote, Sentence

NARRATIVE = "The minister visited the flooded district on Tuesday and met families who had lost their homes."
QUOTE = "We will rebuild every house that the river took from these families"
SENTENCE = f"“{QUOTE},” she told reporters at the scene."


def _analysis(id, published, sentences, outlet):
    text, spans = "", []
    for s in sentences:
        text += (" " if text else "")
        spans.append((len(text), len(text) + len(s)))
        text += s
    start = text.find(QUOTE)
    quotes = (Quote(start, start + len(QUOTE), QUOTE, "direct", "told"),) if start >= 0 else ()
    article = Article(id, f"{id}.txt", "txt", text, "en", outlet=outlet, published=dt.date.fromisoformat(published))
    return Analysis(article, tuple(Sentence(i, s, e, 0) for i, (s, e) in enumerate(spans)), quotes=quotes)


def test_a_quote_copied_with_a_passage_is_not_independent(store):
    own = "Rain is forecast for the rest of the week across the whole of the northern valley region."
    other = "Local councillors said the emergency shelters in the school would stay open until the spring."
    store.write_batch([
        _analysis("first", "2025-03-04", [NARRATIVE, SENTENCE, own], "Wire"),
        _analysis("copier", "2025-03-05", [other, NARRATIVE, SENTENCE], "Paper"),
        _analysis("quoter", "2025-03-06", ["Snow closed the mountain pass road for a second day, police said.", f"“{QUOTE}.”"], "Radio"),
    ])
    reuse_pass(store)
    document = build_document(store)
    links = {(r["a"]["article"], r["b"]["article"]): r for r in document["reuse"]}
    assert links[("first", "copier")]["quoted"] is False
    assert links[("first", "copier")]["b"]["text"] == f"{NARRATIVE} {SENTENCE}"
    quotes = {q["article"]: q for q in document["quotes"]}
    assert quotes["first"]["independent"] is True
    assert quotes["copier"]["independent"] is False  # copied with the minister's visit
    assert quotes["copier"]["reuse"] == [links[("first", "copier")]["id"]]
    # "quoter" shares only the quotation (its own report around it): linked, but independent.
    assert links[("first", "quoter")]["quoted"] is True
    assert quotes["quoter"]["reuse"] == [links[("first", "quoter")]["id"]]
    assert quotes["quoter"]["independent"] is True
    assert len(links) == 2  # copier-quoter is credited to "first", which both copies share
