"""A large store from a small analysed one: every row copied ``copies`` times, ids rewritten.

The web app has to be measured on >= 10,000 articles, and running the NLP pipeline on
10,000 articles takes hours on two cores. Copy ``k`` of every article, quote, entity,
statement, event, story and reuse link gets the id ``content_id(x, k, length=len(x))``
(copy 0 keeps the originals), wherever it stands: in an id column or inside a JSON or
text column (statements.variants, outlet_profiles.profile, entities.evidence, ...). Which
columns hold ids is read from the source store's contents, not listed by hand, so a
table or column a later migration adds is rewritten too. Article texts stay identical
(the text hash is not a key); ``articles.version_key`` gets ``#k`` so copies are not
versions of each other. The target is opened with ``newsprism.open_store`` and written
through the engine, so every migration (and any trigger one adds, e.g. a full-text
index) applies.

Copied once: ``schema_migrations`` (the target's own), ``runs``, ``corpus_state`` (its
article counts set to the target's, so the corpus passes do not look stale) and the
corpus-wide outlet profiles (``outlet_profiles`` rows with event '').

    python benchmarks/web_store.py SOURCE_URL TARGET.db COPIES

prints {"articles": n, "seconds": s, ...}.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from sqlalchemy import create_engine, func, inspect, select, text  # noqa: E402

from newsprism import open_store  # noqa: E402
from newsprism.ids import content_id  # noqa: E402
from newsprism.store import schema  # noqa: E402

ONCE = {"runs", "corpus_state"}
SKIP = {"schema_migrations"}  # open_store has written the target's own
CHUNK = 5000  # rows per executemany
COPIES_PER_TRANSACTION = 50
_HEX = re.compile(r"(?<![0-9a-fA-F])[0-9a-f]{8,64}(?![0-9a-fA-F])")


def _url(source: str) -> str:
    return source if "://" in source else f"sqlite:///{source}"


def _read_source(source_url: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of every schema table the source has (only the columns it has)."""
    engine = create_engine(_url(source_url))
    try:
        insp = inspect(engine)
        out: dict[str, list[dict[str, Any]]] = {}
        with engine.connect() as conn:
            for name, table in schema.metadata.tables.items():
                if name in SKIP or not insp.has_table(name):
                    continue
                have = {c["name"] for c in insp.get_columns(name)}
                cols = [c for c in table.c if c.name in have]
                out[name] = [dict(r._mapping) for r in conn.execute(select(*cols))]
        return out
    finally:
        engine.dispose()


def _id_owners(rows: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    """Every id in the store -> the table whose ``id`` it is (runs excepted: copied once)."""
    owners: dict[str, str] = {}
    for name, table_rows in rows.items():
        if name in ONCE or "id" not in schema.metadata.tables[name].c:
            continue
        for r in table_rows:
            if isinstance(r["id"], str):
                owners[r["id"]] = name
    return owners


IdColumns = dict[str, dict[str, tuple[str, set[str]]]]


def _id_columns(rows: dict[str, list[dict[str, Any]]], owners: dict[str, str]) -> IdColumns:
    """Per table, the columns holding ids: column -> ("exact", owner tables) when every id in
    it is the whole value, ("embedded", set()) when ids stand inside a longer text."""
    found: IdColumns = {}
    for name, table_rows in rows.items():
        if name in ONCE:
            continue
        cols: dict[str, tuple[str, set[str]]] = {}
        for r in table_rows:
            for col, value in r.items():
                if not isinstance(value, str) or cols.get(col, ("",))[0] == "embedded":
                    continue
                if value in owners:
                    cols.setdefault(col, ("exact", set()))[1].add(owners[value])
                elif any(m.group() in owners for m in _HEX.finditer(value)):
                    cols[col] = ("embedded", set())
        if cols:
            found[name] = cols
    return found


def _copy_rows(name: str, table_rows: list[dict[str, Any]], cols: dict[str, tuple[str, set[str]]], k: int,
               mapping: dict[str, str]) -> list[dict[str, Any]]:
    if k == 0:
        return table_rows
    if name == "outlet_profiles":
        table_rows = [r for r in table_rows if r["event"] != ""]  # the corpus profiles: copy 0 only
    exact = [c for c, (kind, _) in cols.items() if kind == "exact"]
    embedded = [c for c, (kind, _) in cols.items() if kind == "embedded"]
    sub = lambda m: mapping.get(m.group(), m.group())  # noqa: E731
    out = []
    for r in table_rows:
        r = dict(r)
        for c in exact:
            v = r[c]
            if v is not None:
                r[c] = mapping.get(v, v)
        for c in embedded:
            v = r[c]
            if v is not None:
                r[c] = _HEX.sub(sub, v)
        if name == "articles":
            r["version_key"] = f"{r['version_key']}#{k}"
        out.append(r)
    return out


def replicate(source_url: str, target_path: Path, copies: int) -> dict:
    """Write ``copies`` copies of the store at ``source_url`` into a new SQLite file."""
    clock = time.perf_counter()
    target_path = Path(target_path)
    if target_path.exists():
        raise FileExistsError(f"{target_path} exists; replicate writes a new store")
    rows = _read_source(source_url)
    owners = _id_owners(rows)
    id_cols = _id_columns(rows, owners)
    ids = sorted(owners)
    rows_written = 0
    with open_store(f"sqlite:///{target_path}") as store:
        tables = {name: schema.metadata.tables[name] for name in rows}
        with store.engine.begin() as conn:
            for name in sorted(ONCE & rows.keys()):
                if rows[name]:
                    conn.execute(tables[name].insert(), rows[name])
        for start in range(0, copies, COPIES_PER_TRANSACTION):
            with store.engine.begin() as conn:
                for k in range(start, min(copies, start + COPIES_PER_TRANSACTION)):
                    mapping = {x: content_id(x, k, length=len(x)) for x in ids} if k else {}
                    for name, table_rows in rows.items():
                        if name in ONCE or not table_rows:
                            continue
                        out = _copy_rows(name, table_rows, id_cols.get(name, {}), k, mapping)
                        for i in range(0, len(out), CHUNK):
                            conn.execute(tables[name].insert(), out[i:i + CHUNK])
                        rows_written += len(out)
        articles = store.count("articles")
        with store.engine.begin() as conn:
            if "corpus_state" in rows:
                conn.execute(schema.corpus_state.update().values(articles=articles))
        seconds = time.perf_counter() - clock
        verify(store, rows, id_cols, copies)
    return {"articles": articles, "copies": copies, "rows": rows_written, "seconds": round(seconds, 1),
            "id_columns": {t: sorted(c) for t, c in sorted(id_cols.items())}}


def verify(store, rows: dict[str, list[dict[str, Any]]], id_cols: IdColumns, copies: int) -> None:  # type: ignore[no-untyped-def]
    """No id shared between copies; every id column points at a row; events keep their size."""
    with store.engine.connect() as conn:
        for name in ("articles", "events", "statements", "quotes", "entities", "stories", "reuse_links"):
            if name not in rows:
                continue
            t = schema.metadata.tables[name]
            n, distinct = conn.execute(select(func.count(), func.count(t.c.id.distinct()))).one()
            want = len(rows[name]) * copies
            assert n == distinct == want, f"{name}: {n} rows, {distinct} distinct ids, want {want}"
        for name, cols in id_cols.items():
            for col, (kind, owner_tables) in cols.items():
                if kind != "exact":
                    continue
                known = " UNION ALL ".join(f'SELECT id FROM "{o}"' for o in sorted(owner_tables))
                dangling = conn.execute(text(
                    f'SELECT count(*) FROM "{name}" WHERE "{col}" IS NOT NULL AND "{col}" != \'\' '
                    f'AND "{col}" NOT IN ({known})')).scalar_one()
                assert dangling == 0, f"{name}.{col}: {dangling} values name no {'/'.join(sorted(owner_tables))} row"
        if "event_articles" in rows:
            m = schema.event_articles
            got = dict(conn.execute(select(m.c.event, func.count()).group_by(m.c.event)).all())
            for event, size in Counter(r["event"] for r in rows["event_articles"]).items():
                for k in range(copies):
                    copy = content_id(event, k, length=len(event)) if k else event
                    assert got.get(copy) == size, f"event {event} copy {k}: {got.get(copy)} articles, want {size}"
            assert sum(got.values()) == len(rows["event_articles"]) * copies
        keys = conn.execute(select(func.count(schema.articles.c.version_key.distinct()))).scalar_one()
        assert keys == len({r["version_key"] for r in rows["articles"]}) * copies, "version keys shared between copies"


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="an analysed store (URL or SQLite path)")
    parser.add_argument("target", type=Path, help="the SQLite file to write (must not exist)")
    parser.add_argument("copies", type=int)
    args = parser.parse_args()
    print(json.dumps({"benchmark": "web_store", **replicate(args.source, args.target, args.copies)}))


if __name__ == "__main__":
    main()
