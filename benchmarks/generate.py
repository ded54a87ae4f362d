"""Reproducible benchmark corpora built from the real article texts in ../shared/bench.

The texts belong to their publishers, so corpora are generated into benchmarks/.cache (git
ignored) on each machine, never committed. The same arguments give the same files.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", REPO.parent / "shared"))
CACHE = REPO / "benchmarks" / ".cache"
OUTLETS = {"nyt": "The New York Times", "fox": "Fox News", "hpo": "HuffPost"}


@dataclass(frozen=True)
class Source:
    title: str
    date: str
    outlet: str
    url: str
    paragraphs: tuple[str, ...]


def basil_articles() -> list[Source]:
    """The 300 BASIL articles (100 events x 3 outlets), in a stable order."""
    folder = SHARED / "bench" / "clustering" / "basil" / "articles"
    if not folder.is_dir():
        raise SystemExit(f"benchmark data not found at {folder}; set NEWSPRISM_SHARED")
    out = []
    for path in sorted(folder.glob("*/*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = tuple(" ".join(sentences) for sentences in d["body-paragraphs"] if sentences)
        if paragraphs:
            # BASIL names 12 of its articles' outlets in capitals ("FOX"): the same three outlets
            out.append(Source(d["title"], d["date"][:10], OUTLETS.get(d["source"].lower(), d["source"]), d["url"],
                              paragraphs))
    return out


@dataclass(frozen=True)
class Generated:
    title: str
    date: str
    outlet: str
    url: str
    paragraphs: list[str]


def articles(n: int, seed: int = 0) -> list[Generated]:
    """``n`` distinct articles: a window of one real article's paragraphs with a paragraph
    of another spliced in, under a numbered title and URL."""
    pool = basil_articles()
    rng = random.Random(seed)
    out = []
    for i in range(n):
        base = pool[i % len(pool)]
        other = pool[rng.randrange(len(pool))]
        paras = list(base.paragraphs)
        keep = max(1, int(len(paras) * rng.uniform(0.6, 1.0)))
        start = rng.randrange(len(paras) - keep + 1)
        body = paras[start : start + keep]
        body.insert(rng.randrange(len(body) + 1), other.paragraphs[rng.randrange(len(other.paragraphs))])
        date = (dt.date.fromisoformat(base.date) + dt.timedelta(days=rng.randrange(0, 3))).isoformat()
        out.append(Generated(f"{base.title} ({i})", date, base.outlet, f"{base.url.split('?')[0]}#v{i}", body))
    return out


def _page(a: Generated) -> str:
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in a.paragraphs)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(a.title)} | {html.escape(a.outlet)}</title>
<meta property="og:site_name" content="{html.escape(a.outlet)}">
<meta property="og:title" content="{html.escape(a.title)}">
<meta property="article:published_time" content="{a.date}T09:00:00Z">
<meta name="author" content="Staff Reporter">
<link rel="canonical" href="{html.escape(a.url)}"></head>
<body><header><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/world">World</a></nav></header>
<div class="cookie">We use cookies. <button>Accept</button></div>
<main><article><h1>{html.escape(a.title)}</h1><p class="byline">By Staff Reporter</p>
{paras}
</article></main>
<footer><p>Contact us</p><p>Terms of use</p><p>Copyright {a.date[:4]}</p></footer></body></html>
"""


def write_txt(folder: Path, items: list[Generated]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, a in enumerate(items):
        header = f" date {a.date} " if i % 3 == 0 else ""
        body = "\n\n".join(a.paragraphs)
        (folder / f"{i:06d}.txt").write_text(f"{header}{a.title}\n\n{body}\n", encoding="utf-8")


def write_html(folder: Path, items: list[Generated]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, a in enumerate(items):
        (folder / f"{i:06d}.html").write_text(_page(a), encoding="utf-8")


def write_warc(folder: Path, items: list[Generated], per_file: int = 1000) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder.mkdir(parents=True, exist_ok=True)
    for f in range(0, len(items), per_file):
        with open(folder / f"crawl-{f // per_file:04d}.warc.gz", "wb") as handle:
            writer = WARCWriter(handle, gzip=True)
            for a in items[f : f + per_file]:
                payload = _page(a).encode("utf-8")
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
                record = writer.create_warc_record(a.url, "response", payload=io.BytesIO(payload), http_headers=headers)
                writer.write_record(record)


WRITERS = {"txt": write_txt, "html": write_html, "warc": write_warc}


#: Written to a generated folder's ``.complete``: bump it when the files written change, so
#: that a folder built by older code is written again. 2: BASIL's capitalised outlet codes
#: ("FOX") named as the outlet they are (HTML and WARC pages carried "FOX" beside "Fox News").
VERSION = "2"


def corpus(fmt: str, n: int, seed: int = 0) -> Path:
    """The folder of a generated corpus (built on first use, then reused while it was
    written by this :data:`VERSION` of the generator)."""
    folder = CACHE / f"{fmt}-{n}-s{seed}"
    done = folder / ".complete"
    if not done.exists() or done.read_text() != VERSION:
        WRITERS[fmt](folder, articles(n, seed))
        done.write_text(VERSION)
    return folder


def files(folder: Path) -> list[str]:
    """The paths of a generated corpus's files, in order (its ``.complete`` marker left out)."""
    return sorted(str(p) for p in folder.iterdir() if not p.name.startswith("."))


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("format", choices=sorted(WRITERS))
    parser.add_argument("n", type=int)
    args = parser.parse_args()
    print(corpus(args.format, args.n))
