"""benchmarks/passes_bench.py on the seeds: each corpus pass, run again alone on the store
it analysed, writes exactly what the store holds, and the check would see a difference."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))

import passes_bench  # noqa: E402


@pytest.fixture
def seeds_file(seeds_db: str, tmp_path: Path) -> Path:
    path = tmp_path / "seeds.db"
    with sqlite3.connect(seeds_db.removeprefix("sqlite:///")) as source, sqlite3.connect(path) as target:
        source.backup(target)
    return path


@pytest.mark.slow
def test_every_pass_rewrites_what_the_store_holds(seeds_file: Path):
    out = subprocess.run([sys.executable, str(BENCH / "passes_bench.py"), str(seeds_file)], check=True,
                         capture_output=True, text=True)
    runs = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["pass"] for r in runs] == ["entities", "statements", "reuse", "events", "framing"]
    assert all(r["articles"] == 5 and r["same_output"] for r in runs), runs
    assert all(r["peak_mb"] >= r["before_mb"] > 0 and r["seconds"] >= 0 for r in runs)


def test_the_digest_sees_one_changed_row(seeds_file: Path, tmp_path: Path):
    tables = passes_bench.OUTPUT_TABLES["events"]
    before = passes_bench.digest(seeds_file, tables)
    changed = tmp_path / "changed.db"
    shutil.copyfile(seeds_file, changed)
    with sqlite3.connect(changed) as conn:
        assert conn.execute("UPDATE events SET title = title || '.' WHERE rowid = 1").rowcount == 1
    assert passes_bench.digest(seeds_file, tables) == before
    assert passes_bench.digest(changed, tables) != before
