"""A reproducible corpus of N news-like articles with planted text reuse and its ground truth.

Built from the real texts in ../shared/bench (BASIL bodies, PolNeAR texts, AllSides article
bodies), into benchmarks/.cache/reuse-{n}-s{seed}/ (git ignored; the texts belong to their
publishers and are never committed). The same (n, seed) gives the same files.

* Filler: every filler sentence is 3-7 chunks of 3-4 consecutive words cut from real
  sentences (a deduplicated chunk table, sampled with numpy), capitalised, ending with a
  period, so it reads like news word to word but no 40-word stretch recurs anywhere.
  Articles have 8-25 sentences in 3-8 paragraphs ("\\n\\n" between them), a title, one of
  20 fictional outlets and a date in 2023-2024.
* Planted passages: about 30 % of articles get 1-5 consecutive real sentences (each real
  sentence planted at most once; near-duplicates sharing an 8-word run are dropped from the
  pool) that also appear in a source article dated 1-10 days earlier. In the target the
  passage is its own paragraph or run into the middle of a paragraph, half and half; a
  third of copies are lightly edited (1-3 word substitutions, deletions or insertions per
  20 words). The real pool (about 40k sentences) lasts for about 10k passages; later
  passages are fresh filler-style sentences, flagged ``real: false`` (two thirds at 100k).
* Syndication: about 2 % of articles are whole copies of another outlet's article from
  0-2 days earlier (0-2 word edits a paragraph), ending with a credit line of their own.
  Neither side of a syndicated pair takes part in any planted passage.

``truth.json`` holds every passage (source and target id and char span, words, edited,
placement, real, same outlet) and the syndicated pairs; ``articles.jsonl`` each article
with the char spans of its sentences, so ReuseDoc.sentences needs no parser.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import glob
import json
import random
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from generate import CACHE, SHARED

OUTLETS = ("Harbor Ledger", "Northfield Courier", "The Daily Meridian", "Granite State Sentinel", "Coastline Gazette",
           "Prairie Post", "The Lakeside Observer", "Capital Dispatch", "Riverbend Tribune", "Summit Herald",
           "The Evening Lantern", "Westmark Times", "Bayview Chronicle", "Ironwood Journal", "The Civic Record",
           "Pinecrest Press", "Union Square Bulletin", "Redwood Examiner", "The Morning Compass", "Eastport Register")
START = dt.date(2023, 1, 1)
_ABBREV = {"mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "jr", "sr", "lt", "col", "sgt", "u.s", "inc",
           "no", "vs", "corp", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "ft", "mt", "prof", "rev"}
_BOUNDARY = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
_WORD = re.compile(r"\w+")
_JUNK = re.compile(r"https?:|www\.|<|>|href=|\.com\b")
_EDGE = "\"“”‘’()[]{}.!?;:"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Char spans of the sentences of ``text``: a regex split at [.!?] (and a closing quote)
    followed by space and a capital, not after a few abbreviations (Mr., Sen., U.S., ...)."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        last = text[start:m.start()].rsplit(None, 1)[-1].rstrip(".!?\"”’)").lower() if text[start:m.start()].strip() else ""
        if last in _ABBREV or len(last) == 1:
            continue
        spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _pool_docs() -> list[list[str]]:
    """Real texts as lists of sentences, in a stable order (BASIL, PolNeAR, AllSides)."""
    bench = SHARED / "bench"
    paths = sorted(glob.glob(str(bench / "clustering/basil/articles/*/*.json")))
    if not paths:
        raise SystemExit(f"benchmark data not found under {bench}; set NEWSPRISM_SHARED")
    docs = [[s for p in json.loads(Path(x).read_text(encoding="utf-8"))["body-paragraphs"] for s in p] for x in paths]
    for x in sorted(glob.glob(str(bench / "quotes/polnear/*/text/*.txt"))):
        lines = Path(x).read_text(encoding="utf-8").splitlines()[1:]  # the first line is the title
        docs.append([line[a:b] for line in lines for a, b in split_sentences(line)])
    for x in sorted(glob.glob(str(bench / "clustering/allsides_roundups/*.jsonl"))):
        for row in Path(x).read_text(encoding="utf-8").splitlines():
            for side in json.loads(row)["news"].values():
                docs.append([p[a:b] for p in side.get("newBody") or [] for a, b in split_sentences(p)])
    return [[" ".join(s.split()) for s in d] for d in docs]


@dataclass
class Pool:
    """Read-only once built (cached per seed)."""

    runs: list[list[str]]   # runs of consecutive real sentences kept for planting
    chunks: list[str]       # 3-4-word chunks for filler
    vocab: list[str]        # common words for edits


@functools.lru_cache(maxsize=2)
def build_pool(seed: int) -> Pool:
    """Dedup real sentences (exact, then any shared 8-word run), cut the chunk table."""
    rnd, seen, grams, runs, chunks, vocab = random.Random(seed), set(), set(), [], {}, []
    for doc in _pool_docs():
        run: list[str] = []
        for s in doc:
            toks, junk = [t.lower() for t in _WORD.findall(s)], _JUNK.search(s)  # junk: markup and links
            words = [] if junk else [w for w in (w.strip(_EDGE) for w in s.split()) if w and len(w) <= 20]
            i = 0
            while i + 3 <= len(words):
                k = 3 if rnd.random() < 0.5 else 4
                chunks.setdefault(" ".join(words[i:i + k]).rstrip(","), None)
                i += k
            vocab += toks
            # (str hashes vary by process; two of ~1M 8-grams colliding is a ~1e-7 chance)
            new = {hash(tuple(toks[i:i + 8])) for i in range(max(1, len(toks) - 7))}
            ok = (not junk and 8 <= len(toks) <= 70 and s[-1:] in ".!?\"”’" and tuple(toks) not in seen
                  and not new & grams)
            seen.add(tuple(toks))
            grams |= new
            if ok:
                run.append(s)
            elif run:
                runs.append(run)
                run = []
        if run:
            runs.append(run)
    rnd.shuffle(runs)
    common = [w for w, _ in Counter(vocab).most_common(3000) if w.isalpha() and len(w) > 2][:2000]
    return Pool(runs, list(chunks), common)


class _Passages:
    """Hands out passages of k consecutive real sentences, each sentence once; then synthetic."""

    def __init__(self, pool: Pool, filler):
        self.runs, self.filler, self.run, self.next_run, self.spare = pool.runs, filler, [], 0, []

    def take(self, k: int) -> tuple[tuple[str, ...], bool]:
        while len(self.run) < k and self.next_run < len(self.runs):
            self.run, self.next_run = list(self.runs[self.next_run]), self.next_run + 1
        if len(self.run) >= k:
            out, self.run = self.run[:k], self.run[k:]
            return tuple(out), True
        if len(self.spare) < k:
            self.spare = self.filler(10_000)
        out, self.spare = self.spare[:k], self.spare[k:]
        return tuple(out), False


def _edit(sentence: str, rate: float, rnd: random.Random, vocab: list[str]) -> str:
    """Word substitutions, deletions and insertions, ``rate`` per word; never the first or
    last word, so capitals, final punctuation and the sentence split stay put."""
    w = sentence.split()
    out = w[:1]
    for word in w[1:-1]:
        if rnd.random() >= rate:
            out.append(word)
            continue
        op = rnd.randrange(3)
        if op == 0:
            out.append(rnd.choice(vocab))
        elif op == 2:
            out += [word, rnd.choice(vocab)]
    return " ".join(out + w[-1:]) if len(w) > 1 else sentence


def generate(n: int, seed: int = 0) -> tuple[list[dict], dict]:
    """The articles (id, title, outlet, published, text, sentences) and the ground truth."""
    pool, nrng, rnd = build_pool(seed), np.random.default_rng(seed), random.Random(seed)
    chunks = np.array(pool.chunks, dtype=object)

    def sentences(count: int) -> list[str]:
        sizes = nrng.integers(3, 8, count).tolist()
        picked, out, at = chunks[nrng.integers(0, len(chunks), sum(sizes))].tolist(), [], 0
        for k in sizes:
            s = " ".join(picked[at:at + k]).rstrip(",;-–— ")
            out.append(s[0].upper() + s[1:] + ".")
            at += k
        return out

    n_sent, n_para = nrng.integers(8, 26, n).tolist(), nrng.integers(3, 9, n).tolist()
    flat, days, outlets = sentences(sum(n_sent)), nrng.integers(0, 730, n).tolist(), nrng.integers(0, len(OUTLETS), n).tolist()
    titles = [s.rstrip(".").title() for s in sentences(n)]
    # article -> paragraph -> items; an item is (passage id, sentences), -1 for filler
    body: list[list[list[tuple[int, tuple[str, ...]]]]] = []
    at = 0
    for i in range(n):
        sents = [(-1, (s,)) for s in flat[at:at + n_sent[i]]]
        at += n_sent[i]
        cuts = sorted(rnd.sample(range(1, len(sents)), n_para[i] - 1))
        body.append([sents[a:b] for a, b in zip([0, *cuts], [*cuts, len(sents)])])

    syndicated, used, by_day = [], set(), sorted(range(n), key=days.__getitem__)
    sorted_days = [days[i] for i in by_day]
    for orig in rnd.sample(range(n), n):
        if len(syndicated) >= round(0.02 * n):
            break
        lo, hi = bisect_left(sorted_days, days[orig]), bisect_left(sorted_days, days[orig] + 3)
        for copy in (by_day[rnd.randrange(lo, hi)] for _ in range(20)):
            if not {orig, copy} & used and outlets[copy] != outlets[orig]:
                used |= {orig, copy}
                syndicated.append((orig, copy))
                break

    passages, fresh = [], _Passages(pool, sentences)
    free = [i for i in by_day if i not in used]
    free_days = [days[i] for i in free]
    for target in rnd.sample(free, round(0.3 * n)):
        lo, hi = bisect_left(free_days, days[target] - 10), bisect_left(free_days, days[target])
        if lo == hi:
            continue
        source, k = free[rnd.randrange(lo, hi)], rnd.randint(1, 5)
        text, real = fresh.take(k)
        edited, rate = rnd.random() < 1 / 3, rnd.uniform(1, 3) / 20
        copied = text
        while edited and copied == text:  # at least one edit
            copied = tuple(_edit(s, rate, rnd, pool.vocab) for s in text)
        pid = len(passages)
        passages.append({"source": source, "target": target, "edited": edited, "real": real, "sentences": k,
                         "words": sum(len(s.split()) for s in text), "same_outlet": outlets[source] == outlets[target]})
        for role, art, sents in (("source", source, text), ("target", target, copied)):
            paras, own = body[art], rnd.random() < 0.5
            inner = [p for p in range(len(paras)) if len(paras[p]) >= 2]
            if own or not inner:
                paras.insert(rnd.randint(0, len(paras)), [(pid, sents)])
            else:
                p = rnd.choice(inner)
                paras[p].insert(rnd.randint(1, len(paras[p]) - 1), (pid, sents))
            passages[pid][f"{role}_placement"] = "paragraph" if own or not inner else "run-in"

    for orig, copy in syndicated:
        titles[copy] = titles[orig]
        rates = [rnd.randint(0, 2) / sum(len(s.split()) for _, (s,) in p) for p in body[orig]]  # 0-2 edits a paragraph
        body[copy] = [[(-1, (_edit(s, r, rnd, pool.vocab),)) for _, (s,) in p] for p, r in zip(body[orig], rates)]
        body[copy].append([(-1, (f"This article first appeared in {OUTLETS[outlets[orig]]} and is republished by "
                                 f"{OUTLETS[outlets[copy]]} under a content-sharing agreement.",))])

    ids = [f"r{i:06d}" for i in range(n)]
    articles = [_render(i, ids[i], body[i], passages) | {"title": titles[i], "outlet": OUTLETS[outlets[i]],
                "published": (START + dt.timedelta(days=days[i])).isoformat()} for i in range(n)]
    for p in passages:
        p["source"], p["target"] = ids[p["source"]], ids[p["target"]]
    synd = [{"original": ids[o], "copy": ids[c], "original_span": [0, len(articles[o]["text"])],
             "copy_span": [0, articles[c]["text"].rindex("\n\n")]} for o, c in syndicated]
    stats = {"articles": n, "passages": len(passages), "passages_real": sum(p["real"] for p in passages),
             "passages_40_words": sum(p["words"] >= 40 for p in passages), "syndicated": len(synd),
             "pool_runs": len(pool.runs), "pool_sentences": sum(map(len, pool.runs)), "chunks": len(pool.chunks)}
    return articles, {"n": n, "seed": seed, "passages": passages, "syndicated": synd, "stats": stats}


def _render(i: int, id_: str, paras: list, passages: list[dict]) -> dict:
    """Join paragraphs with blank lines and items with spaces; note sentence and passage spans."""
    parts, spans, pos = [], [], 0
    for p, para in enumerate(paras):
        for j, (pid, sents) in enumerate(para):
            if p or j:
                sep = " " if j else "\n\n"
                parts.append(sep)
                pos += len(sep)
            start = pos
            for k, s in enumerate(sents):
                if k:
                    parts.append(" ")
                    pos += 1
                spans.append([pos, pos + len(s)])
                parts.append(s)
                pos += len(s)
            if pid >= 0:
                role = "source" if passages[pid]["source"] == i else "target"
                passages[pid][f"{role}_span"] = [start, pos]
    return {"id": id_, "text": "".join(parts), "sentences": spans}


def corpus(n: int, seed: int = 0) -> Path:
    """The folder of the corpus (generated on first use, then reused)."""
    folder = CACHE / f"reuse-{n}-s{seed}"
    if not (folder / ".complete").exists():
        gc.disable()  # millions of small objects: the cyclic collector would double the time
        try:
            arts, truth = generate(n, seed)
        finally:
            gc.enable()
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "articles.jsonl", "w", encoding="utf-8") as out:
            out.writelines(json.dumps(a, ensure_ascii=False) + "\n" for a in arts)
        (folder / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
        (folder / ".complete").write_text("ok")
    return folder


def load(n: int, seed: int = 0) -> tuple[list[dict], dict]:
    """The articles and ground truth of the cached corpus (generating it if needed)."""
    folder = corpus(n, seed)
    with open(folder / "articles.jsonl", encoding="utf-8") as f:
        arts = [json.loads(line) for line in f]
    return arts, json.loads((folder / "truth.json").read_text(encoding="utf-8"))


def reuse_docs(arts: list[dict]) -> list:
    """The articles as ``newsprism.corpus.reuse.ReuseDoc``."""
    from newsprism.corpus.reuse import ReuseDoc

    return [ReuseDoc(a["id"], a["text"], tuple(map(tuple, a["sentences"])), a["outlet"], a["published"]) for a in arts]


if __name__ == "__main__":
    import argparse
    import time

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    t = time.perf_counter()
    folder = corpus(args.n, args.seed)
    stats = json.loads((folder / "truth.json").read_text(encoding="utf-8"))["stats"]
    print(json.dumps({"benchmark": "reuse_corpus", "folder": str(folder), "seconds": round(time.perf_counter() - t, 1), **stats}))
