"""The quote stage on the real seeds: every quote with its kind, cue and speaker."""

import threading

import pytest

from newsprism.config import Settings
from newsprism.model import Analysis, Article
from newsprism.stages import build_stages, run_stages
from newsprism.stages.embeds import find_embeds
from newsprism.stages.quotemarks import find_quoted
from newsprism.stages.quotes import _model_source


class _Quotes(list):
    """Found quotes as (kind, text start, cue, speaker); compares on the first 40 characters."""

    def __eq__(self, expected):
        return list(self) == [(k, t[:40], c, s) for k, t, c, s in expected]


def _found(analysis):
    return _Quotes((q.kind, q.text[:40], q.cue, q.speaker_name) for q in analysis.quotes)


def test_seed_000(seeds_by_rules):
    assert _found(seeds_by_rules["000"]) == [
        ("indirect", "the martyr’s blood has given fresh impetu", "saying", "Ali Khamenei"),
        ("indirect", "while the enemy had plans to extinguish t", "said", "Ali Khamenei"),
        ("direct", "Due to the blessing of our dear General S", "stated", "Ali Khamenei"),
        ("direct", "Tens of millions of Iranians attending Ge", "said", "Ali Khamenei"),
        ("direct", "Haj Qassem is a manifestation of endeavor", "noted", "Ali Khamenei"),
        ("direct", "Enemies thought by martyring Soleimani, A", "said", "Ali Khamenei"),
        ("direct", "Martyr Soleimani is an eternal reality th", "said", "Ali Khamenei"),
    ]
    q = seeds_by_rules["000"].quotes[2]
    assert (q.speaker_text, q.text.endswith("than two years ago,")) == ("the Leader", True)


def test_seed_001_indirect_partial_and_pronoun(seeds_by_rules):
    assert _found(seeds_by_rules["001"]) == [
        ("indirect", "that the legacy of the slain general was fadin", "rejected speculations", "Ali Khamenei"),
        ("indirect", "that the resistance movement General Soleimani", "underlining", "Ali Khamenei"),
        ("indirect", "the legacy of the General is more thrivin", "said", "Ali Khamenei"),
        ("direct", "The enemies surmised that with the martyr", "stated", "Ali Khamenei"),
        ("direct", "On the whole, the Resistance and anti-imp", "summed up", "Ali Khamenei"),
        ("direct", "Tens of millions of Iranians attending Ge", "said", "Ali Khamenei"),
        ("partial", "a manifestation of endeavor and untiring,", "describing", "Ali Khamenei"),
        ("direct", "The heroic general of Iran had both coura", "said", "Ali Khamenei"),
        ("direct", "Martyr Soleimani is an eternal reality th", "pointed out", "Ali Khamenei"),
    ]
    he = seeds_by_rules["001"].quotes[5]
    assert he.speaker_text == "he" and "pronoun" in he.rule


def test_seed_002_scare_quotes_are_not_quotes(seeds_by_rules):
    a = seeds_by_rules["002"]
    text = a.article.text
    assert [text[s:e] for s, e in a.scare_quotes] == ["resistance", "Resistance", "Resistance front", "martyrdom"]
    assert _found(a) == [
        # The reported clause holds the quoted words: both are kept, the clause as indirect speech.
        ("indirect", "they “will pay back for their crime.”", "saying", "Ali Khamenei"),
        ("partial", "will pay back for their crime.", "saying", "Ali Khamenei"),
        ("indirect", "that the IRGC general will remain in history a", "insisted", "Ali Khamenei"),
        ("direct", "Martyr Soleimani is more dangerous to his", "stressing", "Ali Khamenei"),
        ("direct", "Trump and others like him will be forgott", "said", "Ali Khamenei"),
        ("indirect", "that those responsible for ordering and carryi", "said", "Ali Khamenei"),
        ("indirect", "that two years after Soleimani’s death Iran’s ", "said", "Ali Khamenei"),
    ]
    assert a.quotes[0].speaker_text == "Iran’s leader"
    assert a.quotes[-1].speaker_text == "Iran’s hardline leader"


def test_seed_003_embedded_posts_go_to_their_authors(seeds_by_rules):
    a = seeds_by_rules["003"]
    embedded = [(q.speaker_text, q.speaker_name, q.text[:30]) for q in a.quotes if q.kind == "embedded"]
    assert embedded == [
        ("Iraq & Middle East Updates (@IraqLiveUpdate)", "Iraq & Middle East Updates", "Activists across the region or"),
        ("CODEPINK (@codepink)", "CODEPINK", "Iran began 2020 mourning the U"),
    ]
    others = {q.speaker_name for q in a.quotes if q.kind != "embedded"}
    assert others == {"Ali Khamenei"}
    partial = [q.text for q in a.quotes if q.kind == "partial"]
    assert partial == ["unforgettable", "surprised the arrogance’s soft war generals and served as a first severe slap in the face of the Americans.",
                       "historic", "wisdom, ingenuity, sacrifice and altruism"]
    carried = next(q for q in a.quotes if q.text.startswith("The US president admitted"))
    assert (carried.kind, carried.cue, carried.speaker_name) == ("direct", None, "Ali Khamenei")
    assert "carried over" in carried.rule
    assert carried.text.endswith("heroism of General Soleimani.")  # a straight quote closes the curly one


def test_seed_004_glued_paragraph(seeds_by_rules):
    assert _found(seeds_by_rules["004"]) == [
        ("direct", "The most important role and service of th", "added", "Ali Khamenei"),
        ("indirect", "General Soleimani had made a great deal o", "said", "Ali Khamenei"),
        ("direct", "The course of strengthening of the resist", "adding", "Ali Khamenei"),
    ]


def test_a_cues_object_before_the_quotation_it_introduces_is_not_a_quote(analysed_seeds):
    # "Ayatollah Khamenei summed up the situation as follows: “On the whole, …”": the
    # tagger reads "the situation" as reported speech of "summed up"; it is the verb's
    # object, and what he said is the quotation.
    summed = [(q.kind, q.text[:20], q.speaker_name) for q in analysed_seeds["001"].quotes if q.cue == "summed up"]
    assert summed == [("direct", "On the whole, the Re", "Ali Khamenei")]


def test_every_quote_span_points_into_the_text(analysed_seeds, seeds_by_rules):
    for a in [*analysed_seeds.values(), *seeds_by_rules.values()]:
        for q in a.quotes:
            assert a.article.text[q.start : q.end] == q.text
            if q.cue_start is not None:
                assert a.article.text[q.cue_start : q.cue_end] == q.cue
            if q.speaker_start is not None and q.kind != "embedded":
                assert a.article.text[q.speaker_start : q.speaker_end] == q.speaker_text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said “yes,” and left.", ["yes,"]),
        ("Soleimani’s “martyrdom”. Don’t ‘go’ now", ["martyrdom", "go"]),
        ("“First paragraph\n\n“second paragraph.” The end", ["First paragraph\n\n“second paragraph."]),
        ("“Never closed\nnext paragraph", ["Never closed"]),
        ('A "straight" one and “mixed." ok', ["straight", "mixed."]),
        ("«Guillemets» and „German“ marks", ["Guillemets", "German"]),
        ("The commanders’ plans and rock ’n’ roll", []),
        ("''Hopefully,'' the president said, ''this museum can help.''", ["Hopefully,", "this museum can help."]),
        ("''I had to think, 'This is their lives.'.'' She left.", ["I had to think, 'This is their lives.'."]),
        ("''It isn't over,'' he said. ''Not 'yet.'''", ["It isn't over,", "Not 'yet.'"]),
        ("''First\n\n''second.'' End", ["First\n\n''second."]),
    ],
)
def test_quotation_marks(text, expected):
    assert [text[q.start : q.end] for q in find_quoted(text)] == expected


def test_embed_signatures():
    text = "Intro.\nWater is rising, stay away pic.twitter.com/AbC123 — Lena Brandt (@lenabrandt_mg) March 4, 2025\nAfter."
    (embed,) = find_embeds(text)
    assert (text[embed.start : embed.end], embed.author, embed.handle, embed.date) == (
        "Water is rising, stay away pic.twitter.com/AbC123", "Lena Brandt", "@lenabrandt_mg", "March 4, 2025")


def test_embed_signature_on_its_own_paragraph():
    text = "The ministry wrote:\n\nOne year ago the dam failed. pic.twitter.com/Kx81 \n\n— Veloria Interior Ministry (@VeloriaInterior) March 4, 2026\n\nMore."
    (embed,) = find_embeds(text)
    assert (text[embed.start : embed.end].strip(), embed.author) == ("One year ago the dam failed. pic.twitter.com/Kx81", "Veloria Interior Ministry")


def test_the_attribution_model_adds_reported_speech_the_rules_miss(analysed_seeds, seeds_by_rules):
    from newsprism.models.attribution import DEFAULT_FOLDER

    if not (DEFAULT_FOLDER / "weights.safetensors").is_file():
        pytest.skip(f"no attribution model weights at {DEFAULT_FOLDER}")
    added = {(q.cue, q.text, q.speaker_name) for q in analysed_seeds["001"].quotes if q.rule == "attribution model"}
    assert ("described", "General Soleimani as a never-dying reality", "Ali Khamenei") in added
    assert ("pointedly said", "the legacy of the General is more thriving than ever", "Ali Khamenei") in added
    # every utterance of the Leader the rules find is still there, and still his
    for number, a in analysed_seeds.items():
        full = {(q.kind, q.text) for q in a.quotes if q.kind != "indirect"}
        assert full == {(q.kind, q.text) for q in seeds_by_rules[number].quotes if q.kind != "indirect"}
        speakers = {q.speaker_name for q in a.quotes if q.kind != "embedded" and q.speaker_name}
        # the model also takes "Iran is planning a long list of events" for an attribution
        assert speakers <= {"Ali Khamenei", "Esmail Ghaani", "Zeinab Soleimani", "Iran"}
    for a in analysed_seeds.values():
        for q in a.quotes:
            if q.rule == "attribution model":
                assert q.kind == "indirect" and q.cue and len(q.text.split()) >= 2


def test_the_model_completes_the_rules_quotes(analysed_seeds):
    from newsprism.models.attribution import DEFAULT_FOLDER

    if not (DEFAULT_FOLDER / "weights.safetensors").is_file():
        pytest.skip(f"no attribution model weights at {DEFAULT_FOLDER}")
    # a reported clause around a partial quote is stored as reported speech of its own,
    # beside the partial quote (the quoted words), both the Leader's
    quotes = analysed_seeds["001"].quotes
    clause = next(q for q in quotes if q.kind == "indirect" and q.text.startswith("him as “a manifestation"))
    partial = next(q for q in quotes if q.kind == "partial" and q.text.startswith("a manifestation"))
    assert clause.start < partial.start and partial.end <= clause.end
    assert (clause.cue, clause.speaker_name, partial.speaker_name) == ("describing", "Ali Khamenei", "Ali Khamenei")
    # the model's cue words replace the rules' verb where they overlap it
    leader = next(q for q in analysed_seeds["000"].quotes if q.text.startswith("Martyr Soleimani is an eternal reality"))
    assert (leader.cue, leader.speaker_text, leader.speaker_name) == ("further said", "The Leader", "Ali Khamenei")
    # a dateline the model took into a source is dropped from it
    tribute = next(q for q in analysed_seeds["004"].quotes if q.cue == "paid tribute to")
    assert tribute.speaker_text == "Leader of the Islamic Revolution Ayatollah Seyed Ali Khamenei"
    assert tribute.speaker_name == "Ali Khamenei"
    # and so is an apposition to the name before the source ("General Qassem Soleimani,
    # the noted commander of the IRGC’s Quds Force, Leader of … Khamenei rejected")
    rejected = next(q for q in analysed_seeds["001"].quotes if q.cue == "rejected")
    assert rejected.speaker_text == "Leader of the Islamic Revolution Ayatollah Seyed Ali Khamenei"
    # and a model cue the place after its verb ("Ayatollah Khamenei said in the meeting")
    millions = next(q for q in analysed_seeds["000"].quotes if q.text.startswith("Tens of millions"))
    assert (millions.cue, millions.speaker_name) == ("said", "Ali Khamenei")


@pytest.mark.parametrize("text, cue", [
    ("Ayatollah Khamenei said in the meeting.", "said"),  # the place is not the cue's
    ("He told reporters on Monday.", "told reporters on"),  # only a preposition right after the verb goes
    ("She weighed in on the plan.", "weighed in on"),  # a phrasal verb keeps its particle
    ("He lashed out at Trump.", "lashed out at"),
])
def test_a_model_cue_loses_the_preposition_after_its_verb(text, cue):
    from newsprism.models.attribution import TaggedSpan
    from newsprism.stages.linking import _cue_without_place

    start = text.index(cue.split()[0])
    tagged = TaggedSpan("cue", start, start + len(cue if cue != "said" else "said in"), 0.9)
    got = _cue_without_place(text, tagged)
    assert text[got.start : got.end] == cue


@pytest.mark.parametrize("text, tagged, source", [
    ("With the family of General Qassem Soleimani, the noted commander of the Quds Force, Leader Ali Khamenei rejected it",
     "the noted commander of the Quds Force, Leader Ali Khamenei", "Leader Ali Khamenei"),
    ("Tim Kaine, Hillary Clinton's running mate, said it", "Tim Kaine, Hillary Clinton's running mate",
     "Tim Kaine, Hillary Clinton's running mate"),  # no name before the span
    ("After meeting Obama, the senator said it", "the senator", "the senator"),  # nothing after an apposition
    # a time is cut from a name, not from a noun phrase it belongs to
    ("Khamenei in January 2020 had said it", "Khamenei in January 2020", "Khamenei"),
    ("a poll released last week found it", "a poll released last week", "a poll released last week"),
])
def test_a_model_source_loses_an_apposition_to_the_name_before_it_and_a_time_after_a_name(text, tagged, source):
    from newsprism.stages.quotes import _model_source

    start = text.index(tagged)
    a, b = _model_source(text, start, start + len(tagged))
    assert text[a:b] == source


def test_int8_tagger_keeps_nearly_every_quote_and_each_articles_quotes_are_its_own(analysed_seeds, seeds_int8):
    """``--tagger-precision int8``: the stage says so in its version; an article's quotes
    do not depend on the articles tagged beside it (each window is tagged alone: int8's
    activation scale is one per batch, and batched, four of the five seeds got other
    quotes alone than together); and int8 keeps nearly every quote fp32 finds. Which few
    move depends on the CPU, as the float kernels between the int8 products differ by
    instruction set: on an AVX2 machine (windows batched) a cue lost its particle, a
    clause was cut in two and a speakerless clause got the apposition after it; on an
    AVX512-VNNI machine a clause boundary moved in 003 and 004's "paid tribute to" quote
    of the Leader gave way to a split of Zeinab Soleimani's report (61 of 64 kept on both).
    With the tagger of 2026-12-07 fp32 finds 66, int8 keeps 63 of them (AVX512-VNNI): a
    cue moved in 001, 002's "described" lost its speaker, 004's "paid tribute to" went.
    Since 001's "summed up [the situation] as follows" is one quote, not two, fp32 finds 65."""
    from newsprism.models.attribution import DEFAULT_FOLDER

    if not (DEFAULT_FOLDER / "weights.safetensors").is_file():
        pytest.skip(f"no attribution model weights at {DEFAULT_FOLDER}")

    def found(a):
        return {(q.kind, q.text, q.cue, q.speaker_name) for q in a.quotes}

    together = run_stages(build_stages(Settings(tagger_precision="int8")),
                          [Analysis(a.article) for a in seeds_int8.values()])
    kept = 0
    for (number, alone), beside in zip(seeds_int8.items(), together):
        a = analysed_seeds[number]
        assert (dict(a.stages)["quotes"], dict(alone.stages)["quotes"]) == ("13", "13+int8.3")
        assert found(beside) == found(alone), number
        assert len(found(a) - found(alone)) <= 2, number
        kept += len(found(a) & found(alone))
    assert sum(len(found(a)) for a in analysed_seeds.values()) == 65 and kept >= 61
    leader = sum(q[3] == "Ali Khamenei" for a in seeds_int8.values() for q in found(a))
    assert leader >= 54  # of fp32's 56


def test_a_reported_clause_around_a_partial_quote_is_reported_speech(by_rules):
    # the clause, its closing mark just past the parse's clause, beside the quoted words
    assert by_rules("Obama said there is a danger when “a president gets loose with this language,” in a speech on Friday.") == [
        ("indirect", "there is a danger when “a president gets loose with this language,”", "said", "Obama"),
        ("partial", "a president gets loose with this language,", "said", "Obama"),
    ]
    # one word of the clause outside the marks is enough
    assert by_rules('Mills "got an immunity agreement," Jordan said.') == [
        ("indirect", 'Mills "got an immunity agreement,"', "said", "Jordan"),
        ("partial", "got an immunity agreement,", "said", "Jordan"),
    ]


def test_the_verb_whose_clause_holds_the_quotation_is_its_cue(by_rules):
    # "accusing" stands nearer the quotation, but the quotation is what she says
    text = "She says Trump’s tweets accusing Machado of having a criminal record are “lies and conspiracy theories.”"
    assert by_rules(text) == [
        ("indirect", "Trump’s tweets accusing Machado of having a criminal record are “lies and conspiracy theories.”", "says", "She"),
        ("partial", "lies and conspiracy theories.", "says", "She"),
    ]


@pytest.mark.parametrize("words, source", [
    ("Sanders on", "Sanders"),
    ("Mr. Kamin, who", "Mr. Kamin"),
    ("which together", "which"),
    ("The Washington Post–", "The Washington Post"),
    ("Islam Times - Leader of the Islamic Revolution", "Leader of the Islamic Revolution"),
    ("who", "who"),
    ("the mayor of Boston", "the mayor of Boston"),
])
def test_words_that_cannot_end_a_model_source_are_dropped(words, source):
    text = f"x {words} y"
    start, end = _model_source(text, 2, 2 + len(words))
    assert text[start:end] == source


def test_a_quotation_signed_on_its_own_line_is_its_signer_s(by_rules):
    text = ("Voters told us what they thought of the debate.\n"
            "“I just hope this campaign gives us the anger to go out and vote.” ― Jorge Falcon\n"
            "“Maybe we can build a wall around him instead.” —\u00a0Martha Aguilar\n")
    assert by_rules(text) == [
        ("indirect", "what they thought of the debate", "told", "Voters"),
        ("direct", "I just hope this campaign gives us the anger to go out and vote.", None, "Jorge Falcon"),
        ("direct", "Maybe we can build a wall around him instead.", None, "Martha Aguilar"),
    ]
    # a quotation inside the writer's line is not signed by a name after a dash
    mid_line = "The plan was ruled out as “a disaster for the whole coast and its people” — Greenpeace\n"
    assert by_rules(mid_line) == [("partial", "a disaster for the whole coast and its people", None, None)]


def _stage_by_stage(stages, analyses):
    """The stages piped one after the other, none started early (the tagger in line)."""
    for stage in stages:
        analyses = list(stage.pipe(analyses))
    return analyses


def test_the_tagger_begun_beside_the_parse_gives_the_same_quotes(analysed_seeds):
    """run_stages starts the tagger in a background thread before the parse; the quotes are
    those of the tagger run in line, and a tagging begun for other articles is not used."""
    from newsprism.models.attribution import DEFAULT_FOLDER
    from newsprism.stages.quotes import QuoteFinder

    if not (DEFAULT_FOLDER / "weights.safetensors").is_file():
        pytest.skip(f"no attribution model weights at {DEFAULT_FOLDER}")

    def found(a):
        return [(q.kind, q.start, q.end, q.cue, q.speaker_text, q.speaker_name, q.rule) for q in a.quotes]

    stages = build_stages(Settings())
    quotes = next(s for s in stages if isinstance(s, QuoteFinder))
    tag, where = quotes._tag, []

    def tag_recorded(texts):
        where.append((threading.current_thread().name.startswith("newsprism-tagger"), len(texts)))
        return tag(texts)

    quotes._tag = tag_recorded
    seeds = [Analysis(a.article) for a in analysed_seeds.values()]
    in_line = _stage_by_stage(stages, seeds)
    assert [found(a) for a in in_line] == [found(a) for a in analysed_seeds.values()]
    assert sum(q.rule == "attribution model" for a in in_line for q in a.quotes) > 0
    assert [found(a) for a in run_stages(stages, seeds)] == [found(a) for a in in_line]
    quotes.start(seeds[:2])  # begun for two articles, piped with others: tagged again
    assert [found(a) for a in _stage_by_stage(stages, seeds[2:])] == [found(a) for a in in_line[2:]]
    assert quotes._pending is None
    # in line, then in the tagger's thread (run_stages), then the stale two and the three again
    assert where == [(False, 5), (True, 5), (True, 2), (False, 3)]


def test_an_error_in_the_background_tagging_fails_its_article_alone(monkeypatch):
    """The tagger's error is raised where the quote stage runs, and the engine's retry one
    article at a time keeps the others."""
    from newsprism.engines.local import analyse_articles
    from newsprism.model import Failure
    from newsprism.stages.quotes import QuoteFinder

    stages = build_stages(Settings())
    quotes = next(s for s in stages if isinstance(s, QuoteFinder))
    started = []

    def tag(texts):
        started.append(len(texts))
        if any("boom" in t for t in texts):
            raise RuntimeError("tagger broke")
        return [[] for _ in texts]

    monkeypatch.setattr(quotes, "_tag", tag)
    articles = [Article(id=f"a{i}", source=f"a{i}.txt", format="txt", language="en",
                        text=f"“We will stay,” the mayor said. {word}") for i, word in enumerate(["one", "boom", "two"])]
    out = analyse_articles(stages, articles)
    assert [type(r).__name__ for r in out] == ["Analysis", "Failure", "Analysis"]
    assert isinstance(out[1], Failure) and "RuntimeError: tagger broke" in out[1].reason
    assert [q.speaker_text for q in out[0].quotes] == ["the mayor"]
    assert started == [3, 1, 1, 1]  # the batch begun in the background, then one by one


def test_a_started_quote_stage_pickles_without_its_thread(analysed_seeds):
    import pickle

    from newsprism.stages.quotes import QuoteFinder

    stage = QuoteFinder(model=True)
    stage.start([Analysis(a.article) for a in list(analysed_seeds.values())[:1]])
    copy = pickle.loads(pickle.dumps(stage))
    assert (copy._tagger, copy._thread, copy._pending, copy.version) == (None, None, None, stage.version)
    stage._settle()


@pytest.fixture(scope="module")
def quotes_of():
    """Every stage, as `analyze` runs them, on one English article: its quotes as
    ``(kind, text start, cue, speaker words, speaker's name)``."""
    stages = build_stages(Settings())

    def run(text):
        a = run_stages(stages, [Analysis(Article(id="x", source="x", format="txt", text=text, language="en"))])[0]
        return [(q.kind, q.text[:25], q.cue, q.speaker_text, q.speaker_name) for q in a.quotes]

    return run


@pytest.fixture(scope="module")
def speakers(quotes_of):
    """``text -> [(kind, text start, speaker words, speaker's name)]``, as :func:`quotes_of`."""
    return lambda text: [(kind, start, words, name) for kind, start, _cue, words, name in quotes_of(text)]


def test_a_pronoun_takes_the_speaker_of_the_quote_before_it_whatever_rule_found_that_quote(speakers):
    # examples/corpus/txt/minister-faces-mps.txt: the question is reported speech (found
    # after the quotation marks' quotes); "he" is its asker, not the minister he asked.
    assert speakers('Interior Minister Nadira Qasimova faced the committee on Tuesday. '
                    'Opposition leader Sebastian Oremund asked the minister why three warning letters sent to her '
                    'ministry since 2019 had gone unanswered. "You did not lose those letters, Minister. You filed '
                    'them," he said, to applause from the public gallery.') == [
        ("indirect", "why three warning letters", "Opposition leader Sebastian Oremund", "Sebastian Oremund"),
        ("direct", "You did not lose those le", "he", "Sebastian Oremund"),
    ]


def test_a_pronoun_after_a_newly_named_subject_is_that_person(speakers):
    # examples/corpus/txt/one-year-after-kessel.txt: the previous quote is the minister's,
    # but Oremund is named since, as the subject of his sentence.
    assert speakers('Qasimova, who survived a no-confidence vote in October, told the official ceremony that the '
                    'rebuilt spillway had passed every safety test. "This dam is now the safest in the Republic," she '
                    'said.\n\nOpposition leader Sebastian Oremund, whose Civic Renewal Party leads opinion polls, laid '
                    'flowers at the ferry terminal. He said the anniversary should be "a day of truth, not a day of '
                    'speeches."') == [
        ("indirect", "that the rebuilt spillway", "Qasimova, who survived a no-confidence vote in October", "Qasimova"),
        ("direct", "This dam is now the safes", "she", "Qasimova"),
        ("indirect", "the anniversary should be", "He", "Sebastian Oremund"),
        ("partial", "a day of truth, not a day", "He", "Sebastian Oremund"),
    ]


def test_a_possessor_inside_the_speaker_is_not_the_speaker(speakers):
    # PolNeAR test (nyt_2016-10-23): the longer name inside the speaker was taken before
    found = speakers("Tim Kaine, Hillary Clinton's vice-presidential nominee, said he was concerned about the "
                     'transaction. "Less concentration, I think, is generally helpful," he said.')
    assert [(kind, name) for kind, _text, _words, name in found] == [("indirect", "Tim Kaine"), ("direct", "Tim Kaine")]


def test_a_speaker_is_not_sought_across_the_quotation(quotes_of):
    # PolNeAR dev (politico_2016-09-30): Clinton, named before the quotation, was taken as
    # the speaker of "the union wrote", whose subject is no person's name
    text = ("The statement said Clinton, the first woman nominated for president by a major party, would change the "
            "workplace: “Her fight, long and historic, has opened the door for women to become equal partners,” the "
            "union wrote.")
    assert quotes_of(text) == [("direct", "Her fight, long and histo", "wrote", "the union", None)]


def test_a_subject_inside_a_title_in_quotation_marks_is_not_the_speaker(quotes_of):
    # PolNeAR dev (politico_2016-09-08): the parser made "Fox" the subject of "said"; and
    # the person before the verb is Flynn, not the Trump of "a top Trump surrogate"
    text = ("“There is a severe disconnect between this White House and our military,” Flynn, a top Trump surrogate, "
            "said Thursday on Fox News’s “Fox and Friends.”")
    assert quotes_of(text) == [("direct", "There is a severe disconn", "said", "Flynn, a top Trump surrogate", "Flynn")]


def test_a_cue_goes_to_the_content_it_stands_nearest(quotes_of):
    # "said" stands nearer the end of the first clause than "told" does its start, but it
    # is the second clause's cue
    text = "Police chief Kerr Putney later told CNN that the video did not show a gun in the man's hand, but he said witnesses saw one nearby."
    assert quotes_of(text) == [
        ("indirect", "that the video did not sh", "later told", "Police chief Kerr Putney", "Kerr Putney"),
        ("indirect", "witnesses saw one nearby", "said", "he", "Kerr Putney"),
    ]


def test_transcript_paragraphs_are_their_labels_speakers(quotes_of):
    text = ("Chris Wallace questioned Mike Pence on Sunday.\n\n"
            "WALLACE: Let's start with the debate and the guests in the front row.\n\n"
            "PENCE: Well, look, the campaign thinks this is about something else.\n\n"
            "WALLACE: Do you really see those two as equal?\n\n"
            "UPDATE: This story has been revised.\n\nUPDATE: It was revised again.")
    assert quotes_of(text) == [
        ("indirect", "Mike Pence", "questioned", "Chris Wallace", "Chris Wallace"),
        ("direct", "Let's start with the deba", ":", "WALLACE", "Chris Wallace"),
        ("direct", "Well, look, the campaign ", ":", "PENCE", "Mike Pence"),
        ("direct", "Do you really see those t", ":", "WALLACE", "Chris Wallace"),
    ]
    # a label in capitals used twice makes a transcript; nobody in it has the surname, so
    # each label is its only evidence, and a chain of its own (the guest speaks once)
    # a label in capitals outside a transcript is no speaker's: a dateline, though NER takes
    # "WASHINGTON" for the article's George Washington
    dateline = "Historians say George Washington never slept here.\n\nWASHINGTON: The senators met on Monday."
    assert [kind for kind, _start, cue, _words, _name in quotes_of(dateline) if cue == ":"] == []
    text = "HOST: Welcome back to the programme tonight.\n\nGUEST: Thank you for having me here.\n\nHOST: Let us begin."
    assert [(start, words, name) for _kind, start, _cue, words, name in quotes_of(text)] == [
        ("Welcome back to the progr", "HOST", "HOST"), ("Thank you for having me h", "GUEST", "GUEST"),
        ("Let us begin.", "HOST", "HOST")]


def test_a_headline_with_a_speaker_label_reports_the_gist(quotes_of):
    # its own sentence only, as reported speech: a headline gives the gist in its own words
    text = ("Pence: Flowers Won't Be at Debate, Trump Was Mocking Clinton Invitation\n\n"
            "Clinton: As Senator, I Worked With Wall Street But Still Called For Closing Loophole. In remarks in "
            "San Diego, Hillary Clinton said, “When I was a Senator from New York, I represented them.”\n\n"
            "Mike Pence spoke on Sunday.")
    found = quotes_of(text)
    assert found[:2] == [
        ("indirect", "Flowers Won't Be at Debat", ":", "Pence", "Mike Pence"),
        ("indirect", "As Senator, I Worked With", ":", "Clinton", "Hillary Clinton"),
    ]
    assert ("direct", "When I was a Senator from", "said", "Hillary Clinton", "Hillary Clinton") in found


def test_an_opening_mark_left_at_the_end_of_a_sentence_opens_the_next():
    from newsprism.model import Sentence
    from newsprism.stages.segment import _marks_to_next

    text = "Experts agree it should go. ''The rule should be capped,'' Mr. Rosenthal said."
    sentences = [Sentence(0, 0, 30, 0), Sentence(1, 30, len(text), 0)]  # as the recogniser cut them
    assert [text[s.start : s.end] for s in _marks_to_next(text, sentences)] == [
        "Experts agree it should go.", "''The rule should be capped,'' Mr. Rosenthal said."]


def test_quotations_in_doubled_apostrophes_are_direct_quotes(quotes_of):
    text = "Experts agree the exemption should be repealed. ''The rule should be eliminated, or capped,'' Mr. Rosenthal said."
    assert quotes_of(text)[-1] == ("direct", "The rule should be elimin", "said", "Mr. Rosenthal", "Mr. Rosenthal")


def test_a_quotation_after_a_label_is_the_labels_speakers_and_the_paragraph_goes_on(quotes_of):
    # German Wikinews: "Steinbrück: „…“. Er räumte jedoch ein, dass …": the quotation alone
    text = ("Finance Minister Anna Berg spoke on Monday.\n\nBerg: “The budget does not have a spending problem.” "
            "She admitted that the tax rise would hurt families.")
    assert quotes_of(text) == [
        ("direct", "The budget does not have ", ":", "Berg", "Anna Berg"),
        ("indirect", "that the tax rise would h", "admitted", "She", "Anna Berg"),
    ]


def test_a_preposition_after_the_cue_is_the_cues_not_the_contents(quotes_of):
    # the tagger puts "for" at the start of the content; PolNeAR's cue is "called for"
    assert quotes_of("In his budget, President Obama called for reducing the corporate tax rate to 28 percent.") == [
        ("indirect", "reducing the corporate ta", "called for", "President Obama", "President Obama")]


def test_an_interviews_answers_are_the_interviewees_and_its_questions_the_interviewers(quotes_of):
    # of the two people the introduction names, the one the reporter spoke "with" answers,
    # the one who spoke with her asks
    text = ("Herald reporter Tom Baines spoke with Mayor Anna Berg about the flood defences.\n\n"
            "Q: Were the warnings ignored?\n\nA: No. We acted on every report we received.\n\n"
            "Q: Will you resign?\n\nA: I will not resign over this.")
    labelled = [q for q in quotes_of(text) if q[3] in ("Q", "A")]  # (the tagger also reads "spoke … about the flood defences")
    assert labelled == [
        ("direct", "Were the warnings ignored", ":", "Q", "Tom Baines"),
        ("direct", "No. We acted on every rep", ":", "A", "Anna Berg"),
        ("direct", "Will you resign?", ":", "Q", "Tom Baines"),
        ("direct", "I will not resign over th", ":", "A", "Anna Berg"),
    ]
    # the introduction names the interviewee alone: the questions are nobody's
    text = ("In an interview this week, Mayor Anna Berg looked back on the flood.\n\n"
            "Q: Were the warnings ignored?\n\nA: No. We acted on every report we received.")
    assert [name for *_rest, name in quotes_of(text)] == [None, "Anna Berg"]
    # no introduction names the interviewee: no evidence, no speaker
    assert [name for *_rest, name in quotes_of("Q: Were the warnings ignored?\n\nA: No, never.")] == [None, None]
