"""The web app over real stores, through Starlette's test client: every page, its JSON,
errors, headers, and hostile input that must come out inert."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from starlette.testclient import TestClient

from newsprism import open_store
from newsprism.report import pages
from newsprism.web.app import LOOPBACK_NAMES, SECURITY_HEADERS, create_app

from conftest import IMG


@pytest.fixture(scope="module")
def seeds_client(seeds_db):
    with open_store(seeds_db, create=False) as store:
        yield TestClient(create_app(store), base_url="http://127.0.0.1"), store


@pytest.fixture(scope="module")
def hostile_client(hostile_db):
    with open_store(hostile_db, create=False) as store:
        yield TestClient(create_app(store), base_url="http://127.0.0.1"), store


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.elements.append((tag, attrs))


def _elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Parser()
    parser.feed(html)
    return parser.elements


def _links(html: str) -> list[str]:
    return sorted(set(re.findall(r'href="(/[^"#]*)', html)))


def test_every_linked_page_answers_with_html_json_and_the_security_headers(seeds_client):
    client, store = seeds_client
    front = client.get("/")
    assert front.status_code == 200 and front.headers["content-type"].startswith("text/html")
    seen, todo = set(), ["/"]
    while todo:  # crawl everything reachable from the front page
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        r = client.get(path)
        assert r.status_code == 200, path
        for name, value in SECURITY_HEADERS.items():
            assert r.headers[name] == value
        if not path.endswith(".json") and not path.startswith("/search"):
            todo.extend(p for p in _links(r.text) if p not in seen)
    kinds = {p.split("/")[1] for p in seen}
    assert {"events", "articles", "entities", "outlets", "index.json"} <= kinds
    assert sum(1 for p in seen if p.startswith("/articles/") and not p.endswith(".json")) == 5


def test_json_is_the_page_context(seeds_client, seeds_document):
    client, store = seeds_client
    meeting = next(a["event"] for a in seeds_document["articles"] if a["source"].endswith("000_3cdeeee1e03729d9.txt"))
    r = client.get(f"/events/{meeting}.json")
    assert r.headers["content-type"] == "application/json"
    assert r.json() == json.loads(json.dumps(pages.event_page(store, meeting)))
    assert client.get("/index.json").json()["figures"]["articles"] == 5
    assert client.get("/outlets/Mehr%20News%20Agency.json").json()["outlet"] == "Mehr News Agency"


@pytest.mark.parametrize("path, status", [
    ("/events/0000000000000000", 404),
    ("/events/0000000000000000.json", 404),
    ("/articles/not-an-id", 400),
    ("/articles/..%2F..%2Fetc%2Fpasswd", 404),
    ("/articles/../../etc/passwd", 404),
    ("/outlets/..%2F..%2Fetc%2Fpasswd", 404),
    ("/outlets/../../../etc/passwd", 404),
    ("/entities/%00", 400),
    ("/static/../../pyproject.toml", 404),
    ("/nothing-here", 404),
    ("/search?q=x&page=abc", 400),
])
def test_bad_paths_are_answered_400_or_404_with_a_page(seeds_client, path, status):
    client, _ = seeds_client
    r = client.get(path)
    assert r.status_code == status
    assert "root:x:0:0" not in r.text and "[build-system]" not in r.text  # no file's contents, only our error page
    assert r.headers["Content-Security-Policy"] == SECURITY_HEADERS["Content-Security-Policy"]
    if path.split("?")[0].endswith(".json"):
        assert r.json()["status"] == status


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_there_is_no_write_endpoint(seeds_client, method):
    client, store = seeds_client
    before = store.count("articles")
    for path in ("/", "/search", "/events/0000000000000000"):
        assert client.request(method, path).status_code == 405
    assert store.count("articles") == before


def test_only_requests_addressed_to_loopback_are_answered(seeds_db):
    with open_store(seeds_db, create=False) as store:
        app = create_app(store, allowed_hosts=LOOPBACK_NAMES)
        assert TestClient(app, base_url="http://127.0.0.1:8765").get("/").status_code == 200
        assert TestClient(app, base_url="http://localhost:8765").get("/").status_code == 200
        assert TestClient(app, base_url="http://attacker.example").get("/").status_code == 400


def test_hostile_text_is_escaped_on_every_page(hostile_client):
    client, store = hostile_client
    seen, todo = set(), ["/"]
    while todo:
        path = todo.pop()
        if path in seen or path.endswith(".json"):
            continue
        seen.add(path)
        r = client.get(path)
        assert r.status_code == 200, path
        html = r.text
        # the payloads show as text: as the browser parses the page, no element of theirs
        # exists, none carries an event handler and no link has a script URL
        elements = _elements(html)
        assert not {tag for tag, _ in elements} & {"script", "img", "iframe", "object", "x"}, path
        assert not [(tag, k) for tag, attrs in elements for k, _ in attrs if k.startswith("on")], path
        assert not [v for _, attrs in elements for k, v in attrs
                    if k in ("href", "src", "action") and (v or "").strip().lower().startswith(("javascript:", "data:"))
                       and v != "data:,"], path  # (our own empty favicon)
        todo.extend(_links(html))
    assert sum(1 for p in seen if p.startswith("/articles/")) == 2
    by_outlet = {row["outlet"]: row["id"] for row in store.articles()}
    first = client.get(f"/articles/{by_outlet['Daily ' + IMG]}").text
    assert "Minister &lt;script&gt;document.title=&#39;pwned&#39;" in first
    assert "<b>Daily &lt;img src=x onerror=&#34;document.title=" in first
    assert "javascript:alert(3)" in first and ">original</a>" not in first  # shown as text, not as a link
    second = client.get(f"/articles/{by_outlet['Evening Post']}").text
    assert 'href="https://example.org/doe?a=1&amp;b=&lt;x&gt;"' in second
    assert "&lt;/title&gt;&lt;script&gt;alert(5)&lt;/script&gt;" in second
    assert "href=&#34;javascript:alert(6)&#34;&gt;click&lt;/a&gt;" in second  # the article's markup, as text
    assert any(p.startswith("/outlets/") for p in seen)


def test_search_finds_words_and_escapes_the_query(seeds_client):
    client, _ = seeds_client
    r = client.get("/search", params={"q": "dustbin"})
    assert r.status_code == 200
    found = client.get("/search.json", params={"q": "dustbin"}).json()
    assert found["total"] == 1 and found["hits"][0]["outlet"] is None
    assert "<mark>dustbin</mark>" in r.text
    hostile = client.get("/search", params={"q": "<script>alert(1)</script> \"AND( NEAR"})
    assert hostile.status_code == 200 and "<script>alert" not in hostile.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile.text


def test_a_failing_page_is_a_500_page_without_the_traceback(seeds_db, monkeypatch, caplog):
    def broken(store, key):
        raise ValueError("secret internals")

    monkeypatch.setattr(pages, "event_page", broken)
    with open_store(seeds_db, create=False) as store:
        client = TestClient(create_app(store), raise_server_exceptions=False)
        r = client.get("/events/0000000000000000")
    assert r.status_code == 500
    assert "secret internals" not in r.text and "Traceback" not in r.text
    assert r.headers["Content-Security-Policy"] == SECURITY_HEADERS["Content-Security-Policy"]
    assert "secret internals" in caplog.text  # logged for whoever runs the server


def test_head_answers_like_get_without_a_body(seeds_client):
    client, _ = seeds_client
    r = client.head("/")
    assert r.status_code == 200 and r.text == ""
    assert r.headers["Content-Security-Policy"] == SECURITY_HEADERS["Content-Security-Policy"]


@pytest.mark.postgres
def test_pages_are_the_same_on_postgresql(pg_url, seeds_dir, seeds_db):
    import newsprism

    with open_store(pg_url) as pg, open_store(seeds_db, create=False) as lite:
        newsprism.analyze([str(seeds_dir)], pg)
        index = pages.index_page(lite)
        assert pages.index_page(pg) == index
        for e in index["events"]:
            assert pages.event_page(pg, e["id"]) == pages.event_page(lite, e["id"])
        for row in lite.articles():
            assert pages.article_page(pg, row["id"]) == pages.article_page(lite, row["id"])
        for e in lite.entities()[:10]:
            assert pages.entity_page(pg, e["id"]) == pages.entity_page(lite, e["id"])
        for o in index["outlets"]:
            assert pages.outlet_page(pg, o["name"]) == pages.outlet_page(lite, o["name"])
        assert pages.search_page(pg, "dustbin")["hits"][0]["article"] == pages.search_page(lite, "dustbin")["hits"][0]["article"]


def test_the_front_page_is_rebuilt_after_a_new_run(tmp_path, seed_paths):
    import newsprism

    with open_store(f"sqlite:///{tmp_path / 'grow.db'}") as store:
        newsprism.analyze([str(seed_paths["000"])], store)
        client = TestClient(create_app(store))
        assert client.get("/index.json").json()["figures"]["articles"] == 1
        assert client.get("/index.json").json()["figures"]["articles"] == 1
        newsprism.analyze([str(seed_paths["001"])], store)
        assert client.get("/index.json").json()["figures"]["articles"] == 2
