"""Who a pronoun speaker is: the quote stage's resolution of "he" and "she" on PolNeAR.

PolNeAR marks the source span of each attribution but not whom a pronoun source stands for.
``speakers_polnear.json`` holds that, annotated by hand for 60 of the 241 attributions of
the test split whose gold source is "he" or "she", and 60 of the dev split's 291 (random
samples, seed 3; the dev sample was annotated after the rules were written). For each, the
quote the stage finds with that very speaker span is looked up, and its speaker's name
(the head of the article's chain it was resolved to) is compared with the annotation:

- right: the name's words include the annotated surname (and not the word the annotation
  rules out: "Bill" where the speaker is Hillary Clinton);
- wrong: another name;
- unresolved: the stage left the speaker None (no evidence, no speaker);
- missed: no quote of the stage has that speaker span.

    python benchmarks/speakers_bench.py        # both splits: a table each, then one JSON line
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import polnear  # noqa: E402

GOLD = HERE / "speakers_polnear.json"
OUTCOMES = ("right", "wrong", "unresolved", "missed")


def _words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]+", name)}


def judge(item: dict, name: str | None, found: bool) -> str:
    """The outcome of one annotated pronoun, given the name the stage resolved it to."""
    if not found:
        return "missed"
    if name is None:
        return "unresolved"
    words = _words(name)
    right = item["surname"].lower() in words and ("not" not in item or item["not"].lower() not in words)
    return "right" if right else "wrong"


def run(split: str = "test", docs: list[polnear.Doc] | None = None, stages: list | None = None) -> dict:
    """Resolve every annotated pronoun of ``split``; the outcomes, counted and item by item.
    ``stages`` (built here when not given) lets several runs share their loaded models."""
    from newsprism.config import Settings
    from newsprism.model import Analysis, Article
    from newsprism.stages import build_stages, run_stages

    items = [i for i in json.loads(GOLD.read_text(encoding="utf-8"))["items"] if i["split"] == split]
    docs = docs if docs is not None else polnear.load_split(split)
    by_name = {d.name: d for d in docs}
    wanted = sorted({i["doc"] for i in items if i["doc"] in by_name})
    stages = stages if stages is not None else build_stages(Settings())
    start = time.perf_counter()
    analyses = run_stages(stages, [Analysis(Article(id=n, source=n, format="txt", text=by_name[n].text, language="en"))
                                   for n in wanted])
    seconds = time.perf_counter() - start
    speakers = {(a.article.id, q.speaker_start, q.speaker_end): q.speaker_name
                for a in analyses for q in reversed(a.quotes) if q.speaker_start is not None}
    rows = []
    for item in items:
        if item["doc"] not in by_name:
            continue
        key = (item["doc"], item["start"], item["end"])
        outcome = judge(item, speakers.get(key), key in speakers)
        rows.append({**item, "resolved_to": speakers.get(key), "outcome": outcome})
    counts = {o: sum(r["outcome"] == o for r in rows) for o in OUTCOMES}
    found = len(rows) - counts["missed"]
    return {
        "split": split,
        "pronouns": len(rows),
        "articles": len(wanted),
        "counts": counts,
        "accuracy_of_found": round(100 * counts["right"] / found, 2) if found else None,
        "accuracy": round(100 * counts["right"] / len(rows), 2) if rows else None,
        "seconds": round(seconds, 2),
        "rows": rows,
    }


def main() -> None:
    from newsprism.config import Settings
    from newsprism.stages import build_stages

    stages = build_stages(Settings())
    results = {split: run(split, stages=stages) for split in ("test", "dev")}
    for split, result in results.items():
        print(f"pronoun speakers on PolNeAR {split}: {result['pronouns']} annotated, in {result['articles']} articles")
        for outcome in OUTCOMES:
            print(f"  {outcome:10} {result['counts'][outcome]}")
        print(f"right, of those found: {result['accuracy_of_found']}%; of all: {result['accuracy']}%")
        for row in result["rows"]:
            if row["outcome"] != "right":
                print(f"  {row['outcome']:10} {row['doc']} {row['start']} {row['pronoun']!r}: "
                      f"{row['surname']} <- {row['resolved_to']}")
    print(json.dumps({"benchmark": "speakers_polnear", "splits": results}))


if __name__ == "__main__":
    main()
