"""Time expressions found and parsed from text (resolution is tests/corpus/test_dates.py)."""

import pytest

from newsprism.stages.timex import find_times


def _one(text, kind=None):
    found = find_times(text)
    assert len(found) == 1, found
    if kind:
        assert found[0].kind == kind
    return found[0]


@pytest.mark.parametrize("text, y, m, d", [
    ("assassinated by the U.S. on January 3, 2020 while", 2020, 1, 3),
    ("on Saturday night 2 Jan 2021 marking", 2021, 1, 2),
    ("dated 2020-12-16 in the header", 2020, 12, 16),
    ("on Sept. 11, 2001 the towers", 2001, 9, 11),
])
def test_explicit_dates(text, y, m, d):
    t = _one(text.replace("on Saturday night ", ""), "date")
    assert (t.year, t.month, t.day) == (y, m, d)


def test_a_month_without_a_year_and_a_month_with_one():
    t = _one("near Baghdad International Airport on January 3. Back then", "month_day")
    assert (t.year, t.month, t.day) == (None, 1, 3)
    t = _one("In January 2020, a US drone strike", "month")
    assert (t.year, t.month) == (2020, 1)


def test_may_the_verb_is_not_a_month():
    assert find_times("Officials may 5 times revise it") == []


def test_weekdays_with_their_modifiers():
    sat, = find_times("Ayatollah Khamenei had a meeting on Saturday with the family")
    assert (sat.kind, sat.weekday, sat.modifier, sat.text) == ("weekday", 5, "on", "on Saturday")
    tue, = find_times("Tuesday’s partial collapse killed nine")
    assert (tue.weekday, tue.text) == (1, "Tuesday’s")
    nxt, = find_times("The committee will meet again on Friday.")
    assert nxt.modifier == "next"  # future tense: the coming Friday
    last, = find_times("He spoke last Monday.")
    assert last.modifier == "last"


def test_relative_days_and_offsets():
    kinds = [(t.kind, t.text, t.shift, t.unit) for t in find_times(
        "Rescuers worked through the night yesterday; two years ago the dam was inspected, and last week it leaked.")]
    assert kinds == [("relative", "yesterday", -1, "day"), ("offset", "two years ago", -2, "year"),
                     ("last", "last week", -1, "week")]


def test_an_offset_after_a_happening_keeps_its_anchor_words():
    t, d = find_times("would be held to account, one week after the collapse on March 4, 2025.")
    assert (t.kind, t.text, t.shift, t.unit, t.anchor) == ("offset", "one week after the collapse", 1, "week", "the collapse")
    assert (d.kind, d.year, d.month, d.day) == ("date", 2025, 3, 4)


@pytest.mark.parametrize("text, count, anchor", [
    ("on the second anniversary of the popular commander’s martyrdom.", 2, "the popular commander’s martyrdom"),
    ("on the second anniversary of his death Khamenei described him", 2, "his death"),
    ("ahead of the fourth anniversary of the martyrdom of the popular commander.At the meeting", 4,
     "the martyrdom of the popular commander"),
    ("to commemorate the first martyrdom anniversary of top Iranian and Iraqi commanders", 1, "martyrdom of top Iranian"),
    ("marks the 10th anniversary of the founding of the party", 10, "the founding of the party"),
])
def test_anniversaries_count_years_from_a_named_happening(text, count, anchor):
    t = _one(text, "anniversary")
    assert (t.shift, t.unit, t.anchor) == (count, "year", anchor)


def test_seed_001_times(seed_paths):
    text = seed_paths["001"].read_text(encoding="utf-8")
    found = [(t.kind, t.text) for t in find_times(text)]
    assert found[:3] == [("weekday", "on Saturday"), ("anniversary", "the second anniversary of his martyrdom"),
                         ("date", "January 3, 2020")]


def test_an_impossible_date_is_not_a_date():
    # dateutil refuses the day; the month that is left still names a month
    assert [(t.kind, t.text) for t in find_times("on 31 February 2020 nothing happened")] == [("month", "February 2020")]
