"""The generated benchmark corpora (benchmarks/generate.py): what the benchmarks rely on."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import generate  # noqa: E402


def test_basil_outlets_are_the_three_outlets(shared_dir):
    outlets = {a.outlet for a in generate.basil_articles()}
    assert outlets == {"The New York Times", "Fox News", "HuffPost"}  # BASIL's "FOX" is Fox News


def test_a_larger_corpus_begins_with_the_smaller_one(shared_dir):
    # incremental_bench.py analyses the corpus of N, then adds the last N/100 files of the
    # corpus of N + N/100: the first N of those must be the same articles.
    assert generate.articles(40) == generate.articles(44)[:40]


def test_a_folder_written_by_older_code_is_written_again(shared_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(generate, "CACHE", tmp_path)
    folder = generate.corpus("html", 3)
    pages = {p.name: p.read_bytes() for p in folder.glob("*.html")}
    assert len(pages) == 3 and (folder / ".complete").read_text() == generate.VERSION
    (folder / "000000.html").write_text("stale")
    assert generate.corpus("html", 3) == folder
    assert (folder / "000000.html").read_text() == "stale"  # this version's folder is reused as it is
    (folder / ".complete").write_text("ok")  # what version 1 wrote
    generate.corpus("html", 3)
    assert {p.name: p.read_bytes() for p in folder.glob("*.html")} == pages
    assert (folder / ".complete").read_text() == generate.VERSION
