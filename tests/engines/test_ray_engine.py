"""The Ray engine on a local Ray: the same store and export as the local engine."""

from __future__ import annotations

import pytest

import newsprism
from newsprism import ConfigError, Settings, open_store
from newsprism.export import build_document

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'newsprism[ray]')")

pytestmark = pytest.mark.slow


def _document(url: str) -> dict:
    with open_store(url, create=False) as store:
        doc = build_document(store)
    doc.pop("created")
    return doc


@pytest.fixture(scope="module")
def local_examples(tmp_path_factory, examples_dir) -> dict:
    url = f"sqlite:///{tmp_path_factory.mktemp('local') / 'examples.db'}"
    with open_store(url) as store:
        newsprism.analyze([str(examples_dir)], store)
    return _document(url)


def test_seeds_and_examples_export_the_same_as_with_the_local_engine(tmp_path, seeds_dir, examples_dir, monkeypatch,
                                                                      seeds_document, local_examples):
    from newsprism.engines import ray as ray_engine

    seeds_url, examples_url = f"sqlite:///{tmp_path / 'seeds.db'}", f"sqlite:///{tmp_path / 'examples.db'}"
    # The seeds in batches of two and windows of two articles: three Ray Data executions,
    # each batch written (and its inputs reported) in input order.
    monkeypatch.setattr(ray_engine, "WINDOW", 2)
    reported: list[tuple[int, int, str]] = []
    with open_store(seeds_url) as store:
        summary = newsprism.analyze([str(seeds_dir)], store, Settings(engine="ray", processes=2, batch_size=2),
                                    progress=lambda done, total, source: reported.append((done, total, source)))
        assert (summary.new, summary.failures) == (5, ())
    assert [(d, t) for d, t, _ in reported] == [(i, 5) for i in range(1, 6)]
    assert [s.rsplit("/", 1)[1][:3] for _, _, s in reported] == ["000", "001", "002", "003", "004"]
    monkeypatch.undo()
    with open_store(examples_url) as store:
        newsprism.analyze([str(examples_dir)], store, Settings(engine="ray", processes=2))
    local_seeds = dict(seeds_document)
    local_seeds.pop("created")
    assert _document(seeds_url) == local_seeds
    assert _document(examples_url) == local_examples
    assert not ray.is_initialized()  # the local Ray it started is stopped again
    monkeypatch.setattr(ray, "init", lambda *a, **k: pytest.fail("Ray was started with nothing new to analyse"))
    with open_store(seeds_url) as store:  # a second run finds nothing new, and starts no Ray
        again = newsprism.analyze([str(seeds_dir)], store, Settings(engine="ray", processes=2))
    assert (again.new, again.unchanged) == (0, 5)


def test_bad_engine_settings_are_clear_errors():
    with pytest.raises(ConfigError, match="unknown engine 'spark'"):
        Settings(engine="spark")
    with pytest.raises(ConfigError, match="add --engine ray"):
        Settings(ray_address="ray://head:10001")


def test_batches_come_back_in_order_whatever_order_the_actors_finish_in(monkeypatch):
    from types import SimpleNamespace

    from newsprism.engines.ray import RayEngine

    engine = RayEngine(Settings(engine="ray"), window=3)
    calls: list[list[str]] = []

    def backwards(articles):  # the actors finish the window's articles last first
        calls.append(list(articles))
        yield from reversed([(i, f"analysis of {a}") for i, a in enumerate(articles)])

    monkeypatch.setattr(engine, "_results", backwards)
    batches = [SimpleNamespace(articles=a) for a in (["a", "b"], [], ["c"], ["d"], [])]
    out = [(batch.articles, results) for batch, results in engine.analyse_batches(iter(batches))]
    assert out == [(["a", "b"], ["analysis of a", "analysis of b"]), ([], []), (["c"], ["analysis of c"]),
                   (["d"], ["analysis of d"]), ([], [])]
    assert calls == [["a", "b", "c"], ["d"]]  # two windows of at most three articles
    assert not ray.is_initialized()


def test_the_reuse_pass_on_ray_tasks_gives_the_same_result(shared_dir):
    from newsprism.corpus.reuse import ReuseSettings, find_reuse
    from newsprism.corpus.reuse_work import ReuseDoc
    from newsprism.engines.ray import RayEngine

    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted((shared_dir / "seeds").glob("*.txt"))}
    docs = [ReuseDoc(k, t) for k, t in texts.items()] + [ReuseDoc("copy", texts["000"] + "\n\nA closing line.")]
    engine = RayEngine(Settings(engine="ray", processes=2))
    try:
        on_ray = find_reuse(docs, runner=engine.corpus_runner())
        assert ray.is_initialized()  # the units did run on Ray
        # The shingle index cut in parts and the LSH bands, as Ray tasks too.
        shuffled = find_reuse(docs, ReuseSettings(index_rows=300), runner=engine.corpus_runner())
    finally:
        engine.close()
    here = find_reuse(docs)
    assert on_ray.links == here.links and on_ray.duplicates == here.duplicates == {"copy": "000"}
    assert on_ray.boilerplate == here.boilerplate
    assert shuffled.stats["index_parts"] > 5 and here.stats["index_parts"] == 1
    assert shuffled.links == here.links and shuffled.duplicates == here.duplicates
    assert shuffled.boilerplate == here.boilerplate
    assert len(here.links) >= 2
    assert not ray.is_initialized()
