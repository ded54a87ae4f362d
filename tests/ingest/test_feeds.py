import datetime as dt

from newsprism.ingest.feeds import looks_like_feed, read_feed
from newsprism.model import Failure, RawArticle

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Valley Courier</title><link>https://courier.example/</link>
<item>
  <title>Dam gates open</title>
  <link>https://courier.example/dam</link>
  <guid isPermaLink="false">dam-1</guid>
  <pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate>
  <dc:creator>Ann Lee</dc:creator>
  <description>Short summary.</description>
  <content:encoded><![CDATA[<p>The dam gates opened on Tuesday.</p><p>Officials &amp; residents <b>cheered</b>.<br/>Then it rained.</p><script>alert(1)</script>]]></content:encoded>
</item>
<item>
  <title>Plain notice</title>
  <link>https://courier.example/notice</link>
  <description>The library closes early.

It reopens on Monday.</description>
</item>
<item><title>Nothing here</title><guid>empty-1</guid></item>
<item><title>No id or link</title><description>Fourth item text.</description></item>
<item><title>Same guid again</title><guid isPermaLink="false">dam-1</guid><description>Repeat guid.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Hill Times</title><id>urn:hill</id><updated>2024-01-02T00:00:00Z</updated>
<entry>
  <title>Road closed by snow</title><id>tag:hill.example,2024:1</id>
  <link href="https://hill.example/road"/>
  <published>2024-01-02T08:00:00+09:00</published>
  <author><name>Bo Kim</name></author>
  <summary type="text">The road is closed.</summary>
  <content type="html">&lt;p&gt;The mountain road closed.&lt;/p&gt;&lt;p&gt;Snow fell all night.&lt;/p&gt;</content>
</entry>
<entry>
  <title>Only a summary</title><id>tag:hill.example,2024:2</id>
  <updated>2024-01-03T10:00:00Z</updated>
  <summary type="text">Ferries run again.</summary>
</entry>
</feed>"""


def test_rss():
    results = list(read_feed(RSS, "feeds/courier.xml"))
    assert [r.source for r in results if isinstance(r, RawArticle)] == [
        "feeds/courier.xml#dam-1",
        "feeds/courier.xml#https://courier.example/notice",
        "feeds/courier.xml#4",
        "feeds/courier.xml#5",
    ]
    dam = results[0]
    assert dam.record == "dam-1"
    assert dam.format == "feed"
    assert dam.title == "Dam gates open"
    assert dam.url == "https://courier.example/dam"
    assert dam.text == "The dam gates opened on Tuesday.\n\nOfficials & residents cheered.\n\nThen it rained."
    # The date as written, not feedparser's UTC time tuple (which says 6 March).
    assert dam.published == dt.date(2024, 3, 5)
    assert dam.published_evidence == "metadata"
    assert (dam.outlet, dam.outlet_evidence) == ("Valley Courier", "feed title")
    assert dam.author == "Ann Lee"

    notice = results[1]
    assert notice.text == "The library closes early.\n\nIt reopens on Monday."
    assert notice.published is None and notice.published_evidence is None

    assert results[2] == Failure(source="feeds/courier.xml", record="empty-1", reason="entry 3 has no content or summary text")
    assert results[4].record == "5" and results[4].text == "Repeat guid."
    assert len(results) == 5


def test_atom():
    road, ferries = read_feed(ATOM, "hill.atom")
    assert road.source == "hill.atom#tag:hill.example,2024:1"
    assert road.text == "The mountain road closed.\n\nSnow fell all night."
    assert road.title == "Road closed by snow"
    assert road.url == "https://hill.example/road"
    assert road.published == dt.date(2024, 1, 2)
    assert road.author == "Bo Kim"
    assert road.outlet == "Hill Times"
    assert ferries.text == "Ferries run again."
    assert ferries.published == dt.date(2024, 1, 3)  # from <updated>


def test_truncated_feed_keeps_whole_entries():
    cut = RSS[: RSS.index(b"<item><title>Nothing here")]
    results = list(read_feed(cut, "cut.xml"))
    assert [r.record for r in results] == ["dam-1", "https://courier.example/notice"]


def test_not_a_feed():
    assert list(read_feed(b"<html><body><p>A page.</p></body></html>", "page.xml")) == [
        Failure(source="page.xml", reason="not an RSS or Atom feed")
    ]
    [failure] = read_feed(b"\x00\x01 definitely not xml <<<", "junk.xml")
    assert failure.reason.startswith("not a readable feed: ")
    assert list(read_feed(b"", "e.xml")) == [Failure(source="e.xml", reason="empty file")]
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    assert list(read_feed(empty, "quiet.xml")) == [Failure(source="quiet.xml", reason="the feed has no entries")]


def test_bytes_are_never_taken_for_a_file_name(tmp_path):
    feed_file = tmp_path / "feed.xml"
    feed_file.write_bytes(RSS)
    [failure] = read_feed(str(feed_file).encode(), "name.xml")
    assert isinstance(failure, Failure)


def test_looks_like_feed():
    assert looks_like_feed(RSS)
    assert looks_like_feed(ATOM)
    assert looks_like_feed(b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- a comment -->\n<?xml-stylesheet href="s.xsl"?>\n<rdf:RDF xmlns:rdf="x">')
    assert looks_like_feed('<?xml version="1.0" encoding="utf-16"?><feed xmlns="x">'.encode("utf-16"))
    assert looks_like_feed(b"<rss version='2.0'>")
    assert looks_like_feed(b"<!DOCTYPE rss PUBLIC 'x' 'y'>\n<rss>")
    assert not looks_like_feed(b"<html><body><rss></rss></body></html>")
    assert not looks_like_feed(b'<?xml version="1.0"?><sitemap>')
    assert not looks_like_feed(b"<rssfeed>")
    assert not looks_like_feed(b"")
    assert not looks_like_feed(b"\x00\xff\xfe garbage")
