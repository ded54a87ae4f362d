"""Weighted log-odds with an informative Dirichlet prior, against a hand-computed example."""

import math

import pytest

from newsprism.corpus.logodds import background_prior, log_odds


def test_a_hand_computed_example():
    # target {a: 3, b: 1}, other {a: 1, b: 3}, prior {a: 1, b: 1}: n_i = n_j = 4, a_0 = 2.
    # delta_a = log((3+1)/(4+2-3-1)) - log((1+1)/(4+2-1-1)) = log 2 - log 0.5 = 2 log 2
    # var_a = 1/(3+1) + 1/(1+1) = 0.75
    scores = log_odds({"a": 3, "b": 1}, {"a": 1, "b": 3}, {"a": 1.0, "b": 1.0})
    assert [s.term for s in scores] == ["a", "b"]
    a, b = scores
    assert a.delta == pytest.approx(2 * math.log(2))
    assert a.z == pytest.approx(2 * math.log(2) / math.sqrt(0.75))
    assert a.z == pytest.approx(1.600754, abs=1e-6)
    assert b.delta == pytest.approx(-a.delta) and b.z == pytest.approx(-a.z)
    assert (a.count, a.other) == (3, 1)


def test_the_prior_shrinks_a_rare_word_below_a_frequent_one():
    # "x" twice in the target only; "y" 20 times in the target, 10 in the other (same sizes).
    target = {"x": 2, "y": 20, "z": 78}
    other = {"y": 10, "z": 90}
    background = {w: target.get(w, 0) + other.get(w, 0) for w in {"x", "y", "z"}}
    scores = {s.term: s for s in log_odds(target, other, background_prior(background, 100))}
    assert scores["x"].delta > scores["y"].delta  # the raw ratio favours the rare word
    assert scores["y"].z > scores["x"].z  # the z-score does not


def test_a_word_outside_the_prior_is_left_out():
    assert [s.term for s in log_odds({"a": 1, "b": 1, "new": 5}, {"a": 2, "b": 2}, {"a": 1.0, "b": 1.0})] == ["a", "b"]  # tied: by term
    assert log_odds({"a": 1}, {"a": 2}, {"a": 1.0}) == []  # one word is all of each side


def test_background_prior_sums_to_its_strength():
    prior = background_prior({"a": 3, "b": 1, "c": 0}, 8)
    assert prior == {"a": 6.0, "b": 2.0}
    with pytest.raises(ValueError):
        background_prior({}, 1)


def test_scoring_only_some_words_gives_their_full_scores():
    from collections import Counter

    from newsprism.corpus.framing import FramingSettings, distinctive

    target = Counter({"strike": 5, "martyr": 3, "said": 9, "once": 1, "both": 2})
    other = Counter({"strike": 2, "killing": 7, "said": 30, "both": 4, "rare": 1})
    prior = background_prior(target + other, 10.0)
    full = log_odds(target, other, prior)
    some = log_odds(target, other, prior, ["martyr", "said", "killing"])
    assert some == [s for s in full if s.term in {"martyr", "said", "killing"}]
    # distinctive() scores only the target's words used min_count times: the same list as
    # filtering the scores of every word
    settings = FramingSettings(min_z=-100.0, min_count=2, top_terms=10)
    expected = [s.term for s in full if s.count >= 2][:10]
    assert [d["term"] for d in distinctive(target, other, prior, settings)] == expected


def test_a_prior_keeps_its_sum_and_scores_as_a_plain_mapping_does():
    from newsprism.corpus.logodds import Prior, background_prior

    background = {"sanctions": 7, "resistance": 3, "martyrdom": 1, "killing": 2}
    prior = background_prior(background, 500.0)
    assert isinstance(prior, Prior) and prior.total == sum(dict(prior).values())
    target, other = {"martyrdom": 4, "resistance": 2}, {"killing": 5, "sanctions": 9, "resistance": 1}
    assert log_odds(target, other, prior) == log_odds(target, other, dict(prior))
