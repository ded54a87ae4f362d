"""Rendering page contexts to HTML (Jinja2, autoescaped) and JSON, for the web app and
the static report alike.

Article text is hostile input. Every value reaches HTML through Jinja2's autoescaping
(nothing is marked safe), links to outside pages are only rendered for http(s) URLs, and
every page carries a Content-Security-Policy that allows no script at all and only the
one stylesheet inlined in the page (by its hash), so even markup that slipped through
could not run.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from importlib import resources
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .. import __version__

__all__ = ["Links", "render_html", "render_json", "outlet_file", "CSP", "META_CSP", "timeline_chart", "bar_chart"]

CSS = resources.files("newsprism.report").joinpath("static/newsprism.css").read_text(encoding="utf-8")
_CSS_HASH = base64.b64encode(hashlib.sha256(CSS.encode("utf-8")).digest()).decode("ascii")
# In each page's <meta> (the static report has no headers) and, with frame-ancestors
# (which a <meta> cannot carry), in the web app's response headers.
META_CSP = ("default-src 'none'; script-src 'none'; object-src 'none'; img-src 'self' data:; "
            f"style-src 'sha256-{_CSS_HASH}'; base-uri 'none'; form-action 'self'")
CSP = META_CSP + "; frame-ancestors 'none'"

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac")
_OTHER = "#cfcfcf"


def outlet_file(name: str) -> str:
    """A file name for an outlet's page in the static report: readable and unique."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "outlet"
    return f"{slug}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"


class Links:
    """URLs of pages: the web app's paths (``/events/ID``), or relative file names in
    the static report (``../events/ID.html``) from a page ``depth`` folders down."""

    def __init__(self, *, static: bool = False, depth: int = 0):
        self.static = static
        self.prefix = "../" * depth

    def to(self, kind: str, key: str, *, as_json: bool = False) -> str:
        if self.static:
            name = outlet_file(key) if kind == "outlets" else key
            return f"{self.prefix}{kind}/{name}.{'json' if as_json else 'html'}"
        return f"/{kind}/{quote(key, safe='')}{'.json' if as_json else ''}"

    def index(self) -> str:
        return f"{self.prefix}index.html" if self.static else "/"

    def search(self, query: str = "") -> str | None:
        if self.static:
            return None  # search needs the server (`newsprism serve`)
        return "/search" + (f"?q={quote(query)}" if query else "")


def _date_number(day: str) -> int:
    return dt.date.fromisoformat(day).toordinal()


def timeline_chart(timeline: list[dict[str, Any]], outlets: list[str], *, width: int = 900, height: int = 180) -> dict[str, Any]:
    """Geometry of the front page's plot: one stacked bar per day on which events
    happened, each part an outlet's articles about that day's events, the bar linking to
    the day's largest event; the ten largest outlets get colours, the others grey."""
    colour = {name: PALETTE[i] for i, name in enumerate(outlets[: len(PALETTE)])}
    left, bottom, top = 40, 24, 8
    if not timeline:
        return {"width": width, "height": height, "bars": [], "ticks": [], "legend": [], "max": 0}
    days: dict[int, dict[str, Any]] = {}
    for e in timeline:
        day = days.setdefault(_date_number(e["date"]), {"date": e["date"], "events": [], "outlets": {}})
        day["events"].append(e)
        for name, n in e["outlets"].items():
            day["outlets"][name] = day["outlets"].get(name, 0) + n
    first, last = min(days), max(days)
    span = max(1, last - first)
    tallest = max(sum(d["outlets"].values()) for d in days.values()) or 1
    plot_w, plot_h = width - left - 10, height - bottom - top
    bar_w = max(2.0, min(14.0, plot_w / max(1, len(days)) * 0.8))
    bars = []
    for number, d in sorted(days.items()):
        x = left + (number - first) / span * (plot_w - bar_w)
        y = top + plot_h
        largest = max(d["events"], key=lambda e: (e["articles"], e["id"]))
        what = largest["title"] if len(d["events"]) == 1 else f"{len(d['events'])} events, the largest: {largest['title']}"
        for name, n in sorted(d["outlets"].items(), key=lambda kv: (kv[0] not in colour, kv[0])):
            h = n / tallest * plot_h
            y -= h
            bars.append({"x": round(x, 1), "y": round(y, 1), "w": round(bar_w, 1), "h": round(h, 1),
                         "fill": colour.get(name, _OTHER), "event": largest["id"],
                         "label": f"{d['date']}: {what} — {name}: {n} article(s)"})
    ticks = []
    for i in range(5):
        day = first + round(span * i / 4)
        ticks.append({"x": round(left + (day - first) / span * (plot_w - bar_w), 1),
                      "label": dt.date.fromordinal(day).isoformat(),
                      "anchor": "start" if i == 0 else "end" if i == 4 else "middle"})  # labels stay inside the plot
    legend = [{"name": n, "fill": c} for n, c in colour.items()]
    if len(outlets) > len(PALETTE):
        legend.append({"name": f"{len(outlets) - len(PALETTE)} other outlet(s)", "fill": _OTHER})
    return {"width": width, "height": height, "bars": bars, "ticks": ticks if span > 1 else ticks[:1], "legend": legend,
            "max": tallest, "axis_y": top + plot_h, "left": left}


def bar_chart(items: list[dict[str, Any]], value: str, label: str, *, width: int = 260) -> list[dict[str, Any]]:
    """Horizontal bars for ``items``: each with ``w`` (pixels) scaled to the largest ``value``."""
    largest = max((abs(float(x[value])) for x in items), default=0.0) or 1.0
    return [{"label": x[label], "value": x[value], "w": round(abs(float(x[value])) / largest * width, 1)} for x in items]


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("newsprism.report", "templates"), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(timeline_chart=timeline_chart, bar_chart=bar_chart, version=__version__, css=Markup(CSS), csp=META_CSP)  # our own stylesheet: the one unescaped string
    return env


_ENV = _environment()


def render_html(context: dict[str, Any], links: Links) -> str:
    """The page for ``context`` (its ``page`` key names the template)."""
    return _ENV.get_template(f"{context['page']}.html").render(page=context, links=links)


def render_json(context: dict[str, Any]) -> str:
    return json.dumps(context, ensure_ascii=False, sort_keys=True, indent=1)
