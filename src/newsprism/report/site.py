"""The static report: every page of the web app written as files a journalist can mail
or publish (``newsprism report --out DIR``), each also as ``.json``."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Callable, Iterator

from sqlalchemy import select

from ..errors import ExportError
from ..store import Store, schema
from . import pages
from .render import Links, outlet_file, render_html, render_json

__all__ = ["write_report"]

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


def _page_list(store: Store) -> list[tuple[str, str]]:
    """(kind, key) of every page, in a fixed order."""
    found = [("events", e["id"]) for e in store.events()]
    with store.engine.connect() as conn:
        found += [("articles", r) for r in conn.execute(select(schema.articles.c.id).order_by(schema.articles.c.id)).scalars()]
        found += [("entities", r) for r in conn.execute(select(schema.entities.c.id).order_by(schema.entities.c.id)).scalars()]
        outlets = conn.execute(select(schema.outlet_profiles.c.outlet).where(schema.outlet_profiles.c.event == "")
                               .order_by(schema.outlet_profiles.c.outlet)).scalars()
        found += [("outlets", r) for r in outlets]
    return found


_BUILDERS: dict[str, Callable[[Store, str], dict[str, Any]]] = {
    "events": pages.event_page, "articles": pages.article_page, "entities": pages.entity_page, "outlets": pages.outlet_page,
}


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _pages(store: Store, listed: list[tuple[str, str]]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    yield "", "index", pages.index_page(store)
    for kind, key in listed:
        yield kind, key, _BUILDERS[kind](store, key)


def write_report(store: Store, out: str | Path, *, progress: Progress | None = None) -> dict[str, Any]:
    """Write the report into folder ``out`` (created if missing); returns what was written.

    Links between pages are relative, so the folder works opened from disk, zipped and
    mailed, or put on any web server. Search needs the live app (``newsprism serve``)."""
    root = Path(out)
    if root.exists() and not root.is_dir():
        raise ExportError(f"cannot write the report to {root}: it is a file, not a folder")
    if not root.parent.exists():
        raise ExportError(f"cannot write the report to {root}: folder {root.parent} does not exist")
    for kind in ("", *_BUILDERS):
        (root / kind).mkdir(parents=True, exist_ok=True)
    listed = _page_list(store)
    total = 1 + len(listed)
    counts: dict[str, int] = {}
    flat, nested = Links(static=True, depth=0), Links(static=True, depth=1)
    for done, (kind, key, context) in enumerate(_pages(store, listed), start=1):
        if kind:
            name = outlet_file(key) if kind == "outlets" else key
            base = root / kind / name
            _write(base.with_suffix(".html"), render_html(context, nested))
        else:
            base = root / "index"
            _write(base.with_suffix(".html"), render_html(context, flat))
        _write(base.with_suffix(".json"), render_json(context))
        counts[kind or "index"] = counts.get(kind or "index", 0) + 1
        if progress:
            progress(done, total)
    logger.info("wrote the report (%s pages) to %s", sum(counts.values()), root)
    return {"out": str(root), "pages": counts}
