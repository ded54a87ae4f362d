"""HTML pages: the article body and metadata via trafilatura; HTML fragments via lxml."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
from trafilatura import bare_extraction

from newsprism.ingest.dates import parse_metadata_date
from newsprism.ingest.decode import DecodeError, decode_bytes
from newsprism.model import Failure, RawArticle

__all__ = ["read_html", "html_fragment_to_text"]

log = logging.getLogger(__name__)

# trafilatura and the libraries it drives log a warning for every page they discard;
# a page without an article is a Failure here, not a log line.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

# Pages with more elements than this skip trafilatura's slower fallback extractors.
# (trafilatura's MAX_TREE_SIZE only discards oversized *output*; it bounds no time.)
_FAST_ABOVE_ELEMENTS = 30_000

# Dates from the page's markup (meta tags, JSON-LD, <time>, the URL), never from its prose.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}

_BLOCKS = frozenset(
    "address article aside blockquote dd details div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table "
    "tr ul".split()
)
_DROPPED = frozenset({"script", "style", "noscript", "template", "head", "title"})
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def read_html(
    data: bytes,
    source: str,
    *,
    url: str | None = None,
    declared_encoding: str | None = None,
    fmt: str = "html",
    record: str | None = None,
) -> Iterator[RawArticle | Failure]:
    """Read one HTML page: yields one RawArticle, or one Failure saying why not.

    ``source`` is the file as the user named it. With ``record`` (a page inside a
    container) the article's source is ``f"{source}#{record}"``. ``url`` is where the page
    came from (a WARC target URI); a canonical URL in the page wins over it.
    ``declared_encoding`` is a charset from outside the bytes (an HTTP header).
    """

    def failure(reason: str) -> Failure:
        return Failure(source=source, record=record, reason=reason, stage="read")

    try:
        markup = decode_bytes(data, declared=declared_encoding)
    except DecodeError as exc:
        yield failure(str(exc))
        return
    tree = _parse_document(markup)
    if tree is None:
        yield failure("no HTML document found")
        return
    fast = sum(1 for _ in tree.iter()) > _FAST_ABOVE_ELEMENTS
    try:
        doc = bare_extraction(
            tree,
            url=url,
            fast=fast,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception as exc:  # trafilatura raises odd errors on odd pages; never fatal
        log.debug("trafilatura failed on %s: %r", source, exc)
        yield failure(f"HTML extraction failed: {type(exc).__name__}: {exc}")
        return
    title = _clean(doc.title) if doc else None
    text = _paragraphs(doc.text if doc else None, title)
    if not text:
        yield failure("no article text found in the HTML")
        return

    page_url = _clean(doc.url) or url
    outlet, outlet_evidence = _outlet(tree, doc.sitename, page_url)
    published = parse_metadata_date(doc.date)
    yield RawArticle(
        source=f"{source}#{record}" if record else source,
        text=text,
        format=fmt,
        title=title,
        url=page_url,
        published=published,
        published_evidence="metadata" if published else None,
        outlet=outlet,
        outlet_evidence=outlet_evidence,
        author=_clean(doc.author),
        record=record,
    )


def html_fragment_to_text(html: str) -> str:
    """Plain text of an HTML fragment (feed content): paragraphs separated by a blank line.

    Block elements (p, div, li, h1-h6, blockquote, ...) and ``<br>`` end a paragraph;
    script and style are dropped; runs of HTML whitespace inside a paragraph become one
    space, as a browser would render them. Returns "" when there is no text.
    """
    if not html.strip():
        return ""
    tree = _parse_document(f"<html><body><div>{html}</div></body></html>")
    if tree is None:
        return ""
    pieces: list[str] = []
    _flatten(tree, pieces)
    paragraphs = (_HTML_SPACE.sub(" ", part).strip(" ") for part in "".join(pieces).split("\0"))
    return "\n\n".join(p for p in paragraphs if p)


def _parse_document(markup: str) -> lxml.html.HtmlElement | None:
    """An lxml tree of ``markup``, or None when there is no document in it."""
    # Bytes plus an explicit parser encoding: lxml rejects str with an XML prolog. One
    # parser per call: lxml parsers must not be shared between threads.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        tree = lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return None
    return tree if len(tree) else None


def _flatten(element: lxml.html.HtmlElement, pieces: list[str]) -> None:
    """Append ``element``'s text to ``pieces``, with "\\0" wherever a paragraph ends."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag not in _DROPPED:
        block = tag in _BLOCKS or tag == "br"
        if block:
            pieces.append("\0")
        if element.text and tag:
            pieces.append(element.text)
        for child in element:
            _flatten(child, pieces)
        if block:
            pieces.append("\0")
        elif tag in ("td", "th"):
            pieces.append(" ")
    if element.tail:
        pieces.append(element.tail)


def _paragraphs(text: str | None, title: str | None) -> str:
    """trafilatura's one-line-per-block text as blank-line-separated paragraphs, minus the title."""
    lines = [line for line in (text or "").split("\n") if line.strip()]
    if lines and title and _same(lines[0], title):
        del lines[0]
    return "\n\n".join(lines)


def _outlet(tree: lxml.html.HtmlElement, sitename: str | None, url: str | None) -> tuple[str | None, str | None]:
    """The outlet and where it came from: og:site_name, another site-name tag, else the URL host."""
    host = _host(url)
    for meta in tree.iterfind(".//meta[@property='og:site_name']"):
        name = _clean(meta.get("content"))
        if name:
            return name, "metadata: og:site_name"
    # trafilatura falls back to the URL's host itself; that is not page metadata.
    name = _clean(sitename)
    if name and not (host and _same(name, host)):
        return name, "metadata: site name"
    return (host, "url host") if host else (None, None)


def _host(url: str | None) -> str | None:
    try:
        host = urlsplit(url or "").hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _clean(value: str | None) -> str | None:
    value = value.strip() if isinstance(value, str) else None
    return value or None
