"""Dates in the text resolved against the article's own date and what the corpus knows.

Three steps, each keeping its evidence as words a reader can check:

1. **Anchors**: every explicit date in the corpus that stands in a sentence naming a
   happening ("The general was assassinated by the U.S. on January 3, 2020") is an anchor
   for that happening, keyed by its kind (``death``) and the names around it.
2. **Publication dates** where metadata has none, only from the article's own words: a
   weekday together with an explicit date that falls on it ("on Tuesday" + a post dated
   March 4, 2025), a weekday near an anniversary the anchors date ("on Saturday" + "the
   second anniversary of his martyrdom" = the Saturday nearest 2022-01-03), or a weekday
   that an offset from an anchor lands on ("on Tuesday", "one week after the collapse on
   March 4, 2025"). Otherwise it stays null.
3. **The day reported**: the first expression of the lead that resolves to a day at most
   ten days before the article's date ("made the remarks on Wednesday"), else the date
   itself. This is what events are dated and clustered by.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..stages.timex import WEEKDAYS, TimeExpression, happening

__all__ = ["DatedArticle", "ArticleDates", "Anchor", "Resolved", "resolve_dates", "find_anchors", "resolve",
           "weekday_near", "LEAD_SENTENCES"]

LEAD_SENTENCES = 4  # title line, dateline sentence and the two after it
# "next Friday", "last Monday", "since Sunday", "by Friday": not the day the article was written on or reports
_NOT_THE_DAY = ("next", "last", "since", "by", "until")
REPORT_WINDOW = 10  # days before its date an article's lead may still be reporting
_NAME = re.compile(r"\b[A-Z][\w'’-]+")
_NOT_NAMES = set(WEEKDAYS) | {"January", "February", "March", "April", "May", "June", "July", "August", "September",
                              "October", "November", "December", "The", "A", "An", "In", "On", "At", "He", "She",
                              "It", "They", "His", "Her", "Their", "This", "That", "But", "And", "As", "After"}


@dataclass(frozen=True)
class DatedArticle:
    """What the resolver needs of one article."""

    id: str
    text: str
    published: dt.date | None
    sentences: tuple[tuple[int, int], ...]
    times: tuple[TimeExpression, ...]


@dataclass(frozen=True)
class Resolved:
    """A time expression with the day it names (``precision`` day/week/month/year)."""

    expression: TimeExpression
    date: dt.date
    precision: str
    evidence: str


@dataclass(frozen=True)
class Anchor:
    """An explicit date in a sentence that names a happening."""

    article: str
    date: dt.date
    precision: str
    kinds: frozenset[str]
    names: frozenset[str]
    words: str


@dataclass(frozen=True)
class ArticleDates:
    """An article's publication date (metadata or inferred) and the day it reports."""

    article: str
    published: dt.date | None
    published_evidence: str | None
    happened: dt.date | None
    happened_evidence: str | None
    happened_rule: str | None  # lead | inferred | published | anniversary | explicit
    times: tuple[Resolved, ...] = ()


def _names(text: str) -> frozenset[str]:
    return frozenset(m.group(0).rstrip("'’s").rstrip("'’") for m in _NAME.finditer(text)
                     if m.group(0) not in _NOT_NAMES and len(m.group(0)) > 2)


def _kinds(text: str) -> frozenset[str]:
    return frozenset(k for w in re.findall(r"[\w'’]+", text) if (k := happening(w)))


def _sentence_of(article: DatedArticle, offset: int) -> tuple[int, int]:
    for start, end in article.sentences:
        if start <= offset < end:
            return start, end
    return max(0, article.text.rfind("\n", 0, offset) + 1), len(article.text)


def _sentence_index(article: DatedArticle, offset: int) -> int:
    for i, (start, end) in enumerate(article.sentences):
        if offset < end:
            return i
    return len(article.sentences)


def _context(article: DatedArticle, expr: TimeExpression) -> str:
    """The expression's sentence and the one before it (where "his" finds its name)."""
    start, end = _sentence_of(article, expr.start)
    before = _sentence_of(article, start - 1)[0] if start > 0 else start
    return article.text[before:end]


def _add(day: dt.date, count: int, unit: str) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=count)
    if unit == "week":
        return day + dt.timedelta(weeks=count)
    months = day.month - 1 + count * (12 if unit == "year" else 1)
    year, month = day.year + months // 12, months % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def weekday_near(day: dt.date, weekday: int, *, before: bool | None = None) -> dt.date:
    """The ``weekday`` nearest ``day`` (``before``: on or before it; False: on or after;
    None: whichever is nearer, the earlier on a tie)."""
    back = (day.weekday() - weekday) % 7
    ahead = (weekday - day.weekday()) % 7
    if before is True or (before is None and back <= ahead):
        return day - dt.timedelta(days=back)
    return day + dt.timedelta(days=ahead)


def _short(article_id: str) -> str:
    return article_id[:8]


def _fmt(text: str) -> str:
    return "'" + " ".join(text.split()) + "'"


def resolve(expr: TimeExpression, reference: dt.date | None, *, base: Resolved | None = None) -> Resolved | None:
    """The day ``expr`` names, given the article's date (``reference``) and, for an offset
    or anniversary, the ``base`` day it counts from; None where that is not enough."""
    ref = f"its date {reference.isoformat()}" if reference else ""
    if expr.kind == "date":
        return Resolved(expr, dt.date(expr.year, expr.month, expr.day), "day", _fmt(expr.text))  # type: ignore[arg-type]
    if expr.kind == "month":
        return Resolved(expr, dt.date(expr.year, expr.month, 1), "month", _fmt(expr.text))  # type: ignore[arg-type]
    if expr.kind in ("anniversary", "offset") and base is not None:
        if expr.shift is None or expr.unit is None:
            return None
        day = _add(base.date, expr.shift, expr.unit)
        precision = "day" if base.precision == "day" else base.precision
        return Resolved(expr, day, precision, f"{_fmt(expr.text)}: {expr.shift:+d} {expr.unit}(s) from {base.date} ({base.evidence})")
    if reference is None:
        return None
    if expr.kind == "month_day":
        try:
            day = dt.date(reference.year, expr.month, expr.day)  # type: ignore[arg-type]
            if day > reference + dt.timedelta(days=31):
                day = dt.date(reference.year - 1, expr.month, expr.day)  # type: ignore[arg-type]
        except ValueError:
            return None
        return Resolved(expr, day, "day", f"{_fmt(expr.text)} nearest before {ref}")
    if expr.kind == "relative":
        day = reference + dt.timedelta(days=expr.shift or 0)
        return Resolved(expr, day, "day", f"{_fmt(expr.text)} of {ref}")
    if expr.kind == "weekday":
        assert expr.weekday is not None
        if expr.modifier == "next":
            day = weekday_near(reference + dt.timedelta(days=1), expr.weekday, before=False)
            how = "the next after"
        elif expr.modifier == "last":
            day = weekday_near(reference - dt.timedelta(days=1), expr.weekday, before=True)
            how = "the last before"
        else:
            day = weekday_near(reference, expr.weekday, before=True)
            how = "the last on or before"
        return Resolved(expr, day, "day", f"{_fmt(expr.text)}: {how} {ref}")
    if expr.kind == "offset" and expr.anchor is None and expr.shift is not None and expr.unit:
        return Resolved(expr, _add(reference, expr.shift, expr.unit), expr.unit, f"{_fmt(expr.text)} from {ref}")
    if expr.kind == "last" and expr.unit:
        return Resolved(expr, _add(reference, expr.shift or 0, expr.unit), expr.unit, f"{_fmt(expr.text)} from {ref}")
    return None


def find_anchors(articles: Sequence[DatedArticle], references: dict[str, dt.date | None]) -> list[Anchor]:
    """Explicit dates (and month-day dates the article's own date completes) standing in a
    sentence that names a happening. A sentence that also counts an anniversary dates the
    commemoration, not the happening, and gives no anchor. Names come from the sentence
    and the one before it ("The general was assassinated ..." after "... General Soleimani")."""
    anchors = []
    for article in articles:
        counted = [(e.start, e.end) for e in article.times if e.kind == "anniversary"]
        for expr in article.times:
            if expr.kind not in ("date", "month_day", "month"):
                continue
            found = resolve(expr, references.get(article.id))
            if found is None:
                continue
            start, end = _sentence_of(article, expr.start)
            if any(start <= s < end for s, _ in counted):
                continue
            kinds = _kinds(article.text[start:end])
            if kinds:
                lo = max(start, expr.start - 100)
                if lo > start:
                    lo = article.text.find(" ", lo, expr.start) + 1 or lo
                words = article.text[lo:min(end, expr.end + 30)]
                anchors.append(Anchor(article.id, found.date, found.precision, kinds, _names(_context(article, expr)),
                                      " ".join(words.split())))
    return anchors


class _AnchorIndex:
    """Anchors by (kind, name) and by (kind, article): a lookup reads only the anchors that
    share a name with the expression's context or stand in its own article."""

    def __init__(self, anchors: Iterable[Anchor]):
        self.kinds: set[str] = set()
        self.by_name: dict[tuple[str, str], list[Anchor]] = defaultdict(list)
        self.by_article: dict[tuple[str, str], list[Anchor]] = defaultdict(list)
        for a in anchors:
            for k in a.kinds:
                self.kinds.add(k)
                self.by_article[(k, a.article)].append(a)
                for name in a.names:
                    self.by_name[(k, name)].append(a)

    def lookup(self, article: DatedArticle, expr: TimeExpression, reference: dt.date | None) -> Resolved | None:
        """The anchor an anniversary or an offset counts from: same kind of happening,
        the most names shared with the expression's context, then the most articles
        agreeing on the date, then the same article."""
        if not expr.anchor:
            return None
        kinds = _kinds(expr.anchor)
        if not kinds and _names(expr.anchor):
            kinds = frozenset(self.kinds)  # "the first anniversary of Soleimani": whatever befell him
        if not kinds:
            return None
        context_names = _names(_context(article, expr)) | _names(expr.anchor)
        seen: set[int] = set()
        candidates = []
        for k in sorted(kinds):
            pools = [self.by_article.get((k, article.id), ())] + [self.by_name.get((k, n), ()) for n in sorted(context_names)]
            for pool in pools:
                for a in pool:
                    if id(a) not in seen:
                        seen.add(id(a))
                        candidates.append(a)
        if reference is not None:
            candidates = [a for a in candidates if a.date < reference]
        if not candidates:
            return None
        votes: dict[dt.date, set[str]] = defaultdict(set)
        best: dict[dt.date, tuple[int, int, Anchor]] = {}
        for a in candidates:
            shared = len(context_names & a.names)
            if shared == 0 and a.article != article.id:
                continue
            votes[a.date].add(a.article)
            score = (shared, int(a.article == article.id))
            if a.date not in best or score > best[a.date][:2]:
                best[a.date] = (*score, a)
        if not best:
            return None
        # day-precision anchors first: "January 2020" only corroborates "January 3, 2020"
        day = max(best, key=lambda d: (best[d][2].precision == "day", best[d][0], len(votes[d]), best[d][1], -d.toordinal()))
        anchor = best[day][2]
        where = "this article" if anchor.article == article.id else f"article {_short(anchor.article)}"
        others = len(votes[day] - {anchor.article})
        also = f"; {others} more article{'s agree' if others > 1 else ' agrees'}" if others else ""
        base = Resolved(expr, anchor.date, anchor.precision, f"{where}: {_fmt(anchor.words)}{also}")
        return resolve(expr, reference, base=base)


def _explicit_after(article: DatedArticle, expr: TimeExpression) -> Resolved | None:
    """The explicit date right after an offset's anchor ("one week after the collapse on
    March 4, 2025"), in the same sentence."""
    sentence_end = _sentence_of(article, expr.start)[1]
    for other in article.times:
        if other.kind == "date" and expr.end <= other.start <= min(expr.end + 12, sentence_end):
            return resolve(other, None)
    return None


def _resolve_all(article: DatedArticle, reference: dt.date | None, index: _AnchorIndex) -> list[Resolved]:
    out = []
    for expr in article.times:
        if expr.kind in ("anniversary", "offset") and expr.anchor:
            base = _explicit_after(article, expr) if expr.kind == "offset" else None
            found = resolve(expr, reference, base=base) if base else index.lookup(article, expr, reference)
        else:
            found = resolve(expr, reference)
        if found is not None:
            out.append(found)
    return out


def _lead(article: DatedArticle, items: Iterable[Resolved]) -> list[Resolved]:
    return [r for r in items if _sentence_index(article, r.expression.start) < LEAD_SENTENCES]


# "TEHRAN, Jan. 1, 2022 (IRNA) –", "LONDON, 3 January 2022 —": a full date before the dateline's dash
_DATELINE = re.compile(r"^[^\n]{0,60}?[,(]\s*$")


def _dateline_date(article: DatedArticle) -> tuple[dt.date, str] | None:
    for expr in article.times:
        if expr.kind != "date" or expr.start > 200:
            continue
        line_start = article.text.rfind("\n", 0, expr.start) + 1
        after = article.text[expr.end:expr.end + 40]
        if _DATELINE.match(article.text[line_start:expr.start]) and re.match(r"\s*(?:\([^)\n]{1,40}\)\s*)?[–—-]", after):
            words = article.text[line_start:expr.end + len(after.split("–")[0].split("—")[0])].strip()
            return dt.date(expr.year, expr.month, expr.day), f"inferred: dateline {_fmt(words)}"  # type: ignore[arg-type]
    return None


def _infer_published(article: DatedArticle, resolved: list[Resolved]) -> tuple[dt.date, str] | None:
    """A publication date from a dateline, or from a weekday of the lead and a day the
    text fixes without one."""
    dateline = _dateline_date(article)
    if dateline is not None:
        return dateline
    weekdays = [e for e in article.times if e.kind == "weekday" and e.modifier not in _NOT_THE_DAY
                and _sentence_index(article, e.start) < LEAD_SENTENCES]
    if not weekdays:
        return None
    derived = [r for r in resolved if r.expression.kind in ("anniversary", "offset") and r.precision == "day"]
    consumed = {r.expression.end for r in derived}
    explicit = [r for r in resolved if r.expression.kind == "date"
                and not any(0 <= r.expression.start - e <= 12 for e in consumed)]
    for wd in weekdays:
        name = WEEKDAYS[wd.weekday]  # type: ignore[index]
        for r in derived:
            if r.expression.kind == "offset" and r.date.weekday() == wd.weekday:
                return r.date, f"inferred: {_fmt(wd.text)} = {r.date} ({r.evidence}), a {name}"
        for r in derived:
            if r.expression.kind == "anniversary":
                day = weekday_near(r.date, wd.weekday)  # type: ignore[arg-type]
                if abs((day - r.date).days) <= 3:
                    return day, f"inferred: {_fmt(wd.text)} = the {name} nearest {r.date} ({r.evidence})"
        for r in sorted(explicit, key=lambda r: r.date, reverse=True):
            if r.date.weekday() == wd.weekday:
                return r.date, f"inferred: {_fmt(wd.text)} = {r.date} ({_fmt(r.expression.text)} in the text), a {name}"
    return None


def _happened(article: DatedArticle, reference: dt.date | None, resolved: list[Resolved],
              rule: str | None, inferred: str | None = None) -> tuple[dt.date | None, str | None, str | None]:
    if reference is not None and rule == "inferred":
        return reference, (inferred or "").removeprefix("inferred: "), "inferred"
    if reference is not None:
        for r in _lead(article, resolved):
            if r.precision == "day" and reference - dt.timedelta(days=REPORT_WINDOW) <= r.date <= reference + dt.timedelta(days=1):
                return r.date, r.evidence, "lead"
        return reference, f"published {reference.isoformat()}; the lead names no other day", "published"
    for r in _lead(article, resolved):
        if r.precision == "day" and r.expression.kind in ("anniversary", "date"):
            return r.date, r.evidence, "anniversary" if r.expression.kind == "anniversary" else "explicit"
    return None, None, None


def resolve_dates(articles: Sequence[DatedArticle]) -> dict[str, ArticleDates]:
    """Every article's resolved time expressions, publication date and reported day."""
    references: dict[str, dt.date | None] = {a.id: a.published for a in articles}
    index = _AnchorIndex(find_anchors(articles, references))
    out: dict[str, ArticleDates] = {}
    for article in articles:
        resolved = _resolve_all(article, article.published, index)
        published, evidence, rule = article.published, "metadata" if article.published else None, None
        if published is None:
            inferred = _infer_published(article, resolved)
            if inferred is not None:
                published, evidence = inferred
                rule = "inferred"
                resolved = _resolve_all(article, published, index)
        happened, happened_evidence, happened_rule = _happened(article, published, resolved, rule, evidence)
        out[article.id] = ArticleDates(article.id, published, evidence, happened, happened_evidence, happened_rule,
                                       tuple(resolved))
    return out


def infer_from_event(article: DatedArticle, dates: ArticleDates, event_date: dt.date, event_evidence: str) -> ArticleDates:
    """An undated article whose lead names the weekday its event fell on takes that day
    ("on Tuesday" in an article of an event other articles date 2025-03-11, a Tuesday)."""
    if dates.published is not None:
        return dates
    for e in article.times:
        if e.kind == "weekday" and e.modifier not in _NOT_THE_DAY and _sentence_index(article, e.start) < LEAD_SENTENCES:
            if e.weekday == event_date.weekday():
                evidence = (f"inferred: {_fmt(e.text)} = {event_date}, a {WEEKDAYS[e.weekday]}, the day of its event "
                            f"({event_evidence})")
                return dataclasses.replace(dates, published=event_date, published_evidence=evidence, happened=event_date,
                                           happened_evidence=evidence.removeprefix("inferred: "), happened_rule="inferred")
            break
    return dates


def vote(items: Iterable[tuple[dt.date, str, str, str]]) -> tuple[dt.date | None, str | None]:
    """An event's date from its articles' (day, rule, evidence, article id): days the
    lead names count most, then inferred and explicit ones, anniversaries, and last
    publication dates; ties go to the earlier day."""
    weight = {"lead": 3.0, "inferred": 3.0, "explicit": 2.0, "anniversary": 1.5, "published": 1.0}
    score: Counter[dt.date] = Counter()
    evidence: dict[dt.date, list[str]] = defaultdict(list)
    for day, rule, words, article in items:
        score[day] += weight.get(rule, 1.0)
        evidence[day].append(f"{_short(article)}: {words}")
    if not score:
        return None, None
    best = max(score, key=lambda d: (score[d], -d.toordinal()))
    lines = evidence[best]
    others = sorted(d for d in score if d != best)
    tail = f"; other days named: {', '.join(d.isoformat() for d in others)}" if others else ""
    return best, f"{best.isoformat()}: " + "; ".join(lines[:4]) + (f"; +{len(lines) - 4} more" if len(lines) > 4 else "") + tail
