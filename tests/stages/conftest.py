import pytest

from newsprism.ingest import InputFile, read_input
from newsprism.ingest.article import build_article
from newsprism.model import Analysis, Article
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


def _article_runner(settings):
    """``text -> Analysis`` of the stages on one article of ``language``."""
    stages = build_stages(settings)

    def run(text: str, language: str = "en") -> Analysis:
        return run_stages(stages, [Analysis(Article(id="x", source="x", format="txt", text=text, language=language))])[0]

    return run


def _quote_runner(settings):
    """``text -> [(kind, text, cue, speaker words)]`` of the stages on one article of ``language``."""
    analyse = _article_runner(settings)

    def run(text: str, language: str = "en") -> list[tuple]:
        return [(q.kind, q.text, q.cue, q.speaker_text) for q in analyse(text, language).quotes]

    return run


@pytest.fixture(scope="session")
def by_rules():
    """The quote stage on its rules alone, on an English article: ``text -> [(kind, text, cue, speaker words)]``."""
    return _quote_runner(Settings(attribution_model=False))


@pytest.fixture(scope="session")
def german():
    """Every stage on a German article (``language="de"``, unless given):
    ``text -> [(kind, text, cue, speaker words)]``."""
    run = _quote_runner(Settings())
    return lambda text, language="de": run(text, language)


@pytest.fixture(scope="session")
def german_article():
    """Every stage on a German article: ``text -> Analysis``."""
    run = _article_runner(Settings())
    return lambda text: run(text, "de")
