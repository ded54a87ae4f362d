"""Pairwise alignment: the passages two texts share, their exact spans and kinds."""

from newsprism.corpus.reuse import ReuseDoc, compare

COPIED = ("The Kessel Dam, a 62-metre concrete gravity dam on the Sarn River, was completed in 1958 and "
          "supplies drinking water and electricity to about 300,000 people.")


def _texts(a, b, links):
    return [(a[l.a.start:l.a.end], b[l.b.start:l.b.end], l.kind) for l in links]


def test_a_copied_sentence_is_found_with_its_exact_spans():
    a = f"Officials met on Monday. {COPIED} Nobody was hurt."
    b = f"“Rain fell all week,” a farmer said. {COPIED} The river rose."
    links = compare(ReuseDoc("a", a), ReuseDoc("b", b))
    assert _texts(a, b, links) == [(COPIED, COPIED, "verbatim")]
    assert links[0].similarity == 1.0 and links[0].words == 28  # "62-metre", "300,000": two words each


def test_an_edited_copy_is_near_and_covers_the_edited_edges():
    edited = COPIED.replace("The Kessel Dam", "Kessel Dam").replace("about 300,000 people.", "roughly 300,000 residents.")
    a, b = f"Intro here today. {COPIED}", f"{edited} Outro words follow."
    (link,) = compare(ReuseDoc("a", a), ReuseDoc("b", b))
    assert (a[link.a.start:link.a.end], b[link.b.start:link.b.end]) == (COPIED, edited)
    assert link.kind == "near" and 0.85 < link.similarity < 1.0


def test_a_shared_name_or_stock_phrase_is_not_reuse():
    a = "Leader of the Islamic Revolution Ayatollah Seyed Ali Khamenei paid tribute to late commander Lt. General Qassem Soleimani, saying the blood gave impetus."
    b = "Leader of the Islamic Revolution Ayatollah Seyed Ali Khamenei paid tribute to late Iranian commander Lt. General Qassem Soleimani for reviving the front of resistance in the region."
    assert compare(ReuseDoc("a", a), ReuseDoc("b", b)) == []


def test_a_few_words_of_a_neighbouring_sentence_are_left_out():
    a = f"The report is due within six months. {COPIED}"
    b = f"Engineers will publish within six months. {COPIED}"
    (link,) = compare(ReuseDoc("a", a), ReuseDoc("b", b))
    assert a[link.a.start:link.a.end] == COPIED == b[link.b.start:link.b.end]


def test_two_passages_apart_stay_two_links():
    other = "Heavy rain in the mountains had filled the reservoir to its highest level in forty years, engineers said."
    a = f"{COPIED} Something entirely different is written here by the first outlet about the weather. {other}"
    b = f"{other} The second outlet has its own words in between, about the minister and her plans. {COPIED}"
    links = compare(ReuseDoc("a", a), ReuseDoc("b", b))
    assert sorted(t for t, _, _ in _texts(a, b, links)) == sorted([COPIED, other])
