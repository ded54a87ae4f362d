"""The framing stage on the real seeds: lexicon hits and acts, each with its voice."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsprism.errors import ConfigError
from newsprism.model import Quote
from newsprism.corpus.framing import voices_of
from newsprism.stages.framing import LEXICONS, Cover, FramingFinder, VoiceSpans, bias_lexicon_path, inside, load_lexicon


@pytest.fixture
def fresh_lexicons():
    load_lexicon.cache_clear()
    yield
    load_lexicon.cache_clear()


def test_the_lexicons_are_whole(shared_dir):
    assert bias_lexicon_path()[0].is_relative_to(shared_dir)
    sizes = {kind: len(load_lexicon(kind)[0]) + len(load_lexicon(kind)[1]) for kind in LEXICONS}
    assert sizes == {"bias": 654, "hedge": 100, "factive": 27, "assertive": 66, "implicative": 32}
    assert ("certain", "amount") in load_lexicon("hedge")[1] and "apparently" in load_lexicon("hedge")[0]


def test_without_the_bias_lexicon_no_bias_words_and_the_version_says_so(fresh_lexicons, monkeypatch, tmp_path, caplog):
    monkeypatch.delenv("NEWSPRISM_BIAS_LEXICON", raising=False)
    monkeypatch.setenv("NEWSPRISM_SHARED", str(tmp_path))
    assert load_lexicon("bias") == (frozenset(), ())
    assert "no bias lexicon at" in caplog.text and str(tmp_path) in caplog.text
    assert FramingFinder().version == "2-no-bias-lexicon"
    assert len(load_lexicon("hedge")[0]) > 0  # the shipped lists are unaffected


def test_a_named_bias_lexicon_is_read_or_its_path_reported(fresh_lexicons, monkeypatch, tmp_path):
    lexicon = tmp_path / "mine.txt"
    lexicon.write_text("regime\nfind out\n", encoding="utf-8")
    monkeypatch.setenv("NEWSPRISM_BIAS_LEXICON", str(lexicon))
    assert load_lexicon("bias") == (frozenset({"regime"}), (("find", "out"),))
    assert FramingFinder().version == "2"
    load_lexicon.cache_clear()
    monkeypatch.setenv("NEWSPRISM_BIAS_LEXICON", str(tmp_path / "missing.txt"))
    with pytest.raises(ConfigError, match="missing.txt"):
        load_lexicon("bias")


def test_voice_spans_tell_quoted_from_reported():
    voices = VoiceSpans([Quote(10, 20, "x" * 10, "direct"), Quote(30, 50, "y" * 20, "indirect"),
                         {"start": 60, "end": 70, "kind": "partial"}])
    assert (voices.voice(12, 15), voices.voice(35, 40), voices.voice(62, 64), voices.voice(0, 5)) == (
        "quoted", "reported", "quoted", "own")
    assert voices.voice(15, 25) == "own"  # straddles the end of a quote: not inside it
    # content in pieces: the account between them ("laut Feuerwehr") is the writer's
    pieces = [Quote(0, 59, "Das Feuer war … gegen Mitternacht ausgebrochen", "indirect", content_parts=((0, 13), (29, 59))),
              {"start": 100, "end": 159, "kind": "indirect", "content_parts": "[[100, 113], [129, 159]]"}]
    voices = VoiceSpans(pieces)
    assert [voices.voice(*span) for span in ((0, 13), (14, 28), (30, 40), (114, 128), (130, 140))] == [
        "reported", "own", "reported", "own", "reported"]


def _acts(analysis):
    return [(t.text, t.family, t.voice, t.scare) for t in analysis.framing if t.kind == "act" and t.family == "death"]


def test_acts_done_to_soleimani_in_002(analysed_seeds):
    assert _acts(analysed_seeds["002"]) == [
        ("killing", "death", "reported", False),  # "for the killing of Qasem Soleimani"
        ("martyrdom", "death", "reported", True),  # "to mark Soleimani’s “martyrdom”"
        ("killed", "death", "reported", False),  # "the drome strike that killed Soleimani"
        ("death", "death", "reported", False),  # "two years after Soleimani’s death"
    ]


def test_acts_in_004_are_the_outlets_own(analysed_seeds):
    assert _acts(analysed_seeds["004"]) == [("martyrdom", "death", "own", False),
                                            ("assassinated", "death", "own", False),
                                            ("killed", "death", "own", False)]


def test_a_word_inside_the_leaders_quote_is_quoted(analysed_seeds):
    (martyring,) = [t for t in analysed_seeds["000"].framing if t.text == "martyring" and t.kind == "act"]
    assert (martyring.kind, martyring.voice) == ("act", "quoted")  # "Enemies thought by martyring Soleimani ..."
    (bias,) = [t for t in analysed_seeds["000"].framing if t.text == "martyring" and t.kind == "bias"]
    assert (bias.entry, bias.voice) == ("martyr", "quoted")  # the lexicon is matched on the lemma


def _framing_of(text):
    from newsprism.config import Settings
    from newsprism.model import Analysis, Article
    from newsprism.stages import build_stages, run_stages

    article = Article(id="t", source="t", format="txt", text=text, language="en")
    return run_stages(build_stages(Settings(attribution_model=False)), [Analysis(article)])[0].framing


def test_a_phrase_met_by_its_lemmas_is_one_entry_whatever_the_hash_seed():
    # the hedge list holds both "tend to" and "tends to"; version 1 took whichever its
    # set of phrases happened to yield first under the process's hash seed
    hedges = [(t.text, t.entry) for t in _framing_of("Voters tends to forget. They tend to vote late.") if t.kind == "hedge"]
    assert hedges == [("tends to", "tend to"), ("tend to", "tend to")]
    assert ("tends", "to") in load_lexicon("hedge")[1] and ("tend", "to") in load_lexicon("hedge")[1]

_spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)).map(lambda t: (t[0], t[0] + t[1])), max_size=12)


@given(_spans, st.integers(0, 90), st.integers(0, 20))
def test_cover_answers_as_inside_does(spans, start, width):
    assert Cover(spans).holds(start, start + width) == inside(spans, start, start + width)


@given(_spans, st.lists(st.tuples(st.integers(0, 90), st.integers(1, 40)), max_size=8))
def test_sentence_voices_count_each_sentence_s_characters_as_sums_over_all_spans_do(spans, sentences):
    quotes = [Quote(s, e, "x" * (e - s), "direct" if k % 2 else "indirect") for k, (s, e) in enumerate(spans)]
    voices = VoiceSpans(quotes)
    sentences = [(s, s + w) for s, w in sentences]
    expected = []
    for start, end in sentences:  # the counts before voices_of used its sorted runs
        size = max(1, end - start)
        quoted = sum(max(0, min(e, end) - max(s, start)) for s, e in voices.quoted)
        reported = sum(max(0, min(e, end) - max(s, start)) for s, e in voices.reported)
        attributed = len({c for s, e, *_ in spans for c in range(max(s, start), min(e, end))})
        expected.append("own" if attributed < 0.2 * size else "quoted" if quoted >= 0.8 * size else
                        "reported" if attributed >= 0.8 * size and reported >= quoted else "mixed")
    assert voices_of(sentences, voices) == expected


def test_a_partial_quote_inside_its_reported_clause_counts_once():
    # the writer's words 0-40, the reported clause 40-100 holding the quoted words 60-100
    quotes = [Quote(40, 100, "x" * 60, "indirect"), Quote(60, 100, "x" * 40, "partial")]
    assert voices_of([(0, 100)], VoiceSpans(quotes)) == ["mixed"]  # 60% attributed, not 100%
    assert voices_of([(40, 100)], VoiceSpans(quotes)) == ["reported"]
