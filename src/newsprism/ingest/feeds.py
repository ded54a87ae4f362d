"""RSS and Atom feeds: one article per entry, via feedparser."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
import xml.sax
from collections.abc import Iterator
from html import unescape
from typing import Any

import feedparser

from newsprism.ingest.dates import parse_metadata_date
from newsprism.ingest.html import html_fragment_to_text
from newsprism.ingest.records import RecordIds
from newsprism.model import Failure, RawArticle

__all__ = ["read_feed", "looks_like_feed"]

_SNIFF_BYTES = 2048
# Whatever may precede the root element: XML declaration, processing instructions, comments, doctype.
_PROLOG = re.compile(r"(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL)
_FEED_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF)[\s>/]")
_TAG = re.compile(r"<[A-Za-z!/]")


def looks_like_feed(head: bytes) -> bool:
    """Whether ``head`` (the first bytes of a file) starts an RSS, Atom or RSS 1.0 (RDF) feed."""
    head = head[:_SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        start = head.decode("utf-16", "ignore")
    else:
        start = head.decode("utf-8", "ignore").lstrip("\ufeff")
    prolog = _PROLOG.match(start)
    return bool(_FEED_ROOT.match(start, prolog.end() if prolog else 0))


def read_feed(data: bytes, source: str) -> Iterator[RawArticle | Failure]:
    """Read an RSS or Atom feed: one RawArticle per entry with text, a Failure per entry without.

    The text is the entry's fullest content, else its summary, converted from HTML. The
    outlet is the feed's title. A document that is not a feed yields one Failure.
    """
    if not data.strip():
        yield Failure(source=source, reason="empty file")
        return
    # A file object, never the bytes: feedparser tries bytes as a file *name* first.
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries:
        yield Failure(source=source, reason=_why_no_entries(parsed))
        return
    outlet = _clean(parsed.feed.get("title"))
    ids = RecordIds()
    for number, entry in enumerate(entries, 1):
        url = _clean(entry.get("link"))
        record = ids.assign(number, entry.get("id"), url)
        text = _entry_text(entry)
        if not text:
            yield Failure(source=source, record=record, reason=f"entry {number} has no content or summary text")
            continue
        published = _entry_date(entry)
        yield RawArticle(
            source=f"{source}#{record}",
            text=text,
            format="feed",
            title=_clean(entry.get("title")),
            url=url,
            published=published,
            published_evidence="metadata" if published else None,
            outlet=outlet,
            outlet_evidence="feed title" if outlet else None,
            author=_clean(entry.get("author")),
            record=record,
        )


def _why_no_entries(parsed: Any) -> str:
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        # feedparser re-writes the XML declaration, so SAX's line numbers are off: leave them out.
        message = exc.getMessage() if isinstance(exc, xml.sax.SAXParseException) else str(exc)
        return f"not a readable feed: {message}"
    if not parsed.get("version"):
        return "not an RSS or Atom feed"
    return "the feed has no entries"


def _entry_text(entry: Any) -> str:
    """The entry's longest content, else its summary, as plain text."""
    contents = sorted(entry.get("content") or [], key=lambda c: len(c.get("value") or ""), reverse=True)
    summary = entry.get("summary_detail")
    for detail in [*contents, *([summary] if summary else [])]:
        text = _detail_text(detail)
        if text:
            return text
    return ""


def _detail_text(detail: Any) -> str:
    """Plain text of a feedparser text construct: HTML converted, plain text kept as it is.

    feedparser types most RSS descriptions text/html even when they are plain text with
    blank-line paragraphs; without a tag in them, only their entities are HTML.
    """
    value = detail.get("value") or ""
    if "html" not in (detail.get("type") or ""):
        return value.strip()
    return html_fragment_to_text(value) if _TAG.search(value) else unescape(value).strip()


def _entry_date(entry: Any) -> dt.date | None:
    """The entry's publication date as written (feedparser's *_parsed are shifted to UTC)."""
    for key in ("published", "published_parsed", "updated", "updated_parsed"):
        # dict.get: FeedParserDict.get("updated") falls back to "published" with a DeprecationWarning
        date = parse_metadata_date(dict.get(entry, key))
        if date:
            return date
    return None


def _clean(value: Any) -> str | None:
    value = value.strip() if isinstance(value, str) else None
    return value or None
