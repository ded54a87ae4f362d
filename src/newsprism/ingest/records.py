"""Article records in JSON Lines, JSON and CSV files, plus the record-id rule every container uses."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from newsprism.ingest.dates import parse_metadata_date
from newsprism.ingest.decode import DecodeError, decode_bytes
from newsprism.model import Failure, RawArticle

__all__ = ["RecordIds", "read_jsonl", "read_json", "read_csv"]

csv.field_size_limit(2**31 - 1)  # article bodies easily pass the 128 KiB default

_TEXT_FIELDS = ("text", "body", "content")
_DATE_FIELDS = ("date", "published", "published_at", "publishedat", "pubdate")
_URL_FIELDS = ("url", "link")
_OUTLET_FIELDS = ("outlet", "source")
_LIST_KEYS = ("articles", "items", "data")
_NO_TEXT = "no 'text', 'body' or 'content' field"


class RecordIds:
    """Hands out record ids within one container.

    A record's id is the first non-empty candidate (its own id, then its URL), else its
    number. A repeated id falls back to the number, so every id is unique in the container.
    """

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def assign(self, number: int, *candidates: Any) -> str:
        """The id for record ``number`` (1-based) given its candidate ids, best first."""
        chosen = next((text for text in map(_text, candidates) if text), None)
        if chosen is None or chosen in self._seen:
            chosen = str(number)
            suffix = 1
            while chosen in self._seen:  # an explicit id already took the number
                suffix += 1
                chosen = f"{number}-{suffix}"
        self._seen.add(chosen)
        return chosen


def read_jsonl(data: bytes, source: str) -> Iterator[RawArticle | Failure]:
    """Read JSON Lines: one article object per line; blank lines are skipped.

    A line that is not JSON, not an object or has no text becomes a Failure naming the
    line; the lines after it are still read.
    """
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        yield Failure(source=source, reason=str(exc))
        return
    ids = RecordIds()
    found = False
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        found = True
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            reason = f"bad JSON on line {number}: {exc.msg} at column {exc.colno}"
        except (ValueError, RecursionError) as exc:  # e.g. an integer too long, nesting too deep
            reason = f"bad JSON on line {number}: {_error_text(exc)}"
        else:
            yield _article(value, number, f"line {number}", source, "jsonl", ids)
            continue
        yield Failure(source=source, record=str(number), reason=reason)
    if not found:
        yield Failure(source=source, reason="no records in the JSON Lines file")


def read_json(data: bytes, source: str) -> Iterator[RawArticle | Failure]:
    """Read a JSON file of articles.

    Accepts a list of article objects, an object holding that list under ``articles``,
    ``items`` or ``data``, or a single article object.
    """
    try:
        value = json.loads(decode_bytes(data))
    except DecodeError as exc:
        yield Failure(source=source, reason=str(exc))
        return
    except json.JSONDecodeError as exc:
        yield Failure(source=source, reason=f"bad JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")
        return
    except (ValueError, RecursionError) as exc:
        yield Failure(source=source, reason=f"bad JSON: {_error_text(exc)}")
        return
    items = _json_items(value)
    if isinstance(items, str):
        yield Failure(source=source, reason=items)
        return
    if not items:
        yield Failure(source=source, reason="no records in the JSON file")
        return
    ids = RecordIds()
    for number, item in enumerate(items, 1):
        yield _article(item, number, f"item {number}", source, "json", ids)


def read_csv(data: bytes, source: str) -> Iterator[RawArticle | Failure]:
    """Read a CSV file with a header row; comma, semicolon and tab delimiters are detected.

    Header names match case-insensitively. Rows are numbered from 1 after the header;
    an empty row is skipped, a row without text becomes a Failure.
    """
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        yield Failure(source=source, reason=str(exc))
        return
    header = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header.count)  # ties go to the comma
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    ids = RecordIds()
    number = 0
    try:
        reader.fieldnames = [str(name).strip().lower() for name in reader.fieldnames or ()]
        if not any(name in _TEXT_FIELDS for name in reader.fieldnames):
            yield Failure(source=source, reason="the CSV header has no 'text', 'body' or 'content' column")
            return
        for number, row in enumerate(reader, 1):
            if any(_text(value) for key, value in row.items() if key is not None):
                yield _article(row, number, f"row {number}", source, "csv", ids)
    except csv.Error as exc:
        yield Failure(source=source, reason=f"bad CSV after row {number}: {exc}")
        return
    if number == 0:
        yield Failure(source=source, reason="no records in the CSV file")


def _json_items(value: Any) -> list[Any] | str:
    """The article items of a parsed JSON document, or the reason there are none."""
    if isinstance(value, list):
        return value
    if not isinstance(value, dict):
        return f"the JSON holds {_kind(value)}, not articles"
    fields = _lower_keys(value)
    for key in _LIST_KEYS:
        if isinstance(fields.get(key), list):
            return fields[key]
    if any(key in fields for key in _TEXT_FIELDS):
        return [value]
    return "the JSON object has no 'articles', 'items' or 'data' list and no article text"


def _article(
    value: Any, number: int, where: str, source: str, fmt: str, ids: RecordIds
) -> RawArticle | Failure:
    """The RawArticle for one record, or the Failure saying what it lacks."""
    if not isinstance(value, Mapping):
        return Failure(source=source, record=str(number), reason=f"{where}: {_kind(value)}, not an object")
    fields = _lower_keys(value)
    url = _first(fields, _URL_FIELDS)[1]
    record = ids.assign(number, fields.get("id"), url)
    text = _first(fields, _TEXT_FIELDS)[1]
    if not text:
        return Failure(source=source, record=record, reason=f"{where}: {_NO_TEXT}")
    published = next(filter(None, (parse_metadata_date(fields.get(k)) for k in _DATE_FIELDS)), None)
    outlet_field, outlet = _first(fields, _OUTLET_FIELDS)
    return RawArticle(
        source=f"{source}#{record}",
        text=text,
        format=fmt,
        title=_text(fields.get("title")),
        url=url,
        published=published,
        published_evidence="metadata" if published else None,
        outlet=outlet,
        outlet_evidence=f"field '{outlet_field}'" if outlet else None,
        author=_authors(fields.get("author")),
        record=record,
    )


def _first(fields: Mapping[str, Any], names: Iterable[str]) -> tuple[str | None, str | None]:
    """The first of ``names`` with a non-empty value, and that value as text."""
    for name in names:
        text = _text(fields.get(name))
        if text:
            return name, text
    return None, None


def _text(value: Any) -> str | None:
    """A field value as stripped text: a non-blank string, a number, or ``{"name": "..."}``."""
    if isinstance(value, Mapping):  # e.g. NewsAPI's "source": {"id": ..., "name": "..."}
        value = value.get("name")
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _authors(value: Any) -> str | None:
    """An author field as text; a list of authors is joined with ", "."""
    if isinstance(value, list):
        return ", ".join(filter(None, map(_text, value))) or None
    return _text(value)


def _lower_keys(value: Mapping[Any, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for key, item in value.items():
        if key is not None:
            fields.setdefault(str(key).strip().lower(), item)
    return fields


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _error_text(exc: BaseException) -> str:
    return "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
