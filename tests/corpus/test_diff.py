"""Word-level diff and fragment alignment, on wordings from the seed articles."""

from __future__ import annotations

from newsprism.corpus.diff import aligned_fraction, content_words, tokenize, word_diff

# Seed 000 (Tasnim) and seed 002 (Iran International): one utterance, two translations.
GARBAGE = (
    "Martyr Soleimani is an eternal reality that will live on forever. His assassins - including Trump "
    "and the like - will go down in history’s garbage bin, but of course after receiving retribution in "
    "this world for the crime they committed."
)
DUSTBIN = (
    "Trump and others like him will be forgotten and lost in the dustbin of history, of course after "
    "paying for their crimes in the world."
)
# Seed 000's quote and seed 001's partial quote of it.
MANIFESTATION_LONG = (
    "Haj Qassem is a manifestation of endeavor and untiring, astonishing work. The heroic General of Iran "
    "had both courage and rationality in all affairs."
)
MANIFESTATION = "a manifestation of endeavor and untiring, astonishing work."


def test_tokens_keep_punctuation_and_inner_apostrophes():
    assert tokenize("history’s garbage bin, but - of course.") == [
        "history’s", "garbage", "bin", ",", "but", "-", "of", "course", ".",
    ]
    assert content_words("The Resistance is now more thriving") == ["resistance", "now", "thriving"]


def test_word_diff_of_the_two_translations():
    ops = word_diff(GARBAGE, DUSTBIN)
    assert ops[0] == {
        "op": "delete",
        "ref": "Martyr Soleimani is an eternal reality that will live on forever . His assassins - including",
        "var": "",
    }
    assert ops[1] == {"op": "equal", "ref": "Trump and", "var": "Trump and"}
    assert ops[2] == {"op": "insert", "ref": "", "var": "others like him will be forgotten and lost in"}
    assert ops[4] == {"op": "replace", "ref": "like - will go down in history’s garbage bin", "var": "dustbin of history"}
    assert ops[7] == {"op": "equal", "ref": "of course after", "var": "of course after"}
    assert ops[8] == {"op": "replace", "ref": "receiving retribution", "var": "paying for their crimes"}
    assert ops[-1] == {"op": "equal", "ref": ".", "var": "."}
    assert len(ops) == 14


def test_word_diff_sides_rebuild_both_texts():
    ops = word_diff(GARBAGE, DUSTBIN)
    assert " ".join(o["ref"] for o in ops if o["ref"]) == " ".join(tokenize(GARBAGE))
    assert " ".join(o["var"] for o in ops if o["var"]) == " ".join(tokenize(DUSTBIN))
    assert {o["op"] for o in ops} == {"equal", "insert", "delete", "replace"}


def test_word_diff_ignores_case_and_curly_marks_but_keeps_spelling():
    assert word_diff("Soleimani’s blood", "soleimani's blood") == [
        {"op": "equal", "ref": "Soleimani’s blood", "var": "soleimani's blood"}
    ]
    assert word_diff("", "") == []
    assert word_diff("", "new words") == [{"op": "insert", "ref": "", "var": "new words"}]


def test_aligned_fraction_finds_fragments():
    assert aligned_fraction(MANIFESTATION_LONG, MANIFESTATION) == 1.0
    assert aligned_fraction(MANIFESTATION, MANIFESTATION_LONG) == 1.0
    assert aligned_fraction("blocked elsewhere", "blocked elsewhere in government") == 1.0
    assert round(aligned_fraction(GARBAGE, DUSTBIN), 4) == 0.1818
    assert aligned_fraction(
        "The lifting of sanctions is in the hands of the enemy, but neutralizing them is in our own hands.",
        "The course of strengthening of the resistance front must continue.",
    ) == 0.0


def test_aligned_fraction_needs_runs_of_two_words():
    # "dam" matches alone between two changed words, so it does not count.
    assert aligned_fraction(
        "Those who neglected this dam will answer before the people,",
        "those who neglected the dam would answer before the people",
    ) == 0.75
    assert aligned_fraction("", "anything at all") == 0.0
    assert aligned_fraction("accident", "it was no accident") == 1.0
