import pytest

from newsprism.ingest import InputFile, read_input
from newsprism.ingest.article import build_article
from newsprism.model import Analysis
from newsprism.stages import build_stages, run_stages
from newsprism.config import Settings


def _analyse(seed_paths, settings):
    stages = build_stages(settings)
    out = {}
    for number, path in seed_paths.items():
        raw = read_input(InputFile(str(path)), max_bytes=10**7)[0]
        out[number] = run_stages(stages, [Analysis(build_article(raw))])[0]
    return out


@pytest.fixture(scope="session")
def analysed_seeds(seed_paths):
    """Every seed through the per-article stages, as `analyze` runs them: number -> Analysis."""
    return _analyse(seed_paths, Settings())


@pytest.fixture(scope="session")
def seeds_by_rules(seed_paths):
    """The same with the quote stage on its rules alone (no attribution model)."""
    return _analyse(seed_paths, Settings(attribution_model=False))


@pytest.fixture(scope="session")
def seeds_int8(seed_paths):
    """The same with the attribution tagger quantized to int8 (``--tagger-precision int8``)."""
    return _analyse(seed_paths, Settings(tagger_precision="int8"))
