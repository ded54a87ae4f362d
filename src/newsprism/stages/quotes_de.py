"""German attribution: cue and speaker of German quotes, and German reported speech.

The quote stage's rules read an English parse and its attribution tagger was trained on
English; on a German article (``language == "de"``) they find the quotations by their
marks and little else. These rules read German word order instead, without a parse:

* ``„…“, sagte Merkel.`` / ``„…“, so der Sprecher.``: a cue verb after the quotation,
  its speaker after the verb (German puts the subject after the verb there);
* ``Merkel sagte: „…“`` / ``Am Montag sagte der Minister: „…“``: the speaker before the
  cue verb, or after it where an adverbial takes the first place of the sentence;
* reported speech without marks (``indirect``): ``Der Minister sagte, die Lage sei
  ernst.``, ``Die Lage sei ernst, sagte der Minister.``, ``…, so der Minister.``,
  ``Laut dem Minister ist die Lage ernst.``, ``Nach Angaben der Polizei …``, ``Wie
  das Ministerium mitteilte, …``, ``…, hatte der Minister gesagt.``, ``… . Das meldet
  die Zeitung.``;
* an account inside the clause (``Die Polizisten waren Berichten zufolge bewaffnet.``,
  ``… wurden nach Angaben des Ministeriums verletzt``, ``Es sei möglich, so X, dass …``):
  the content is the words on either side, in two pieces
  (:attr:`~newsprism.model.Quote.content_parts`);
* a subordinate clause ending in its cue verb reports the clause after it (``…, da sie
  befürchtete, man wolle …``, ``…, von dem die Polizei glaubt, er sei …``);
* ``heißt es`` / ``hieß es``, the document it says so in the speaker (``…, heißt es in
  einer Mitteilung der Polizei.``, ``In der Erklärung heißt es, …``); without one, a cue
  and no speaker;
* what a speaker called something (``Er bezeichnete das Schreiben als „Unsensibilität“``):
  his partial quote, no longer a scare quote;
* what goes on reporting the quote before: each sentence after it whose verb is in the
  subjunctive (``Man werde die Hilfen verlängern.``), and a quotation standing alone;
* words quoted inside a reported clause are that clause's speaker's, with its cue.

A cue is kept in the pieces the German Wikinews set marks (``teilte … mit``, ``hat …
gesagt``: :attr:`~newsprism.model.Quote.cue_parts`). A name in quotation marks
(``„Shenzhou 6“``) is no quote.

The words, word lists and the speaker's noun phrase are read by :mod:`.german`. A
speaker is resolved to the article's coreference chain where a name mention lies inside
it, a pronoun (``er``, ``sie``) to the speaker of the quote just before it, settled in
the text's order once every quote is found; otherwise its words are kept and its entity
is None.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ..model import Mention, Quote
from .german import (ACCOUNT_NOUNS, ADVERBIAL_START, AUXILIARIES, CLOSERS, CUE_PARTICIPLES, CUE_VERBS, DETERMINERS,
                     MAX_SPEAKER_WORDS, OPENERS, PASSIVE, PRONOUNS, RELATIVE_PRONOUNS, SEPARABLE, SUBJUNCTIVE,
                     SUBORDINATE, SUBORDINATE_OPENERS, german_sentences,
                     german_speaker_after, german_speaker_before, is_name_word, words_of)

__all__ = ["attribute_german"]

_CLOSE_COMMA = re.compile(r"[.!?…]?\s*[" + CLOSERS + r"]\s*,\s*")  # „…“, sagte …


def _cue_at(words: Sequence[tuple[int, int, str]]) -> list[int]:
    return [k for k, (_, _, w) in enumerate(words) if w in CUE_VERBS or w in CUE_PARTICIPLES]


def _particle_at(words: Sequence[tuple[int, int, str]], k: int, upto: int) -> int | None:
    """Where the particle of the separable verb ``words[k]`` stands before ``upto``: the
    last one, at the clause's end ("wies daraufhin die Vorwürfe zurück")."""
    particles = SEPARABLE.get(words[k][2], ())
    return max((j for j in range(k + 1, len(words)) if words[j][0] < upto and words[j][2] in particles), default=None)


def _particle_ok(words: Sequence[tuple[int, int, str]], k: int, upto: int) -> bool:
    """A separable verb reports speech only with its particle before ``upto`` (a comma,
    a colon or the sentence's end): "teilte … mit", not "teilte das Land"."""
    return words[k][2] not in SEPARABLE or _particle_at(words, k, upto) is not None


Cue = tuple[tuple[int, int], ...]
_PREPOSITIONS_BEFORE_RELATIVE = frozenset("von über nach zu mit".split())
#: Conjunctions of adverbial clauses (reason, time) whose subject may report what follows:
#: "…, da sie befürchtete, man wolle …".
_ADVERBIAL_CLAUSE = frozenset("da weil obwohl nachdem während wobei indem".split())
#: Lower-case words a reported clause opens with ("dass …", "man wolle …", "er sei …", "die
#: Lage sei …"); after a fronted subordinate clause the main clause opens with its verb.
_REPORTED_CLAUSE_OPENERS = frozenset("dass ob man es er sie wir ich ihr".split()) | DETERMINERS
#: Words "laut" follows as an adverb: verbs of sound ("sangen laut Lieder", "riefen laut
#: Parolen") and "sehr".
_LOUDLY = frozenset("""sang sangen singt singen schrie schrien schreit schreien rief riefen ruft rufen lachte lachten lacht
lachen brüllte brüllten brüllt jubelte jubelten jubelt klatschte klatschten klatscht sprach sprachen spricht dachte
dachten denkt sehr""".split())
#: The verb of "heißt es" / "hieß es".
_SAYS = ("heißt", "hieß")
#: What reports a sentence: its cue, its speaker (None for "…, heißt es."), its content (in
#: pieces) and the rule that found them.
Found = tuple[Cue, tuple[int, int] | None, tuple[tuple[int, int], ...], str]


def _one_phrase(text: str, words: Sequence[tuple[int, int, str]], i: int, j: int) -> bool:
    """Whether ``words[i..j]`` are one noun phrase as it is read after a preposition (an
    apposition "Generaldirektor des IWF", "Berichten der Sender Sky News und BBC")."""
    return i <= j and german_speaker_after(text, words[i][0], words[j][1], after_preposition=True) == (
        words[i][0], words[j][1])


def _it_says(text: str, words: Sequence[tuple[int, int, str]], k: int,
             end: int) -> tuple[Cue, tuple[int, int] | None] | None:
    """"heißt es" / "hieß es" at ``words[k]``, and where it says so after it ("heißt es in
    einer Mitteilung der Polizei": the set's speaker is the document), read up to ``end``:
    (cue, speaker or None); None where ``words[k]`` is no such cue."""
    if words[k][2] not in _SAYS or k + 1 >= len(words) or words[k + 1][2] != "es":
        return None
    cue = ((words[k][0], words[k + 1][1]),)
    j = k + 2
    while j < len(words) and words[j][2] in ("dort", "dazu", "darin", "weiter", "ferner", "auch", "zudem", "wörtlich"):
        j += 1
    if j < len(words) and words[j][2] in ("in", "im", "aus", "von"):
        stop = next((s for s, _, w in words[j + 1 :] if w in ".;:!?,"), end)
        return cue, german_speaker_after(text, words[j][1], stop, after_preposition=True)
    return cue, None


def _pieces(text: str, words: Sequence[tuple[int, int, str]], k: int, upto: int, finite: int | None = None) -> Cue:
    """The cue of the reporting verb ``words[k]`` as the German Wikinews set marks it: its
    words, the auxiliary ``finite`` of a participle ("hat … gesagt") and a separable verb's
    particle before ``upto`` ("teilte … mit") among them, "mit den Worten" before
    "zitiert" and "darauf" after "verwies"; words next to each other are one piece ("fuhr
    fort"), others apart."""
    at = {k} | ({finite} if finite is not None else set())
    particle = _particle_at(words, k, upto) if words[k][2] in SEPARABLE else None
    if particle is not None:
        at.add(particle)
    if words[k][2] == "zitiert" and k >= 3 and [w for _, _, w in words[k - 3 : k]] == ["mit", "den", "Worten"]:
        at |= {k - 3, k - 2, k - 1}
    if words[k][2].startswith("verw") and k + 1 < len(words) and words[k + 1][2] == "darauf":
        at.add(k + 1)  # "verwies darauf, dass …"
    pieces: list[tuple[int, int]] = []
    for j in sorted(at):
        start, end = words[j][0], words[j][1]
        if pieces and not text[pieces[-1][1] : start].strip():
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
    return tuple(pieces)


def _speaker_after_cue(text: str, words: Sequence[tuple[int, int, str]], k: int, end: int,
                       stops: str) -> tuple[int, int] | None:
    """The speaker after the cue ``words[k]`` ("sagte der Minister", "so der Sprecher"),
    read up to the next of ``stops`` (else ``end``); None where there is none, or where a
    separable verb has no particle there ("teilte die Stadt" without "mit")."""
    stop = next((s for s, _, w in words[k + 1 :] if w in stops), end)
    if words[k][2] != "so" and not _particle_ok(words, k, stop):
        return None
    return german_speaker_after(text, words[k][1], stop)


class _Resolver:
    def __init__(self, mentions: Sequence[Mention]):
        self.mentions = [m for m in mentions if m.chain is not None and m.kind != "pronoun"]
        self.people = {m.chain for m in self.mentions if m.type == "PERSON"}

    def __call__(self, text: str, start: int, end: int, previous: Sequence[Quote]) -> tuple[int | None, str | None, str]:
        if re.search(r"\s(?:und|sowie)\s", text[start:end]):
            return None, None, ""  # several speakers ("Sonia und Willy Bogner"): no one entity said it
        # (the English NER reading German text can take the verb after a name into it: "John Kline sagte")
        inside = [m for m in self.mentions if start <= m.start < end and m.text.lower() not in DETERMINERS
                  and (m.end <= end or text[end : m.end].strip() in CUE_VERBS)]
        named = [m for m in inside if m.type in ("PERSON", "ORG", "NORP", "GPE")]
        if named:
            best = max(named, key=lambda m: (m.type == "PERSON", m.kind == "name", m.end - m.start))
            return best.chain, best.head, "the name in the speaker"
        if text[start:end].lower() in PRONOUNS:
            for q in reversed(previous):
                if q.kind != "embedded" and q.end <= start:
                    if q.speaker_chain not in self.people:
                        break  # "er"/"sie" after a ministry, a police force or a speaker of no entity: no evidence who
                    return q.speaker_chain, q.speaker_name, "pronoun = previous speaker"
        return None, None, ""


def attribute_german(text: str, quotes: Sequence[Quote], mentions: Sequence[Mention],
                     scare: Sequence[tuple[int, int]] = ()) -> tuple[list[Quote], list[tuple[int, int]]]:
    """``quotes`` with German cues and speakers added where they had none, and German
    reported speech added where no quote lies, in text order; and what is left of the
    ``scare`` quotes once the words a speaker called something ("Er bezeichnete das
    Schreiben als „Unsensibilität“") are that speaker's partial quotes."""
    resolve = _Resolver(mentions)
    out: list[Quote] = sorted(quotes, key=lambda q: (q.start, q.end))
    spans = german_sentences(text)
    left: list[tuple[int, int]] = []

    def attributed(q: Quote, cue: Cue, speaker: tuple[int, int] | None, rule: str) -> Quote:
        # (no speaker: "…, heißt es." is a cue and nobody named; a pronoun waits for step 3)
        chain, name, how = resolve(text, speaker[0], speaker[1], ()) if speaker else (None, None, "")
        start, end = speaker or (None, None)
        return Quote(q.start, q.end, q.text, q.kind, " … ".join(text[a:b] for a, b in cue), cue[0][0], cue[0][1],
                     text[start:end] if speaker else None, start, end, chain, name,
                     f"{q.rule}; German: {rule}" + (f" ({how})" if how else ""), cue if len(cue) > 1 else (),
                     q.content_parts)

    # 0. Words in quotation marks that name what a speaker called something are no scare quotes.
    for start, end in scare:
        q = Quote(start, end, text[start:end], "partial", rule="quotation marks")
        found = _called(text, q, _sentence_at(spans, start, len(text)))
        if found is None:
            left.append((start, end))
        else:
            out.append(attributed(q, found[0], found[1], found[2]))
    out.sort(key=lambda x: (x.start, x.end))
    # 1. Quotations (found by their marks): the German reading of their cue and speaker,
    #    over what the English parse made of them ("teilten daraufhin mit:" is "teilten"
    #    to it), else what that gave.
    for n, q in enumerate(out):
        if q.kind not in ("direct", "partial"):
            continue
        sent = _sentence_at(spans, q.start, len(text))
        found = _after_quote(text, q, sent) or _before_quote(text, q, sent, spans)
        if found:
            # (the evidence is the German reading alone: what found the marks, then it)
            found_by = dataclasses.replace(q, rule=q.rule.split("; ")[0]) if q.speaker_start is not None else q
            out[n] = attributed(found_by, found[0], found[1], found[2])
            continue
        if q.speaker_start is not None:
            continue
        # „…“, sagte X, „…“: the quotation goes on after its cue and speaker
        prev = out[n - 1] if n else None
        if (prev is not None and prev.speaker_end is not None and prev.cue_start is not None
                and prev.end <= prev.cue_start and prev.speaker_end <= q.start and sent[0] <= prev.start
                and re.fullmatch(r"\s*,\s*[" + OPENERS + r"]?\s*", text[prev.speaker_end : q.start])):
            out[n] = Quote(q.start, q.end, q.text, q.kind, prev.cue, prev.cue_start, prev.cue_end, prev.speaker_text,
                           prev.speaker_start, prev.speaker_end, prev.speaker_chain, prev.speaker_name,
                           f"{q.rule}; German: the quotation goes on after its cue and speaker", prev.cue_parts)
    # 2. Reported speech in the sentences no quote touches, or only quoted words of no
    #    speaker that the reported clause holds ("Der Staatsanwalt sagte, der Sohn habe sich
    #    „bewusst und gewollt stranguliert“."): those are the same speaker's, with the same cue.
    for n, (a, b) in enumerate(spans):
        touching = [q for q in out if q.start < b and a < q.end]
        if any(q.kind != "partial" or q.speaker_start is not None for q in touching):
            continue
        found = _reported(text, a, b) or _account_inside(text, a, b) or _reported_from_a_subordinate_clause(text, a, b)
        if found is None and n and not touching and not any(q.start < spans[n - 1][1] and spans[n - 1][0] < q.end
                                                            for q in out):
            found = _that_reported(text, spans[n - 1], (a, b))
        if found and all(any(s <= q.start and q.end <= e for s, e in found[2]) for q in touching):
            cue, speaker, pieces, rule = found
            qs, qe = pieces[0][0], pieces[-1][1]
            q = Quote(qs, qe, " … ".join(text[s:e] for s, e in pieces), "indirect", rule="German reported speech",
                      content_parts=pieces if len(pieces) > 1 else ())
            out.append(attributed(q, cue, speaker, rule))
            for held in touching:
                out[out.index(held)] = attributed(held, cue, speaker, f"{rule}, quoted inside the reported clause")
            out.sort(key=lambda x: (x.start, x.end))
    # 3. Pronoun speakers, in the text's order, now that every quote before them is known.
    for n, q in enumerate(out):
        if (q.speaker_start is not None and q.speaker_end is not None and q.speaker_chain is None
                and text[q.speaker_start : q.speaker_end].lower() in PRONOUNS):
            chain, name, how = resolve(text, q.speaker_start, q.speaker_end,
                                       [x for x in out[:n] if x.speaker_start is not None])
            if chain is not None:
                out[n] = dataclasses.replace(q, speaker_chain=chain, speaker_name=name, rule=f"{q.rule} ({how})")
    # 4. What goes on reporting the quote before: the subjunctive, a quotation on its own.
    out = _goes_on(text, out, spans)
    # 5. A name in quotation marks is nobody's words: „Higashi Nihon Jutaku Hyoka Center“,
    #    „Shenzhou 6“ (German sets names of ships, firms and works in them).
    return [q for q in out if not _quoted_name(q)], left


def _sentence_at(spans: Sequence[tuple[int, int]], at: int, length: int) -> tuple[int, int]:
    """The sentence of ``spans`` that holds the offset ``at``, else the whole text."""
    return next(((a, b) for a, b in spans if a <= at < b), (0, length))


def _quoted_name(q: Quote) -> bool:
    """A quotation with no speaker whose words are all capitalised or numbers, not ending
    a sentence: a name set in quotation marks."""
    if q.kind not in ("direct", "partial") or q.speaker_start is not None or q.text.rstrip()[-1:] in ".!?":
        return False
    words = [w for _, _, w in words_of(q.text, 0, len(q.text)) if w[:1].isalnum()]
    return bool(words) and all(is_name_word(w) or w[:1].isdigit() for w in words)


def _goes_on(text: str, quotes: list[Quote], spans: Sequence[tuple[int, int]]) -> list[Quote]:
    """``quotes`` with what goes on reporting the quote before (one that ends in the
    sentence just before, with a speaker) given that quote's speaker (its words, span and
    entity):

    * each sentence no quote touches whose verb is in the subjunctive
      (:data:`~.german.SUBJUNCTIVE`), the mood German gives what someone said: "Der Minister
      sagte, die Lage sei ernst. Man *werde* die Hilfen verlängern." There is no cue
      word; the mood is the cue;
    * a quotation with no speaker that is a sentence of its own: "X sagte, der Vorfall
      sei kein Unfall gewesen. „Das war direktes Feuer.“"""
    out = list(quotes)
    previous: Quote | None = None  # the last quote ending in the sentence before
    for a, b in spans:
        touching = [q for q in out if q.start < b and a < q.end]
        carry = previous if previous is not None and previous.speaker_start is not None and previous.kind != "embedded" \
            else None
        if touching:
            alone = touching[0] if len(touching) == 1 else None
            if (carry is not None and alone is not None and alone.speaker_start is None and alone.kind in ("direct", "partial")
                    and not text[a : alone.start].strip(OPENERS + " \n") and not text[alone.end : b].strip(CLOSERS + ".!? \n")):
                alone = dataclasses.replace(
                    alone, kind="direct", speaker_text=carry.speaker_text, speaker_start=carry.speaker_start,
                    speaker_end=carry.speaker_end, speaker_chain=carry.speaker_chain,
                    speaker_name=carry.speaker_name, rule=f"{alone.rule}; German: the speaker of the quote before")
                out[out.index(touching[0])] = alone
                touching = [alone]
            previous = max(touching, key=lambda q: q.end)
            continue
        words = words_of(text, a, b)
        # (not a sentence with a reporting verb of its own: it reports someone else, found or not)
        if (carry is not None and len(words) >= 4 and any(w in SUBJUNCTIVE for _, _, w in words)
                and not _cue_at(words) and not any(w in SUBORDINATE for _, _, w in words)):
            qs, qe = _trim(text, a, b)
            previous = Quote(qs, qe, text[qs:qe], "indirect", None, None, None, carry.speaker_text,
                             carry.speaker_start, carry.speaker_end, carry.speaker_chain, carry.speaker_name,
                             "German reported speech: the subjunctive goes on from the quote before")
            out.append(previous)
        else:
            previous = None
    return sorted(out, key=lambda x: (x.start, x.end))


def _after_quote(text: str, q: Quote, sent: tuple[int, int]) -> tuple[Cue, tuple[int, int] | None, str] | None:
    """``„…“, sagte X`` / ``„…“, so X`` / ``„…“, heißt es in X``."""
    end = max(sent[1], q.end)
    m = _CLOSE_COMMA.match(text, q.end)
    if not m:
        return None
    words = words_of(text, m.end(), min(len(text), end + 1))
    if not words:
        return None
    says = _it_says(text, words, 0, end)
    if says is not None:  # "„…“, heißt es in der Mitteilung."
        return says[0], says[1], "'heißt es' after the quotation"
    if words[0][2] not in CUE_VERBS and words[0][2] != "so":
        return None
    speaker = _speaker_after_cue(text, words, 0, end, ".;:!?")
    if speaker is None:
        return None
    stop = next((s for s, _, w in words[1:] if w in ".;:!?"), end)
    return _pieces(text, words, 0, stop), speaker, "cue and speaker after the quotation"


def _said_in(text: str, words: Sequence[tuple[int, int, str]], end: int) -> tuple[Cue, tuple[int, int] | None] | None:
    """"In einer Mitteilung der Polizei heißt es" / "Dort hieß es" / "Es heißt" opening the
    clause ``words``, ended at ``end``: (cue, speaker or None)."""
    if len(words) >= 2 and [w for _, _, w in words[:2]] in (["Es", "heißt"], ["Es", "hieß"]) and (
            len(words) == 2 or words[2][1] >= end or words[2][2] in ",:"):
        return ((words[0][0], words[1][1]),), None
    k = next((j for j in range(min(len(words), MAX_SPEAKER_WORDS + 4)) if words[j][2] in _SAYS), None)
    says = _it_says(text, words, k, end) if k is not None else None
    if says is None:
        return None
    cue, after = says
    # nothing but where it says so after "heißt es" ("So heißt es in dem Schreiben wörtlich:")
    rest = [w for s, _, w in words[k + 2 :] if s >= (after[1] if after else words[k + 1][1])]
    if any(w not in ("wörtlich", "weiter", ",", ":") for w in rest):
        return None
    if k >= 2 and words[0][2] in ("In", "Im", "Aus") and after is None:
        speaker = german_speaker_after(text, words[0][1], words[k][0], after_preposition=True)
        return (cue, speaker) if speaker is not None and speaker[1] == words[k - 1][1] else None
    return (cue, after) if k == 1 and words[0][2] in ("Dort", "Darin", "Weiter", "Dazu", "So") else None


#: "X bezeichnete Y als „…“", "X nannte Y „…“": the quoted words are what X called it.
_CALLED = frozenset("bezeichnete bezeichneten bezeichnet nannte nannten nennt".split())


def _called(text: str, q: Quote, sent: tuple[int, int]) -> tuple[Cue, tuple[int, int], str] | None:
    """``Er bezeichnete das Schreiben als „Unsensibilität“`` / ``Die Firma nannte die
    Berichte „reine Spekulation“``: the quoted words are the subject's name for something,
    the verb (with "als" just before the quotation) the cue."""
    words = words_of(text, sent[0], q.start)
    while words and words[-1][2] in OPENERS:
        words.pop()
    k = next((j for j in range(len(words) - 1, 0, -1) if words[j][2] in _CALLED), None)
    if k is None or any(w in ".;:!?„“\"" for _, _, w in words[k + 1 :]):
        return None
    speaker = german_speaker_before(text, words[0][0], words[k - 1][1])
    if speaker is None and words[0][2].lower() in ADVERBIAL_START:
        speaker = german_speaker_after(text, words[k][1], q.start)  # "Daraufhin nannte die Firma die Berichte „…“"
    if speaker is None:
        return None
    cue = ((words[k][0], words[k][1]),)
    if words[-1][2] == "als" and words[k][2].startswith("bezeichne"):
        cue += ((words[-1][0], words[-1][1]),)
    return cue, speaker, "what the speaker called it"


def _before_quote(text: str, q: Quote, sent: tuple[int, int],
                  spans: Sequence[tuple[int, int]]) -> tuple[Cue, tuple[int, int] | None, str] | None:
    """``X sagte: „…“`` / ``Am Montag sagte X: „…“``, in the quote's sentence or the one
    before it ending in a colon."""
    open_ = q.start
    while open_ > 0 and (text[open_ - 1] in OPENERS or text[open_ - 1].isspace()):
        open_ -= 1
    if open_ == 0 or text[open_ - 1] != ":":
        return None
    colon = open_ - 1
    start = sent[0] if sent[0] < colon else next((a for a, b in spans if a < colon <= b), 0)
    # the clause before the colon: after the last full stop or quotation before it
    lead = max([start, *(i + 1 for i in (text.rfind(c, start, colon) for c in ".!?“”\"»«") if i >= 0)])
    words = words_of(text, lead, colon)
    said = _said_in(text, words, colon)
    if said is not None:
        return said[0], said[1], "'In X heißt es' before the quotation"
    for k in _cue_at(words):
        if not _particle_ok(words, k, colon):
            continue
        verb = _finite(words, k)
        if verb is None:
            continue
        cue = _pieces(text, words, k, colon, verb)
        before = german_speaker_before(text, words[0][0], words[verb - 1][1]) if verb else None
        if before:
            return cue, before, "speaker and cue before the quotation"
        after = german_speaker_after(text, words[verb][1], colon)
        if after:
            return cue, after, "cue and speaker before the quotation"
    # "…, indem sie den Aufsichtsrat zum Handeln aufforderte: „…“"
    speaker = _subordinate_subject(text, words, len(words) - 1) if len(words) > 3 else None
    if speaker is not None:
        return ((words[-1][0], words[-1][1]),), speaker, "a subordinate clause's cue and subject before the quotation"
    return None


def _finite(words: Sequence[tuple[int, int, str]], k: int) -> int | None:
    """The finite verb of the cue at ``k``: the cue itself, or the auxiliary before its
    participle ("hat … gesagt"); None for a participle without one or in the passive."""
    if words[k][2] not in CUE_PARTICIPLES:
        return k
    if k + 1 < len(words) and words[k + 1][2] in ("worden", "werden"):
        return None  # the passive ("als über … berichtet worden war"): its subject is not who spoke
    auxiliaries = PASSIVE.get(words[k][2], AUXILIARIES)
    return next((j for j in range(k) if words[j][2] in auxiliaries), None)


def _trim(text: str, start: int, end: int, commas: str = "") -> tuple[int, int]:
    """``start:end`` without the space around it and the stops at its end; with ``commas``
    (","), without commas at either end too."""
    while end > start and (text[end - 1] in ".!?;:" + commas or text[end - 1].isspace()):
        end -= 1
    while start < end and (text[start].isspace() or text[start] in commas):
        start += 1
    return start, end


def _as_clause(text: str, words: Sequence[tuple[int, int, str]], wie: int,
               end: int) -> tuple[Cue, tuple[int, int]] | None:
    """(cue, speaker) of the clause ``words[wie:end]`` opened by "wie" and ended by its
    verb, as German subordinate clauses are: "wie der Minister sagte", "wie das
    Ministerium mitteilte" / "bekannt gab", "wie aus Regierungskreisen verlautete"."""
    if end - wie < 3:
        return None
    verb = end - 1
    word = words[verb][2]
    cue_start = verb
    if word in SEPARABLE:
        if words[verb - 1][2] not in SEPARABLE[word]:
            return None
        cue_start = verb - 1  # "bekannt gab"
    elif word in AUXILIARIES and words[verb - 1][2] in CUE_PARTICIPLES and words[verb - 1][2] not in PASSIVE:
        cue_start = verb - 1  # "wie er gesagt hatte"
    elif word not in CUE_VERBS and word not in SUBORDINATE:
        return None
    first = wie + 1 + (words[wie + 1][2] == "aus")  # "wie aus Regierungskreisen verlautete"
    speaker = german_speaker_after(text, words[first][0], words[cue_start][0])
    if speaker is not None:
        # "wie der Direktor des Amtes, Smith Dharmmasaroj, mitteilte": the apposition is the speaker's
        rest = [j for j in range(first, cue_start) if words[j][0] >= speaker[1]]
        if (len(rest) >= 3 and words[rest[0]][2] == "," and words[cue_start - 1][2] == ","
                and _one_phrase(text, words, rest[0] + 1, cue_start - 2)):
            speaker = (speaker[0], words[cue_start - 2][1])
    if speaker is None or sum(1 for s, _, _ in words[first:cue_start] if s >= speaker[1]) > 3:
        return None  # more between the speaker and the verb than "heute", "am Montag"
    return ((words[cue_start][0], words[verb][1]),), speaker


def _that_reported(text: str, before: tuple[int, int], sent: tuple[int, int]) -> Found | None:
    """"… . Das meldet die Zeitung Haaretz." / "Dies teilte die Polizei mit.": the
    sentence ``before`` is what the speaker of ``sent`` said."""
    words = words_of(text, *sent)
    if len(words) < 3 or words[0][2] not in ("Das", "Dies") or words[1][2] not in CUE_VERBS:
        return None
    speaker = _speaker_after_cue(text, words, 1, sent[1], ".;:!?,")
    content = _trim(text, *before)
    if speaker is None or len(words_of(text, *content)) < 4:
        return None
    return _pieces(text, words, 1, sent[1]), speaker, (content,), "the sentence before, reported by 'Das sagte X'"


def _after_insertion(text: str, start: int, end: int) -> int:
    """Where the clause after a speaker's noun phrase ending at ``start`` begins: after an
    insertion between commas ("Nach Angaben von Kristján Loftsson, einem Manager der
    Firma, wurde …", "Nach Angaben der Zeitung, die sich auf … stützt, kommt …"), or at
    ``start``."""
    if not text[start:end].lstrip().startswith(","):
        return start
    first = text.index(",", start)
    close = text.find(",", first + 1, end)
    if close < 0 or len(words_of(text, first + 1, close)) > 25:
        return start
    return close + 1


def _is_account(text: str, start: int, end: int) -> bool:
    """Whether the noun phrase ``text[start:end]`` is an account (:data:`ACCOUNT_NOUNS`):
    its first noun tells."""
    head = next((w for _, _, w in words_of(text, start, end) if is_name_word(w) and w.lower() not in DETERMINERS), "")
    return head.lower().endswith(ACCOUNT_NOUNS)


def _speaker_ending(text: str, words: Sequence[tuple[int, int, str]], k: int) -> tuple[int, int] | None:
    """The noun phrase that ends just before ``words[k]`` ("zufolge"), opening with an
    article or a noun after the clause's other words ("Die Polizisten waren Berichten
    zufolge …": "Berichten"), the longest there is; or None."""
    for j in range(max(1, k - MAX_SPEAKER_WORDS), k):
        w = words[j][2]
        if words[j - 1][2] in ("und", "oder", "sowie", "-"):
            continue  # "Sky News und BBC": the phrase starts further back
        if (w.lower() in DETERMINERS or (is_name_word(w) and words[j - 1][2].lower() not in DETERMINERS)) and \
                _one_phrase(text, words, j, k - 1):
            return words[j][0], words[k - 1][1]
    return None


def _account_inside(text: str, a: int, b: int) -> Found | None:
    """An account inside the sentence ``text[a:b]``, the content the words around it, in two
    pieces as the German Wikinews set marks it: "Weitere 30 Menschen wurden nach Angaben des
    Ministeriums bei der Massenpanik verletzt.", "Die Polizisten waren Berichten zufolge mit
    Knüppeln bewaffnet.", "Es sei möglich, so Rodrigo Rato, Generaldirektor des IWF, dass …".
    At the sentence's end ("Drei Menschen starben bei dem Brand nach Angaben der Polizei.")
    the content is the one piece before it."""
    words = words_of(text, a, b)
    if len(words) < 5:
        return None
    for k in range(1, len(words) - 1):
        w = words[k][2]
        if w in ("laut", "nach"):
            if w == "laut" and words[k - 1][2].lower() in _LOUDLY:
                continue  # "sangen laut Lieder": the adverb, not "according to"
            speaker = german_speaker_after(text, words[k][1], b, after_preposition=True)
            if speaker is None or (w == "nach" and not _is_account(text, *speaker)):
                continue
            before, after, rule = words[k][0], _after_insertion(text, speaker[1], b), f"{w} X inside the clause"
        elif w == "zufolge" and k >= 2:
            speaker = _speaker_ending(text, words, k)
            if speaker is None:
                continue
            before, after, rule = speaker[0], words[k][1], "X zufolge inside the clause"
        elif w == "so" and words[k - 1][2] == "," and k >= 3:
            # "…, so Rodrigo Rato, Generaldirektor des IWF, dass …": the apposition is the speaker's
            close = next((j for j in range(k + 1, min(len(words), k + MAX_SPEAKER_WORDS + 2)) if words[j][2] in ",.;:"),
                         None)
            speaker = german_speaker_after(text, words[k][1], words[close][0]) if close is not None else None
            if speaker is None or speaker[1] != words[close - 1][1] or words[close][2] != ",":
                continue
            apposition = next((j for j in range(close + 1, min(len(words), close + MAX_SPEAKER_WORDS + 2))
                               if words[j][2] in ",.;:"), None)
            if apposition is not None and words[apposition][2] == "," and _one_phrase(
                    text, words, close + 1, apposition - 1):
                speaker, close = (speaker[0], words[apposition - 1][1]), apposition
            before, after, rule = words[k - 1][0], words[close][1], "so X inside the clause"
        else:
            continue
        comma = next((j for j in range(k - 1, -1, -1) if words[j][2] == ","), None)
        if comma is not None and comma + 1 < k and words[comma + 1][2].lower() in SUBORDINATE_OPENERS:
            continue  # "Ein Skandal, der nach bisherigen Erkenntnissen 30 Hotels betrifft, …": a clause inside
        first, rest = _trim(text, a, before, ","), _trim(text, after, b, ",")
        pieces = (first, rest) if words_of(text, *rest) else (first,)
        if words_of(text, *first) and sum(len(words_of(text, *p)) for p in pieces) >= 4:
            return ((words[k][0], words[k][1]),), speaker, pieces, rule
    return None


def _subordinate_subject(text: str, words: Sequence[tuple[int, int, str]], k: int) -> tuple[int, int] | None:
    """The subject of the subordinate clause that the cue verb ``words[k]`` ends ("…, da sie
    befürchtete", "…, von dem die Polizei glaubt", "…, indem sie den Rat aufforderte"): the
    noun phrase just after its conjunction (or its preposition and relative pronoun); None
    where ``words[k]`` ends no such clause."""
    if words[k][2] not in CUE_VERBS and words[k][2] not in SUBORDINATE:
        return None
    comma = next((j for j in range(k - 1, 0, -1) if words[j][2] == ","), None)
    if comma is None or comma + 2 >= k:
        return None
    first = comma + 1
    opener = words[first][2].lower()
    if opener in _PREPOSITIONS_BEFORE_RELATIVE and words[first + 1][2].lower() in RELATIVE_PRONOUNS:
        first += 2  # "von dem die Polizei glaubt"
    elif opener in _ADVERBIAL_CLAUSE:
        first += 1  # "da sie befürchtete"
    else:
        return None
    speaker = german_speaker_after(text, words[first][0], words[k][0]) if first < k else None
    if speaker is None or (speaker[1] != words[k - 1][1] and words[first][2].lower() not in PRONOUNS):
        return None  # the subject ends at the verb, or is a pronoun ("indem sie den Rat aufforderte")
    return speaker


def _reported_from_a_subordinate_clause(text: str, a: int, b: int) -> Found | None:
    """"…, da sie befürchtete, man wolle ihr die Kinder wegnehmen." / "…, von dem die Polizei
    glaubt, er sei rekrutiert worden.": a subordinate clause ending in its cue verb, its
    subject the noun phrase after the conjunction (or the preposition and relative pronoun),
    reports the clause after it, to the sentence's end."""
    words = words_of(text, a, b)
    for k in range(3, len(words) - 3):
        if words[k + 1][2] != ",":
            continue
        opens = words[k + 2][2]
        if opens[:1].islower() and opens not in _REPORTED_CLAUSE_OPENERS:
            continue  # "Nur, weil er die Polizei warnte, wurde …": the main clause, its verb first
        speaker = _subordinate_subject(text, words, k)
        content = _trim(text, words[k + 1][1], b)
        if speaker is not None and len(words_of(text, *content)) >= 4:
            return ((words[k][0], words[k][1]),), speaker, (content,), "a subordinate clause's cue and subject"
    return None


def _reported(text: str, a: int, b: int) -> Found | None:
    """Reported speech in the sentence ``text[a:b]``: (cue, speaker, content, rule)."""
    words = words_of(text, a, b)
    if len(words) < 6:
        return None
    # "Laut dem Minister ist die Lage ernst." / "Nach Angaben der Polizei wurden drei
    # Menschen verletzt." / "Dem Bericht zufolge …": the preposition is the cue and the
    # noun phrase the source, as the German Wikinews set marks them ("Angaben der
    # Polizei"); the speaker's entity is the name inside it. "Nach" only before whose
    # account it is ("Nach dem Spiel …" is a time).
    if words[0][2] in ("Laut", "laut", "Nach"):
        speaker = german_speaker_after(text, words[0][1], b, after_preposition=True)
        if speaker and (words[0][2] != "Nach" or _is_account(text, *speaker)):
            content = _trim(text, _after_insertion(text, speaker[1], b), b)
            if len(words_of(text, *content)) >= 4:
                return ((words[0][0], words[0][1]),), speaker, (content,), "nach Angaben von X" if words[0][2] == "Nach" \
                    else "laut X"
    zufolge = next((k for k, (_, _, w) in enumerate(words[:MAX_SPEAKER_WORDS + 2]) if w == "zufolge"), None)
    if zufolge:
        speaker = german_speaker_after(text, words[0][0], words[zufolge][0], after_preposition=True)
        content = _trim(text, words[zufolge][1], b)
        if speaker and speaker[1] <= words[zufolge][0] and len(words_of(text, *content)) >= 4:
            return ((words[zufolge][0], words[zufolge][1]),), speaker, (content,), "X zufolge"
    # "In einer Mitteilung heißt es, die Lage sei ernst." / "Die Lage sei ernst, heißt es in der Mitteilung."
    comma = next((j for j, (_, _, w) in enumerate(words[: MAX_SPEAKER_WORDS + 6]) if w == ","), None)
    said = _said_in(text, words[:comma], words[comma][0]) if comma is not None and comma + 4 < len(words) else None
    if said is not None:
        return said[0], said[1], (_trim(text, words[comma][1], b),), "'In X heißt es' before the reported clause"
    for k in range(4, len(words) - 1):
        if words[k - 1][2] == ",":
            says = _it_says(text, words, k, b)
            if says is not None and len(words_of(text, says[1][1] if says[1] else words[k + 1][1], b)) <= 6:
                return says[0], says[1], (_trim(text, a, words[k - 1][0]),), "'heißt es' after the reported clause"
    # "Wie es in der Mitteilung heißt, ist die Lage ernst."
    if words[0][2] == "Wie" and words[1][2] == "es":
        k = next((j for j in range(2, min(len(words) - 1, MAX_SPEAKER_WORDS + 6)) if words[j][2] in _SAYS),
                 None)
        if k is not None and words[k + 1][2] == ",":
            speaker = (german_speaker_after(text, words[2][1], words[k][0], after_preposition=True)
                       if words[2][2] in ("in", "im", "aus") else None)
            cue = ((words[0][0], words[1][1]),) + ((words[k][0], words[k][1]),) if k > 2 else ((words[0][0], words[k][1]),)
            return (cue, speaker,
                    (_trim(text, words[k + 1][1], b),), "wie es heißt")
    # "Wie der Minister sagte, ist die Lage ernst." / "Wie das Ministerium bekannt gab, …"
    if words[0][2] == "Wie":
        # the clause ends at the comma after its verb ("Wie der Leiter des Amtes, Peter Krause, mitteilte, …")
        for comma in [j for j, (_, _, w) in enumerate(words) if w == ","][:3]:
            found = _as_clause(text, words, 0, comma) if comma + 4 < len(words) else None
            if found:
                return found[0], found[1], (_trim(text, words[comma][1], b),), "wie X sagte"
        return None
    for k in _cue_at(words) + [k for k, (_, _, w) in enumerate(words) if w == "so"]:
        comma_before = k > 0 and words[k - 1][2] == ","
        # "Die Lage sei ernst, sagte der Minister." / "…, so der Minister."
        if comma_before and k >= 5:
            speaker = _speaker_after_cue(text, words, k, b, ".;:!?,")
            if speaker and len(words_of(text, speaker[1], b)) <= 6:  # "am Montag", "mit", "."
                content = _trim(text, a, words[k - 1][0])
                return _pieces(text, words, k, b), speaker, (content,), "cue and speaker after the reported clause"
            # else perhaps an apposition before the verb: "Der Sprecher, Max Mustermann, sagte, …"
        # "Die Lage sei ernst, hatte der Minister am Montag gesagt."
        if words[k][2] in CUE_PARTICIPLES and words[k][2] not in PASSIVE and k + 1 >= len(words) - (words[-1][2] in ".!?"):
            aux = next((j for j in range(k - 2, 4, -1) if words[j][2] in AUXILIARIES and words[j - 1][2] == ","), None)
            speaker = german_speaker_after(text, words[aux][1], words[k][0]) if aux is not None else None
            if speaker is not None:
                return (_pieces(text, words, k, b, aux), speaker, (_trim(text, a, words[aux - 1][0]),),
                        "cue and speaker after the reported clause")
        if words[k][2] == "so" or k == 0:
            continue
        # "Der Minister sagte, die Lage sei ernst." / "Am Montag sagte der Minister, …"
        comma = next((j for j in range(k + 1, min(len(words), k + 12)) if words[j][2] == ","), None)
        if comma is None or comma + 4 >= len(words) or any(w in ".;:!?„“\"" for _, _, w in words[k + 1 : comma]):
            continue
        if not _particle_ok(words, k, words[comma][0]):
            continue
        verb = _finite(words, k)
        if not verb:
            continue
        speaker = german_speaker_before(text, words[0][0], words[verb - 1][1])
        if speaker is None and words[0][2].lower() in ADVERBIAL_START:
            speaker = german_speaker_after(text, words[verb][1], words[comma][0])
        if speaker is None:
            continue
        if any(w in ("von", "über") for s, _, w in words[k + 1 : comma] if s >= speaker[1]):
            continue  # "sprach die Polizei von weniger Auseinandersetzungen, …": what it spoke of, then another clause
        content = _trim(text, words[comma][1], b)
        return _pieces(text, words, k, words[comma][0], verb), speaker, (content,), "speaker and cue before the reported clause"
    # "Die Lage ist ernst, wie der Minister mitteilte." (where no cue above reports the sentence)
    wie = next((j for j in range(len(words) - 2, 4, -1) if words[j][2] == "wie" and words[j - 1][2] == ","), None)
    if wie is not None:
        end = len(words) - 1 if words[-1][2] in ".!?" else len(words)
        found = _as_clause(text, words, wie, end)
        if found:
            return found[0], found[1], (_trim(text, a, words[wie - 1][0]),), "wie X sagte"
    return None
