"""The static report: the same pages as files, linked relatively, each with its JSON."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from newsprism import ExportError, open_store
from newsprism.cli import EXIT_ERROR, main
from newsprism.report import pages, write_report
from newsprism.report.render import META_CSP, outlet_file


@pytest.fixture(scope="module")
def report(seeds_db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "site"
    with open_store(seeds_db, create=False) as store:
        summary = write_report(store, out)
    # 55 entities: "Qaani" in "Esmail Ghaani (Qaani)" is his name, not an entity of its own
    assert summary == {"out": str(out), "pages": {"index": 1, "events": 3, "articles": 5, "entities": 55, "outlets": 5}}
    return out


def test_every_link_resolves_to_a_written_page(report):
    html_files = sorted(report.rglob("*.html"))
    assert len(html_files) == 1 + 3 + 5 + 55 + 5
    for page in html_files:
        text = page.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"]+)"', text):
            if href.startswith(("http://", "https://", "data:")):
                continue
            target = (page.parent / unquote(href.split("#")[0])).resolve()
            assert target.is_file(), f"{page.relative_to(report)} links to missing {href}"
        assert "/search" not in text  # no server to search with


def test_static_pages_carry_the_same_content_as_the_app(report, seeds_db):
    with open_store(seeds_db, create=False) as store:
        index = pages.index_page(store)
        meeting = index["events"][0]["id"]
        context = pages.event_page(store, meeting)
        outlet = pages.outlet_page(store, "Mehr News Agency")
    saved = json.loads((report / "events" / f"{meeting}.json").read_text(encoding="utf-8"))
    assert saved == json.loads(json.dumps(context))
    html = (report / "events" / f"{meeting}.html").read_text(encoding="utf-8")
    assert "dustbin of history" in html and "<ins>" in html
    assert 'href="../articles/' in html and 'href="../entities/' in html
    assert json.loads((report / "outlets" / f"{outlet_file('Mehr News Agency')}.json").read_text()) == json.loads(json.dumps(outlet))
    (csp,) = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert unescape(csp) == META_CSP


def test_outlet_files_are_safe_names():
    assert outlet_file("Mehr News Agency").startswith("mehr-news-agency-")
    assert re.fullmatch(r"outlet-[0-9a-f]{8}", outlet_file("../../"))
    assert outlet_file("A/B") != outlet_file("A B")


def test_a_file_as_the_target_is_a_clear_error(seeds_db, tmp_path):
    (tmp_path / "x").write_text("")
    with open_store(seeds_db, create=False) as store, pytest.raises(ExportError, match="it is a file"):
        write_report(store, tmp_path / "x")
    with open_store(seeds_db, create=False) as store, pytest.raises(ExportError, match="does not exist"):
        write_report(store, tmp_path / "no" / "such" / "folder")


def test_cli_report_and_serve_errors(seeds_db, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["report", "--db", seeds_db, "--out", str(tmp_path / "r"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["pages"]["articles"] == 5
    assert (tmp_path / "r" / "index.html").is_file()
    missing = runner.invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == EXIT_ERROR and "no database at" in missing.output
