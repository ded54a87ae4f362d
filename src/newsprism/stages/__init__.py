"""Per-article stages. Each sees one article's :class:`~newsprism.model.Analysis` and
returns a new one; none reads the store or another article.

A stage has a ``name``, a ``version`` (bumped when its output changes, so stores know what
to redo) and ``pipe(analyses)``, which processes a batch and yields results in order.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Protocol, runtime_checkable

from ..config import Settings
from ..model import Analysis

__all__ = ["Stage", "build_stages", "run_stages"]


@runtime_checkable
class Stage(Protocol):
    name: str
    version: str

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]: ...


def build_stages(settings: Settings) -> list[Stage]:
    """The per-article stages of this version of newsprism, in the order they run."""
    from .framing import FramingFinder
    from .mentions import MentionFinder
    from .parse import Parser
    from .quotes import QuoteFinder
    from .segment import Segmenter
    from .timex import TimeFinder
    from .vectors import VectorStage

    stages: list[Stage] = [Segmenter(settings.spacy_model), Parser(settings.spacy_model), MentionFinder(),
                           QuoteFinder(settings.attribution_model, precision=settings.tagger_precision), FramingFinder(),
                           TimeFinder()]
    # On Ray the sentence vectors are computed by the actors, so that the driver, which runs
    # the corpus passes, does not embed a whole corpus on its own machine. On one machine the
    # passes embed them (each distinct text once, on every core) at no greater cost.
    if settings.engine == "ray":
        stages.append(VectorStage())
    return stages


def run_stages(stages: list[Stage], analyses: list[Analysis]) -> list[Analysis]:
    """Run ``stages`` in order; the parse they share is dropped at the end.

    A stage may also have ``start(analyses)``: work on the articles alone (not on what the
    stages before it add) that it begins in the background before the first stage runs,
    and takes up in its ``pipe`` (the quote stage's attribution tagger, while spaCy parses).
    """
    for stage in stages:
        start = getattr(stage, "start", None)
        if start is not None:
            start(analyses)
    for stage in stages:
        analyses = list(stage.pipe(analyses))
    return [a.evolve(doc=None) if a.doc is not None else a for a in analyses]
