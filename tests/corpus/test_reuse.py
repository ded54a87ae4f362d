"""The reuse pass on the seeds and on small made-up corpora: exact links, boilerplate,
syndicated copies, common sentences, order independence, and the store round trip."""

import datetime as dt
import random

import pytest

from newsprism.corpus import reuse_pass
from newsprism.corpus.reuse import ReuseDoc, ReuseSettings, find_reuse, sentence_spans
from newsprism.ingest import InputFile, read_input
from newsprism.ingest.article import build_article
from newsprism.model import Analysis, Article, Sentence

BACKGROUND = ("In January 2020, a US drone strike near Baghdad International Airport assassinated General Soleimani, "
              "former commander of the Quds Force of Iran’s Islamic Revolution Guards Corps. The attack — that also "
              "killed Abu Mahdi al-Muhandis, the second-in-command of Iraq’s Popular Mobilization Units (PMU) anti-terror "
              "group, along with several others— came while General Soleimani was on an official visit to the Iraqi capital.")


@pytest.fixture(scope="module")
def seeds(seed_paths):
    """The seeds as the pipeline reads them (normalised text, dates, outlets), by number."""
    out = {}
    for number, path in seed_paths.items():
        a = build_article(read_input(InputFile(str(path)), max_bytes=10**7)[0])
        out[number] = ReuseDoc(number, a.text, (), a.outlet, a.published.isoformat() if a.published else None)
    return out


def _found(docs, links):
    return [(l.a.article, l.b.article, l.kind, docs[l.a.article].text[l.a.start:l.a.end],
             docs[l.b.article].text[l.b.start:l.b.end]) for l in links]


def test_seeds_exactly_the_shared_passages(seeds):
    result = find_reuse(list(seeds.values()))
    found = _found(seeds, result.links)
    assert [f[:3] for f in found] == [("000", "001", "verbatim"), ("000", "001", "near"), ("000", "001", "verbatim"),
                                      ("004", "000", "verbatim")]
    tens = found[0][3]
    assert tens == found[0][4]
    assert tens.startswith("“Tens of millions of Iranians") and tens.endswith("popular figures in the world of Islam too")
    heroic_a, heroic_b = found[1][3:]
    assert heroic_a.startswith("a manifestation of endeavor") and heroic_a.endswith("without a bit of fear,” the Leader noted.")
    assert heroic_b.startswith("a manifestation of endeavor") and heroic_b.endswith("without a bit of fear,” the Leader said.")
    assert found[2][3].startswith("Martyr Soleimani is an eternal reality") and found[2][4].startswith("“Martyr Soleimani")
    assert "garbage bin" in found[2][3] and found[2][3].endswith("the crime they committed.”")
    # 004 (Islam Times, dated 2023-12-31) and 000 (Tasnim, undated): the background paragraph, a = the dated one.
    assert found[3][3] == found[3][4] == BACKGROUND
    assert result.links[3].direction is None and "do not tell" in result.links[3].evidence
    assert result.boilerplate == [] and result.duplicates == {}
    # Nothing between the 2020, 2022 and 2023 meetings' own reports but the copied background.
    assert {(l.a.article, l.b.article) for l in result.links} == {("000", "001"), ("004", "000")}


def test_the_same_articles_in_any_order_give_the_same_links(seeds):
    docs = list(seeds.values())
    first = find_reuse(docs).links
    random.Random(3).shuffle(docs)
    assert find_reuse(docs).links == first


def _doc(id, sentences, outlet=None, published=None):
    text, spans = "", []
    for s in sentences:
        if text:
            text += " "
        spans.append((len(text), len(text) + len(s)))
        text += s
    return ReuseDoc(id, text, tuple(spans), outlet, published)


def _filler(seed, n):
    rng = random.Random(seed)
    words = "river dam minister water city flood report council village storm bridge vote budget road".split()
    return [" ".join(rng.choice(words) + str(rng.randrange(1000)) for _ in range(12)).capitalize() + "." for _ in range(n)]


BIO = "The Harbour Herald is an independent newspaper serving Marrowgate since 1921 and read across the valley."


def test_an_outlets_repeated_paragraph_is_its_boilerplate_not_reuse():
    docs = [_doc(f"h{k}", _filler(k, 4) + [BIO], "Harbour Herald", f"2025-03-0{k + 1}") for k in range(3)]
    docs.append(_doc("other", _filler(9, 3) + [BIO] + _filler(10, 2), "Radio Nordlys", "2025-03-09"))
    result = find_reuse(docs)
    assert [(b.article, b.outlet, b.articles, b.origin) for b in result.boilerplate] == [
        ("h0", "Harbour Herald", 3, "h0"), ("h1", "Harbour Herald", 3, "h0"), ("h2", "Harbour Herald", 3, "h0")]
    by = {d.id: d for d in docs}
    assert all(by[b.article].text[b.start:b.end] == BIO for b in result.boilerplate)
    # Another outlet's copy of it is credited to the outlet's earliest article alone, and flagged.
    assert [(l.a.article, l.b.article, l.boilerplate, l.direction) for l in result.links] == [
        ("h0", "other", "Harbour Herald", "a_first")]


def test_syndicated_copies_are_grouped_and_later_passages_credit_the_first():
    story = _filler(1, 12)
    docs = [_doc("wire", story, "Wire", "2025-03-04"),
            _doc("copy1", story[:-1] + [story[-1].replace("report", "notice")] + ["All content by Wire, licensed."],
                 "Paper One", "2025-03-05"),
            _doc("copy2", story + ["Republished with permission."], "Paper Two", "2025-03-05"),
            _doc("quoting", _filler(2, 3) + story[4:6] + _filler(3, 3), "Paper Three", "2025-03-07")]
    result = find_reuse(docs)
    assert result.duplicates == {"copy1": "wire", "copy2": "wire"}
    syndicated = [(l.a.article, l.b.article, l.kind) for l in result.links if l.syndicated]
    assert syndicated == [("wire", "copy1", "near"), ("wire", "copy2", "verbatim")]
    assert [(l.a.article, l.b.article, l.kind) for l in result.links if not l.syndicated] == [("wire", "quoting", "verbatim")]
    assert result.stats["lsh_pairs"] >= 2


def test_a_sentence_in_more_articles_than_the_index_allows_links_each_to_the_earliest():
    common = "The committee will publish its full findings on the collapse of the dam before the summer recess."
    docs = [_doc(f"d{k:02d}", _filler(100 + k, 3) + [common] + _filler(200 + k, 3), f"Outlet {k}", f"2025-04-{k % 28 + 1:02d}")
            for k in range(60)]
    result = find_reuse(docs, ReuseSettings(max_df=20))
    assert len(result.links) == 59
    assert {l.a.article for l in result.links} == {"d00"}
    assert all(docs[int(l.b.article[1:])].text[l.b.start:l.b.end] == common for l in result.links)


def test_the_pass_through_the_store_matches_the_library(store, seeds):
    analyses, docs = [], []
    for number, doc in sorted(seeds.items()):
        sentences = sentence_spans(doc)
        published = dt.date.fromisoformat(doc.published) if doc.published else None
        article = Article(number, f"seed{number}", "txt", doc.text, "en", outlet=doc.outlet, published=published)
        analyses.append(Analysis(article, tuple(Sentence(i, s, e, 0) for i, (s, e) in enumerate(sentences))))
        docs.append(ReuseDoc(number, doc.text, tuple(sentences), doc.outlet, doc.published))
    store.write_batch(analyses)
    assert reuse_pass(store) == 4
    expected = find_reuse(docs).links
    assert [(r["a_article"], r["a_start"], r["a_end"], r["b_article"], r["b_start"], r["b_end"], r["kind"], r["similarity"])
            for r in store.reuse_links()] == [
        (l.a.article, l.a.start, l.a.end, l.b.article, l.b.start, l.b.end, l.kind, l.similarity) for l in expected]
    assert reuse_pass(store) == 4 and store.count("reuse_links") == 4  # rewritten, not added to


def test_worker_processes_give_the_same_result(seeds):
    story = _filler(1, 12)
    docs = list(seeds.values()) + [_doc("wire", story, "Wire", "2025-03-04"), _doc("copy", story, "Paper", "2025-03-05")]
    one, two = find_reuse(docs), find_reuse(docs, processes=2)
    assert two.links == one.links and two.duplicates == one.duplicates == {"copy": "wire"}
    assert two.boilerplate == one.boilerplate


def test_the_shingle_index_cut_in_parts_gives_the_same_result(seeds):
    story = _filler(1, 12)
    docs = list(seeds.values()) + [_doc("wire", story, "Wire", "2025-03-04"), _doc("copy", story, "Paper", "2025-03-05"),
                                   _doc("quoting", _filler(2, 3) + story[4:6] + _filler(3, 3), "Paper Three", "2025-03-07")]
    whole = find_reuse(docs)
    assert whole.stats["index_parts"] == 1
    cut = ReuseSettings(index_rows=500)
    for processes in (1, 2):
        parts = find_reuse(docs, cut, processes=processes)
        assert parts.stats["index_parts"] > 5
        assert parts.links == whole.links and parts.duplicates == whole.duplicates == {"copy": "wire"}
        assert parts.boilerplate == whole.boilerplate and parts.stats["shingle_pairs"] == whole.stats["shingle_pairs"]
