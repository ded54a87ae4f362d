"""The statements pass's grouping at scale, on planted quotes: 10k and 100k quotes.

    python benchmarks/statements_bench.py [N ...]

Utterances are real sentences of the BASIL articles in ``../shared/bench`` (12 to 45
words). Each speaker says utterances drawn from one or two articles, so a speaker's
utterances share their subject and words, as a real speaker's do (a sentence two outlets
both printed, or one inside another, is one utterance). Each utterance is
reported by 1 to 4 articles: verbatim (sometimes with straight quote marks or a changed
first letter's case), or as a fragment of at least six words (a partial quote) cut from it.
Two utterances of different speakers may be the same sentence; they must never group.
The planted utterance is the gold statement; scores are over pairs of quotes (a pair is
predicted when both quotes land in one statement). Only the lexical links run here
(verbatim and fragment): the embedding links need the sentence model, which on two CPU
cores embeds about 20 texts a second, too slow for 100k quotes. Prints one JSON line.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import basil_articles  # noqa: E402

from newsprism.corpus.diff import words  # noqa: E402
from newsprism.corpus.statements import QuoteRecord, group_statements  # noqa: E402

QUOTES_PER_SPEAKER = 50
REPORTS = (1, 2, 2, 3, 4)  # how many articles report one utterance, drawn uniformly


def _sentences() -> list[list[str]]:
    """Each BASIL article's sentences of 12 to 45 words, for articles with at least ten."""
    out = []
    for source in basil_articles():
        sentences = []
        for paragraph in source.paragraphs:
            for s in paragraph.replace("“", '"').replace("”", '"').split(". "):
                words = s.strip().strip('"').split()
                if 12 <= len(words) <= 45:
                    sentences.append(" ".join(words).rstrip(".") + ".")
        if len(sentences) >= 10:
            out.append(sorted(set(sentences)))
    return out


def _distinct(sentences: list[str]) -> list[str]:
    """One speaker's utterances: the same words (two outlets' copies of one sentence) or
    a sentence inside another are one utterance, and kept once."""
    first: dict[str, str] = {}  # folded words -> the first sentence with them
    for s in sorted(set(sentences)):
        first.setdefault(" ".join(words(s)), s)
    return [s for f, s in first.items() if not any(g != f and f in g for g in first)]


def planted(n: int, seed: int = 7) -> tuple[list[QuoteRecord], dict[str, int]]:
    """About ``n`` quotes and each quote's planted utterance."""
    rng = random.Random(seed)
    pool = _sentences()
    quotes: list[QuoteRecord] = []
    gold: dict[str, int] = {}
    utterance = article = 0
    for s in range(n):
        if len(quotes) >= n:
            break
        speaker, size = f"speaker{s:05d}", len(quotes) + QUOTES_PER_SPEAKER
        said = _distinct(rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.5 else []))
        for text in rng.sample(said, len(said)):
            if len(quotes) >= min(n, size):
                break
            for r in range(rng.choice(REPORTS)):
                words_ = text.split()
                if r == 0 or rng.random() < 0.6:
                    kind, body = "direct", text
                    if rng.random() < 0.3:
                        body = body[0].swapcase() + body[1:]
                    if rng.random() < 0.3:
                        body = f'"{body}"'
                else:
                    cut = rng.randint(6, max(6, len(words_) - 4))
                    at = rng.randint(0, len(words_) - cut)
                    kind, body = "partial", " ".join(words_[at : at + cut])
                qid = f"q{len(quotes):07d}"
                quotes.append(QuoteRecord(qid, f"a{article + r:07d}", body, kind, speaker, None, "2020-01-01"))
                gold[qid] = utterance
            utterance += 1
            article += 4
    return quotes, gold


def _pairs(groups: dict[object, list[str]]) -> int:
    return sum(len(m) * (len(m) - 1) // 2 for m in groups.values())


def pair_scores(statements, gold: dict[str, int]) -> dict[str, float]:
    """Pair precision, recall and F1 of the statements against the planted utterances."""
    by_gold: dict[int, list[str]] = defaultdict(list)
    for q, u in gold.items():
        by_gold[u].append(q)
    predicted = {g.id: list(g.quotes) for g in statements}
    both = sum(n * (n - 1) // 2 for g in statements for n in Counter(gold[q] for q in g.quotes).values())
    p = both / max(_pairs(predicted), 1)
    r = both / max(_pairs(by_gold), 1)
    return {"pair_p": round(p, 4), "pair_r": round(r, 4), "pair_f1": round(2 * p * r / max(p + r, 1e-12), 4)}


def main() -> None:
    sizes = [int(x) for x in sys.argv[1:]] or [10_000, 100_000]
    runs = []
    for n in sizes:
        quotes, gold = planted(n)
        start = time.perf_counter()
        statements = group_statements(quotes)
        seconds = time.perf_counter() - start
        runs.append({"quotes": len(quotes), "utterances": len(set(gold.values())), "statements": len(statements),
                     "seconds": round(seconds, 2), "quotes_per_s": round(len(quotes) / seconds),
                     **pair_scores(statements, gold)})
        print(json.dumps(runs[-1]), file=sys.stderr)
    out = {"benchmark": "statements", "runs": runs,
           "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    if len(runs) == 2:
        import math

        ratio = runs[1]["seconds"] / max(runs[0]["seconds"], 1e-9)
        out["scaling_exponent"] = round(math.log(ratio) / math.log(runs[1]["quotes"] / runs[0]["quotes"]), 2)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
