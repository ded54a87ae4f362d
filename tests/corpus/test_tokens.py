"""Word tokens and hashes of the reuse pass: offsets, case folding, shingles."""

import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.corpus.tokens import shingles, span_hashes, tokenize

WORD = re.compile(r"\w+")


def _words(text, doc):
    return [text[s:e] for s, e in zip(doc.starts.tolist(), doc.ends.tolist())]


def test_words_and_offsets_match_python_word_runs(seed_paths):
    texts = [p.read_text(encoding="utf-8") for p in seed_paths.values()]
    batch = tokenize(texts)
    for k, text in enumerate(texts):
        doc = batch.doc(k)
        assert list(zip(doc.starts.tolist(), doc.ends.tolist())) == [m.span() for m in WORD.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=60), min_size=1, max_size=4))
def test_offsets_hold_for_any_text(texts):
    batch = tokenize(texts)
    for k, text in enumerate(texts):
        doc = batch.doc(k)
        for s, e in zip(doc.starts.tolist(), doc.ends.tolist()):
            assert 0 <= s < e <= len(text)
            assert all(c.isalnum() or c == "_" for c in text[s:e])


def test_hashes_fold_case_and_ignore_punctuation_across_batches():
    one = tokenize(["“The heroic General of Iran”"]).doc(0)
    two = tokenize(["x", "the HEROIC general, of iran!"]).doc(1)
    assert one.hashes.tolist() == two.hashes.tolist()
    assert len(set(tokenize(["general generals General_ genera"]).doc(0).hashes.tolist())) == 4
    assert _words("Soleimani’s İstanbul", tokenize(["Soleimani’s İstanbul"]).doc(0)) == ["Soleimani", "s", "İstanbul"]


def test_shingles_stay_inside_each_text():
    batch = tokenize(["a b c d e f", "g h i", "j k l m n"])
    hashes, first = shingles(batch.hashes, 3, batch.bounds)
    assert first.tolist() == [0, 1, 2, 3, 6, 9, 10, 11]
    alone = tokenize(["c d e"]).doc(0).hashes
    assert hashes[2] == span_hashes(alone, np.array([0]), np.array([3]))[0]


def test_span_hashes_depend_on_the_words_not_their_position():
    h = tokenize(["one two three one two three four"]).doc(0).hashes
    a, b, c = span_hashes(h, np.array([0, 3, 3]), np.array([3, 6, 7])).tolist()
    assert a == b != c
