"""German attribution (stages/quotes_de.py): cue, speaker and reported speech read from
German word order, on German articles only."""

import pytest

from newsprism.config import Settings
from newsprism.model import Analysis, Article
from newsprism.stages import build_stages, run_stages
from newsprism.stages.quotes import QuoteFinder
from newsprism.stages.quotes_de import german_sentences, german_speaker_after, german_speaker_before


def test_quotations_get_the_cue_and_speaker_german_word_order_gives_them(german):
    text = ("Bundeskanzlerin Angela Merkel sagte am Montag in Berlin: „Wir schaffen das.“ "
            "„Die Polizei war schnell vor Ort“, sagte ein Sprecher der Polizei am Dienstag.\n\n"
            "„Das ist ein großer Tag für Europa!“, rief Ursula von der Leyen. „Wir bleiben hart“, so die Gewerkschaft.\n\n"
            "„Wir sind bereit“, sagte der Vorsitzende, „aber nicht um jeden Preis.“")
    assert german(text) == [
        ("direct", "Wir schaffen das.", "sagte", "Bundeskanzlerin Angela Merkel"),
        ("direct", "Die Polizei war schnell vor Ort", "sagte", "ein Sprecher der Polizei"),
        ("direct", "Das ist ein großer Tag für Europa!", "rief", "Ursula von der Leyen"),
        ("direct", "Wir bleiben hart", "so", "die Gewerkschaft"),
        ("direct", "Wir sind bereit", "sagte", "der Vorsitzende"),
        ("direct", "aber nicht um jeden Preis.", "sagte", "der Vorsitzende"),  # goes on after its cue
    ]


def test_reported_speech_without_marks(german):
    text = ("Der bayerische Ministerpräsident Markus Söder erklärte, man werde die Hilfen verlängern. "
            "Die Ermittlungen dauerten an, so der Sprecher. Die Schulen bleiben geschlossen, teilte die Stadt mit.\n\n"
            "Am Mittwoch teilte das Innenministerium mit, dass drei Menschen verletzt worden seien. "
            "Der Minister hat am Montag gesagt, die Lage sei ernst. Am 3. Oktober sagte Dr. Müller, die Wahl sei fair gewesen.\n\n"
            "Laut dem Deutschen Wetterdienst wird es am Wochenende deutlich kälter. "
            "Nach Angaben der Polizei wurden drei Menschen verletzt. Dem Bericht zufolge ist die Zahl der Opfer gestiegen. "
            "Wie der Sprecher sagte, ist die Lage unter Kontrolle. "
            "Der Sprecher, Max Mustermann, sagte, die Gespräche würden fortgesetzt.")
    assert german(text) == [
        ("indirect", "man werde die Hilfen verlängern", "erklärte", "Der bayerische Ministerpräsident Markus Söder"),
        ("indirect", "Die Ermittlungen dauerten an", "so", "der Sprecher"),
        ("indirect", "Die Schulen bleiben geschlossen", "teilte", "die Stadt"),
        ("indirect", "dass drei Menschen verletzt worden seien", "teilte", "das Innenministerium"),
        ("indirect", "die Lage sei ernst", "gesagt", "Der Minister"),
        ("indirect", "die Wahl sei fair gewesen", "sagte", "Dr. Müller"),
        ("indirect", "wird es am Wochenende deutlich kälter", "Laut", "dem Deutschen Wetterdienst"),
        ("indirect", "wurden drei Menschen verletzt", "Nach Angaben", "der Polizei"),
        ("indirect", "ist die Zahl der Opfer gestiegen", "zufolge", "Dem Bericht"),
        ("indirect", "ist die Lage unter Kontrolle", "sagte", "der Sprecher"),
        ("indirect", "die Gespräche würden fortgesetzt", "sagte", "Der Sprecher, Max Mustermann"),
    ]


def test_sentences_that_report_nobody_give_nothing(german):
    # no clause after the verb; a separable verb without its particle; no reporting verb
    assert german("Er sagte nichts dazu. Die Stadt teilte das Grundstück in zwei Teile. "
                  "Der Fall zeigt, wie wichtig Vorsorge ist. Wenn es regnet, bleiben wir zu Hause.") == []


def test_a_pronoun_speaker_is_the_previous_speaker(german):
    stages = build_stages(Settings())
    text = "Bundeskanzlerin Angela Merkel sagte: „Wir schaffen das.“ Sie fügte hinzu, die Lage sei ernst."
    a = run_stages(stages, [Analysis(Article(id="x", source="x", format="txt", text=text, language="de"))])[0]
    first, second = a.quotes
    assert (second.kind, second.text, second.speaker_text) == ("indirect", "die Lage sei ernst", "Sie")
    assert second.speaker_chain == first.speaker_chain is not None
    assert second.rule.endswith("(pronoun = previous speaker)")


def test_english_articles_are_left_to_the_english_rules(german):
    # the same words, declared English, get no German attribution
    assert german("Der Minister sagte, die Lage sei ernst.", language="en") == []


def test_german_articles_are_not_given_to_the_english_tagger():
    finder = QuoteFinder()
    seen: list[list[str]] = []
    finder._tag = lambda texts: seen.append(texts) or [[] for _ in texts]  # type: ignore[method-assign]
    analyses = [
        Analysis(Article(id="de", source="de", format="txt", text="Der Minister sagte, die Lage sei ernst.", language="de")),
        Analysis(Article(id="en", source="en", format="txt", text="The minister said the situation was serious.", language="en"))]
    for stage in build_stages(Settings()):  # the stages before this one (run_stages drops the parse at the end)
        if stage.name == "quotes":
            break
        analyses = list(stage.pipe(analyses))
    out = list(finder.pipe(analyses))
    assert seen == [["The minister said the situation was serious."]]
    assert [q.cue for q in out[0].quotes] == ["sagte"]
    list(finder.pipe(analyses[:1]))  # German alone: the tagger is not asked at all
    assert len(seen) == 1


@pytest.mark.parametrize("text, speaker", [
    ("der Sprecher der Polizei am Montag.", "der Sprecher der Polizei"),
    ("Merkel der Zeitung.", "Merkel"),
    ("der bayerische Ministerpräsident Markus Söder in München.", "der bayerische Ministerpräsident Markus Söder"),
    ("er.", "er"),
    ("am Montag der Minister.", None),
    ("nichts.", None),
])
def test_the_speaker_after_a_cue_verb(text, speaker):
    span = german_speaker_after(text, 0, len(text))
    assert (text[span[0]:span[1]] if span else None) == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Der Minister", "Der Minister"),
    ("Am Montag", None),  # an adverbial: the subject follows the verb
    ("Wie der Sprecher", None),
    ("Der Minister und die Kanzlerin", None),
    ("Die Lage ist ernst. Der Minister", None),
])
def test_the_speaker_before_a_cue_verb(text, speaker):
    span = german_speaker_before(text, 0, len(text))
    assert (text[span[0]:span[1]] if span else None) == speaker


def test_german_sentences_do_not_end_at_ordinals_or_abbreviations():
    text = "Am 3. Oktober sprach Dr. Müller. Danach gingen alle nach Hause!\nNeue Zeile"
    assert [text[a:b] for a, b in german_sentences(text)] == [
        "Am 3. Oktober sprach Dr. Müller.", "Danach gingen alle nach Hause!", "Neue Zeile"]


def test_the_perfect_tense_before_a_quotation(german):
    assert german("Er hat gesagt: „Das reicht nicht.“ Am Montag hat der Minister erklärt: „Wir handeln.“") == [
        ("direct", "Das reicht nicht.", "gesagt", "Er"), ("direct", "Wir handeln.", "erklärt", "der Minister")]


def test_a_pronoun_after_an_organisation_stays_unresolved():
    stages = build_stages(Settings())
    text = "Das Innenministerium teilte mit, die Lage sei ruhig. Er sagte, man werde abwarten."
    a = run_stages(stages, [Analysis(Article(id="x", source="x", format="txt", text=text, language="de"))])[0]
    assert [(q.speaker_text, q.speaker_chain is None) for q in a.quotes] == [("Das Innenministerium", False), ("Er", True)]
