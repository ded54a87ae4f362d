"""The framing builders on small hand-made articles: names, own words, alternations, omissions."""

from newsprism.corpus.framing import FramedArticle, alternations, outlet_name, own_words, terms_of
from newsprism.corpus.omissions import OmissionSettings, omissions
from newsprism.model import Quote


def test_outlet_name_falls_back_to_the_source():
    assert outlet_name("Tasnim", "a.txt") == "Tasnim"
    assert outlet_name(None, "feeds/x.rss#item-3", "https://www.iranintl.com/en/1") == "iranintl.com"
    assert outlet_name(None, "../seeds/002_32eb.txt") == "002_32eb.txt"
    assert outlet_name(None, "dump.warc.gz#rec-1") == "dump.warc.gz"


def test_own_words_leave_out_verbatim_quotes_and_boilerplate():
    text = 'The regime said “the dustbin of history awaits”. It called it the martyrdom. Subscribe now.'
    q, n = text.index("the dustbin"), len("the dustbin of history awaits")
    a = FramedArticle("a", "X", text, quotes=(Quote(q, q + n, text[q:q + n], "direct"),),
                      exclude=((text.index("Subscribe"), len(text)),))
    assert own_words(a) == [["the", "regime", "said"], ["it", "called", "it", "the", "martyrdom"]]
    assert terms_of(own_words(a)) == {"regime": 1, "called": 1, "martyrdom": 1}


def test_own_words_are_lower_cased_without_possessives():
    text = "Iran’s Leader and the IRGC's Quds Force met O'Neill's rock-solid ally, Soleimani’s heirs. Its spokesman’s."
    assert own_words(FramedArticle("a", "X", text)) == [
        ["iran", "leader", "and", "the", "irgc", "quds", "force", "met", "o'neill", "rock-solid", "ally", "soleimani",
         "heirs", "its", "spokesman"]]


def test_indirect_speech_is_the_outlets_wording():
    text = "Officials said that the killing was a crime."
    q = text.index("that")
    a = FramedArticle("a", "X", text, quotes=(Quote(q, len(text) - 1, text[q:-1], "indirect"),))
    assert terms_of(own_words(a))["killing"] == 1


def _profile(labels=(), acts=()):
    return {"labels": [{"entity": e, "name": n, "text": t, "count": c} for e, n, t, c in labels],
            "acts": [{"entity": e, "name": n, "family": "death", "text": t, "count": c, "scare_quoted": s}
                     for e, n, t, c, s in acts]}


def test_alternations_only_where_outlets_differ():
    found = alternations({
        "A": _profile(labels=[("k", "Khamenei", "the Leader", 2), ("s", "Soleimani", "Soleimani", 1)],
                      acts=[("s", "Soleimani", "martyrdom", 1, 0)]),
        "B": _profile(labels=[("k", "Khamenei", "Iran's hardline leader", 1), ("s", "Soleimani", "Soleimani", 3)],
                      acts=[("s", "Soleimani", "killing", 1, 0), ("s", "Soleimani", "martyrdom", 1, 1)]),
    })
    assert [(f["kind"], f["name"]) for f in found] == [("act", "Soleimani"), ("label", "Khamenei")]
    assert found[0]["outlets"] == [
        {"outlet": "A", "terms": [{"text": "martyrdom", "count": 1, "scare_quoted": 0}]},
        {"outlet": "B", "terms": [{"text": "killing", "count": 1, "scare_quoted": 0},
                                  {"text": "martyrdom", "count": 1, "scare_quoted": 1}]},
    ]


def _article(id_, outlet, text, mentions=()):
    spans = []
    at = 0
    for sentence in text.split(". "):
        start = text.index(sentence, at)
        spans.append((start, start + len(sentence)))
        at = start + len(sentence)
    found = []
    for name, entity in mentions:
        i = text.index(name)
        found.append((i, i + len(name), name, "name", entity))
    return FramedArticle(id_, outlet, text, sentences=tuple(spans), mentions=tuple(found))


def test_omissions_need_two_other_outlets_and_respect_names_written():
    fact = "The dam operator had warned the ministry about cracks in the spillway wall in March"
    a = _article("a", "A", fact + ". Reinholt said more.", [("Reinholt", "r")])
    b = _article("b", "B", "Officials say " + fact.lower() + ". Jonas Reinholt spoke.", [("Jonas Reinholt", "r")])
    c = _article("c", "C", "Rain fell all day over the northern valley and the river rose fast. A reinholt plan.")
    found = omissions({"A": [a], "B": [b], "C": [c]}, {"r": "PERSON"}, {"r": "Jonas Reinholt"}, {})
    assert found["A"] == [] and found["B"] == []
    kinds = [(m["kind"], m["reported_by"]) for m in found["C"]]
    assert kinds == [("sentence", ["A", "B"])]  # "reinholt" is written by C: not an omission
    (m,) = found["C"]
    assert m["note"] == "not mentioned by C" and [e["article"] for e in m["evidence"]] == ["a", "b"]


def test_omissions_do_not_depend_on_the_comparison_block(monkeypatch):
    import newsprism.corpus.omissions as module

    fact = "The dam operator had warned the ministry about cracks in the spillway wall in March"
    other = "Rescue teams worked through the night to reach the flooded houses near the old mill"
    groups = {"A": [_article("a", "A", fact + ". " + other + ".")],
              "B": [_article("b", "B", "Officials say " + fact.lower() + ". " + other + ".")],
              "C": [_article("c", "C", "Rain fell all day over the northern valley and the river rose fast.")]}
    whole = omissions(groups, {}, {}, {})
    monkeypatch.setattr(module, "_BLOCK", 1)
    assert omissions(groups, {}, {}, {}) == whole
    assert sorted(m["text"][:20] for m in whole["C"]) == ["Rescue teams worked ", "The dam operator had"]
    assert whole["A"] == whole["B"] == []


def test_a_fact_reprinted_by_many_outlets_names_them_all_and_shows_a_few_spans():
    fact = "The dam operator had warned the ministry about cracks in the spillway wall in March"
    outlets = [f"Wire {n}" for n in "ABCDEFG"]
    groups = {o: [_article(f"a{k}", o, f"{fact}. Jonas Reinholt spoke. {fact} again.", [("Jonas Reinholt", "r")])]
              for k, o in enumerate(outlets)}
    groups["Local"] = [_article("z", "Local", "Rain fell all day over the northern valley and the river rose fast.")]
    found = omissions(groups, {"r": "PERSON"}, {"r": "Jonas Reinholt"}, {})
    assert all(found[o] == [] for o in outlets)
    entity, sentence = found["Local"]
    for m in (entity, sentence):
        assert m["reported_by"] == outlets
        # One span per outlet, the first five outlets by name: seven outlets report the fact,
        # each with two sentences, and the list does not grow with them.
        assert [e["article"] for e in m["evidence"]] == ["a0", "a1", "a2", "a3", "a4"]
    assert [e["text"] for e in entity["evidence"]] == ["Jonas Reinholt"] * 5
    assert all(e["text"].startswith("The dam operator") for e in sentence["evidence"])
    assert len(omissions(groups, {"r": "PERSON"}, {"r": "Jonas Reinholt"}, {},
                         OmissionSettings(max_evidence=9))["Local"][1]["evidence"]) == 9


def test_rest_is_the_total_less_one_outlets_counts():
    from collections import Counter

    from newsprism.corpus.framing_pass import Rest

    total, part = Counter({"a": 3, "b": 2, "c": 1}), Counter({"a": 1, "b": 2})
    rest = Rest(total, part)
    assert dict(rest) == dict(+(total - part)) == {"a": 2, "c": 1}
    assert (rest.get("b", 0), rest.get("zzz", 0), rest.total(), len(rest)) == (0, 0, 3, 2)


def test_the_pass_writes_the_same_whatever_its_batch_of_articles(seeds_db, tmp_path, monkeypatch):
    """The framing pass reads the store a group of articles at a time (whole events):
    read one article (or one event) at a time, it writes exactly what it writes reading
    all five seeds at once, and every outlet's corpus-wide profile covers all its articles."""
    import importlib
    import sqlite3

    from newsprism import open_store

    module = importlib.import_module("newsprism.corpus.framing_pass")  # the package's name is the function's
    run_framing = module.framing_pass
    copy = tmp_path / "seeds.db"
    with sqlite3.connect(seeds_db.removeprefix("sqlite:///")) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with open_store(f"sqlite:///{copy}") as store:
        run_framing(store)
        whole = (store.outlet_profiles(), store.event_framing())
        monkeypatch.setattr(module, "BATCH_ARTICLES", 1)
        batches = list(module._Reader(store).by_event())
        assert sorted(a for b in batches for a in b) == sorted(r["id"] for r in store.articles())
        assert len(batches) >= 3
        run_framing(store)
        assert (store.outlet_profiles(), store.event_framing()) == whole
        corpus = {r["outlet"]: r["profile"]["articles"] for r in whole[0] if r["event"] == ""}
        assert sum(len(ids) for ids in corpus.values()) == 5


def test_a_name_is_looked_for_as_whole_words_in_each_text():
    """One search over an outlet's joined texts finds a name exactly where a search of
    each text would: whole words, any case but for short capitals, never across texts."""
    from newsprism.corpus.omissions import _named_in

    texts = ["The talks in Vienna", "us and them", "Soleimani's family met", "x\x00y"]
    assert _named_in(texts, {"Soleimani"}) and _named_in(texts, {"vienna"})
    assert not _named_in(texts, {"US"}) and _named_in(texts, {"Us"})  # "US" is not "us"; "Us" matches in any case
    assert not _named_in(texts, {"Vienna us"})  # two texts are not one sentence
    assert not _named_in(texts, {"Soleiman", "talk"})  # parts of words are not names
    assert not _named_in(texts, {"Vienna\x00us"}) and _named_in(texts, {"x\x00y"})  # a name holding the joint
    assert not _named_in(texts, set()) and not _named_in([], {"Vienna"})
