"""No reader ever raises: random bytes, random text and damaged copies of valid files."""

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.ingest.feeds import looks_like_feed, read_feed
from newsprism.ingest.html import html_fragment_to_text, read_html
from newsprism.ingest.records import read_csv, read_json, read_jsonl
from newsprism.ingest.warc import read_warc
from newsprism.model import Failure, RawArticle

READERS = {
    "html": read_html,
    "warc": read_warc,
    "feed": read_feed,
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
}

PAGE = (
    "<html><head><title>Ferry</title><meta property='og:site_name' content='Isle News'>"
    "<meta property='article:published_time' content='2024-05-01'></head><body><article>"
    "<h1>Ferry</h1><p>The ferry ran late on Monday because of fog.</p><p>Passengers waited two hours.</p>"
    "</article></body></html>"
)


def _warc(gzip_members):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_members)
    for uri, content_type, body in [
        ("https://isle.example/ferry", "text/html; charset=utf-8", PAGE.encode()),
        ("https://isle.example/logo.gif", "image/gif", b"GIF89a...."),
    ]:
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))
    return buffer.getvalue()


FIXTURES = [
    PAGE.encode(),
    _warc(True),
    _warc(False),
    b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Isle News</title>
<item><title>Ferry</title><link>https://isle.example/ferry</link><guid>f1</guid>
<pubDate>Wed, 01 May 2024 09:00:00 +0000</pubDate><description>&lt;p&gt;The ferry ran late.&lt;/p&gt;</description></item>
</channel></rss>""",
    b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Isle News</title>
<entry><id>e1</id><title>Fog</title><summary>Fog all day.</summary></entry></feed>""",
    b'{"id": "f1", "text": "The ferry ran late.", "date": "2024-05-01"}\n{"text": "Fog."}\n',
    json.dumps({"articles": [{"id": 1, "body": "The ferry ran late."}, {"content": "Fog.", "source": "Isle"}]}).encode(),
    b'id;title;text\n1;Ferry;"The ferry ran late."\n2;Fog;Fog all day.\n',
]

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(results):
    """Every result is an article with text or a failure with a reason."""
    results = list(results)
    for result in results:
        if isinstance(result, RawArticle):
            assert result.text.strip()
            assert result.source
        else:
            assert isinstance(result, Failure)
            assert result.reason.strip()
            assert result.stage == "read"
    return results


@st.composite
def damaged(draw):
    """A valid fixture, truncated, with bytes flipped, inserted or deleted."""
    data = bytearray(draw(st.sampled_from(FIXTURES)))
    edits = draw(
        st.lists(
            st.tuples(st.sampled_from(["flip", "cut", "insert", "delete"]), st.integers(0, 10**6), st.binary(min_size=1, max_size=8)),
            min_size=1,
            max_size=4,
        )
    )
    for edit, where, junk in edits:
        where %= len(data) + 1
        if edit == "flip" and where < len(data):
            data[where] ^= junk[0] or 1
        elif edit == "cut":
            del data[where:]
        elif edit == "insert":
            data[where:where] = junk
        else:
            del data[where : where + len(junk)]
    return bytes(data)


@pytest.mark.parametrize("name", READERS)
@FUZZ
@given(data=st.binary(max_size=3000))
def test_random_bytes(name, data):
    check(READERS[name](data, f"fuzz.{name}"))


@pytest.mark.parametrize("name", READERS)
@FUZZ
@given(text=st.text(max_size=1000))
def test_random_text(name, text):
    check(READERS[name](text.encode("utf-8", "surrogatepass"), f"fuzz.{name}"))


@pytest.mark.parametrize("name", READERS)
@FUZZ
@given(data=damaged())
def test_damaged_files(name, data):
    check(READERS[name](data, f"fuzz.{name}"))


@pytest.mark.parametrize("name", READERS)
def test_undamaged_fixtures_read_cleanly(name):
    """The fixtures themselves are good input for their own reader."""
    own = {"html": [0], "warc": [1, 2], "feed": [3, 4], "jsonl": [5], "json": [6], "csv": [7]}[name]
    for index in own:
        results = check(READERS[name](FIXTURES[index], f"fixture.{name}"))
        assert results and all(isinstance(r, RawArticle) for r in results), results


@FUZZ
@given(text=st.text(max_size=1000))
def test_fragment_to_text(text):
    assert isinstance(html_fragment_to_text(text), str)


@FUZZ
@given(data=st.one_of(st.binary(max_size=3000), damaged()))
def test_looks_like_feed(data):
    assert isinstance(looks_like_feed(data), bool)
