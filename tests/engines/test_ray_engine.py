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


def test_seeds_and_examples_export_the_same_as_with_the_local_engine(tmp_path, seeds_dir, examples_dir,
                                                                      seeds_document, local_examples):
    settings = Settings(engine="ray", processes=2)
    seeds_url, examples_url = f"sqlite:///{tmp_path / 'seeds.db'}", f"sqlite:///{tmp_path / 'examples.db'}"
    with open_store(seeds_url) as store:
        summary = newsprism.analyze([str(seeds_dir)], store, settings)
        assert (summary.new, summary.failures) == (5, ())
    with open_store(examples_url) as store:
        newsprism.analyze([str(examples_dir)], store, settings)
    local_seeds = dict(seeds_document)
    local_seeds.pop("created")
    assert _document(seeds_url) == local_seeds
    assert _document(examples_url) == local_examples
    assert not ray.is_initialized()  # the local Ray it started is stopped again
    with open_store(seeds_url) as store:  # a second run finds nothing new
        again = newsprism.analyze([str(seeds_dir)], store, settings)
    assert (again.new, again.unchanged) == (0, 5)


def test_bad_engine_settings_are_clear_errors():
    with pytest.raises(ConfigError, match="unknown engine 'spark'"):
        Settings(engine="spark")
    with pytest.raises(ConfigError, match="add --engine ray"):
        Settings(ray_address="ray://head:10001")
