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


def test_average_link_over_blocks_is_the_square_s_average_link():
    """The condensed distances are written a block of rows at a time; the clusters are
    those of scipy's average link over the whole square, computed here the plain way."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    from newsprism.corpus.events import _BLOCK, _average_link, _Similarity

    rng = np.random.default_rng(7)
    n = _BLOCK + 300  # more than one block
    rows, cols = np.repeat(np.arange(n), 30), rng.integers(0, 5000, n * 30)
    x = sparse.csr_matrix((rng.random(n * 30).astype(np.float32), (rows, cols)), shape=(n, 2**20))
    emb = rng.normal(size=(n, 16)).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    days = rng.integers(-1, 30, n)  # -1: undated
    similarity = _Similarity(x, emb, 0.6, rng.random(n) * 0.05)
    members = np.sort(rng.choice(n, size=n - 50, replace=False))
    overrides = {(int(members[3]), int(members[700])): 0.95, (int(members[10]), int(members[11])): 0.9}

    sim = similarity(members, members)
    at = {int(m): k for k, m in enumerate(members)}
    for (a, b), value in overrides.items():
        sim[at[a], at[b]] = sim[at[b], at[a]] = value
    d = days[members]
    sim[(d[:, None] >= 0) & (d[None, :] >= 0) & (np.abs(d[:, None] - d[None, :]) > 3)] = -1.0
    distances = np.clip(1.0 - sim, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    expected = fcluster(linkage(squareform(distances, checks=False), method="average"), t=1.0 - 0.05,
                        criterion="distance") - 1

    got = _average_link(members, similarity, days, 3, 0.05, overrides)
    assert len(set(expected)) > 10
    assert got.tolist() == expected.tolist()


def test_graph_average_link_given_every_pair_is_the_square_s_average_link():
    """Over a complete graph, the graph average link merges as scipy's average link does."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    from newsprism.corpus.events import _graph_average_link

    rng = np.random.default_rng(3)
    for n in (7, 60, 240):
        x = rng.normal(size=(n, 8))
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        sim = 0.5 * x @ x.T
        distances = np.clip(1.0 - sim, 0.0, 2.0)
        np.fill_diagonal(distances, 0.0)
        expected = fcluster(linkage(squareform(distances, checks=False), method="average"), t=0.8,
                            criterion="distance")
        got = _graph_average_link(np.arange(n), {(i, j): float(sim[i, j]) for i in range(n) for j in range(i + 1, n)}, 0.2)
        assert len(set(expected)) > 1
        # the same partition (numbered differently)
        assert len(set(zip(expected.tolist(), got.tolist()))) == len(set(expected)) == len(set(got.tolist()))


def test_graph_average_link_counts_missing_pairs_zero_and_never_spans_the_window():
    from newsprism.corpus.events import _graph_average_link

    members = np.array([10, 11, 12])
    # 10-11 alike; 12 alike to 11 alone: its average with {10, 11} is (0.5 + 0) / 2
    assert _graph_average_link(members, {(10, 11): 0.9, (11, 12): 0.5}, 0.3).tolist() == [0, 0, 1]
    assert _graph_average_link(members, {(10, 11): 0.9, (11, 12): 0.7}, 0.3).tolist() == [0, 0, 0]
    days = np.zeros(13, dtype=np.int64)
    days[10:13] = [100, 104, 109]  # 10 and 12 are 9 days apart
    assert _graph_average_link(members, {(10, 11): 0.9, (11, 12): 0.7}, 0.3, days, 7).tolist() == [0, 0, 1]
    days[12] = -1  # undated: no span
    assert _graph_average_link(members, {(10, 11): 0.9, (11, 12): 0.7}, 0.3, days, 7).tolist() == [0, 0, 0]


def test_components_beyond_dense_max_are_clustered_over_their_edges(monkeypatch, caplog):
    """A component too large for the square of its distances goes to the graph average
    link; on clear-cut inputs it finds what the square does, same-day rule included."""
    import logging

    import newsprism.corpus.events as events

    docs = [EventDoc("a", FLOOD, day=D(2025, 3, 4)), EventDoc("b", FLOOD.replace("searched", "combed"), day=D(2025, 3, 5)),
            EventDoc("c", VOTE, day=D(2025, 3, 4)), EventDoc("d", VOTE + " Pensions rise.", day=D(2025, 3, 6))]
    x, _ = vectorize([FLOOD, FLOOD + " One year on.", VOTE, FLOOD])
    days = [D(2025, 3, 4), D(2026, 3, 4), D(2025, 3, 4), D(2025, 3, 4)]
    stories = EventSettings(embedding_weight=0.0, story_threshold=0.2)
    dense_events, dense_stories = _labels(docs), link_stories(sparse.csr_matrix(x), days, stories).tolist()
    monkeypatch.setattr(events, "DENSE_MAX", 1)
    with caplog.at_level(logging.INFO, logger="newsprism.corpus.events"):
        assert _labels(docs) == dense_events == [0, 0, 1, 1]
        assert link_stories(sparse.csr_matrix(x), days, stories).tolist() == dense_stories
    assert "a component of 2 rows: graph average link" in caplog.text
    assert dense_stories[0] == dense_stories[1] != dense_stories[3]  # one day: never one storyline
