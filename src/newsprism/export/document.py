"""The v1 JSON contract (``shared/contract/export.md``) built from a store.

Keys listed in the contract are always present; lists the analysis has not computed yet
are empty. Everything is ordered deterministically, so the same store gives the same
document apart from ``created``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import __version__
from ..store import Store

__all__ = ["build_document", "CONTRACT_KEYS"]

CONTRACT_KEYS = (
    "newsprism_version",
    "created",
    "articles",
    "entities",
    "quotes",
    "statements",
    "events",
    "stories",
    "reuse",
    "outlets",
)


def _article(row: dict[str, Any], sentences: list[Any]) -> dict[str, Any]:
    return {
        # contract v1
        "id": row["id"],
        "source": row["source"],
        "outlet": row["outlet"],
        "title": row["title"],
        "published": row["published"],
        "published_evidence": row["published_evidence"],
        "language": row["language"],
        "text": row["text"],
        "event": None,
        # additions (the contract allows new keys)
        "url": row["url"],
        "author": row["author"],
        "format": row["format"],
        "outlet_evidence": row["outlet_evidence"],
        "place": row["place"],
        "previous_version": row["previous_version"],
        "sentences": [[s.start, s.end] for s in sentences],
    }


def build_document(store: Store, *, created: dt.datetime | None = None) -> dict[str, Any]:
    """The whole export as plain Python data, ready for ``json.dumps``."""
    created = created or dt.datetime.now(dt.timezone.utc)
    sentences = store.sentences()
    articles = [_article(row, sentences.get(row["id"], [])) for row in store.articles()]
    return {
        "newsprism_version": __version__,
        "created": created.isoformat(timespec="seconds"),
        "articles": articles,
        "entities": [],
        "quotes": [],
        "statements": [],
        "events": [],
        "stories": [],
        "reuse": [],
        "outlets": [],
    }
