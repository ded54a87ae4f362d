import datetime as dt
import json

import pytest
from sqlalchemy import text

from newsprism import Analysis, Article, Failure, SchemaError, Sentence, StoreError, open_store
from newsprism.store.migrations import LATEST


def _analysis(text_: str, url: str | None = "https://example.org/a", source: str = "a.html") -> Analysis:
    from newsprism.ingest.article import article_id

    article = Article(
        id=article_id(text_, "T", "Outlet", url), source=source, format="html", text=text_, language="en",
        title="T", url=url, published=dt.date(2024, 1, 2), published_evidence="metadata", outlet="Outlet",
    )
    return Analysis(article, sentences=(Sentence(0, 0, len(text_), 0),), stages=(("segment", "1"),))


def test_migrations_are_recorded(store):
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT version, name FROM schema_migrations ORDER BY version")).all()
    assert [r[0] for r in rows] == list(range(1, LATEST + 1))


def test_writes_are_idempotent(store):
    a = _analysis("One sentence.")
    failure = Failure("bad.bin", "binary file (a PDF document)")
    store.write_batch([a], [failure])
    store.write_batch([a], [failure])
    assert store.count("articles") == 1
    assert store.count("sentences") == 1
    assert store.count("article_stages") == 1
    assert store.failures() == [failure]
    row = next(store.articles())
    assert (row["id"], row["published"], row["outlet"], row["previous_version"]) == (a.article.id, "2024-01-02", "Outlet", None)


def test_same_url_with_new_text_is_a_new_version_linked_to_the_old(store):
    v1, v2, v3 = _analysis("First text."), _analysis("Second text."), _analysis("Third text.")
    store.write_batch([v1])
    assert store.write_batch([v2, v3]) == 2
    rows = {r["id"]: r["previous_version"] for r in store.articles()}
    assert rows == {v1.article.id: None, v2.article.id: v1.article.id, v3.article.id: v2.article.id}
    # Reading an old version again changes nothing.
    store.write_batch([v1])
    assert {r["id"]: r["previous_version"] for r in store.articles()} == rows


def test_reopening_runs_no_migration_twice(db_url):
    with open_store(db_url) as s:
        s.write_batch([_analysis("Kept.")])
    with open_store(db_url) as s:
        assert s.count("articles") == 1
        assert s.count("schema_migrations") == LATEST


def test_a_newer_schema_is_refused(db_url):
    with open_store(db_url) as s, s.engine.begin() as conn:
        conn.execute(text("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')"))
    with pytest.raises(SchemaError, match="schema version 999"):
        open_store(db_url)


def test_sqlite_uses_wal(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'w.db'}") as s, s.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_bad_urls_are_clear_errors(tmp_path):
    with pytest.raises(StoreError, match="folder .* does not exist"):
        open_store(f"sqlite:///{tmp_path / 'missing' / 'x.db'}")
    with pytest.raises(StoreError, match="not a database URL"):
        open_store("nosuchdb://x/y")
    with pytest.raises(StoreError, match="no database at"):
        open_store(str(tmp_path / "absent.db"), create=False)


def test_a_store_from_before_v7_gains_the_page_indexes(db_url):
    from sqlalchemy import inspect

    with open_store(db_url) as store, store.engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_statements_speaker"))
        conn.execute(text("DROP INDEX ix_outlet_profiles_event"))
        conn.execute(text("DROP INDEX ix_events_story"))
        conn.execute(text("DELETE FROM schema_migrations WHERE version >= 7"))
    with open_store(db_url) as store, store.engine.connect() as conn:
        names = {i["name"] for t in ("statements", "outlet_profiles", "events") for i in inspect(conn).get_indexes(t)}
        assert {"ix_statements_speaker", "ix_outlet_profiles_event", "ix_events_story"} <= names
        assert conn.execute(text("SELECT max(version) FROM schema_migrations")).scalar() == LATEST >= 7


def test_framing_rows_may_come_as_json_text(store):
    """The framing pass hands its profiles over as JSON text (keys sorted); a dict is
    stored the same way."""
    profile = {"voice": {"own": 2}, "articles": ["a1"]}
    store.replace_framing([{"outlet": "A", "event": "", "profile": profile},
                           {"outlet": "B", "event": "", "profile": json.dumps(profile, sort_keys=True)}],
                          [{"event": "e1", "framing": json.dumps({"outlets": ["A", "B"]}, sort_keys=True)}])
    assert [(r["outlet"], r["profile"]) for r in store.outlet_profiles()] == [("A", profile), ("B", profile)]
    assert store.event_framing() == {"e1": {"outlets": ["A", "B"]}}


def test_article_columns_reads_the_rows_of_the_articles_asked_for(store, monkeypatch):
    """A pass that works a group of articles at a time reads their rows only, each
    article's in the order asked for, whatever the number of ids (sent in runs)."""
    from newsprism.store import attribution

    analyses = [_analysis(f"Text number {i}.", url=f"https://example.org/{i}", source=f"{i:02d}.html")
                for i in range(7)]
    analyses = [a.evolve(sentences=(Sentence(0, 0, 4, 0), Sentence(1, 5, len(a.article.text), 0))) for a in analyses]
    store.write_batch(analyses)
    ids = [a.article.id for a in analyses]
    monkeypatch.setattr(attribution, "_IN_CHUNK", 2)  # 3 runs of ids for 5 articles
    rows = store.article_columns("sentences", ("article", "idx", "start"), ids[:5] + ids[:1], order=("article", "idx"))
    assert sorted({r.article for r in rows}) == sorted(ids[:5])
    for article in ids[:5]:
        assert [(r.idx, r.start) for r in rows if r.article == article] == [(0, 0), (1, 5)]
    assert len(rows) == 10
    by_source = store.article_columns("articles", ("id", "source"), order=("source", "id"))
    assert [r.source for r in by_source] == [f"{i:02d}.html" for i in range(7)]
    assert [r.id for r in store.article_columns("articles", ("id",), [ids[3], "no-such-article"])] == [ids[3]]
    assert store.article_columns("quotes", ("id",), []) == []


def _store_before(db_url: str, version: int, column: str, analysis) -> None:  # type: ignore[no-untyped-def]
    """A store holding ``analysis`` as one made before migration ``version`` added the
    quotes' ``column``."""
    with open_store(db_url) as store, store.engine.begin() as conn:
        store.write_batch([analysis])
        conn.execute(text(f"ALTER TABLE quotes DROP COLUMN {column}"))
        conn.execute(text(f"DELETE FROM schema_migrations WHERE version >= {version}"))


def test_a_store_from_before_v11_gains_cue_parts_and_keeps_its_quotes(db_url):
    """v11 adds the pieces of a cue in several parts; a store made before it keeps its
    quotes (no pieces) and stores the pieces of new ones."""
    from newsprism.model import Quote

    text_ = "Die Stadt teilte mit, die Schulen blieben geschlossen. Der Minister sagte, es regne."
    _store_before(db_url, 11, "cue_parts", _analysis(text_).evolve(
        quotes=(Quote(75, 83, "es regne", "indirect", "sagte", 69, 74),)))
    new = _analysis(text_, url="https://example.org/b").evolve(quotes=(
        Quote(22, 53, "die Schulen blieben geschlossen", "indirect", "teilte … mit", 10, 16, cue_parts=((10, 16), (17, 20))),))
    with open_store(db_url) as store:
        store.write_batch([new])
        got = {(q["cue"], q["cue_parts"]) for q in store.quotes()}
    assert got == {("sagte", None), ("teilte … mit", "[[10, 16], [17, 20]]")}


def test_a_store_from_before_v12_gains_content_parts_and_keeps_its_quotes(db_url):
    """v12 adds the pieces of a quote's content around an account inside the clause; a store
    made before it keeps its quotes (no pieces) and stores the pieces of new ones."""
    from newsprism.model import Quote

    text_ = "Das Feuer war laut Feuerwehr gegen Mitternacht ausgebrochen. Der Minister sagte, es regne."
    _store_before(db_url, 12, "content_parts", _analysis(text_).evolve(
        quotes=(Quote(81, 89, "es regne", "indirect", "sagte", 75, 80),)))
    new = _analysis(text_, url="https://example.org/b").evolve(quotes=(
        Quote(0, 59, "Das Feuer war … gegen Mitternacht ausgebrochen", "indirect", "laut", 14, 18,
              content_parts=((0, 13), (29, 59))),))
    with open_store(db_url) as store:
        store.write_batch([new])
        got = {(q["text"], q["content_parts"]) for q in store.quotes()}
    assert got == {("es regne", None), ("Das Feuer war … gegen Mitternacht ausgebrochen", "[[0, 13], [29, 59]]")}
