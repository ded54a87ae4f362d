"""Quotes: who said what in one article.

Found, in this order: embedded posts (attributed to their authors); paragraphs opened by
a speaker's label and a colon (a transcript's "WALLACE: …", an interview's "A: …", a
headline's "Pence: …"); quoted stretches, each a ``direct`` quote (it stands as the
sentence, with at most a cue clause), a ``partial`` quote (a fragment inside the
writer's sentence) or a scare quote (a short quoted term that reports nobody's words);
and ``indirect`` speech (a reporting verb with a clause: "X said that …", "X rejected
speculations that …", "according to X, …").

Cue and speaker come from the parse of the quote's sentence, else the sentence before it
(ending in a colon), else the previous quote ("carried over"). A speaker is resolved to
the article's coreference chain through its mention. A pronoun goes to the speaker of
the quote before it, unless a person has been named since as the subject of a main
clause, who then takes it (neither where a title or pronoun of the person's says
another gender). Both wait until every rule has found its
quotes, and are settled in the text's order. No evidence, no speaker: where none is
found the speaker stays None.

On a German article (``language`` "de") the tagger, trained on English, is not run, and
:mod:`.quotes_de` adds the cues, speakers and reported speech German word order gives.

The tagger reads the article's text alone, so :meth:`QuoteFinder.start` runs it in a
background thread while the stages before this one parse the batch (see
:func:`newsprism.stages.run_stages`): spaCy holds one core, ONNX Runtime the rest.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from ..model import Analysis, Mention, Quote
from .embeds import find_embeds
from .german import is_german
from .lexicon import PERSON_PRONOUNS, ROLE_NOUNS, SPEECH_VERBS
from .linking import agrees, link_tagged, sentence_locator
from .quotemarks import find_quoted
from .quotes_de import attribute_german

__all__ = ["QuoteFinder", "find_quotes"]

logger = logging.getLogger(__name__)

SCARE_MAX_WORDS = 3
# What speaks for someone: "the ministry’s statement said", "a readout published by …".
_DOCUMENT_NOUNS = frozenset({"statement", "report", "letter", "release", "communique", "communiqué", "readout", "memo",
                             "ruling", "verdict", "post", "tweet", "ministry", "government", "office", "police", "army"})
# What may stand between the end of a clause and the closing mark of a quotation in it.
_CLOSING = ".,;:!?”\"’' "
# What may stand between an opening mark (of one character or two) and the clause in it.
_OPENING = "“‘«„‹\"' "
_CLAIM_NOUNS = {"speculation", "claim", "report", "allegation", "suggestion", "notion", "idea", "rumour", "rumor", "assertion"}


@dataclass
class _Attribution:
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    rule: str = ""
    speaker_head: int | None = None


def _cue_span(verb) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """The cue words: the verb with its particle ("pointed out", "summed up")."""
    start, end = verb.idx, verb.idx + len(verb)
    for child in verb.children:
        if child.dep_ == "prt":
            end = max(end, child.idx + len(child))
    return start, end


def _subject(verb):  # type: ignore[no-untyped-def]
    """``(subject, anchor)`` of a reporting verb: its subject, or for "…, saying/adding" and
    "…, underlining that" the subject of the main clause it hangs on, never one inside a
    reported clause. ``anchor`` is the verb whose subject was looked for."""
    current = verb
    for _ in range(6):
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and (current is verb or current.dep_ not in ("ccomp", "acl", "relcl")):
            return subject, current
        if current.dep_ not in ("advcl", "xcomp", "conj", "ccomp", "acl", "relcl", "dobj", "pobj", "prep") or current.head is current:
            return None, current
        current = current.head
    return None, current


def _speakerish(token, mentions: list[Mention]) -> bool:  # type: ignore[no-untyped-def]
    """Whether a subject can be a speaker: a pronoun, a role noun, a plural noun
    ("officials"), or inside a person or organisation mention."""
    if token.lower_ in PERSON_PRONOUNS or token.lemma_.lower() in ROLE_NOUNS | _DOCUMENT_NOUNS or token.tag_ in ("NNS", "NNPS"):
        return True
    return any(m.start <= token.idx < m.end and m.type in ("PERSON", "ORG", "NORP", "OTHER") for m in mentions)


def _root(doc, m: Mention):  # type: ignore[no-untyped-def]
    """The syntactic head token of a mention, None where its offsets fit no tokens."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root if span is not None else None


def _nearest_person(doc, mentions: list[Mention], lo: int, hi: int, skip: tuple[int, int]) -> Mention | None:  # type: ignore[no-untyped-def]
    """The last person mention in ``lo:hi`` outside ``skip`` that is not a modifier of
    another noun ("Flynn, a top Trump surrogate": not Trump)."""
    found = [m for m in mentions if lo <= m.start and m.end <= hi and m.type == "PERSON" and m.chain is not None
             and not (skip[0] <= m.start < skip[1])]
    for m in reversed(found):
        root = _root(doc, m)
        if root is None or root.dep_ not in ("compound", "poss", "amod"):
            return m
    return None


def _speaker(verb, sent, mentions: list[Mention], skip: tuple[int, int],  # type: ignore[no-untyped-def]
             quoted: Sequence[tuple[int, int]] = (), reported: bool = False) -> tuple[int, int, int] | None:
    """``(start, end, head offset)`` of the speaker of ``verb`` for the quotation or clause
    ``skip``: its subject when that can be a speaker, else the last person the sentence
    names before the main verb (the parser often hangs a name with a title on an
    apposition instead), but not before ``skip`` when ``skip`` comes before the verb ("…
    Clinton would have …: “…,” the union wrote" is not Clinton's). A subject inside
    another quotation (``quoted``: “Fox and Friends”, a title) is not the speaker. Where
    ``skip`` is what the verb reports (``reported``) and comes first, any noun subject of
    it speaks ("“…,” the union wrote")."""
    subject, anchor = _subject(verb)
    if (subject is not None and not (skip[0] <= subject.idx < skip[1])
            and (_speakerish(subject, mentions) or (reported and subject.idx >= skip[1] and subject.pos_ in ("NOUN", "PROPN")))
            and not any(a <= subject.idx < b for a, b in quoted)):
        s, e = _np_span(subject, skip)
        return s, e, subject.idx
    lo = skip[1] if skip[1] <= anchor.idx else sent.start_char
    person = _nearest_person(sent.doc, mentions, max(lo, sent.start_char), anchor.idx, skip)
    if person is not None:
        return person.start, person.end, person.start
    return None


def _np_span(token, outside: tuple[int, int] | None = None) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Character span of a subject noun phrase, without trailing appositions or clauses,
    and without a dateline the parser hung on it ("TEHRAN (Tasnim) – Leader …")."""
    left = token.left_edge
    for t in token.doc[left.i : token.i]:
        if t.text in ("–", "—", "-") and t.i < token.i:
            left = token.doc[t.i + 1]
    right = token
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "nmod", "prep", "pobj", "poss", "amod") and not child.is_punct:
            right = child.right_edge
        else:
            break
    start, end = left.idx, right.idx + len(right)
    if outside and start < outside[1] and outside[0] < end:
        start, end = token.idx, token.idx + len(token)
    return start, end


_POSSESSIVE_AFTER = re.compile(r"[’']s\b|[’'](?=\s)")


def _is_subject(doc, m: Mention) -> bool:  # type: ignore[no-untyped-def]
    """Whether the mention is the subject of a main clause (not of a relative clause:
    "Pavel Mirek, whom Dr. Qasimova suspended, is …" has Pavel Mirek as its subject)."""
    root = _root(doc, m)
    return root is not None and root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ in ("ROOT", "conj")


def _speech_verbs(sent, skip: tuple[int, int] | None):  # type: ignore[no-untyped-def]
    for token in sent:
        if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in SPEECH_VERBS:
            continue
        if skip and skip[0] <= token.idx < skip[1]:
            continue
        yield token


def _reports_span(verb, span: tuple[int, int], text: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the quotation ``span`` (mark to mark) lies in the clause that ``verb``
    reports (its ``ccomp``; punctuation and the closing mark may follow the clause)."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            lo, hi = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
            if not text[span[0] : lo].strip(_OPENING) and not text[hi : span[1]].strip(_CLOSING):
                return True
    return False


def _attribution_in(sent, quote: tuple[int, int], mentions: list[Mention], text: str,  # type: ignore[no-untyped-def]
                    quoted: Sequence[tuple[int, int]] = ()) -> _Attribution | None:
    """Cue and speaker in ``sent`` outside the quotation ``quote`` (mark to mark); ``text``
    is the article's (spaCy rebuilds ``doc.text`` from every token each time); ``quoted``
    are the article's quotations, mark to mark."""
    # A verb whose reported clause holds the quotation first ("She says Trump's tweets
    # accusing her … are “lies”": says), then the nearest.
    reports = {verb: _reports_span(verb, quote, text) for verb in _speech_verbs(sent, quote)}
    verbs = sorted(reports, key=lambda t: (not reports[t], min(abs(t.idx - quote[0]), abs(t.idx - quote[1]))))
    for verb in verbs:
        speaker = _speaker(verb, sent, mentions, quote, quoted, reports[verb])
        if speaker is None:
            continue
        cs, ce = _cue_span(verb)
        return _Attribution(text[cs:ce], cs, ce, speaker[0], speaker[1], "cue in the sentence", speaker[2])
    at = sent.text.lower().find("according to ")
    if at >= 0:
        phrase_start = sent.start_char + at
        token = next((t for t in sent if t.idx == phrase_start + len("according to ")), None)
        if token is not None and not quote[0] <= token.idx < quote[1]:
            s, e = _np_span(token.head if token.dep_ != "pobj" and token.head.dep_ == "pobj" else token, quote)
            return _Attribution("according to", phrase_start, phrase_start + 12, s, e, "according to")
    # "X summed up the situation as follows: “…”" — a clause ending in a colon.
    before = text[sent.start_char : quote[0]].rstrip()
    if before.endswith(":"):
        for token in sent:
            if token.idx >= quote[0]:
                break
            if token.pos_ == "VERB" and _subject(token)[0] is not None:
                speaker = _speaker(token, sent, mentions, quote, quoted)
                if speaker is None:
                    continue
                cs, ce = _cue_span(token)
                return _Attribution(text[cs:ce], cs, ce, speaker[0], speaker[1], "clause before a colon", speaker[2])
    return None


# A quotation signed on its own line: "“… the anger to go out and vote.” ― Jorge Falcon".
_SIGNATURE = re.compile(r"[ \t\u00a0]*[―—][ \t\u00a0]*([A-Z][\w.'’-]*(?:[ \u00a0][\w.'’-]+){0,5})[ \t\u00a0]*(?=\n|$)")


def _signature(text: str, open_: int, after: int) -> tuple[int, int] | None:
    """The span of the name that signs the quotation from ``open_`` (its opening mark) to
    just before ``after``: the quotation starts its line and the name ends it."""
    if text[text.rfind("\n", 0, open_) + 1 : open_].strip():
        return None
    m = _SIGNATURE.match(text, after)
    return m.span(1) if m else None


# A paragraph that opens with a speaker's label: "WALLACE: Let's start with …", "Pence:
# Gennifer Flowers won't be at the debate". The label is one to five capitalised words.
_LABEL = re.compile(r"(?m)^[ \t\u00a0]*[\"“']?([A-Z][\w.'’-]*(?:[ \u00a0][A-Z][\w.'’-]*){0,4}):[ \t\u00a0]+(?=\S)")


# Labels of an article's own notes, never a speaker's ("UPDATE: …", "Editor's note: …").
_NOT_SPEAKERS = frozenset({
    "update", "updated", "correction", "corrections", "clarification", "note", "editor's note", "editor’s note",
    "editors' note", "related", "see also", "read more", "more", "also", "watch", "video", "photo", "photos",
    "caption", "credit", "credits", "source", "sources", "file", "breaking", "exclusive", "analysis", "opinion",
    "live", "advertisement", "tags", "topics", "subscribe", "share", "disclosure", "warning", "listen",
})


def _turn_label(label: str) -> bool:
    """Whether a label can be a speaker's in a transcript: in capitals, not one letter
    (an interview's "Q:" and "A:"), not one of :data:`_NOT_SPEAKERS`."""
    return label.isupper() and len(label) > 1 and label.lower() not in _NOT_SPEAKERS


@dataclass(frozen=True)
class _Labelled:
    """A paragraph ``paragraph_start:end`` opened by the speaker's label ``label_start:label_end``
    and its colon; what it says is ``start:end``."""

    paragraph_start: int
    label_start: int
    label_end: int
    start: int
    end: int


def _headline(sent) -> bool:  # type: ignore[no-untyped-def]
    """Whether a sentence is written in title case, as headlines are: of its words of four
    letters or more outside names (which any sentence capitalises), at least three, seven
    in ten or more begin with a capital. (The mention stage's ``_headline`` counts names
    too: it asks whether capitals say anything of names there; this one whether a line
    reads as a headline, which a short sentence full of names does not.)"""
    words = [t for t in sent if t.is_alpha and len(t) >= 4 and t.ent_iob_ == "O"]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.7 * len(words)


def _labelled_paragraphs(text: str) -> list[_Labelled]:
    """Every paragraph opened by a capitalised label and a colon, what follows it trimmed
    (of the closing quotation mark too, where a mark opens the paragraph); whether the
    label names a speaker is :func:`find_quotes`' to say."""
    out = []
    for m in _LABEL.finditer(text):
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        trailing = " \t\u00a0" + ("”\"'" if text[m.start() : m.start(1)].strip() else "")
        stop = end
        while stop > m.end() and text[stop - 1] in trailing:
            stop -= 1
        if len(text[m.end() : stop].split()) >= 2:
            out.append(_Labelled(m.start(), m.start(1), m.end(1), m.end(), stop))
    return out


# Prepositions that belong to the cue they follow ("called for", "accused of"), which the
# tagger puts at the start of the content instead.
_CUE_PREPOSITIONS = re.compile(r"(?:for|of)\b", re.IGNORECASE)


def _preposition_to_cue(text: str, start: int, end: int, cue_end: int) -> tuple[int, int]:
    """``(content start, cue end)`` with a preposition that opens the content just after
    its cue moved into the cue: "called [for] [reducing the rate]" is "called for" and
    "reducing the rate", as PolNeAR annotates it."""
    m = _CUE_PREPOSITIONS.match(text, start, end)
    if cue_end > start or text[cue_end:start].strip() or m is None:
        return start, cue_end
    rest = m.end() + len(text[m.end() : end]) - len(text[m.end() : end].lstrip())
    return (rest, m.end()) if rest < end and rest > m.end() else (start, cue_end)


# What says that a sentence introduces an interview ("In an interview with …", "… spoke
# with …", "a conversation with …").
_INTERVIEW = re.compile(r"\binterview|\b(?:spoke|talked|sat down|speaking|talking) (?:with|to)\b|\bconversation with\b",
                        re.IGNORECASE)


# The verb of "Herald reporter Tom Baines spoke with Mayor Anna Berg": its subject asks.
_INTERVIEWING = re.compile(r"\b(?:spoke|talked|sat down|speaks|talks|sits down) (?:with|to)\b", re.IGNORECASE)


def _interview_people(text: str, labelled: list[_Labelled], mentions: list[Mention], sentences: list,  # type: ignore[type-arg]
                      sentence_of: Any) -> tuple[Mention | None, Mention | None]:
    """``(interviewer, interviewee)`` of an interview in questions and answers, each None
    where the text before its first "Q:" or "A:" does not single out one person.

    The interviewee is the one person named in a sentence that introduces an interview, or
    of several there, the one named right after "with" or "to". The interviewer is the one
    other person named there before the verb ("Herald reporter Tom Baines spoke with …")."""
    first = min(x.label_start for x in labelled if text[x.label_start : x.label_end] in ("Q", "A"))
    found = [m for m in mentions if m.type == "PERSON" and m.kind == "name" and m.chain is not None and m.end <= first
             and _INTERVIEW.search(sentences[sentence_of(m.start)].text)]
    named = found
    if len({m.chain for m in found}) > 1:
        found = [m for m in found if re.search(r"\b(?:with|to)\s+$", text[max(0, m.start - 6) : m.start])]
    interviewee = found[-1] if found and len({m.chain for m in found}) == 1 else None
    asking = []
    for m in named:
        sent = sentences[sentence_of(m.start)]
        verb = _INTERVIEWING.search(sent.text)
        if verb is not None and m.end <= sent.start_char + verb.start() and (interviewee is None or m.chain != interviewee.chain):
            asking.append(m)
    interviewer = asking[-1] if interviewee is not None and len({m.chain for m in asking}) == 1 else None
    return interviewer, interviewee


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _words_beside(text: str, start: int, end: int, inside: list[tuple[int, int]]) -> int:
    """Words of the clause ``start:end`` outside the partial quotes ``inside`` it."""
    return len(text[start:end].split()) - sum(len(text[a:b].split()) for a, b in inside)


def _after_dateline(text: str, start: int, end: int) -> int:
    """Where a model source span starts once a dateline it took in is dropped
    ("Islam Times - Leader of …" starts at "Leader")."""
    words = text[start:end]
    for dash in (" – ", " — ", " - "):
        at = words.rfind(dash)
        if at >= 0:
            return start + at + len(dash)
    return start


# Words the tagger sometimes carries on past the end of a source ("Sanders on", "Mr.
# Kamin, who", "which together"): never the last word of who is speaking.
_SOURCE_TAIL = frozenset({"on", "in", "at", "of", "for", "who", "which", "together", "also", "and", "has", "have", "had"})


_NAME_AND_COMMA = re.compile(r"\b[A-Z][\w’'.-]*,\s*$")


def _after_apposition(text: str, start: int, end: int) -> int:
    """Where a model source span starts once an apposition to the name before it is
    dropped: in "with the family of General Qassem Soleimani, the noted commander of the
    IRGC’s Quds Force, Leader of the Islamic Revolution Ayatollah Seyed Ali Khamenei
    rejected …" the speaker is the Leader, not the commander, who is Soleimani."""
    if not _NAME_AND_COMMA.search(text, max(0, start - 60), start) or text[start:end].split(" ", 1)[0] not in ("the", "a", "an"):
        return start
    comma = text.find(", ", start, end)
    if comma < 0 or not text[comma + 2 : comma + 3].isupper():
        return start
    return comma + 2


# A time the tagger carries on into a name ("Khamenei in January 2020 had said"): when,
# not who. (After a noun phrase it may be the phrase's own: "a poll released last week".)
_TIME_TAIL = re.compile(r"\s+(?:in|on|during|since|last|this)\s+(?:January|February|March|April|May|June|July|August|"
                        r"September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                        r"week|month|year|\d{4})\b[^,;]*$")


def _model_source(text: str, start: int, end: int) -> tuple[int, int]:
    """A model source span without a dateline or an apposition to the name before it
    (:func:`_after_apposition`) it took in, without a time at its end (:data:`_TIME_TAIL`)
    and without trailing words that cannot end a source (:data:`_SOURCE_TAIL`),
    punctuation included."""
    start = _after_apposition(text, _after_dateline(text, start, end), end)
    time = _TIME_TAIL.search(text, start, end)
    if time is not None and time.start() > start and all(w[:1].isupper() for w in text[start : time.start()].split()):
        end = time.start()
    while True:
        words = text[start:end].rstrip(" ,;:").rsplit(None, 1)
        if len(words) < 2 or words[1].lower() not in _SOURCE_TAIL:
            break
        end = start + len(words[0])
    return start, start + len(text[start:end].rstrip(" ,;:—–-"))


def _with_model(att: _Attribution | None, span: tuple[int, int], links: list, text: str) -> _Attribution | None:  # type: ignore[type-arg]
    """The rules' attribution of the quoted stretch ``span``, completed by the model's.

    The model's attribution is the one whose content overlaps the stretch most. Where the
    rules found none, the model's cue and source stand (when it has a source). Where both
    found the same cue, the model's cue and source spans replace the rules' when they
    overlap them: it was trained on annotated boundaries ("has said", "Secretary of
    Homeland Security Jeh Johnson"), the parse rules take the verb and the subject's head
    phrase."""
    best = max((link for link in links if _overlap((link[0].start, link[0].end), span) > 0),
               key=lambda link: _overlap((link[0].start, link[0].end), span), default=None)
    if best is None:
        return att
    _, cue, source = best
    if att is None:
        if source is None:
            return None
        return _Attribution(text[cue.start : cue.end], cue.start, cue.end, *_model_source(text, source.start, source.end),
                            "attribution model")
    if att.cue_start is None or _overlap((cue.start, cue.end), (att.cue_start, att.cue_end)) <= 0:
        return att
    out = _Attribution(text[cue.start : cue.end], cue.start, cue.end, att.speaker_start, att.speaker_end, att.rule, att.speaker_head)
    if source is not None and att.speaker_start is not None and _overlap((source.start, source.end), (att.speaker_start, att.speaker_end)) > 0:
        out.speaker_start, out.speaker_end = _model_source(text, source.start, source.end)
    return out


_NAMING_VERBS = {"call", "dub", "label", "term", "brand", "describe"}


def _in_speech_complement(sent, start: int, end: int, mentions: list[Mention]) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``start:end`` lies in what someone reports: the clausal complement of a
    reporting verb, what it names something ("Demirov called them “martyrs of duty”") or
    what it speaks of — with a speaker to report it ("Nobody will call it an “accident”"
    reports no one)."""
    for verb in _speech_verbs(sent, None):
        if _speaker(verb, sent, mentions, (start, end)) is None:
            continue
        for child in verb.children:
            reported = child.dep_ in ("ccomp", "xcomp", "oprd")
            reported |= child.dep_ == "dobj" and verb.lemma_.lower() in _NAMING_VERBS
            reported |= child.dep_ == "prep" and child.lower_ in ("of", "about") and verb.lemma_.lower() in ("speak", "talk", "write")
            if reported:
                lo, hi = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
                if lo <= start and end <= hi:
                    return True
    return False


def _is_whole(text: str, sent_start: int, sent_end: int, open_: int, close: int | None, attribution: _Attribution | None) -> bool:
    """A direct quote stands as its sentence: nothing but a cue clause before or after it."""
    before = text[sent_start:open_].strip()
    after = text[(close + 1) if close is not None else sent_end : sent_end].strip()
    clean_before = before == "" or before.endswith((",", ":", "—", "–"))
    clean_after = after.strip(".,;!?”\"’ ") == "" or after.startswith((",", "—", "–")) or (
        attribution is not None and attribution.speaker_start is not None and (close or 0) < attribution.speaker_start)
    return clean_before and clean_after


def find_quotes(doc, text: str, mentions: list[Mention], tagged: list | None = None) -> tuple[list[Quote], list[tuple[int, int]], list[Mention]]:  # type: ignore[no-untyped-def]
    """Quotes, scare quotes and the mentions (with speakers added) of one parsed article.

    ``tagged`` are the attribution model's spans (:class:`~newsprism.models.attribution.TaggedSpan`);
    they add the attributions the rules miss, after the rules have claimed theirs."""
    mentions = list(mentions)
    next_chain = max((m.chain for m in mentions if m.chain is not None), default=-1) + 1
    quotes: list[Quote] = []
    scare: list[tuple[int, int]] = []
    claimed: list[tuple[int, int]] = []
    partials: list[tuple[int, int]] = []  # partial quotes' quotation marks to marks

    # Whole quotes with no attribution of their own, and quotes whose speaker is a pronoun:
    # their speakers come from the quotes before them, so they are settled last, in the
    # text's order, once every rule has found its quotes (a pronoun after reported speech
    # found by the model refers to that speaker, not to one named further back).
    carried: dict[int, int] = {}  # id(quote) -> offset of its opening mark

    def resolve(start: int | None, end: int | None, head: int | None) -> tuple[int | None, str | None]:
        """Chain and head name of the speaker span (a pronoun is left to :func:`settle`)."""
        if start is None or end is None:
            return None, None
        # A nationality or place inside a speaker ("American strategists", "Iranian officials")
        # is not the speaker; it is only when it is the whole speaker ("Iran said").
        inside = [m for m in mentions if start <= m.start and m.end <= end and m.chain is not None
                  and (m.type not in ("NORP", "GPE", "LOC") or (m.start, m.end) == (start, end))]
        at_head = [m for m in inside if head is not None and m.start <= head < m.end]
        candidates = at_head or [m for m in inside if m.type == "PERSON"] or inside
        if candidates:
            # Not a possessor inside the speaker ("Tim Kaine, Hillary Clinton’s running mate").
            best = max(candidates, key=lambda m: (not _POSSESSIVE_AFTER.match(text, m.end), m.type == "PERSON",
                                                  m.kind == "name", m.end - m.start))
            return best.chain, best.head
        return None, None

    def settle(q: Quote, before: list[Quote], people: list[Mention], starts: list[int]) -> Quote:
        """``q`` with the speaker its place after other quotes or its pronoun gives it;
        ``people`` are the mentions of people a pronoun may stand for, sorted by their
        ``starts``."""
        if id(q) in carried:
            previous = next((x for x in reversed(before) if x.kind in ("direct", "partial", "indirect")
                             and x.speaker_chain is not None), None)
            if previous is None or carried[id(q)] - previous.end >= 600:
                return q
            return dataclasses.replace(q, speaker_chain=previous.speaker_chain, speaker_name=previous.speaker_name,
                                       rule=f"{q.rule}; speaker carried over from the previous quote")
        start, end = q.speaker_start, q.speaker_end
        if q.speaker_chain is not None or start is None or end is None:
            return q
        words = text[start:end].split()
        gender = PERSON_PRONOUNS.get(words[0].lower()) if len(words) == 1 else None
        if gender is None:
            return q
        # The previous quote's speaker, unless a person has been named since as the subject
        # of a main clause outside quotation marks ("Qasimova told … "…," she said.
        # Opposition leader Sebastian Oremund laid flowers. He said …").
        previous = next((x for x in reversed(before) if x.speaker_chain is not None and x.kind != "embedded"
                         and agrees(gender, x.speaker_chain, mentions)), None)
        since = max(previous.end, previous.speaker_end or 0, previous.cue_end or 0) if previous is not None else 0
        window = people[bisect.bisect_left(starts, since) : bisect.bisect_left(starts, start)]
        named = [m for m in window if m.end <= start and not any(x.start <= m.start < x.end for x in quotes)
                 and agrees(gender, m.chain, mentions)]  # type: ignore[arg-type]
        subjects = [m for m in named if _is_subject(doc, m)]
        if subjects or (named and previous is None):
            m = (subjects or named)[-1]
            chain, name, why = m.chain, m.head, "pronoun = last person named"
            evidence = (f"pronoun speaker = the person named since the previous quote, {m.head}" if previous is not None
                        else f"pronoun speaker = the last person named before it, {m.head}")
        elif previous is not None:
            chain, name, why = previous.speaker_chain, previous.speaker_name, "pronoun = previous speaker"
            evidence = f"pronoun speaker = the previous quote's speaker {previous.speaker_name}"
        else:
            return q
        mentions.append(Mention(start, end, text[start:end], "PERSON", "pronoun", chain, name, evidence))
        return dataclasses.replace(q, speaker_chain=chain, speaker_name=name, rule="; ".join(x for x in (q.rule, why) if x))

    def add(start: int, end: int, kind: str, att: _Attribution | None, rule: str) -> None:
        chain, head = resolve(att.speaker_start, att.speaker_end, att.speaker_head) if att else (None, None)
        speaker_text = text[att.speaker_start : att.speaker_end] if att and att.speaker_start is not None else None
        quotes.append(Quote(start, end, text[start:end], kind, att.cue if att else None, att.cue_start if att else None,
                            att.cue_end if att else None, speaker_text, att.speaker_start if att else None,
                            att.speaker_end if att else None, chain, head, "; ".join(x for x in (rule, att.rule if att else "") if x)))

    def chain_for(start: int, end: int, why: str) -> int:
        """The chain of the name at ``start:end`` that signs a post or a quotation: the
        chain of a mention NER already has around it, else a new one."""
        nonlocal next_chain
        existing = next((m for m in mentions if m.chain is not None and m.start <= start and end <= m.end), None)
        if existing is not None:
            return existing.chain  # type: ignore[return-value]
        ent = next((e for e in doc.ents if e.start_char <= start < e.end_char), None)
        etype = ent.label_ if ent is not None and ent.label_ in ("PERSON", "ORG") else "OTHER"
        chain, next_chain = next_chain, next_chain + 1
        mentions.append(Mention(start, end, text[start:end], etype, "name", chain, text[start:end], why))
        return chain

    # 1. Embedded posts, attributed to their authors.
    for embed in find_embeds(text):
        # NER may already have the author as a name; the post then joins that chain.
        chain = chain_for(embed.author_start, embed.author_end,
                          f"author of an embedded post signed “{embed.author} ({embed.handle}) {embed.date}”")
        quotes.append(Quote(embed.start, embed.end, text[embed.start:embed.end], "embedded", None, None, None,
                            f"{embed.author} ({embed.handle})", embed.author_start, embed.author_end, chain,
                            embed.author, "embedded post signature"))
        claimed.append((embed.paragraph_start, embed.paragraph_end))

    sentences = list(doc.sents)
    sentence_of = sentence_locator(sentences)

    # 1b. Paragraphs opened by a speaker's label and a colon (transcripts, "Name: …"
    #     headlines), where the label names a person of the article or an organisation it
    #     names again, is a person's surname, or is typed in capitals in a transcript (the
    #     labels are then its speakers' only evidence: "WALLACE: … PENCE: … WALLACE: …").
    #     Labels in capitals count only in a transcript.
    stretches = find_quoted(text)
    marked = [(q.open, (q.close + 1) if q.close is not None else q.end) for q in stretches]
    labelled = _labelled_paragraphs(text)
    label_uses = Counter(text[x.label_start : x.label_end] for x in labelled)
    # A transcript: some label in capitals opens two paragraphs or more; then every label
    # in capitals is one of its speakers (a guest may speak once).
    transcript = any(_turn_label(label) and n > 1 for label, n in label_uses.items())
    # An interview in questions and answers: "A:" is the interviewee's and "Q:" the
    # interviewer's, where the text before the questions names them.
    interview = {"Q", "A"} <= set(label_uses)
    interviewer, interviewee = (_interview_people(text, labelled, mentions, sentences, sentence_of) if interview
                                else (None, None))

    def label_speaker(x: _Labelled, label: str) -> tuple[int | None, str] | None:
        """``(chain, why)`` of the speaker a label names, None where it names none."""
        if label in ("Q", "A") and interview:
            who, role = (interviewee, "answer") if label == "A" else (interviewer, "question")
            if who is not None:
                asks = "the interviewee" if label == "A" else "the interviewer"
                return who.chain, f"an interview's {role}; {asks} named before the questions, {who.head}"
            return None, f"an interview's {role}"
        covering = [m for m in mentions if m.start <= x.label_start and x.label_end <= m.end]
        # A label in capitals outside a transcript may be a dateline ("WASHINGTON: …", which
        # NER may even take for the article's George Washington); a place never speaks.
        if any(m.type in ("GPE", "LOC") for m in covering) or (label.isupper() and not transcript):
            return None
        named = [m for m in covering if m.chain is not None
                 and (m.type == "PERSON" or (m.type == "ORG" and sum(o.chain == m.chain for o in mentions) > 1))]
        if named:
            return named[0].chain, "the label names"
        surname = [m for m in mentions if m.type == "PERSON" and m.kind == "name" and m.chain is not None
                   and (m.head or m.text).split()[-1].lower() == label.split()[-1].lower()]
        if surname:
            return surname[-1].chain, f"the label is the surname of {surname[-1].head}"
        if _turn_label(label) and transcript:
            return (chain_for(x.label_start, x.label_end, f"speaker's label of transcript paragraphs, “{label}:”"),
                    "a transcript's speaker label")
        return None

    for x in labelled:
        label = text[x.label_start : x.label_end]
        speaker = None if any(a <= x.label_start < b for a, b in claimed) else label_speaker(x, label)
        if speaker is None:
            continue
        chain, why = speaker
        start, end, kind, opening = x.start, x.end, "direct", None
        if not (label in ("Q", "A") and interview):
            # A quotation that is the label's whole sentence is what its speaker says
            # ("Steinbrück: „Dieser Bundeshaushalt …“. Er räumte jedoch ein, …"); a headline
            # gives the gist in its own words, and only its own sentence ("Clinton: As
            # Senator, “I Represented …” But Still Called For … Loophole. In remarks at …");
            # a transcript's paragraph or an interview's answer gives the speaker's words.
            first = sentences[sentence_of(x.start)]
            opening = next((q for q in stretches if q.open == x.start and q.close is not None
                            and not text[q.close + 1 : sentences[sentence_of(q.close)].end_char].strip(_CLOSING)), None)
            if opening is not None:
                start, end = opening.start, opening.end
            elif _headline(first):
                end, kind = min(end, first.end_char), "indirect"
                while end > x.start and text[end - 1] in ". \t\n\u00a0":
                    end -= 1
        name = next(m.head for m in mentions if m.chain == chain) if chain is not None else None
        quotes.append(Quote(start, end, text[start:end], kind, ":", x.label_end, x.label_end + 1, label,
                            x.label_start, x.label_end, chain, name, f"speaker's label before a colon ({why})"))
        claimed.append((x.paragraph_start, opening.close + 1 if opening is not None and opening.close is not None else end))

    # The model's attributions, each (content, cue, source): they fill in or widen the
    # rules' cue and speaker of a quoted stretch (step 2) and add reported speech (step 3).
    model_links = link_tagged(tagged or [], sentences)

    # 2. Quoted stretches.
    for q in stretches:
        if any(a <= q.open < b for a, b in claimed):
            continue
        first, last = sentence_of(q.open), sentence_of(max(q.open, (q.close or q.end) - 1))
        sent_start, sent_end = sentences[first].start_char, sentences[last].end_char
        span = (q.open, (q.close + 1) if q.close is not None else q.end)
        att = None
        for i in sorted({first, last}):
            att = att or _attribution_in(sentences[i], span, mentions, text, marked)
        att = _with_model(att, span, model_links, text)
        signed = _signature(text, q.open, q.close + 1) if att is None and q.close is not None else None
        if signed is not None:
            name = text[signed[0] : signed[1]]
            chain = chain_for(*signed, f"name signing a quotation: “…” ― {name}")
            quotes.append(Quote(q.start, q.end, text[q.start:q.end], "direct", None, None, None, name, signed[0], signed[1],
                                chain, next(m.head for m in mentions if m.chain == chain), "quotation marks; signed by a name"))
            claimed.append(span)
            continue
        whole = _is_whole(text, sent_start, sent_end, q.open, q.close, att)
        words = len(text[q.start : q.end].split())
        if not whole and words <= SCARE_MAX_WORDS and not _in_speech_complement(sentences[first], q.start, q.end, mentions):
            scare.append((q.start, q.end))
            continue
        rule = "quotation marks"
        if att is None and first > 0 and text[sentences[first - 1].start_char : sentences[first - 1].end_char].rstrip().endswith(":"):
            att = _attribution_in(sentences[first - 1], span, mentions, text, marked)
        if att is None and whole:
            quotes.append(Quote(q.start, q.end, text[q.start:q.end], "direct", rule=rule))
            carried[id(quotes[-1])] = q.open
            claimed.append(span)
            continue
        add(q.start, q.end, "direct" if whole else "partial", att, rule)
        if whole:
            claimed.append(span)
        else:
            partials.append(span)

    # 3. Reported speech the attribution model finds outside quotation marks (it is trained
    #    on PolNeAR's spans, so its boundaries win over the parse rules below).
    #    A reported clause may hold a partial quote ("he is making “a demand” of Obama"):
    #    the clause is reported speech of its own, the quoted words a fragment of it.
    #    Kept clear of what steps 1 and 2 claimed (the model's own contents never overlap).
    by_rules = list(claimed)
    # The cue of a quotation and the quotation's start: the cue's own object before the
    # quotation is not what was said ("X summed up the situation as follows: “…”").
    introduced = [(q.cue_start, q.cue_end, q.start) for q in quotes if q.cue_start is not None and q.cue_end is not None]
    for content, cue, source in model_links:
        if any(_overlap((a, b), (content.start, content.end)) > 0 for a, b in by_rules):
            continue
        if any(_overlap((cs, ce), (cue.start, cue.end)) > 0 and ce <= content.start and content.end <= qs
               for cs, ce, qs in introduced):
            continue
        inside = [(a, b) for a, b in partials if _overlap((a, b), (content.start, content.end)) > 0]
        if any(not (content.start <= a and b <= content.end) for a, b in inside):
            continue
        if inside and _words_beside(text, content.start, content.end, inside) < 1:
            continue
        speaker = (*_model_source(text, source.start, source.end), None) if source is not None else None
        start, cue_end = _preposition_to_cue(text, content.start, content.end, cue.end)
        att = _Attribution(text[cue.start : cue_end], cue.start, cue_end, speaker[0] if speaker else None,
                           speaker[1] if speaker else None, "", None)
        add(start, content.end, "indirect", att, "attribution model")
        claimed.append((content.start, content.end))
    # 4. Indirect speech the model missed: a reporting verb with a clause.
    for sent in sentences:
        for verb in _speech_verbs(sent, None):
            clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            cue_end_token = verb
            if clause is None:
                obj = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _CLAIM_NOUNS), None)
                if obj is not None:
                    clause = next((c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl")), None)
                    cue_end_token = obj
            if clause is None:
                continue
            start, end = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
            for d in clause.subtree:
                # "…, underlining that …" inside the clause is a report of its own.
                if d.dep_ == "advcl" and d.lemma_.lower() in SPEECH_VERBS and d.i > clause.i:
                    end = min(end, d.left_edge.idx)
            # The complementiser stays in the content ("that the legacy …"), as PolNeAR annotates it.
            while end > start and text[end - 1] in ".,;: ":
                end -= 1
            if end - start < 10 or any(a < end and start < b for a, b in claimed):
                continue
            # A partial quote inside the clause ("Obama said there is a danger when “a
            # president … get loose with this language”") leaves it reported speech of its
            # own, as in step 3; its closing mark, just past the parse's clause, joins it.
            inside = [(a, b) for a, b in partials if a < end and start < b]
            if any(a < start or text[end:b].strip(_CLOSING) for a, b in inside):
                continue
            end = max([end, *(b for _, b in inside)])
            if inside and _words_beside(text, start, end, inside) < 1:
                continue
            speaker = _speaker(verb, sent, mentions, (start, end), marked)
            if speaker is None:
                continue
            cs = verb.idx
            ce = max(_cue_span(verb)[1], cue_end_token.idx + len(cue_end_token))
            add(start, end, "indirect", _Attribution(text[cs:ce], cs, ce, speaker[0], speaker[1], "reporting verb with a clause", speaker[2]),
                "indirect speech")
            claimed.append((start, end))
    quotes.sort(key=lambda x: (x.start, x.end))
    people = sorted((m for m in mentions if m.type == "PERSON" and m.chain is not None and m.kind != "pronoun"),
                    key=lambda m: m.start)
    starts = [m.start for m in people]
    settled: list[Quote] = []
    for q in quotes:
        settled.append(settle(q, settled, people, starts))
    mentions.sort(key=lambda m: (m.start, m.end))
    return settled, scare, mentions


class QuoteFinder:
    """The quote stage: needs the parse and the mentions. With ``model=True`` the
    attribution tagger (``newsprism.models.attribution``) adds what the rules miss; where
    its weights are not installed the stage runs on the rules alone and logs it.
    ``precision="int8"`` runs the tagger quantized (faster, slightly less accurate); the
    stage's version then says so, as its output differs."""

    name = "quotes"

    def __init__(self, model: bool = True, precision: str = "fp32"):
        self.use_model = model
        self.precision = precision
        # int8.2: the tagger's weights quantized to 7 bits (no overflow without VNNI);
        # int8.3: each window tagged alone (int8's activation scale is one per batch)
        # 6: German articles get German cues, speakers and reported speech (quotes_de)
        # 9: transcript, interview and headline speaker labels, ''doubled'' quotation marks, no
        #    speaker sought across the quotation, a cue to the content it is nearest,
        #    "called for" / "accused of" as cues
        # 10: German: the subjunctive going on, "Nach Angaben", "wie X mitteilte" and more (quotes_de);
        #     a model source loses an apposition to the name before it and a time after a name;
        #     the tagger retrained (5 epochs), its sources taken where it is at least 0.65 sure,
        #     its cues without a preposition after the verb ("said [in] the meeting")
        # 11: the model's reported speech is not a cue's object before the quotation that cue
        #     introduces ("summed up [the situation] as follows: “…”")
        # 12: German: a cue in pieces ("teilte … mit", "hat … gesagt"), the German reading of a
        #     quotation's cue and speaker over the English parse's, quoted words inside a
        #     reported clause, subjects with a parenthesis, "und" or a relative clause, the
        #     plural present
        # 13: German: an account inside the clause ("… war laut Feuerwehr …", "nach Angaben X",
        #     "X zufolge", ", so X,"), its content in two pieces; genitives after an adjective
        #     and one after another ("Aussage einer Sprecherin der Stadt"); a subordinate clause
        #     that reports ("…, da sie befürchtete, …", "…, indem sie … aufforderte: „…“"); an
        #     apposition in a "wie" clause; a person's affiliation ("X vom Ministerium"); "heißt es";
        #     what a speaker called something ("bezeichnete … als „…“"), no scare quote
        self.version = "13" if precision == "fp32" else f"13+{precision}.3"
        self._tagger = None
        self._thread: ThreadPoolExecutor | None = None
        # the tagging begun by start(): the texts it tags, and its result
        self._pending: tuple[tuple[str, ...], Future[list[list[Any]]]] | None = None

    def __getstate__(self) -> dict[str, Any]:
        # a stage may be built, pickled to a worker and only then load its model
        return {**self.__dict__, "_tagger": None, "_thread": None, "_pending": None}

    def _load(self) -> bool:
        """Whether the tagger is there to use, loaded on first use."""
        if self.use_model and self._tagger is None:
            from ..errors import ModelNotFoundError
            from ..models.attribution import AttributionTagger

            try:
                self._tagger = AttributionTagger.load(precision=self.precision)
            except ModelNotFoundError as exc:
                logger.warning("quotes: rules only (%s)", exc)
                self.use_model = False
        return self.use_model

    def _tag(self, texts: list[str]) -> list[list]:  # type: ignore[type-arg]
        if not self._load():
            return [[] for _ in texts]
        return self._tagger.predict(texts)  # type: ignore[union-attr]

    def start(self, analyses: list[Analysis]) -> None:
        """Begin tagging ``analyses`` in a background thread; :meth:`pipe` of the same
        articles (after the stages before it) takes the result instead of tagging them
        again. The tagger needs the article's text alone, not the parse, so the parse and
        the tagger run on different cores at once."""
        self._settle()
        english = [a for a in analyses if not _german(a)]
        # loaded here, so that the models' imports never race spaCy's in the other thread
        if not english or not self._load():
            return
        if self._thread is None:
            self._thread = ThreadPoolExecutor(1, thread_name_prefix="newsprism-tagger")
        texts = [a.article.text for a in english]
        self._pending = (tuple(texts), self._thread.submit(self._tag, texts))

    def _settle(self) -> tuple[tuple[str, ...], Future[list[list[Any]]]] | None:
        """The tagging begun by :meth:`start`, no longer pending, once it has ended (never
        two taggings at once: they would share one session and the same cores)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending[1].exception()  # waits; an error is raised by result() where it is used
        return pending

    def _tagged(self, english: list[Analysis]) -> list[list[Any]]:
        texts = [a.article.text for a in english]
        pending = self._settle()
        if pending is not None and pending[0] == tuple(texts):
            return pending[1].result()
        return self._tag(texts)

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        analyses = list(analyses)
        # The tagger was trained on English: German articles get the German rules instead.
        english = [a for a in analyses if not _german(a)]
        tagged = dict(zip(map(id, english), self._tagged(english))) if english else {}
        for analysis in analyses:
            text = analysis.article.text
            quotes, scare, mentions = find_quotes(analysis.doc, text, list(analysis.mentions), tagged.get(id(analysis), []))
            if _german(analysis):
                quotes, scare = attribute_german(text, quotes, mentions, scare)
            yield analysis.with_stage(self.name, self.version, quotes=tuple(quotes), scare_quotes=tuple(scare), mentions=tuple(mentions))


def _german(analysis: Analysis) -> bool:
    return is_german(analysis.article.language)
