"""The vectors stage: the sentence vectors the corpus passes read, computed where the
per-article work runs instead of in the one process that runs the passes. The Ray engine
runs it on its actors, so a cluster embeds a corpus on all its machines and the driver
embeds nothing. The local engine does not: on one machine the passes embed each distinct
text once with every core, and the stage in each worker process cost as much or more
(200 generated articles on 2 cores, 2 processes: 107-111 s with it, 89-100 s without).

Two kinds, each exactly what its pass would embed (the pass embeds only what the store
lacks, so a store analysed before this stage existed still works):

- the article's lead (its title and first sentences), for the events pass;
- the segments and whole text of each quote whose speaker is a named chain, for the
  statements pass (a quote without one has no speaker to be grouped under).

The texts of a batch of articles are embedded together, and each gets the vector it gets
alone: on ONNX Runtime, padding a text to its batch's longest moves none of its vector's
bits (600 PolNeAR sentences checked; tests/models/test_embeddings.py keeps it tested),
and the vectors are stored in float16 besides. So a vector never depends on the other
texts of its article, batch, process or engine (the actors store the very vectors the
passes would), and a text quoted by two articles gets one vector. A process keeps the
vectors of the last :data:`CACHE_TEXTS` texts it embedded to give them again (copies of
one quote are common: 1,000 generated articles hold 16,420 quotes of a named speaker in
6,303 wordings).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Any, Iterable, Iterator

import numpy as np

from ..corpus.event_pass import EMBEDDING_MODEL, lead_text, lead_vectors
from ..corpus.statements import embedding_texts
from ..ids import text_hash
from ..model import Analysis, Vector
from ..models.embeddings import MODEL_NAME

__all__ = ["VectorStage", "article_texts"]

logger = logging.getLogger(__name__)

#: Texts whose vectors a stage keeps (1.5 KB each, about 80 MB in all at most).
CACHE_TEXTS = 50_000


def article_texts(analysis: Analysis) -> tuple[str, list[str]]:
    """``(lead text, the quote texts to embed)`` of one analysed article, each text once."""
    named = {m.chain for m in analysis.mentions if m.chain is not None and m.kind == "name"}
    texts: dict[str, None] = {}
    for q in analysis.quotes:
        if q.speaker_chain in named:
            texts.update(dict.fromkeys(embedding_texts(q.text)))
    a = analysis.article
    return lead_text(a.title, a.text, [(s.start, s.end) for s in analysis.sentences]), list(texts)


class VectorStage:
    """The per-article stage that fills :attr:`Analysis.vectors`; needs the sentences, the
    mentions and the quotes. Where the embedding model is not installed it adds nothing and
    logs it once (the corpus passes then say what is missing)."""

    name = "vectors"
    version = "1"

    def __init__(self) -> None:
        self._embed: Any = None
        self._missing = False
        self._kept: OrderedDict[str, np.ndarray] = OrderedDict()  # text -> vector, least recently used first

    def _vectors(self, texts: list[str]) -> dict[str, np.ndarray]:
        """The vector of each of ``texts``, as the model gives it for the text alone."""
        new = [t for t in dict.fromkeys(texts) if t not in self._kept]
        if new:
            self._kept.update(zip(new, np.asarray(self._embed(new), dtype=np.float32)))
        out = {}
        for t in texts:
            self._kept.move_to_end(t)
            out[t] = self._kept[t]
        while len(self._kept) > CACHE_TEXTS:
            self._kept.popitem(last=False)
        return out

    def _encoder(self) -> Any:
        if self._embed is None and not self._missing:
            from ..errors import ModelNotFoundError
            from ..models.embeddings import SentenceEmbedder

            try:
                self._embed = SentenceEmbedder.load().encode
            except ModelNotFoundError as exc:
                logger.warning("vectors: none computed here (%s)", exc)
                self._missing = True
        return self._embed

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        analyses = list(analyses)
        if self._encoder() is None:
            yield from (a.with_stage(self.name, self.version) for a in analyses)
            return
        wanted = [article_texts(a) for a in analyses]
        found = self._vectors([t for lead, texts in wanted for t in (lead, *texts)])
        for analysis, (lead, texts) in zip(analyses, wanted):
            unit = lead_vectors(found[lead][None])[0]
            vectors = [Vector("lead_vectors", EMBEDDING_MODEL, analysis.article.id, unit.tobytes())]
            vectors += [Vector("text_vectors", MODEL_NAME, text_hash(t), found[t].astype(np.float16).tobytes())
                        for t in texts]
            yield analysis.with_stage(self.name, self.version, vectors=tuple(vectors))
