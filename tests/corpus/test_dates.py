"""Dates resolved against the article's own date and the anchors the corpus knows."""

import datetime as dt
import re

from newsprism.corpus.dates import DatedArticle, resolve, resolve_dates, vote, weekday_near
from newsprism.stages.timex import find_times

D = dt.date


def _article(id_, text, published=None):
    sentences = tuple((m.start(), m.end()) for m in re.finditer(r"[^\n.!?]+[.!?]*", text))
    return DatedArticle(id_, text, published, sentences, tuple(find_times(text)))


def _resolve(text, reference):
    (expr,) = find_times(text)
    found = resolve(expr, reference)
    return found.date if found else None


def test_weekdays_resolve_to_the_last_one_on_or_before_the_date():
    wednesday = D(2020, 12, 16)
    assert _resolve("made the remarks on Wednesday", wednesday) == wednesday
    assert _resolve("met on Sunday", wednesday) == D(2020, 12, 13)
    assert _resolve("will meet on Friday", wednesday) == D(2020, 12, 18)
    assert _resolve("said last Wednesday", wednesday) == D(2020, 12, 9)


def test_relative_days_offsets_and_month_days():
    ref = D(2025, 3, 5)
    assert _resolve("the dam failed yesterday", ref) == D(2025, 3, 4)
    assert _resolve("inspected two years ago", ref) == D(2023, 3, 5)
    assert _resolve("the strike on January 3. Back then", D(2020, 12, 16)) == D(2020, 1, 3)
    assert _resolve("the vote on December 30.", D(2021, 1, 2)) == D(2020, 12, 30)
    assert _resolve("on Tuesday", None) is None  # no date, no guess


def test_weekday_near_prefers_the_earlier_day_on_a_tie():
    assert weekday_near(D(2022, 1, 3), 5) == D(2022, 1, 1)  # Saturday before a Monday anniversary
    assert weekday_near(D(2022, 1, 3), 0) == D(2022, 1, 3)
    assert weekday_near(D(2024, 1, 3), 6, before=True) == D(2023, 12, 31)


def test_an_anniversary_and_a_weekday_date_an_undated_report():
    background = _article("b", "Iran mourns General Soleimani. The general was assassinated by the US on January 3, 2020 "
                               "while on a trip.", D(2022, 1, 3))
    report = _article("r", "Khamenei had a meeting on Saturday with the family of General Soleimani on the second "
                           "anniversary of his martyrdom. He praised him.")
    dates = resolve_dates([background, report])
    assert dates["r"].published == D(2022, 1, 1)
    assert dates["r"].published_evidence.startswith(
        "inferred: 'on Saturday' = the Saturday nearest 2022-01-03 ('the second anniversary of his martyrdom': "
        "+2 year(s) from 2020-01-03 (article b: ")
    assert (dates["r"].happened, dates["r"].happened_rule) == (D(2022, 1, 1), "inferred")
    assert dates["b"].published_evidence == "metadata"


def test_a_commemoration_date_is_not_the_happenings_date():
    # "2 Jan 2021 marking the first anniversary" dates the commemoration, not the killing
    commemoration = _article("c", "Activists go on rooftops on 2 Jan 2021 marking the first anniversary of Soleimani and "
                                  "Al-Muhandis murder.", D(2020, 12, 16))
    report = _article("r", "The family of Soleimani met on Saturday on the second anniversary of his death.")
    dates = resolve_dates([commemoration, report])
    assert dates["r"].published is None and dates["r"].happened is None


def test_an_anniversary_alone_dates_the_report_but_not_its_publication():
    background = _article("b", "Iran plans ceremonies for Soleimani. He was killed by a US drone strike on January 3, "
                               "2020, as he arrived in Baghdad.")
    report = _article("r", "During a meeting with Soleimani’s family on the second anniversary of his death Khamenei "
                           "described him as a martyr.")
    dates = resolve_dates([background, report])
    assert dates["r"].published is None
    assert (dates["r"].happened, dates["r"].happened_rule) == (D(2022, 1, 3), "anniversary")


def test_a_weekday_and_an_offset_from_an_explicit_date():
    report = _article("r", "Qasimova told a committee on Tuesday that she would answer, one week after the collapse on "
                           "March 4, 2025.")
    dates = resolve_dates([report])
    assert dates["r"].published == D(2025, 3, 11)
    assert dates["r"].published_evidence == ("inferred: 'on Tuesday' = 2025-03-11 ('one week after the collapse': "
                                             "+1 week(s) from 2025-03-04 ('March 4, 2025')), a Tuesday")


def test_the_lead_names_the_day_reported_otherwise_the_publication_date():
    leads = resolve_dates([_article("a", "Title.\nThe dam failed on Tuesday afternoon.", D(2025, 3, 5)),
                           _article("b", "Title.\nThe minister vowed accountability.", D(2025, 3, 11))])
    assert (leads["a"].happened, leads["a"].happened_rule) == (D(2025, 3, 4), "lead")
    assert (leads["b"].happened, leads["b"].happened_rule) == (D(2025, 3, 11), "published")


def test_votes_weigh_the_lead_over_publication_dates():
    day, evidence = vote([(D(2025, 3, 4), "lead", "'on Tuesday'", "aaaaaaaa1"),
                          (D(2025, 3, 5), "published", "published", "bbbbbbbb2"),
                          (D(2025, 3, 5), "published", "published", "cccccccc3"),
                          (D(2025, 3, 4), "lead", "'yesterday'", "dddddddd4")])
    assert day == D(2025, 3, 4)
    assert evidence == "2025-03-04: aaaaaaaa: 'on Tuesday'; dddddddd: 'yesterday'; other days named: 2025-03-05"


def test_a_full_date_in_the_dateline_is_the_publication_date():
    dates = resolve_dates([_article("d", "TEHRAN, Jan. 1, 2022 (IRNA) – The Leader met the family on Saturday."),
                           _article("e", "Officials said on January 1, 2022 – the first day of the year – that it was over.")])
    assert dates["d"].published == D(2022, 1, 1)
    assert dates["d"].published_evidence == "inferred: dateline 'TEHRAN, Jan. 1, 2022 (IRNA)'"
    assert dates["e"].published is None  # a date inside a sentence is not a dateline
