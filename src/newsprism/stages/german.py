"""German words and noun phrases, read without a parse: reporting verbs and the other
word lists German attribution needs (stages/quotes_de.py), sentences, and the speaker's
noun phrase before or after a cue verb. newsprism's parser is English; these read German
word order from the words alone.

A speaker is the noun phrase next to the cue (an article, adjectives, nouns and names:
``der bayerische Ministerpräsident Markus Söder``, ``ein Sprecher der Polizei``), cut at
a preposition, an adverb or punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["ACCOUNT_NOUNS", "ADVERBIAL_START", "AUXILIARIES", "CLOSERS", "CUE_PARTICIPLES", "CUE_VERBS", "DETERMINERS",
           "MAX_SPEAKER_WORDS", "OPENERS", "PASSIVE", "PRONOUNS", "RELATIVE_PRONOUNS", "SEPARABLE", "SUBJUNCTIVE",
           "SUBORDINATE", "SUBORDINATE_OPENERS", "german_sentences", "german_speaker_after", "german_speaker_before",
           "is_german", "is_name_word", "words_of"]

#: Finite forms of German reporting verbs (third person, present and past; the plural
#: present, "Experten schätzen", on the last lines), and the separable verbs' stems
#: (``teilte … mit``, ``fügte … hinzu``). The plural present is also the infinitive ("will
#: erklären"): a subject then ends in the modal verb, which no noun phrase does.
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
verwies verwiesen verweist hob hoben hebt stellte stellten stellt fuhr fuhren fährt
entgegnete entgegneten entgegnet erwiderte erwiderten erwidert widersprach widersprachen widerspricht
bestritt bestritten bestreitet dementierte dementierten dementiert verlangte verlangten verlangt
appellierte appellierten appelliert kommentierte kommentierten kommentiert beteuerte beteuerten beteuert
bezweifelte bezweifelten bezweifelt vermutete vermuteten vermutet befürchtete befürchteten befürchtet
hoffte hofften hofft glaubte glaubten glaubt fürchtete fürchteten fürchtet schätzte schätzten schätzt meldete meldeten meldet
bemerkte bemerkten bemerkt klagte klagten klagt monierte monierten moniert bedauerte bedauerten bedauert
schilderte schilderten schildert versprach versprachen verspricht verriet verrieten verrät
prognostizierte prognostizierten prognostiziert resümierte resümierten resümiert
spekulierte spekulierten spekuliert
erklären betonen meinen berichten äußern kritisieren warnen fordern bestätigen schreiben verkünden versichern
bekräftigen ergänzen unterstreichen behaupten erläutern argumentieren mahnen antworten fragen rufen erzählen
teilen fügen kündigen räumen geben weisen sprechen zitieren beklagen bemängeln loben erinnern verweisen heben
stellen entgegnen erwidern widersprechen bestreiten dementieren verlangen appellieren kommentieren beteuern
bezweifeln vermuten befürchten fürchten hoffen glauben schätzen melden bemerken klagen monieren bedauern schildern
versprechen verraten prognostizieren resümieren spekulieren
""".split())
#: Past participles of the same verbs, the cue of the perfect tense ("hat … gesagt").
CUE_PARTICIPLES = frozenset("""
gesagt erklärt betont gemeint berichtet geäußert kritisiert gewarnt gefordert bestätigt geschrieben verkündet
versichert bekräftigt ergänzt unterstrichen behauptet erläutert argumentiert gemahnt geantwortet gefragt gerufen
erzählt mitgeteilt hinzugefügt angekündigt eingeräumt angegeben bekanntgegeben zugegeben hingewiesen
zurückgewiesen hervorgehoben klargestellt festgestellt beklagt bemängelt gelobt erinnert verwiesen
entgegnet erwidert widersprochen bestritten dementiert verlangt appelliert kommentiert beteuert bezweifelt vermutet
befürchtet gefürchtet gehofft geglaubt geschätzt gemeldet bemerkt geklagt moniert bedauert geschildert versprochen verraten
prognostiziert resümiert zitiert
""".split())
#: Head nouns (or their ends: "Polizeiangaben", "Medienberichten") of "Nach Angaben der
#: Polizei …", "Nach einem Bericht der Zeitung …", "Nach ersten Untersuchungen …": an
#: account of what someone said or found, not a time or place.
ACCOUNT_NOUNS = tuple("""
angaben angabe aussage aussagen informationen ansicht ansichten auffassung einschätzung einschätzungen meinung
darstellung worten bericht berichten berichte schätzung schätzungen überzeugung erkenntnissen erkenntnis
mitteilung untersuchungen untersuchung ermittlungen hochrechnung umfrage studie prognose statistik zählung
""".split())
#: Third-person forms of the present subjunctive (Konjunktiv I), the mood of German
#: reported speech, and on the last line the Konjunktiv II and "sollen" that stand in for
#: it ("Die Täter sollen geflohen sein", "Sie würden sich verständigen"): a sentence in
#: them after a quote goes on reporting that quote's speaker ("Merkel sagte, die Lage sei
#: ernst. Man *werde* die Hilfen verlängern."). Written in lower case only: "Habe" opening
#: a sentence is the noun. A closed list of common verbs, none of them also an
#: adjective's form ("reiche", "große" are left out).
SUBJUNCTIVE = frozenset("""
sei seien habe werde könne müsse solle wolle dürfe möge wisse gebe liege stehe gehe komme bleibe brauche fehle
gelte lasse sehe trage handle handele plane zeige finde halte nehme erwarte führe bestehe befinde betrage verfüge
treffe hänge erhalte entspreche drohe rechne gehöre genüge laufe fahre kenne stimme helfe koste zahle diene steige
sinke wachse falle folge beginne lohne schade setze stelle lege bringe denke glaube hoffe fürchte kämpfe biete
suche verstehe unterstütze lehne arbeite
soll sollen würde würden hätte hätten wäre wären müssten sollten könnten dürften bliebe gäbe läge
""".split())
AUXILIARIES = frozenset("hat haben hatte hatten habe hätte hätten".split())
#: "X wird mit den Worten zitiert: „…“": the passive of the one cue whose object is the
#: speaker ("hat … zitiert" is someone else quoting).
PASSIVE = {"zitiert": frozenset({"wird", "wurde"})}
#: Separable reporting verbs as one word, at the end of a subordinate clause ("wie die
#: Polizei mitteilte").
SUBORDINATE = frozenset("""
mitteilte mitteilten mitteilt hinzufügte hinzufügten ankündigte ankündigten ankündigt einräumte einräumten
angab angaben bekanntgab bekanntgaben zugab hinwies hinwiesen zurückwies hervorhob klarstellte feststellte
verlautete verlautet aufforderte aufforderten auffordert
""".split())
#: Verbs that report speech only with their particle at the end of the clause.
SEPARABLE = {stem: particles for stems, particles in (
    ("teilte teilten teilt", ("mit",)), ("fügte fügten fügt", ("hinzu",)), ("kündigte kündigten kündigt", ("an",)),
    ("räumte räumten räumt", ("ein",)), ("gab gaben gibt", ("an", "bekannt", "zu")),
    ("wies wiesen weist", ("hin", "zurück", "daraufhin")),  # "wies daraufhin, dass": "darauf hin" as often misspelt
    ("hob hoben hebt", ("hervor",)), ("stellte stellten stellt", ("klar", "fest")), ("fuhr fuhren fährt", ("fort",)),
    # the plural present: "Die Länder teilen die Kosten" reports nothing
    ("teilen", ("mit",)), ("fügen", ("hinzu",)), ("kündigen", ("an",)), ("räumen", ("ein",)),
    ("geben", ("an", "bekannt", "zu")), ("weisen", ("hin", "zurück")), ("heben", ("hervor",)), ("stellen", ("klar", "fest")))
    for stem in stems.split()}
DETERMINERS = frozenset("der die das den dem des ein eine einen einem einer eines sein seine seinem seiner "
                         "ihr ihre ihrem ihrer".split())
_PREPOSITIONS = frozenset("am im in an auf aus bei beim gegenüber nach vor vom zu zum zur mit über unter für gegen seit "
                          "während wegen um bis durch".split())
_ADVERBS = frozenset("heute gestern morgen weiter zudem auch dazu außerdem ebenfalls damals dann dort hier jetzt nun "
                     "später zuvor bereits schon erneut".split())
# Words that end a speaker after the verb: prepositions, adverbs, conjunctions, pronouns.
_STOPS = _PREPOSITIONS | _ADVERBS | frozenset("von laut ohne noch nochmals nicht und oder aber doch denn sowie als wie so "
                                              "dass ob es sich ihm ihr ihnen uns mir dies diese dieser".split())
PRONOUNS = frozenset({"er", "sie"})  # resolved to the previous speaker alone ("sie" may be plural)
# What may open a German sentence before the verb without being its subject.
ADVERBIAL_START = _PREPOSITIONS | _ADVERBS | frozenset("anschließend daraufhin dabei hierzu darüber dagegen deshalb daher "
                                                        "trotzdem allerdings jedoch insgesamt so demnach somit ebenso "
                                                        "gleichzeitig inzwischen mittlerweile offenbar offensichtlich "
                                                        "angeblich bislang bisher zunächst schließlich letztlich "
                                                        "hingegen indes ferner überdies".split())
# Relative pronouns: a clause between commas after a noun that opens with one describes it.
RELATIVE_PRONOUNS = frozenset("der die das den dem deren dessen denen welcher welche welches welchen welchem".split())
# Sentence-initial words that open a clause, not a subject ("Wie …", "Als …", "Nachdem …").
_CLAUSE_START = frozenset("wie als nachdem da weil wenn dass ob obwohl es man dies damit sodass während".split())
#: Words that open a subordinate clause after a comma: the relative pronouns and the
#: conjunctions ("…, der nach Angaben der Polizei …", "…, weil …").
SUBORDINATE_OPENERS = RELATIVE_PRONOUNS | frozenset("dass weil da wenn ob obwohl nachdem während als wie sodass damit "
                                            "weswegen weshalb wobei womit woraufhin".split())
_WORD = re.compile(r"(?:Dr|Prof|St|Hr|Fr|Abg|Gen|Sen)\.|[^\W\d_](?:[\w\-’']|\.(?=\w))*|\d(?:\w|\.(?=\w))*|[^\w\s]")
# A German sentence ends at . ! ? (and a closing mark) before a capital, but not after a
# number ("am 3. Oktober"), an initial or a common abbreviation.
_SENTENCE_END = re.compile(r"(?<=[.!?])[“”\"«»]?\s+(?=[A-ZÄÖÜ„\"»])")
_NO_END = re.compile(r"(?:\b\d+|\b[A-ZÄÖÜa-zäöü]|Dr|Prof|St|Nr|bzw|vgl|ca|z\.\s?B|u\.\s?a|Abs|Art)\.$")
OPENERS = "„“\"»«‚‘'"
CLOSERS = "“”\"«»‘’'"
MAX_SPEAKER_WORDS = 8


def is_german(language: str | None) -> bool:
    """Whether an article of ``language`` (as ingest detected it) gets the German rules."""
    return (language or "").lower().startswith("de")


def words_of(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of each word and punctuation mark of ``text[start:end]``."""
    return [(m.start() + start, m.end() + start, m.group()) for m in _WORD.finditer(text[start:end])]


def is_name_word(w: str) -> bool:
    """A capitalised word: a German noun or a name."""
    return w[:1].isupper() and w[:1].isalpha()


def _affiliation(words: Sequence[tuple[int, int, str]], i: int) -> int:
    """Where "vom"/"von der …" at ``i`` ends in a noun, after an article and adjectives
    ("vom baden-württembergischen Kultusministerium"); ``i`` where it does not."""
    j = i + 1
    if words[i][2] == "von" and j < len(words) and words[j][2] in ("der", "dem", "den"):
        j += 1
    while j < len(words) and _adjective_before_noun(words, j):
        j += 1
    return j if j < len(words) and j > i + 1 and is_name_word(words[j][2]) and words[j][2].lower() not in _STOPS else i


def _name_follows(words: Sequence[tuple[int, int, str]], i: int) -> bool:
    """A name at ``i``, or after a "der"/"den" there ("von der Leyen")."""
    if i < len(words) and words[i][2] in ("der", "den"):
        i += 1
    return i < len(words) and is_name_word(words[i][2])


def german_speaker_after(text: str, start: int, end: int, after_preposition: bool = False) -> tuple[int, int] | None:
    """The speaker noun phrase that starts at ``start`` (just after a cue verb), or None:
    ``der Sprecher der Polizei am Montag`` gives ``der Sprecher der Polizei``.

    ``after_preposition``: the phrase follows "laut", "nach" or comes before "zufolge",
    where no dative object can follow the verb's subject, so a genitive needs no article
    before it ("Angaben der Polizei"), an adjective may open it ("ersten Untersuchungen")
    and a name in quotation marks is one ("„BBC News“")."""
    words = words_of(text, start, end)
    picked: list[tuple[int, int, str]] = []
    i = 0
    if words and words[0][2].lower() in PRONOUNS:
        return words[0][0], words[0][1]
    if after_preposition and words and words[0][2] in OPENERS:
        close = next((k for k in range(1, min(len(words), MAX_SPEAKER_WORDS + 2)) if words[k][2] in CLOSERS), None)
        return (words[0][0], words[close][1]) if close is not None and close > 1 else None
    determiner = bool(words) and words[0][2].lower() in DETERMINERS
    if determiner:
        picked.append(words[0])
        i = 1
    nouns = 0
    longest = MAX_SPEAKER_WORDS + 4 * after_preposition  # "Angaben der New York Times und der Los Angeles Times"
    while i < len(words) and len(picked) < longest:
        s, e, w = words[i]
        low = w.lower()
        if is_name_word(w) and low not in _STOPS:
            picked.append(words[i])
            nouns += 1
        elif w == "-" or (w in ("von", "van", "de", "zu") and nouns and _name_follows(words, i + 1)):
            picked.append(words[i])  # "Ursula von der Leyen", "Karl-Theodor zu Guttenberg"
        elif low in ("vom", "von") and nouns >= 2 and not determiner and (last := _affiliation(words, i)) > i:
            # a person's affiliation: "Brian Baptie von der britischen Erdbebenwarte",
            # "Hansjörg Blessing vom baden-württembergischen Kultusministerium"
            picked.extend(words[i : last + 1])
            i = last
        elif (after_preposition and w == "von" and nouns == 1 and i + 1 < len(words) and words[i + 1][2][:1].isalnum()
              and words[i + 1][2].lower() not in _STOPS):
            picked.extend(words[i : i + 2])  # "Angaben von n24"
            nouns += 1
            i += 1
        elif w in ("der", "den") and picked and picked[-1][2] in ("von", "van", "de"):
            picked.append(words[i])
        elif (low in ("der", "des", "einer", "eines") and nouns and (after_preposition or (determiner and nouns == 1))
              and i + 1 < len(words) and (is_name_word(words[i + 1][2]) or _adjective_before_noun(words, i + 1))):
            # a genitive: "ein Sprecher der Polizei", "Angaben des ägyptischen Ministeriums"; after a
            # preposition, one after another: "Aussage einer Sprecherin der Stadt"
            picked.append(words[i])
            if not is_name_word(words[i + 1][2]):
                picked.append(words[i + 1])
                i += 1
        elif (w[:1].islower() and low not in _STOPS and low not in DETERMINERS and (determiner or picked or after_preposition)
              and nouns == 0 and i + 1 < len(words) and is_name_word(words[i + 1][2])):
            picked.append(words[i])  # an adjective: "der bayerische Ministerpräsident"
        elif (low in ("und", "oder") and picked and picked[-1][2].endswith("-") and i + 1 < len(words)
              and is_name_word(words[i + 1][2])):
            picked.append(words[i])  # "Kongress- und Verteidigungskreise"
        elif (after_preposition and low in ("und", "sowie") and nouns and i + 2 < len(words)
              and words[i + 1][2].lower() in DETERMINERS and is_name_word(words[i + 2][2])):
            picked.extend(words[i : i + 2])  # "Angaben der New York Times und der Los Angeles Times"
            i += 1
        elif (after_preposition and low in ("und", "sowie") and nouns and i + 1 < len(words)
              and is_name_word(words[i + 1][2]) and words[i + 1][2].lower() not in _STOPS):
            picked.append(words[i])  # "Berichten der Fernsehsender Sky News und BBC"
        elif low in ("der", "die", "das") and not picked:
            picked.append(words[i])
            determiner = True
        else:
            break
        i += 1
    while picked and not is_name_word(picked[-1][2]) and not (len(picked) > 1 and picked[-2][2] == "von"):
        picked.pop()
    if not any(is_name_word(w) for _, _, w in picked):
        return None
    return picked[0][0], picked[-1][1]


def _adjective_before_noun(words: Sequence[tuple[int, int, str]], i: int) -> bool:
    """Whether ``words[i]`` is a lower-case adjective with a noun after it ("ägyptischen
    Innenministeriums")."""
    w = words[i][2]
    return (w[:1].islower() and w.lower() not in _STOPS and w.lower() not in DETERMINERS
            and w.endswith(("en", "er", "es", "em", "e")) and i + 1 < len(words) and is_name_word(words[i + 1][2]))


def _marks_enclose_names(words: Sequence[tuple[int, int, str]]) -> bool:
    """Whether every quotation mark in ``words`` opens or closes a name ("der Sender
    „Channel 10“"), so that the marks do not end a noun phrase."""
    marks = [k for k, (_, _, w) in enumerate(words) if w in OPENERS or w in CLOSERS]
    if len(marks) % 2:
        return False
    return all(b > a + 1 and words[a][2] in OPENERS and words[b][2] in CLOSERS
               and all(is_name_word(w) or w[:1].isdigit() for _, _, w in words[a + 1 : b])
               for a, b in zip(marks[::2], marks[1::2]))


def german_speaker_before(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The subject noun phrase ``text[start:end]`` before a cue verb, or None where that
    first place holds an adverbial (then the subject follows the verb) or is no noun
    phrase of a few words."""
    words = words_of(text, start, end)
    # (a parenthesis names or spells out what comes before it: "Patrick Kamanda von der
    # Umweltbehörde Ugandas (National Environment Management Authority, NEMA)")
    enclosed = _parenthesised(words)
    if not words or enclosed.count(False) > MAX_SPEAKER_WORDS + 2 or words[0][2] == "(":
        return None
    first = words[0][2]
    if first.lower() in ADVERBIAL_START or first.lower() in _CLAUSE_START:
        return None
    if len(words) == 1 and first.lower() in PRONOUNS:
        return words[0][0], words[0][1]
    if any(w in ".;:!?" for _, _, w in words) or not _marks_enclose_names(words):
        return None
    commas = [k for k, (_, _, w) in enumerate(words) if w == "," and not enclosed[k]]
    if commas and (len(commas) != 2 or commas[1] != len(words) - 1):
        return None  # only an apposition closed just before the verb: "Der Sprecher, Max Mustermann,"
    if commas and words[commas[0] + 1][2] in RELATIVE_PRONOUNS:
        words = words[: commas[0]]  # "Ein Beamter, den die New York Times zitiert, kommentierte": the relative clause's head
    elif commas:
        words = words[:-1]
    if not (is_name_word(first) or first.lower() in DETERMINERS):
        return None
    if first.lower() in ("dem", "den", "des", "einem", "eines") or (
            first.lower() == "der" and len(words) > 2 and words[1][2][:1].islower() and words[1][2].endswith("en")):
        return None  # a dative or genitive ("Der englischsprachigen Zeitung sagte er …"), not the subject
    last = words[-1][2]
    if not (is_name_word(last) or last in CLOSERS + ")" or any(c.isdigit() or c == "-" for c in last)):
        return None  # a noun phrase ends in its noun ("n-tv", "n24" too): not "Die Regierung will" (before "erklären")
    if not any(is_name_word(w) for _, _, w in words[1:] if w.lower() not in DETERMINERS) and not is_name_word(first):
        return None
    if any(w.lower() in ("oder", "dass", "wenn", "weil") for _, _, w in words):
        return None
    # "und" only between two names or nouns ("Sonia und Willy Bogner", "Die Polizei und die
    # Staatsanwaltschaft"), not before a verb ("Er kam und sagte")
    if any(w == "und" and not (k and is_name_word(words[k - 1][2]) and k + 1 < len(words)
                               and (is_name_word(words[k + 1][2]) or words[k + 1][2] in DETERMINERS))
           for k, (_, _, w) in enumerate(words)):
        return None
    return words[0][0], words[-1][1]


def _parenthesised(words: Sequence[tuple[int, int, str]]) -> list[bool]:
    """For each of ``words``, whether it lies between "(" and ")" (the marks included)."""
    flags, depth = [], 0
    for _, _, w in words:
        depth += w == "("
        flags.append(depth > 0)
        if w == ")":
            depth = max(0, depth - 1)
    return flags


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
