"""Event clustering and storylines on small inputs (TF-IDF only, no model)."""

import datetime as dt

import numpy as np
from scipy import sparse

from newsprism.corpus.events import EventDoc, EventSettings, cluster_events, link_stories, vectorize

WORDS = EventSettings(embedding_weight=0.0, background=0, threshold=0.2, undated_threshold=0.3)
D = dt.date

RATE = "The central bank held its benchmark interest rate at {r} percent, citing inflation and weak lending to firms."
FLOOD = "Floodwater from the burst Kessel dam swept through Lower Tannery, and rescuers searched flooded cellars."
VOTE = "Parliament passed the budget bill after a night of debate over pensions, tuition and defence spending."


def _labels(docs, settings=WORDS, **kw):
    return [int(x) for x in cluster_events(docs, settings, **kw).labels]


def test_one_happening_joins_another_on_another_day_does_not():
    docs = [EventDoc("a", FLOOD, day=D(2025, 3, 4)), EventDoc("b", FLOOD.replace("searched", "combed"), day=D(2025, 3, 5)),
            EventDoc("c", VOTE, day=D(2025, 3, 4))]
    assert _labels(docs) == [0, 0, 1]


def test_monthly_decisions_with_the_same_words_stay_separate():
    docs = [EventDoc(f"m{i}", RATE.format(r=4.5), day=D(2025, 1 + i, 15)) for i in range(3)]
    docs.append(EventDoc("m0b", RATE.format(r="4.50"), day=D(2025, 1, 16)))
    assert _labels(docs) == [0, 1, 2, 0]


def test_copied_background_is_no_evidence_of_one_event():
    background = " ".join([FLOOD] * 6)
    a_text = f"{background} The minister resigned over the report."
    b_text = f"{background} Divers recovered two bodies near the sluice."
    docs = [EventDoc("a", a_text, day=D(2025, 3, 4)), EventDoc("b", b_text, day=D(2025, 3, 6))]
    assert _labels(docs) == [0, 0]  # alike only through the shared paragraph
    spans = ((0, len(background)),)
    masked = [EventDoc("a", a_text, day=D(2025, 3, 4), masks={"b": spans}),
              EventDoc("b", b_text, day=D(2025, 3, 6), masks={"a": spans})]
    assert _labels(masked) == [0, 1]


def test_syndicated_copies_are_one_event_and_undated_articles_need_more():
    docs = [EventDoc("a", FLOOD, day=D(2025, 3, 4)), EventDoc("b", VOTE, day=D(2025, 3, 4)), EventDoc("c", FLOOD)]
    assert _labels(docs) == [0, 1, 0]
    assert _labels(docs, forced=[("a", "b")]) == [0, 0, 0]
    weak = [EventDoc("a", FLOOD, day=D(2025, 3, 4)), EventDoc("c", "Rescuers searched cellars. " + VOTE)]
    assert _labels(weak) == [0, 1]


def test_storylines_link_events_over_time_but_not_two_events_of_one_day():
    x, _ = vectorize([FLOOD, FLOOD + " One year on.", VOTE, FLOOD])
    days = [D(2025, 3, 4), D(2026, 3, 4), D(2025, 3, 4), D(2025, 3, 4)]
    labels = link_stories(sparse.csr_matrix(x), days, EventSettings(embedding_weight=0.0, story_threshold=0.2))
    assert labels[0] == labels[1] != labels[2]
    assert labels[3] != labels[0]  # same day as the first: two events side by side, not a sequel
    assert np.unique(labels).size == 3
