"""Publication dates from metadata fields (ISO strings, RFC 822, feed time tuples)."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

__all__ = ["parse_metadata_date"]

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_metadata_date(value: Any) -> dt.date | None:
    """A calendar date from a metadata value, or None when it cannot be read.

    Accepts ``date``/``datetime`` objects, ``time.struct_time`` (feedparser), ISO 8601
    strings and the common human formats (via dateutil). Never guesses a missing year or day.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, time.struct_time):
        try:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
        except ValueError:
            return None
    if isinstance(value, (int, float)):
        return None
    text = str(value).strip()
    match = _ISO_DATE.match(text)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    from dateutil import parser

    sentinel_a = dt.datetime(1, 1, 1)
    sentinel_b = dt.datetime(2, 2, 2)
    try:
        a = parser.parse(text, default=sentinel_a, fuzzy=False)
        b = parser.parse(text, default=sentinel_b, fuzzy=False)
    except (ValueError, OverflowError, TypeError):
        return None
    if a.year != b.year or a.month != b.month or a.day != b.day:
        return None  # the value lacks a year, month or day: don't fill it in
    try:
        return a.date()
    except ValueError:
        return None
