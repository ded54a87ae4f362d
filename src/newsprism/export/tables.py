"""The export as flat tables (one per list of the contract) for CSV and Parquet.

Scalar columns stay typed; nested values (lists, span objects) become JSON text in CSV
and Parquet alike, so both formats carry the same cells.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

from ..errors import ExportError

__all__ = ["TABLES", "document_tables", "write_csv", "write_parquet"]

# table -> ordered (column, arrow type name). Types: string, int64, float64, bool, json.
TABLES: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("id", "string"), ("source", "string"), ("outlet", "string"), ("title", "string"),
        ("published", "string"), ("published_evidence", "string"), ("language", "string"),
        ("event", "string"), ("url", "string"), ("author", "string"), ("format", "string"),
        ("outlet_evidence", "string"), ("place", "string"), ("previous_version", "string"),
        ("duplicate_of", "string"), ("text", "string"), ("happened", "string"), ("happened_evidence", "string"),
    ],
    "sentences": [("article", "string"), ("index", "int64"), ("start", "int64"), ("end", "int64"), ("text", "string"),
                  ("voice", "string")],
    "entities": [("id", "string"), ("name", "string"), ("type", "string"), ("aliases", "json"), ("mentions", "json")],
    "quotes": [
        ("id", "string"), ("article", "string"), ("start", "int64"), ("end", "int64"), ("text", "string"),
        ("kind", "string"), ("speaker_text", "string"), ("speaker", "string"), ("cue", "string"), ("statement", "string"),
    ],
    "statements": [("id", "string"), ("speaker", "string"), ("text", "string"), ("quotes", "json"), ("event", "string")],
    "events": [
        ("id", "string"), ("title", "string"), ("date", "string"), ("date_evidence", "string"),
        ("articles", "json"), ("story", "string"), ("evidence", "json"),
    ],
    "stories": [("id", "string"), ("title", "string"), ("events", "json"), ("evidence", "json")],
    "times": [
        ("article", "string"), ("start", "int64"), ("end", "int64"), ("text", "string"), ("kind", "string"),
        ("date", "string"), ("precision", "string"), ("evidence", "string"),
    ],
    "reuse": [
        ("id", "string"), ("a", "json"), ("b", "json"), ("similarity", "float64"), ("kind", "string"), ("words", "int64"),
        ("syndicated", "bool"), ("boilerplate", "string"), ("direction", "string"), ("evidence", "string"),
        ("quoted", "bool"),
    ],
    "boilerplate": [
        ("article", "string"), ("start", "int64"), ("end", "int64"), ("outlet", "string"), ("articles", "int64"),
        ("origin", "string"), ("text", "string"),
    ],
    "outlets": [
        ("name", "string"), ("articles", "json"), ("distinctive_terms", "json"), ("labels", "json"), ("scare_quotes", "json"),
        ("acts", "json"), ("loaded_language", "json"), ("voice", "json"),
    ],
    # one row per outlet and event: what other outlets of the event report and this one does not
    "omissions": [
        ("outlet", "string"), ("event", "string"), ("kind", "string"), ("id", "string"), ("text", "string"),
        ("reported_by", "json"), ("evidence", "json"), ("note", "string"),
    ],
    # one row per event and referent: how the event's outlets name it or what was done to it
    "alternations": [
        ("event", "string"), ("kind", "string"), ("entity", "string"), ("name", "string"), ("family", "string"),
        ("outlets", "json"),
    ],
}


def _cell(value: Any, kind: str) -> Any:
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def document_tables(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Rows of every table, from an export document."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for name, columns in TABLES.items():
        if name == "sentences":
            rows = [
                {"article": a["id"], "index": i, "start": s, "end": e, "text": a["text"][s:e],
                 "voice": (a.get("sentence_voice") or [None] * (i + 1))[i]}
                for a in document["articles"]
                for i, (s, e) in enumerate(a.get("sentences", []))
            ]
        elif name == "boilerplate":
            rows = [
                {"article": a["id"], **{k: b[k] for k in ("start", "end", "outlet", "articles", "origin")},
                 "text": a["text"][b["start"] : b["end"]]}
                for a in document["articles"]
                for b in a.get("boilerplate", [])
            ]
        elif name == "times":
            rows = [{"article": a["id"], **{c: t[c] for c, _ in columns if c != "article"}}
                    for a in document["articles"] for t in a.get("times", [])]
        elif name == "omissions":
            rows = [{"outlet": o["name"], "event": e["event"], **{c: _cell(x.get(c), kind) for c, kind in columns[2:]}}
                    for o in document["outlets"] for e in o.get("events", []) for x in e.get("omissions", [])]
        elif name == "alternations":
            rows = [{"event": ev["id"], **{c: _cell(x.get(c), kind) for c, kind in columns[1:]}}
                    for ev in document["events"] for x in ev.get("alternations", [])]
        else:
            rows = [{c: _cell(item.get(c), kind) for c, kind in columns} for item in document[name]]
        tables[name] = rows
    return tables


def _prepare_dir(out: str | os.PathLike[str]) -> Path:
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise ExportError(f"{path} exists and is not a folder; CSV and Parquet exports write one file per table into a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create folder {path}: {exc.strerror or exc}") from None
    return path


def write_csv(document: dict[str, Any], out: str | os.PathLike[str]) -> list[Path]:
    """One ``<table>.csv`` per table in folder ``out`` (UTF-8, header row, RFC 4180 quoting)."""
    folder = _prepare_dir(out)
    written = []
    for name, rows in document_tables(document).items():
        path = folder / f"{name}.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=[c for c, _ in TABLES[name]], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        written.append(path)
    return written


def write_parquet(document: dict[str, Any], out: str | os.PathLike[str]) -> list[Path]:
    """One ``<table>.parquet`` per table in folder ``out``, with typed columns."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "json": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}
    folder = _prepare_dir(out)
    written = []
    for name, rows in document_tables(document).items():
        schema = pa.schema([(c, types[kind]) for c, kind in TABLES[name]])
        table = pa.Table.from_pylist(rows, schema=schema)
        path = folder / f"{name}.parquet"
        pq.write_table(table, path)
        written.append(path)
    return written
