"""The quote stage on German news: the test split of the German Wikinews quotation
attribution set (Petersen-Frey & Biemann, LREC-COLING 2024; ../shared/bench/quotes/
german-wikinews, 148 documents, 652 quotations, CC BY-NC-SA 4.0).

    python benchmarks/german_quotes.py [--limit N] [--data DIR]

newsprism's models are English (spaCy en_core_web_sm, an attribution tagger trained on
PolNeAR); on an article whose detected language is German the quote stage adds German
cues, speakers and reported speech read from word order (``stages/quotes_de.py``). Each
text's language is detected as ``analyze`` does. Scored with the PolNeAR scoring of
benchmarks/polnear.py: a quotation's
``quote`` is the content, ``speaker`` the source, ``cue`` the cue (each piece of a
discontinuous span a span of its own, as PolNeAR's). Rows: every quotation, and the
direct ones alone (the type ``Direct``: words in quotation marks, which the rules find
by the marks in any language). Prints a table and one JSON line."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import polnear  # noqa: E402
from quotes_bench import predict  # noqa: E402

DATA_DIR = Path(os.environ.get("NEWSPRISM_SHARED", Path(__file__).resolve().parents[2] / "shared")) / \
    "bench" / "quotes" / "german-wikinews" / "test"
ROLES = (("quote", "content"), ("speaker", "source"), ("cue", "cue"))


def load(data_dir: Path = DATA_DIR, types: tuple[str, ...] | None = None) -> list[polnear.Doc]:
    """Every document of ``data_dir`` (default: the test split) as a :class:`polnear.Doc`, with the
    quotations of ``types`` (all by default)."""
    if not data_dir.is_dir():
        raise SystemExit(f"German Wikinews documents not found at {data_dir}; set NEWSPRISM_SHARED")
    docs = []
    for path in sorted(data_dir.glob("*.json"), key=lambda p: int(p.stem) if p.stem.isdigit() else p.stem):
        d = json.loads(path.read_text(encoding="utf-8"))
        doc = polnear.Doc(path.stem, d["originalText"])
        for a in d["annotations"]:
            if types is not None and a["type"] not in types:
                continue
            for role, label in ROLES:
                for piece in a[role]["spans"]:
                    doc.spans.append(polnear.Span(f"{a['id']}-{role}", label, piece["charBegin"], piece["charEnd"]))
        docs.append(doc)
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--data", type=Path, default=DATA_DIR,
                        help="a folder of the set's JSON documents (default: the test split in ../shared)")
    args = parser.parse_args()
    docs = load(args.data)
    direct = load(args.data, types=("Direct",))
    if args.limit:
        docs, direct = docs[: args.limit], direct[: args.limit]
    # the set annotates the quoted words inside a reported clause as a quotation of their own
    predicted, speed = predict(docs, language=None, nested=True)
    results = {"quote stage, every quotation": polnear.score(docs, predicted),
               "quote stage, direct quotations (type Direct)": polnear.score(direct, predicted)}
    print(polnear.format_table(results))
    print(json.dumps({"benchmark": "german_quotes", "documents": len(docs),
                      "quotations": sum(1 for d in docs for s in d.spans if s.label == "content"),
                      "results": results, "speed": speed}))


if __name__ == "__main__":
    main()
