"""Word-level comparison of two wordings of one utterance.

Two small tools used by the statements pass:

* :func:`word_diff` shows how one outlet's wording differs from another's, word by word,
  as a list of ``equal`` / ``insert`` / ``delete`` / ``replace`` operations.
* :func:`aligned_fraction` measures how much of the shorter text appears, in order, in the
  longer one; a value near 1 means the shorter quote is a fragment of the longer.

Tokens are words (runs of letters and digits, keeping inner apostrophes as in
``Soleimani’s``) and single punctuation marks (hyphens and dashes included), so
``"course, after"`` is ``["course", ",", "after"]``. Tokens are
compared case-insensitively with curly quotes and apostrophes folded to straight ones;
the output keeps each side's own spelling.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

__all__ = ["tokenize", "words", "word_diff", "aligned_fraction", "content_words", "STOPWORDS"]

_TOKEN = re.compile(r"\w+(?:['’‘`]\w+)*|[^\w\s]")

_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"})

# Function words that carry no content; matching only these does not make a fragment.
STOPWORDS = frozenset(
    """a an the and or but nor so yet of to in on at by for with from into onto upon as than
    then that this these those there here it its it's is are was were be been being am do does
    did has have had having will would shall should can could may might must not no i me my
    we us our you your he him his she her they them their who whom whose which what when where
    why how all any both each some such own same also too very just only about over under
    again once more most other s t if while because until after before up down out off""".split()
)


@lru_cache(maxsize=100_000)
def _fold(token: str) -> str:
    return unicodedata.normalize("NFKC", token).translate(_FOLD).casefold()


def tokenize(text: str) -> list[str]:
    """Word and punctuation tokens of ``text``, in order, in their original spelling."""
    return _TOKEN.findall(text)


def words(text: str) -> list[str]:
    """Folded word tokens of ``text`` (lower-cased, straight apostrophes, punctuation dropped)."""
    return list(_words(text))


@lru_cache(maxsize=50_000)
def _words(text: str) -> tuple[str, ...]:
    # The statements pass asks for the words of one quote many times (every comparison,
    # every representative choice); a corpus has a few hundred thousand quotes at most.
    return tuple(_fold(t) for t in tokenize(text) if t[0].isalnum() or t[0] == "_")


def content_words(text: str) -> list[str]:
    """Folded words of ``text`` that are not stopwords, in order."""
    return [w for w in words(text) if w not in STOPWORDS]


def word_diff(reference: str, variant: str) -> list[dict]:
    """A word-level diff turning ``reference`` into ``variant``.

    Each op is ``{"op": "equal"|"insert"|"delete"|"replace", "ref": str, "var": str}``
    where ``ref``/``var`` are the tokens of that side joined by single spaces (``""`` for
    the side an insert or delete lacks). Comparison ignores case and curly-vs-straight
    quote marks; ``equal`` ops show both spellings.
    """
    ref_tokens, var_tokens = tokenize(reference), tokenize(variant)
    matcher = difflib.SequenceMatcher(
        None, [_fold(t) for t in ref_tokens], [_fold(t) for t in var_tokens], autojunk=False
    )
    ops = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        ops.append({"op": tag, "ref": " ".join(ref_tokens[i1:i2]), "var": " ".join(var_tokens[j1:j2])})
    return ops


def aligned_fraction(a: str, b: str) -> float:
    """Share of the shorter text's content words that lie in matching blocks with the other.

    Words are compared in order (``difflib`` matching blocks over folded word tokens,
    punctuation ignored). A block must be at least two words long, unless the shorter
    text is a single word, so scattered common words do not count. "Shorter" means fewer
    content words; when a text has no content words, all its words count. Returns 0.0
    when either text has no words.
    """
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    ca = sum(w not in STOPWORDS for w in wa)
    cb = sum(w not in STOPWORDS for w in wb)
    short, long_ = (wa, wb) if (ca, len(wa)) <= (cb, len(wb)) else (wb, wa)
    content = [w not in STOPWORDS for w in short]
    if not any(content):
        content = [True] * len(short)
    min_block = 1 if len(short) == 1 else 2
    matcher = difflib.SequenceMatcher(None, short, long_, autojunk=False)
    covered = [False] * len(short)
    for block in matcher.get_matching_blocks():
        if block.size >= min_block:
            for i in range(block.a, block.a + block.size):
                covered[i] = True
    total = sum(content)
    hit = sum(1 for c, k in zip(covered, content) if c and k)
    return hit / total
