"""Ingest throughput: read + decode + extract + normalise + metadata + language + id.

Run by benchmarks/run.py in a fresh process per format so peak memory (ru_maxrss) is the
format's own. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import corpus  # noqa: E402

from newsprism.engines.local import read_articles  # noqa: E402
from newsprism.ingest import InputFile, iter_inputs  # noqa: E402
from newsprism.model import Article  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("format")
    parser.add_argument("n", type=int)
    args = parser.parse_args()
    folder = corpus(args.format, args.n)
    inputs = [i for i in iter_inputs([str(folder)]) if isinstance(i, InputFile) and not i.source.endswith(".complete")]
    start = time.perf_counter()
    articles = failures = chars = 0
    for item in inputs:
        for found in read_articles(item, 20_000_000):
            if isinstance(found, Article):
                articles += 1
                chars += len(found.text)
            else:
                failures += 1
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "benchmark": "ingest", "format": args.format, "articles": articles, "failures": failures,
        "files": len(inputs), "seconds": round(seconds, 2), "articles_per_s": round(articles / seconds, 1),
        "mb_text_per_s": round(chars / seconds / 1e6, 2), "peak_rss_mb": round(peak_mb, 1),
    }))


if __name__ == "__main__":
    main()
