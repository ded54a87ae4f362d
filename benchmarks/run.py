"""`make bench`: every benchmark, each in its own process, results as a table.

Writes the table to stdout and to benchmarks/RESULTS.md. Generated corpora are cached in
benchmarks/.cache. Set BENCH_N to change the corpus size (default 10000).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
N = int(os.environ.get("BENCH_N", "10000"))


def _run(script: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, str(HERE / script), *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    rows = []
    for fmt in ("txt", "html", "warc"):
        subprocess.run([sys.executable, str(HERE / "generate.py"), fmt, str(N)], check=True, capture_output=True)
        result = _run("ingest_bench.py", fmt, str(N))
        rows.append(result)
        print(json.dumps(result), file=sys.stderr)
    analyse = _run("analyze_bench.py", "txt", str(N))
    print(json.dumps(analyse), file=sys.stderr)
    lines = [
        f"# newsprism benchmarks ({dt.date.today().isoformat()}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()})",
        "",
        f"## Ingest ({N:,} generated articles from BASIL texts; read, decode, extract, normalise, metadata, language, id; one process)",
        "",
        "| format | files | articles | failures | seconds | articles/s | MB text/s | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(f"| {r['format']} | {r['files']:,} | {r['articles']:,} | {r['failures']} | {r['seconds']} | "
                     f"{r['articles_per_s']:,} | {r['mb_text_per_s']} | {r['peak_rss_mb']} |")
    lines += [
        "",
        f"## Analyse (`newsprism analyze` on the txt corpus into SQLite: ingest, sentence segmentation, store)",
        "",
        "| articles | sentences | seconds | articles/s | peak RSS MB | re-run seconds (nothing new) |",
        "|---|---|---|---|---|---|",
        f"| {analyse['articles']:,} | {analyse['sentences']:,} | {analyse['seconds']} | {analyse['articles_per_s']:,} | "
        f"{analyse['peak_rss_mb']} | {analyse['rerun_seconds']} |",
        "",
    ]
    text = "\n".join(lines)
    (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
