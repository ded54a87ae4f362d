"""Page contexts on the real seeds: what each page shows, exactly."""

from __future__ import annotations

import pytest

from newsprism import open_store
from newsprism.report import pages
from newsprism.report.pages import PageNotFound, lead, safe_url

MEETING_OUTLETS = ["002_32ebf9da48c73862.txt", "Mehr News Agency", "Tasnim"]


@pytest.fixture(scope="module")
def seeds_store(seeds_db):
    with open_store(seeds_db, create=False) as store:
        yield store


@pytest.fixture(scope="module")
def ids(seeds_document):
    """Seed number -> article id, and the ids of the meeting event and its people."""
    by_seed = {a["source"].rsplit("/", 1)[-1][:3]: a["id"] for a in seeds_document["articles"]}
    meeting = next(a["event"] for a in seeds_document["articles"] if a["id"] == by_seed["000"])
    entity = {e["name"]: e["id"] for e in seeds_document["entities"]}
    return {**by_seed, "meeting": meeting, "khamenei": entity["Ali Khamenei"], "soleimani": entity["Qassem Soleimani"]}


def test_front_page_lists_every_event_with_its_outlets(seeds_store):
    page = pages.index_page(seeds_store)
    assert page["figures"]["articles"] == 5 and page["figures"]["events"] == 3
    assert [(e["date"], e["articles"]) for e in page["timeline"]] == [("2020-12-16", 1), ("2022-01-01", 3), ("2023-12-31", 1)]
    meeting = next(e for e in page["timeline"] if e["date"] == "2022-01-01")
    assert meeting["outlets"] == {name: 1 for name in MEETING_OUTLETS}
    assert [len(s["events"]) for s in page["stories"]] == [3]
    assert page["events"][0]["date"] == "2022-01-01"  # the largest event first
    # articles without an outlet are listed under their source, as the framing pass profiles them
    assert [(o["name"], o["articles"], o["profiled"]) for o in page["outlets"]] == [
        (name, 1, True) for name in ["002_32ebf9da48c73862.txt", "003_b050418d726ab46a.txt", "Islam Times",
                                     "Mehr News Agency", "Tasnim"]]


def test_event_page_sets_the_outlets_side_by_side(seeds_store, ids):
    page = pages.event_page(seeds_store, ids["meeting"])
    assert page["event"]["date"] == "2022-01-01"
    assert "'on Saturday'" in page["event"]["date_evidence"] and "second anniversary" in page["event"]["date_evidence"]
    assert [c["outlet"] for c in page["columns"]] == MEETING_OUTLETS
    tasnim = page["columns"][2]["articles"][0]
    assert tasnim["title"] == "Ayatollah Khamenei: Resistance Emboldened by Gen. Soleimani"
    assert tasnim["lead"].startswith("TEHRAN (Tasnim) – Leader of the Islamic Revolution")
    assert len(page["story"]["events"]) == 3


def test_the_quote_matrix_matches_the_two_translations(seeds_store, ids):
    matrix = pages.event_page(seeds_store, ids["meeting"])["matrix"]
    assert matrix["outlets"] == MEETING_OUTLETS
    row = next(r for r in matrix["rows"] if any("dustbin" in c["text"] for c in r["cells"][MEETING_OUTLETS[0]]))
    assert row["speaker"] == {"id": ids["khamenei"], "name": "Ali Khamenei"}
    assert row["outlet_count"] == 3
    (dustbin,) = row["cells"]["002_32ebf9da48c73862.txt"]
    (mehr,) = row["cells"]["Mehr News Agency"]
    (tasnim,) = row["cells"]["Tasnim"]
    assert dustbin["text"].startswith("Trump and others like him will be forgotten and lost in the dustbin of history")
    assert dustbin["relation"] == "translation"
    assert {"op": "replace", "ref": "like - will go down in history’s garbage bin", "var": "dustbin of history"} in dustbin["diff"]
    assert "history’s garbage bin" in mehr["text"] and "history’s garbage bin" in tasnim["text"]
    assert sorted([mehr["relation"], tasnim["relation"]]) == ["reference", "verbatim"]
    assert matrix["rows"][0]["outlet_count"] >= matrix["rows"][-1]["outlet_count"]
    assert matrix["shared"] == sum(1 for r in matrix["rows"] if r["outlet_count"] > 1) == 5


def test_event_page_shows_the_copied_passages_and_the_framing(seeds_store, ids):
    page = pages.event_page(seeds_store, ids["meeting"])
    pairs = sorted(tuple(sorted([r["a"]["outlet"], r["b"]["outlet"]])) for r in page["reuse"])
    assert pairs == [("Islam Times", "Tasnim"), ("Mehr News Agency", "Tasnim"), ("Mehr News Agency", "Tasnim"),
                     ("Mehr News Agency", "Tasnim")]
    islam = next(r for r in page["reuse"] if "Islam Times" in (r["a"]["outlet"], r["b"]["outlet"]))
    assert islam["words"] == 67 and islam["kind"] == "verbatim" and not islam["quoted"]
    framing = {o["outlet"]: o for o in page["framing"]["outlets"]}
    assert sorted(framing) == MEETING_OUTLETS
    assert [s["text"] for s in framing["002_32ebf9da48c73862.txt"]["scare_quotes"]] == [
        "resistance", "Resistance", "Resistance front", "martyrdom"]
    assert framing["Tasnim"]["omissions"] == []
    left_out = {x["text"] for x in framing["002_32ebf9da48c73862.txt"]["omissions"] if x["kind"] == "entity"}
    assert "Abu Mahdi al-Muhandis" in left_out and "Donald Trump" not in left_out
    killing = next(a for a in page["framing"]["alternations"] if a["kind"] == "act" and a["name"] == "Qassem Soleimani")
    words = {o["outlet"]: sorted(t["text"] for t in o["terms"]) for o in killing["outlets"]}
    assert words["Tasnim"] == ["assassinated", "assassination"]
    assert words["002_32ebf9da48c73862.txt"] == ["death", "killed", "killing", "martyrdom"]


def test_article_page_highlights_every_layer_over_the_exact_text(seeds_store, seeds_document, ids):
    page = pages.article_page(seeds_store, ids["002"])
    text = page["article"]["text"]
    assert "".join(s["text"] for s in page["segments"]) == text
    assert [s["start"] for s in page["segments"][1:]] == [s["end"] for s in page["segments"][:-1]]

    def classes_at(phrase: str) -> set[str]:
        at = text.index(phrase)
        return next({c for css in s["classes"] for c in css.split()} for s in page["segments"] if s["start"] <= at < s["end"])

    # "Iran is planning a long list of events lasting ten days to mark Soleimani’s “martyrdom”":
    # reported speech with a scare-quoted word inside it
    assert {"scare", "quote", "quote-indirect", "voice-mixed"} <= classes_at("martyrdom”. He")
    assert {"quote", "quote-direct", "voice-quoted"} <= classes_at("dustbin of history")
    assert "speaker" in classes_at("Khamenei said, “Trump")
    assert "mention" in classes_at("Qasem Soleimani")
    exported = next(a for a in seeds_document["articles"] if a["id"] == ids["002"])
    assert page["voice"] == {v: exported["sentence_voice"].count(v) for v in ("own", "reported", "quoted", "mixed")}
    assert page["event"]["id"] == ids["meeting"]
    assert [q["text"] for q in page["quotes"]] == [q["text"] for q in seeds_document["quotes"] if q["article"] == ids["002"]]
    soleimani = next(e for e in page["entities"] if e["id"] == ids["soleimani"])
    assert {"Qasem Soleimani", "Soleimani"} <= set(soleimani["mentions"])


def test_article_page_marks_the_reused_background_paragraph(seeds_store, ids):
    page = pages.article_page(seeds_store, ids["004"])
    (link,) = page["reuse"]
    text = page["article"]["text"]
    mine = link["a"] if link["a"]["article"] == ids["004"] else link["b"]
    reused = [s for s in page["segments"] if "reused" in s["classes"]]
    assert reused[0]["start"] == mine["start"] and reused[-1]["end"] == mine["end"]
    assert reused[0]["link"] == ["articles", ids["000"]]
    assert reused[0]["notes"][-1].startswith("also in Tasnim: Ayatollah Khamenei: Resistance Emboldened by Gen. Soleimani")
    assert text[mine["start"]:mine["end"]].split()[:3] == link["b" if mine is link["a"] else "a"]["text"].split()[:3]


def test_entity_page_shows_each_outlets_labels_and_the_statements(seeds_store, ids):
    page = pages.entity_page(seeds_store, ids["khamenei"])
    assert page["entity"]["name"] == "Ali Khamenei"
    aliases = {a["text"] for a in page["aliases"]}
    assert {"Khamenei", "the Leader", "Iran’s hardline leader", "Supreme Leader Ali Khamenei"} <= aliases
    labels = {o["outlet"]: {x["text"] for x in o["labels"]} for o in page["labels"]}
    assert labels["002_32ebf9da48c73862.txt"] == {"Khamenei", "Iran’s hardline leader", "Iran’s leader",
                                                  "Supreme Leader Ali Khamenei"}
    assert "the Leader" in labels["Tasnim"] and "the Leader" not in labels["002_32ebf9da48c73862.txt"]
    dustbin = next(s for s in page["statements"] if any("dustbin" in q["text"] for q in s["quotes"]))
    assert dustbin["outlets"] == MEETING_OUTLETS
    assert dustbin["event"] == ids["meeting"]
    widths = [len(s["outlets"]) for s in page["statements"]]
    assert widths == sorted(widths, reverse=True) and widths[0] == 4  # quoted most widely first
    assert len({a["id"] for a in page["articles"]}) == 5


def test_outlet_page_shows_its_profile_and_articles(seeds_store, ids):
    page = pages.outlet_page(seeds_store, "002_32ebf9da48c73862.txt")
    assert [a["id"] for a in page["articles"]] == [ids["002"]]
    assert page["articles"][0]["event"]["id"] == ids["meeting"]
    assert [s["text"] for s in page["profile"]["scare_quotes"]] == ["resistance", "Resistance", "Resistance front", "martyrdom"]
    assert "articles" not in page["profile"]
    assert {x["text"] for x in page["profile"]["labels"] if x["name"] == "Ali Khamenei"} == {
        "Khamenei", "Iran’s hardline leader", "Iran’s leader", "Supreme Leader Ali Khamenei"}


@pytest.mark.parametrize("build, key, malformed", [
    (pages.event_page, "0000000000000000", False),
    (pages.article_page, "../../etc/passwd", True),
    (pages.entity_page, "ABC", True),
    (pages.entity_page, "x" * 16, True),
    (pages.outlet_page, "No Such Outlet", False),
])
def test_unknown_and_malformed_keys_are_not_found(seeds_store, build, key, malformed):
    with pytest.raises(PageNotFound) as caught:
        build(seeds_store, key)
    assert caught.value.malformed is malformed


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/a?b=1", "https://example.org/a?b=1"),
    ("http://example.org", "http://example.org"),
    ("javascript:alert(1)", None),
    (" JavaScript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("//example.org/x", None),
    ("https:///nohost", None),
    ("vbscript:msgbox", None),
    (None, None),
])
def test_only_http_links_are_rendered(url, expected):
    assert safe_url(url) == expected


def test_lead_is_the_first_paragraph_cut_at_a_word():
    assert lead("First para.\n\nSecond.") == "First para."
    assert lead("word " * 100, limit=22) == "word word word word…"


def test_a_colon_cue_is_not_shown_as_a_cue_word(seeds_store, ids):
    # a transcript's "WALLACE: …" has the colon for its cue; the quote list shows
    # "speaker: words", not "speaker :: words"
    from newsprism.report.render import Links, render_html

    page = pages.article_page(seeds_store, ids["000"])
    first, second = page["quotes"][:2]
    page["quotes"] = [{**first, "cue": ":"}, {**second, "cue": "said"}]
    html = render_html(page, Links())
    assert "<i>:</i>" not in html and "<i>said</i>" in html


def test_article_page_highlights_each_piece_of_a_cue_and_of_a_content(analysed_text):
    """A German cue in pieces ("teilten … mit") and content in pieces around an account
    ("Das Feuer war laut Feuerwehr gegen Mitternacht ausgebrochen"): each piece is
    highlighted, the words between them are not."""
    text = ("Sonia und Willy Bogner teilten daraufhin mit: „Das erschüttert uns als Eltern sehr.“ "
            "Das Feuer war laut Feuerwehr gegen Mitternacht in einer Lagerhalle ausgebrochen.\n")
    with open_store(analysed_text(text)) as store:
        [article] = store.article_columns("articles", ("id",))
        page = pages.article_page(store, article.id)

    def classes_at(phrase: str) -> set[str]:
        at = text.index(phrase)
        return next({c for css in s["classes"] for c in css.split()} for s in page["segments"] if s["start"] <= at < s["end"])

    assert "cue" in classes_at("teilten") and "cue" in classes_at("mit:") and "cue" not in classes_at("daraufhin")
    assert {"quote", "quote-indirect"} <= classes_at("Das Feuer") and {"quote", "quote-indirect"} <= classes_at("Mitternacht")
    assert "quote" not in classes_at("laut") and "cue" in classes_at("laut") and "speaker" in classes_at("Feuerwehr gegen")
