import datetime as dt
import logging

from newsprism.ingest.html import html_fragment_to_text, read_html
from newsprism.model import Failure, RawArticle

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour bridge reopens | The Gazette</title>
<meta property="og:site_name" content="The Daily Gazette">
<meta property="og:title" content="Harbour bridge reopens after repairs">
<link rel="canonical" href="https://www.gazette.example/news/bridge">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta name="author" content="Jane Doe">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge reopened on Tuesday after eight months of repairs, the council said.</p>
<p>Engineers replaced the deck and repainted the towers. Traffic was light.</p>
<p>Residents welcomed the news. "It has been a long wait," said one shopkeeper.</p>
</article>
<footer>All rights reserved</footer>
</body></html>"""

BODY = (
    "The harbour bridge reopened on Tuesday after eight months of repairs, the council said.\n\n"
    "Engineers replaced the deck and repainted the towers. Traffic was light.\n\n"
    'Residents welcomed the news. "It has been a long wait," said one shopkeeper.'
)


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def test_article_with_metadata():
    article = only(read_html(PAGE.encode(), "pages/bridge.html"))
    assert isinstance(article, RawArticle)
    assert article.source == "pages/bridge.html"
    assert article.record is None
    assert article.format == "html"
    assert article.text == BODY  # headline dropped, nav and footer gone, paragraphs split
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.url == "https://www.gazette.example/news/bridge"
    assert article.published == dt.date(2024, 3, 5)
    assert article.published_evidence == "metadata"
    assert article.outlet == "The Daily Gazette"
    assert article.outlet_evidence == "metadata: og:site_name"
    assert article.author == "Jane Doe"
    assert article.place is None


def test_outlet_and_url_from_the_given_url_without_page_metadata():
    page = "<html><head><title>Storm</title></head><body><p>The storm passed in the night.</p></body></html>"
    article = only(read_html(page.encode(), "storm.html", url="https://www.coastpost.example/storm"))
    assert article.url == "https://www.coastpost.example/storm"
    assert article.outlet == "coastpost.example"
    assert article.outlet_evidence == "url host"
    assert article.text == "The storm passed in the night."
    assert article.published is None and article.published_evidence is None


def test_no_url_no_outlet():
    page = "<html><body><p>Just a paragraph of text.</p></body></html>"
    article = only(read_html(page.encode(), "a.html"))
    assert (article.url, article.outlet, article.outlet_evidence) == (None, None, None)


def test_date_in_the_prose_is_not_metadata():
    page = (
        "<html><head><title>T</title></head><body><article>"
        "<p>Published March 5, 2024</p><p>The council met on Monday to discuss the budget.</p>"
        "</article></body></html>"
    )
    article = only(read_html(page.encode(), "a.html"))
    assert article.published is None


def test_line_breaks_become_paragraphs():
    page = "<html><body><article><div>First part of the story.<br><br>Second part follows.</div></article></body></html>"
    assert only(read_html(page.encode(), "a.html")).text == "First part of the story.\n\nSecond part follows."


def test_declared_encoding_and_meta_charset():
    page = "<html><head><meta charset='iso-8859-1'><title>Caf\xe9</title></head><body><p>Na\xefve fa\xe7ade, cr\xe8me br\xfbl\xe9e.</p></body></html>"
    data = page.encode("latin-1")
    for declared in ("iso-8859-1", None):
        article = only(read_html(data, "cafe.html", declared_encoding=declared))
        assert article.title == "Caf\xe9"
        assert article.text == "Na\xefve fa\xe7ade, cr\xe8me br\xfbl\xe9e."


def test_xml_prolog_with_encoding_is_fine():
    page = '<?xml version="1.0" encoding="utf-8"?><html><body><p>Prolog page text.</p></body></html>'
    assert only(read_html(page.encode(), "a.xhtml")).text == "Prolog page text."


def test_record_inside_a_container():
    article = only(read_html(PAGE.encode(), "crawl.warc", fmt="warc", record="r7"))
    assert article.source == "crawl.warc#r7"
    assert article.record == "r7"
    assert article.format == "warc"
    failure = only(read_html(b"<html><body></body></html>", "crawl.warc", fmt="warc", record="r8"))
    assert failure == Failure(source="crawl.warc", record="r8", reason="no article text found in the HTML")
    assert failure.describe() == "crawl.warc#r8: no article text found in the HTML"


def test_failures():
    assert only(read_html(b"<html><body><script>var x = 1;</script></body></html>", "s.html")) == Failure(
        source="s.html", reason="no article text found in the HTML"
    )
    assert only(read_html(b"", "e.html")).reason == "empty file"
    assert only(read_html(b"   \n ", "w.html")).reason == "no HTML document found"
    assert only(read_html(b"%PDF-1.7 ...", "p.html")).reason == "binary file (a PDF document)"
    assert only(read_html(b"<!-- only a comment -->", "c.html")).reason == "no HTML document found"


def test_malformed_html_does_not_crash():
    for page in ("<p>unclosed <b>bold <i>text", "<html><body>" + "<div>" * 5000 + "deep", "<<<>>>", "</p></div>"):
        result = only(read_html(page.encode(), "m.html"))
        assert isinstance(result, (RawArticle, Failure))


def test_trafilatura_stays_quiet(caplog):
    with caplog.at_level(logging.DEBUG):
        list(read_html(b"<html><body></body></html>", "q.html"))
        list(read_html(b"hello", "q.html"))
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_fragment_to_text():
    fragment = (
        "<p>The dam opened on Tuesday.</p><p>Officials &amp; residents <b>cheered</b>.<br/>"
        "Second   line.</p><script>alert(1)</script><style>p{}</style>loose text"
        "<ul><li>one</li><li>two</li></ul><h2>Heading</h2><blockquote>Quoted.</blockquote>"
        "<table><tr><td>c1</td><td>c2</td></tr></table>tail"
    )
    assert html_fragment_to_text(fragment) == (
        "The dam opened on Tuesday.\n\nOfficials & residents cheered.\n\nSecond line.\n\nloose text"
        "\n\none\n\ntwo\n\nHeading\n\nQuoted.\n\nc1 c2\n\ntail"
    )


def test_fragment_edge_cases():
    assert html_fragment_to_text("") == ""
    assert html_fragment_to_text("  ") == ""
    assert html_fragment_to_text("<!-- c -->") == ""
    assert html_fragment_to_text("a < b & c") == "a < b & c"
    assert html_fragment_to_text("plain\n\n  text") == "plain text"
    assert html_fragment_to_text("<div><p>nested</p>after</div>") == "nested\n\nafter"
    assert html_fragment_to_text("non\xa0breaking") == "non\xa0breaking"
