"""WARC (and old ARC) web archives, plain or gzipped: one article per HTML response record.

warcio reads records but ends quietly on most damage (a truncated gzip member, a record
cut short, a half-written header), so this reader checks each record is complete and
that the archive was read to its end, and reports the first break as a Failure.
"""

from __future__ import annotations

import gzip
import io
import logging
import re
import zlib
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed

from newsprism.ingest.html import read_html
from newsprism.ingest.records import RecordIds
from newsprism.model import Failure, RawArticle

__all__ = ["read_warc"]

log = logging.getLogger(__name__)
logging.getLogger("warcio").setLevel(logging.ERROR)  # "Replacing spaces in invalid WARC-Target-URI"

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_BLOCK = 65536
_MAX_BODY = 64 * 2**20  # decompressed HTML payload; a gzip bomb stops here


class _QuietArchiveIterator(ArchiveIterator):
    # warcio writes this warning straight to stderr; an empty format writes nothing.
    INC_RECORD = ""


class _Stream:
    """A read-only stream over the archive's (decompressed) bytes that never raises.

    A gzip error ends the stream as if at EOF and is kept in ``error``; ``tell`` counts
    the bytes handed out, which warcio uses for its record offsets.
    """

    def __init__(self, data: bytes) -> None:
        self._raw: Any = io.BytesIO(data)
        if data.startswith(b"\x1f\x8b"):  # gzip: per-record members or one stream, both fine
            self._raw = gzip.GzipFile(fileobj=self._raw)
        self.error: str | None = None
        self._position = 0

    def read(self, size: int = -1) -> bytes:
        # read1 hands out what one gzip member step decompressed, so the bytes before a
        # damaged spot arrive before the error does (read would drop them with it).
        chunks: list[bytes] = []
        total = 0
        while (size < 0 or total < size) and not self.error:
            try:
                chunk = self._raw.read1(_BLOCK if size < 0 else size - total)
            except (EOFError, OSError, zlib.error) as exc:
                self.error = f"gzip data is damaged or cut off ({exc})"
                break
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        self._position += total
        return b"".join(chunks)

    def tell(self) -> int:
        return self._position


def read_warc(data: bytes, source: str) -> Iterator[RawArticle | Failure]:
    """Read a WARC file: each HTML response record (HTTP 200) as one page via read_html.

    Other records (requests, metadata, images, redirects) are skipped. Record ids are the
    target URI, else the response's number. A damaged or truncated archive yields the
    articles before the damage and one Failure saying where it broke.
    """
    if not data:
        yield Failure(source=source, reason="empty file")
        return
    stream = _Stream(data)
    records = _QuietArchiveIterator(stream)
    ids = RecordIds()
    complete = responses = pages = 0
    broken: str | None = None
    while True:
        try:
            record = next(records, None)
            if record is None:
                if records.offset < stream.tell():
                    broken = "the last record is incomplete"
                break
            broken = _header_problem(record)
            page = None if broken else _html_payload(record)
            errors_before = records.err_count
            records.read_to_end()  # drains the record, then checks the blank line after it
        except Exception as exc:  # warcio fails in assorted ways on damaged archives
            log.debug("warcio failed on %s: %r", source, exc)
            broken = str(exc) if isinstance(exc, ArchiveLoadFailed) else f"damaged record headers ({type(exc).__name__}: {exc})"
            break
        if not broken and records.err_count > errors_before:
            broken = "a record's Content-Length does not match its data"
        broken = broken or _cut_short(record)
        if broken:
            break
        complete += 1
        if record.rec_type != "response":
            continue
        responses += 1
        if page is None:
            continue
        pages += 1
        url = record.rec_headers.get_header("WARC-Target-URI" if record.format == "warc" else "uri")
        record_id = ids.assign(responses, url)
        if isinstance(page, str):
            yield Failure(source=source, record=record_id, reason=page)
            continue
        payload, charset = page
        yield from read_html(payload, source, url=url, declared_encoding=charset, fmt="warc", record=record_id)
    broken = stream.error or broken  # a gzip error is the cause of whatever broke after it
    if broken:
        where = f"truncated or corrupt WARC after record {complete}" if complete else "not a readable WARC"
        yield Failure(source=source, reason=f"{where}: {broken}")
    elif not pages:
        yield Failure(source=source, reason="no HTML response records in the WARC")


def _header_problem(record: Any) -> str | None:
    if not record.rec_type:
        return "a record without a WARC-Type header"
    length = record.rec_headers.get_header("Content-Length" if record.format == "warc" else "length")
    if not (length or "").strip().isdigit():
        return "a record without a valid Content-Length header"
    return None


def _html_payload(record: Any) -> tuple[bytes, str | None] | str | None:
    """The payload and HTTP charset of an HTML 200 response, a reason it can't be read, or None."""
    http = record.http_headers
    if record.rec_type != "response" or http is None or http.get_statuscode() != "200":
        return None
    media_type, _, params = (http.get_header("Content-Type") or "").partition(";")
    if media_type.strip().lower() not in _HTML_TYPES:
        return None
    try:
        payload = _http_body(record)
    except (zlib.error, ValueError) as exc:
        return f"unreadable HTTP body ({exc})"
    charset = _CHARSET.search(params)
    return payload, charset[1] if charset else None


def _http_body(record: Any) -> bytes:
    """The HTTP payload, de-chunked and decompressed.

    Not ``record.content_stream()``: on a damaged gzip body it prints to stderr and
    returns the bytes it got as if they were all. These decoders raise instead.
    """
    http = record.http_headers
    stream = record.raw_stream
    if (http.get_header("Transfer-Encoding") or "").strip().lower() == "chunked":
        stream = ChunkedDataReader(stream)
    body = stream.read()
    encoding = (http.get_header("Content-Encoding") or "identity").strip().lower()
    if encoding == "identity":
        return body
    if encoding in ("gzip", "x-gzip"):
        return _inflate(body, 16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        try:
            return _inflate(body, zlib.MAX_WBITS)  # zlib-wrapped, as the RFC says
        except zlib.error:
            return _inflate(body, -zlib.MAX_WBITS)  # raw deflate, as some servers send
    raise ValueError(f"unsupported Content-Encoding {encoding!r}")


def _inflate(body: bytes, wbits: int) -> bytes:
    """Decompress ``body``, refusing a cut-off stream and anything over _MAX_BODY."""
    inflater = zlib.decompressobj(wbits)
    data = inflater.decompress(body, _MAX_BODY)
    if inflater.unconsumed_tail:
        raise ValueError(f"the decompressed HTTP body is over {_MAX_BODY // 2**20} MiB")
    if not inflater.eof:
        raise ValueError("the compressed HTTP body is cut off")
    return data


def _cut_short(record: Any) -> str | None:
    """Why ``record`` (drained) is incomplete: its data ended before its Content-Length."""
    if getattr(record.raw_stream, "limit", 0) > 0:
        return f"the {record.rec_type} record ends before its Content-Length"
    return None
