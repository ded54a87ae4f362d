"""The vectors stage (run by the Ray engine's actors) computes the sentence vectors the
statements and events passes would otherwise compute in the one process that runs them."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.corpus.event_pass import EMBEDDING_MODEL, lead_text, lead_vectors
from newsprism.corpus.statements import embedding_texts
from newsprism.ids import text_hash
from newsprism.models import embeddings
from newsprism.stages.vectors import VectorStage, article_texts


@pytest.fixture(scope="module")
def vectored(analysed_seeds):
    """The seeds' analyses with the vectors stage run on them, as a Ray actor runs it."""
    stage = VectorStage()
    return {n: next(stage.pipe([a])) for n, a in analysed_seeds.items()}


def test_the_stage_runs_on_ray_only(analysed_seeds):
    from newsprism.config import Settings
    from newsprism.stages import build_stages

    assert [s.name for s in build_stages(Settings(engine="ray"))][-1] == "vectors"
    assert "vectors" not in [s.name for s in build_stages(Settings())]
    assert analysed_seeds["001"].vectors == ()


def _by_table(analysis):
    out: dict[str, dict[str, np.ndarray]] = {}
    for v in analysis.vectors:
        out.setdefault(v.table, {})[v.key] = np.frombuffer(v.vector, dtype=np.float16)
    return out


def test_seed_001_gets_its_lead_and_the_texts_of_its_named_speakers_quotes(vectored):
    a = vectored["001"]
    lead, texts = article_texts(a)
    assert lead.startswith("TEHRAN – In a meeting on Saturday with the family of General Qassem Soleimani")
    named = {m.chain for m in a.mentions if m.kind == "name" and m.chain is not None}
    expected = {t for q in a.quotes if q.speaker_chain in named for t in embedding_texts(q.text)}
    assert set(texts) == expected and len(texts) == len(expected) == 23
    # "Many pundits" and "American strategists" name no one: their clauses have no speaker to group under
    unnamed = [q for q in a.quotes if q.speaker_chain not in named and embedding_texts(q.text)]
    assert [q.speaker_text for q in unnamed] == ["Many pundits", "American strategists"]
    assert not {t for q in unnamed for t in embedding_texts(q.text)} & expected
    tables = _by_table(a)
    assert set(tables) == {"lead_vectors", "text_vectors"}
    assert set(tables["lead_vectors"]) == {a.article.id}
    assert set(tables["text_vectors"]) == {text_hash(t) for t in expected}
    assert {v.model for v in a.vectors} == {EMBEDDING_MODEL, embeddings.MODEL_NAME}
    assert ("vectors", VectorStage.version) in a.stages


def test_each_vector_is_its_text_embedded_alone_in_float16(vectored):
    a = vectored["003"]
    lead, texts = article_texts(a)
    assert lead == lead_text(a.article.title, a.article.text, [(s.start, s.end) for s in a.sentences])
    model = embeddings.SentenceEmbedder.load()
    tables = _by_table(a)
    assert np.array_equal(tables["lead_vectors"][a.article.id], lead_vectors(model.encode([lead]))[0])
    assert len(texts) == 29  # (30 with the 3-epoch tagger, whose "advised" clause began a word earlier)
    for t in texts:
        assert np.array_equal(tables["text_vectors"][text_hash(t)], model.encode([t])[0].astype(np.float16))


def test_an_articles_vectors_do_not_depend_on_the_batch_it_is_in(analysed_seeds, vectored):
    together = list(VectorStage().pipe([analysed_seeds["001"], analysed_seeds["002"], analysed_seeds["004"]]))[1]
    assert together.vectors == vectored["002"].vectors


def test_a_process_embeds_a_text_once_and_keeps_a_bounded_number(analysed_seeds, vectored, monkeypatch):
    import newsprism.stages.vectors as vectors

    real = embeddings.SentenceEmbedder.load().encode
    embedded: list[str] = []

    def counting(texts):
        embedded.extend(texts)
        return real(texts)

    stage = VectorStage()
    stage._embed = counting
    first = list(stage.pipe([analysed_seeds["002"], analysed_seeds["004"]]))
    lead, texts = article_texts(analysed_seeds["002"])
    assert len(embedded) == len(set(embedded)) == 2 + 11 + 10  # two leads, each quote text once
    again = list(stage.pipe([analysed_seeds["002"]]))[0]
    assert len(embedded) == 23 and again.vectors == first[0].vectors == vectored["002"].vectors
    monkeypatch.setattr(vectors, "CACHE_TEXTS", 5)
    small = VectorStage()
    small._embed = counting
    out = [list(small.pipe([analysed_seeds["002"]]))[0] for _ in range(2)]
    assert len(small._kept) == 5 and len(embedded) == 23 + 12 + 7  # all but the last five texts were let go
    assert out[0].vectors == out[1].vectors == vectored["002"].vectors
