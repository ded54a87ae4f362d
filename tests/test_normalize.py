from hypothesis import given, settings, strategies as st

from newsprism.ingest.normalize import normalize_text


def test_glued_sentences_of_seed_004_get_their_space(seed_paths):
    raw = seed_paths["004"].read_text(encoding="utf-8")
    text = normalize_text(raw).text
    assert "popular commander. At the meeting" in text
    assert "martyr’s sincerity. “The most important role" in text
    assert "Ayatollah Khamenei added. Associating the resistance" in text
    assert "must continue.” In the meeting" in text
    assert "General Soleimani. In January 2020" in text
    # abbreviations, initials and domains are left alone
    assert normalize_text("The U.S. Army and khamenei.ir said e.g. this.").text == "The U.S. Army and khamenei.ir said e.g. this."


def test_straight_quote_after_a_stop_opens_or_closes_by_parity():
    assert normalize_text('He said.“Yes.”Then she left.').text == "He said. “Yes.” Then she left."
    assert normalize_text('He said."Yes."Then she left.').text == 'He said. "Yes." Then she left.'


def test_whitespace_and_invisible_characters():
    raw = "\ufeff  First\u00a0\u00a0line\u200b here.  \r\n\r\n\r\n\r\n  Second\tline.\u2028Third  \n"
    assert normalize_text(raw).text == "First line here.\n\nSecond line.\nThird"


def test_nfc_composes_combining_marks():
    assert normalize_text("Cafe\u0301 de\u0301cor").text == "Café décor"


def test_offsets_map_back_to_the_decoded_text():
    raw = "  Cafe\u0301\u00a0\u00a0ok.\u200bNext\r\n\r\n\r\n Him.“Yes.”No "
    n = normalize_text(raw)
    assert n.text == "Café ok. Next\n\nHim. “Yes.” No"
    for i, ch in enumerate(n.text):
        j = n.to_source(i)
        if ch not in " \né":
            assert raw[j] == ch, (i, ch, j)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_normalisation_is_idempotent_and_maps_every_offset(raw):
    n = normalize_text(raw)
    assert normalize_text(n.text).text == n.text
    for i, ch in enumerate(n.text):
        j = n.to_source(i)
        assert 0 <= j < len(raw)
        if ch.isalnum() and raw[j].isascii() and ch.isascii():
            assert raw[j] == ch
