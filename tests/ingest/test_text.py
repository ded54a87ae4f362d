import datetime as dt

from newsprism.ingest.text import read_text, split_header
from newsprism.model import Failure


def test_title_line_then_blank_line():
    published, title, body = split_header("Dam Gives Way at Kessel\n\nMARROWGATE – Water poured through.\n")
    assert (published, title, body.strip()) == (None, "Dam Gives Way at Kessel", "MARROWGATE – Water poured through.")


def test_a_first_sentence_is_not_a_title():
    text = "Iran’s leader has lashed out, saying they “will pay back for their crime.”\nMore text here.\n"
    assert split_header(text)[1] is None
    long_line = "TEHRAN – In a meeting on Saturday " + "with many words " * 20 + "\n more"
    assert split_header(long_line)[1] is None


def test_date_header_is_metadata_and_leaves_the_text():
    published, title, body = split_header(" date 2020-12-16 Leader of the Islamic Revolution says.\n\nMore.")
    assert published == dt.date(2020, 12, 16)
    assert title is None
    assert body.startswith("Leader of the Islamic Revolution says.")


def test_date_header_on_its_own_line_then_a_title():
    published, title, body = split_header("date 2024-02-29\nHeadline Here\n\nBody text that is longer than the title line.")
    assert published == dt.date(2024, 2, 29)
    assert title == "Headline Here"
    assert body.strip() == "Body text that is longer than the title line."


def test_impossible_header_date_is_not_used():
    published, _title, body = split_header(" date 2021-02-30 Text of the article goes on.")
    assert published is None


def test_seeds_metadata(seed_paths):
    found = {n: next(read_text(p.read_bytes(), str(p))) for n, p in seed_paths.items()}
    assert found["000"].title == "Ayatollah Khamenei: Resistance Emboldened by Gen. Soleimani"
    assert found["000"].text.lstrip().startswith("TEHRAN (Tasnim) –")
    assert [found[n].title for n in ("001", "002", "003", "004")] == [None, None, None, None]
    assert found["003"].published == dt.date(2020, 12, 16)
    assert found["003"].published_evidence == "metadata"
    assert found["004"].published == dt.date(2023, 12, 31)
    assert found["004"].text.startswith("Islam Times - Leader of the Islamic Revolution")
    assert all(found[n].published is None for n in ("000", "001", "002"))


def test_bad_text_files_become_failures():
    assert next(read_text(b"\x00\x01\x02\x03binary\x00", "x.txt")).reason.startswith("binary file")
    assert next(read_text(b"", "x.txt")).reason == "empty file"
    assert isinstance(next(read_text(b"   \n\n  ", "x.txt")), Failure)
    assert next(read_text(b"%PDF-1.7 ...", "x.txt")).reason == "binary file (a PDF document)"


def test_latin1_and_utf16_are_decoded():
    latin = "Caf\u00e9 owners in G\u00f6ttingen said the r\u00e9gime's d\u00e9cor was na\u00efve.\n".encode("latin-1")
    assert "Café" in next(read_text(latin, "x.txt")).text
    utf16 = "Zeinab Soleimani spoke.".encode("utf-16")
    assert next(read_text(utf16, "x.txt")).text == "Zeinab Soleimani spoke."
