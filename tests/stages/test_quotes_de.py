"""German attribution (stages/quotes_de.py): cue, speaker and reported speech read from
German word order, on German articles only."""

import pytest

from newsprism.config import Settings
from newsprism.model import Analysis, Article
from newsprism.stages import build_stages
from newsprism.stages.quotes import QuoteFinder
from newsprism.stages.german import german_sentences, german_speaker_after, german_speaker_before


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
        # a cue in pieces, as the German Wikinews set marks it: the particle, the auxiliary
        ("indirect", "Die Schulen bleiben geschlossen", "teilte … mit", "die Stadt"),
        ("indirect", "dass drei Menschen verletzt worden seien", "teilte … mit", "das Innenministerium"),
        ("indirect", "die Lage sei ernst", "hat … gesagt", "Der Minister"),
        ("indirect", "die Wahl sei fair gewesen", "sagte", "Dr. Müller"),
        ("indirect", "wird es am Wochenende deutlich kälter", "Laut", "dem Deutschen Wetterdienst"),
        ("indirect", "wurden drei Menschen verletzt", "Nach", "Angaben der Polizei"),  # as the German Wikinews set marks it
        ("indirect", "ist die Zahl der Opfer gestiegen", "zufolge", "Dem Bericht"),
        ("indirect", "ist die Lage unter Kontrolle", "sagte", "der Sprecher"),
        ("indirect", "die Gespräche würden fortgesetzt", "sagte", "Der Sprecher, Max Mustermann"),
    ]


def test_sentences_that_report_nobody_give_nothing(german):
    # no clause after the verb; a separable verb without its particle; no reporting verb
    assert german("Er sagte nichts dazu. Die Stadt teilte das Grundstück in zwei Teile. "
                  "Der Fall zeigt, wie wichtig Vorsorge ist. Wenn es regnet, bleiben wir zu Hause.") == []


def test_a_pronoun_speaker_is_the_previous_speaker(german_article):
    a = german_article("Bundeskanzlerin Angela Merkel sagte: „Wir schaffen das.“ Sie fügte hinzu, die Lage sei ernst.")
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
    ("Der Minister und die Kanzlerin", "Der Minister und die Kanzlerin"),
    ("Er kam und", None),  # "und" before a verb: no noun phrase
    ("Die Regierung will", None),  # before an infinitive ("erklären"): no noun phrase ends in a verb
    ("Der englischsprachigen Zeitung", None),  # a dative: the subject follows the verb
    ("Ein Reporter des Fernsehsenders n-tv", "Ein Reporter des Fernsehsenders n-tv"),
    ("Ein Beamter, den die New York Times zitiert,", "Ein Beamter"),  # a relative clause describes its head
    ("Patrick Kamanda von der Umweltbehörde (National Environment Management Authority, NEMA)",
     "Patrick Kamanda von der Umweltbehörde (National Environment Management Authority, NEMA)"),
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
        ("direct", "Das reicht nicht.", "hat gesagt", "Er"), ("direct", "Wir handeln.", "hat … erklärt", "der Minister")]


def test_a_pronoun_after_an_organisation_stays_unresolved(german_article):
    a = german_article("Das Innenministerium teilte mit, die Lage sei ruhig. Er sagte, man werde abwarten.")
    assert [(q.speaker_text, q.speaker_chain is None) for q in a.quotes] == [("Das Innenministerium", False), ("Er", True)]


def test_reported_speech_goes_on_in_the_subjunctive(german):
    # Konjunktiv I sentences after a quote are more of it; the indicative ends it, and so
    # does a paragraph of the writer's own words before the next subjunctive
    text = ("Der Minister sagte, die Lage sei ernst. Man werde die Hilfen verlängern. Das Geld gehe an die Länder.\n\n"
            "„Wir schaffen das“, sagte Angela Merkel. Sie habe keine Angst.\n\n"
            "Der Bundestag tagt am Montag. Die Opposition sei dagegen.")
    assert german(text) == [
        ("indirect", "die Lage sei ernst", "sagte", "Der Minister"),
        ("indirect", "Man werde die Hilfen verlängern", None, "Der Minister"),
        ("indirect", "Das Geld gehe an die Länder", None, "Der Minister"),
        ("direct", "Wir schaffen das", "sagte", "Angela Merkel"),
        ("indirect", "Sie habe keine Angst", None, "Angela Merkel"),
    ]


def test_whose_account_a_clause_gives(german):
    # the preposition is the cue and the whole noun phrase the source; "Nach" only
    # before an account ("Nach dem Spiel" is a time)
    text = ("Nach Ansicht von Experten wird die Inflation weiter steigen. "
            "Nach den Worten des Ministers ist die Lage unter Kontrolle. "
            "Nach ersten Untersuchungen liegt keine Straftat vor. "
            "Nach einem Bericht der Zeitung The Jakarta Post gelang ihm die Flucht. "
            "Nach Unternehmensangaben sind dort rund 8.100 Menschen beschäftigt. "
            "Nach dem Spiel gingen alle Spieler nach Hause. "
            "Laut Angaben der Polizei wurden drei Menschen verletzt. "
            "Laut „BBC News“ liefen hunderte Mönche um die Pagode. "
            "Angaben der Feuerwehr zufolge brannte das Haus vollständig ab. "
            "Die Firma bestritt, dass es Probleme mit der Anlage gab.")
    assert german(text) == [
        ("indirect", "wird die Inflation weiter steigen", "Nach", "Ansicht von Experten"),
        ("indirect", "ist die Lage unter Kontrolle", "Nach", "den Worten des Ministers"),
        ("indirect", "liegt keine Straftat vor", "Nach", "ersten Untersuchungen"),
        ("indirect", "gelang ihm die Flucht", "Nach", "einem Bericht der Zeitung The Jakarta Post"),
        ("indirect", "sind dort rund 8.100 Menschen beschäftigt", "Nach", "Unternehmensangaben"),
        ("indirect", "wurden drei Menschen verletzt", "Laut", "Angaben der Polizei"),
        ("indirect", "liefen hunderte Mönche um die Pagode", "Laut", "„BBC News“"),
        ("indirect", "brannte das Haus vollständig ab", "zufolge", "Angaben der Feuerwehr"),
        ("indirect", "dass es Probleme mit der Anlage gab", "bestritt", "Die Firma"),
    ]
    # the noun phrase runs on over "von n24" and "und der …"; the clause starts after an insertion
    text = ("Nach Angaben von n24 sind die Gruppen sehr mobil. "
            "Nach Angaben von Kristján Loftsson, einem Manager der Firma, wurde eine Besatzung zusammengestellt. "
            "Nach Angaben der New York Times und der Los Angeles Times, die sich auf Berichte stützen, kommt eine "
            "Untersuchung zu dem Ergebnis. Laut „icelandreview.com“ wird das Schiff bald bereit sein.")
    assert german(text) == [
        ("indirect", "sind die Gruppen sehr mobil", "Nach", "Angaben von n24"),
        ("indirect", "wurde eine Besatzung zusammengestellt", "Nach", "Angaben von Kristján Loftsson"),
        ("indirect", "kommt eine Untersuchung zu dem Ergebnis", "Nach", "Angaben der New York Times und der Los Angeles Times"),
        ("indirect", "wird das Schiff bald bereit sein", "Laut", "„icelandreview.com“"),
    ]


def test_clauses_with_wie_and_the_cue_after_the_clause(german):
    text = ("Wie das isländische Fischereiministerium heute bekannt gab, wird Island den Walfang wieder aufnehmen. "
            "Wie aus Unternehmenskreisen verlautete, will die Firma ihr Werk umrüsten. "
            "Gallois bleibt Vorstandschef von EADS, wie EADS gestern mitteilte. "
            "Es drohe ein Rüstungswettlauf, hatte Obama bei seinem Treffen in Moskau gesagt. "
            "Israel startete am Samstagabend die Bodenoffensive. Das meldet die Tageszeitung Haaretz in ihrer Onlineausgabe. "
            "Der Fernsehsender „Channel 10“ berichtete, das Kabinett habe zugestimmt.")
    assert german(text) == [
        ("indirect", "wird Island den Walfang wieder aufnehmen", "bekannt gab", "das isländische Fischereiministerium"),
        ("indirect", "will die Firma ihr Werk umrüsten", "verlautete", "Unternehmenskreisen"),
        ("indirect", "Gallois bleibt Vorstandschef von EADS", "mitteilte", "EADS"),
        ("indirect", "Es drohe ein Rüstungswettlauf", "hatte … gesagt", "Obama"),
        ("indirect", "Israel startete am Samstagabend die Bodenoffensive", "meldet", "die Tageszeitung Haaretz"),
        ("indirect", "das Kabinett habe zugestimmt", "berichtete", "Der Fernsehsender „Channel 10“"),
    ]


def test_a_quotation_on_its_own_goes_on_from_the_quote_before(german):
    # and "wird … zitiert" makes its subject the speaker, "hat … zitiert" does not
    text = ("Der Vorsitzende Konrad Freiberg wird in einer Erklärung mit den Worten zitiert: „Wir brauchen mehr Personal.“ "
            "Die Zeitung hat den Minister zitiert: „Wir handeln.“\n\n"
            "John Kline sagte, der Vorfall sei kein Unfall gewesen. „Das war direktes Feuer auf Zivilisten.“ "
            "Er fuhr fort: „Das war keine Reaktion.“")
    assert german(text) == [
        ("direct", "Wir brauchen mehr Personal.", "wird … mit den Worten zitiert", "Der Vorsitzende Konrad Freiberg"),
        ("direct", "Wir handeln.", None, None),
        ("indirect", "der Vorfall sei kein Unfall gewesen", "sagte", "John Kline"),
        ("direct", "Das war direktes Feuer auf Zivilisten.", None, "John Kline"),
        ("direct", "Das war keine Reaktion.", "fuhr fort", "Er"),
    ]


def test_a_pronoun_is_the_speaker_just_before_even_one_found_later_in_the_rules(german_article):
    # John Kline's reported speech is found after the quotations are; "Er" is still his,
    # not the first speaker's, and NER's "John Kline sagte" names him without the verb
    a = german_article("Der Vorsitzende Konrad Freiberg wird mit den Worten zitiert: „Wir brauchen mehr Personal.“\n\n"
                       "John Kline sagte, der Vorfall sei kein Unfall gewesen. Er fuhr fort: „Das war keine Reaktion.“")
    assert [(q.speaker_text, q.speaker_name) for q in a.quotes] == [
        ("Der Vorsitzende Konrad Freiberg", "Der Vorsitzende Konrad Freiberg"), ("John Kline", "John Kline"),
        ("Er", "John Kline")]
    assert a.quotes[2].speaker_chain == a.quotes[1].speaker_chain != a.quotes[0].speaker_chain


def test_what_is_not_more_of_the_quote_before(german):
    # a subjunctive sentence with a reporting verb of its own reports someone else; a
    # clause after what someone spoke "of" is not what they said
    # (the rules find no speaker in "Der Sprecher und andere Mitarbeiter")
    text = ("Der Präsident sagte, man werde die Hilfen verlängern. Der Sprecher und andere Mitarbeiter kommentierten, "
            "die Erklärungen sollten nur ein Argument liefern.\n\n"
            "Insgesamt spricht die Polizei von weniger Auseinandersetzungen der Lager, dennoch ist der Schaden hoch.")
    assert german(text) == [("indirect", "man werde die Hilfen verlängern", "sagte", "Der Präsident")]


def test_a_cue_in_pieces_keeps_each_piece(german_article):
    """The German Wikinews set marks a cue's words, each run of neighbours one piece: the
    quote keeps them in ``cue_parts``, its cue span is the first, its cue their words."""
    text = ("Sonia und Willy Bogner teilten daraufhin mit: „Das erschüttert uns sehr.“ "
            "Der GdP-Vorsitzende verwies darauf, dass 7000 Stellen abgebaut worden seien.")
    a = german_article(text)
    got = [(q.cue, [text[s:e] for s, e in q.cue_parts], text[q.cue_start:q.cue_end], q.speaker_text) for q in a.quotes]
    assert got == [("teilten … mit", ["teilten", "mit"], "teilten", "Sonia und Willy Bogner"),
                   ("verwies darauf", [], "verwies darauf", "Der GdP-Vorsitzende")]
    assert a.quotes[0].speaker_chain is None  # two people: no one entity said it


def test_an_account_inside_the_clause_splits_its_content(german_article):
    """"laut X", "nach Angaben X", "X zufolge" and ", so X," inside a clause: the content is
    the words around the account, in two pieces (``content_parts``), as the German
    Wikinews set marks it; an account inside a relative clause reports nothing."""
    text = ("Das Feuer war laut Feuerwehr gegen Mitternacht ausgebrochen. "
            "Zwölf Menschen wurden nach Angaben des bayerischen Innenministeriums leicht verletzt. "
            "Die Demonstranten waren Berichten der Sender ARD und ZDF zufolge unbewaffnet. "
            "Eine Einigung sei denkbar, so Anna Berger, Sprecherin der Gewerkschaft, wenn beide Seiten nachgäben. "
            "Die Schäden gehen nach Aussage einer Sprecherin der Stadt in die Millionen. "
            "Drei Menschen starben bei dem Brand nach Angaben der Polizei. "
            "Der Brand, der nach ersten Erkenntnissen von einem Kurzschluss ausging, zerstörte die Halle. "
            "Die Fans sangen laut Lieder aus ihrer Heimat.")
    a = german_article(text)
    got = [(q.text, [text[s:e] for s, e in q.content_parts], q.cue, q.speaker_text) for q in a.quotes]
    assert got == [
        ("Das Feuer war … gegen Mitternacht ausgebrochen", ["Das Feuer war", "gegen Mitternacht ausgebrochen"],
         "laut", "Feuerwehr"),
        ("Zwölf Menschen wurden … leicht verletzt", ["Zwölf Menschen wurden", "leicht verletzt"],
         "nach", "Angaben des bayerischen Innenministeriums"),
        ("Die Demonstranten waren … unbewaffnet", ["Die Demonstranten waren", "unbewaffnet"],
         "zufolge", "Berichten der Sender ARD und ZDF"),
        ("Eine Einigung sei denkbar … wenn beide Seiten nachgäben", ["Eine Einigung sei denkbar", "wenn beide Seiten nachgäben"],
         "so", "Anna Berger, Sprecherin der Gewerkschaft"),
        ("Die Schäden gehen … in die Millionen", ["Die Schäden gehen", "in die Millionen"],
         "nach", "Aussage einer Sprecherin der Stadt"),
        ("Drei Menschen starben bei dem Brand", [], "nach", "Angaben der Polizei"),  # at the end: one piece
    ]
    first = a.quotes[0]
    assert (first.start, first.end) == (0, text.index(" ausgebrochen") + len(" ausgebrochen"))
    assert first.pieces == first.content_parts


def test_a_subordinate_clause_that_reports_and_an_apposition_in_a_wie_clause(german):
    text = ("Die Mutter wandte sich an die Beratungsstelle, da sie befürchtete, man wolle ihr die Wohnung kündigen. "
            "Gesucht wird ein Mann, von dem die Polizei glaubt, er sei mit dem Zug geflohen. "
            "Wie der Leiter des Amtes, Peter Krause, mitteilte, wurde niemand verletzt. "
            "Er fürchtet, dass die Preise weiter steigen.")
    assert german(text) == [
        ("indirect", "man wolle ihr die Wohnung kündigen", "befürchtete", "sie"),
        ("indirect", "er sei mit dem Zug geflohen", "glaubt", "die Polizei"),
        ("indirect", "wurde niemand verletzt", "mitteilte", "der Leiter des Amtes, Peter Krause"),
        ("indirect", "dass die Preise weiter steigen", "fürchtet", "Er"),
    ]
    # a relative pronoun alone is no speaker's noun phrase: "…, der glaubt, …" is left; after a
    # fronted subordinate clause the main clause (its verb first) is not what was said
    assert german("Es sprach ein Arzt aus der Stadt, der glaubt, die Lage werde sich bessern. "
                  "Nur, weil er die Feuerwehr rechtzeitig warnte, wurde das Haus gerettet.") == []
    # the subordinate clause's cue before a quotation; a person's affiliation after the name
    text = ("Der Verband schlug in die gleiche Kerbe, indem er die Regierung zum Handeln aufforderte: "
            "„Wir brauchen jetzt Entscheidungen.“ „Wir bleiben dran“, sagte Anna Berger vom bayerischen Umweltministerium. "
            "„Die Lage ist ernst“, sagte Peter Krause von der städtischen Feuerwehr.")
    assert german(text) == [
        ("direct", "Wir brauchen jetzt Entscheidungen.", "aufforderte", "er"),
        ("direct", "Wir bleiben dran", "sagte", "Anna Berger vom bayerischen Umweltministerium"),
        ("direct", "Die Lage ist ernst", "sagte", "Peter Krause von der städtischen Feuerwehr"),
    ]


def test_heisst_es_is_a_cue_and_where_it_says_so_the_speaker(german):
    """"heißt es" / "hieß es": the document it says so in is the speaker, as the German
    Wikinews set marks it ("einer Mitteilung der Polizei"); without one, a cue and nobody."""
    text = ("In einer Mitteilung der Polizei heißt es, dass niemand verletzt wurde. "
            "Die Straße bleibe bis zum Abend gesperrt, heißt es in dem Bericht der Stadt. "
            "Der Schaden sei noch nicht absehbar, hieß es. "
            "Wie es in der Erklärung heißt, wird die Halle abgerissen. "
            "„Wir prüfen alle Hinweise“, heißt es aus dem Ministerium. "
            "So heißt es in dem Schreiben wörtlich: „Die Frist ist abgelaufen.“")
    assert german(text) == [
        ("indirect", "dass niemand verletzt wurde", "heißt es", "einer Mitteilung der Polizei"),
        ("indirect", "Die Straße bleibe bis zum Abend gesperrt", "heißt es", "dem Bericht der Stadt"),
        ("indirect", "Der Schaden sei noch nicht absehbar", "hieß es", None),
        ("indirect", "wird die Halle abgerissen", "Wie es … heißt", "der Erklärung"),
        ("direct", "Wir prüfen alle Hinweise", "heißt es", "dem Ministerium"),
        ("direct", "Die Frist ist abgelaufen.", "heißt es", "dem Schreiben"),
    ]


def test_what_a_speaker_called_something_is_no_scare_quote(german_article):
    """"Er bezeichnete das Schreiben als „Unsensibilität“": the quoted words are the
    speaker's, a partial quote with the cue "bezeichnete … als"; a quoted term nobody is
    said to have used stays a scare quote."""
    text = ("Die Mutter erhielt einen Brief. Der Sprecher bezeichnete das Schreiben als „Unsensibilität“. "
            "Die Firma nannte die Berichte „reine Spekulation“. Der Film gilt als „Kultklassiker“.")
    a = german_article(text)
    assert [(q.kind, q.text, q.cue, q.speaker_text) for q in a.quotes] == [
        ("partial", "Unsensibilität", "bezeichnete … als", "Der Sprecher"),
        ("partial", "reine Spekulation", "nannte", "Die Firma"),
    ]
    assert [text[s:e] for s, e in a.scare_quotes] == ["Kultklassiker"]


def test_words_quoted_inside_a_reported_clause_are_its_speakers(german):
    # the clause is reported speech; the quoted words in it are the same speaker's, with the
    # same cue (the set marks them as a quotation of their own)
    text = ("Der Staatsanwalt sagte, der Sohn habe sich „bewusst und gewollt stranguliert“. "
            "Er sagte, wer auf „Beamte, Familienväter oder junge Leute der eigenen Hautfarbe“ schieße, könne nur so "
            "bezeichnet werden.")
    assert german(text) == [
        ("indirect", "der Sohn habe sich „bewusst und gewollt stranguliert“", "sagte", "Der Staatsanwalt"),
        ("partial", "bewusst und gewollt stranguliert", "sagte", "Der Staatsanwalt"),
        ("indirect", "wer auf „Beamte, Familienväter oder junge Leute der eigenen Hautfarbe“ schieße, könne nur so "
                     "bezeichnet werden", "sagte", "Er"),
        ("partial", "Beamte, Familienväter oder junge Leute der eigenen Hautfarbe", "sagte", "Er"),
    ]


def test_plural_verbs_and_the_particle_at_the_clauses_end(german):
    text = ("Experten schätzen, dass mehr Einwegflaschen verkauft werden. "
            "Die Länder teilen die Kosten, sagte ein Sprecher des Ministeriums am Montag. "
            "Politische Beobachter wiesen daraufhin, dass Folter nicht dasselbe bedeute.")
    assert german(text) == [
        ("indirect", "dass mehr Einwegflaschen verkauft werden", "schätzen", "Experten"),
        ("indirect", "Die Länder teilen die Kosten", "sagte", "ein Sprecher des Ministeriums"),  # "teilen" without "mit"
        ("indirect", "dass Folter nicht dasselbe bedeute", "wiesen daraufhin", "Politische Beobachter"),
    ]


def test_a_name_in_quotation_marks_is_no_quote(german):
    text = ("Die Prüfstelle „Higashi Nihon Jutaku Hyoka Center“ hatte die Pläne abgenommen. "
            "Der Minister sagte: „Wir prüfen jeden Fall.“")
    assert german(text) == [("direct", "Wir prüfen jeden Fall.", "sagte", "Der Minister")]
