"""From what a reader found to an :class:`Article`: normalised text, metadata, language, id."""

from __future__ import annotations

from ..ids import content_id
from ..model import Article, RawArticle
from .metadata import find_credit_outlet, find_dateline
from .normalize import normalize_text

__all__ = ["build_article", "detect_language", "article_id", "NotAnArticle", "MIN_LETTERS"]

# The quality gate: fewer letters than this is a scrap (an error page, a caption, markup
# debris), not an article.
MIN_LETTERS = 20


class NotAnArticle(ValueError):
    """What a reader found is not an article; the message says why."""


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid, on the first 1,500 characters:
    enough for a clear answer on article prose, and language detection is a quarter of
    ingest time on 5,000)."""
    import py3langid

    language, _score = py3langid.classify(text[:1500])
    return str(language)


def article_id(text: str, title: str | None, outlet: str | None, url: str | None) -> str:
    """The article's id: a hash of what it says and who published it where.

    The path it was read from is left out, so the same article read from another folder
    keeps its id, while the same text under another outlet (a syndicated copy) gets its own.
    """
    return content_id("article", text, title, outlet, url)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def build_article(raw: RawArticle) -> Article:
    """Normalise ``raw`` and complete its metadata from its own words.

    Raises :class:`NotAnArticle` when too little text is left to be an article.
    """
    text = normalize_text(raw.text).text
    letters = sum(1 for ch in text if ch.isalpha())
    if letters < MIN_LETTERS:
        raise NotAnArticle(f"too little text to be an article ({letters} letters; at least {MIN_LETTERS} needed)")
    outlet, outlet_evidence = _clean(raw.outlet), raw.outlet_evidence
    if outlet and not outlet_evidence:
        outlet_evidence = "metadata"
    place = raw.place
    dateline = find_dateline(text)
    if dateline is not None:
        place = place or dateline.place
        if outlet is None and dateline.outlet:
            outlet, outlet_evidence = dateline.outlet, f"dateline: {dateline.text}"
    if outlet is None:
        credit = find_credit_outlet(text)
        if credit is not None:
            outlet, outlet_evidence = credit[0], f"credit line: {credit[1]}"
    title = _clean(raw.title)
    url = _clean(raw.url)
    return Article(
        id=article_id(text, title, outlet, url),
        source=raw.source,
        format=raw.format,
        text=text,
        language=detect_language(text),
        title=title,
        url=url,
        published=raw.published,
        published_evidence=raw.published_evidence if raw.published else None,
        outlet=outlet,
        outlet_evidence=outlet_evidence if outlet else None,
        author=_clean(raw.author),
        place=place,
    )
