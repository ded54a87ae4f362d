"""PolNeAR attribution benchmark: loader, span scorer and a CLI comparing two taggers.

    python benchmarks/polnear.py [--split test] [--limit N] [--skip-baseline]

runs (a) newsprism's :class:`~newsprism.models.attribution.AttributionTagger` and (b) the
textacy baseline (``textacy.extract.triples.direct_quotations`` on a spaCy doc) over the
same PolNeAR documents, prints a table of exact and overlap P/R/F1 per label plus the
tagger's speed, and writes the results to ``benchmarks/.cache/polnear-results.json`` and,
as one JSON line, to the last line of stdout.

The data is read from ``<shared>/bench/quotes/polnear``, where ``<shared>`` is
``$NEWSPRISM_SHARED`` or the ``shared`` folder beside the repository (or set
``POLNEAR_DIR``); the texts are copyrighted news and are never copied anywhere.

Annotation: BRAT standoff, one annotator file per article (the file whose name sorts
first). Gold spans are the ``Source``, ``Cue`` and ``Content`` text-bound annotations; a
discontinuous span becomes one span per piece. ``Attribution`` anchors, ``Discard`` and
``Discuss`` spans are not gold spans. ``E`` lines give the attribution relations.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", HERE.parent.parent / "shared"))
DATA_DIR = Path(os.environ.get("POLNEAR_DIR", SHARED / "bench" / "quotes" / "polnear"))
RESULTS = HERE / ".cache" / "polnear-results.json"
LABELS = ("source", "cue", "content")
_T_LABELS = {"Source": "source", "Cue": "cue", "Content": "content"}
_RECORD = re.compile(r"^([TE#AR]\d+)\t")
# Stripped from both ends of every span before exact matching (see ``normalize_span``).
_EDGE_QUOTES = "\"'“”‘’«»„‟‹›`"
_TRAILING_PUNCT = ".,;:!?"


@dataclass(frozen=True)
class Span:
    """One gold span (one piece of a possibly discontinuous BRAT annotation)."""

    tid: str  # the BRAT T id; the pieces of a discontinuous span share it
    label: str  # "source" | "cue" | "content"
    start: int
    end: int


@dataclass(frozen=True)
class Attribution:
    """One attribution relation: the T ids of its source(s), cue(s) and content(s)."""

    sources: tuple[str, ...]
    cues: tuple[str, ...]
    contents: tuple[str, ...]


@dataclass
class Doc:
    """One PolNeAR article with its gold spans and attribution relations."""

    name: str
    text: str
    spans: list[Span] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)

    @property
    def gold(self) -> list[tuple[str, int, int]]:
        """Gold spans as ``(label, start, end)``, deduplicated and sorted."""
        return sorted({(s.label, s.start, s.end) for s in self.spans}, key=lambda t: (t[1], t[2], t[0]))


def _parse_ann(path: Path) -> tuple[list[Span], list[Attribution]]:
    spans: list[Span] = []
    attributions: list[Attribution] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _RECORD.match(line)
        if not m:
            continue  # continuation of a span text that crossed a line break
        rid = m.group(1)
        fields = line.split("\t")
        if rid.startswith("T"):
            kind, _, offsets = fields[1].partition(" ")
            if kind not in _T_LABELS:
                continue
            for piece in offsets.split(";"):
                start, end = (int(x) for x in piece.split())
                spans.append(Span(rid, _T_LABELS[kind], start, end))
        elif rid.startswith("E"):
            roles: dict[str, list[str]] = defaultdict(list)
            for arg in fields[1].split():
                role, _, tid = arg.partition(":")
                roles[role.rstrip("0123456789")].append(tid)
            attributions.append(
                Attribution(tuple(roles["Source"]), tuple(roles["Cue"]), tuple(roles["Content"]))
            )
    return spans, attributions


def load_split(split: str, data_dir: Path = DATA_DIR) -> list[Doc]:
    """All articles of ``split`` (train, dev, test), sorted by name, one annotator each."""
    folder = data_dir / split
    if not folder.is_dir():
        raise FileNotFoundError(f"PolNeAR split not found: {folder} (set POLNEAR_DIR)")
    ann_files: dict[str, list[Path]] = defaultdict(list)
    for path in (folder / "attributions").glob("*.ann"):
        ann_files[path.stem.rsplit("_", 1)[0]].append(path)
    docs = []
    for text_path in sorted((folder / "text").glob("*.txt")):
        doc = Doc(text_path.stem, text_path.read_text(encoding="utf-8"))
        files = sorted(ann_files.get(doc.name, []), key=lambda p: p.name)
        if files:
            doc.spans, doc.attributions = _parse_ann(files[0])
        docs.append(doc)
    return docs


def normalize_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink ``[start, end)`` past edge characters that annotators treat inconsistently.

    Repeatedly strips, from both ends, whitespace and quotation marks
    (``" ' “ ” ‘ ’ « » „ ‟ ‹ › ```), and from the end only the punctuation ``. , ; : ! ?``.
    Returns ``None`` if nothing is left. Applied identically to gold and predicted spans.
    """
    while start < end:
        ch = text[start]
        if ch.isspace() or ch in _EDGE_QUOTES:
            start += 1
        else:
            break
    while end > start:
        ch = text[end - 1]
        if ch.isspace() or ch in _EDGE_QUOTES or ch in _TRAILING_PUNCT:
            end -= 1
        else:
            break
    return (start, end) if start < end else None


def _normalized(text: str, spans, label: str) -> list[tuple[int, int]]:
    out = set()
    for lab, start, end in spans:
        if lab == label:
            norm = normalize_span(text, start, end)
            if norm:
                out.add(norm)
    return sorted(out)


def _greedy_overlap(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> int:
    """One-to-one matches: each prediction (by start) takes the free gold span it overlaps most."""
    free = list(gold)
    matched = 0
    for ps, pe in pred:
        best, best_len = None, 0
        for i, (gs, ge) in enumerate(free):
            inter = min(pe, ge) - max(ps, gs)
            if inter > best_len:
                best, best_len = i, inter
        if best is not None:
            free.pop(best)
            matched += 1
    return matched


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    pct = {"p": p, "r": r, "f1": f}
    return {**{k: round(100 * v, 2) for k, v in pct.items()}, "tp": tp, "pred": n_pred, "gold": n_gold}


def score(gold_docs: list[Doc], predicted: dict[str, list[tuple[str, int, int]]]) -> dict:
    """Micro-averaged precision, recall and F1 per label, for exact and overlap matching.

    Every span, gold and predicted, is first passed through :func:`normalize_span`
    (whitespace and quotation marks stripped from both ends, ``.,;:!?`` from the end), then
    deduplicated per document and label.

    * **exact**: a predicted span is correct iff a gold span of the same label in the same
      document has the same normalized start and end.
    * **overlap**: one-to-one greedy matching per document and label; predictions are
      taken in order of start and each is matched to the not-yet-matched gold span of the
      same label that shares the most characters with it (at least one).

    In both cases P = matched / predicted, R = matched / gold, F1 their harmonic mean
    (as percentages). Documents missing from ``predicted`` count as predicting nothing.
    Returns ``{label: {"exact": {...}, "overlap": {...}}}`` with p, r, f1, tp, pred, gold.
    """
    counts = {lab: {"exact": [0, 0, 0], "overlap": [0, 0, 0]} for lab in LABELS}
    for doc in gold_docs:
        preds = predicted.get(doc.name, [])
        for lab in LABELS:
            g = _normalized(doc.text, doc.gold, lab)
            p = _normalized(doc.text, preds, lab)
            exact = len(set(g) & set(p))
            for kind, tp in (("exact", exact), ("overlap", _greedy_overlap(g, p))):
                c = counts[lab][kind]
                c[0] += tp
                c[1] += len(p)
                c[2] += len(g)
    return {lab: {kind: _prf(*c) for kind, c in kinds.items()} for lab, kinds in counts.items()}


def _count_words(text: str) -> int:
    return len(re.findall(r"\w+|[^\w\s]", text))


def run_tagger(docs: list[Doc], bf16: bool = False) -> tuple[dict[str, list[tuple[str, int, int]]], dict]:
    """Predictions of newsprism's tagger and its speed (one process, 2 torch threads)."""
    import torch

    from newsprism.models.attribution import AttributionTagger

    torch.set_num_threads(2)
    tagger = AttributionTagger.load(bf16=bf16)
    tagger.predict([docs[0].text])  # warm-up, not timed
    t0 = time.perf_counter()
    outputs = tagger.predict([d.text for d in docs])
    elapsed = time.perf_counter() - t0
    words = sum(_count_words(d.text) for d in docs)
    wordpieces = sum(len(tagger.encode(d.text).ids) for d in docs)
    speed = {
        "seconds": round(elapsed, 2),
        "articles_per_s": round(len(docs) / elapsed, 2),
        "tokens_per_s": round(words / elapsed),
        "wordpieces_per_s": round(wordpieces / elapsed),
        "torch_threads": torch.get_num_threads(),
        "bf16": bf16,
        "runtime": type(tagger.model).__name__,
        "load_avg_1min_after": round(os.getloadavg()[0], 2),
    }
    preds = {d.name: [(s.label, s.start, s.end) for s in spans] for d, spans in zip(docs, outputs)}
    return preds, speed


def _token_runs(tokens) -> list[tuple[int, int]]:
    """Character spans of maximal runs of consecutive spaCy tokens."""
    runs: list[tuple[int, int]] = []
    last_i = None
    for tok in sorted(tokens, key=lambda t: t.i):
        end = tok.idx + len(tok.text)
        if last_i is not None and tok.i == last_i + 1:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((tok.idx, end))
        last_i = tok.i
    return runs


def _textacy_spans(sdoc, shift: int = 0) -> set[tuple[str, int, int]]:
    from textacy.extract.triples import direct_quotations

    spans: set[tuple[str, int, int]] = set()
    for triple in direct_quotations(sdoc):
        spans.update(("source", s + shift, e + shift) for s, e in _token_runs(triple.speaker))
        spans.update(("cue", s + shift, e + shift) for s, e in _token_runs(triple.cue))
        spans.add(("content", triple.content.start_char + shift, triple.content.end_char + shift))
    return spans


def run_textacy(docs: list[Doc]) -> tuple[dict[str, list[tuple[str, int, int]]] | None, dict]:
    """textacy 0.13 ``direct_quotations``: speaker → source, cue → cue, content → content.

    textacy refuses a document with an odd number of quotation marks (ValueError); such a
    document is retried paragraph by paragraph, and paragraphs that still fail yield nothing.
    """
    try:
        import textacy
        import textacy.extract.triples  # noqa: F401
    except ImportError as exc:
        return None, {"error": f"textacy is not importable ({exc}); `pip install textacy==0.13.0` into .venv"}
    sys.path.insert(0, str(HERE.parent / "src"))
    from newsprism.nlp import load_spacy

    nlp = load_spacy()
    preds: dict[str, list[tuple[str, int, int]]] = {}
    retried = skipped = 0
    t0 = time.perf_counter()
    for doc, sdoc in zip(docs, nlp.pipe(d.text for d in docs)):
        try:
            spans = _textacy_spans(sdoc)
        except ValueError:
            retried += 1
            spans = set()
            shift = 0
            for para in doc.text.split("\n"):
                try:
                    spans |= _textacy_spans(nlp(para), shift)
                except ValueError:
                    skipped += 1
                shift += len(para) + 1
        preds[doc.name] = sorted(spans, key=lambda t: (t[1], t[2]))
    elapsed = time.perf_counter() - t0
    return preds, {
        "textacy": textacy.__version__,
        "spacy_model": nlp.meta.get("name"),
        "seconds_incl_spacy": round(elapsed, 2),
        "articles_per_s": round(len(docs) / elapsed, 2),
        "articles_retried_by_paragraph": retried,
        "paragraphs_skipped_unbalanced_quotes": skipped,
    }


def format_table(results: dict[str, dict]) -> str:
    """Plain-text table: system × label × exact P/R/F1 × overlap P/R/F1."""
    head = (
        f"{'system':<10} {'label':<8} | {'exact P':>7} {'R':>6} {'F1':>6} | "
        f"{'overlap P':>9} {'R':>6} {'F1':>6} | {'gold':>5} {'pred':>5}"
    )
    lines = [head, "-" * len(head)]
    for system, scores in results.items():
        for lab in LABELS:
            ex, ov = scores[lab]["exact"], scores[lab]["overlap"]
            lines.append(
                f"{system:<10} {lab:<8} | {ex['p']:>7.1f} {ex['r']:>6.1f} {ex['f1']:>6.1f} | "
                f"{ov['p']:>9.1f} {ov['r']:>6.1f} {ov['f1']:>6.1f} | {ex['gold']:>5} {ex['pred']:>5}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="test", choices=("train", "dev", "test"))
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles (by name)")
    ap.add_argument("--bf16", action="store_true", help="run the tagger under bfloat16 autocast")
    ap.add_argument("--skip-baseline", action="store_true", help="do not run textacy")
    args = ap.parse_args(argv)

    docs = load_split(args.split)[: args.limit]
    out: dict = {"split": args.split, "articles": len(docs), "scores": {}, "speed": {}}
    preds, out["speed"]["newsprism"] = run_tagger(docs, args.bf16)
    out["scores"]["newsprism"] = score(docs, preds)
    if not args.skip_baseline:
        tx_preds, out["speed"]["textacy"] = run_textacy(docs)
        if tx_preds is not None:
            out["scores"]["textacy"] = score(docs, tx_preds)

    print(f"PolNeAR {args.split}: {len(docs)} articles, exact and overlap span P/R/F1 (%)")
    print(format_table(out["scores"]))
    for system, speed in out["speed"].items():
        print(f"{system}: {json.dumps(speed)}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
