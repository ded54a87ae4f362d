"""The statements pass embeds each quote text once per store, and only what the store lacks
(the Ray engine's vectors stage stores them with the articles); the model is not even
loaded when nothing is missing."""

from __future__ import annotations


import numpy as np
from sqlalchemy import text

from newsprism.corpus import statement_pass
from newsprism.ids import text_hash
from newsprism.models import embeddings


def test_unchanged_quotes_need_no_model_and_give_the_same_statements(seeds_copy, monkeypatch):
    before = seeds_copy.statements()
    assert seeds_copy.count("text_vectors") == 79

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded although every text has its vector")

    monkeypatch.setattr(embeddings.SentenceEmbedder, "load", no_model)
    statement_pass(seeds_copy)
    assert seeds_copy.statements() == before


def test_only_the_missing_texts_are_embedded(seeds_copy, monkeypatch):
    before = seeds_copy.statements()
    with seeds_copy.engine.begin() as conn:
        deleted = set(conn.execute(text("SELECT text FROM text_vectors WHERE rowid % 3 = 0")).scalars())
        conn.execute(text("DELETE FROM text_vectors WHERE rowid % 3 = 0"))
        # and the kept statements, which would otherwise spare every speaker the grouping
        conn.execute(text("DELETE FROM corpus_memo WHERE pass = 'statements'"))
    left = seeds_copy.count("text_vectors")
    real = embeddings.SentenceEmbedder.load()
    encoded: list[str] = []

    class Counting:
        def encode(self, texts):
            encoded.extend(texts)
            return real.encode(texts)

    monkeypatch.setattr(embeddings.SentenceEmbedder, "load", classmethod(lambda cls, *a, **k: Counting()))
    statement_pass(seeds_copy)
    found = {text_hash(t) for t in encoded}
    assert len(found) == len(encoded) == 79 - left > 0 and found <= deleted  # each missing text once
    assert seeds_copy.count("text_vectors") == left + len(encoded)
    assert seeds_copy.statements() == before  # the float16 vectors: the same whichever batch computed them
    stored = seeds_copy.text_vectors(embeddings.MODEL_NAME, [])
    assert stored == {}
    with seeds_copy.engine.connect() as conn:
        key = conn.execute(text("SELECT text FROM text_vectors LIMIT 1")).scalar_one()
    vector = seeds_copy.text_vectors(embeddings.MODEL_NAME, [key])[key]
    assert vector.dtype == np.float32 and vector.shape == (embeddings.DIMENSION,)


def test_after_the_vectors_stage_the_passes_load_no_model_and_find_the_same(seeds_document, tmp_path, seed_paths,
                                                                            monkeypatch):
    """Analyses that went through the vectors stage (as on a Ray actor) carry every vector
    the passes read: 88 texts, the 79 the statements pass compares and 9 of speakers quoted
    once in the store, which no single article can tell. The passes then find the
    very statements and events of a store whose passes embedded them."""
    from newsprism import open_store
    from newsprism.config import Settings
    from newsprism.corpus import run_corpus_passes
    from newsprism.export import build_document
    from newsprism.ingest import InputFile, read_input
    from newsprism.ingest.article import build_article
    from newsprism.model import Analysis
    from newsprism.stages import build_stages, run_stages

    stages = build_stages(Settings(engine="ray"))
    analyses = []
    for path in seed_paths.values():
        raw = read_input(InputFile(str(path)), max_bytes=10**7)[0]
        analyses.append(run_stages(stages, [Analysis(build_article(raw))])[0])

    def no_model(*args, **kwargs):
        raise AssertionError("a pass loaded the model although the stage stored every vector it reads")

    with open_store(f"sqlite:///{tmp_path / 'ray-like.db'}") as store:
        store.write_batch(analyses)
        assert store.count("text_vectors") == 88 and store.count("lead_vectors") == 5
        monkeypatch.setattr(embeddings.SentenceEmbedder, "load", no_model)
        run_corpus_passes(store)
        document = build_document(store)
    for key in ("statements", "events", "entities"):
        assert document[key] == seeds_document[key]
