"""Bytes to text: BOMs, UTF-8, then charset detection; binary files refused with a reason."""

from __future__ import annotations

import codecs

__all__ = ["DecodeError", "decode_bytes", "looks_binary"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters that never occur in text (everything below 0x20 but tab, LF, FF, CR, ESC).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (docx/xlsx/zip)",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
    b"\x1f\x8b": "gzip-compressed data",
}


class DecodeError(ValueError):
    """The bytes are not text newsprism can read; the message says why."""


def looks_binary(data: bytes) -> str | None:
    """Why ``data`` is not text (a short description), or None when it may be text."""
    head = data[:4096]
    for signature, what in _SIGNATURES.items():
        if head.startswith(signature):
            return f"binary file ({what})"
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    if not head:
        return None
    controls = sum(head.count(bytes([b])) for b in _BINARY_BYTES)
    if b"\x00" in head or controls / len(head) > 0.05:
        return "binary file (control bytes where text was expected)"
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` to ``str``.

    Order: a byte-order mark; strict UTF-8; the ``declared`` charset (HTTP header, XML
    prolog) when it decodes cleanly; then charset-normalizer's best guess. Raises
    :class:`DecodeError` with the reason when none works.
    """
    if not data:
        raise DecodeError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"undecodable bytes after a {encoding} byte-order mark: {exc.reason} at byte {exc.start}") from None
    why = looks_binary(data)
    if why:
        raise DecodeError(why)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("undecodable bytes: not UTF-8 and no other text encoding fits")
    text = str(best)
    # A guess that is mostly replacement or control characters is not text.
    bad = sum(1 for ch in text[:4096] if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    if bad > max(3, len(text[:4096]) // 50):
        raise DecodeError(f"undecodable bytes: best guess {best.encoding} gives garbage")
    return text
