"""The web app and the static report in a real browser: Playwright driving Debian's
Chromium (installed by `make test`'s set-up), over the seeds and a hostile corpus."""

from __future__ import annotations

import io
import socket
import threading
import time
from pathlib import Path

import pytest

from newsprism import open_store
from newsprism.web.app import LOOPBACK_NAMES, create_app

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (make test installs Debian's chromium with apt)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


class _Server:
    """uvicorn serving the app over ``url`` on a free loopback port, in a thread."""

    def __init__(self, url: str):
        import uvicorn

        self.store = open_store(url, create=False)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.base = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(create_app(self.store, allowed_hosts=LOOPBACK_NAMES), log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> "_Server":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start in 30 s")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()
        self.store.close()


@pytest.fixture(scope="module")
def seeds_site(seeds_db):
    with _Server(seeds_db) as server:
        yield server.base


@pytest.fixture(scope="module")
def hostile_site(hostile_db):
    with _Server(hostile_db) as server:
        yield server.base


def _colours(png: bytes) -> set[tuple[int, int, int]]:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return {c for _, c in image.getcolors(maxcolors=1 << 20)}


def _watch(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Collect every dialog (alert, confirm, prompt) and page error the page raises."""
    events: list[str] = []
    page.on("dialog", lambda d: (events.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: events.append(f"error: {e}"))
    return events


def test_click_through_the_story_event_article_entity(browser, seeds_site, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    events = _watch(page)
    page.goto(seeds_site + "/")
    assert page.title() == "Stories and events · newsprism"
    chart = page.locator("svg.timeline")
    # the timeline plots three events; the meeting's bar is split into its three outlets' colours
    assert chart.locator("rect").count() == 5
    colours = _colours(chart.screenshot(path=str(tmp_path / "timeline.png")))
    assert {(0x4e, 0x79, 0xa7), (0xf2, 0x8e, 0x2b), (0x59, 0xa1, 0x4f)} <= colours

    page.get_by_role("link", name="Ayatollah Khamenei: Resistance Emboldened by Gen. Soleimani").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Ayatollah Khamenei: Resistance Emboldened by Gen. Soleimani"
    assert page.locator("section.column h3").all_inner_texts() == ["002_32ebf9da48c73862.txt", "Mehr News Agency", "Tasnim"]
    row = page.locator("table.matrix tr", has_text="dustbin of history")
    shot = row.screenshot(path=str(tmp_path / "matrix-row.png"))
    assert (0xda, 0xfb, 0xe1) in _colours(shot)  # the words the translation adds, on green
    assert row.locator("ins").first.is_visible()
    assert "history’s garbage bin" in row.inner_text()
    page.screenshot(path=str(tmp_path / "event.png"), full_page=True)

    page.locator("section.column", has_text="002_32ebf9da48c73862.txt").locator(".card a").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "untitled (002_32ebf9da48c73862.txt)"
    scare = page.locator("article.text .scare").all_inner_texts()
    assert scare == ["resistance", "Resistance", "Resistance front", "martyrdom"]
    quote = page.locator("article.text .quote", has_text="dustbin of history")
    assert "voice-quoted" in quote.first.get_attribute("class")
    shot = page.locator("article.text").screenshot(path=str(tmp_path / "article.png"))
    assert (0xff, 0xd8, 0xb5) in _colours(shot) and (0xdd, 0xf4, 0xff) in _colours(shot)  # scare quotes, quoted sentences

    page.locator("aside").get_by_role("link", name="Ali Khamenei").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Ali Khamenei")
    labels = page.locator("table.labels tr", has_text="002_32ebf9da48c73862.txt").inner_text()
    assert "Iran’s hardline leader" in labels and "the Leader" not in labels
    page.screenshot(path=str(tmp_path / "entity.png"), full_page=True)
    assert events == []
    page.close()


def test_search_from_the_box(browser, seeds_site):
    page = browser.new_page()
    page.goto(seeds_site + "/")
    page.get_by_label("Search articles").fill("dustbin")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    assert page.locator("main p").first.inner_text() == "1 article(s) match dustbin."
    assert page.locator(".snippet mark").all_inner_texts() == ["dustbin"]
    page.close()


def test_nothing_in_a_hostile_article_runs(browser, hostile_site, tmp_path):
    page = browser.new_page()
    events = _watch(page)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(hostile_site + "/")
    links = page.locator("a[href^='/articles/'], a[href^='/events/'], a[href^='/outlets/']").evaluate_all(
        "els => [...new Set(els.map(e => e.getAttribute('href')))]")
    assert len(links) >= 3
    visited = 0
    for href in links:
        page.goto(hostile_site + href)
        page.wait_for_load_state()
        page.mouse.move(200, 300)
        for author in page.locator("text=Reporter").all():
            author.hover()  # the <b onmouseover=...> payload, had it been markup
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.title().endswith(" · newsprism")  # the payloads would set it to 'pwned'
        visited += 1
    page.goto(hostile_site + links[0])
    page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
    assert visited == len(links)
    assert events == []
    assert violations == []  # nothing even tried to run: the payloads are text, not blocked markup
    body = page.locator("main").inner_text()
    assert "<script>" in body or "<img" in body  # the payload is shown as the outlet wrote it
    page.close()


def test_the_static_report_works_from_disk(browser, seeds_db, tmp_path):
    from newsprism.report import write_report

    with open_store(seeds_db, create=False) as store:
        write_report(store, tmp_path / "report")
    page = browser.new_page()
    events = _watch(page)
    page.goto((tmp_path / "report" / "index.html").as_uri())
    assert page.title() == "Stories and events · newsprism"
    assert page.locator("header form").count() == 0  # search needs the server
    page.get_by_role("link", name="Ayatollah Khamenei: Resistance Emboldened by Gen. Soleimani").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(".html") and "/events/" in page.url
    assert page.locator("section.column h3").all_inner_texts() == ["002_32ebf9da48c73862.txt", "Mehr News Agency", "Tasnim"]
    assert page.locator("table.matrix ins").count() > 0
    page.locator("section.column", has_text="Tasnim").locator(".card a").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Ayatollah Khamenei: Resistance Emboldened by Gen. Soleimani"
    assert page.locator("article.text .reused").count() > 0
    # the stylesheet applied under the page's own Content-Security-Policy (by its hash)
    assert page.locator("header.site").evaluate("e => getComputedStyle(e).display") == "flex"
    assert events == []
    page.close()
