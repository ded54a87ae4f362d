"""Mentions: the names, titles and descriptions that refer to entities, chained within
one article from the article's own evidence.

Names come from spaCy's NER, widened over the titles before them ("Lt. General Qassem
Soleimani"). Mentions of one person join a chain by name (a surname after the full name);
a descriptor ("the Leader", "Iran's hardline leader", "the noted commander") joins the
chain whose introduction or apposition gave it that role, and records which words did.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ..corpus.names import tokens_match
from ..model import Analysis, Mention
from .german import CUE_VERBS, is_german
from .lexicon import ROLE_NOUNS, TITLE_WORDS

__all__ = ["MentionFinder", "Chains", "find_mentions", "person_key"]

_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "LOC": "LOC", "FAC": "FAC", "EVENT": "EVENT",
           "WORK_OF_ART": "OTHER", "LAW": "OTHER", "PRODUCT": "OTHER"}
_POSSESSIVE = re.compile(r"[’']s$")
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}


def _strip_titles(words: list[str]) -> list[str]:
    out = list(words)
    while len(out) > 1 and out[0].lower() in TITLE_WORDS:
        out.pop(0)
    return out


def _forms(word: str) -> tuple[str, ...]:
    """A name word and its form without an Arabic article ("al-assad" -> "assad")."""
    for prefix in ("al-", "el-", "ul-"):
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            return (word, word[len(prefix) :])
    return (word,)


def _full_name_chain(chains: list["Chain"], key: tuple[str, ...]) -> int:
    """The chain of a full name: its own, or the one longer name that contains all its
    words ("Abu Mahdi" in an article that says "Abu Mahdi al-Muhandis")."""
    longer = [i for i, c in enumerate(chains) if len(c.key) > len(key) and set(key) <= set(c.key)]
    if len(longer) == 1:
        return longer[0]
    return next(i for i, c in enumerate(chains) if c.key == key)


def person_key(text: str) -> tuple[str, ...]:
    """The words of a person's name without titles or a trailing possessive, lower-cased."""
    words = [_POSSESSIVE.sub("", w) for w in text.replace("’s ", " ").split()]
    return tuple(w.lower() for w in _strip_titles([w for w in words if w]))


@dataclass
class Chain:
    type: str
    names: list[int] = field(default_factory=list)   # mention indexes
    roles: dict[str, str] = field(default_factory=dict)  # role noun -> the words that gave it
    head: str | None = None
    key: tuple[str, ...] = ()


@dataclass
class Chains:
    """The chains of one article and how to look one up by role."""

    chains: list[Chain]

    def by_role(self, role: str, before: int | None, mentions: list[Mention]) -> tuple[int, str] | None:
        """The chain a descriptor with head noun ``role`` refers to: the only chain with that
        role, else the last one mentioned before offset ``before``; None when ambiguous."""
        having = [i for i, c in enumerate(self.chains) if role in c.roles]
        if len(having) == 1:
            return having[0], self.chains[having[0]].roles[role]
        if not having or before is None:
            return None
        last = None
        for m in mentions:
            if m.start < before and m.chain in having and m.kind == "name":
                last = m.chain
        return (last, self.chains[last].roles[role]) if last is not None else None


def _span_words(doc, start: int, end: int) -> list:  # type: ignore[no-untyped-def]
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _widen_left(doc, ent, taken: frozenset[int] | set[int] = frozenset()) -> int:  # type: ignore[no-untyped-def]
    """Start of ``ent`` widened over title words right before it ("Lt. General", "Supreme
    Leader"), but over none of the tokens ``taken``."""
    i = ent.start
    while i > 0 and i - 1 not in taken:
        prev = doc[i - 1]
        if prev.text.lower() in TITLE_WORDS and (prev.text[:1].isupper()):
            i -= 1
        else:
            break
    return i


def _title_phrase(doc, start_token: int):  # type: ignore[no-untyped-def]
    """A role phrase right before a name ("Leader of the Islamic Revolution", "former US
    president"): words ending at ``start_token`` whose head is a role noun."""
    if start_token == 0:
        return None
    prev = doc[start_token - 1]
    if prev.lemma_.lower() in ROLE_NOUNS and prev.pos_ in ("NOUN", "PROPN"):
        left = min(prev.left_edge.i, start_token - 1)
        while left < start_token - 1 and (doc[left].is_punct or doc[left].lower_ in _DETERMINERS):
            left += 1
        return doc[left:start_token]
    # "Leader of the Islamic Revolution Ayatollah ...": a capitalised role noun, "of" and a name.
    j = start_token - 1
    while j >= 0 and start_token - j <= 8:
        token = doc[j]
        if token.lemma_.lower() in ROLE_NOUNS and token.text[:1].isupper() and token.pos_ in ("NOUN", "PROPN"):
            return doc[j:start_token]
        if not (token.pos_ in ("PROPN", "DET") or token.lower_ == "of"):
            return None
        j -= 1
    return None


def _apposition_end(doc, child, mention_starts: set[int]) -> int | None:  # type: ignore[no-untyped-def]
    """Token end of an appositive, cut at the next comma or name; None unless the text
    closes it with punctuation (", the noted commander of X," — not ", the Leader said")."""
    end = child.right_edge.i + 1
    for k in range(child.i + 1, end):
        if doc[k].text in (",", ";", "—", "–", "(") or k in mention_starts:
            end = k
            break
    if end < len(doc) and not (doc[end].is_punct or doc[end].is_space):
        return None
    return end


def _parenthetical_alias(doc, span, label: str, person) -> str | None:  # type: ignore[no-untyped-def]
    """Why ``span``, alone in parentheses right after the person name ``person``, is another
    name of that person ("Esmail Ghaani (Qaani)", "Mohammed bin Salman (MBS)"); None when
    it is not (a party, a state, an age: "Joe Biden (Delaware)")."""
    if span.start < 2 or span.end >= len(doc) or doc[span.start - 1].text != "(" or doc[span.end].text != ")":
        return None
    if doc[span.start - 2].i != person.end - 1:
        return None
    words = span.text.split()
    if not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return None
    name = person_key(person.text)
    initials = "".join(w[0] for w in name).upper()
    if label == "PERSON" or any(tokens_match(w.lower(), n) for w in words for n in name) or span.text.replace(".", "") == initials:
        return f"in parentheses after the name: “{person.text} ({span.text})”"
    return None


def _name_word(token) -> bool:  # type: ignore[no-untyped-def]
    """A capitalised proper-noun word that no entity holds and that is no title or role."""
    return (token.tag_ == "NNP" and token.is_alpha and token.text.istitle() and token.ent_iob_ == "O"
            and token.lower_ not in TITLE_WORDS and token.lower_ not in ROLE_NOUNS)


# Verbs a headline puts beside a name, capitalised as the name is ("Obama Says …",
# "Pence Slams …"): never the last or first word of a name in a title-case sentence.
_HEADLINE_VERBS = frozenset("""
    say says said tell tells told warn warns urge urges slam slams rip rips blast blasts vow vows claim claims
    deny denies defend defends praise praises accuse accuses insist insists admit admits ask asks respond responds
""".split())


def _headline(sent) -> bool:  # type: ignore[no-untyped-def]
    """Whether a sentence is written in title case, as headlines are ("Flattered Obama
    Says …"), where capitals say nothing of names."""
    words = [t for t in sent if t.is_alpha and len(t) >= 4]
    return len(words) >= 4 and sum(t.text[:1].isupper() for t in words) >= 0.7 * len(words)


def _headline_tokens(doc) -> Callable[[], set[int]]:  # type: ignore[no-untyped-def]
    """``tokens()``: the indices of the tokens of ``doc``'s sentences in title case, found
    on the first call (most articles never need them) and kept for the next."""
    return functools.cache(lambda: {t.i for sent in doc.sents if _headline(sent) for t in sent})


def _names_ner_missed(doc, spans: list[tuple[int, int, str]],  # type: ignore[no-untyped-def]
                      headline_tokens: Callable[[], set[int]]) -> list[tuple[int, int, str]]:
    """``spans`` with the names of people that NER cut short or missed, found by the
    surname of a full name it did find in the article: "Leyla" before an entity of the
    one word "Qasimova" (taken as an organisation) where the article names "Nadira
    Qasimova" makes "Leyla Qasimova" a person of her own; "Reinholt said" with no
    entity makes "Reinholt" a person. A run of such words (three at most) counts only
    when the surname ends it ("Qasimova Street" is no name of a person), and never in a
    sentence in title case."""
    keys = [person_key(doc[s:e].text) for s, e, label in spans if label == "PERSON"]
    surnames = {key[-1] for key in keys if len(key) >= 2}
    if not surnames:
        return spans
    headline = headline_tokens()
    out: list[tuple[int, int, str]] = []
    taken = {i for s, e, _label in spans for i in range(s, e)}
    for s, e, label in spans:
        if e - s == 1 and label in ("PERSON", "ORG") and doc[s].lower_ in surnames and doc[s].tag_ == "NNP":
            k = s
            while k > 0 and _name_word(doc[k - 1]) and k - 1 not in taken and k - 1 not in headline and s - k < 2:
                k -= 1
            if k < s:
                s, label = k, "PERSON"
        out.append((s, e, label))
    taken = {i for s, e, _label in out for i in range(s, e)}
    i = 0
    while i < len(doc):
        if i in taken or i in headline or not _name_word(doc[i]):
            i += 1
            continue
        j = i
        while j < len(doc) and j not in taken and _name_word(doc[j]):
            j += 1
        if (doc[j - 1].lower_ in surnames and j - i <= 3
                and not (j < len(doc) and doc[j].tag_ == "NNP" and doc[j].text[:1].isupper())):
            out.append((_widen_left(doc, doc[i:j], taken), j, "PERSON"))
        i = j
    return sorted(out)


def find_mentions(doc, text: str, german: bool = False) -> tuple[list[Mention], Chains]:  # type: ignore[no-untyped-def]
    """Name and descriptor mentions of one parsed article, with their chains. ``german``:
    the article is German, read by the English model, whose NER can take the verb after
    a name into it ("John Kline sagte"); that verb is dropped."""
    raw: list[tuple[int, int, str]] = []  # (start token, end token, type)
    headline_tokens = _headline_tokens(doc)
    for ent in doc.ents:
        label = _LABELS.get(ent.label_)
        if label is None:
            continue
        start = _widen_left(doc, ent) if label in ("PERSON", "ORG", "OTHER") else ent.start
        end = ent.end
        # "Iraq’s Popular Mobilization Units": the organisation is what follows the possessive.
        for k in range(start, end - 1):
            if doc[k].tag_ == "POS" and doc[k + 1].text[:1].isupper() and label != "PERSON":
                start = k + 1
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_quote):
            end -= 1  # "Donald Trump ''doesn't …": NER takes the quotation mark in
        while start < end and doc[start].is_quote:
            start += 1
        # A headline's verb NER takes into the name ("Obama Says African-American Museum …").
        if label in ("PERSON", "ORG") and any(doc[k].lower_ in _HEADLINE_VERBS for k in (start, end - 1)):
            headline = headline_tokens()
            while end > start and end - 1 in headline and doc[end - 1].lower_ in _HEADLINE_VERBS:
                end -= 1
            while start < end and start in headline and doc[start].lower_ in _HEADLINE_VERBS:
                start += 1
        while german and end - 1 > start and doc[end - 1].text in CUE_VERBS:
            end -= 1
        # A dateline glued on by NER ("Continental Wire - Veloria's minister"): keep what follows the dash.
        for k in range(start, end):
            if doc[k].text in ("-", "–", "—") and doc[k].whitespace_ and k > start and doc[k - 1].whitespace_:
                start = k + 1
        if end > start:
            raw.append((start, end, label))
    # Titles swallowed as ORG ("Supreme" + "Ali Khamenei"): merge a title-only ORG into the next PERSON.
    merged: list[tuple[int, int, str]] = []
    for item in sorted(raw):
        if merged and merged[-1][1] >= item[0] and item[2] == "PERSON":
            prev = merged.pop()
            if all(t.text.lower() in TITLE_WORDS for t in doc[prev[0] : prev[1]]):
                item = (prev[0], item[1], "PERSON")
            else:
                merged.append(prev)
        merged.append(item)
    merged = _names_ner_missed(doc, merged, headline_tokens)
    mentions: list[Mention] = []
    chains: list[Chain] = []
    surname_index: dict[str, set[int]] = {}
    # Full names first, so surnames can find them wherever they occur in the article.
    spans = [(doc[s:e], label) for s, e, label in merged]
    mention_starts = {s for s, _e, label in merged if label == "PERSON"}
    full = [(sp, label) for sp, label in spans if label == "PERSON" and len(person_key(sp.text)) >= 2]
    full_keys = {person_key(sp.text) for sp, _label in full}
    for span, _label in full:
        key = person_key(span.text)
        if sum(1 for other in full_keys if len(other) > len(key) and set(key) <= set(other)) == 1:
            continue  # "Abu Mahdi" where the article also says "Abu Mahdi al-Muhandis"
        found = next((i for i, c in enumerate(chains) if c.key == key), None)
        if found is None:
            chains.append(Chain("PERSON", key=key, head=" ".join(_strip_titles(span.text.replace("’s", "").split()))))
            found = len(chains) - 1
            for word in key:
                for form in _forms(word):
                    surname_index.setdefault(form, set()).add(found)
    previous_person = None  # (span, chain) of the last person name
    for span, label in spans:
        key = person_key(span.text) if label == "PERSON" or (len(span) == 1 and span.text[:1].isupper()) else ()
        chain_id = None
        evidence = _parenthetical_alias(doc, span, label, previous_person[0]) if previous_person else None
        if evidence is not None:
            chain_id, label = previous_person[1], "PERSON"
        elif label == "PERSON" and len(key) >= 2:
            chain_id = _full_name_chain(chains, key)
        elif len(key) == 1 and key[0] in surname_index and len(surname_index[key[0]]) == 1:
            chain_id = next(iter(surname_index[key[0]]))
            label = "PERSON"
            evidence = f"same name as “{chains[chain_id].head}” in this article"
        else:
            norm = " ".join(w.lower() for w in span.text.split() if w.lower() not in _DETERMINERS)
            chain_id = next((i for i, c in enumerate(chains) if c.type == label and c.key == (norm,)), None)
            if chain_id is None:
                chains.append(Chain(label, key=(norm,), head=span.text if span[0].lower_ not in _DETERMINERS else span[1:].text))
                chain_id = len(chains) - 1
        m = Mention(span.start_char, span.end_char, span.text, label, "name", chain_id, None, evidence)
        if label == "PERSON":
            previous_person = (span, chain_id)
        chains[chain_id].names.append(len(mentions))
        mentions.append(m)
        # Roles: title words inside the mention and a role phrase right before it.
        for token in span:
            if token.lemma_.lower() in ROLE_NOUNS or token.text.lower() in ROLE_NOUNS:
                chains[chain_id].roles.setdefault(token.text.lower().rstrip("."), f"introduced as “{span.text}”")
        phrase = _title_phrase(doc, span.start)
        if phrase is not None and label == "PERSON":
            intro = doc[phrase.start : span.end].text
            chains[chain_id].roles.setdefault(phrase.root.lemma_.lower(), f"introduced as “{intro}”")
            for token in phrase:
                if token.lemma_.lower() in ROLE_NOUNS:
                    chains[chain_id].roles.setdefault(token.lemma_.lower(), f"introduced as “{intro}”")
            mentions.append(Mention(phrase.start_char, phrase.end_char, phrase.text, label, "descriptor", chain_id, None,
                                    f"title before the name: “{intro}”"))
        # Apposition: "General Qassem Soleimani, the noted commander of ..."
        for token in span:
            for child in token.children:
                if child.dep_ == "appos" and child.lemma_.lower() in ROLE_NOUNS and child.i >= span.end:
                    end = _apposition_end(doc, child, mention_starts)
                    if end is None:
                        continue
                    sub = doc[child.left_edge.i : end]
                    chains[chain_id].roles.setdefault(child.lemma_.lower(), f"apposition “{span.text}, {sub.text}”")
                    mentions.append(Mention(sub.start_char, sub.end_char, sub.text, label, "descriptor", chain_id, None,
                                            f"apposition: “{span.text}, {sub.text}”"))
    result = Chains(chains)
    _add_descriptors(doc, mentions, result)
    heads = [c.head for c in chains]
    mentions = [Mention(m.start, m.end, m.text, m.type, m.kind, m.chain, heads[m.chain] if m.chain is not None else None, m.evidence)
                for m in sorted(mentions, key=lambda m: (m.start, m.end))]
    return mentions, result


def _add_descriptors(doc, mentions: list[Mention], chains: Chains) -> None:  # type: ignore[no-untyped-def]
    """Definite descriptions with a role head ("the Leader", "Iran’s hardline leader")."""
    taken = [(m.start, m.end) for m in mentions]
    for chunk in doc.noun_chunks:
        root = chunk.root
        role = root.lemma_.lower()
        if role not in ROLE_NOUNS or root.tag_ in ("NNS", "NNPS"):
            continue
        if any(s < root.idx + len(root) and root.idx < e for s, e in taken):
            continue
        dash = max((t.i for t in chunk if t.text in ("-", "–", "—") and t.whitespace_), default=None)
        if dash is not None:
            chunk = doc[dash + 1 : chunk.end]
            if not len(chunk):
                continue
        first = chunk[0]
        if not (first.lower_ in ("the", "this", "that") or first.tag_ == "PRP$" or any(t.tag_ == "POS" for t in chunk)):
            continue
        found = chains.by_role(role, chunk.start_char, mentions)
        if found is None:
            continue
        chain_id, why = found
        mentions.append(Mention(chunk.start_char, chunk.end_char, chunk.text, chains.chains[chain_id].type, "descriptor",
                                chain_id, None, f"“{chunk.text}” = {chains.chains[chain_id].head}: {why}"))


class MentionFinder:
    """The mention stage: needs the parse."""

    name = "mentions"
    version = "6"  # 6: German reporting verbs dropped from the end of names in German articles

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        for analysis in analyses:
            mentions, _chains = find_mentions(analysis.doc, analysis.article.text, is_german(analysis.article.language))
            yield analysis.with_stage(self.name, self.version, mentions=tuple(mentions))
