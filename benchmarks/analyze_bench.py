"""Whole `analyze` throughput into SQLite (ingest, every per-article stage, the store and
the corpus passes), and the cost of re-running it on the same input (nothing new to do).

    python benchmarks/analyze_bench.py txt N [--processes P] [--engine local|ray]

Prints one JSON line."""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import corpus  # noqa: E402

import newsprism  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("format")
    parser.add_argument("n", type=int)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--engine", choices=["local", "ray"], default="local")
    args = parser.parse_args()
    folder = corpus(args.format, args.n)
    paths = sorted(str(p) for p in folder.iterdir() if not p.name.startswith("."))
    with tempfile.TemporaryDirectory() as tmp, newsprism.open_store(f"sqlite:///{tmp}/bench.db") as store:
        start = time.perf_counter()
        settings = newsprism.Settings(batch_size=64, processes=args.processes, engine=args.engine)
        summary = newsprism.analyze(paths, store, settings)
        seconds = time.perf_counter() - start
        start = time.perf_counter()
        newsprism.analyze(paths, store, settings)
        rerun = time.perf_counter() - start
        sentences = store.count("sentences")
    print(json.dumps({
        "benchmark": "analyze", "format": args.format, "engine": args.engine, "processes": args.processes,
        "articles": summary.new,
        "sentences": sentences, "quotes": summary.extra.get("quotes"),
        "seconds": round(seconds, 2), "articles_per_s": round(summary.new / seconds, 1), "rerun_seconds": round(rerun, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


if __name__ == "__main__":
    main()
