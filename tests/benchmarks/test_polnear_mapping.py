"""How the stored quotes map to PolNeAR's spans (benchmarks/quotes_bench.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import quotes_bench  # noqa: E402


def quote(kind, start, end, cue=None, speaker=None, cue_parts=(), content_parts=()):  # type: ignore[no-untyped-def]
    return SimpleNamespace(kind=kind, start=start, end=end, cue_start=cue and cue[0], cue_end=cue and cue[1],
                           speaker_start=speaker and speaker[0], speaker_end=speaker and speaker[1], cue_parts=cue_parts,
                           content_parts=content_parts, pieces=content_parts or ((start, end),))


def test_a_partial_quote_inside_its_indirect_quote_is_one_attribution():
    # 'The mayor said the plan would “fail badly” in winter.'
    clause = quote("indirect", 15, 52, cue=(10, 14), speaker=(0, 9))
    words = quote("partial", 31, 42, cue=(10, 14), speaker=(0, 9))
    assert sorted(quotes_bench.polnear_spans([clause, words])) == [
        ("content", 15, 52), ("cue", 10, 14), ("cue", 10, 14), ("source", 0, 9), ("source", 0, 9)]


def test_the_german_set_counts_the_quoted_words_and_each_piece_of_a_cue():
    # 'Die Stadt teilte daraufhin mit, die Schulen blieben „bis auf Weiteres“ zu.': the set
    # annotates the quoted words as a quotation of their own, and the cue in two pieces
    clause = quote("indirect", 32, 75, cue=(10, 16), speaker=(0, 9), cue_parts=((10, 16), (27, 30)))
    words = quote("partial", 56, 71, cue=(10, 16), speaker=(0, 9), cue_parts=((10, 16), (27, 30)))
    assert sorted(set(quotes_bench.polnear_spans([clause, words], nested=True))) == [
        ("content", 32, 75), ("content", 56, 71), ("cue", 10, 16), ("cue", 27, 30), ("source", 0, 9)]
    assert ("content", 56, 71) not in quotes_bench.polnear_spans([clause, words])  # PolNeAR's: one attribution


def test_content_in_pieces_is_a_span_each():
    # 'Das Feuer war laut Feuerwehr gegen Mitternacht ausgebrochen.': the set marks the
    # words on either side of the account as two pieces of one content
    clause = quote("indirect", 0, 59, cue=(14, 18), speaker=(19, 28), content_parts=((0, 13), (29, 59)))
    assert sorted(quotes_bench.polnear_spans([clause], nested=True)) == [
        ("content", 0, 13), ("content", 29, 59), ("cue", 14, 18), ("source", 19, 28)]


def test_other_quotes_keep_their_content():
    outer = quote("direct", 0, 100, cue=(101, 105), speaker=(106, 110))
    inside_other_cue = quote("partial", 10, 20, cue=(120, 124))  # another attribution's words
    same_span = quote("partial", 0, 100, cue=(101, 105))  # not strictly inside
    alone = quote("partial", 200, 220, cue=(190, 194))
    tweet = quote("embedded", 300, 340, speaker=(342, 350))
    spans = quotes_bench.polnear_spans([outer, inside_other_cue, same_span, alone, tweet])
    contents = sorted(s[1:] for s in spans if s[0] == "content")
    assert contents == [(0, 100), (0, 100), (10, 20), (200, 220), (300, 340)]
    assert ("source", 342, 350) not in spans  # an embedded post's author is no PolNeAR source
