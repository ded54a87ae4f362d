"""Reuse scores on the Clough-Stevenson corpus of plagiarised short answers. Prints one JSON line.

Each of the 95 answers is compared with its task's source text
(../shared/bench/reuse/clough-stevenson-short-answers; labels in file_information.csv).

* ours, ``coverage``: the share of the answer's words inside the passages that
  ``newsprism.corpus.reuse.compare(answer, source)`` returns (sentence spans from a regex
  split); ``similarity``: those passages' mean similarity, weighted by their answer words
  (0 when there are none).
* ours, ``paraphrase_preset``: the same coverage with ``ReuseSettings.paraphrase()`` (3-word
  shingles, looser chaining), a preset for comparing texts already known to be related.
  Its parameters were chosen by looking at this corpus (which has no held-out split), so
  its figure is optimistic; the default's is not tuned here.
* the README's baselines, computed here the same way as there (lower-case alphanumeric word
  tokens): word-unigram and word-3-gram containment (|set(answer) & set(source)| /
  |set(answer)|) and LCS of the word sequences / answer words.

For each score: the mean per category (cut, light, heavy, non) and ROC-AUC (Mann-Whitney,
ties count one half) of cut+light+heavy against non, and of cut against heavy.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import SHARED  # noqa: E402
from reuse_corpus import split_sentences  # noqa: E402

from newsprism.corpus.reuse import ReuseSettings  # noqa: E402

DATA = SHARED / "bench" / "reuse" / "clough-stevenson-short-answers"
CATEGORIES = ("cut", "light", "heavy", "non")
_TOKEN = re.compile(r"[a-z0-9]+")


def read_text(path: Path) -> str:
    """UTF-8, else Windows-1252 (the corpus mixes them)."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def auc(positives: list[float], negatives: list[float]) -> float:
    """ROC-AUC as the Mann-Whitney statistic: P(score of a positive > of a negative), ties 1/2."""
    if not positives or not negatives:
        raise ValueError("AUC needs at least one positive and one negative")
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def containment(answer: list[str], source: list[str], n: int) -> float:
    grams = {tuple(answer[i:i + n]) for i in range(len(answer) - n + 1)}
    theirs = {tuple(source[i:i + n]) for i in range(len(source) - n + 1)}
    return len(grams & theirs) / len(grams) if grams else 0.0


def lcs_ratio(answer: list[str], source: list[str]) -> float:
    from rapidfuzz.distance import LCSseq

    return LCSseq.similarity(answer, source) / len(answer) if answer else 0.0


def ours(answer: str, source: str, settings=None) -> tuple[float, float]:
    """(coverage, similarity) of ``compare(answer, source)``'s passages on the answer side."""
    from newsprism.corpus.reuse import ReuseDoc, compare

    a = ReuseDoc("answer", answer, tuple(split_sentences(answer)))
    b = ReuseDoc("source", source, tuple(split_sentences(source)))
    spans, weights = [], []
    for link in compare(a, b, settings):
        side = link.a if link.a.article == "answer" else link.b
        spans.append((side.start, side.end))
        weights.append((link.similarity, link.words))
    words = [m.span() for m in _TOKEN.finditer(answer.lower())]
    inside = sum(any(s <= w0 and w1 <= e for s, e in spans) for w0, w1 in words)
    total = sum(w for _, w in weights)
    return inside / max(len(words), 1), (sum(s * w for s, w in weights) / total if total else 0.0)


def summarise(rows: list[dict], key: str) -> dict:
    by = {c: [r[key] for r in rows if r["category"] == c] for c in CATEGORIES}
    reuse = by["cut"] + by["light"] + by["heavy"]
    return {"mean": {c: round(sum(v) / len(v), 3) for c, v in by.items()},
            "auc_reuse_vs_non": round(auc(reuse, by["non"]), 3), "auc_cut_vs_heavy": round(auc(by["cut"], by["heavy"]), 3)}


def main() -> None:
    if not (DATA / "file_information.csv").exists():
        raise SystemExit(f"Clough-Stevenson data not found at {DATA}; set NEWSPRISM_SHARED")
    with open(DATA / "file_information.csv", newline="", encoding="utf-8") as f:
        info = [r for r in csv.DictReader(f) if r["Category"] != "orig"]
    sources = {t: read_text(DATA / f"orig_task{t}.txt") for t in sorted({r["Task"] for r in info})}
    rows, ours_seconds = [], 0.0
    for r in info:
        answer, source = read_text(DATA / r["File"]), sources[r["Task"]]
        a_tok, s_tok = _TOKEN.findall(answer.lower()), _TOKEN.findall(source.lower())
        start = time.perf_counter()
        coverage, similarity = ours(answer, source)
        ours_seconds += time.perf_counter() - start
        loose, _ = ours(answer, source, ReuseSettings.paraphrase())
        rows.append({"category": r["Category"], "coverage": coverage, "similarity": similarity, "paraphrase": loose,
                     "unigram": containment(a_tok, s_tok, 1), "trigram": containment(a_tok, s_tok, 3),
                     "lcs": lcs_ratio(a_tok, s_tok)})
    scores = {"ours_coverage": "coverage", "ours_similarity": "similarity", "ours_paraphrase_preset": "paraphrase",
              "unigram_containment": "unigram",
              "trigram_containment": "trigram", "lcs_over_answer": "lcs"}
    print(json.dumps({"benchmark": "clough_stevenson", "answers": len(rows),
                      "counts": {c: sum(r["category"] == c for r in rows) for c in CATEGORIES},
                      "scores": {name: summarise(rows, key) for name, key in scores.items()},
                      "ours_seconds": round(ours_seconds, 3)}))


if __name__ == "__main__":
    main()
