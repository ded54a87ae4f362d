"""End to end on real files: the seeds, bad files beside them, strict mode, determinism."""

import datetime as dt
import gzip
import json
import os
import shutil

import pytest

import newsprism
from newsprism import Settings, StrictModeError, open_store


@pytest.fixture
def seeds_store(tmp_path, seed_paths):
    store = open_store(f"sqlite:///{tmp_path / 'seeds.db'}")
    summary = newsprism.analyze([str(p) for p in seed_paths.values()], store)
    yield store, summary
    store.close()


def _by_seed(store):
    return {row["source"].rsplit("/", 1)[-1][:3]: row for row in store.articles()}


def test_seeds_are_read_with_their_metadata(seeds_store):
    store, summary = seeds_store
    assert (summary.read, summary.new, summary.failures) == (5, 5, ())
    rows = _by_seed(store)
    assert sorted(rows) == ["000", "001", "002", "003", "004"]
    assert (rows["000"]["outlet"], rows["000"]["outlet_evidence"], rows["000"]["place"]) == ("Tasnim", "dateline: TEHRAN (Tasnim) –", "TEHRAN")
    assert (rows["001"]["outlet"], rows["001"]["outlet_evidence"]) == (
        "Mehr News Agency", "credit line: All Content by Mehr News Agency is licensed")
    assert rows["001"]["place"] == "TEHRAN"
    assert rows["002"]["outlet"] is None  # nothing in 002 names its outlet
    assert (rows["004"]["outlet"], rows["004"]["outlet_evidence"]) == ("Islam Times", "dateline: Islam Times -")
    assert (rows["003"]["published"], rows["003"]["published_evidence"]) == ("2020-12-16", "metadata")
    assert (rows["004"]["published"], rows["004"]["published_evidence"]) == ("2023-12-31", "metadata")
    assert [rows[n]["published"] for n in ("000", "001", "002")] == [None, None, None]
    assert {r["language"] for r in rows.values()} == {"en"}
    assert rows["000"]["title"] == "Ayatollah Khamenei: Resistance Emboldened by Gen. Soleimani"
    assert rows["003"]["text"].startswith("Leader of the Islamic Revolution Ayatollah Seyyed Ali Khamenei says revenge")


def test_seed_sentences(seeds_store):
    store, _ = seeds_store
    rows = _by_seed(store)
    sentences = store.sentences()
    text = rows["004"]["text"]
    got = [text[s.start : s.end] for s in sentences[rows["004"]["id"]]]
    assert got[0] == ("Islam Times - Leader of the Islamic Revolution Ayatollah Seyed Ali Khamenei paid tribute to late "
                      "Iranian commander Lt. General Qassem Soleimani for reviving the front of resistance in the region.")
    assert "At the meeting, the Leader attributed the promotion of the memory of General Soleimani and his characteristics to the admired martyr’s sincerity." in got
    assert any(s.startswith("In January 2020, a US drone strike near Baghdad International Airport assassinated General Soleimani") for s in got)
    # no sentence crosses a paragraph break, and every one is trimmed
    for article_id, sents in sentences.items():
        article_text = next(r["text"] for r in rows.values() if r["id"] == article_id)
        for s in sents:
            span = article_text[s.start : s.end]
            assert "\n" not in span and span == span.strip()


def test_reanalysing_changes_nothing(seeds_store, seed_paths):
    store, _ = seeds_store
    before = {t: store.table_rows(t) for t in ("articles", "sentences", "article_stages", "failures")}
    again = newsprism.analyze([str(p) for p in seed_paths.values()], store)
    assert (again.new, again.unchanged) == (0, 5)
    assert {t: store.table_rows(t) for t in before} == before


def test_files_read_before_are_not_read_again(tmp_path, seeds_dir, monkeypatch):
    """A file whose bytes (and path) were read before and whose articles the store holds
    is skipped, with the same summary; a changed file, or one that gave a failure, is
    read again."""
    import newsprism.engines.local as local

    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    read = []
    real = local.read_articles
    monkeypatch.setattr(local, "read_articles", lambda item, max_bytes: read.append(os.path.basename(item.source))
                        or real(item, max_bytes))
    with open_store(f"sqlite:///{tmp_path / 'r.db'}") as store:
        first = newsprism.analyze([str(corpus)], store)
        seeds = sorted(p.name for p in seeds_dir.glob("*.txt"))
        assert sorted(read) == sorted(seeds + ["empty.txt"]) and first.new == 5
        assert store.count("read_inputs") == 5
        before = {t: store.table_rows(t) for t in ("articles", "sentences", "failures")}
        read.clear()
        again = newsprism.analyze([str(corpus)], store)
        assert read == ["empty.txt"]  # its failure is reported again; the seeds are not read
        assert (again.read, again.new, again.unchanged, len(again.failures)) == (5, 0, 5, 1)
        assert {t: store.table_rows(t) for t in before} == before
        changed = corpus / seeds[0]
        changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more line was added.\n", encoding="utf-8")
        read.clear()
        third = newsprism.analyze([str(corpus)], store)
        assert sorted(read) == sorted([seeds[0], "empty.txt"]) and (third.read, third.new, third.unchanged) == (5, 1, 4)


def _write_bad_files(folder):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    (folder / "garbage.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "broken.html").write_bytes(b"<html><body><div><p>unclosed <b>tags <script>x(")
    (folder / "feed.jsonl").write_text(
        '{"id": "ok1", "title": "Fine", "outlet": "Wire", "date": "2024-01-05", "text": "A good record with some text in it."}\n'
        '{"id": "bad", "text": "unterminated\n'
        '{"id": "ok2", "text": "Another good record that is read."}\n',
        encoding="utf-8",
    )
    (folder / "cut.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n" + b"x" * 500)[:60])
    (folder / "huge.txt").write_bytes(b"word " * 300_000)


def test_bad_files_beside_the_seeds_are_reported_and_the_seeds_analysed(tmp_path, seeds_dir):
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    _write_bad_files(corpus)
    with open_store(f"sqlite:///{tmp_path / 'x.db'}") as store:
        summary = newsprism.analyze([str(corpus)], store, Settings(max_bytes=1_000_000))
        sources = sorted(r["source"].rsplit("/", 1)[-1] for r in store.articles())
        reasons = {(f.source.rsplit("/", 1)[-1], f.record): f.reason for f in store.failures()}
    assert sources == sorted([p.name for p in seeds_dir.glob("*.txt")] + ["feed.jsonl#ok1", "feed.jsonl#ok2"])
    assert reasons[("empty.txt", None)] == "empty file"
    assert reasons[("photo.jpg", None)] == "binary file (a JPEG image)"
    assert reasons[("garbage.txt", None)].startswith("binary file")
    assert reasons[("huge.txt", None)] == "file is 1.5 MB, over the 1.0 MB size limit (raise max_bytes / --max-size to read it)"
    assert reasons[("feed.jsonl", "2")].startswith("bad JSON on line 2")
    assert ("broken.html", None) in reasons
    assert "cut.warc.gz" in {s for s, _ in reasons}
    assert len(summary.failures) == len(reasons)
    assert summary.new == 7


def test_strict_mode_stops_at_the_first_bad_input(tmp_path, seed_paths):
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(seed_paths["000"], corpus / "a.txt")
    (corpus / "b.txt").write_bytes(b"")
    shutil.copy(seed_paths["001"], corpus / "c.txt")
    with open_store(f"sqlite:///{tmp_path / 's.db'}") as store:
        with pytest.raises(StrictModeError, match="b.txt: empty file"):
            newsprism.analyze([str(corpus)], store, Settings(strict=True))
        assert [r["source"].rsplit("/", 1)[-1] for r in store.articles()] == ["a.txt"]


def test_missing_paths_are_failures_not_crashes(tmp_path, seed_paths):
    with open_store(f"sqlite:///{tmp_path / 'm.db'}") as store:
        summary = newsprism.analyze([str(tmp_path / "nope.txt"), str(seed_paths["002"])], store)
    assert summary.new == 1
    assert [(f.source.rsplit("/", 1)[-1], f.reason) for f in summary.failures] == [("nope.txt", "no such file or directory")]


def test_processes_give_the_same_store(tmp_path, seeds_dir):
    """Two worker processes, batches of 2 (three batches, the next one analysed while the
    last is written): the same rows, the same export, progress in input order."""
    from newsprism.export import build_document, dumps

    created = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    rows, docs, calls = [], [], []
    for n in (1, 2):
        seen: list[tuple[int, str]] = []
        with open_store(f"sqlite:///{tmp_path / f'p{n}.db'}") as store:
            newsprism.analyze([str(seeds_dir)], store, Settings(processes=n, batch_size=2),
                              progress=lambda done, total, source: seen.append((done, source.rsplit("/", 1)[-1][:3])))
            rows.append({t: store.table_rows(t) for t in ("articles", "sentences", "article_stages", "failures")})
            docs.append(dumps(build_document(store, created=created)))
        calls.append(seen)
    assert rows[0] == rows[1]
    assert docs[0] == docs[1]
    assert calls[0] == calls[1] == [(1, "000"), (2, "001"), (3, "002"), (4, "003"), (5, "004")]


def test_corpus_passes_are_reported_as_they_start(tmp_path, seed_paths):
    """``pass_progress`` hears of each corpus pass that runs, in order, with its place among
    all the passes, then of their end; a run with nothing new runs none and says nothing."""
    calls: list[tuple[str, int, int]] = []
    with open_store(f"sqlite:///{tmp_path / 'pp.db'}") as store:
        for _ in range(2):
            newsprism.analyze([str(seed_paths["002"])], store, pass_progress=lambda *call: calls.append(call))
    assert calls == [("entities", 0, 5), ("statements", 1, 5), ("reuse", 2, 5), ("events", 3, 5), ("framing", 4, 5),
                     ("", 5, 5)]


def test_local_workers_share_the_cores():
    from newsprism.engines.local import worker_threads

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert worker_threads(1) == cores
    assert worker_threads(cores) == 1
    assert worker_threads(cores * 4) == 1


def test_export_is_deterministic_across_stores_and_databases(tmp_path, seeds_dir, pg_url):
    from newsprism.export import build_document, dumps

    created = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    docs = []
    for url in (f"sqlite:///{tmp_path / 'd1.db'}", f"sqlite:///{tmp_path / 'd2.db'}", pg_url):
        with open_store(url) as store:
            newsprism.analyze([str(seeds_dir)], store, Settings(batch_size=3))
            docs.append(dumps(build_document(store, created=created)))
    assert docs[0] == docs[1] == docs[2]
    assert len(json.loads(docs[0])["articles"]) == 5


def test_same_url_with_new_text_becomes_a_linked_version(tmp_path):
    feed = tmp_path / "wire.jsonl"
    record = {"id": "w1", "url": "https://wire.example/a", "outlet": "Wire", "date": "2024-03-01"}
    with open_store(f"sqlite:///{tmp_path / 'v.db'}") as store:
        feed.write_text(json.dumps({**record, "text": "The council met on Tuesday and agreed the plan."}) + "\n")
        newsprism.analyze([str(feed)], store)
        feed.write_text(json.dumps({**record, "text": "The council met on Tuesday and rejected the plan."}) + "\n")
        summary = newsprism.analyze([str(feed)], store)
        rows = list(store.articles())
    assert (summary.new, summary.new_versions) == (1, 1)
    old = next(r for r in rows if "agreed" in r["text"])
    new = next(r for r in rows if "rejected" in r["text"])
    assert (old["previous_version"], new["previous_version"]) == (None, old["id"])


def test_corpus_passes_catch_up_after_a_run_stopped_before_them(tmp_path, seed_paths):
    from sqlalchemy import text

    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        newsprism.analyze([str(seed_paths["004"])], store)
        entities = store.count("entities")
        # what a run killed after its last batch and before the passes leaves behind
        with store.engine.begin() as conn:
            conn.execute(text("DELETE FROM entity_chains"))
            conn.execute(text("DELETE FROM entities"))
            conn.execute(text("UPDATE corpus_state SET articles = 0"))
        summary = newsprism.analyze([str(seed_paths["004"])], store)
        assert summary.new == 0 and summary.extra["corpus"]["entities"] == entities == store.count("entities") > 0
        again = newsprism.analyze([str(seed_paths["004"])], store)
        assert "corpus" not in again.extra


def test_a_stage_failing_on_one_article_becomes_its_failure_even_alone():
    from newsprism.engines.local import analyse_articles
    from newsprism.model import Article

    class Breaks:
        name, version = "breaks", "1"

        def pipe(self, analyses):
            for a in analyses:
                if "boom" in a.article.text:
                    raise ValueError("cannot parse this")
                yield a

    good = Article(id="g", source="a.jsonl#1", format="jsonl", text="A fine article.", language="en")
    bad = Article(id="b", source="a.jsonl#2", format="jsonl", text="This one goes boom.", language="en")
    for batch in ([bad], [good, bad]):
        out = analyse_articles([Breaks()], batch)
        failures = [x for x in out if isinstance(x, newsprism.Failure)]
        assert [(f.source, f.record, f.stage, f.reason) for f in failures] == [
            ("a.jsonl", "2", "analyze", "analysis failed: ValueError: cannot parse this")]
        assert len(out) == len(batch)
