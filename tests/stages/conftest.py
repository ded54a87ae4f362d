import pytest

from newsprism.ingest import InputFile, read_input
from newsprism.ingest.article import build_article
from newsprism.model import Analysis
from newsprism.stages import build_stages, run_stages
from newsprism.config import Settings


@pytest.fixture(scope="session")
def analysed_seeds(seed_paths):
    """Every seed through the per-article stages: number -> Analysis."""
    stages = build_stages(Settings())
    out = {}
    for number, path in seed_paths.items():
        raw = read_input(InputFile(str(path)), max_bytes=10**7)[0]
        out[number] = run_stages(stages, [Analysis(build_article(raw))])[0]
    return out
