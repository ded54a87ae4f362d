"""The quote stage (rules over spaCy's parse) on PolNeAR, beside the trained tagger and
textacy (benchmarks/polnear.py), plus the stage's speed.

    python benchmarks/quotes_bench.py [--split test] [--limit N] [--tagger-precision fp32|int8]

PolNeAR annotates every attribution, beliefs included ("pundits believe that …"); the
stage reports speech (quotes and reported speech), so its recall on PolNeAR is bounded
by what it sets out to find. Spans map as: source = the speaker words, cue = the cue
words, content = the quote (indirect quotes without their "that"). Prints a table and
one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import polnear  # noqa: E402

from newsprism.config import Settings  # noqa: E402
from newsprism.model import Analysis, Article  # noqa: E402
from newsprism.stages import build_stages, run_stages  # noqa: E402

#: Articles per batch of the pipelined run: `analyze`'s default batch size.
PIPELINE_BATCH = Settings().batch_size


def polnear_spans(quotes, nested: bool = False) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    """The stored quotes as PolNeAR spans: each quote's content, cue and speaker.

    PolNeAR annotates one content per attribution. Where the stage stores the reported
    clause and, inside it, the words it quotes verbatim ("he said the plan would “fail
    badly”": an indirect quote and a partial one, with the same cue), both are one
    attribution: the clause is its content, and the nested partial quote adds no span.
    (Counting it as a second content, as RESULTS.md did before 2026-12-04, made it a false
    positive in all but a few cases: 265 of 270 on 150 train articles.) With ``nested``
    the quoted words are a content of their own, as the German Wikinews set annotates them
    (a quotation of type Direct inside the Indirect one)."""
    spans = []
    for q in quotes:
        inside = not nested and q.kind == "partial" and q.cue_start is not None and any(
            o is not q and o.cue_start == q.cue_start and o.start <= q.start and q.end <= o.end
            and (o.start, o.end) != (q.start, q.end) for o in quotes)
        if not inside:  # content in several pieces: each piece a span
            spans.extend(("content", start, end) for start, end in q.pieces)
        if q.cue_start is not None:  # a cue in several pieces ("teilte … mit"): each piece a span
            spans.extend(("cue", start, end) for start, end in (q.cue_parts or ((q.cue_start, q.cue_end),)))
        if q.speaker_start is not None and q.kind != "embedded":
            spans.append(("source", q.speaker_start, q.speaker_end))
    return spans


def predict(docs: list[polnear.Doc], tagger_precision: str = "fp32", language: str | None = "en",
            pipelined: bool = False, nested: bool = False) -> tuple[dict[str, list[tuple[str, int, int]]], dict]:
    """Run the per-article stages on each PolNeAR text; spans are offsets into the raw text.

    PolNeAR texts are already clean; the stages see them un-normalised so offsets match
    the annotations (normalisation would move them). ``language`` None: each text's
    language detected as ``analyze`` does; ``nested``: see :func:`polnear_spans`. The
    stages run one article at a time, each timed; with ``pipelined`` the articles run
    again as ``analyze`` runs them, in batches through ``run_stages`` (the tagger in a
    thread beside the parse), timed as a whole, and the articles whose spans then differ
    are counted."""
    from newsprism.ingest.article import detect_language

    stages = build_stages(Settings(tagger_precision=tagger_precision))
    out: dict[str, list[tuple[str, int, int]]] = {}
    words = sum(len(d.text.split()) for d in docs)

    start = time.perf_counter()
    timings = {s.name: 0.0 for s in stages}
    articles = [Article(id=doc.name, source=doc.name, format="txt", text=doc.text,
                        language=language or detect_language(doc.text)) for doc in docs]
    for doc, article in zip(docs, articles):
        analysis = Analysis(article)
        for stage in stages:
            t = time.perf_counter()
            analysis = next(iter(stage.pipe([analysis])))
            timings[stage.name] += time.perf_counter() - t
        out[doc.name] = polnear_spans(analysis.quotes, nested)
    seconds = time.perf_counter() - start
    speed = {"articles": len(docs), "seconds": round(seconds, 2), "articles_per_s": round(len(docs) / seconds, 2),
             "words_per_s": round(words / seconds), "stage_seconds": {k: round(v, 2) for k, v in timings.items()}}
    if not pipelined:
        return out, speed
    # The same articles as `analyze` runs them: batches through run_stages, where the
    # tagger works in a thread beside the parse (so its seconds are not a stage's own).
    start, differ = time.perf_counter(), 0
    for i in range(0, len(articles), PIPELINE_BATCH):
        chunk = articles[i : i + PIPELINE_BATCH]
        batch = run_stages(stages, [Analysis(a) for a in chunk])
        differ += sum(polnear_spans(b.quotes, nested) != out[a.id] for a, b in zip(chunk, batch))
    whole = time.perf_counter() - start
    speed.update(pipelined_seconds=round(whole, 2), pipelined_articles_per_s=round(len(docs) / whole, 2),
                 pipelined_articles_with_other_spans=differ, pipeline_batch=PIPELINE_BATCH)
    return out, speed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="test")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--tagger-precision", choices=("fp32", "int8"), default="fp32")
    args = parser.parse_args()
    docs = polnear.load_split(args.split)[: args.limit]
    predicted, speed = predict(docs, args.tagger_precision, pipelined=True)
    scores = polnear.score(docs, predicted)
    print(f"quote stage (rules + attribution tagger, {args.tagger_precision}) on PolNeAR {args.split}, {len(docs)} articles")
    print(f"{'label':8} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}")
    for label in polnear.LABELS:
        e, o = scores[label]["exact"], scores[label]["overlap"]
        print(f"{label:8} {e['p']:8.1f} {e['r']:6.1f} {e['f1']:6.1f}   {o['p']:9.1f} {o['r']:6.1f} {o['f1']:6.1f}")
    print(f"speed: {speed}")
    print(json.dumps({"benchmark": "quotes_polnear", "split": args.split, "tagger_precision": args.tagger_precision,
                      "scores": scores, "speed": speed}))


if __name__ == "__main__":
    main()
