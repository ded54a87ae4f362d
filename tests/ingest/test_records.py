import datetime as dt
import json

from newsprism.ingest.records import RecordIds, read_csv, read_json, read_jsonl
from newsprism.model import Failure, RawArticle


def jsonl(*lines):
    return "\n".join(lines).encode()


def test_jsonl_bad_line_in_the_middle():
    data = jsonl(
        '{"id": "abc", "title": "Budget passes", "text": "The budget passed.", "date": "2024-03-05T10:00:00Z", '
        '"outlet": "City Wire", "author": "Ann Lee", "url": "https://wire.example/budget"}',
        "",
        '{"title": "Broken", "text": "x" "y"}',
        '{"url": "https://wire.example/rain", "body": "Rain fell.", "published": "March 6, 2024", "source": "Rain Desk"}',
        '{"content": "Third story.", "ID": 42}',
        "   ",
        '{"text": "No id or url.", "pubDate": "Wed, 06 Mar 2024 08:00:00 +0000"}',
    )
    results = list(read_jsonl(data, "x.jsonl"))
    assert [type(r).__name__ for r in results] == ["RawArticle", "Failure", "RawArticle", "RawArticle", "RawArticle"]
    first, bad, rain, third, last = results
    assert first == RawArticle(
        source="x.jsonl#abc",
        text="The budget passed.",
        format="jsonl",
        title="Budget passes",
        url="https://wire.example/budget",
        published=dt.date(2024, 3, 5),
        published_evidence="metadata",
        outlet="City Wire",
        outlet_evidence="field 'outlet'",
        author="Ann Lee",
        record="abc",
    )
    assert bad == Failure(source="x.jsonl", record="3", reason="bad JSON on line 3: Expecting ',' delimiter at column 33")
    assert rain.source == "x.jsonl#https://wire.example/rain"
    assert rain.text == "Rain fell."
    assert rain.published == dt.date(2024, 3, 6)
    assert (rain.outlet, rain.outlet_evidence) == ("Rain Desk", "field 'source'")
    assert third.source == "x.jsonl#42" and third.record == "42"  # numbers stringified, keys any case
    assert third.outlet is None and third.outlet_evidence is None
    assert last.source == "x.jsonl#7"
    assert last.published == dt.date(2024, 3, 6)


def test_jsonl_lines_that_are_not_articles():
    data = jsonl('"just a string"', '{"title": "No body"}', "[1, 2]", '{"text": "   "}', '{"text": "Fine."}')
    results = list(read_jsonl(data, "x.jsonl"))
    assert [r.reason for r in results[:4]] == [
        "line 1: a string, not an object",
        "line 2: no 'text', 'body' or 'content' field",
        "line 3: an array, not an object",
        "line 4: no 'text', 'body' or 'content' field",
    ]
    assert [r.record for r in results[:4]] == ["1", "2", "3", "4"]
    assert results[4].source == "x.jsonl#5"


def test_jsonl_repeated_ids_use_the_line_number():
    data = jsonl('{"id": "a", "text": "One."}', '{"id": "a", "text": "Two."}', '{"id": "2", "text": "Three."}')
    assert [r.source for r in read_jsonl(data, "x.jsonl")] == ["x.jsonl#a", "x.jsonl#2", "x.jsonl#3"]


def test_jsonl_empty_and_undecodable():
    assert list(read_jsonl(b"\n\n  \n", "e.jsonl")) == [Failure(source="e.jsonl", reason="no records in the JSON Lines file")]
    assert list(read_jsonl(b"", "e.jsonl")) == [Failure(source="e.jsonl", reason="empty file")]
    [failure] = read_jsonl(b"\x89PNG\r\n\x1a\n", "img.jsonl")
    assert failure.reason == "binary file (a PNG image)"


def test_jsonl_pathological_lines():
    data = jsonl("[" * 100_000, "1" * 5000, '{"text": "Survivor."}')
    results = list(read_jsonl(data, "p.jsonl"))
    assert results[0].reason.startswith("bad JSON on line 1: ")
    assert results[1].reason.startswith("bad JSON on line 2: ")
    assert results[2].text == "Survivor."


ARTICLES = [
    {"id": 1, "title": "One", "text": "First text.", "date": "2024-01-01"},
    {"link": "https://a.example/two", "body": "Second text.", "author": ["Ann Lee", "Bo Kim"]},
    "not an object",
    {"title": "No text at all"},
]


def test_json_list():
    results = list(read_json(json.dumps(ARTICLES).encode(), "a.json"))
    one, two, not_object, no_text = results
    assert one.source == "a.json#1" and one.title == "One" and one.published == dt.date(2024, 1, 1)
    assert one.format == "json"
    assert two.source == "a.json#https://a.example/two" and two.url == "https://a.example/two"
    assert two.author == "Ann Lee, Bo Kim"
    assert not_object == Failure(source="a.json", record="3", reason="item 3: a string, not an object")
    assert no_text == Failure(source="a.json", record="4", reason="item 4: no 'text', 'body' or 'content' field")


def test_json_wrapped_list():
    for key in ("articles", "items", "data", "Articles"):
        results = list(read_json(json.dumps({"status": "ok", key: ARTICLES[:2]}).encode(), "w.json"))
        assert [r.source for r in results] == ["w.json#1", "w.json#https://a.example/two"]


def test_json_newsapi_shape():
    doc = {
        "articles": [
            {
                "source": {"id": None, "name": "Harbor Daily"},
                "title": "Tide",
                "url": "https://harbor.example/tide",
                "publishedAt": "2024-02-29T23:59:00Z",
                "content": "High tide flooded the pier.",
            }
        ]
    }
    [article] = read_json(json.dumps(doc).encode(), "n.json")
    assert (article.outlet, article.outlet_evidence) == ("Harbor Daily", "field 'source'")
    assert article.published == dt.date(2024, 2, 29)


def test_json_single_object():
    [article] = read_json(b'{"id": "solo", "text": "Alone."}', "s.json")
    assert article.source == "s.json#solo" and article.text == "Alone."
    [article] = read_json(b'{"text": "No id."}', "s.json")
    assert article.source == "s.json#1"


def test_json_failures():
    assert list(read_json(b'{"a": 1,}', "b.json")) == [
        Failure(source="b.json", reason="bad JSON: Expecting property name enclosed in double quotes at line 1, column 9")
    ]
    assert list(read_json(b"42", "n.json")) == [Failure(source="n.json", reason="the JSON holds a number, not articles")]
    assert list(read_json(b"[]", "e.json")) == [Failure(source="e.json", reason="no records in the JSON file")]
    assert list(read_json(b'{"meta": {}}', "m.json")) == [
        Failure(source="m.json", reason="the JSON object has no 'articles', 'items' or 'data' list and no article text")
    ]
    assert list(read_json(b"[" * 100_000, "deep.json")) == [Failure(source="deep.json", reason="bad JSON: nested too deeply")]


def test_csv_semicolons_case_insensitive_headers():
    data = (
        " ID ;Title;TEXT;Date;Outlet\r\n"
        'n1;Storm;"Wind, rain;\r\nand hail.";2024-03-05;Coast FM\r\n'
        ";;;;\r\n"
        "n2;Empty;;2024-03-06;Coast FM\r\n"
        "n1;Again;Second n1 story.;;\r\n"
    ).encode()
    results = list(read_csv(data, "x.csv"))
    storm, empty, again = results
    assert storm == RawArticle(
        source="x.csv#n1",
        text="Wind, rain;\r\nand hail.",
        format="csv",
        title="Storm",
        published=dt.date(2024, 3, 5),
        published_evidence="metadata",
        outlet="Coast FM",
        outlet_evidence="field 'outlet'",
        record="n1",
    )
    # the all-empty row 2 is skipped but still counted
    assert empty == Failure(source="x.csv", record="n2", reason="row 3: no 'text', 'body' or 'content' field")
    assert again.source == "x.csv#4"


def test_csv_comma_and_tab():
    comma = b'id,text,url\n1,"Hello, world.",https://c.example/1\n'
    tab = b"id\ttext\turl\n1\tHello, tab.\thttps://c.example/1\n"
    [a] = read_csv(comma, "c.csv")
    [b] = read_csv(tab, "t.tsv")
    assert (a.text, a.url, a.source) == ("Hello, world.", "https://c.example/1", "c.csv#1")
    assert (b.text, b.url) == ("Hello, tab.", "https://c.example/1")


def test_csv_rows_without_ids_are_numbered():
    [a, b] = read_csv(b"title,body\nA,First.\nB,Second.\n", "n.csv")
    assert (a.source, b.source) == ("n.csv#1", "n.csv#2")


def test_csv_big_field():
    body = "word " * 60_000
    [article] = read_csv(f'id,text\nbig,"{body}"\n'.encode(), "big.csv")
    assert article.text == body.strip()


def test_csv_failures():
    assert list(read_csv(b"id,title\n1,No body column\n", "h.csv")) == [
        Failure(source="h.csv", reason="the CSV header has no 'text', 'body' or 'content' column")
    ]
    assert list(read_csv(b"id,text\n", "o.csv")) == [Failure(source="o.csv", reason="no records in the CSV file")]
    assert list(read_csv(b"", "e.csv")) == [Failure(source="e.csv", reason="empty file")]


def test_record_ids():
    ids = RecordIds()
    assert ids.assign(1, "a", "https://u") == "a"
    assert ids.assign(2, None, "https://u") == "https://u"
    assert ids.assign(3, "", "  ", None) == "3"
    assert ids.assign(4, "a") == "4"
    assert ids.assign(5, 7) == "7"
    assert ids.assign(7, None) == "7-2"
