"""Finding a quote in a text the way a selection in the reader would find it.

The quote is normalised like the canonical text (NFC, whitespace collapsed), and any run of
whitespace in it matches any run in the text, so a quote typed with a space finds a passage
that crosses a line break or a block separator. A match must start and end on cluster
boundaries: "👩" does not match inside "👩🏽‍💻".
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from core.anchoring.errors import QuoteNotFound
from core.anchoring.graphemes import is_grapheme_boundary
from core.canonical import normalize_text


@lru_cache(maxsize=1024)
def quote_pattern(quote: str) -> regex.Pattern[str]:
    """The search pattern for a quote; raises QuoteNotFound for a quote with no text."""
    words = normalize_text(quote).split()
    if not words:
        raise QuoteNotFound("the quote is empty")
    return regex.compile(r"\s+".join(regex.escape(word) for word in words))


def find_occurrences(
    text: str, quote: str, *, overlapping: bool = False
) -> Iterator[tuple[int, int]]:
    """(start, end) of each occurrence in order. Like the reader's find, the next search
    starts after the previous find, unless overlapping."""
    pattern = quote_pattern(quote)
    pos = 0
    while True:
        match = pattern.search(text, pos)
        if match is None:
            return
        start, end = match.span()
        if is_grapheme_boundary(text, start) and is_grapheme_boundary(text, end):
            yield start, end
            pos = start + 1 if overlapping else end
        else:
            pos = start + 1


def locate_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """(start, end) in code points of the occurrence-th (from 1) occurrence of quote."""
    if occurrence < 1:
        raise ValueError("occurrence counts from 1")
    count = 0
    for start, end in find_occurrences(text, quote):
        count += 1
        if count == occurrence:
            return start, end
    shown = _shorten(normalize_text(quote).replace("\n", " "))
    if count == 0:
        raise QuoteNotFound(f"the quote “{shown}” is not in the text")
    times = "once" if count == 1 else f"{count} times"
    raise QuoteNotFound(f"the quote “{shown}” occurs {times}: there is no occurrence {occurrence}")


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
