"""The data model: frozen dataclasses that every layer passes along.

`Article.text` is the ground truth and never changes after ingest; every annotation is a
character span into it (Python ``str`` offsets, end exclusive).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "RawArticle",
    "Article",
    "Sentence",
    "Span",
    "Failure",
    "FramingTerm",
    "Mention",
    "Quote",
    "parts_json",
    "stored_parts",
    "Analysis",
    "Vector",
    "RunSummary",
]


@dataclass(frozen=True)
class RawArticle:
    """One article as a reader found it: decoded text and whatever metadata the format had.

    Readers fill what their format tells; ``newsprism.ingest.normalize`` turns it into an
    :class:`Article` (normalised text, datelines, credit lines, language, id).
    """

    source: str
    text: str
    format: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_evidence: str | None = None
    outlet: str | None = None
    outlet_evidence: str | None = None
    author: str | None = None
    place: str | None = None
    record: str | None = None


@dataclass(frozen=True)
class Article:
    """One normalised article. ``text`` is what every span points into."""

    id: str
    source: str
    format: str
    text: str
    language: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_evidence: str | None = None
    outlet: str | None = None
    outlet_evidence: str | None = None
    author: str | None = None
    place: str | None = None

    @property
    def version_key(self) -> str:
        """What identifies 'the same article' across versions: its URL, else its source."""
        return self.url or self.source


@dataclass(frozen=True)
class Span:
    """A character span of one article's text."""

    article: str
    start: int
    end: int

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class Sentence:
    """A sentence: ``text[start:end]``, numbered within the article and its paragraph."""

    index: int
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Mention:
    """A span that names or describes an entity ("Ayatollah Seyed Ali Khamenei", "the
    Leader", "he").

    ``kind`` is ``name``, ``descriptor`` (a title or description that refers to someone)
    or ``pronoun``. ``chain`` numbers the article's coreference chains: mentions with the
    same chain refer to the same entity within the article, and ``head`` is the chain's
    fullest name ("Ali Khamenei" for "the Leader"), or None when the article never names
    it. ``evidence`` says why a descriptor or pronoun joined its chain.
    """

    start: int
    end: int
    text: str
    type: str
    kind: str = "name"
    chain: int | None = None
    head: str | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class Quote:
    """Reported words in one article: the content span, its cue and its speaker.

    ``kind`` is ``direct``, ``partial``, ``indirect`` or ``embedded``. ``speaker_chain``
    is the coreference chain of the speaker mention (see :class:`Mention`); None when no
    speaker could be found with evidence. ``rule`` names what found the quote.

    A cue in several pieces (German "teilte … mit", "hat … gesagt") has them in
    ``cue_parts``, in text order; ``cue_start``/``cue_end`` is then the first piece and
    ``cue`` the pieces' words joined by " … ". Otherwise ``cue_parts`` is empty.

    Content in several pieces, around the words that attribute it (German "Die Polizisten
    waren Berichten zufolge mit Knüppeln bewaffnet"), has them in ``content_parts``, in
    text order; ``start``/``end`` then runs from the first piece's start to the last's
    end and ``text`` is the pieces' words joined by " … ". Otherwise ``content_parts`` is
    empty and ``text`` is the words at ``start:end``.
    """

    start: int
    end: int
    text: str
    kind: str
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_chain: int | None = None
    speaker_name: str | None = None
    rule: str = ""
    cue_parts: tuple[tuple[int, int], ...] = ()
    content_parts: tuple[tuple[int, int], ...] = ()

    @property
    def pieces(self) -> tuple[tuple[int, int], ...]:
        """The content's spans: its pieces, or ``((start, end),)``."""
        return self.content_parts or ((self.start, self.end),)


def parts_json(parts: tuple[tuple[int, int], ...]) -> str | None:
    """A quote's ``cue_parts`` or ``content_parts`` as a store row keeps them: JSON
    ``[[start, end], ...]``, or None for none."""
    return json.dumps([list(p) for p in parts]) if parts else None


def stored_parts(value: str | None) -> list[list[int]]:
    """The pieces :func:`parts_json` kept: ``[[start, end], ...]``, empty for none."""
    return json.loads(value) if value else []


@dataclass(frozen=True)
class TimeExpression:
    """A phrase naming a time, with what it says: an explicit ``year``/``month``/``day``, a
    ``weekday`` (0 = Monday), a ``shift`` of ``unit``\\ s (signed: negative is earlier), an
    ``ordinal`` anniversary and the ``anchor`` words naming what it counts from."""

    start: int
    end: int
    text: str
    kind: str  # date | month_day | month | weekday | relative | offset | last | anniversary
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    shift: int | None = None
    unit: str | None = None
    anchor: str | None = None
    modifier: str | None = None

    def fields(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k not in ("start", "end", "text", "kind") and v is not None}


@dataclass(frozen=True)
class FramingTerm:
    """A word that frames: a lexicon hit or an act done to an entity.

    ``kind`` is a lexicon (``bias``, ``hedge``, ``factive``, ``assertive``,
    ``implicative``) or ``act``: a word naming what happened to an entity ("martyrdom",
    "killing", "was killed"), whose ``family`` is the kind of happening (``death``) and
    whose ``chain`` is the entity's coreference chain in the article. ``entry`` is the
    lexicon entry or lemma matched. ``voice`` is ``own``, ``reported`` (inside indirect
    speech, in the outlet's wording) or ``quoted`` (a speaker's verbatim words); ``scare``
    is True inside a scare quote.
    """

    start: int
    end: int
    text: str
    entry: str
    kind: str
    voice: str = "own"
    family: str | None = None
    chain: int | None = None
    scare: bool = False


@dataclass(frozen=True)
class Failure:
    """An input that could not be read or analysed, and why. Recorded, never fatal."""

    source: str
    reason: str
    stage: str = "read"
    record: str | None = None

    def describe(self) -> str:
        where = f"{self.source}#{self.record}" if self.record else self.source
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Vector:
    """A sentence vector a per-article stage computed for a corpus pass: the row ``key`` of
    the store's vector ``table`` (``lead_vectors``: an article id; ``text_vectors``: the
    sha256 of a text) for ``model``, as float16 bytes. Kept in the store, never exported."""

    table: str
    model: str
    key: str
    vector: bytes = field(repr=False)


@dataclass(frozen=True)
class Analysis:
    """Everything the per-article stages found about one article.

    Stages never mutate an analysis; they return a new one with :meth:`evolve`.
    ``stages`` maps each stage that ran to its version, so a store knows what is done.
    """

    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    scare_quotes: tuple[tuple[int, int], ...] = ()
    times: tuple[TimeExpression, ...] = ()
    framing: tuple[FramingTerm, ...] = ()
    stages: tuple[tuple[str, str], ...] = ()
    vectors: tuple[Vector, ...] = ()
    # The spaCy Doc of the parse stage, for the stages after it; never stored or compared.
    doc: Any = field(default=None, compare=False, repr=False)

    def evolve(self, **changes: Any) -> "Analysis":
        return dataclasses.replace(self, **changes)

    def with_stage(self, name: str, version: str, **changes: Any) -> "Analysis":
        stages = tuple(s for s in self.stages if s[0] != name) + ((name, version),)
        return dataclasses.replace(self, stages=stages, **changes)


@dataclass(frozen=True)
class RunSummary:
    """What one ``analyze`` call did."""

    run_id: str
    inputs: int = 0
    read: int = 0
    new: int = 0
    unchanged: int = 0
    new_versions: int = 0
    failures: tuple[Failure, ...] = ()
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def analysed(self) -> int:
        """Articles that are in the store after this run (new or already there)."""
        return self.new + self.unchanged

    def as_dict(self) -> dict[str, Any]:
        return {
            "run": self.run_id,
            "inputs": self.inputs,
            "articles_read": self.read,
            "articles_new": self.new,
            "articles_unchanged": self.unchanged,
            "new_versions": self.new_versions,
            "failures": [
                {"source": f.source, "record": f.record, "stage": f.stage, "reason": f.reason}
                for f in self.failures
            ],
            "seconds": round(self.seconds, 3),
            **self.extra,
        }
