"""A run killed with SIGKILL at any moment and started again ends with the same database."""

import os
import signal
import subprocess
import sys
import time

import pytest

from newsprism import open_store

TABLES = ("articles", "sentences", "article_stages", "failures", "mentions", "quotes", "scare_quotes",
          "entities", "entity_chains", "statements", "statement_quotes", "corpus_state",
          "reuse_links", "reuse_boilerplate", "reuse_duplicates", "time_expressions", "article_dates", "resolved_times",
          "lead_vectors", "events", "event_articles", "stories", "framing_terms", "outlet_profiles", "event_framing")


def _corpus(folder, seed_paths, n=150):
    texts = [p.read_text(encoding="utf-8") for p in seed_paths.values()]
    folder.mkdir()
    for i in range(n):
        body = texts[i % len(texts)]
        (folder / f"{i:04d}.txt").write_text(f"{body}\n\nThis is variant {i} of the story, filed for test {i}.", encoding="utf-8")
    (folder / "zz-empty.txt").write_bytes(b"")
    (folder / "zz-binary.txt").write_bytes(b"\x00\x01\x02" * 100)


def _cmd(corpus, url):
    return [sys.executable, "-m", "newsprism.cli", "analyze", str(corpus), "--db", url, "--batch-size", "4", "--json"]


def _articles(url) -> int:
    from sqlalchemy import create_engine, text

    from newsprism.store import _normalise_url

    engine = create_engine(_normalise_url(url))
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
    except Exception:  # noqa: BLE001 - no table yet
        return 0
    finally:
        engine.dispose()


def _kill_when(corpus, url, at_least: int) -> int:
    """Start a run and SIGKILL it once the store holds ``at_least`` articles."""
    proc = subprocess.Popen(_cmd(corpus, url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while proc.poll() is None and _articles(url) < at_least and time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return _articles(url)


def _dump(url):
    with open_store(url) as store:
        return {t: store.table_rows(t) for t in TABLES}


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_kill_and_restart_equals_an_uninterrupted_run(tmp_path, seed_paths, backend, request):
    corpus = tmp_path / "corpus"
    _corpus(corpus, seed_paths)
    if backend == "sqlite":
        whole, killed = f"sqlite:///{tmp_path / 'whole.db'}", f"sqlite:///{tmp_path / 'killed.db'}"
    else:
        whole, killed = request.getfixturevalue("pg_url"), _second_schema(request)
    subprocess.run(_cmd(corpus, whole), check=True, capture_output=True)
    expected = _dump(whole)
    assert len(expected["articles"]) == 150 and len(expected["failures"]) == 2

    first = _kill_when(corpus, killed, 1)
    second = _kill_when(corpus, killed, first + 20)
    assert 0 < first < 150 and first < second < 150, (first, second)
    subprocess.run(_cmd(corpus, killed), check=True, capture_output=True)
    assert _dump(killed) == expected


def _second_schema(request) -> str:
    """Another fresh PostgreSQL schema in the same test (pg_url gives one per test)."""
    import uuid

    import psycopg

    base = request.getfixturevalue("pg_base_url")
    schema = f"np_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')

    def drop() -> None:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')

    request.addfinalizer(drop)
    return f"{base}?options=-csearch_path%3D{schema}"
