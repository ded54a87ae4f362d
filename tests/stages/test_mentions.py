"""Mentions and within-article chains on the seeds."""


def _chain_of(analysis, text):
    return {m.head for m in analysis.mentions if m.text == text}


def test_descriptors_resolve_from_the_articles_own_introductions(analysed_seeds):
    a = analysed_seeds["000"]
    assert _chain_of(a, "the Leader") == {"Ali Khamenei"}
    leader = next(m for m in a.mentions if m.text == "the Leader")
    assert leader.kind == "descriptor"
    assert leader.evidence == "“the Leader” = Ali Khamenei: introduced as “Leader of the Islamic Revolution Ayatollah Seyed Ali Khamenei”"
    assert _chain_of(a, "Haj Qassem") == {"Qassem Soleimani"}
    assert _chain_of(a, "The heroic General") == {"Qassem Soleimani"}
    # cataphora: 002 says "Iran’s leader" before it names "Supreme Leader Ali Khamenei"
    b = analysed_seeds["002"]
    assert _chain_of(b, "Iran’s leader") == _chain_of(b, "Iran’s hardline leader") == {"Ali Khamenei"}
    assert _chain_of(b, "former US president") == {"Donald Trump"}


def test_surnames_and_partial_names_join_the_full_name(analysed_seeds):
    a = analysed_seeds["000"]
    assert _chain_of(a, "Ayatollah Khamenei") == {"Ali Khamenei"}
    assert _chain_of(a, "Abu Mahdi") == {"Abu Mahdi al-Muhandis"}
    assert _chain_of(analysed_seeds["002"], "Assad") == {"Bashar al-Assad"}


def test_apposition_stops_at_the_next_name(analysed_seeds):
    a = analysed_seeds["001"]
    appositions = [m.text for m in a.mentions if m.evidence and m.evidence.startswith("apposition")]
    assert "the deputy head of Iraq’s Popular Mobilization Forces" in appositions, appositions
    assert not any("Khamenei" in t for t in appositions)
    assert _chain_of(a, "the slain general") == {"Qassem Soleimani"}


def test_different_people_with_one_surname_stay_apart(analysed_seeds):
    a = analysed_seeds["004"]
    assert _chain_of(a, "Zeinab Soleimani") == {"Zeinab Soleimani"}
    assert _chain_of(a, "General Qassem Soleimani") == {"Qassem Soleimani"}


def _mentions_of(text):
    from newsprism.config import Settings
    from newsprism.model import Analysis, Article
    from newsprism.stages import build_stages, run_stages

    stages = build_stages(Settings())[:3]  # segment, parse, mentions
    article = Article(id="t", source="t", format="txt", text=text, language="en")
    return run_stages(stages, [Analysis(article)])[0].mentions


def test_a_name_in_parentheses_after_a_name_is_that_person(analysed_seeds):
    # 002: "Esmail Ghaani (Qaani)"; NER alone takes "Qaani" for a place
    qaani = next(m for m in analysed_seeds["002"].mentions if m.text == "Qaani")
    assert (qaani.type, qaani.kind, qaani.head) == ("PERSON", "name", "Esmail Ghaani")
    assert qaani.evidence == "in parentheses after the name: “Esmail Ghaani (Qaani)”"
    # a place or party in parentheses is not another name of the person
    mentions = _mentions_of("Senator Joe Biden (Delaware) said it would pass.")
    assert [(m.text, m.type, m.head) for m in mentions] == [("Senator Joe Biden", "PERSON", "Joe Biden"),
                                                             ("Delaware", "GPE", "Delaware")]


def test_a_first_name_ner_misses_makes_a_person_of_her_own():
    # examples/corpus/txt/kessel-dam-gives-way.txt: NER takes "Qasimova" alone, as an
    # organisation, and leaves "Leyla" out; she is not the minister of the same surname.
    mentions = _mentions_of(
        'Leyla Qasimova, a sluice operator who was inside the inspection gallery when the wall failed, said she '
        'heard "a sound like the whole hill cracking open."\n\nMs. Qasimova, 34, is no relation to Interior Minister '
        'Nadira Qasimova, who was expected to arrive in the city overnight.')
    names = [(m.text, m.type, m.head, m.evidence) for m in mentions if m.kind == "name" and "Qasimova" in m.text]
    assert names == [("Leyla Qasimova", "PERSON", "Leyla Qasimova", None),
                     ("Ms. Qasimova", "PERSON", "Ms. Qasimova", None),  # two women Qasimova: not guessed
                     ("Minister Nadira Qasimova", "PERSON", "Nadira Qasimova", None)]


def test_a_surname_ner_misses_joins_the_full_name():
    mentions = _mentions_of(
        "Professor Jonas Reinholt, a hydraulic engineer at Marrowgate Polytechnic, said the water level had to fall. "
        "Reinholt said that he and two colleagues had warned VeloHydro in 2019.")
    reinholt = next(m for m in mentions if m.text == "Reinholt")
    assert (reinholt.type, reinholt.head, reinholt.evidence) == (
        "PERSON", "Jonas Reinholt", "same name as “Jonas Reinholt” in this article")
    # a surname that does not end the run of capitalised words names something else
    assert [m.text for m in _mentions_of("Interior Minister Nadira Qasimova visited Qasimova Street on Monday.")
            if m.type == "PERSON"] == ["Minister Nadira Qasimova"]


def test_no_name_is_made_of_a_headline_s_capitals():
    # PolNeAR test: "… Clinton Flattered Obama …" is a headline in title case; "Flattered
    # Obama" beside "Barack Obama" would be a second Obama, and the bare "Obama" ambiguous.
    mentions = _mentions_of("WikiLeaks: Hillary Clinton Flattered Obama For His ‘Body Language.’\n\nAfter President "
                            "Barack Obama lost both the Senate and the House, he met the press. Obama smiled.")
    assert not [m.text for m in mentions if m.text.startswith("Flattered")]
    assert {m.head for m in mentions if m.text == "Obama"} == {"Barack Obama"}


def test_a_quotation_mark_ner_takes_in_is_no_part_of_the_name():
    # PolNeAR dev (nyt_2016-09-30): NER read "Donald Trump ''" as one person
    mentions = _mentions_of("Hillary Clinton suggested that Donald Trump ''doesn't want the American people to know'' "
                            "what he pays. Mr. Trump said nothing.")
    assert {(m.text, m.head) for m in mentions if m.type == "PERSON" and "Trump" in m.text} == {
        ("Donald Trump", "Donald Trump"), ("Mr. Trump", "Donald Trump")}


def test_a_headline_verb_ner_takes_into_a_name_is_no_part_of_it():
    # PolNeAR dev (nyt_2016-09-25): "Obama Says" named 30 quotes of the article's Obama
    mentions = _mentions_of("Obama Says African-American Museum Will Tell of Suffering and Delight\n\n"
                            "WASHINGTON -- President Obama opened the museum on Saturday.")
    assert [(m.text, m.type) for m in mentions if m.kind == "name" and "Obama" in m.text] == [
        ("Obama", "PERSON"), ("President Obama", "PERSON")]
