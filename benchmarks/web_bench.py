"""The web app under load: `newsprism serve` on a store of >= 10,000 articles, driven by wrk.

Analyses examples/corpus into a temporary store (the library, not the CLI), copies it to
at least ``--articles`` articles (benchmarks/web_store.py: every id rewritten per copy),
starts ``python -m newsprism serve`` on a free loopback port (uvicorn, once per ``--workers``
count), times one cold request for each page kind, then runs ``wrk`` on the page of the
event with the most articles.

    python benchmarks/web_bench.py [--articles 10000] [--duration 30] [--connections 16] [--threads 2]
    python benchmarks/web_bench.py --smoke     # wrk driver and parsing against python -m http.server

Prints one JSON line per result: {"benchmark": "web_page", "page": ..., "ms": ...} for each
page kind that answers 200, then {"benchmark": "web_load", ...}. Needs wrk (apt-get install wrk).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

START_TIMEOUT = 60.0  # seconds for the server to answer GET /
_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


# -- wrk ---------------------------------------------------------------------------------

def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        sys.exit("web_bench: wrk is not installed (the HTTP load generator): apt-get install wrk")
    return path


def _ms(value: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", value)
    if not m:
        raise ValueError(f"not a wrk duration: {value!r}")
    return float(m.group(1)) * _UNITS_MS[m.group(2)]


def _count(value: str) -> int:
    """wrk prints plain counts in the summary line ("12345 requests"); scaled ones ("1.2k") elsewhere."""
    m = re.fullmatch(r"([\d.]+)([kMG]?)", value)
    if not m:
        raise ValueError(f"not a wrk count: {value!r}")
    return round(float(m.group(1)) * {"": 1, "k": 1e3, "M": 1e6, "G": 1e9}[m.group(2)])


def parse_wrk(output: str) -> dict:
    """requests, requests/s, p50/p99 latency (ms) and errors from `wrk --latency` output."""
    def find(pattern: str) -> re.Match:
        m = re.search(pattern, output, re.MULTILINE)
        if m is None:
            raise ValueError(f"wrk output has no {pattern!r}:\n{output}")
        return m

    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests": _count(find(r"^\s*(\S+) requests in ").group(1)),
        "requests_per_second": round(float(find(r"^Requests/sec:\s+([\d.]+)").group(1)), 1),
        "p50_ms": round(_ms(find(r"^\s+50%\s+(\S+)").group(1)), 2),
        "p99_ms": round(_ms(find(r"^\s+99%\s+(\S+)").group(1)), 2),
        "errors": (sum(int(x) for x in socket_errors.groups()) if socket_errors else 0)
        + (int(non_2xx.group(1)) if non_2xx else 0),
    }


def run_wrk(url: str, *, threads: int, connections: int, duration: int) -> dict:
    cmd = [wrk_path(), f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 30)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr or done.stdout}")
    return parse_wrk(done.stdout)


# -- the server ----------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str, timeout: float = 30.0) -> tuple[int, str, str]:
    """(status, content type, body) of a GET; an HTTP error status is returned, not raised."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), ""


def serve_command(db_url: str, port: int, workers: int = 1) -> list[str]:
    args = ["serve", "--db", db_url, "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    if importlib.util.find_spec("newsprism.__main__") is not None:
        return [sys.executable, "-m", "newsprism", *args]
    script = Path(sys.executable).parent / "newsprism"
    if not script.exists():
        found = shutil.which("newsprism")
        if found is None:
            sys.exit("web_bench: neither `python -m newsprism` nor the `newsprism` command is available (make setup)")
        script = Path(found)
    return [str(script), *args]


class Server:
    """A server subprocess in its own process group, stopped (group and all) on exit."""

    def __init__(self, cmd: list[str], base: str, log: Path, cwd: Path | None = None):
        self.cmd, self.base, self.log_path = cmd, base, log
        self.log = open(log, "wb")
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, cwd=cwd, start_new_session=True)

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                tail = self.tail()
                last = (tail.strip().splitlines() or [""])[-1]
                raise RuntimeError(f"the server exited ({self.proc.returncode}) before answering: {last}\n{tail}")
            try:
                if get(self.base + "/", timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the server did not answer GET / with 200 within {timeout:.0f} s:\n{self.tail()}")

    def tail(self, chars: int = 3000) -> str:
        self.log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=15)
            except ProcessLookupError:
                pass
        self.log.close()


# -- the store -----------------------------------------------------------------------------

def build_store(folder: Path, articles: int, corpus: Path) -> tuple[str, dict]:
    """Analyse ``corpus`` and copy it to >= ``articles`` articles; (store URL, replicate figures)."""
    import newsprism
    from web_store import replicate

    source = folder / "source.db"
    with newsprism.open_store(f"sqlite:///{source}") as store:
        newsprism.analyze([str(corpus)], store)
        n = store.count("articles")
    if n == 0:
        sys.exit(f"web_bench: no article analysed from {corpus}")
    target = folder / "web.db"
    figures = replicate(f"sqlite:///{source}", target, math.ceil(articles / n))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{source}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{target}", figures


def pick_pages(db_url: str) -> tuple[dict[str, str], int, int]:
    """One page of each kind (the event with the most articles, one of its articles, its most
    mentioned entity, the outlet with most articles, a word of the event's title); (pages,
    articles, events)."""
    import newsprism
    from newsprism.store import schema
    from sqlalchemy import func, select

    with newsprism.open_store(db_url, create=False) as store:
        members = store.event_articles()
        sizes = Counter(members.values())
        if not sizes:
            sys.exit("web_bench: the store has no events")
        event = min(sizes, key=lambda e: (-sizes[e], e))
        titles = {e["id"]: e["title"] for e in store.events()}
        article = min(a for a, e in members.items() if e == event)
        with store.engine.connect() as conn:
            c, a = schema.entity_chains, schema.articles
            entity = conn.execute(select(c.c.entity).where(c.c.article == article).group_by(c.c.entity)
                                  .order_by(func.count().desc(), c.c.entity).limit(1)).scalar()
            outlet = conn.execute(select(a.c.outlet).where(a.c.outlet.is_not(None)).group_by(a.c.outlet)
                                  .order_by(func.count().desc(), a.c.outlet).limit(1)).scalar()
        n_articles, n_events = store.count("articles"), store.count("events")
    words = sorted(re.findall(r"[A-Za-z]{4,}", titles.get(event, "")), key=lambda w: (-len(w), w))
    pages = {"home": "/", "event": f"/events/{event}", "article": f"/articles/{article}"}
    if entity:
        pages["entity"] = f"/entities/{entity}"
    if outlet:
        pages["outlet"] = f"/outlets/{urllib.parse.quote(outlet)}"
    pages["search"] = f"/search?q={urllib.parse.quote(words[0] if words else 'dam')}"
    return pages, n_articles, n_events


def time_pages(base: str, pages: dict[str, str]) -> list[dict]:
    """One cold request per page kind, then the median of five; pages not answering 200 are skipped."""
    out = []
    for kind, page in pages.items():
        clock = time.perf_counter()
        status, _, _ = get(base + page)
        cold = (time.perf_counter() - clock) * 1000
        if status != 200:
            print(f"web_bench: {page} answered {status}; not timed", file=sys.stderr)
            continue
        warm = []
        for _ in range(5):
            clock = time.perf_counter()
            get(base + page)
            warm.append((time.perf_counter() - clock) * 1000)
        out.append({"benchmark": "web_page", "kind": kind, "page": page, "ms": round(cold, 1),
                    "warm_ms": round(statistics.median(warm), 1)})
    return out


# -- main ----------------------------------------------------------------------------------

def smoke(args: argparse.Namespace) -> None:
    """The wrk driver against `python -m http.server` (no newsprism app needed)."""
    with tempfile.TemporaryDirectory(prefix="web_bench_smoke_") as tmp:
        folder = Path(tmp)
        (folder / "index.html").write_text("<!doctype html><title>smoke</title><p>hello</p>\n", encoding="utf-8")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        cmd = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)]
        with Server(cmd, base, folder / "server.log") as server:
            server.wait_ready()
            for row in time_pages(base, {"home": "/", "missing": "/missing"}):
                print(json.dumps(row), flush=True)
            load = run_wrk(base + "/", threads=args.threads, connections=args.connections, duration=args.duration)
        print(json.dumps({"benchmark": "web_load_smoke", "page": "/", "seconds": args.duration,
                          "connections": args.connections, "threads": args.threads, **load,
                          "server": "python -m http.server"}), flush=True)


def main() -> None:
    try:
        bench()
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        print(exc, file=sys.stderr)
        sys.exit(f"web_bench: {str(exc).splitlines()[0]}")


def bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000, help="at least this many articles in the store")
    parser.add_argument("--duration", type=int, default=30, help="seconds of wrk load")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (one leaves a core to the server on 2 cores)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="server processes, one run each")
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus", help="what to analyse and copy")
    parser.add_argument("--db", help="use this store as it is (no analysis, no copying)")
    parser.add_argument("--smoke", action="store_true", help="drive python -m http.server instead of the app")
    args = parser.parse_args()
    wrk_path()
    if args.smoke:
        smoke(args)
        return
    cache = HERE / ".cache"
    cache.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="web_bench_", dir=cache) as tmp:
        folder = Path(tmp)
        if args.db:
            db_url = args.db
        else:
            db_url, figures = build_store(folder, args.articles, args.corpus)
            print(json.dumps({"benchmark": "web_store", "articles": figures["articles"], "copies": figures["copies"],
                              "seconds": figures["seconds"]}), flush=True)
        pages, n_articles, n_events = pick_pages(db_url)
        for number, workers in enumerate(args.workers):
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            with Server(serve_command(db_url, port, workers), base, folder / f"server-{workers}.log", cwd=folder) as server:
                clock = time.perf_counter()
                server.wait_ready()
                startup = time.perf_counter() - clock
                if number == 0:
                    for row in time_pages(base, pages):  # first: the cold requests
                        print(json.dumps(row), flush=True)
                status, content_type, body = get(base + pages["event"])
                if status != 200 or "html" not in content_type or "<" not in body:
                    raise RuntimeError(f"GET {pages['event']}: {status} {content_type!r}, not an HTML page:\n{server.tail()}")
                load = run_wrk(base + pages["event"], threads=args.threads, connections=args.connections,
                               duration=args.duration)
            print(json.dumps({"benchmark": "web_load", "articles": n_articles, "events": n_events, "page": pages["event"],
                              "seconds": args.duration, "connections": args.connections, "threads": args.threads, **load,
                              "workers": workers, "server": f"uvicorn, {workers} process(es)",
                              "startup_seconds": round(startup, 1)}), flush=True)


if __name__ == "__main__":
    main()
