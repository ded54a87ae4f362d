"""Name normalisation for matching entities across articles.

The small, testable pieces behind :mod:`newsprism.corpus.entities`:

* :func:`parse_name` / :func:`strip_honorifics` / :func:`name_variants` take a surface form
  ("Leader of the Islamic Revolution Ayatollah Seyed Ali Khamenei", "Esmail Ghaani (Qaani)",
  "Soleimani’s") to the bare name ("Ali Khamenei"; "Esmail Ghaani" and "Esmail Qaani";
  "Soleimani") and the titles that were removed.
* :func:`phonetic` and :func:`skeleton` give transliteration-tolerant keys for one token;
  :func:`tokens_match` is the token-level equality the merge rules use.
* :func:`name_similarity` is the rapidfuzz score shown in merge evidence.
* :func:`acronym` / :func:`as_acronym` link "IRGC" with "Islamic Revolution Guards Corps".

The transliteration rules (documented at :func:`phonetic`) are principled rather than
exhaustive: they fold the spellings that romanisations of Arabic and Persian actually
alternate between (q/gh/k, kh/k, doubled letters, a/e, e/i, o/u vowels) and nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

__all__ = [
    "ParsedName", "acronym", "as_acronym", "content_words", "deletions", "fold",
    "full_names_match", "name_similarity", "name_tokens", "name_variants", "org_display",
    "parse_name", "phonetic", "raw_variants", "same_stems", "same_words", "skeleton",
    "strip_honorifics", "surname_typo", "tokens_match",
]

#: Title, honorific and rank tokens (lowercase, dots removed). Multi-word titles need no
#: entries of their own: the cut falls after the *last* title token ("Lieutenant General",
#: "Supreme Leader", "Interior Minister", "Leader of the Islamic Revolution Ayatollah").
TITLES = frozenset("""
    ayatollah ayatullah grand seyed seyyed sayyid sayed sayyed syed hojatoleslam hojjatoleslam
    imam sheikh shaikh sheik haj hajj haji hajji martyr shahid mullah cleric
    lt lieutenant general gen brigadier brig major maj commander cmdr colonel col captain capt
    sgt sergeant admiral adm marshal corporal cpl private pvt officer
    supreme leader president vice premier chancellor minister secretary senator sen rep
    representative congressman congresswoman governor gov mayor judge justice speaker mp
    ambassador envoy spokesman spokeswoman spokesperson chairman chairwoman chief deputy
    director head engineer dr doctor prof professor mr mrs ms miss mx sir dame lord lady
    king queen prince princess emir sultan pope rev reverend father pastor rabbi bishop
    archbishop cardinal st saint
""".split())

#: Titles that say nothing about *which* person is meant (never used to break a tie).
GENERIC_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "sir", "dame", "martyr"})

_TITLE_CANON = {
    "lt": "lieutenant", "gen": "general", "brig": "brigadier", "maj": "major",
    "cmdr": "commander", "col": "colonel", "capt": "captain", "sgt": "sergeant",
    "adm": "admiral", "cpl": "corporal", "pvt": "private", "sen": "senator",
    "rep": "representative", "gov": "governor", "dr": "doctor", "prof": "professor",
    "rev": "reverend", "st": "saint", "seyyed": "seyed", "sayyid": "seyed", "sayed": "seyed",
    "sayyed": "seyed", "syed": "seyed", "hajj": "haj", "haji": "haj", "hajji": "haj",
    "shahid": "martyr", "ayatullah": "ayatollah", "hojjatoleslam": "hojatoleslam",
    "shaikh": "sheikh", "sheik": "sheikh",
}
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
#: Lowercase name particles: kept in display names, ignored in matching keys.
PARTICLES = frozenset({"al", "el", "ul", "bin", "ibn", "bint", "ben", "van", "von", "de", "da",
                       "di", "du", "der", "den", "del", "della", "dos", "das", "la", "le"})
FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "&",
                            "de", "du", "des", "la", "le", "al", "el"})
_ROLE_LINKS = frozenset({"of", "for", "at"})
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ul)-", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['’ʼ]s|(?<=s)['’ʼ])$")
_EDGE_PUNCT = "\"“”‘’«»,;:!?()[]"
_VOWELS = frozenset("aeiou")
_NEIGHBOUR_VOWELS = (frozenset("ae"), frozenset("ei"), frozenset("ou"))


@dataclass(frozen=True)
class ParsedName:
    """One surface form, taken apart: the bare name, its other spellings, the titles removed."""

    name: str
    variants: tuple[str, ...]
    titles: tuple[str, ...]


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lowercase ASCII letters only: diacritics, apostrophes, hyphens and digits removed."""
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("ı", "i"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z]", "", text.replace("æ", "ae").replace("ø", "o").replace("đ", "d"))


def _clean(token: str) -> str:
    return token.strip(_EDGE_PUNCT)


def raw_variants(name: str) -> tuple[str, ...]:
    """Spell out a parenthesised variant: "Esmail Ghaani (Qaani)" -> main, then variant.

    A parenthesised acronym is its own variant ("Popular Mobilization Units (PMU)" ->
    "Popular Mobilization Units", "PMU"); any other parenthesis of *k* words replaces the
    *k* words before it ("Qods (Quds) force" -> "Qods force", "Quds force").
    """
    match = re.search(r"\(([^()]*)\)", name)
    if not match:
        return (" ".join(name.split()),)
    before, inner, after = name[: match.start()], match.group(1).strip(), name[match.end():]
    main = " ".join((before + " " + after).split())
    if not inner:
        return raw_variants(main)
    if as_acronym(inner):
        alt = inner
    else:
        words = before.split()
        k = len(inner.split())
        alt = " ".join((" ".join(words[: max(len(words) - k, 0)]) + " " + inner + " " + after).split())
    out = list(raw_variants(main))
    out += [v for v in raw_variants(alt) if v not in out]
    return tuple(out)


def _strip_one(raw: str) -> tuple[str, tuple[str, ...]]:
    """Remove titles and role phrases from one variant; return (name, canonical titles)."""
    tokens = [t for t in (_clean(t) for t in raw.split()) if t]
    norms = [fold(t) for t in tokens]
    is_name = [n not in TITLES and n not in SUFFIXES and bool(n) for n in norms]
    cut, titles = 0, []
    for i, tok in enumerate(tokens):
        front = norms[i] in TITLES or (_POSSESSIVE.search(tok) is not None and i < len(tokens) - 1)
        if front and any(is_name[i + 1:]):
            cut = i + 1
    for i in range(cut):
        if norms[i] in TITLES:
            titles.append(_TITLE_CANON.get(norms[i], norms[i]))
    rest = tokens[cut:]
    if rest and fold(rest[0]) in _ROLE_LINKS:  # "... Leader of the Islamic Revolution Ali Khamenei"
        keep = [rest[-1]]
        j = len(rest) - 2
        while j > 0 and (fold(rest[j]) in PARTICLES or re.fullmatch(r"[A-Z]\.?", rest[j])):
            keep.insert(0, rest[j])
            j -= 1
        if j > 0:
            keep.insert(0, rest[j])
        rest = keep
    while rest and (fold(rest[0]) == "the" or (len(rest) > 1 and _POSSESSIVE.search(rest[0])) or (
            rest[0][:1].islower() and fold(rest[0]) not in PARTICLES
            and not _ARTICLE_PREFIX.match(rest[0]) and any(t[:1].isupper() for t in rest[1:]))):
        rest = rest[1:]  # "late", "former", "the", "senior", "Iran’s"
    if not any(fold(t) not in TITLES and fold(t) not in SUFFIXES and fold(t) for t in rest):
        return "", tuple(titles)  # only titles left: "the Leader", "Iran’s leader"
    if rest:
        rest[-1] = _POSSESSIVE.sub("", rest[-1])
    return " ".join(t for t in rest if t), tuple(titles)


@lru_cache(maxsize=200_000)
def parse_name(name: str) -> ParsedName:
    """Strip honorifics from every spelling of ``name`` (see :func:`raw_variants`)."""
    names: list[str] = []
    titles: list[str] = []
    for raw in raw_variants(name):
        bare, found = _strip_one(raw)
        if bare and bare not in names:
            names.append(bare)
        titles += [t for t in found if t not in titles]
    return ParsedName(names[0] if names else "", tuple(names), tuple(titles))


def strip_honorifics(name: str) -> str:
    """The bare name: "Lt. General Qassem Soleimani" -> "Qassem Soleimani".

    Everything up to the last title/rank/honorific token that is still followed by a name
    token is removed, with leading lowercase words ("late", "former") and possessive fronts
    ("Iran’s"); a trailing possessive goes too. "Leader of the X Ali Khamenei"-style role
    phrases keep the last two name tokens. A title at the end is kept ("John Major").
    """
    return parse_name(name).name


def name_variants(name: str) -> tuple[str, ...]:
    """All bare spellings: ``"Esmail Ghaani (Qaani)"`` -> ``("Esmail Ghaani", "Esmail Qaani")``."""
    return parse_name(name).variants


@lru_cache(maxsize=200_000)
def name_tokens(name: str) -> tuple[str, ...]:
    """Matching tokens of a bare name: particles, "al-" prefixes and suffixes dropped."""
    out = []
    for tok in name.split():
        tok = _ARTICLE_PREFIX.sub("", _clean(tok))
        n = fold(tok)
        if n and n not in PARTICLES and n not in SUFFIXES:
            out.append(tok)
    return tuple(out)


@lru_cache(maxsize=200_000)
def phonetic(token: str) -> str:
    """Transliteration-normalised spelling of one token, vowels kept.

    Ordered rules on the folded token: sch->sh, tch->ch, dj->j; gh before a vowel -> k, kh->k,
    ck->k, q->k, c (not in ch) -> k (Qassem/Ghasem, Kasimova/Qasimova, Caspar/Kaspar);
    ph->f; dt->t (Reinholdt); w->v (Wahid/Vahid); y after the first letter -> i; ou/oo->u;
    ee->i; ai->ei (ay/ey/ai/ei alike); a final h after a vowel is dropped (Nadirah);
    doubled letters collapse (Qassem/Qasem). Tokens without Latin letters stay as written.
    """
    t = fold(token)
    if not t:
        return token.casefold()
    for a, b in (("sch", "sh"), ("tch", "ch"), ("dj", "j")):
        t = t.replace(a, b)
    t = re.sub(r"gh(?=[aeiouy])", "k", t)
    for a, b in (("kh", "k"), ("ck", "k"), ("q", "k"), ("ph", "f"), ("dt", "t")):
        t = t.replace(a, b)
    t = re.sub(r"c(?!h)", "k", t).replace("w", "v")
    t = t[:1] + t[1:].replace("y", "i")
    for a, b in (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ai", "ei")):
        t = t.replace(a, b)
    t = re.sub(r"(?<=[aeiou])h$", "", t)
    return re.sub(r"(.)\1+", r"\1", t)


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """Consonant skeleton of :func:`phonetic`: a leading vowel becomes "a", other vowels go.

    Qassem/Qasem/Ghasem -> ksm; Soleimani/Soleimeni/Suleimani -> slmn; Esmail/Esmaeil/Ismail
    -> asml; Qaani/Ghaani/Ghaany -> kn; Muhandis/Mohandis -> mhnds; Mohammad/Muhammad/Mohammed
    -> mhmd. It is a blocking key: :func:`tokens_match` also checks the vowels.
    """
    p = phonetic(token)
    if not p or not p.isascii():
        return p
    head = "a" if p[0] in _VOWELS else p[0]
    return re.sub(r"(.)\1+", r"\1", head + "".join(c for c in p[1:] if c not in _VOWELS))


def _vowels_agree(a: str, b: str) -> bool:
    return a == b or frozenset((a, b)) in _NEIGHBOUR_VOWELS


@lru_cache(maxsize=500_000)
def tokens_match(a: str, b: str) -> bool:
    """Same token up to transliteration: equal skeletons and compatible vowels.

    Romanised short vowels alternate only between neighbours (fatha a/e, kasra e/i, damma
    o/u), so the first vowel, and a final vowel, must agree up to those pairs:
    Mohammed/Muhammad, Esmail/Ismail, Mahdi/Mehdi match; Khamenei/Khomeini, Jon/Jan,
    Maria/Mario do not.
    """
    if a.casefold() == b.casefold():
        return True
    if skeleton(a) != skeleton(b):
        return False
    pa, pb = phonetic(a), phonetic(b)
    va = next((c for c in pa if c in _VOWELS), "")
    vb = next((c for c in pb if c in _VOWELS), "")
    if bool(va) != bool(vb) or (va and not _vowels_agree(va, vb)):
        return False
    ea, eb = pa[-1:] in _VOWELS, pb[-1:] in _VOWELS
    return ea == eb and (not ea or _vowels_agree(pa[-1], pb[-1]))


def full_names_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two full names' tokens (:func:`name_tokens`) name the same person.

    First and last tokens must :func:`tokens_match`; middle names may be missing on either
    side, else must match pairwise or as an initial ("George W. Bush" = "George Walker Bush").
    """
    return tokens_match(a[0], b[0]) and tokens_match(a[-1], b[-1]) and _middles_agree(a, b)


def _middles_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    ma, mb = a[1:-1], b[1:-1]
    return not ma or not mb or len(ma) == len(mb) and all(
        tokens_match(x, y) or (min(len(fold(x)), len(fold(y))) == 1 and fold(x)[:1] == fold(y)[:1])
        for x, y in zip(ma, mb, strict=True))


def surname_typo(a: tuple[str, ...], b: tuple[str, ...], minimum: float) -> bool:
    """Same first (and middle) names; surnames of 5+ letters one skeleton edit apart with a
    :func:`phonetic` rapidfuzz ratio >= ``minimum`` ("Muammar Gaddafi" / "Muammar Qaddafi")."""
    la, lb, sa, sb = phonetic(a[-1]), phonetic(b[-1]), skeleton(a[-1]), skeleton(b[-1])
    return (sa != sb and min(len(la), len(lb)) >= 5 and Levenshtein.distance(sa, sb) <= 1
            and fuzz.ratio(la, lb) >= minimum * 100 and tokens_match(a[0], b[0])
            and _middles_agree(a, b))


def deletions(key: str) -> set[str]:
    """``key`` and every one-letter deletion of it: keys one edit apart share an entry."""
    return {key} | {key[:k] + key[k + 1:] for k in range(len(key))}


def same_words(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Word by word :func:`tokens_match` ("Qods Force" / "Quds Force")."""
    return len(a) == len(b) and all(map(tokens_match, a, b))


def same_stems(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Word by word the same up to transliteration or an ending on a 4+ letter stem
    ("Revolution"/"Revolutionary", "Guard"/"Guards")."""
    def same(x: str, y: str) -> bool:
        short, long_ = sorted((fold(x), fold(y)), key=len)
        return tokens_match(x, y) or (len(short) >= 4 and long_.startswith(short))
    return len(a) == len(b) and all(map(same, a, b))


def name_similarity(a: str, b: str) -> float:
    """rapidfuzz ratio (0..1) of two names after honorifics are removed.

    The better of the plain folded comparison and the :func:`phonetic` one, so
    transliteration variants score high ("Qasem Soleimani" / "Qassem Soleimani": 1.0
    phonetically; "Esmail Ghaani" / "Esmaeil Qaani": 0.9).
    """
    ta, tb = name_tokens(strip_honorifics(a) or a), name_tokens(strip_honorifics(b) or b)
    plain = fuzz.ratio(" ".join(fold(t) for t in ta), " ".join(fold(t) for t in tb))
    phon = fuzz.ratio(" ".join(phonetic(t) for t in ta), " ".join(phonetic(t) for t in tb))
    return round(max(plain, phon) / 100.0, 4)


def org_display(name: str) -> str:
    """An organisation or place name without "the", possessive fronts or trailing possessive."""
    tokens = [t for t in (_clean(t) for t in name.split()) if t]
    while len(tokens) > 1 and (fold(tokens[0]) == "the" or _POSSESSIVE.search(tokens[0])):
        tokens = tokens[1:]
    if tokens:
        tokens[-1] = _POSSESSIVE.sub("", tokens[-1])
    return " ".join(t for t in tokens if t)


def as_acronym(name: str) -> str | None:
    """The letters of a name written as an acronym ("IRGC", "U.S." -> "US"), else None."""
    letters = _POSSESSIVE.sub("", name.strip(_EDGE_PUNCT + " ")).replace(".", "")
    if 2 <= len(letters) <= 8 and letters.isalnum() and letters.isascii() \
            and letters == letters.upper() and sum(c.isupper() for c in letters) >= 2:
        return letters
    return None


def content_words(name: str) -> tuple[str, ...]:
    """Words of a name other than function words ("of", "the", "and", ...)."""
    return tuple(t for t in org_display(name).split() if fold(t) and fold(t) not in FUNCTION_WORDS)


def acronym(name: str) -> str:
    """Initials of the content words: "Islamic Revolution Guards Corps" -> "IRGC".

    A name already written as an acronym returns its letters; a one-word name returns "".
    """
    written = as_acronym(name)
    if written:
        return written
    words = content_words(name)
    if len(words) < 2:
        return ""
    return "".join(fold(w)[:1] for w in words).upper()
