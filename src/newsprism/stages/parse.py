"""The parse: spaCy's tagger, parser, lemmatizer and NER over the whole article.

Sentence boundaries come from the segment stage and are fixed before parsing, so the
parser's sentences are the article's sentences. The Doc is attached to the analysis for
the stages after this one and dropped before anything is stored.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from ..model import Analysis
from ..nlp import SpacyStage

__all__ = ["Parser"]


class Parser(SpacyStage):
    name = "parse"
    version = "1"

    purpose = "full"
    default_batch_size = 32

    def _doc(self, analysis: Analysis):  # type: ignore[no-untyped-def]
        doc = self.nlp.make_doc(analysis.article.text)
        starts = {s.start for s in analysis.sentences}
        for token in doc:
            if token.idx in starts:
                token.is_sent_start = True
        return doc

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        analyses = list(analyses)
        docs = self.nlp.pipe((self._doc(a) for a in analyses), batch_size=self.batch_size)
        for analysis, doc in zip(analyses, docs):
            yield analysis.with_stage(self.name, self.version, doc=doc)
