"""Event clustering time at 10k and 100k articles, generated from the bench texts.

The pool is BASIL (300 articles) and the AllSides openings (1,479): copy ``k`` of a
pool article reports the same happening ``k`` x 37 days later (a recurring event: same
words, another day) with one paragraph or sentence dropped, so the gold event of a
generated article is (pool event, k). The lead embeddings of the pool are computed once
and shared by its copies (the per-article embedding cost is measured separately, as
texts per second), so the figure is the clustering itself: TF-IDF, the baselines, the
windowed graph and the average-link clusters.

With ``--store`` it also times the whole events pass on a SQLite store holding the
generated articles (written with ``Store.write_batch``: sentences from a plain splitter,
time expressions from the timex stage, the lead embeddings already cached): dates,
anchors, clustering, votes, storylines and writing the tables.

    python benchmarks/events_speed.py [--store[=MAX]] [--peer] 10000 100000

(the store run is done for sizes up to MAX, default 100000). Where a connected component
of the similarity graph is too large for the square of its distances (``DENSE_MAX`` rows:
the storylines of these recurring copies make one of 28,668 events at 100k), the pass
clusters it over its edges; up to ``DENSE_AGREEMENT_MAX`` articles the store run then runs
the pass again with every component on the square and reports how far the storylines
agree (pairwise P / R / F1, the square's as reference).

With ``--peer`` it also runs the scikit-learn peer of events_bench.py (TF-IDF, average link
on a dense matrix of cosine distances, no dates) on the same generated articles, up to
``PEER_MAX`` articles: beyond that its n x n distances alone outgrow this machine's memory.

Prints one JSON line per size (and per store run and peer run).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import events_bench  # noqa: E402
from newsprism.corpus.events import EventDoc, EventSettings, cluster_events  # noqa: E402


def pool() -> tuple[list[EventDoc], list[str]]:
    basil, basil_gold = events_bench.basil()
    sides, sides_gold = events_bench.allsides("all")
    return basil + sides, basil_gold + sides_gold


def generate(n: int, docs: list[EventDoc], gold: list[str], seed: int = 0) -> tuple[list[EventDoc], list[str], list[int]]:
    rng = random.Random(seed)
    out, labels, base = [], [], []
    for i in range(n):
        k, j = divmod(i, len(docs))
        d = docs[j]
        parts = d.text.split("\n\n")
        if len(parts) > 2:
            parts.pop(rng.randrange(1, len(parts)))
        else:
            sentences = parts[-1].split(". ")
            if len(sentences) > 1:
                sentences.pop(rng.randrange(len(sentences)))
            parts[-1] = ". ".join(sentences)
        day = d.day + dt.timedelta(days=37 * k) if d.day else None
        out.append(EventDoc(f"{d.id}~{k}", "\n\n".join(parts), d.title, day, d.lead))
        labels.append(f"{gold[j]}~{k}")
        base.append(j)
    return out, labels, base


def _stories(store) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each event's storyline (its own id where it has none)."""
    return {e["id"]: e["story"] or e["id"] for e in store.events()}


def _agreement(reference: dict[str, str], found: dict[str, str]) -> dict[str, float]:
    """``found``'s storylines scored against ``reference``'s (events_bench.scores: B-cubed and pairwise)."""
    events = sorted(reference)
    number = {story: k for k, story in enumerate(sorted(set(found.values())))}
    return events_bench.scores([number[found[e]] for e in events], [reference[e] for e in events])


class _PeakRSS:
    """The process's largest resident set while the block runs (sampled every 20 ms)."""

    def __enter__(self) -> "_PeakRSS":
        import threading

        self.peak_mb, self._done = 0.0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._done.is_set():
            self.peak_mb = max(self.peak_mb, int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 2**20)
            self._done.wait(0.02)

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()


def store_run(generated: list[EventDoc], vectors: np.ndarray, folder: Path) -> dict:
    import logging
    import re
    import tempfile

    import newsprism.corpus.events as events_module
    from newsprism import open_store
    from newsprism.corpus.event_pass import EMBEDDING_MODEL, events_pass
    from newsprism.model import Analysis, Article, Sentence
    from newsprism.stages.timex import find_times

    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        with open_store(f"sqlite:///{tmp}/events.db") as store:
            for i in range(0, len(generated), 2000):
                analyses = []
                for d in generated[i:i + 2000]:
                    article = Article(id=d.id.replace("~", "-"), source=d.id, format="txt", text=d.text, language="en",
                                      title=d.title, published=d.day)
                    sentences = tuple(Sentence(k, m.start(), m.end(), 0)
                                      for k, m in enumerate(re.finditer(r"[^\n.!?]+[.!?]*", d.text)))
                    analyses.append(Analysis(article, sentences, times=tuple(find_times(d.text))))
                store.write_batch(analyses)
            store.add_lead_vectors(EMBEDDING_MODEL, {d.id.replace("~", "-"): v for d, v in zip(generated, vectors)})
            large: list[str] = []
            handler = logging.Handler()
            handler.emit = lambda record: large.append(record.getMessage())  # type: ignore[method-assign]
            log = logging.getLogger(events_module.__name__)
            log.addHandler(handler)
            log.setLevel(logging.INFO)
            try:
                with _PeakRSS() as rss:
                    clock = time.perf_counter()
                    events = events_pass(store)
                    seconds = time.perf_counter() - clock
            finally:
                log.removeHandler(handler)
            result = {"benchmark": "events_pass_store", "articles": len(generated), "events": events,
                      "seconds": round(seconds, 1), "articles_per_second": round(len(generated) / seconds),
                      "stories": store.count("stories"), "pass_peak_rss_mb": round(rss.peak_mb),
                      "graph_average_link": large}
            if large and len(generated) <= DENSE_AGREEMENT_MAX:
                # the same pass with every component clustered over the square of its distances
                found = _stories(store)
                dense_max, events_module.DENSE_MAX = events_module.DENSE_MAX, 10**9
                try:
                    with _PeakRSS() as rss:
                        clock = time.perf_counter()
                        events_pass(store)
                        result["dense_seconds"] = round(time.perf_counter() - clock, 1)
                finally:
                    events_module.DENSE_MAX = dense_max
                result.update(dense_stories=store.count("stories"), dense_pass_peak_rss_mb=round(rss.peak_mb),
                              stories_against_dense=_agreement(_stories(store), found))
            return result


#: Up to this many articles the store run also clusters every component over the square
#: of its distances, to compare the storylines the graph average link finds with them.
DENSE_AGREEMENT_MAX = 30000


PEER_MAX = 20000


def peer_run(generated: list[EventDoc], labels: list[str]) -> dict:
    n = len(generated)
    if n > PEER_MAX:
        return {"benchmark": "events_speed_sklearn", "articles": n, "skipped":
                f"its dense {n:,} x {n:,} distances need {n * n * 8 / 2**30:.0f} GiB"}
    r = events_bench.sklearn_peer("speed", generated, labels, events_bench.SKLEARN_DISTANCE)
    return {**r, "benchmark": "events_speed_sklearn", "articles_per_second": round(n / max(r["seconds"], 1e-9))}


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    store_flag = next((a for a in sys.argv[1:] if a.startswith("--store")), None)
    store_max = int(store_flag.split("=", 1)[1]) if store_flag and "=" in store_flag else 100000
    sizes = [int(a) for a in args] or [10000, 100000]
    docs, gold = pool()
    from newsprism.models.embeddings import SentenceEmbedder

    encoder = SentenceEmbedder.load()
    leads = [" ".join(filter(None, (d.title, d.lead))) for d in docs]
    clock = time.perf_counter()
    pool_vectors = encoder.encode(leads)
    embed_rate = len(leads) / (time.perf_counter() - clock)
    for n in sizes:
        generated, labels, base = generate(n, docs, gold)
        vectors = pool_vectors[np.array(base)]
        clock = time.perf_counter()
        result = cluster_events(generated, EventSettings(), embeddings=vectors)
        seconds = time.perf_counter() - clock
        scores = events_bench.scores([int(x) for x in result.labels], labels)
        print(json.dumps({"benchmark": "events_speed", "articles": n, "seconds": round(seconds, 1),
                          "articles_per_second": round(n / seconds), "events": int(result.labels.max()) + 1,
                          "gold_events": len(set(labels)), "b3_f1": scores["b3_f1"], "pair_f1": scores["pair_f1"],
                          "lead_embeddings_per_second": round(embed_rate, 1)}), flush=True)
        if "--peer" in sys.argv:
            print(json.dumps(peer_run(generated, labels)), flush=True)
        if store_flag and n <= store_max:
            print(json.dumps(store_run(generated, vectors, HERE / ".cache")), flush=True)


if __name__ == "__main__":
    main()
