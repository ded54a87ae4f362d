"""What adding 1% more articles to an analysed store costs, against analysing the whole
corpus: `analyze` on N generated txt articles, then `analyze` on the same N plus N/100 new
ones (the files read before are known by path and content and not read again; the new
ones go through the per-article stages; every corpus pass runs again over the whole
store, reusing the kept results of the groups whose inputs did not change: an event's
omissions, a speaker's statements; see ``newsprism.corpus.memo``).

    python benchmarks/incremental_bench.py N [--processes P] [--kept STORE.db]

With ``--kept`` the first analysis is not run again: the adding run starts from a copy of
a store that analysis kept (``analyze_bench.py --keep``, as the analyse section of
``run.py`` does at 1k and 10k), and the full run's seconds are the ones it kept beside
the store (``STORE.json``); use the same ``--processes`` as that run.

Prints one JSON line, with each corpus pass timed inside the adding run, and again on
the grown store with nothing new (every kept result reused)."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import corpus, files  # noqa: E402

import newsprism  # noqa: E402
import newsprism.corpus as corpus_passes  # noqa: E402
from newsprism.corpus import PASSES  # noqa: E402


def timed(passes, seconds: dict[str, float]):  # type: ignore[no-untyped-def]
    """``passes`` with each run timed into ``seconds`` (run_corpus_passes reads the module's PASSES)."""

    def wrap(name, run):  # type: ignore[no-untyped-def]
        def run_timed(store, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return run(store, **kwargs)
            finally:
                seconds[name] = round(time.perf_counter() - start, 2)

        return run_timed

    return tuple((name, wrap(name, run)) for name, run in passes)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--kept", type=Path, help="an analysed store of the first N articles (with STORE.json beside it)")
    args = parser.parse_args()
    extra = max(1, args.n // 100)
    # The first N articles at the paths the first analysis read (the analyse section's
    # corpus of N, whose store --kept names), then the N/100 new ones: the generator's
    # corpus of N + N/100 begins with the same N files, byte for byte. So the adding run
    # is a user's re-run over the same files and some new ones: the store knows the old
    # files by path and content and does not read them again.
    base = files(corpus("txt", args.n))
    more = files(corpus("txt", args.n + extra))
    if any(Path(a).read_bytes() != Path(b).read_bytes() for a, b in zip(base, more)):
        sys.exit("the generated corpus of N + N/100 does not begin with the corpus of N")
    grown = base + more[args.n :]
    settings = newsprism.Settings(batch_size=64, processes=args.processes)
    with tempfile.TemporaryDirectory() as tmp:
        if args.kept:
            kept = json.loads(args.kept.with_suffix(".json").read_text())
            if (kept["articles"], kept["processes"]) != (args.n, args.processes):
                sys.exit(f"{args.kept} holds {kept['articles']} articles analysed with {kept['processes']} processes, "
                         f"not {args.n} with {args.processes}")
            shutil.copyfile(args.kept, f"{tmp}/bench.db")
        with newsprism.open_store(f"sqlite:///{tmp}/bench.db") as store:
            if args.kept:
                full, first_new = kept["seconds"], kept["articles"]
            else:
                start = time.perf_counter()
                first_new = newsprism.analyze(base, store, settings).new
                full = time.perf_counter() - start
            run_adding(store, grown, settings, full, first_new, bool(args.kept))


def run_adding(store, grown: list[str], settings, full: float, first_new: int, kept: bool) -> None:  # type: ignore[no-untyped-def]
    """The adding run on ``store`` (it holds all but the last 1% of ``grown``), then each
    corpus pass again on the grown store; prints the JSON line."""
    in_run: dict[str, float] = {}
    corpus_passes.PASSES = timed(PASSES, in_run)
    start = time.perf_counter()
    second = newsprism.analyze(grown, store, settings)
    added = time.perf_counter() - start
    corpus_passes.PASSES = PASSES
    passes = {}
    for name, run in PASSES:  # each pass again, timed, on the grown store
        start = time.perf_counter()
        run(store, processes=settings.processes) if name == "reuse" else run(store)
        passes[name] = round(time.perf_counter() - start, 2)
    print(json.dumps({
        "benchmark": "incremental", "processes": settings.processes, "kept_store": kept, "articles": first_new,
        "added": second.new, "unchanged": second.unchanged, "full_seconds": round(full, 2),
        "added_seconds": round(added, 2), "ratio": round(added / full, 4), "adding_run_pass_seconds": in_run,
        "adding_run_other_seconds": round(added - sum(in_run.values()), 2), "corpus_pass_seconds": passes,
    }))


if __name__ == "__main__":
    main()
