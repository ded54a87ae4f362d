"""Exports: the v1 JSON contract, and the same tables as CSV or Parquet."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from ..errors import ExportError
from ..store import Store
from .document import CONTRACT_KEYS, build_document
from .tables import write_csv, write_parquet

__all__ = ["export", "build_document", "dumps", "CONTRACT_KEYS", "FORMATS"]

FORMATS = ("json", "csv", "parquet")


def dumps(document: dict[str, Any]) -> str:
    """The JSON text of an export: UTF-8, two-space indent, keys in contract order."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def export(store: Store, out: str | os.PathLike[str], fmt: str = "json") -> list[Path]:
    """Write the export of ``store`` to ``out`` (a file for JSON, ``-`` for stdout; a folder
    for CSV and Parquet). Returns the files written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    document = build_document(store)
    if fmt == "csv":
        return write_csv(document, out)
    if fmt == "parquet":
        return write_parquet(document, out)
    text = dumps(document)
    if str(out) == "-":
        sys.stdout.write(text)
        return []
    path = Path(out)
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name for the JSON export, e.g. {path / 'corpus.json'}")
    if not path.parent.exists():
        raise ExportError(f"cannot write {path}: folder {path.parent} does not exist")
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return [path]
