"""A run killed with SIGKILL at any moment and started again ends with the same database."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from newsprism import open_store

TABLES = ("articles", "sentences", "article_stages", "failures")


def _corpus(folder, seed_paths, n=400):
    texts = [p.read_text(encoding="utf-8") for p in seed_paths.values()]
    folder.mkdir()
    for i in range(n):
        body = texts[i % len(texts)]
        (folder / f"{i:04d}.txt").write_text(f"{body}\n\nThis is variant {i} of the story, filed for test {i}.", encoding="utf-8")
    (folder / "zz-empty.txt").write_bytes(b"")
    (folder / "zz-binary.txt").write_bytes(b"\x00\x01\x02" * 100)


def _cmd(corpus, db):
    return [sys.executable, "-m", "newsprism.cli", "analyze", str(corpus), "--db", f"sqlite:///{db}", "--batch-size", "4", "--json"]


def _articles(db) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def _kill_when(corpus, db, at_least: int) -> int:
    """Start a run and SIGKILL it once the store holds ``at_least`` articles."""
    proc = subprocess.Popen(_cmd(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while proc.poll() is None and _articles(db) < at_least and time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return _articles(db)


def _dump(db):
    with open_store(f"sqlite:///{db}") as store:
        return {t: store.table_rows(t) for t in TABLES}


@pytest.mark.slow
def test_kill_and_restart_equals_an_uninterrupted_run(tmp_path, seed_paths):
    corpus = tmp_path / "corpus"
    _corpus(corpus, seed_paths)
    whole, killed = tmp_path / "whole.db", tmp_path / "killed.db"
    subprocess.run(_cmd(corpus, whole), check=True, capture_output=True)
    expected = _dump(whole)
    assert len(expected["articles"]) == 400 and len(expected["failures"]) == 2

    first = _kill_when(corpus, killed, 1)
    second = _kill_when(corpus, killed, first + 50)
    assert 0 < first < 400 and first < second < 400, (first, second)
    subprocess.run(_cmd(corpus, killed), check=True, capture_output=True)
    assert _dump(killed) == expected
