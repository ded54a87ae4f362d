"""Each corpus pass alone on an analysed store: its seconds, its peak memory, and whether
it wrote exactly what the store already held.

    python benchmarks/passes_bench.py STORE.db [--pass NAME ...] [--cold]

The store is copied to a scratch file, and each pass runs on the copy in a fresh
interpreter, in the order of ``newsprism.corpus.PASSES``, so its peak RSS is its own (the
interpreter and the imports the pass needs included; ``before MB`` is the RSS just before
the pass starts). The pass's kept per-group results (``corpus_memo``) are deleted first,
so every group is worked out afresh; with ``--cold`` the cached lead and sentence
embeddings are deleted too, so the pass embeds every text, as the first run does.

``same output`` compares a digest of the pass's own tables, read back in a fixed order,
with the digest of the store as given: a change that only saves time or memory must
leave it ``yes``. Prints one JSON line per pass."""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

OUTPUT_TABLES = {
    "entities": ("entities", "entity_chains"),
    "statements": ("statements", "statement_quotes"),
    "reuse": ("reuse_links", "reuse_boilerplate", "reuse_duplicates"),
    "events": ("article_dates", "resolved_times", "events", "event_articles", "stories"),
    "framing": ("outlet_profiles", "event_framing"),
}
MEMO_NAMES = {"statements": ("statements",), "framing": ("framing.omissions",)}

CHILD = """
import json, resource, sys, time
from pathlib import Path

def rss_mb():
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 2**20

import newsprism
from newsprism.corpus import PASSES
run = dict(PASSES)[sys.argv[2]]
with newsprism.open_store(sys.argv[1], create=False) as store:
    before = rss_mb()
    start = time.perf_counter()
    produced = run(store)
    seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": round(seconds, 2), "produced": produced, "before_mb": round(before, 1),
                  "peak_mb": round(peak, 1)}))
"""


def digest(db: Path, tables: tuple[str, ...]) -> str:
    """sha256 over every row of ``tables``, each table read in the order of all its columns."""
    import sqlite3

    h = hashlib.sha256()
    with sqlite3.connect(db) as conn:
        for table in tables:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            order = ", ".join(f'"{c}"' for c in columns)
            h.update(table.encode())
            for row in conn.execute(f"SELECT {order} FROM {table} ORDER BY {order}"):
                h.update(repr(row).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("--pass", dest="passes", action="append", choices=sorted(OUTPUT_TABLES))
    parser.add_argument("--cold", action="store_true", help="also delete the cached embeddings")
    args = parser.parse_args()
    import sqlite3

    from newsprism.corpus import PASSES

    wanted = args.passes or [name for name, _ in PASSES]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "store.db"
        shutil.copyfile(args.store, db)
        with sqlite3.connect(db) as conn:
            articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            quotes = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
            if args.cold:
                conn.execute("DELETE FROM text_vectors")
                conn.execute("DELETE FROM lead_vectors")
        for name in [n for n, _ in PASSES if n in wanted]:
            expected = digest(db, OUTPUT_TABLES[name])
            with sqlite3.connect(db) as conn:
                for memo in MEMO_NAMES.get(name, ()):
                    conn.execute('DELETE FROM corpus_memo WHERE "pass" = ?', (memo,))
            out = subprocess.run([sys.executable, "-c", CHILD, f"sqlite:///{db}", name], check=True,
                                 capture_output=True, text=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            print(json.dumps({"pass": name, "articles": articles, "quotes": quotes, "cold": args.cold, **result,
                              "pass_mb": round(result["peak_mb"] - result["before_mb"], 1),
                              "same_output": digest(db, OUTPUT_TABLES[name]) == expected}), flush=True)


if __name__ == "__main__":
    main()
