"""Bytes to text: a byte-order mark, then a declared charset, then UTF-8, then detection."""

from __future__ import annotations

import codecs
import re

from core.importers.errors import ImportRefused

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def _known(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first few kilobytes, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    # Browsers treat these labels as their Windows supersets (WHATWG Encoding Standard).
    name = {
        "iso-8859-1": "cp1252",
        "latin1": "cp1252",
        "ascii": "cp1252",
        "us-ascii": "cp1252",
        "iso-8859-9": "cp1254",
        "tis-620": "cp874",
    }.get(name, name)
    return _known(name)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte of mostly-ASCII text is zero."""
    sample = data[:2000]
    if len(sample) < 4:
        return None
    even_zero = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_zero = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_zero > 0.3 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.3 and odd_zero < 0.05:
        return "utf-16-be"
    return None


_JUNK = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")


def _checked(text: str) -> str:
    """Refuse bytes that decoded into mostly control characters and replacement marks."""
    sample = text[:20000]
    if sample and len(_JUNK.findall(sample)) > 0.05 * len(sample):
        raise ImportRefused("this is a binary file, not text or a web page")
    return text


def _reads_as_text(data: bytes, name: str) -> bool:
    """UTF-16 of a non-Latin script has no zero bytes to spot; it still decodes to words."""
    sample = data[: 4000 - 4000 % 2].decode(name, errors="replace")
    good = sum(1 for ch in sample if ch.isalpha() or ch.isspace() or ch in ".,;:!?-()\"'«»")
    return bool(sample) and good / len(sample) > 0.85


def decode(data: bytes, *, html: bool = False) -> str:
    """Decode input bytes; refuse what is not text at all."""
    return _checked(_decode(data, html=html))


def _decode(data: bytes, *, html: bool) -> str:
    bom = _bom_encoding(data)
    if bom:
        name, skip = bom
        return data[skip:].decode(name, errors="replace")
    utf16 = _looks_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    if b"\x00" in data[:8192]:
        # The high byte of each UTF-16 unit varies little (one script, spaces): it tells the order.
        sample = data[:4000]
        even, odd = len(set(sample[0::2])), len(set(sample[1::2]))
        name = "utf-16-le" if odd < even else "utf-16-be"
        if _reads_as_text(data, name):
            return data.decode(name, errors="replace")
        raise ImportRefused("this is a binary file, not text or a web page")
    if html:
        declared = declared_charset(data)
        if declared:
            return data.decode(declared, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ImportRefused("the file's text encoding could not be recognised")
    return str(best)
