"""Full-text search (schema v6) on SQLite (FTS5) and PostgreSQL (tsvector + GIN)."""

import datetime as dt

import pytest
from sqlalchemy import create_engine, text

from newsprism import Analysis, Article, Sentence
from newsprism.store import Store, _article_row, _normalise_url
from newsprism.store import schema
from newsprism.store.migrations import LATEST, MIGRATIONS, current_version, migrate
from newsprism.store.search import parse_query, snippet

HOSTILE = ['"', 'AND(', "NEAR", "*", ":", "!", "'", "\\", "'; DROP TABLE articles; --", '"unclosed', 'a" OR "b',
           "kill:*", "kill & !border", "NEAR(kill border, 2)", "title:kill", "^kill", "kill -border", "(", ")", "{}",
           "\x00", "²", "''", "\\'", "-- /* */", "; SELECT 1"]


def _analysis(id_: str, text_: str, title: str | None = "T", outlet: str = "Outlet") -> Analysis:
    article = Article(
        id=id_, source=f"{id_}.txt", format="text", text=text_, language="en", title=title,
        url=f"https://example.org/{id_}", published=dt.date(2024, 1, 2), published_evidence="metadata", outlet=outlet,
    )
    return Analysis(article, sentences=(Sentence(0, 0, len(text_), 0),), stages=(("segment", "1"),))


def _ids(result) -> list[str]:
    return [h["article"] for h in result["hits"]]


def _sorted_ids(result) -> list[str]:
    return sorted(_ids(result))


@pytest.fixture
def corpus(store):
    store.write_batch([
        _analysis("a1", "Officials said two soldiers were killed near the border on Monday."),
        _analysis("a2", "The killing of the envoy shocked the new york press corps.", title="An envoy is dead"),
        _analysis("a3", "Skill and patience: York is a new city for the team."),
        _analysis("a4", "Qâsem Soleimani was mentioned in passing.", title=None),
        _analysis("a5", "Nothing to see here.", title="Ceasefire holds at the border"),
    ])
    return store


def test_migration_v6_is_recorded(store):
    assert MIGRATIONS[5][:2] == (6, "full-text search over article titles and texts")
    with store.engine.connect() as conn:
        assert current_version(conn) == LATEST >= 6
        if store.dialect == "sqlite":
            names = set(conn.execute(text("SELECT name FROM sqlite_master WHERE name LIKE 'articles_fts%'")).scalars())
            assert {"articles_fts", "articles_fts_insert", "articles_fts_delete", "articles_fts_update"} <= names
        else:
            assert conn.execute(text("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_articles_fts' AND schemaname = current_schema()")).scalar() == 1
    assert "articles_fts" not in schema.metadata.tables


def test_result_shape_and_prefix(corpus):
    result = corpus.search("kill")
    assert result["query"] == "kill" and result["terms"] == ["kill"]
    # killed, killing; not "Skill" (prefixes are word prefixes).
    assert result["total"] == 2 and _sorted_ids(result) == ["a1", "a2"]
    hit = next(h for h in result["hits"] if h["article"] == "a1")
    assert hit == {
        "article": "a1", "title": "T", "outlet": "Outlet", "published": "2024-01-02", "source": "a1.txt",
        "snippet": {"text": "Officials said two soldiers were killed near the border on Monday.", "start": 0, "end": 66,
                    "marks": [[33, 39]]},
    }


def test_case_insensitive(corpus):
    assert _sorted_ids(corpus.search("KILLED")) == ["a1"]
    assert _sorted_ids(corpus.search("Skill")) == ["a3"]


def test_and_semantics(corpus):
    assert _sorted_ids(corpus.search("border")) == ["a1", "a5"]  # a5 by its title
    assert _sorted_ids(corpus.search("soldiers border")) == ["a1"]
    assert _sorted_ids(corpus.search("soldiers envoy")) == []
    assert corpus.search("soldiers envoy")["total"] == 0


def test_phrase_vs_words_apart(corpus):
    assert _sorted_ids(corpus.search("new york")) == ["a2", "a3"]
    result = corpus.search('"new york"')
    assert result["terms"] == ["new york"] and _ids(result) == ["a2"]
    assert result["hits"][0]["snippet"]["marks"] == [[37, 40], [41, 45]]
    assert _ids(corpus.search('"york new"')) == []
    # A quoted word is matched whole, not as a prefix.
    assert _ids(corpus.search('"kill"')) == []
    assert _ids(corpus.search('"killed"')) == ["a1"]
    # Phrase AND word.
    assert _ids(corpus.search('"new york" envoy')) == ["a2"]
    assert _ids(corpus.search('"new york" soldiers')) == []


def test_title_only_match_has_the_opening_as_snippet(corpus):
    result = corpus.search("ceasefire")
    assert _ids(result) == ["a5"]
    assert result["hits"][0]["title"] == "Ceasefire holds at the border"
    assert result["hits"][0]["snippet"] == {"text": "Nothing to see here.", "start": 0, "end": 20, "marks": []}


def test_accents(corpus):
    if corpus.dialect == "sqlite":
        result = corpus.search("qasem")
        assert _ids(result) == ["a4"]
        assert result["hits"][0]["snippet"]["marks"] == [[0, 5]]
        assert result["hits"][0]["title"] is None
    else:  # PostgreSQL 'simple' does not fold accents (documented)
        assert _ids(corpus.search("qasem")) == []
    result = corpus.search("QÂSEM")
    assert _ids(result) == ["a4"] and result["hits"][0]["snippet"]["marks"] == [[0, 5]]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_error(corpus, query):
    result = corpus.search(query)
    assert result["query"] == query
    assert result["total"] == len(result["hits"])
    assert corpus.count("articles") == 5


def test_hostile_queries_find_only_their_words(corpus):
    assert corpus.search("'; DROP TABLE articles; --")["terms"] == ["drop", "table", "articles"]
    assert corpus.search("'; DROP TABLE articles; --")["total"] == 0
    assert _sorted_ids(corpus.search("kill:*")) == ["a1", "a2"]
    assert _ids(corpus.search("NEAR(killed border)")) == ["a1"]  # "near" is a word of a1
    assert _ids(corpus.search("killed AND( border")) == []  # "and" is a word: a1 has no word starting with "and"
    assert _ids(corpus.search('"unclosed killed')) == []  # an unpaired quote is ignored; "unclosed" must match
    assert _ids(corpus.search('killed "')) == ["a1"]
    assert _ids(corpus.search("title:ceasefire")) == []  # no column syntax: "title" is just a word
    assert _ids(corpus.search("^soldiers*")) == ["a1"]


@pytest.mark.parametrize("query", ["", "   ", "\n\t", "*:!'\"\\", '""', "()&|<->"])
def test_empty_queries_return_nothing(corpus, query):
    assert corpus.search(query) == {"query": query, "terms": [], "total": 0, "hits": []}


def test_empty_query_does_not_touch_the_database():
    class NoEngine:
        def __getattr__(self, name):
            raise AssertionError("the database was used")

    s = Store.__new__(Store)
    s.engine, s.dialect = NoEngine(), "sqlite"
    assert s.search(" ?! ")["total"] == 0


def test_terms_are_capped_at_16(corpus):
    words = [f"w{i}" for i in range(20)]
    assert corpus.search(" ".join(words))["terms"] == words[:16]
    assert len(parse_query('"a b c d e f g h i j" k l m n o p q r s t')[-1].words) == 1
    assert sum(len(t.words) for t in parse_query('"a b c d e f g h i j k l m n o p q r s t"')) == 16


def test_ranking(store):
    store.write_batch([
        _analysis("r1", "A long text about many things, among which, once, a truce, and other matters of state."),
        _analysis("r2", "Truce. Truce. Truce."),
        _analysis("r3", "Truce talks: the truce."),
    ])
    assert _ids(store.search("truce")) == ["r2", "r3", "r1"]


def test_ties_are_ordered_by_id(store):
    store.write_batch([_analysis(i, "Identical words here.") for i in ("t3", "t1", "t2")])
    assert _ids(store.search("identical")) == ["t1", "t2", "t3"]


def test_limit_offset_total(store):
    store.write_batch([_analysis(f"p{i:03d}", "Same same text.") for i in range(120)])
    result = store.search("same", limit=2)
    assert result["total"] == 120 and _ids(result) == ["p000", "p001"]
    assert _ids(store.search("same", limit=2, offset=2)) == ["p002", "p003"]
    assert _ids(store.search("same", limit=5, offset=118)) == ["p118", "p119"]
    assert store.search("same", offset=500) == {"query": "same", "terms": ["same"], "total": 120, "hits": []}
    assert len(store.search("same", limit=1000)["hits"]) == 100
    assert len(store.search("same")["hits"]) == 20
    assert store.search("same", limit=0)["hits"] == [] and store.search("same", limit=0)["total"] == 120
    assert _ids(store.search("same", limit=1, offset=-3)) == ["p000"]


def test_writing_the_same_article_twice_gives_one_hit(store):
    a = _analysis("d1", "Duplicated story about the harbour.")
    store.write_batch([a])
    store.write_batch([a])
    store.write_batch([a, _analysis("d2", "Another one.")])
    result = store.search("harbour")
    assert result["total"] == 1 and _ids(result) == ["d1"]
    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            # Raises if the index does not match the articles table exactly.
            conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
            assert conn.exec_driver_sql("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'harbour'").scalar() == 1


def test_sqlite_triggers_follow_updates_and_deletes(tmp_path):
    from newsprism import open_store

    with open_store(f"sqlite:///{tmp_path / 's.db'}") as store:
        store.write_batch([_analysis("u1", "The old wording."), _analysis("u2", "Kept wording.")])
        with store.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE articles SET text = 'The new phrasing.', title = 'Fresh' WHERE id = 'u1'")
        assert _ids(store.search("old")) == [] and _ids(store.search("phrasing")) == ["u1"]
        assert _ids(store.search("fresh")) == ["u1"]
        with store.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM articles WHERE id = 'u1'")
        assert _ids(store.search("phrasing")) == [] and _ids(store.search("wording")) == ["u2"]
        with store.engine.connect() as conn:
            conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")


def test_a_v5_store_with_articles_is_indexed_by_the_v6_migration(db_url):
    engine = create_engine(_normalise_url(db_url))
    try:
        with engine.begin() as conn:
            schema.metadata.create_all(conn, tables=[schema.schema_migrations])
            for version, name, apply in MIGRATIONS[:5]:
                apply(conn)
                conn.execute(schema.schema_migrations.insert().values(version=version, name=name, applied_at="x"))
            rows = [_article_row(_analysis(i, t).article, None) for i, t in
                    (("m1", "Old article about the drought."), ("m2", "Another old article, on floods."))]
            conn.execute(schema.articles.insert(), rows)
        with engine.begin() as conn:
            assert current_version(conn) == 5
            assert migrate(conn) == list(range(6, LATEST + 1))
        store = Store(engine, db_url)
        assert _ids(store.search("drought")) == ["m1"]
        assert _sorted_ids(store.search("old article")) == ["m1", "m2"]
        store.write_batch([_analysis("m3", "A new article on the drought.")])
        assert _sorted_ids(store.search("drought")) == ["m1", "m3"]
    finally:
        engine.dispose()


def test_postgresql_query_uses_the_index(pg_url):
    from newsprism import open_store
    from newsprism.store.migrations import PG_FTS_DOCUMENT

    with open_store(pg_url) as store, store.engine.begin() as conn:
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        plan = "\n".join(conn.execute(text(
            f"EXPLAIN SELECT id FROM articles WHERE {PG_FTS_DOCUMENT} @@ to_tsquery('simple', :q)"), {"q": "'index':*"}
        ).scalars())
        assert "ix_articles_fts" in plan


def test_snippet_window_is_cut_at_whitespace():
    full = "alpha " * 100 + "Killing fields " + "omega " * 100
    s = snippet(full, parse_query("kill"))
    assert (s["start"], s["end"], s["marks"]) == (522, 758, [[78, 85]])
    assert s["text"] == full[522:758] and s["text"].startswith("alpha") and s["text"].endswith("omega")
    assert s["text"][78:85] == "Killing"


def test_snippet_marks_every_match_in_the_window_and_folds_accents():
    t = "Qâsem met qasem; QASEMI left. Skilled."
    s = snippet(t, parse_query("qasem"))
    assert s == {"text": t, "start": 0, "end": len(t), "marks": [[0, 5], [10, 15], [17, 23]]}
    assert snippet(t, parse_query("qasem"), fold_accents=False)["marks"] == [[10, 15], [17, 23]]
    assert snippet("x" * 500, parse_query("zzz")) == {"text": "x" * 240, "start": 0, "end": 240, "marks": []}
    assert snippet("", parse_query("zzz")) == {"text": "", "start": 0, "end": 0, "marks": []}
