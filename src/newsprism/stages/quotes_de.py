"""German attribution: cue and speaker of German quotes, and German reported speech.

The quote stage's rules read an English parse and its attribution tagger was trained on
English; on a German article (``language == "de"``) they find the quotations by their
marks and little else. These rules read German word order instead, without a parse:

* ``„…“, sagte Merkel.`` / ``„…“, so der Sprecher.``: a cue verb after the quotation,
  its speaker after the verb (German puts the subject after the verb there);
* ``Merkel sagte: „…“`` / ``Am Montag sagte der Minister: „…“``: the speaker before the
  cue verb, or after it where an adverbial takes the first place of the sentence;
* reported speech without marks (``indirect``): ``Der Minister sagte, die Lage sei
  ernst.``, ``Die Lage sei ernst, sagte der Minister.``, ``…, so der Minister.`` and
  ``Laut dem Minister ist die Lage ernst.``

A speaker is the noun phrase next to the cue (an article, adjectives, nouns and names:
``der bayerische Ministerpräsident Markus Söder``, ``ein Sprecher der Polizei``), cut at
a preposition, an adverb or punctuation. It is resolved to the article's coreference
chain where a name mention lies inside it, a pronoun (``er``, ``sie``) to the previous
quote's speaker; otherwise its words are kept and its entity is None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Mention, Quote

__all__ = ["CUE_VERBS", "attribute_german", "german_speaker_after", "german_speaker_before"]

#: Finite forms of German reporting verbs (third person, present and past), and the
#: separable verbs' stems (``teilte … mit``, ``fügte … hinzu``).
CUE_VERBS = frozenset("""
sagte sagten sagt sagen erklärte erklärten erklärt betonte betonten betont meinte meinten meint
berichtete berichteten berichtet äußerte äußerten äußert kritisierte kritisierten kritisiert
warnte warnten warnt forderte forderten fordert bestätigte bestätigten bestätigt schrieb schrieben
schreibt verkündete verkündeten verkündet versicherte versicherten versichert bekräftigte
bekräftigten bekräftigt ergänzte ergänzten ergänzt unterstrich unterstrichen unterstreicht
behauptete behaupteten behauptet erläuterte erläuterten erläutert argumentierte argumentierten
mahnte mahnten mahnt antwortete antworteten antwortet fragte fragten fragt rief riefen erzählte
erzählten erzählt teilte teilten teilt fügte fügten fügt kündigte kündigten kündigt räumte
räumten räumt gab gaben gibt wies wiesen weist sprach sprachen spricht zitierte zitierten
beklagte beklagten beklagt bemängelte bemängelten lobte lobten lobt erinnerte erinnerten
verwies verwiesen verweist hob hoben hebt stellte stellten stellt
""".split())
#: Past participles of the same verbs, the cue of the perfect tense ("hat … gesagt").
CUE_PARTICIPLES = frozenset("""
gesagt erklärt betont gemeint berichtet geäußert kritisiert gewarnt gefordert bestätigt geschrieben verkündet
versichert bekräftigt ergänzt unterstrichen behauptet erläutert argumentiert gemahnt geantwortet gefragt gerufen
erzählt mitgeteilt hinzugefügt angekündigt eingeräumt angegeben bekanntgegeben zugegeben hingewiesen
zurückgewiesen hervorgehoben klargestellt festgestellt beklagt bemängelt gelobt erinnert verwiesen
""".split())
_AUXILIARIES = frozenset("hat haben hatte hatten habe hätte hätten".split())
#: Verbs that report speech only with their particle at the end of the clause.
_SEPARABLE = {stem: particles for stems, particles in (
    ("teilte teilten teilt", ("mit",)), ("fügte fügten fügt", ("hinzu",)), ("kündigte kündigten kündigt", ("an",)),
    ("räumte räumten räumt", ("ein",)), ("gab gaben gibt", ("an", "bekannt", "zu")), ("wies wiesen weist", ("hin", "zurück")),
    ("hob hoben hebt", ("hervor",)), ("stellte stellten stellt", ("klar", "fest")))
    for stem in stems.split()}
_DETERMINERS = frozenset("der die das den dem des ein eine einen einem einer eines sein seine seinem seiner "
                         "ihr ihre ihrem ihrer".split())
_PREPOSITIONS = frozenset("am im in an auf aus bei beim gegenüber nach vor vom zu zum zur mit über unter für gegen seit "
                          "während wegen um bis durch".split())
_ADVERBS = frozenset("heute gestern morgen weiter zudem auch dazu außerdem ebenfalls damals dann dort hier jetzt nun "
                     "später zuvor bereits schon erneut".split())
# Words that end a speaker after the verb: prepositions, adverbs, conjunctions, pronouns.
_STOPS = _PREPOSITIONS | _ADVERBS | frozenset("von laut ohne noch nochmals nicht und oder aber doch denn sowie als wie so "
                                              "dass ob es sich ihm ihr ihnen uns mir dies diese dieser".split())
_PRONOUNS = frozenset({"er", "sie"})  # resolved to the previous speaker alone ("sie" may be plural)
# What may open a German sentence before the verb without being its subject.
_ADVERBIAL_START = _PREPOSITIONS | _ADVERBS | frozenset("anschließend daraufhin dabei hierzu darüber dagegen deshalb daher "
                                                        "trotzdem allerdings jedoch".split())
# Sentence-initial words that open a clause, not a subject ("Wie …", "Als …", "Nachdem …").
_CLAUSE_START = frozenset("wie als nachdem da weil wenn dass ob obwohl es man dies damit sodass während".split())
_WORD = re.compile(r"(?:Dr|Prof|St|Hr|Fr|Abg|Gen|Sen)\.|[^\W\d_](?:[\w\-’']|\.(?=\w))*|\d(?:\w|\.(?=\w))*|[^\w\s]")
# A German sentence ends at . ! ? (and a closing mark) before a capital, but not after a
# number ("am 3. Oktober"), an initial or a common abbreviation.
_SENTENCE_END = re.compile(r"(?<=[.!?])[“”\"«»]?\s+(?=[A-ZÄÖÜ„\"»])")
_NO_END = re.compile(r"(?:\b\d+|\b[A-ZÄÖÜa-zäöü]|Dr|Prof|St|Nr|bzw|vgl|ca|z\.\s?B|u\.\s?a|Abs|Art)\.$")
_OPENERS = "„“\"»«‚‘'"
_CLOSERS = "“”\"«»‘’'"
_MAX_SPEAKER_WORDS = 8
_CLOSE_COMMA = re.compile(r"[.!?…]?\s*[" + _CLOSERS + r"]\s*,\s*")  # „…“, sagte …


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start() + start, m.end() + start, m.group()) for m in _WORD.finditer(text[start:end])]


def _is_name_word(w: str) -> bool:
    return w[:1].isupper() and w[:1].isalpha()


def _name_follows(words: Sequence[tuple[int, int, str]], i: int) -> bool:
    """A name at ``i``, or after a "der"/"den" there ("von der Leyen")."""
    if i < len(words) and words[i][2] in ("der", "den"):
        i += 1
    return i < len(words) and _is_name_word(words[i][2])


def german_speaker_after(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The speaker noun phrase that starts at ``start`` (just after a cue verb), or None:
    ``der Sprecher der Polizei am Montag`` gives ``der Sprecher der Polizei``."""
    words = _words(text, start, end)
    picked: list[tuple[int, int, str]] = []
    i = 0
    if words and words[0][2].lower() in _PRONOUNS:
        return words[0][0], words[0][1]
    determiner = bool(words) and words[0][2].lower() in _DETERMINERS
    if determiner:
        picked.append(words[0])
        i = 1
    nouns = 0
    while i < len(words) and len(picked) < _MAX_SPEAKER_WORDS:
        s, e, w = words[i]
        low = w.lower()
        if _is_name_word(w) and low not in _STOPS:
            picked.append(words[i])
            nouns += 1
        elif w == "-" or (w in ("von", "van", "de", "zu") and nouns and _name_follows(words, i + 1)):
            picked.append(words[i])  # "Ursula von der Leyen", "Karl-Theodor zu Guttenberg"
        elif w in ("der", "den") and picked and picked[-1][2] in ("von", "van", "de"):
            picked.append(words[i])
        elif low in ("der", "des") and determiner and nouns == 1 and i + 1 < len(words) and _is_name_word(words[i + 1][2]):
            picked.append(words[i])  # a genitive: "ein Sprecher der Polizei"
        elif (w[:1].islower() and low not in _STOPS and low not in _DETERMINERS and (determiner or picked)
              and nouns == 0 and i + 1 < len(words) and _is_name_word(words[i + 1][2])):
            picked.append(words[i])  # an adjective: "der bayerische Ministerpräsident"
        elif low in ("der", "die", "das") and not picked:
            picked.append(words[i])
            determiner = True
        else:
            break
        i += 1
    while picked and not _is_name_word(picked[-1][2]):
        picked.pop()
    if not any(_is_name_word(w) for _, _, w in picked):
        return None
    return picked[0][0], picked[-1][1]


def german_speaker_before(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The subject noun phrase ``text[start:end]`` before a cue verb, or None where that
    first place holds an adverbial (then the subject follows the verb) or is no noun
    phrase of a few words."""
    words = _words(text, start, end)
    if not words or len(words) > _MAX_SPEAKER_WORDS + 2:
        return None
    first = words[0][2]
    if first.lower() in _ADVERBIAL_START or first.lower() in _CLAUSE_START:
        return None
    if len(words) == 1 and first.lower() in _PRONOUNS:
        return words[0][0], words[0][1]
    if any(w in ".;:!?„“”\"»«" for _, _, w in words):
        return None
    commas = [k for k, (_, _, w) in enumerate(words) if w == ","]
    if commas and (len(commas) != 2 or commas[1] != len(words) - 1):
        return None  # only an apposition closed just before the verb: "Der Sprecher, Max Mustermann,"
    if commas:
        words = words[:-1]
    if not (_is_name_word(first) or first.lower() in _DETERMINERS):
        return None
    if not any(_is_name_word(w) for _, _, w in words[1:] if w.lower() not in _DETERMINERS) and not _is_name_word(first):
        return None
    if any(w.lower() in ("und", "oder", "dass", "wenn", "weil") for _, _, w in words):
        return None
    return words[0][0], words[-1][1]


def _cue_at(words: Sequence[tuple[int, int, str]]) -> list[int]:
    return [k for k, (_, _, w) in enumerate(words) if w in CUE_VERBS or w in CUE_PARTICIPLES]


def _particle_ok(words: Sequence[tuple[int, int, str]], k: int, upto: int) -> bool:
    """A separable verb reports speech only with its particle before ``upto`` (a comma,
    a colon or the sentence's end): "teilte … mit", not "teilte das Land"."""
    particles = _SEPARABLE.get(words[k][2])
    if particles is None:
        return True
    return any(w in particles for s, _, w in words[k + 1 :] if s < upto)


class _Resolver:
    def __init__(self, mentions: Sequence[Mention]):
        self.mentions = [m for m in mentions if m.chain is not None and m.kind != "pronoun"]
        self.people = {m.chain for m in self.mentions if m.type == "PERSON"}

    def __call__(self, text: str, start: int, end: int, previous: Sequence[Quote]) -> tuple[int | None, str | None, str]:
        inside = [m for m in self.mentions if start <= m.start and m.end <= end and m.text.lower() not in _DETERMINERS]
        named = [m for m in inside if m.type in ("PERSON", "ORG", "NORP", "GPE")]
        if named:
            best = max(named, key=lambda m: (m.type == "PERSON", m.kind == "name", m.end - m.start))
            return best.chain, best.head, "the name in the speaker"
        if text[start:end].lower() in _PRONOUNS:
            for q in reversed(previous):
                if q.speaker_chain is not None and q.kind != "embedded" and q.end <= start:
                    if q.speaker_chain not in self.people:
                        break  # "er"/"sie" after a ministry or a police force: no evidence who
                    return q.speaker_chain, q.speaker_name, "pronoun = previous speaker"
        return None, None, ""


def attribute_german(text: str, quotes: Sequence[Quote], mentions: Sequence[Mention]) -> list[Quote]:
    """``quotes`` with German cues and speakers added where they had none, and German
    reported speech added where no quote lies; in text order."""
    resolve = _Resolver(mentions)
    out: list[Quote] = sorted(quotes, key=lambda q: (q.start, q.end))
    spans = german_sentences(text)

    def attributed(q: Quote, cue: tuple[int, int], speaker: tuple[int, int], rule: str) -> Quote:
        done = [x for x in out if x.end <= q.start and x.speaker_start is not None]
        chain, name, how = resolve(text, speaker[0], speaker[1], done)
        return Quote(q.start, q.end, q.text, q.kind, text[cue[0]:cue[1]], cue[0], cue[1], text[speaker[0]:speaker[1]],
                     speaker[0], speaker[1], chain, name, f"{q.rule}; German: {rule}" + (f" ({how})" if how else ""))

    # 1. Quotations (found by their marks) without a speaker.
    for n, q in enumerate(out):
        if q.kind not in ("direct", "partial") or q.speaker_start is not None:
            continue
        sent = next(((a, b) for a, b in spans if a <= q.start < b), (0, len(text)))
        found = _after_quote(text, q, sent) or _before_quote(text, q, sent, spans)
        if found:
            out[n] = attributed(q, found[0], found[1], found[2])
            continue
        # „…“, sagte X, „…“: the quotation goes on after its cue and speaker
        prev = out[n - 1] if n else None
        if (prev is not None and prev.speaker_end is not None and prev.cue_start is not None
                and prev.end <= prev.cue_start and prev.speaker_end <= q.start and sent[0] <= prev.start
                and re.fullmatch(r"\s*,\s*[" + _OPENERS + r"]?\s*", text[prev.speaker_end : q.start])):
            out[n] = Quote(q.start, q.end, q.text, q.kind, prev.cue, prev.cue_start, prev.cue_end, prev.speaker_text,
                           prev.speaker_start, prev.speaker_end, prev.speaker_chain, prev.speaker_name,
                           f"{q.rule}; German: the quotation goes on after its cue and speaker")
    # 2. Reported speech in the sentences no quote touches.
    for a, b in spans:
        if any(q.start < b and a < q.end for q in out):
            continue
        found = _reported(text, a, b)
        if found:
            (cs, ce), (ss, se), (qs, qe), rule = found
            q = Quote(qs, qe, text[qs:qe], "indirect", rule="German reported speech")
            out.append(attributed(q, (cs, ce), (ss, se), rule))
            out.sort(key=lambda x: (x.start, x.end))
    return out


def german_sentences(text: str) -> list[tuple[int, int]]:
    """The text's sentences by German punctuation: a line, cut where . ! ? (with a closing
    mark) comes before a capital, but not after a number ("am 3. Oktober"), an initial or
    a common abbreviation. (The segmenter's English model cuts "am 3. | Oktober".)"""
    out = []
    for line in re.finditer(r"[^\n]+", text):
        start, end = line.start(), line.end()
        for m in _SENTENCE_END.finditer(text, start, end):
            if text[m.start() - 1] in "!?" or _NO_END.search(text, max(start, m.start() - 8), m.start()) is None:
                out.append((start, m.start()))
                start = m.end()
        out.append((start, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _after_quote(text: str, q: Quote, sent: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int], str] | None:
    """``„…“, sagte X`` / ``„…“, so X``."""
    end = max(sent[1], q.end)
    m = _CLOSE_COMMA.match(text, q.end)
    if not m:
        return None
    words = _words(text, m.end(), min(len(text), end + 1))
    if not words:
        return None
    cue_word = words[0][2]
    if cue_word not in CUE_VERBS and cue_word != "so":
        return None
    stop = next((s for s, _, w in words[1:] if w in ".;:!?"), end)
    if cue_word != "so" and not _particle_ok(words, 0, stop):
        return None
    speaker = german_speaker_after(text, words[0][1], stop)
    if speaker is None:
        return None
    return (words[0][0], words[0][1]), speaker, "cue and speaker after the quotation"


def _before_quote(text: str, q: Quote, sent: tuple[int, int],
                  spans: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], tuple[int, int], str] | None:
    """``X sagte: „…“`` / ``Am Montag sagte X: „…“``, in the quote's sentence or the one
    before it ending in a colon."""
    open_ = q.start
    while open_ > 0 and (text[open_ - 1] in _OPENERS or text[open_ - 1].isspace()):
        open_ -= 1
    if open_ == 0 or text[open_ - 1] != ":":
        return None
    colon = open_ - 1
    start = sent[0] if sent[0] < colon else next((a for a, b in spans if a < colon <= b), 0)
    # the clause before the colon: after the last full stop or quotation before it
    lead = max([start, *(i + 1 for i in (text.rfind(c, start, colon) for c in ".!?“”\"»«") if i >= 0)])
    words = _words(text, lead, colon)
    for k in _cue_at(words):
        if not _particle_ok(words, k, colon):
            continue
        verb = _finite(words, k)
        if verb is None:
            continue
        before = german_speaker_before(text, words[0][0], words[verb - 1][1]) if verb else None
        if before:
            return (words[k][0], words[k][1]), before, "speaker and cue before the quotation"
        after = german_speaker_after(text, words[verb][1], colon)
        if after:
            return (words[k][0], words[k][1]), after, "cue and speaker before the quotation"
    return None


def _finite(words: Sequence[tuple[int, int, str]], k: int) -> int | None:
    """The finite verb of the cue at ``k``: the cue itself, or the auxiliary before its
    participle ("hat … gesagt"); None for a participle without one."""
    if words[k][2] not in CUE_PARTICIPLES:
        return k
    return next((j for j in range(k) if words[j][2] in _AUXILIARIES), None)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in ".!?;: \n":
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _reported(text: str, a: int, b: int) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int], str] | None:
    """Reported speech in the sentence ``text[a:b]``: (cue, speaker, content, rule)."""
    words = _words(text, a, b)
    if len(words) < 6:
        return None
    # "Laut dem Minister ist die Lage ernst."
    if words[0][2] in ("Laut", "laut"):
        speaker = german_speaker_after(text, words[0][1], b)
        if speaker:
            content = _trim(text, speaker[1], b)
            if len(_words(text, *content)) >= 4:
                return (words[0][0], words[0][1]), speaker, content, "laut X"
    # "Nach Angaben der Polizei wurden drei Menschen verletzt." / "Dem Bericht zufolge …"
    if [w for _, _, w in words[:2]] in (["Nach", "Angaben"], ["Nach", "Aussage"], ["Nach", "Informationen"]):
        at = 3 if words[2][2] == "von" else 2
        speaker = german_speaker_after(text, words[at - 1][1] if at == 3 else words[1][1], b)
        if speaker:
            content = _trim(text, speaker[1], b)
            if len(_words(text, *content)) >= 4:
                return (words[0][0], words[1][1]), speaker, content, "nach Angaben von X"
    zufolge = next((k for k, (_, _, w) in enumerate(words[:_MAX_SPEAKER_WORDS + 2]) if w == "zufolge"), None)
    if zufolge:
        lead = 1 if words[0][2] in ("Angaben", "Informationen", "Aussagen", "Berichten") else 0
        lead += lead and words[lead][2] == "von"
        speaker = german_speaker_after(text, words[lead][0], words[zufolge][0]) if lead < zufolge else None
        content = _trim(text, words[zufolge][1], b)
        if speaker and speaker[1] <= words[zufolge][0] and len(_words(text, *content)) >= 4:
            return (words[zufolge][0], words[zufolge][1]), speaker, content, "X zufolge"
    # "Wie der Minister sagte, ist die Lage ernst."
    if words[0][2] == "Wie":
        comma = next((j for j, (_, _, w) in enumerate(words) if w == ","), None)
        cues = [k for k in _cue_at(words) if comma is not None and k < comma and _particle_ok(words, k, words[comma][0])]
        if cues and comma + 4 < len(words):
            speaker = german_speaker_after(text, words[0][1], words[cues[0]][0])
            if speaker:
                return (words[cues[0]][0], words[cues[0]][1]), speaker, _trim(text, words[comma][1], b), "wie X sagte"
        return None
    for k in _cue_at(words) + [k for k, (_, _, w) in enumerate(words) if w == "so"]:
        cue = (words[k][0], words[k][1])
        comma_before = k > 0 and words[k - 1][2] == ","
        # "Die Lage sei ernst, sagte der Minister." / "…, so der Minister."
        if comma_before and k >= 5:
            stop = next((s for s, _, w in words[k + 1 :] if w in ".;:!?,"), b)
            if words[k][2] != "so" and not _particle_ok(words, k, stop):
                continue
            speaker = german_speaker_after(text, words[k][1], stop)
            if speaker and len(_words(text, speaker[1], b)) <= 6:  # "am Montag", "mit", "."
                content = _trim(text, a, words[k - 1][0])
                return cue, speaker, content, "cue and speaker after the reported clause"
            # else perhaps an apposition before the verb: "Der Sprecher, Max Mustermann, sagte, …"
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
        if speaker is None and words[0][2].lower() in _ADVERBIAL_START:
            speaker = german_speaker_after(text, words[verb][1], words[comma][0])
        if speaker is None:
            continue
        content = _trim(text, words[comma][1], b)
        return cue, speaker, content, "speaker and cue before the reported clause"
    return None
