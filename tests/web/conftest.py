"""A hostile corpus, analysed once: markup and script in every field an outlet controls."""

from __future__ import annotations

import json

import pytest

PAYLOAD = "<script>document.title='pwned';window.__pwned=1;alert(1)</script>"
IMG = "<img src=x onerror=\"document.title='pwned';alert(2)\">"

HOSTILE = [
    {"title": f"Minister {PAYLOAD} resigns", "outlet": f"Daily {IMG}", "url": "javascript:alert(3)",
     "published": "2024-03-04", "author": "<b onmouseover=alert(4)>Reporter</b>",
     "text": (f"Minister Jane Doe resigned on Monday. “We will {PAYLOAD} fight on,” Doe said at a press conference "
              f"in the capital.\n\nThe opposition leader John Roe called the move {IMG} “a late confession”. "
              "Roe said the government had lost its majority.")},
    {"title": "Minister Jane Doe resigns </title><script>alert(5)</script>", "outlet": "Evening Post",
     "url": "https://example.org/doe?a=1&b=<x>", "published": "2024-03-04",
     "text": ("Minister Jane Doe resigned on Monday after a vote. “We will fight on,” Doe said at a press conference "
              "in the capital.\n\nOpposition leader John Roe said the government had lost its majority. "
              "<a href=\"javascript:alert(6)\">click</a>")},
]


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory) -> str:
    import newsprism
    from newsprism import open_store

    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in HOSTILE) + "\n", encoding="utf-8")
    url = f"sqlite:///{folder / 'hostile.db'}"
    with open_store(url) as store:
        newsprism.analyze([str(path)], store)
    return url
