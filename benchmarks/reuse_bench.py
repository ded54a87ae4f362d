"""Text reuse on the planted corpora (benchmarks/reuse_corpus.py): our reuse pass and a
datasketch MinHashLSH peer, at 10k and 100k articles, in one run. Prints one JSON line.

Each size and system runs in a fresh process, so ``peak_rss_mb`` (ru_maxrss) is its own;
it includes the corpus held in memory (``loaded_rss_mb``, measured before the pass).
``seconds`` times the pass alone (corpus generation and loading are not counted).

* ours: ``find_reuse`` on the in-memory ReuseDocs (sentence spans from the generator),
  in one process, with 2 worker processes (``ours-2p``) and with its units as tasks on
  a local Ray of 2 CPUs, started before the clock (``ours-ray2``); the same links.
* peer: datasketch ``MinHashLSH`` (threshold 0.5, 128 permutations) over paragraphs
  (text split on blank lines; MinHash of lower-cased word 5-shingles via ``MinHash.bulk``);
  each paragraph is queried against the paragraphs indexed before it and then inserted,
  which yields every pair the index would return. A returned pair is a "link" between
  two paragraphs of different articles.
* store: ``newsprism.corpus.reuse_pass`` on an SQLite store holding the 10k corpus
  (written beforehand, in another process), then the stored links scored the same way.

Scoring (:func:`score`). A planted passage of >= 40 words is *found* when one link joins
its source and target articles and the link's spans cover at least half of the planted
span on each side (``recall_joint``: all the pair's links together). Recall is split by
edited/unedited copy, placement in the target (own paragraph / run in), same or other
outlet, and real/synthetic sentences. A link is *correct* when it joins a syndicated pair,
or a planted pair and overlaps the planted spans on both sides. Precision is over links
of >= 40 words (ours; ``precision_all``: every link) and over all returned pairs (peer;
``precision_40_words``: pairs of paragraphs of >= 40 words each). A syndicated pair is
found when a link flagged ``syndicated`` joins the two (ours) or when any pair of their
paragraphs is returned (peer). ``scaling`` is log(t_large / t_small) / log(n_large / n_small).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from reuse_corpus import corpus, load, reuse_docs  # noqa: E402

MIN_WORDS = 40


def covers(span: tuple[int, int], planted: tuple[int, int], share: float = 0.5) -> bool:
    """Whether ``span`` overlaps ``planted`` by at least ``share`` of the planted span."""
    overlap = min(span[1], planted[1]) - max(span[0], planted[0])
    return overlap > 0 and overlap >= share * (planted[1] - planted[0])


def covered(spans: list[tuple[int, int]], planted: tuple[int, int]) -> float:
    """The share of ``planted`` that the union of ``spans`` covers."""
    total, end = 0, planted[0]
    for a, b in sorted(spans):
        a, b = max(a, end), min(b, planted[1])
        if b > a:
            total, end = total + b - a, b
    return total / max(planted[1] - planted[0], 1)


def score(truth: dict, links, min_words: int | None = MIN_WORDS) -> dict:
    """Precision and recall of ``links``: (article, start, end, article, start, end, words)
    tuples, either order of the two sides; ``words`` None means 'no word count'.

    ``recall_joint`` lets all the links of a pair together cover half of each planted span
    (a passage the aligner split in pieces), where ``recall`` needs one link to."""
    planted: dict[frozenset, list[dict]] = {}
    for p in truth["passages"]:
        planted.setdefault(frozenset((p["source"], p["target"])), []).append(p)
    synd = {frozenset((s["original"], s["copy"])) for s in truth["syndicated"]}
    found, pieces, counted, correct = set(), {}, 0, 0
    for xa, x0, x1, ya, y0, y1, words in links:
        key, ok = frozenset((xa, ya)), False
        for p in planted.get(key, ()):
            src, tgt = ((x0, x1), (y0, y1)) if xa == p["source"] else ((y0, y1), (x0, x1))
            if covers(src, p["source_span"]) and covers(tgt, p["target_span"]):
                found.add(id(p))
            if covers(src, p["source_span"], 0) and covers(tgt, p["target_span"], 0):
                ok = True
                pieces.setdefault(id(p), ([], []))[0].append(src)
                pieces[id(p)][1].append(tgt)
        if words is None or words >= min_words:
            counted += 1
            correct += ok or key in synd
    joint = {k for k, p in ((id(p), p) for p in truth["passages"]) if k in pieces
             and covered(pieces[k][0], p["source_span"]) >= 0.5 and covered(pieces[k][1], p["target_span"]) >= 0.5}
    long = [p for p in truth["passages"] if p["words"] >= MIN_WORDS]

    def recall(ps: list[dict], hits: set = found) -> float | None:
        return round(sum(id(p) in hits for p in ps) / len(ps), 4) if ps else None

    splits = {"unedited": lambda p: not p["edited"], "edited": lambda p: p["edited"],
              "own_paragraph": lambda p: p["target_placement"] == "paragraph",
              "run_in": lambda p: p["target_placement"] == "run-in",
              "cross_outlet": lambda p: not p["same_outlet"], "same_outlet": lambda p: p["same_outlet"],
              "real": lambda p: p["real"], "synthetic": lambda p: not p["real"]}
    return {"planted": len(long), "recall": recall(long), "recall_joint": recall(long, joint),
            "links_counted": counted, "precision": round(correct / counted, 4) if counted else None,
            "recall_by": {name: recall([p for p in long if test(p)]) for name, test in splits.items()}}


def synd_recall(truth: dict, pairs: set[frozenset]) -> float | None:
    want = [frozenset((s["original"], s["copy"])) for s in truth["syndicated"]]
    return round(sum(k in pairs for k in want) / len(want), 4) if want else None


def _rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return round(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024, 1)


def run_ours(n: int, seed: int, processes: int = 1, ray_workers: int = 0) -> dict:
    from newsprism.corpus.reuse import find_reuse

    arts, truth = load(n, seed)
    docs = reuse_docs(arts)
    del arts
    engine = runner = None
    if ray_workers:  # the Ray engine's tasks on a local Ray, started before the clock
        from newsprism import Settings
        from newsprism.engines.ray import RayEngine

        engine = RayEngine(Settings(engine="ray", processes=ray_workers))
        engine.start()
        runner = engine.corpus_runner()
    try:
        loaded, start = _rss_mb(), time.perf_counter()
        result = find_reuse(docs, processes=processes, runner=runner)
        seconds = time.perf_counter() - start
    finally:
        if engine is not None:
            engine.close()
    links = [(r.a.article, r.a.start, r.a.end, r.b.article, r.b.start, r.b.end, r.words) for r in result.links]
    if ray_workers:
        system, what = f"ours-ray{ray_workers}", f"newsprism find_reuse, in memory, units on {ray_workers} Ray tasks at a time"
    else:
        system = "ours" if processes == 1 else f"ours-{processes}p"
        what = "newsprism find_reuse, in memory" + ("" if processes == 1 else f", {processes} worker processes")
    out = {"system": system, "what": what, "seconds": round(seconds, 2), "loaded_rss_mb": loaded,
           **score(truth, links), "precision_all": score(truth, links, 0)["precision"],
           "links": len(result.links), "links_40_words": sum(r.words >= MIN_WORDS for r in result.links),
           "boilerplate_links": sum(r.boilerplate is not None for r in result.links),
           "syndicated_recall": synd_recall(truth, {frozenset((r.a.article, r.b.article)) for r in result.links if r.syndicated}),
           "index_parts": result.stats.get("index_parts")}
    return out


def run_peer(n: int, seed: int) -> dict:
    from datasketch import MinHash, MinHashLSH

    arts, truth = load(n, seed)
    loaded, start = _rss_mb(), time.perf_counter()
    where, shingled, sizes = [], [], []   # paragraph -> (article, start, end); its shingles; its words
    for k, a in enumerate(arts):
        pos = 0
        for para in a["text"].split("\n\n"):
            toks = re.findall(r"\w+", para.lower())
            where.append((k, pos, pos + len(para)))
            shingled.append([" ".join(toks[i:i + 5]).encode() for i in range(len(toks) - 4)])
            sizes.append(len(toks))
            pos += len(para) + 2
    lsh, pairs = MinHashLSH(threshold=0.5, num_perm=128), []
    for b in range(0, len(shingled), 20_000):
        keep = [i for i in range(b, min(b + 20_000, len(shingled))) if shingled[i]]
        for i, m in zip(keep, MinHash.bulk([shingled[i] for i in keep], num_perm=128)):
            pairs.extend((j, i) for j in lsh.query(m) if where[j][0] != where[i][0])
            lsh.insert(i, m)
    seconds = time.perf_counter() - start
    ids = [a["id"] for a in arts]
    links = [(ids[where[j][0]], *where[j][1:], ids[where[i][0]], *where[i][1:], min(sizes[i], sizes[j])) for j, i in pairs]
    return {"system": "peer", "what": "datasketch MinHashLSH over paragraphs", "seconds": round(seconds, 2), "loaded_rss_mb": loaded,
            **score(truth, links, 0), "precision_40_words": score(truth, links)["precision"],
            "links": len(links), "paragraphs": len(where),
            "syndicated_recall": synd_recall(truth, {frozenset((x[0], x[3])) for x in links})}


def build_store(n: int, seed: int) -> Path:
    """An SQLite store of the corpus (articles and sentence spans), cached beside it."""
    import datetime as dt

    from newsprism import open_store
    from newsprism.model import Analysis, Article, Sentence

    path = corpus(n, seed) / "store.db"
    if (path.parent / ".store-complete").exists():
        return path
    path.unlink(missing_ok=True)
    arts, _ = load(n, seed)
    with open_store(f"sqlite:///{path}") as store:
        for b in range(0, len(arts), 1000):
            batch = []
            for a in arts[b:b + 1000]:
                text = a["text"]
                article = Article(a["id"], f"reuse-bench/{a['id']}", "txt", text, "en", a["title"],
                                  published=dt.date.fromisoformat(a["published"]), outlet=a["outlet"])
                sents = tuple(Sentence(i, s, e, text.count("\n\n", 0, s)) for i, (s, e) in enumerate(a["sentences"]))
                batch.append(Analysis(article, sents))
            store.write_batch(batch)
    (path.parent / ".store-complete").write_text("ok")
    return path


def run_store(n: int, seed: int) -> dict:
    from newsprism import open_store
    from newsprism.corpus import reuse_pass

    path, (_, truth) = build_store(n, seed), load(n, seed)
    with open_store(f"sqlite:///{path}") as store:
        loaded, start = _rss_mb(), time.perf_counter()
        count = reuse_pass(store)
        seconds = time.perf_counter() - start
        rows = store.reuse_links()
    links = [(r["a_article"], r["a_start"], r["a_end"], r["b_article"], r["b_start"], r["b_end"], r["words"]) for r in rows]
    return {"system": "store", "what": "newsprism reuse_pass on an SQLite store", "seconds": round(seconds, 2), "loaded_rss_mb": loaded,
            **score(truth, links), "links": count,
            "syndicated_recall": synd_recall(truth, {frozenset((r["a_article"], r["b_article"])) for r in rows if r["syndicated"]})}


RUNNERS = {"ours": run_ours, "ours-2p": lambda n, seed: run_ours(n, seed, 2),
           "ours-ray2": lambda n, seed: run_ours(n, seed, ray_workers=2), "peer": run_peer, "store": run_store}


def _child(system: str, n: int, seed: int) -> dict:
    cmd = [sys.executable, __file__, "--one", system, "--sizes", str(n), "--seed", str(seed)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--store-size", type=int, default=10_000, help="0: no store-backed run")
    parser.add_argument("--one", choices=sorted(RUNNERS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        n = args.sizes[0]
        result = RUNNERS[args.one](n, args.seed)
        result.update(articles=n, articles_per_s=round(n / max(result["seconds"], 1e-9), 1),
                      peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1))
        print(json.dumps(result))
        return
    runs = []
    for n in args.sizes:
        corpus(n, args.seed)
        for system in ("ours", "ours-2p", "ours-ray2", "peer"):
            runs.append(_child(system, n, args.seed))
            print(json.dumps(runs[-1]), file=sys.stderr)
    if args.store_size:
        subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(HERE)!r}); "
                        f"import reuse_bench; reuse_bench.build_store({args.store_size}, {args.seed})"], check=True)
        runs.append(_child("store", args.store_size, args.seed))
        print(json.dumps(runs[-1]), file=sys.stderr)
    scaling = {}
    for system in ("ours", "ours-2p", "ours-ray2", "peer"):
        rows = sorted((r for r in runs if r["system"] == system), key=lambda r: r["articles"])
        if len(rows) >= 2 and rows[0]["articles"] != rows[-1]["articles"]:
            scaling[system] = round(math.log(rows[-1]["seconds"] / rows[0]["seconds"])
                                    / math.log(rows[-1]["articles"] / rows[0]["articles"]), 2)
    print(json.dumps({"benchmark": "reuse", "seed": args.seed, "runs": runs, "scaling": scaling}))


if __name__ == "__main__":
    main()
