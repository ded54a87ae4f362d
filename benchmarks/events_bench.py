"""Event clustering on BASIL (100 events x 3 outlets) and the AllSides roundups (506
stories, left/centre/right openings): B-cubed and pairwise precision, recall and F1.

BASIL is never used to choose a setting. The AllSides stories are split by date: the
settings were chosen on the stories before 2021-07-01 (``--split dev``) and are reported
on the later ones (``--split test``, the default) and on all of them.

    python benchmarks/events_bench.py [--set basil|allsides|both] [--split dev|test|all]
                                      [--embeddings] [--threshold T]

Prints one JSON line per set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from newsprism.corpus.events import EventDoc, EventSettings, cluster_events  # noqa: E402

SHARED = Path(os.environ.get("NEWSPRISM_SHARED", HERE.parent.parent / "shared"))
CLUSTERING = SHARED / "bench" / "clustering"
SPLIT_DAY = dt.date(2021, 7, 1)


def basil() -> tuple[list[EventDoc], list[str]]:
    folder = CLUSTERING / "basil" / "articles"
    if not folder.is_dir():
        raise SystemExit(f"benchmark data not found at {folder}; set NEWSPRISM_SHARED")
    docs, gold = [], []
    for path in sorted(folder.glob("*/*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(s) for s in d["body-paragraphs"] if s]
        text = "\n\n".join([d["title"], *paragraphs])
        docs.append(EventDoc(path.stem, text, d["title"], dt.date.fromisoformat(d["date"][:10]), " ".join(paragraphs[:2])))
        gold.append(d["triplet-uuid"])
    return docs, gold


def allsides(split: str) -> tuple[list[EventDoc], list[str]]:
    path = next((CLUSTERING / "allsides_roundups").glob("*.jsonl"), None)
    if path is None:
        raise SystemExit(f"benchmark data not found under {CLUSTERING / 'allsides_roundups'}; set NEWSPRISM_SHARED")
    docs, gold = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        story = json.loads(line)
        day = dt.date.fromisoformat(story["date"][:10])
        if (split == "dev" and day >= SPLIT_DAY) or (split == "test" and day < SPLIT_DAY):
            continue
        for side in ("left", "center", "right"):
            item = (story.get("news") or {}).get(side)
            if not item or not (item.get("newBody") or item.get("newsTitle")):
                continue
            body = item.get("newBody") or ""
            body = " ".join(body) if isinstance(body, list) else body
            title = item.get("newsTitle") or ""
            docs.append(EventDoc(f"{story['id']}-{side}", f"{title}\n\n{body}", title, day, body))
            gold.append(str(story["id"]))
    return docs, gold


def scores(predicted: list[int], gold: list[str]) -> dict[str, float]:
    """B-cubed (Bagga & Baldwin) and pairwise precision/recall/F1."""
    n = len(gold)
    by_pred: dict[int, list[int]] = defaultdict(list)
    by_gold: dict[str, list[int]] = defaultdict(list)
    for i, (p, g) in enumerate(zip(predicted, gold)):
        by_pred[p].append(i)
        by_gold[g].append(i)
    precision = recall = 0.0
    for i in range(n):
        same_pred = by_pred[predicted[i]]
        same_gold = by_gold[gold[i]]
        both = sum(1 for j in same_pred if gold[j] == gold[i])
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    precision, recall = precision / n, recall / n
    cells = Counter(zip(predicted, gold))
    tp = sum(c * (c - 1) / 2 for c in cells.values())
    pred_pairs = sum(len(v) * (len(v) - 1) / 2 for v in by_pred.values())
    gold_pairs = sum(len(v) * (len(v) - 1) / 2 for v in by_gold.values())
    pp = tp / pred_pairs if pred_pairs else 1.0
    pr = tp / gold_pairs if gold_pairs else 1.0

    def f(a: float, b: float) -> float:
        return 2 * a * b / (a + b) if a + b else 0.0

    return {"b3_precision": round(precision, 4), "b3_recall": round(recall, 4), "b3_f1": round(f(precision, recall), 4),
            "pair_precision": round(pp, 4), "pair_recall": round(pr, 4), "pair_f1": round(f(pp, pr), 4)}


def evaluate(name: str, docs: list[EventDoc], gold: list[str], settings: EventSettings, embed=None) -> dict:
    clock = time.perf_counter()
    result = cluster_events(docs, settings, embed=embed)
    seconds = time.perf_counter() - clock
    labels = [int(x) for x in result.labels]
    return {"benchmark": f"events_{name}", "articles": len(docs), "gold_events": len(set(gold)),
            "events": len(set(labels)), **scores(labels, gold), "seconds": round(seconds, 2),
            "embedding_weight": settings.embedding_weight, "threshold": settings.threshold}


# The peer a user would reach for: scikit-learn TF-IDF and average-link agglomerative
# clustering on cosine distance, cut at one distance (chosen on the AllSides dev stories,
# like our settings; `--peer sklearn --split dev --sweep` prints the sweep). It sees the
# same texts but no dates.
SKLEARN_DISTANCE = 0.75


def sklearn_peer(name: str, docs: list[EventDoc], gold: list[str], distance: float) -> dict:
    import sklearn
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    clock = time.perf_counter()
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform([d.text for d in docs])
    distances = 1.0 - (x @ x.T).toarray()
    distances[distances < 0] = 0.0
    labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                     distance_threshold=distance).fit_predict(distances)
    seconds = time.perf_counter() - clock
    labels = [int(v) for v in labels]
    return {"benchmark": f"events_{name}", "system": f"scikit-learn {sklearn.__version__} TF-IDF + average link",
            "articles": len(docs), "gold_events": len(set(gold)), "events": len(set(labels)), **scores(labels, gold),
            "seconds": round(seconds, 2), "distance_threshold": distance}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="both", choices=("basil", "allsides", "both"))
    parser.add_argument("--split", default="test", choices=("dev", "test", "all"))
    parser.add_argument("--tfidf-only", action="store_true", help="no sentence embeddings")
    parser.add_argument("--threshold", type=float)
    parser.add_argument("--weight", type=float)
    parser.add_argument("--peer", choices=("sklearn",), help="run the peer instead of newsprism")
    parser.add_argument("--sweep", action="store_true", help="with --peer: every distance from 0.5 to 0.95")
    args = parser.parse_args()
    if args.peer:
        distances = [round(0.5 + 0.05 * i, 2) for i in range(10)] if args.sweep else [args.threshold or SKLEARN_DISTANCE]
        for distance in distances:
            if args.set in ("basil", "both"):
                print(json.dumps(sklearn_peer("basil", *basil(), distance)))
            if args.set in ("allsides", "both"):
                print(json.dumps({**sklearn_peer(f"allsides_{args.split}", *allsides(args.split), distance),
                                  "split": args.split}))
        return
    settings = EventSettings()
    embed = None
    if args.tfidf_only:
        settings = EventSettings(embedding_weight=0.0, threshold=0.2, undated_threshold=0.3, background=0)
    else:
        from newsprism.models.embeddings import SentenceEmbedder

        embed = SentenceEmbedder.load().encode
    if args.weight is not None:
        settings = EventSettings(**{**settings.__dict__, "embedding_weight": args.weight})
    if args.threshold is not None:
        settings = EventSettings(**{**settings.__dict__, "threshold": args.threshold})
    if args.set in ("basil", "both"):
        print(json.dumps(evaluate("basil", *basil(), settings, embed)))
    if args.set in ("allsides", "both"):
        print(json.dumps({**evaluate(f"allsides_{args.split}", *allsides(args.split), settings, embed),
                          "split": args.split}))


if __name__ == "__main__":
    main()
