"""End to end on the seeds: dates inferred with evidence, three events, one storyline."""

def test_three_events_dated_when_they_happened(seeds_document):
    events = seeds_document["events"]
    members = [sorted(_seed(seeds_document, a) for a in e["articles"]) for e in events]
    assert [(e["date"], m) for e, m in zip(events, members)] == [
        ("2020-12-16", ["003"]), ("2022-01-01", ["000", "001", "002"]), ("2023-12-31", ["004"])]
    meeting = events[1]
    assert meeting["title"] == "Ayatollah Khamenei: Resistance Emboldened by Gen. Soleimani"
    assert meeting["date_evidence"].startswith(
        "2022-01-01: a2b0f097: 'on Saturday' = the Saturday nearest 2022-01-03 ('the second anniversary of the popular "
        "commander’s martyrdom': +2 year(s) from 2020-01-03 (article ")
    assert "other days named: 2022-01-03" in meeting["date_evidence"]  # 002 only says "the second anniversary"
    assert events[0]["date_evidence"] == "2020-12-16: 6eac4e02: 'on Wednesday': the last on or before its date 2020-12-16"
    for e in events:
        for article_id in e["articles"]:
            assert _by_id(seeds_document)[article_id]["event"] == e["id"]


def test_publication_dates_inferred_only_with_evidence(seeds_document):
    by_seed = {_seed(seeds_document, a["id"]): a for a in seeds_document["articles"]}
    assert {s: a["published"] for s, a in by_seed.items()} == {
        "000": "2022-01-01", "001": "2022-01-01", "002": None, "003": "2020-12-16", "004": "2023-12-31"}
    assert by_seed["001"]["published_evidence"] == (
        "inferred: 'on Saturday' = the Saturday nearest 2022-01-03 ('the second anniversary of his martyrdom': +2 year(s) "
        "from 2020-01-03 (this article: 'The general was assassinated by the U.S. on January 3, 2020 while on a trip to "
        "Baghdad.'; 2 more articles agree))")
    assert by_seed["002"]["published_evidence"] is None
    assert by_seed["002"]["happened"] == "2022-01-03"  # the anniversary it names, weighed below the others' weekday
    assert by_seed["003"]["published_evidence"] == "metadata"
    times = {t["text"]: t for t in by_seed["003"]["times"]}
    assert times["January 3"]["date"] == "2020-01-03"
    assert times["2 Jan 2021"]["date"] == "2021-01-02"


def test_one_storyline_oldest_first(seeds_document):
    (story,) = seeds_document["stories"]
    assert story["events"] == [e["id"] for e in seeds_document["events"]]
    assert all(e["story"] == story["id"] for e in seeds_document["events"])
    assert story["title"] == seeds_document["events"][0]["title"]


def test_statements_take_the_event_their_quotes_report(seeds_document):
    meeting = seeds_document["events"][1]["id"]
    garbage = [s for s in seeds_document["statements"] if "garbage bin" in s["text"] or "dustbin" in s["text"]]
    assert garbage and all(s["event"] == meeting for s in garbage)


def _by_id(document):
    return {a["id"]: a for a in document["articles"]}


def _seed(document, article_id):
    return _by_id(document)[article_id]["source"].rsplit("/", 1)[-1][:3]


def test_a_later_batch_joins_existing_events_and_ends_as_one_run_would(tmp_path, seed_paths, seeds_document):
    import newsprism
    from newsprism import open_store
    from newsprism.export import build_document

    with open_store(f"sqlite:///{tmp_path / 'inc.db'}") as store:
        newsprism.analyze([str(seed_paths[s]) for s in ("000", "003")], store)
        first = build_document(store)
        assert [len(e["articles"]) for e in first["events"]] == [1, 1]
        cached = store.count("lead_vectors")
        newsprism.analyze([str(seed_paths[s]) for s in ("001", "002", "004")], store)
        assert store.count("lead_vectors") == cached + 3  # only the new articles were embedded
        second = build_document(store)
    meeting = next(e for e in first["events"] if e["date"] == "2022-01-01")
    assert meeting["id"] in {e["id"] for e in second["events"]}  # the event keeps its id as articles join it
    for key in ("events", "stories"):
        assert second[key] == seeds_document[key]
    strip = ("source",)
    assert [{k: v for k, v in a.items() if k not in strip} for a in second["articles"]] == \
        [{k: v for k, v in a.items() if k not in strip} for a in seeds_document["articles"]]
