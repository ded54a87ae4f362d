import gzip
import io
import zlib

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.ingest.warc import read_warc
from newsprism.model import Failure, RawArticle


def page(title, body):
    return f"<html><head><title>{title}</title></head><body><article><p>{body}</p></article></body></html>"


def write_warc(records, *, gzip_members=True):
    """records: (type, uri, http status line or None, content type, payload bytes)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_members)
    for rec_type, uri, status, content_type, payload in records:
        if rec_type == "request":
            http = StatusAndHeaders(f"GET {uri} HTTP/1.1", [("Host", "news.example")], is_http_request=True)
            record = writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=http)
        elif rec_type == "response":
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=http)
        else:
            record = writer.create_warc_record(uri, rec_type, payload=io.BytesIO(payload), warc_content_type=content_type)
        writer.write_record(record)
    return buffer.getvalue()


CRAWL = [
    ("request", "https://news.example/a1", None, None, b""),
    ("response", "https://news.example/a1", "200 OK", "text/html; charset=utf-8", page("Flood", "The river rose overnight.").encode()),
    ("response", "https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n0000"),
    ("request", "https://news.example/a2", None, None, b""),
    ("response", "https://news.example/a2", "200 OK", "text/html; charset=ISO-8859-1", page("Caf\xe9", "Le caf\xe9 a ferm\xe9.").encode("latin-1")),
    ("response", "https://news.example/gone", "404 Not Found", "text/html", page("404", "Not found here at all.").encode()),
    ("metadata", "https://news.example/a2", None, "application/warc-fields", b"outlinks: https://news.example/a3\r\n"),
    ("response", "https://news.example/a3", "200 OK", "application/xhtml+xml", page("Wind", "Gales closed the port.").encode()),
]


def articles(results):
    return [r for r in results if isinstance(r, RawArticle)]


def failures(results):
    return [r for r in results if isinstance(r, Failure)]


@pytest.mark.parametrize("gzip_members", [True, False])
def test_reads_html_responses_only(gzip_members):
    results = list(read_warc(write_warc(CRAWL, gzip_members=gzip_members), "crawl.warc.gz"))
    assert failures(results) == []
    found = articles(results)
    assert [a.source for a in found] == [
        "crawl.warc.gz#https://news.example/a1",
        "crawl.warc.gz#https://news.example/a2",
        "crawl.warc.gz#https://news.example/a3",
    ]
    assert [a.record for a in found] == ["https://news.example/a1", "https://news.example/a2", "https://news.example/a3"]
    assert [a.title for a in found] == ["Flood", "Caf\xe9", "Wind"]
    assert [a.text for a in found] == ["The river rose overnight.", "Le caf\xe9 a ferm\xe9.", "Gales closed the port."]
    assert {a.format for a in found} == {"warc"}
    assert found[0].url == "https://news.example/a1"
    assert (found[0].outlet, found[0].outlet_evidence) == ("news.example", "url host")


def test_whole_file_gzip_is_read_too():
    plain = write_warc(CRAWL, gzip_members=False)
    assert len(articles(read_warc(gzip.compress(plain), "one-stream.warc.gz"))) == 3


def test_repeated_uri_uses_the_response_number():
    records = [
        ("response", "https://news.example/live", "200 OK", "text/html", page("Live", "First version of the live page.").encode()),
        ("response", "https://news.example/live", "200 OK", "text/html", page("Live", "Second version of the live page.").encode()),
    ]
    found = articles(read_warc(write_warc(records), "live.warc.gz"))
    assert [a.source for a in found] == ["live.warc.gz#https://news.example/live", "live.warc.gz#2"]
    assert [a.record for a in found] == ["https://news.example/live", "2"]


def test_html_response_without_text_is_a_failure_naming_the_record():
    records = [
        ("response", "https://news.example/empty", "200 OK", "text/html", b"<html><body></body></html>"),
        ("response", "https://news.example/ok", "200 OK", "text/html", page("Ok", "Some real text.").encode()),
    ]
    results = list(read_warc(write_warc(records), "x.warc.gz"))
    assert results[0] == Failure(source="x.warc.gz", record="https://news.example/empty", reason="no article text found in the HTML")
    assert results[1].source == "x.warc.gz#https://news.example/ok"
    assert len(results) == 2


def test_truncated_gzip_keeps_what_came_before():
    data = write_warc(CRAWL)
    results = list(read_warc(data[:-40], "cut.warc.gz"))  # inside the last record's gzip member
    assert [a.title for a in articles(results)] == ["Flood", "Caf\xe9"]
    [failure] = failures(results)
    assert failure.source == "cut.warc.gz" and failure.record is None
    assert failure.reason.startswith("truncated or corrupt WARC after record 7: gzip data is damaged or cut off")


def test_truncated_plain_warc_inside_a_record():
    data = write_warc(CRAWL, gzip_members=False)
    results = list(read_warc(data[:-60], "cut.warc"))
    assert [a.title for a in articles(results)] == ["Flood", "Caf\xe9"]
    [failure] = failures(results)
    assert failure.reason == "truncated or corrupt WARC after record 7: the response record ends before its Content-Length"


def test_truncated_plain_warc_inside_a_header():
    data = write_warc(CRAWL, gzip_members=False)
    last = data.rindex(b"WARC/1.")
    results = list(read_warc(data[: last + 40], "cut.warc"))
    assert len(articles(results)) == 2
    [failure] = failures(results)
    assert failure.reason.startswith("truncated or corrupt WARC after record 7: ")


def test_corrupt_gzip_member():
    data = bytearray(write_warc(CRAWL))
    data[len(data) // 2] ^= 0xFF
    results = list(read_warc(bytes(data), "bad.warc.gz"))
    [failure] = failures(results)
    assert failure.reason.startswith("truncated or corrupt WARC after record ")
    assert len(articles(results)) <= 2


def test_no_html_responses():
    records = [
        ("request", "https://news.example/logo.png", None, None, b""),
        ("response", "https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n0000"),
    ]
    assert list(read_warc(write_warc(records), "img.warc.gz")) == [
        Failure(source="img.warc.gz", reason="no HTML response records in the WARC")
    ]


def test_not_a_warc():
    [failure] = read_warc(b"<html><body>not an archive</body></html>", "page.warc")
    assert failure.reason.startswith("not a readable WARC: ")
    assert list(read_warc(b"", "empty.warc")) == [Failure(source="empty.warc", reason="empty file")]
    [failure] = read_warc(b"\x1f\x8b\x08\x00garbage", "junk.warc.gz")
    assert failure.reason.startswith("not a readable WARC: gzip data is damaged or cut off")


def test_wrong_content_length_is_reported_quietly(capsys):
    data = write_warc(CRAWL[:3], gzip_members=False)
    start = data.index(b"Content-Length: ", data.index(b"WARC-Type: response"))
    end = data.index(b"\r\n", start)
    length = int(data[start + 16 : end])
    damaged = data[:start] + b"Content-Length: %d" % (length - 7) + data[end:]
    assert list(read_warc(damaged, "damaged.warc")) == [
        Failure(
            source="damaged.warc",
            reason="truncated or corrupt WARC after record 1: a record's Content-Length does not match its data",
        )
    ]
    assert capsys.readouterr().err == ""


def test_http_content_encodings():
    html = page("Zip", "Compressed on the wire.").encode()
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(html), html)
    cases = [
        ("gzip", gzip.compress(html), []),
        ("deflate", zlib.compress(html), []),
        ("gzip", gzip.compress(html)[:-12], []),
        ("br", b"\x0b\x02\x80", []),
        ("identity", chunked, [("Transfer-Encoding", "chunked")]),
    ]
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for number, (encoding, payload, extra) in enumerate(cases, 1):
        headers = [("Content-Type", "text/html"), ("Content-Encoding", encoding), *extra]
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        record = writer.create_warc_record(f"https://zip.example/{number}", "response", payload=io.BytesIO(payload), http_headers=http)
        writer.write_record(record)
    results = list(read_warc(buffer.getvalue(), "zip.warc.gz"))
    assert [getattr(r, "text", None) for r in results] == [
        "Compressed on the wire.",
        "Compressed on the wire.",
        None,
        None,
        "Compressed on the wire.",
    ]
    assert results[2] == Failure(
        source="zip.warc.gz", record="https://zip.example/3", reason="unreadable HTTP body (the compressed HTTP body is cut off)"
    )
    assert results[3].reason == "unreadable HTTP body (unsupported Content-Encoding 'br')"


def test_old_arc_format():
    header_body = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    first = b"filedesc://test.arc 0.0.0.0 20240101000000 text/plain %d\n" % len(header_body) + header_body + b"\n"
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page("Old", "An archive from long ago.").encode()
    record = b"http://old.example/a 192.0.2.1 20240101000000 text/html %d\n" % len(http) + http + b"\n"
    [article] = read_warc(first + record, "old.arc")
    assert (article.source, article.url, article.text) == ("old.arc#http://old.example/a", "http://old.example/a", "An archive from long ago.")
