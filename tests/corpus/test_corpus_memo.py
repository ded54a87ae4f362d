"""Kept per-group results of the corpus passes (newsprism.corpus.memo): reused only for the
very inputs they came from, so a pass run again gives the same output, byte for byte."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from newsprism.corpus import framing_pass, statement_pass
from newsprism.corpus import statements as statements_module
from newsprism.corpus.memo import Memo


class _Kept:
    """The store methods Memo uses, over a dict; it counts the values read."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, tuple[str, str]]] = {}
        self.reads = 0

    def memo_digests(self, name):
        return {k: d for k, (d, _) in self.rows.get(name, {}).items()}

    def memo_value(self, name, key):
        self.reads += 1
        return self.rows.get(name, {}).get(key, (None, None))[1]

    def replace_memo(self, name, rows):
        have = self.rows.get(name, {})
        self.rows[name] = {k: (d, have[k][1] if v is None else v) for k, d, v in rows}


def test_a_kept_result_is_reused_only_for_the_same_inputs():
    kept = _Kept()
    calls = []

    def compute(value):
        calls.append(value)
        return value

    first = Memo(kept, "p", "1")
    assert first.get("a", {"x": 1}, lambda: compute((1, 2))) == [1, 2]  # as JSON gives it back
    assert first.get("b", {"x": 2}, lambda: compute({"k": None})) == {"k": None}
    first.save()
    second = Memo(kept, "p", "1")
    assert second.get("a", {"x": 1}, lambda: compute("never")) == [1, 2]
    assert second.get("b", {"x": 3}, lambda: compute("b again")) == "b again"  # inputs changed
    assert (second.hits, second.misses) == (1, 1)
    second.save()
    assert set(kept.rows["p"]) == {"a", "b"}
    third = Memo(kept, "p", "1")
    third.get("a", {"x": 1}, lambda: compute("a only"))
    third.save()
    assert set(kept.rows["p"]) == {"a"}  # a group that is gone is not kept
    assert Memo(kept, "p", "2").find("a", {"x": 1})[1] is None  # another version reuses nothing
    assert Memo(kept, "other", "1").find("a", {"x": 1})[1] is None
    assert calls == [(1, 2), {"k": None}, "b again"]
    assert kept.reads == 2  # only the values of the groups that were reused, when asked for


def test_the_store_writes_only_what_changed_and_drops_what_is_gone(store):
    store.replace_memo("p", [("a", "d1", "[1]"), ("b", "d2", "[2]")])
    assert store.memo_digests("p") == {"a": "d1", "b": "d2"}
    store.replace_memo("p", iter([("a", "d1", None), ("c", "d3", "[3]")]))  # a kept as it is, b gone
    assert store.memo("p") == {"a": ("d1", "[1]"), "c": ("d3", "[3]")}
    assert store.memo_value("p", "c") == "[3]" and store.memo_value("p", "b") is None
    store.replace_memo("p", [("a", "d4", "[4]"), ("c", "d3", None)])  # a's inputs changed
    assert store.memo("p") == {"a": ("d4", "[4]"), "c": ("d3", "[3]")}
    with pytest.raises(ValueError, match="no value for 'x'"):
        store.replace_memo("p", [("x", "d5", None)])
    assert store.memo("p") == {"a": ("d4", "[4]"), "c": ("d3", "[3]")}  # nothing of a failed write is kept


def test_the_store_keeps_each_pass_apart(store):
    store.replace_memo("one", [("k", "d1", "[1]"), ("j", "d2", "{}")])
    store.replace_memo("two", [("k", "d3", "null")])
    store.replace_memo("one", [("k", "d4", "[2]")])
    assert store.memo("one") == {"k": ("d4", "[2]")}
    assert store.memo("two") == {"k": ("d3", "null")}
    assert store.memo("three") == {}


def _outputs(store):
    return store.statements(), store.outlet_profiles(), store.event_framing()


def test_a_pass_run_again_reuses_every_group_and_gives_the_same_output(seeds_copy, monkeypatch):
    before = _outputs(seeds_copy)
    assert seeds_copy.count("corpus_memo") > 0

    def never(*args, **kwargs):
        raise AssertionError("computed again although its inputs did not change")

    monkeypatch.setattr(statements_module, "compare", never)
    monkeypatch.setattr("newsprism.corpus.framing_pass.omission_facts", never)
    statement_pass(seeds_copy)
    framing_pass(seeds_copy)
    assert _outputs(seeds_copy) == before


def _omitted(store, kind):
    return sorted((row["outlet"], row["event"], m["id"], m["text"]) for row in store.outlet_profiles() if row["event"]
                  for m in row["profile"]["omissions"] if m["kind"] == kind)


def test_an_events_omissions_are_kept_while_the_corpus_renames_its_statements_and_entities(seeds_copy, monkeypatch):
    """A statement that grows in another event gets another id, an entity another name:
    the events whose own articles did not change keep their omissions, and list them
    under the new ids and names."""
    store = seeds_copy
    statements, entities = _omitted(store, "statement"), _omitted(store, "entity")
    assert (len(statements), len(entities)) == (4, 2)
    of_quotes, texts, kept = store.statement_of_quotes(), store.statement_texts(), store.entities()
    monkeypatch.setattr(store, "statement_of_quotes", lambda: {q: "new-" + s for q, s in of_quotes.items()})
    monkeypatch.setattr(store, "statement_texts", lambda: {"new-" + s: t.upper() for s, t in texts.items()})
    monkeypatch.setattr(store, "entities", lambda: [{**e, "name": e["name"] + " (renamed)"} for e in kept])

    def never(*args, **kwargs):
        raise AssertionError("computed again although the event's own articles did not change")

    monkeypatch.setattr("newsprism.corpus.framing_pass.omission_facts", never)
    framing_pass(store)
    assert _omitted(store, "statement") == [(o, e, "new-" + s, t.upper()) for o, e, s, t in statements]
    assert _omitted(store, "entity") == [(o, e, i, t + " (renamed)") for o, e, i, t in entities]


def test_a_group_whose_inputs_changed_is_computed_again(seeds_copy, caplog):
    before = _outputs(seeds_copy)
    kept = seeds_copy.memo("framing.omissions")
    with seeds_copy.engine.begin() as conn:  # as if one event's articles had changed since
        conn.execute(text("UPDATE corpus_memo SET digest = 'stale' WHERE pass = 'framing.omissions' AND key = :k"),
                     {"k": sorted(kept)[0]})
        conn.execute(text("UPDATE corpus_memo SET digest = 'stale' WHERE pass = 'statements'"))
    with caplog.at_level(logging.INFO, logger="newsprism.corpus.framing_pass"):
        framing_pass(seeds_copy)
    assert f"omissions of {len(kept) - 1} kept, 1 found" in caplog.text
    statement_pass(seeds_copy)
    assert _outputs(seeds_copy) == before
    assert seeds_copy.memo("framing.omissions") == kept
    assert "stale" not in {d for d, _ in seeds_copy.memo("statements").values()}


def test_kept_statements_are_a_speakers_grouped_quotes_alone():
    from newsprism.corpus.statements import QuoteRecord, group_statements

    said = "The nation will never forget his sacrifice for the country."
    quotes = [QuoteRecord("q1", "a1", said, "direct", "s"), QuoteRecord("q2", "a2", said, "direct", "s"),
              QuoteRecord("q3", "a3", "“—”", "direct", "s")]  # no words: never in the speaker's block
    kept = _Kept()
    for _ in range(2):
        memo = Memo(kept, "statements", "1")
        assert group_statements(quotes, memo=memo) == group_statements(quotes)
        memo.save()
    assert (memo.hits, memo.misses) == (1, 0)
    memo = Memo(kept, "statements", "1")
    assert group_statements(quotes[:2], memo=memo) == group_statements(quotes[:2])  # q3 gone, the block kept
    assert memo.hits == 1
