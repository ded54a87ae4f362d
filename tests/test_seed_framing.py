"""Framing on the real seeds: scare quotes, labels, how the killing is named, alternations
and omissions, each as the articles wrote them."""


def _seed(document, article_id):
    return next(a["source"] for a in document["articles"] if a["id"] == article_id).rsplit("/", 1)[1][:3]


def _outlets(document):
    """seed number -> that article's outlet profile (each seed article is its outlet's only one)."""
    out = {}
    for o in document["outlets"]:
        (article,) = o["articles"]
        out[_seed(document, article)] = o
    return out


def _labels(outlet, name):
    return {label["text"] for label in outlet["labels"] if label["name"] == name}


def _acts(outlet, name):
    return {a["text"]: a["scare_quoted"] for a in outlet["acts"] if a["name"] == name and a["family"] == "death"}


def test_unknown_outlets_are_profiled_under_their_source_name(seeds_document):
    names = {seed: o["name"] for seed, o in _outlets(seeds_document).items()}
    assert names == {"000": "Tasnim", "001": "Mehr News Agency", "002": "002_32ebf9da48c73862.txt",
                     "003": "003_b050418d726ab46a.txt", "004": "Islam Times"}


def test_002_scare_quotes_resistance_and_martyrdom(seeds_document):
    outlets = _outlets(seeds_document)
    assert [s["text"] for s in outlets["002"]["scare_quotes"]] == ["resistance", "Resistance", "Resistance front", "martyrdom"]
    assert all(o["scare_quotes"] == [] for seed, o in outlets.items() if seed != "002")


def test_khamenei_is_labelled_differently_by_002(seeds_document):
    outlets = _outlets(seeds_document)
    assert _labels(outlets["002"], "Ali Khamenei") == {
        "Khamenei", "Iran’s hardline leader", "Iran’s leader", "Supreme Leader Ali Khamenei"}
    for seed in ("000", "001", "003", "004"):
        labels = _labels(outlets[seed], "Ali Khamenei")
        assert "Leader of the Islamic Revolution" in labels and "the Leader" in labels
        assert not labels & {"Iran’s hardline leader", "Iran’s leader"}
    # the Leader's own words are his: "Martyr Soleimani" stands only inside his quotes
    assert all("Martyr Soleimani" not in _labels(o, "Qassem Soleimani") for o in outlets.values())


def test_the_killing_is_named_with_other_words_by_002(seeds_document):
    outlets = _outlets(seeds_document)
    assert _acts(outlets["002"], "Qassem Soleimani") == {"death": 0, "killed": 0, "killing": 0, "martyrdom": 1}
    assert _acts(outlets["000"], "Qassem Soleimani") == {"assassinated": 0, "assassination": 0}
    assert _acts(outlets["004"], "Qassem Soleimani") == {"assassinated": 0, "martyrdom": 0}


def test_the_meeting_event_shows_the_alternations(seeds_document):
    event = next(e for e in seeds_document["events"] if len(e["articles"]) == 3)
    assert event["outlets"] == ["002_32ebf9da48c73862.txt", "Mehr News Agency", "Tasnim"]
    act = next(a for a in event["alternations"] if a["kind"] == "act" and a["name"] == "Qassem Soleimani")
    words = {o["outlet"]: [(t["text"], t["scare_quoted"]) for t in o["terms"]] for o in act["outlets"]}
    assert words == {
        "002_32ebf9da48c73862.txt": [("death", 0), ("killed", 0), ("killing", 0), ("martyrdom", 1)],
        "Mehr News Agency": [("assassinated", 0), ("martyrdom", 0)],
        "Tasnim": [("assassinated", 0), ("assassination", 0)],
    }
    label = next(a for a in event["alternations"] if a["kind"] == "label" and a["name"] == "Ali Khamenei")
    assert "Iran’s hardline leader" in {t["text"] for o in label["outlets"] for t in o["terms"]
                                         if o["outlet"].startswith("002")}


def test_omissions_name_what_the_others_report(seeds_document):
    outlets = _outlets(seeds_document)
    event = next(e for e in outlets["002"]["events"])
    missing = {(m["kind"], m["text"][:40]) for m in event["omissions"]}
    assert ("entity", "Abu Mahdi al-Muhandis") in missing
    assert ("statement", "Haj Qassem is a manifestation of endeavo") in missing
    assert all(m["note"] == "not mentioned by 002_32ebf9da48c73862.txt" for m in event["omissions"])
    assert all(set(m["reported_by"]) == {"Mehr News Agency", "Tasnim"} for m in event["omissions"])
    # 002 names Trump; the statement it quotes in another translation is not missing
    assert not any(m["text"].startswith(("Trump", "Donald Trump")) for m in event["omissions"])
    assert not any("dustbin" in m["text"] or "garbage" in m["text"] for m in event["omissions"])
    (tasnim_event,) = outlets["000"]["events"]
    assert tasnim_event["omissions"] == []


def test_sentences_are_marked_by_voice(seeds_document):
    a = next(a for a in seeds_document["articles"] if a["source"].endswith("002_32ebf9da48c73862.txt"))
    voice = dict(zip((a["text"][s:e][:30] for s, e in a["sentences"]), a["sentence_voice"]))
    assert voice["Khamenei said, “Trump and othe"] == "quoted"
    assert voice["Iranian officials have often t"] == "reported"
    assert voice["He was Iran’s top military and"] == "own"
    assert voice["Iran’s leader has lashed out a"] == "mixed"
