"""The statements pass embeds each quote text once per store: a grown store re-embeds only
its new texts, and the model is not even loaded when nothing is new."""

from __future__ import annotations


import numpy as np
from sqlalchemy import text

from newsprism.corpus import statement_pass
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
        conn.execute(text("DELETE FROM text_vectors WHERE rowid % 3 = 0"))
        # and the kept statements, which would otherwise spare every speaker the grouping
        conn.execute(text("DELETE FROM corpus_memo WHERE pass = 'statements'"))
    left = seeds_copy.count("text_vectors")
    real = embeddings.SentenceEmbedder.load()
    encoded: list[int] = []

    class Counting:
        def encode(self, texts):
            encoded.append(len(texts))
            return real.encode(texts)

    monkeypatch.setattr(embeddings.SentenceEmbedder, "load", classmethod(lambda cls, *a, **k: Counting()))
    statement_pass(seeds_copy)
    assert sum(encoded) == 79 - left > 0
    assert seeds_copy.count("text_vectors") == 79
    assert seeds_copy.statements() == before  # the float16 vectors: the same whichever batch computed them
    stored = seeds_copy.text_vectors(embeddings.MODEL_NAME, [])
    assert stored == {}
    with seeds_copy.engine.connect() as conn:
        key = conn.execute(text("SELECT text FROM text_vectors LIMIT 1")).scalar_one()
    vector = seeds_copy.text_vectors(embeddings.MODEL_NAME, [key])[key]
    assert vector.dtype == np.float32 and vector.shape == (embeddings.DIMENSION,)
